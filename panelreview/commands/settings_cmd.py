"""``panelreview settings REVIEW [--panel-name ...]``: see or change what the report is headed with.

The panel's name, the plan's title, the commissioner's and panel's titles ("Police, Fire and Crime
Commissioner"), the meeting date, the deadlines and the list of response statuses all come from the
review's settings; this command shows them and changes them, one undoable change per run.
"""

from __future__ import annotations

import argparse
import sys

# (setting, help); DATES add the short name errors use. Dates are read day-first.
FIELDS = (
    ("panel_name", "the panel's name, e.g. “Westshire Police and Crime Panel”"),
    ("plan_title", "the plan's title, e.g. “Police and Crime Plan 2025-29”"),
    ("commissioner_title", "the commissioner's title, e.g. “Police, Fire and Crime Commissioner”"),
    ("panel_title", "the panel's title, e.g. “Police, Fire and Crime Panel”"),
)
DATES = (
    ("meeting_date", "meeting date", "the date of the panel's meeting on the draft"),
    ("comments_deadline", "deadline for comments", "the date members' comments are due"),
    ("response_deadline", "response date", "the date the panel asks for the commissioner's response by"),
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "settings",
        help="see or change the panel's name, titles, dates and response statuses",
        description="Show a review's settings, or change them with the options below.",
    )
    p.add_argument("review", metavar="REVIEW")
    for name, what in FIELDS:
        p.add_argument("--" + name.replace("_", "-"), dest=name, metavar="TEXT", help=what)
    for name, _, what in DATES:
        p.add_argument("--" + name.replace("_", "-"), dest=name, metavar="DATE", help=what + " (or 'none')")
    p.add_argument(
        "--response-statuses",
        metavar="LIST",
        help="the statuses a response can have, separated by commas (e.g. 'accepted, not accepted')",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from panelreview.core.clerk import parse_date
    from panelreview.core.errors import UserError
    from panelreview.storage import open_review

    values: dict[str, object] = {}
    for name, what in FIELDS:
        text = getattr(args, name)
        if text is not None:
            if not text.strip():
                raise UserError(f"Give {what.split(',')[0]}; it cannot be empty.")
            values[name] = " ".join(text.split())
    for name, short, _ in DATES:
        text = getattr(args, name)
        if text is not None:
            empty = text.strip().lower() in ("", "none", "-")
            values[name] = None if empty else parse_date(text, short)
    if args.response_statuses is not None:
        statuses = tuple(dict.fromkeys(s.strip() for s in args.response_statuses.split(",") if s.strip()))
        if not statuses:
            raise UserError("Give at least one response status, for example 'accepted, not accepted'.")
        values["response_statuses"] = statuses
    with open_review(args.review, read_only=not values) as review:
        if values:
            review.update_settings(**values)
        settings = review.settings
    names = [name for name, _ in FIELDS] + [name for name, _, _ in DATES]
    rows: list[tuple[str, object]] = [(name, getattr(settings, name)) for name in names]
    rows.append(("response_statuses", ", ".join(settings.response_statuses)))
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        shown = value if value not in (None, "") else "(not set)"
        sys.stdout.write(f"{name.replace('_', ' '):<{width}}  {shown}\n")
    if values:
        sys.stdout.write("Saved.\n")
    return 0
