"""A non-blocking message strip above the document (for example, the reader's warnings)."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget


class InfoBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("info_bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        # The system's tooltip colours: readable in light and dark palettes alike.
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.setAccessibleName(self.tr("Notice about this draft"))
        self._messages: list[str] = []

        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Hide this notice"))
        self.close_button.setAccessibleName(self.tr("Hide this notice"))
        self.close_button.clicked.connect(self.hide)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self.hide()

    def show_messages(self, messages: list[str]) -> None:
        """Show these messages instead of any shown before (none: hide the bar)."""
        self._messages = list(messages)
        if not self._messages:
            self.hide()
            return
        self.label.setText("\n".join(self._messages))
        self.show()

    def add_message(self, message: str) -> None:
        """Show ``message`` below those already shown (once)."""
        shown = self._messages if not self.isHidden() else []
        if message not in shown:
            self.show_messages([*shown, message])

    @property
    def messages(self) -> list[str]:
        return list(self._messages) if not self.isHidden() else []
