"""The one progress dialog every long job shows: titled, named for screen readers, cancellable.

Callers pass text already translated (``self.tr(...)``), so each string keeps its own context.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget


def progress_dialog(
    parent: QWidget | None,
    title: str,
    label: str,
    cancel_text: str,
    on_cancel: Callable[[], None] | None = None,
    *,
    modal: bool = True,
    delay_ms: int = 0,
) -> QProgressDialog:
    """A busy indicator (no percentage until the caller sets a range) that stays up until closed.

    ``delay_ms`` is how long Qt waits before showing it; the caller still calls ``show()`` when the
    dialog should appear at once.
    """
    dialog = QProgressDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setCancelButtonText(cancel_text)
    dialog.setAccessibleName(title)
    dialog.setRange(0, 0)
    dialog.setMinimumDuration(delay_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setWindowModality(Qt.WindowModality.WindowModal if modal else Qt.WindowModality.NonModal)
    if on_cancel is not None:
        dialog.canceled.connect(on_cancel)
    return dialog


def close_progress(dialog: QProgressDialog, on_cancel: Callable[[], None] | None = None) -> None:
    """Put a progress dialog away for good. ``on_cancel`` (what it was made with) is disconnected
    first, since closing a progress dialog says Cancel; reset() stops the timer that would still
    show it after its delay."""
    if on_cancel is not None:
        dialog.canceled.disconnect(on_cancel)
    dialog.reset()
    dialog.close()
    dialog.deleteLater()
