"""``panelreview import-notes REVIEW FILE``: bring in notes made on an annotated PDF or a Word file.

Prints what was imported, updated and skipped (and why). In a member's review the member's own
notes are imported and others' are listed as offered; ``--accept NAME`` or ``--accept-all`` takes
them too. In the clerk's review every author's notes become that member's views.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING, Any

from panelreview.commands import print_json

if TYPE_CHECKING:
    from panelreview.core.imported_notes import NotesFile, NotesImportReport, PlannedNote


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import-notes",
        help="import notes from an annotated PDF or a Word file with comments",
        description=(
            "Import the notes someone made on the draft in another program (highlights, sticky notes "
            "and comments in a PDF; comments in a Word file). Importing the same file again adds "
            "nothing; an edited re-send updates what it imported before."
        ),
    )
    p.add_argument("review", metavar="REVIEW", help="the review file (.pcpr)")
    p.add_argument("file", metavar="FILE", nargs="?", help="the annotated PDF or Word (.docx) file")
    p.add_argument("--json", action="store_true", help="print what happened as JSON")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--accept-all", action="store_true", help="take everyone's notes, not only yours")
    who.add_argument("--only-mine", action="store_true", help="take only your own notes (a member's default)")
    p.add_argument(
        "--accept",
        action="append",
        default=[],
        metavar="NAME",
        help="also take this person's notes (repeatable)",
    )
    p.add_argument(
        "--mine", action="append", default=[], metavar="NAME",
        help="another name you go by in the file, such as your computer login (repeatable)",
    )  # fmt: skip
    p.add_argument("--unnamed-as", metavar="NAME", help="whose notes the ones with no author are")
    p.add_argument("--dry-run", action="store_true", help="show what would be imported; change nothing")
    p.add_argument("--password", help="the password of a password-protected PDF")
    p.add_argument("--undo", action="store_true", help="remove the last import of notes from the review")
    p.set_defaults(handler=run_import_notes)


def _read(args: argparse.Namespace) -> NotesFile:
    from panelreview.core.errors import PasswordRequired, WrongPassword
    from panelreview.ingest.notes import read_notes

    try:
        return read_notes(args.file, args.password)
    except PasswordRequired as err:
        if isinstance(err, WrongPassword) or not sys.stdin.isatty():
            raise
        password = getpass.getpass("This PDF is password-protected. Password: ")
        return read_notes(args.file, password)


def _accept_from(args: argparse.Namespace) -> list[str] | None:
    """Whose notes to take besides the owner's (None: the review's default)."""
    if args.accept_all:
        return ["*"]
    if args.only_mine:
        return []
    return list(args.accept) or None


def run_import_notes(args: argparse.Namespace) -> int:
    from panelreview.core.errors import UserError
    from panelreview.storage import open_review

    if args.undo:
        with open_review(args.review) as review:
            change = review.undo_last_notes_import()
            print(f"{change.label}: done.")
        return 0
    if not args.file:
        raise UserError("Name the annotated PDF or Word file to import notes from.")
    notes = _read(args)
    with open_review(args.review, read_only=args.dry_run) as review:
        options: dict[str, Any] = {
            "accept_from": _accept_from(args),
            "mine": args.mine,
            "unnamed_as": args.unnamed_as,
        }
        if args.dry_run:
            report = review.plan_notes(notes, **options)
        else:
            _, report = review.import_notes(notes, **options)
    if args.json:
        return print_json(report_json(report, dry_run=args.dry_run))
    _print(report, args.dry_run)
    return 0


def note_json(note: PlannedNote) -> dict[str, Any]:
    item = note.item
    return {
        "status": note.status,
        "reason": note.reason or None,
        "author": note.author,
        "mine": note.mine,
        "kind": note.kind.value,
        "text": item.text,
        "quote": item.passage.quote,
        "page": item.passage.page + 1 if item.passage.page is not None else None,
        "section": note.section,
        "placed": note.placed,
        "origin": item.origin,
        "created": item.created,
        "id": note.note_id,
        "replies": [{"author": r.author, "text": r.text, "created": r.created} for r in item.replies],
        "new_replies": note.new_replies,
    }


def report_json(report: NotesImportReport, *, dry_run: bool = False) -> dict[str, Any]:
    from panelreview.core.imported_notes import NEW, OFFERED, SAME, SKIP, UPDATE

    return {
        "file": report.file_name,
        "dry_run": dry_run,
        "import_id": report.import_id,
        "summary": report.summary,
        "version_note": report.version_note,
        "counts": {s: len(report.having(s)) for s in (NEW, UPDATE, SAME, SKIP, OFFERED)},
        "left_out": report.left_out,
        "notes": [note_json(n) for n in report.notes],
    }


def _print(report: NotesImportReport, dry_run: bool) -> None:
    from panelreview.core.imported_notes import NEW, OFFERED, SAME, SKIP, UPDATE

    print(("Nothing was changed (a trial run). " if dry_run else "") + report.summary)
    if report.version_note:
        print(report.version_note)
    headings = (
        (NEW, "Would import" if dry_run else "Imported"),
        (UPDATE, "Would update" if dry_run else "Updated"),
        (SAME, "Already imported"),
        (OFFERED, "Others' notes not taken (use --accept NAME or --accept-all)"),
        (SKIP, "Skipped"),
    )
    for status, heading in headings:
        found = report.having(status)
        if not found:
            continue
        print(f"{heading} ({len(found)}):")
        for note in found:
            text = " ".join((note.item.text or "(highlight)").split())
            text = text if len(text) <= 70 else text[:69] + "…"
            why = f" — {note.reason}" if status in (SKIP, UPDATE) and note.reason else ""
            print(f"  [{note.kind.value}] {note.section} — {note.author}: {text}{why}")
            if note.placed and status in (NEW, UPDATE) and "(" in note.placed:
                print(f"      placed {note.placed}")
    if report.left_out:
        print("Left out of the file:")
        for reason, count in report.left_out.items():
            print(f"  {count} {reason}")
