"""``python -m panelreview`` runs the same front door as the console script."""

import sys

from panelreview.cli import main

if __name__ == "__main__":
    sys.exit(main())
