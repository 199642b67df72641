"""A path typed into a box, with a button beside it that opens a file or folder chooser."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton


def path_row(edit: QLineEdit, text: str, choose: Callable[[], None]) -> tuple[QHBoxLayout, QPushButton]:
    """The box stretched, its button (labelled ``text``, running ``choose``) beside it.

    The caller gives the button its accessible name or description and uses the box as the buddy
    of the row's label, so the label's mnemonic goes to the box."""
    button = QPushButton(text)
    button.clicked.connect(choose)
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(button)
    return row, button
