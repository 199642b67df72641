"""The toolbar's page box: "Page [6] (label 4) of 17"; type a number and press Enter to go there."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QAbstractSpinBox, QHBoxLayout, QLabel, QSpinBox, QWidget


class PageBox(QWidget):
    page_requested = Signal(int)  # 0-based

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_box")
        self._prefix = QLabel(self.tr("Page"))
        self.spin = QSpinBox()
        self.spin.setObjectName("page_spin")
        self.spin.setAccessibleName(self.tr("Page number"))
        self.spin.setAccessibleDescription(self.tr("Type a page number and press Enter to go to it"))
        self.spin.setKeyboardTracking(False)  # go there on Enter, not on every digit typed
        self.spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.spin.setMinimumWidth(56)
        self.spin.valueChanged.connect(lambda value: self.page_requested.emit(value - 1))
        self._prefix.setBuddy(self.spin)
        self.suffix = QLabel()
        self.suffix.setObjectName("page_suffix")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.setSpacing(6)
        layout.addWidget(self._prefix)
        layout.addWidget(self.spin)
        layout.addWidget(self.suffix)
        self._labels: list[str] = []
        self.set_page_count(0, [])

    def set_page_count(self, count: int, labels: list[str]) -> None:
        self._labels = list(labels)
        with QSignalBlocker(self.spin):
            self.spin.setRange(1 if count else 0, max(count, 0))
        self.setEnabled(count > 0)
        self.set_page(0)

    def set_page(self, page: int) -> None:
        """Show the page being read (0-based), without asking to go there."""
        count = self.spin.maximum()
        with QSignalBlocker(self.spin):
            self.spin.setValue(page + 1 if count else 0)
        label = self._labels[page] if 0 <= page < len(self._labels) else ""
        if label and label != str(page + 1):
            text = self.tr("(label {label}) of {count}").format(label=label, count=count)
        else:
            text = self.tr("of {count}").format(count=count)
        self.suffix.setText(text)
        self.spin.setAccessibleDescription(self.text())

    def text(self) -> str:
        """The box as a sentence, e.g. "Page 6 (label 4) of 17"."""
        return f"{self._prefix.text()} {self.spin.value()} {self.suffix.text()}"
