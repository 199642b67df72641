"""CLI subcommands. Each module exposes ``register(subparsers)``; heavy imports stay inside handlers
so that ``panelreview outline`` imports neither Qt nor SQLite helpers it does not need."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(data: Any) -> int:
    """Print ``data`` as indented JSON (UTF-8 text, not escapes) for ``--json``; the exit status 0."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0
