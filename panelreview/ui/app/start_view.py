"""What the window shows when nothing is open: open a draft or a review, recent reviews, the sample."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from panelreview.ui.app.recent_reviews import RecentReview

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
CARD_WIDTH, CARD_MARGIN = 540, 32


class StartView(QWidget):
    open_draft_requested = Signal()
    open_sample_requested = Signal()
    open_review_requested = Signal()
    recent_requested = Signal(Path)

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
                "Open the draft plan you have been sent (PDF, Word or text) to read it, find your "
                "way by its sections and write your notes. Your notes are saved as you go."
            )
        )
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        self.open_button = QPushButton(self.tr("&Open a draft…"))
        self.open_button.setDefault(True)
        self.open_button.setAccessibleDescription(self.tr("Choose a PDF, Word or text file to read"))
        self.open_button.clicked.connect(self.open_draft_requested)

        self.review_button = QPushButton(self.tr("Open a &review…"))
        self.review_button.setAccessibleDescription(self.tr("Choose a review you started before (.pcpr)"))
        self.review_button.clicked.connect(self.open_review_requested)

        self.sample_button = QPushButton(self.tr("Try the &sample draft"))
        self.sample_button.setAccessibleDescription(
            self.tr("Open the Westshire example plan that comes with PanelReview")
        )
        self.sample_button.setEnabled(sample_available)
        self.sample_button.clicked.connect(self.open_sample_requested)

        self.recent_label = QLabel(self.tr("Recent &reviews"))
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("recent_reviews")
        self.recent_list.setAccessibleName(self.tr("Recent reviews"))
        self.recent_list.setAccessibleDescription(self.tr("Press Enter on a review to open it"))
        self.recent_list.itemActivated.connect(self._on_recent)
        self.recent_label.setBuddy(self.recent_list)

        hint = QLabel(self.tr("Or drop a file on this window."))
        hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        hint.setEnabled(False)  # drawn in the palette's muted text colour

        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        # A fixed width, so the wrapped title and introduction get the height they need.
        card.setFixedWidth(CARD_WIDTH)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(CARD_MARGIN, 28, CARD_MARGIN, 28)
        inner.setSpacing(14)
        inner.addWidget(title)
        inner.addWidget(intro)
        inner.addSpacing(8)
        for button in (self.open_button, self.review_button, self.sample_button):
            button.setMinimumHeight(36)
            inner.addWidget(button)
        inner.addSpacing(4)
        inner.addWidget(self.recent_label)
        inner.addWidget(self.recent_list)
        inner.addWidget(hint)

        for label in (title, intro):  # wrapped labels get the height their lines need
            label.setMinimumHeight(label.heightForWidth(CARD_WIDTH - 2 * CARD_MARGIN))
        page = QWidget()
        centred = QVBoxLayout(page)
        centred.addStretch(1)
        centred.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        centred.addStretch(2)
        # In a scroll area, so a small window (or large text) scrolls the card instead of the
        # card holding the whole window wider than the screen once a draft is open beside it.
        scroll = QScrollArea()
        scroll.setObjectName("start_scroll")
        scroll.setWidget(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.set_recent([])

    def set_recent(self, reviews: list[RecentReview]) -> None:
        self.recent_list.clear()
        for recent in reviews:
            item = QListWidgetItem(f"{recent.title or recent.path.stem}\n{recent.path.name}")
            item.setData(PATH_ROLE, str(recent.path))
            item.setToolTip(str(recent.path))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, recent.title or recent.path.stem)
            self.recent_list.addItem(item)
        self.recent_label.setVisible(bool(reviews))
        self.recent_list.setVisible(bool(reviews))
        # As tall as its reviews (up to five), so one recent review is not lost in an empty box.
        rows = sum(
            self.recent_list.sizeHintForRow(r) + 2 * self.recent_list.spacing()
            for r in range(min(5, len(reviews)))
        )
        frame = 2 * self.recent_list.frameWidth()
        self.recent_list.setFixedHeight(max(rows, self.recent_list.fontMetrics().height() * 2) + frame + 4)

    def _on_recent(self, item: QListWidgetItem) -> None:
        value = item.data(PATH_ROLE)
        if value:
            self.recent_requested.emit(Path(str(value)))
