"""One of the panel's recommendations: its wording, reasons, theme, where it came from, and the decision.

The wording and reasons save themselves as the clerk types (one undo step per typing session).
"Built from" lists the members' recommendations and notes it came from, in their own words
(read-only), with each member's part: proposed or supported. The decision at the meeting (agreed,
agreed with amendments, withdrawn) is recorded with the meeting's date.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.clerk import DECISIONS, Lineage, SourceRole
from panelreview.core.review import PanelStatus, Recommendation
from panelreview.ui.clerk.common import (
    ID_ROLE,
    author_name,
    date_edit,
    decision_label,
    error_label,
    iso_date,
    kind_name,
    kind_name_icon,
    role_label,
    set_iso_date,
    uk_date,
)
from panelreview.ui.clerk.compose import AddSourcesDialog, members_items
from panelreview.ui.common.autosave_text import AutoSaveText
from panelreview.ui.session.review_session import ReviewSession

UNDECIDED = "undecided"


class PanelRecEditor(QWidget):
    source_activated = Signal(str)  # a member's item id: show it in the draft

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel_rec_editor")
        self._session: ReviewSession | None = None
        self._rec: Recommendation | None = None
        self.lineage: Lineage | None = None

        self.error_label = error_label()
        self.wording_edit = AutoSaveText(self._save_wording)
        self.wording_edit.setObjectName("panel_rec_wording_editor")
        self.wording_edit.setAccessibleName(self.tr("The panel's wording"))
        self.wording_edit.setMinimumHeight(60)
        self.wording_edit.setMaximumHeight(130)
        self.rationale_edit = AutoSaveText(lambda text: self._save(rationale=text))
        self.rationale_edit.setAccessibleName(self.tr("Reasons for the recommendation"))
        self.rationale_edit.setPlaceholderText(self.tr("Why the panel makes it (optional)"))
        self.rationale_edit.setMaximumHeight(70)
        self.theme_edit = QLineEdit()
        self.theme_edit.setAccessibleName(self.tr("Theme"))
        self.theme_edit.setPlaceholderText(self.tr("Optional; recommendations can be grouped by theme"))
        self.theme_edit.editingFinished.connect(self._save_theme)

        self.sources = QListWidget()
        self.sources.setObjectName("lineage_list")
        self.sources.setAccessibleName(self.tr("Built from these members' items, in their own words"))
        self.sources.setAccessibleDescription(self.tr("Press Enter on one to see it in the draft"))
        self.sources.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sources.setMinimumHeight(90)
        self.sources.setWordWrap(True)  # members' words in full, never cut short
        self.sources.setSpacing(2)
        self.sources.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.sources.itemActivated.connect(self._on_source_activated)
        self.lineage_label = QLabel()
        self.lineage_label.setObjectName("lineage_summary")
        self.lineage_label.setWordWrap(True)
        self.add_sources_button = QPushButton(self.tr("Add members' &items…"))
        self.add_sources_button.clicked.connect(self.add_sources)
        self.role_button = QPushButton(self.tr("&Change their part"))
        self.role_button.setAccessibleDescription(
            self.tr("Switch the chosen item between proposed and supported")
        )
        self.role_button.clicked.connect(self.toggle_role)
        self.remove_source_button = QPushButton(self.tr("Ta&ke out"))
        self.remove_source_button.setAccessibleDescription(
            self.tr("Take the chosen member's item out of what this recommendation was built from")
        )
        self.remove_source_button.clicked.connect(self.remove_source)

        self.decision_combo = QComboBox()
        self.decision_combo.setObjectName("decision_combo")
        self.decision_combo.setAccessibleName(self.tr("The panel's decision"))
        self.decision_combo.addItem(decision_label(PanelStatus.DRAFT), UNDECIDED)
        for status in DECISIONS:
            self.decision_combo.addItem(decision_label(status), status.value)
        self.meeting_edit = date_edit(self.tr("Date of the meeting"))
        self.decision_button = QPushButton(self.tr("Record decisio&n"))
        self.decision_button.clicked.connect(self.record_decision)
        self.decision_label = QLabel()
        self.decision_label.setObjectName("decision_state")
        self.decision_label.setWordWrap(True)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("W&ording:"), self.wording_edit)
        form.addRow(self.tr("Re&asons:"), self.rationale_edit)
        form.addRow(self.tr("&Theme:"), self.theme_edit)
        lineage_box = QGroupBox(self.tr("Built from"))
        lineage_layout = QVBoxLayout(lineage_box)
        lineage_layout.addWidget(self.lineage_label)
        lineage_layout.addWidget(self.sources, 1)
        source_buttons = QHBoxLayout()
        for button in (self.add_sources_button, self.role_button, self.remove_source_button):
            source_buttons.addWidget(button)
        source_buttons.addStretch(1)
        lineage_layout.addLayout(source_buttons)
        decision_box = QGroupBox(self.tr("Decision at the meeting"))
        decision_layout = QVBoxLayout(decision_box)
        decision_row = QHBoxLayout()
        decision_row.addWidget(self.decision_combo)
        on = QLabel(self.tr("on"))
        on.setBuddy(self.meeting_edit)
        decision_row.addWidget(on)
        decision_row.addWidget(self.meeting_edit)
        decision_row.addWidget(self.decision_button)
        decision_row.addStretch(1)
        decision_layout.addLayout(decision_row)
        decision_layout.addWidget(self.decision_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.error_label)
        layout.addLayout(form)
        layout.addWidget(lineage_box, 1)
        layout.addWidget(decision_box)
        self.show_recommendation(None, None)

    # ----- showing ------------------------------------------------------------------------------
    def show_recommendation(
        self, session: ReviewSession | None, rec: Recommendation | None, *, switching: bool = True
    ) -> None:
        if switching:
            self.commit()
            self.error_label.hide()
        self._session, self._rec = session, rec
        editable = rec is not None and session is not None and not session.read_only
        self.setEnabled(rec is not None)
        self.wording_edit.load(rec.wording if rec else "", force=switching)
        self.rationale_edit.load(rec.rationale if rec else "", force=switching)
        if switching or not self.theme_edit.hasFocus():
            self.theme_edit.setText(rec.theme or "" if rec else "")
        for box in (self.wording_edit, self.rationale_edit):
            box.setReadOnly(not editable)
        self.theme_edit.setReadOnly(not editable)
        for widget in (self.add_sources_button, self.decision_combo, self.meeting_edit, self.decision_button):
            widget.setEnabled(editable)
        self._show_lineage()
        self._show_decision()
        self._update_buttons()

    def _show_lineage(self) -> None:
        session, rec = self._session, self._rec
        chosen = self._current_source()
        self.sources.clear()
        self.lineage = session.review.lineage(rec.id) if session is not None and rec is not None else None
        if self.lineage is None:
            self.lineage_label.setText("")
            return
        by_clerk = session.review.entered_by_clerk() if session is not None else frozenset()
        for source in self.lineage.sources:
            text = source.text if source.available else self.tr("(withdrawn by the member)")
            head = self.tr("{part} by {member} ({kind})").format(
                part=role_label(source.role),
                member=author_name(source.author, by_clerk),
                kind=kind_name(source.kind),
            )
            row = QListWidgetItem(kind_name_icon(source.kind), f"{head}\n{text}")
            row.setData(ID_ROLE, source.item_id)
            row.setData(Qt.ItemDataRole.AccessibleTextRole, f"{head}: {text}")
            self.sources.addItem(row)
            if source.item_id == chosen:
                self.sources.setCurrentItem(row)
        proposers = ", ".join(m.name for m in self.lineage.proposers) or self.tr("no one yet")
        text = self.tr("Proposed by {names}.").format(names=proposers)
        if self.lineage.supporters:
            text += " " + self.tr("Supported by {names}.").format(
                names=", ".join(m.name for m in self.lineage.supporters)
            )
        self.lineage_label.setText(text)

    def _show_decision(self) -> None:
        rec, session = self._rec, self._session
        with QSignalBlocker(self.decision_combo):
            status = rec.panel_status if rec is not None else PanelStatus.DRAFT
            value = status.value if status in DECISIONS else UNDECIDED
            self.decision_combo.setCurrentIndex(self.decision_combo.findData(value))
        meeting = rec.decided_on if rec is not None and rec.decided_on else None
        if meeting is None and session is not None:
            meeting = session.review.settings.meeting_date
        set_iso_date(self.meeting_edit, meeting)
        if rec is None or rec.panel_status not in DECISIONS:
            self.decision_label.setText(self.tr("Not yet decided by the panel."))
        else:
            self.decision_label.setText(
                self.tr("{decision} at the meeting on {date}.").format(
                    decision=decision_label(rec.panel_status), date=uk_date(rec.decided_on)
                )
            )

    def _current_source(self) -> str | None:
        item = self.sources.currentItem()
        value = item.data(ID_ROLE) if item is not None else None
        return str(value) if value else None

    def _update_buttons(self) -> None:
        editable = self._rec is not None and self._session is not None and not self._session.read_only
        has_source = self._current_source() is not None
        self.role_button.setEnabled(editable and has_source)
        self.remove_source_button.setEnabled(editable and has_source)

    def _on_source_activated(self, item: QListWidgetItem) -> None:
        value = item.data(ID_ROLE)
        if value:
            self.source_activated.emit(str(value))

    # ----- editing ------------------------------------------------------------------------------
    def commit(self) -> None:
        self.wording_edit.commit()
        self.rationale_edit.commit()
        self._save_theme()

    def _run(self, call: object, merge_key: str | None = None) -> bool:
        session = self._session
        if session is None:
            return False
        change = session.run(call, merge_key=merge_key)  # type: ignore[arg-type]
        self.error_label.setVisible(change is None)
        if change is None:
            self.error_label.setText(session.last_error)
        return change is not None

    def _save_wording(self, text: str) -> bool:
        rec, session = self._rec, self._session
        if rec is None or session is None:
            return True
        rec_id = rec.id
        return self._run(
            lambda: session.review.reword_panel_recommendation(rec_id, text), f"wording:{rec_id}"
        )

    def _save(self, **fields: object) -> bool:
        rec, session = self._rec, self._session
        if rec is None or session is None:
            return True
        rec_id = rec.id
        key = f"{next(iter(fields))}:{rec_id}"
        return self._run(lambda: session.review.edit_recommendation(rec_id, **fields), key)  # type: ignore[arg-type]

    def _save_theme(self) -> None:
        rec = self._rec
        theme = self.theme_edit.text().strip() or None
        if rec is not None and theme != rec.theme and not self.theme_edit.isReadOnly():
            self._save(theme=theme)

    def add_sources(self) -> None:
        rec, session = self._rec, self._session
        if rec is None or session is None or self.lineage is None:
            return
        already = {s.item_id for s in self.lineage.sources}
        dialog = AddSourcesDialog(
            [i for i in members_items(session) if i.id not in already], self, session.section_name
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        proposed, supported = dialog.chosen()
        if proposed or supported:
            rec_id = rec.id
            self._run(lambda: session.review.add_sources(rec_id, proposed=proposed, supported=supported))

    def toggle_role(self) -> None:
        rec, session, source_id = self._rec, self._session, self._current_source()
        if rec is None or session is None or source_id is None or self.lineage is None:
            return
        source = next(s for s in self.lineage.sources if s.item_id == source_id)
        new = SourceRole.SUPPORTED if source.role is SourceRole.PROPOSED else SourceRole.PROPOSED
        rec_id = rec.id
        self._run(lambda: session.review.set_source_role(rec_id, source_id, new))

    def remove_source(self) -> None:
        rec, session, source_id = self._rec, self._session, self._current_source()
        if rec is None or session is None or source_id is None:
            return
        rec_id = rec.id
        self._run(lambda: session.review.remove_source(rec_id, source_id))

    def record_decision(self) -> None:
        rec, session = self._rec, self._session
        if rec is None or session is None:
            return
        self.commit()
        rec_id, value = rec.id, str(self.decision_combo.currentData())
        if value == UNDECIDED:
            if rec.panel_status in DECISIONS:
                self._run(lambda: session.review.clear_decision(rec_id))
            return
        meeting = iso_date(self.meeting_edit)
        self._run(lambda: session.review.record_decision(rec_id, value, meeting_date=meeting))
