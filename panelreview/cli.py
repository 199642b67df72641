"""The headless front door: ``panelreview COMMAND ...`` over the same core the UI uses.

With no command (or a file path) it starts the desktop application.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence
from pathlib import Path

from panelreview import __version__
from panelreview.core.errors import UserError

# Subcommand modules, imported lazily by name so start-up stays cheap.
COMMAND_MODULES = (
    "panelreview.commands.outline_cmd",
    "panelreview.commands.review_cmds",
    "panelreview.commands.export_cmd",
    "panelreview.commands.clerk_cmds",
    "panelreview.commands.settings_cmd",
    "panelreview.commands.version_cmds",  # carry-over, changes, addressed
    "panelreview.commands.import_notes_cmd",  # import-notes
    "panelreview.commands.checklist_cmds",  # checklist, measures
)


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(
        prog="panelreview",
        description="Review a draft Police and Crime Plan offline.",
    )
    parser.add_argument("--version", action="version", version=f"panelreview {__version__}")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="try the application offscreen on the sample draft, then exit (0 when all works)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a command module not written yet
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return parser


def _command_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def _looks_like_a_command(word: str) -> bool:
    """A bare word such as "exprot": not an option for Qt, not a file that exists, no extension."""
    return (
        not word.startswith("-")
        and "/" not in word
        and "\\" not in word
        and "." not in word
        and not Path(word).exists()
    )


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    if args_in[:1] == ["--smoke-test"]:
        from panelreview.ui.app.smoke import run_smoke_test

        return run_smoke_test(args_in[1:])
    parser = build_parser()
    names = _command_names(parser)
    is_command = bool(args_in) and args_in[0] in names
    if not (is_command or args_in[:1] in (["-h"], ["--help"], ["--version"])):
        if args_in and _looks_like_a_command(args_in[0]):
            close = difflib.get_close_matches(args_in[0], sorted(names), n=1)
            hint = f" Did you mean “{close[0]}”?" if close else " See panelreview --help."
            print(f"panelreview: there is no command or file “{args_in[0]}”.{hint}", file=sys.stderr)
            return 2
        return _run_app(args_in)
    args = parser.parse_args(args_in)
    try:
        return int(args.handler(args))
    except UserError as err:
        print(f"panelreview: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("panelreview: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the reader went away
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _run_app(args: list[str]) -> int:
    try:
        from panelreview.app import run_app
    except ImportError as exc:
        print(f"panelreview: the desktop application is not available here ({exc}).", file=sys.stderr)
        return 2
    return int(run_app(args))
