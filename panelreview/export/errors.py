"""The one error type every report writer raises for a problem the user can act on."""

from __future__ import annotations

from panelreview.core.errors import UserError


class ExportError(UserError):
    """A report could not be written: the target is open in another program or read-only, the
    template is not a Word file, the output's extension is not one PanelReview writes, ..."""


def one_of(value: str, choices: tuple[str, ...], what: str) -> str:
    """``value`` as one of ``choices`` (any case, spaces around ignored); else says which to use.

    ``what`` names the choice with its article: "a report shape" gives "“x” is not a report shape.
    Use report, letter or table."
    """
    wanted = value.strip().lower()
    if wanted not in choices:
        *others, last = choices
        raise ExportError(f"“{value}” is not {what}. Use {', '.join(others)} or {last}.")
    return wanted
