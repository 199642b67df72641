"""Dates a report puts side by side, checked against each other before the Commissioner's office does.

A report names the draft's own date, the meeting that reviewed it, its own date and the date a
response is asked for. They must agree: a draft dated after the meeting that reviewed it, or a
response asked for before the report is dated, would embarrass the panel.

    date_problems(draft_dated="2025-03-06", meeting="2025-02-13", report=None, response_by=None,
                  today=date(2025, 2, 20))
    -> ["The draft is dated 6 March 2025, after the meeting on 13 February 2025 that reviewed it. …"]
"""

from __future__ import annotations

import re
from datetime import date

from panelreview.core.draft_label import describe_date

_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")


def _parsed(value: str | None) -> tuple[date, bool] | None:
    """An ISO date (or "2025-02") and whether it is only a month; None if it is not one."""
    match = _ISO.match((value or "").strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3] or 1)), match[3] is None
    except ValueError:
        return None


def _after(a: tuple[date, bool], b: tuple[date, bool]) -> bool:
    """``a`` is certainly later than ``b`` (a month only counts as later when its month is)."""
    if a[1] or b[1]:
        return (a[0].year, a[0].month) > (b[0].year, b[0].month)
    return a[0] > b[0]


def date_problems(
    *,
    draft_dated: str | None,
    meeting: str | None,
    report: str | None,
    response_by: str | None,
    today: date,
) -> list[str]:
    """Plain-English warnings about dates that contradict each other (empty when all agree).

    ``report`` None means the report will bear ``today``'s date.
    """
    problems: list[str] = []
    draft = _parsed(draft_dated)
    met = _parsed(meeting)
    dated = _parsed(report) or (today, False)
    asked = _parsed(response_by)
    shown = describe_date
    if draft and met and _after(draft, met):
        problems.append(
            f"The draft is dated {shown(str(draft_dated))}, after the meeting on {shown(str(meeting))} that "
            "reviewed it. Check the draft’s date or the meeting date."
        )
    if draft and _after(draft, dated):
        problems.append(
            f"The draft is dated {shown(str(draft_dated))}, after the report’s own date "
            f"({shown(dated[0].isoformat())}). Check the draft’s date or set the report’s date."
        )
    if asked and _after(dated, asked):
        problems.append(
            f"The response is asked for by {shown(str(response_by))}, before the report’s date "
            f"({shown(dated[0].isoformat())}). Set the report’s date, or a later date for the response."
        )
    if met and asked and _after(met, asked):
        problems.append(
            f"The response is asked for by {shown(str(response_by))}, before the meeting on "
            f"{shown(str(meeting))}. Check the response date."
        )
    return problems
