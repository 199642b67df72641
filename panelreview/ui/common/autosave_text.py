"""A text box that saves itself: a moment after typing stops, and when it loses focus.

``save(text) -> bool`` is the caller's review call. While a save has not succeeded the typed text
stays in the box; a refresh from the review never overwrites text that has not been saved yet.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

SAVE_DELAY_MS = 800


class AutoSaveText(QPlainTextEdit):
    def __init__(self, save: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._saved_text = ""
        self._loading = False
        self.setTabChangesFocus(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.commit)
        self.textChanged.connect(self._typed)

    def load(self, text: str, *, force: bool = False) -> None:
        """Show ``text`` from the review, unless unsaved typing would be lost (and not ``force``)."""
        if not force and self.dirty:
            return
        self._loading = True
        try:
            if self.toPlainText() != text:
                self.setPlainText(text)
            self._saved_text = text
        finally:
            self._loading = False

    @property
    def dirty(self) -> bool:
        return self.toPlainText() != self._saved_text

    def _typed(self) -> None:
        if not self._loading:
            self._timer.start()

    def commit(self) -> bool:
        self._timer.stop()
        if not self.dirty:
            return True
        text = self.toPlainText()
        if self._save(text):
            self._saved_text = text
            return True
        return False

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)
