"""``panelreview settings REVIEW [--panel-name ...]``: see or change what the report is headed with.

The panel's name, the plan's title, the commissioner's and panel's titles ("Police, Fire and Crime
Commissioner"), the meeting date, the deadlines, the report's own date, the chair, contact officer,
the commissioner's name and address, the panel's general comments, the list of response statuses,
and the current draft's own label and date ("Final draft", 6 February 2025) all come from here;
this command shows them and changes them, one undoable change per run. It shows how the titles
read in a sentence, and warns when dates contradict each other.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# (setting, help); DATES add the short name errors use. Dates are read day-first.
FIELDS = (
    ("panel_name", "the panel's name, e.g. “Westshire Police and Crime Panel”"),
    ("plan_title", "the plan's title, e.g. “Police and Crime Plan 2025-29”"),
    ("commissioner_title", "the commissioner's title, e.g. “Police, Fire and Crime Commissioner”"),
    ("panel_title", "the panel's title, e.g. “Police, Fire and Crime Panel”"),
    ("chair_name", "who signs the report, e.g. “Cllr Jane Smith”"),
    ("contact_officer", "the contact officer, e.g. “Sam Clerk, 01234 567890, sam@westshire.gov.uk”"),
    ("commissioner_name", "the commissioner's name, for the letter, e.g. “Helen Whitlock”"),
)
# Longer text: several lines (address) or paragraphs (comments).
TEXTS = (
    (
        "commissioner_address",
        "the letter's address lines, separated by | (e.g. 'Hallam House | Brackenford')",
    ),
    ("general_comments", "the panel's general comments (“The Panel welcomed …”); paragraphs separated by |"),
)
DATES = (
    ("meeting_date", "meeting date", "the date of the panel's meeting on the draft"),
    ("comments_deadline", "deadline for comments", "the date members' comments are due"),
    ("response_deadline", "response date", "the date the panel asks for the commissioner's response by"),
    ("report_date", "report date", "the date the report bears (default: the day it is exported)"),
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "settings",
        help="see or change the panel's name, titles, dates and response statuses",
        description="Show a review's settings, or change them with the options below.",
    )
    p.add_argument("review", metavar="REVIEW")
    for name, what in FIELDS:
        p.add_argument("--" + name.replace("_", "-"), dest=name, metavar="TEXT", help=what + " (or 'none')")
    for name, what in TEXTS:
        p.add_argument("--" + name.replace("_", "-"), dest=name, metavar="TEXT", help=what + " (or 'none')")
    p.add_argument(
        "--general-comments-file", metavar="FILE", help="read the general comments from a text file"
    )
    for name, _, what in DATES:
        p.add_argument("--" + name.replace("_", "-"), dest=name, metavar="DATE", help=what + " (or 'none')")
    p.add_argument(
        "--response-statuses",
        metavar="LIST",
        help="the statuses a response can have, separated by commas (e.g. 'accepted, not accepted')",
    )
    p.add_argument(
        "--draft-label",
        metavar="TEXT",
        help="what the current draft calls itself, e.g. “Final draft” (or 'none')",
    )
    p.add_argument(
        "--draft-date",
        metavar="DATE",
        help="the date the current draft bears (from the draft itself, not the file), or a month "
        "like 'February 2025' (or 'none')",
    )
    p.add_argument(
        "--preview",
        action="store_true",
        help="show how the titles given would read in the report, without saving anything",
    )
    p.set_defaults(handler=run)


_OPTIONAL = {"chair_name", "contact_officer", "commissioner_name"}


def _none(text: str) -> bool:
    return text.strip().lower() in ("", "none", "-")


def _values(args: argparse.Namespace) -> dict[str, object]:
    from panelreview.core.clerk import parse_date
    from panelreview.core.errors import UserError

    values: dict[str, object] = {}
    for name, what in FIELDS:
        text = getattr(args, name)
        if text is not None:
            if name in _OPTIONAL and _none(text):
                values[name] = ""
                continue
            if not text.strip():
                raise UserError(f"Give {what.split(',')[0]}; it cannot be empty.")
            values[name] = " ".join(text.split())
    for name, _ in TEXTS:
        text = getattr(args, name)
        if text is not None:
            values[name] = "" if _none(text) else "\n".join(p.strip() for p in text.split("|") if p.strip())
    if args.general_comments_file:
        try:
            values["general_comments"] = Path(args.general_comments_file).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"“{args.general_comments_file}” could not be read as text ({exc}).") from None
    for name, short, _ in DATES:
        text = getattr(args, name)
        if text is not None:
            values[name] = None if _none(text) else parse_date(text, short)
    if args.response_statuses is not None:
        statuses = tuple(dict.fromkeys(s.strip() for s in args.response_statuses.split(",") if s.strip()))
        if not statuses:
            raise UserError("Give at least one response status, for example 'accepted, not accepted'.")
        values["response_statuses"] = statuses
    return values


def run(args: argparse.Namespace) -> int:
    from panelreview.core.draft_label import describe_date, parse_draft_date
    from panelreview.export.facts import date_warnings, title_preview
    from panelreview.storage import open_review

    values = _values(args)
    if args.preview:
        import dataclasses

        with open_review(args.review, read_only=True) as review:
            titles = {
                k: v
                for k, v in values.items()
                if k in ("panel_name", "plan_title", "commissioner_title", "panel_title")
            }
            settings = dataclasses.replace(review.settings, **titles)  # type: ignore[arg-type]
        sys.stdout.write("In the report this would read (nothing saved):\n")
        for sentence in title_preview(settings):
            sys.stdout.write(f"  {sentence}\n")
        return 0
    draft_change = args.draft_label is not None or args.draft_date is not None
    with open_review(args.review, read_only=not (values or draft_change)) as review:
        if values:
            review.update_settings(**values)
        current = next(d for d in review.drafts() if d["id"] == review.current_draft_id)
        if draft_change:
            label = (
                current["label"]
                if args.draft_label is None
                else (None if _none(args.draft_label) else args.draft_label)
            )
            dated = current["dated"] if args.draft_date is None else parse_draft_date(args.draft_date)
            review.set_draft_label(str(current["id"]), label=label, dated=dated)
            current = next(d for d in review.drafts() if d["id"] == review.current_draft_id)
        settings = review.settings
        warnings = date_warnings(review)
    names = [name for name, _ in FIELDS] + [name for name, _, _ in DATES]
    rows: list[tuple[str, object]] = [(name, getattr(settings, name)) for name in names]
    rows.append(("response_statuses", ", ".join(settings.response_statuses)))
    rows.append(("commissioner_address", " | ".join(settings.commissioner_address.splitlines())))
    comments = settings.general_comments.split("\n")
    rows.append(
        ("general_comments", f"{comments[0][:70]}…" if len(settings.general_comments) > 70 else comments[0])
    )
    rows.append(("draft label", current["label"]))
    rows.append(("draft date", describe_date(str(current["dated"])) if current["dated"] else None))
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        shown = value if value not in (None, "") else "(not set)"
        sys.stdout.write(f"{name.replace('_', ' '):<{width}}  {shown}\n")
    if not (current["label"] or current["dated"]):
        sys.stdout.write(
            "The draft's own label and date are not known (they are read from its cover when it says "
            "them): give them with --draft-label and --draft-date, so the report names the draft right.\n"
        )
    if values.keys() & {"panel_name", "commissioner_title", "panel_title", "plan_title"}:
        sys.stdout.write("In the report this reads:\n")
        for sentence in title_preview(settings):
            sys.stdout.write(f"  {sentence}\n")
    for warning in warnings:
        sys.stderr.write(f"Check the dates: {warning}\n")
    if values or draft_change:
        sys.stdout.write("Saved.\n")
    return 0
