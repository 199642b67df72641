"""The Checklist panel: what the law asks a plan to set out, where the draft does it, and your view.

Each item of the statutory checklist shows its status (found, only in passing, not found), the
sections PanelReview proposes (click one to go there) and the words that matched. The member
decides: confirm, change the sections, mark it weak or missing, with a note; "Draft a
recommendation" turns the item into a recommendation citing it, in one undo step. A second tab
shows the measurable commitments. Worked out only while the panel is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.checklist import ChecklistResult, ItemResult, Status, run_checklist
from panelreview.core.checklist_data import Titles
from panelreview.core.errors import UserError
from panelreview.core.measures import find_measures, priority_sections
from panelreview.core.model import Document
from panelreview.core.review import Change
from panelreview.core.section_names import SectionNames
from panelreview.ui.common.autosave_text import AutoSaveText
from panelreview.ui.common.labels import scrolling, vertical_splitter
from panelreview.ui.notes.measures_view import MeasuresView
from panelreview.ui.notes.sections_dialog import SectionsDialog
from panelreview.ui.session.review_session import ReviewSession

if TYPE_CHECKING:
    from panelreview.core.measures import MeasuresResult
    from panelreview.storage.checklist_ops import Decision

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
SECTION_ROLE = Qt.ItemDataRole.UserRole + 2
MARKS = {Status.CLEAR: "✓", Status.WEAK: "~", Status.MISSING: "✗"}

#: ``ensure(retry)``: the open review, or None after starting one (``retry`` runs once it is open).
EnsureSession = Callable[[Callable[[], None]], ReviewSession | None]


class ChecklistPanel(QDockWidget):
    section_activated = Signal(int)
    recommendation_drafted = Signal(str)  # its id: show it to the member

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Checklist"), parent)
        self.setObjectName("checklist_dock")
        self.document: Document | None = None
        self.session: ReviewSession | None = None
        self.ensure_session: EnsureSession = lambda _retry: self.session
        self.result: ChecklistResult | None = None
        self._measured_for: Document | None = None
        self._titles: Titles | None = None
        self._pending_notes: dict[str, str] = {}  # notes typed before a view is given, by item
        self._shown_id: str | None = None  # the item whose view and note are shown

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.items_list = QListWidget()
        self.items_list.setObjectName("checklist_items")
        self.items_list.setAccessibleName(self.tr("Statutory checklist"))
        self.items_list.setWordWrap(True)
        self.items_list.setSpacing(1)
        self.items_list.currentItemChanged.connect(lambda *_: self._show_item())
        self.items_list.itemActivated.connect(self._activated)
        self.sections_list = QListWidget()
        self.sections_list.setObjectName("checklist_sections")
        self.sections_list.setAccessibleName(self.tr("Sections that address it"))
        self.sections_list.setWordWrap(True)
        self.sections_list.setMaximumHeight(110)
        self.sections_list.itemClicked.connect(self._go)
        self.sections_list.itemActivated.connect(self._go)

        self.detail = QLabel()
        self.detail.setObjectName("checklist_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.view_label = QLabel()
        self.view_label.setWordWrap(True)
        self.confirm_button = QPushButton(self.tr("&Confirm"))
        self.change_button = QPushButton(self.tr("C&hange sections…"))
        self.weak_button = QPushButton(self.tr("&Weak"))
        self.missing_button = QPushButton(self.tr("&Missing"))
        self.recommend_button = QPushButton(self.tr("&Draft a recommendation"))
        self.confirm_button.setToolTip(self.tr("The proposed sections set it out"))
        self.weak_button.setToolTip(self.tr("The draft says something, but not enough"))
        self.missing_button.setToolTip(self.tr("The draft does not set it out"))
        self.recommend_button.setToolTip(
            self.tr("Draft a recommendation asking that the final plan sets it out (you can edit it)")
        )
        self.confirm_button.clicked.connect(lambda: self._decide("confirmed"))
        self.weak_button.clicked.connect(lambda: self._decide("weak"))
        self.missing_button.clicked.connect(lambda: self._decide("missing"))
        self.change_button.clicked.connect(self._change_sections)
        self.recommend_button.clicked.connect(self._draft_recommendation)
        self.note_edit = AutoSaveText(self._save_note)
        self.note_edit.setAccessibleName(self.tr("Your note on this item"))
        self.note_edit.setPlaceholderText(self.tr("Your note (optional): why"))
        self.note_edit.setMaximumHeight(70)
        self.private_box = QCheckBox(self.tr("&Keep my view private (not sent to the clerk)"))
        self.private_box.toggled.connect(self._privacy_toggled)

        buttons = QGridLayout()
        buttons.addWidget(self.confirm_button, 0, 0)
        buttons.addWidget(self.change_button, 0, 1)
        buttons.addWidget(self.weak_button, 1, 0)
        buttons.addWidget(self.missing_button, 1, 1)
        details = QWidget()
        box = QVBoxLayout(details)
        box.setContentsMargins(0, 4, 0, 0)
        box.addWidget(self.detail)
        box.addWidget(self.sections_list)
        box.addWidget(self.view_label)
        box.addLayout(buttons)
        box.addWidget(self.note_edit)
        box.addWidget(self.private_box)
        box.addWidget(self.recommend_button)
        box.addStretch(1)

        split = vertical_splitter((self.items_list, 3), (scrolling(details), 2))
        checklist_tab = QWidget()
        layout = QVBoxLayout(checklist_tab)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

        self.measures = MeasuresView()
        self.measures.section_activated.connect(self.section_activated)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(checklist_tab, self.tr("Statutory checklist"))
        self.tabs.addTab(self.measures, self.tr("Measures"))
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self.setWidget(self.tabs)
        self.visibilityChanged.connect(self._visibility_changed)
        self._show_item()

    def _visibility_changed(self, visible: bool) -> None:
        if visible:
            self.refresh()

    # ----- what is open -------------------------------------------------------------------------
    def set_document(self, document: Document | None) -> None:
        if document is self.document:
            return
        self.document = document
        if document is not None and self.session is not None:
            self.session.review.remember_document(document)
        self.result = None
        self._measured_for = None
        self.refresh()

    def set_session(self, session: ReviewSession | None) -> None:
        if self.session is not None:
            self.session.changed.disconnect(self._on_changed)
        self.session = session
        if session is not None:
            session.changed.connect(self._on_changed)
            if self.document is not None:
                session.review.remember_document(self.document)
        self.result = None  # the review's titles may differ
        self.refresh()

    def _on_changed(self, change: Change) -> None:
        if "settings" in change.tables:
            self.result = None
            self.refresh()
        elif "checklist_decisions" in change.tables:
            self._fill()

    def refresh(self) -> None:
        """Work out what is not yet worked out, if the panel is shown."""
        if not self.isVisible():
            return  # worked out when shown (visibilityChanged), not while another tab is in front
        if self.document is None:
            self.result = None
            self.items_list.clear()
            self.summary.setText(
                self.tr("Open a draft to check it against what the law asks a plan to set out.")
            )
            self.measures.show_result(None)
            self._show_item()
            return
        if self.tabs.currentWidget() is self.measures:
            if self._measured_for is not self.document:
                self._measured_for = self.document
                self.measures.show_result(self._find_measures(self.document))
            return
        if self.result is None:
            self.result = self._run(self.document)
            self._fill()

    def _run(self, document: Document) -> ChecklistResult | None:
        from panelreview.resources import load_checklist

        titles = Titles()
        if self.session is not None:
            settings = self.session.review.settings
            titles = Titles.from_settings(settings.commissioner_title, settings.panel_title)
        try:
            return run_checklist(document, load_checklist(), titles)
        except UserError as err:
            self.summary.setText(str(err))
            return None

    def _find_measures(self, document: Document) -> MeasuresResult:
        priorities = None
        if not priority_sections(document) and self.result is not None:
            found = [p.section for i in self.result.items if i.item.id == "objectives" for p in i.proposals]
            priorities = found or None
        return find_measures(document, priorities)

    # ----- the list -----------------------------------------------------------------------------
    def _views(self) -> dict[str, Decision]:
        if self.session is None:
            return {}
        try:
            return self.session.review.checklist_decisions_mine()
        except UserError:
            return {}

    def _fill(self) -> None:
        current = self._shown_id or self._current_id()
        blocker = QSignalBlocker(self.items_list)
        self.items_list.clear()
        result = self.result
        if result is None:
            blocker.unblock()
            self._show_item()
            return
        views = self._views()
        found = sum(1 for i in result.items if i.status is Status.CLEAR)
        passing = sum(1 for i in result.items if i.status is Status.WEAK)
        self.summary.setText(
            self.tr(
                "{found} of {total} found clearly, {passing} only in part, {missing} not found. "
                "PanelReview suggests; you decide."
            ).format(
                found=found,
                total=len(result.items),
                passing=passing,
                missing=len(result.items) - found - passing,
            )
        )
        for item in result.items:
            view = views.get(item.item.id)
            text = f"{MARKS[item.status]} {item.title} — {self._status_text(item)}"
            if view is not None:
                text += self.tr(" (your view: {view})").format(view=self._decision_text(view.decision))
            row = QListWidgetItem(text)
            row.setData(ITEM_ROLE, item.item.id)
            row.setToolTip(item.summary)
            self.items_list.addItem(row)
            if item.item.id == current:
                self.items_list.setCurrentItem(row)
        blocker.unblock()
        self._show_item()

    def _status_text(self, item: ItemResult) -> str:
        if item.status is Status.MISSING:
            return self.tr("not found")
        if item.in_passing:
            return self.tr("only in passing")
        if item.gaps:
            return self.tr("found in part")
        return self.tr("found")

    def _decision_text(self, decision: str) -> str:
        return {
            "confirmed": self.tr("confirmed"),
            "changed": self.tr("other sections"),
            "weak": self.tr("weak"),
            "missing": self.tr("missing"),
        }.get(decision, decision)

    def _current_id(self) -> str | None:
        item = self.items_list.currentItem()
        return str(item.data(ITEM_ROLE)) if item is not None and item.data(ITEM_ROLE) else None

    def _current(self) -> ItemResult | None:
        wanted = self._current_id()
        if self.result is None or wanted is None:
            return None
        return next((i for i in self.result.items if i.item.id == wanted), None)

    def _go(self, item: QListWidgetItem) -> None:
        """A proposed section was chosen: go there."""
        section = item.data(SECTION_ROLE)
        if section is not None:
            self.section_activated.emit(int(section))

    def _activated(self, _item: QListWidgetItem) -> None:
        """An item was activated (Enter, double-click): go to its first section."""
        if self.sections_list.count():
            self._go(self.sections_list.item(0))

    def _show_item(self) -> None:
        if self.note_edit.dirty and self._shown_id is not None and self._shown_id != self._current_id():
            leaving, self._shown_id = self._shown_id, None  # (saving refreshes the list: no second save)
            self._save_note_for(leaving, self.note_edit.toPlainText())
        item = self._current()
        self._shown_id = item.item.id if item is not None else None
        editable = item is not None and not (self.session is not None and self.session.read_only)
        for button in (self.confirm_button, self.change_button, self.weak_button, self.missing_button,
                       self.recommend_button, self.private_box, self.note_edit):  # fmt: skip
            button.setEnabled(editable)
        self.confirm_button.setEnabled(editable and item is not None and bool(item.proposals))
        self.sections_list.clear()
        self.sections_list.setVisible(item is not None and bool(item.proposals))
        if item is None:
            self.detail.setText(self.tr("Choose an item to see what the law asks and what was found."))
            self.view_label.clear()
            self.note_edit.load("", force=True)
            return
        names = SectionNames(self.document.sections if self.document is not None else [])
        for proposal in item.proposals:
            start = proposal.section.page_start
            page = self.tr(" (p.{page})").format(page=start) if start else ""
            words = ", ".join(f"“{w}”" for w in proposal.matched[:4])
            named = names.name(proposal.section.id, proposal.section.label)
            if named != proposal.section.label:  # a recurring title: its parent and page say which
                row = QListWidgetItem(f"{named}: {words}")
            else:
                row = QListWidgetItem(f"{proposal.section.label}{page}: {words}")
            row.setData(SECTION_ROLE, proposal.section.id)
            row.setToolTip("\n".join(e.quote for e in proposal.evidence[:4]))
            self.sections_list.addItem(row)
        self.detail.setText(
            self.tr("<b>{title}</b> ({law})<br>{explain}<br><br>{summary}").format(
                title=_html(item.title),
                law=_html(item.item.law),
                explain=_html(item.explain),
                summary=_html(item.summary),
            )
        )
        view = self._views().get(item.item.id)
        if view is None:
            self.view_label.setText(self.tr("Your view: not given yet."))
            self.note_edit.load(self._pending_notes.get(item.item.id, ""), force=True)
            self.private_box.blockSignals(True)
            self.private_box.setChecked(False)
            self.private_box.blockSignals(False)
            return
        where = "; ".join(names.name(s.id, s.label) for s in view.sections)
        text = self.tr("Your view: {view}").format(view=self._decision_text(view.decision))
        if where:
            text += f" — {where}"
        self.view_label.setText(text)
        self.note_edit.load(view.note)
        self.private_box.blockSignals(True)
        self.private_box.setChecked(view.visibility == "private")
        self.private_box.blockSignals(False)

    # ----- deciding -----------------------------------------------------------------------------
    def _decide(self, decision: str, sections: list[int] | None = None, item_id: str | None = None) -> bool:
        """Record the member's view of the item shown (or ``item_id``), with the note and privacy shown."""
        item_id = item_id or self._shown_id
        if item_id is None:
            return False

        def retry() -> None:
            self._decide(decision, sections, item_id)

        session = self.ensure_session(retry)
        if session is None:
            return False
        note = self.note_edit.toPlainText()
        visibility = "private" if self.private_box.isChecked() else "panel"
        review = session.review
        change = session.run(
            lambda: review.decide_checklist_item(
                item_id, decision, sections=sections, note=note, visibility=visibility
            )
        )
        if change is not None:
            self.note_edit.load(note, force=True)
        return change is not None

    def _save_note(self, text: str) -> bool:
        """The note typed for the item shown: saved with its view, or kept until a view is given."""
        return self._save_note_for(self._shown_id, text)

    def _save_note_for(self, item_id: str | None, text: str) -> bool:
        if item_id is None:
            return True
        view = self._views().get(item_id)
        if view is None:
            self._pending_notes[item_id] = text
            return True
        sections = [s.id for s in view.sections] or None
        return self._decide(str(view.decision), sections, item_id)

    def _privacy_toggled(self, _checked: bool) -> None:
        item = self._current()
        view = self._views().get(item.item.id) if item is not None else None
        if view is not None:
            self._decide(str(view.decision), [s.id for s in view.sections] or None)

    def _change_sections(self) -> None:
        item = self._current()
        if item is None or self.document is None:
            return
        view = self._views().get(item.item.id)
        chosen = [s.id for s in view.sections] if view is not None else [p.section.id for p in item.proposals]
        dialog = SectionsDialog(item.title, self.document.sections, chosen, self)
        if dialog.exec() and dialog.chosen():
            self._decide("changed", dialog.chosen())

    def _draft_recommendation(self) -> None:
        item = self._current()
        if item is None:
            return
        session = self.ensure_session(self._draft_recommendation)
        if session is None:
            return
        self.note_edit.commit()
        review = session.review
        change = session.run(lambda: review.draft_checklist_recommendation(item.item.id))
        if change is not None and change.item_id:
            self.recommendation_drafted.emit(change.item_id)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
