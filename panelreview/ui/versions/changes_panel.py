"""The Changes panel: what carrying the review to the new version did to every note and recommendation.

Those needing attention come first (needs placing, then edited), then moved and unchanged ones.
Choosing an item shows it in the new draft; below the list, an orphaned item shows its old passage
and section and can be re-attached (to the text selected in the draft or to a section) or left
unplaced; an edited one shows its old and new wording. The panel only shows and asks: the
:class:`~panelreview.ui.versions.install.VersionsUi` makes the changes.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.compare import compare_texts
from panelreview.core.reanchor import CarryStatus
from panelreview.core.versions import CarryRecord, Judgement
from panelreview.ui.common.labels import scrolling, shorten, vertical_splitter
from panelreview.ui.versions.comparison import comparison_html
from panelreview.ui.versions.wording import kind_word, place, status_icon, status_word, where_text

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ChangesPanel(QDockWidget):
    item_chosen = Signal(str)  # item id: show it in the draft
    reattach_to_selection_requested = Signal(str)
    reattach_to_section_requested = Signal(str)
    dismiss_requested = Signal(str)
    compare_requested = Signal(str)  # item id: compare the section it is (or was) in
    addressed_requested = Signal(str)  # recommendation id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Changes"), parent)
        self.setObjectName("changes_dock")
        self.records: list[CarryRecord] = []
        self.judgements: dict[str, Judgement] = {}
        self.can_edit = False

        self.summary_label = QLabel()
        self.summary_label.setObjectName("changes_summary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list = QListWidget()
        self.list.setObjectName("changes_list")
        self.list.setAccessibleName(self.tr("Notes and recommendations carried to this version"))
        self.list.setAccessibleDescription(
            self.tr("Those that need a look come first. Press Enter on one to see it in the draft.")
        )
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.currentItemChanged.connect(lambda current, _previous: self._on_current(current))
        self.list.itemActivated.connect(self._on_activated)
        self.list.itemClicked.connect(self._on_activated)
        self.empty_label = QLabel(
            self.tr(
                "Nothing has been carried to this version of the draft. When a new version arrives, "
                "choose Review › New Version of the Draft… and your notes follow it."
            )
        )
        self.empty_label.setWordWrap(True)

        self.detail_label = QLabel()
        self.detail_label.setObjectName("changes_detail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextFormat(Qt.TextFormat.RichText)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.passage = QTextBrowser()
        self.passage.setObjectName("changes_passage")
        self.passage.setAccessibleName(self.tr("The item's passage, old and new"))
        self.passage.setMinimumHeight(60)
        self.passage.setMaximumHeight(150)  # the buttons below stay in sight on a small screen
        self.show_button = QPushButton(self.tr("S&how in the Draft"))
        self.selection_button = QPushButton(self.tr("Re-attach to the &Selection"))
        self.selection_button.setToolTip(
            self.tr("Select the right passage in the draft (or choose a section in the outline) first")
        )
        self.section_button = QPushButton(self.tr("Re-attach to a Sec&tion…"))
        self.dismiss_button = QPushButton(self.tr("Leave &Unplaced"))
        self.dismiss_button.setToolTip(
            self.tr("Take it off the to-do list; it stays in the review, with its old passage")
        )
        self.compare_button = QPushButton(self.tr("Compare the Sect&ion…"))
        self.addressed_button = QPushButton(self.tr("&Was It Addressed?…"))
        self.show_button.clicked.connect(lambda: self._request(self.item_chosen))
        self.selection_button.clicked.connect(lambda: self._request(self.reattach_to_selection_requested))
        self.section_button.clicked.connect(lambda: self._request(self.reattach_to_section_requested))
        self.dismiss_button.clicked.connect(lambda: self._request(self.dismiss_requested))
        self.compare_button.clicked.connect(lambda: self._request(self.compare_requested))
        self.addressed_button.clicked.connect(lambda: self._request(self.addressed_requested))

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(6, 6, 6, 0)
        top_layout.addWidget(self.summary_label)
        top_layout.addWidget(self.list, 1)
        top_layout.addWidget(self.empty_label)
        detail = QWidget()
        detail.setObjectName("changes_item")
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(6, 6, 6, 6)
        detail_layout.addWidget(self.detail_label)
        detail_layout.addWidget(self.passage)
        row1 = QHBoxLayout()
        row1.addWidget(self.show_button)
        row1.addWidget(self.compare_button)
        row1.addStretch(1)
        row2 = QHBoxLayout()  # two rows, so the panel fits beside the draft on a small screen
        row2.addWidget(self.selection_button)
        row2.addWidget(self.section_button)
        row2.addStretch(1)
        row3 = QHBoxLayout()
        row3.addWidget(self.dismiss_button)
        row3.addWidget(self.addressed_button)
        row3.addStretch(1)
        for row in (row1, row2, row3):
            detail_layout.addLayout(row)
        detail_layout.addStretch(1)  # the item's details stay at the top, under the list
        self.detail = detail
        self.setWidget(vertical_splitter((top, 1), (scrolling(detail), 1)))
        self.setMinimumWidth(300)
        self.set_records([], "", {})

    # ----- contents -----------------------------------------------------------------------------
    def set_records(self, records: list[CarryRecord], summary: str, judgements: dict[str, Judgement]) -> None:
        """Show these records (those needing attention first), keeping the chosen one if it is still there."""
        chosen = self.current_id()
        attention = [r for r in records if r.needs_attention]
        self.records = attention + [r for r in records if not r.needs_attention]
        self.judgements = judgements
        self.summary_label.setText(summary)
        self.summary_label.setVisible(bool(summary))
        with QSignalBlocker(self.list):
            self.list.clear()
            for record in self.records:
                self.list.addItem(self._item(record))
        self.list.setVisible(bool(self.records))
        self.empty_label.setVisible(not self.records)
        if not (chosen and self.select(chosen)):
            if self.records:  # the most urgent item, ready to be dealt with (nothing moves in the draft)
                self.list.setCurrentRow(0)
            else:
                self._show(None)

    def _item(self, record: CarryRecord) -> QListWidgetItem:
        status = status_word(record)
        first = self.tr("{status} · {kind}: {text}").format(
            status=status, kind=kind_word(record.kind), text=shorten(record.text or "", 70)
        )
        item = QListWidgetItem(status_icon(record), first + "\n" + where_text(record))
        item.setData(ITEM_ID_ROLE, record.item_id)
        item.setToolTip(record.text)
        return item

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        value = item.data(ITEM_ID_ROLE) if item is not None else None
        return str(value) if value is not None else None

    def current_record(self) -> CarryRecord | None:
        chosen = self.current_id()
        return next((r for r in self.records if r.item_id == chosen), None)

    def select(self, item_id: str) -> bool:
        for row in range(self.list.count()):
            if self.list.item(row).data(ITEM_ID_ROLE) == item_id:
                if self.list.currentRow() == row:
                    self._show(self.records[row])
                else:
                    self.list.setCurrentRow(row)
                return True
        return False

    def row_of(self, item_id: str) -> int:
        return next((i for i, r in enumerate(self.records) if r.item_id == item_id), -1)

    # ----- the chosen item ----------------------------------------------------------------------
    def _on_current(self, item: QListWidgetItem | None) -> None:
        self._show(self.current_record() if item is not None else None)

    def _on_activated(self, item: QListWidgetItem) -> None:
        record = self.current_record()
        if record is not None and self._placed(record):
            self.item_chosen.emit(record.item_id)

    @staticmethod
    def _placed(record: CarryRecord) -> bool:
        return record.status is not CarryStatus.ORPHANED or record.resolution == "reattached"

    def _request(self, signal: object) -> None:
        chosen = self.current_id()
        if chosen is not None:
            signal.emit(chosen)  # type: ignore[attr-defined]

    def _show(self, record: CarryRecord | None) -> None:
        self.detail.setEnabled(record is not None)
        if record is None:
            self.detail_label.setText(self.tr("Choose an item above to see what became of it."))
            self.passage.clear()
            for button in self._buttons():
                button.setEnabled(False)
            return
        orphan = record.status is CarryStatus.ORPHANED and record.resolution != "reattached"
        lines = [
            "<b>" + html.escape(status_word(record)) + "</b> · " + html.escape(kind_word(record.kind)),
            html.escape(shorten(record.text or "", 300)),
            html.escape(self.tr("Was in: {place}").format(place=place(record.old_section, record.old_page))),
        ]
        if not orphan:
            lines.append(
                html.escape(
                    self.tr("Now in: {place}").format(place=place(record.new_section, record.new_page))
                )
            )
        if record.kind == "recommendation":
            judgement = self.judgements.get(record.item_id)
            lines.append(html.escape(self._judgement_text(judgement)))
        self.detail_label.setText("<br>".join(lines))
        self.passage.setHtml(self._passage_html(record, orphan))
        self.show_button.setEnabled(not orphan)
        for button in (self.selection_button, self.section_button):
            button.setEnabled(self.can_edit)
        self.dismiss_button.setEnabled(self.can_edit and orphan and record.resolution is None)
        self.compare_button.setEnabled(True)
        self.addressed_button.setEnabled(record.kind == "recommendation")
        self.addressed_button.setVisible(record.kind == "recommendation")

    def _judgement_text(self, judgement: Judgement | None) -> str:
        if judgement is None:
            return self.tr("Was it addressed? Not judged yet.")
        words = {
            "addressed": self.tr("Addressed"),
            "partly": self.tr("Partly addressed"),
            "not-addressed": self.tr("Not addressed"),
            "no-longer-relevant": self.tr("No longer relevant"),
        }
        return self.tr("Was it addressed? {status}").format(
            status=words.get(judgement.status.value, judgement.status.value)
        )

    def _passage_html(self, record: CarryRecord, orphan: bool) -> str:
        old, new = record.old_quote, record.new_quote
        if orphan:
            if not old:
                return (
                    "<p>"
                    + html.escape(self.tr("It was on the whole section, which this version no longer has."))
                    + "</p>"
                )
            return (
                "<p><b>" + html.escape(self.tr("Its passage in the earlier version:")) + "</b></p>"
                + "<p>“" + html.escape(old) + "”</p>"
            )  # fmt: skip
        if record.status is CarryStatus.EDITED and old and new and old != new:
            title = html.escape(self.tr("Old wording struck through, new wording underlined:"))
            return f"<p><b>{title}</b></p>" + comparison_html(compare_texts([old], [new]))
        if new:
            return "<p>“" + html.escape(new) + "”</p>"
        return "<p>" + html.escape(self.tr("It is on the whole section.")) + "</p>"

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.show_button,
            self.selection_button,
            self.section_button,
            self.dismiss_button,
            self.compare_button,
            self.addressed_button,
        )
