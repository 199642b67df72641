"""The frozen bundle's entry point: the same front door as the ``panelreview`` console script."""

import sys

from panelreview.cli import main

if __name__ == "__main__":
    sys.exit(main())
