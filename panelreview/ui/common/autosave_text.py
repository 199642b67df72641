"""A text box that saves itself: a moment after typing stops, and when it loses focus.

``save(text) -> bool`` is the caller's review call. While a save has not succeeded the typed text
stays in the box; a refresh from the review never overwrites text that has not been saved yet.

Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y) undo the box's own typing first; when the box has nothing of
its own to undo or redo, they reach the window's Undo and Redo (the review's changes) instead of
doing nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QPlainTextEdit, QWidget

SAVE_DELAY_MS = 800
UNDO_KEYS = (QKeySequence("Ctrl+Z"),)
REDO_KEYS = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))


def _is(event: QKeyEvent, standard: QKeySequence.StandardKey, keys: tuple[QKeySequence, ...]) -> bool:
    typed = QKeySequence(event.keyCombination())
    return event.matches(standard) or any(
        typed.matches(k) == QKeySequence.SequenceMatch.ExactMatch for k in keys
    )


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

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            document = self.document()
            nothing_to_undo = (
                _is(event, QKeySequence.StandardKey.Undo, UNDO_KEYS) and not document.isUndoAvailable()
            )
            nothing_to_redo = (
                _is(event, QKeySequence.StandardKey.Redo, REDO_KEYS) and not document.isRedoAvailable()
            )
            if nothing_to_undo or nothing_to_redo:
                event.ignore()  # let the window's shortcut have it
                return False
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)
