"""A short notice in the status bar after something is removed at once: "Note deleted — Undo".

Deleting a note (the Delete key, Edit › Delete Note, the note's Delete button) happens without a
question, because it can be undone; this says what happened and offers the undo right there. The
notice goes after a while, or as soon as another change is made or undone (its Undo would then
undo something else).
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

NOTICE_MS = 15_000


class UndoNotice(QWidget):
    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undo_notice")
        self.label = QLabel()
        self.button = QToolButton()
        self.button.setObjectName("undo_notice_button")
        self.button.setText(self.tr("Undo"))
        keys = QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)
        self.button.setToolTip(self.tr("Put it back ({keys})").format(keys=keys))
        self.button.clicked.connect(self._undo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self._stack: QUndoStack | None = None
        self._index = -1
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTICE_MS)
        self._timer.timeout.connect(self.dismiss)
        self.hide()

    def show_notice(self, text: str, stack: QUndoStack) -> None:
        """Show ``text`` with an Undo button for the change just pushed onto ``stack``."""
        self._forget_stack()
        self._stack = stack
        self._index = stack.index()
        stack.indexChanged.connect(self._stack_moved)
        self.label.setText(self.tr("{what} —").format(what=text))
        self.button.setAccessibleName(self.tr("Undo: {what}").format(what=text))
        self.show()
        self._timer.start()

    def dismiss(self) -> None:
        self._timer.stop()
        self._forget_stack()
        self.hide()

    def _forget_stack(self) -> None:
        stack, self._stack = self._stack, None
        if stack is not None:
            with contextlib.suppress(RuntimeError):  # the review (and its stack) already closed
                stack.indexChanged.disconnect(self._stack_moved)

    def _stack_moved(self, index: int) -> None:
        if index != self._index:
            self.dismiss()

    def _undo(self) -> None:
        if self._stack is not None and self._stack.index() == self._index:
            self.undo_requested.emit()
        self.dismiss()
