"""The one error type every report writer raises for a problem the user can act on."""

from __future__ import annotations

from panelreview.core.errors import UserError


class ExportError(UserError):
    """A report could not be written: the target is open in another program or read-only, the
    template is not a Word file, the output's extension is not one PanelReview writes, ..."""
