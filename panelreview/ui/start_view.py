"""What the window shows when nothing is open: open a draft, try the sample, drop a file."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget


class StartView(QWidget):
    open_draft_requested = Signal()
    open_sample_requested = Signal()
    open_review_requested = Signal()

    def __init__(self, sample_available: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("start_view")

        title = QLabel(self.tr("Review a draft Police and Crime Plan"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        title.setWordWrap(True)

        intro = QLabel(
            self.tr(
                "Open the draft plan you have been sent (PDF, Word or text). You can read it, "
                "find your way by its sections and, soon, add your notes."
            )
        )
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        self.open_button = QPushButton(self.tr("&Open a draft…"))
        self.open_button.setDefault(True)
        self.open_button.setAccessibleDescription(self.tr("Choose a PDF, Word or text file to read"))
        self.open_button.clicked.connect(self.open_draft_requested)

        self.sample_button = QPushButton(self.tr("Try the &sample draft"))
        self.sample_button.setAccessibleDescription(
            self.tr("Open the Westshire example plan that comes with PanelReview")
        )
        self.sample_button.setEnabled(sample_available)
        self.sample_button.clicked.connect(self.open_sample_requested)

        self.review_button = QPushButton(self.tr("Open a &review…"))
        self.review_button.setEnabled(False)
        self.review_button.setToolTip(self.tr("Reviews are coming in a later version"))
        self.review_button.clicked.connect(self.open_review_requested)

        hint = QLabel(self.tr("Or drop a file on this window."))
        hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        hint.setEnabled(False)  # drawn in the palette's muted text colour

        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        # A fixed width, so the wrapped title and introduction get the height they need.
        card.setFixedWidth(500)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(14)
        inner.addWidget(title)
        inner.addWidget(intro)
        inner.addSpacing(8)
        for button in (self.open_button, self.sample_button, self.review_button):
            button.setMinimumHeight(36)
            inner.addWidget(button)
        inner.addSpacing(4)
        inner.addWidget(hint)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
