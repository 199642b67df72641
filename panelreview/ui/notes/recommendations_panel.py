"""The Recommendations panel: the member's draft recommendations, their wording, reasons and links.

Wording and reasons save themselves as you type (one undo step per typing session). "Link the
selected passage" pins another passage of the draft to the recommendation (as a highlight linked
to it, in one undo step); "Link this section" links the section being read.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.review import Annotation, Change, Recommendation, Visibility
from panelreview.ui.common.autosave_text import AutoSaveText
from panelreview.ui.common.labels import (
    count_text,
    fill_visibilities,
    kind_icon,
    scrolling,
    select_data,
    shorten,
    shrinkable,
    vertical_splitter,
    visibility_short,
)
from panelreview.ui.notes.note_dialog import ERROR_STYLE
from panelreview.ui.session.review_session import ReviewSession

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
LINK_ROLE = Qt.ItemDataRole.UserRole + 2  # ("annotation", id) or ("section", id)


class RecommendationsPanel(QDockWidget):
    recommendation_activated = Signal(str)  # go to it in the draft
    note_activated = Signal(str)  # a linked note was chosen
    link_passage_requested = Signal(str)  # recommendation id: link the current text selection
    link_section_requested = Signal(str)  # recommendation id: link the section being read
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Recommendations"), parent)
        self.setObjectName("recommendations_dock")
        self._session: ReviewSession | None = None
        self._items: list[Recommendation] = []
        self._section_labels: dict[int, str] = {}
        self._notes: dict[str, Annotation] = {}

        self.list = QListWidget()
        self.list.setObjectName("recommendations_list")
        self.list.setAccessibleName(self.tr("Recommendations"))
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.list.itemActivated.connect(self._on_activated)
        self.list.itemClicked.connect(self._on_activated)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        self.wording_edit = AutoSaveText(lambda text: self._save(wording=text))
        self.wording_edit.setObjectName("recommendation_wording_editor")
        self.wording_edit.setAccessibleName(self.tr("Recommendation wording"))
        self.wording_edit.setMinimumHeight(60)
        self.rationale_edit = AutoSaveText(lambda text: self._save(rationale=text))
        self.rationale_edit.setAccessibleName(self.tr("Reasons for the recommendation"))
        self.rationale_edit.setPlaceholderText(self.tr("Why the panel should make it (optional)"))
        self.rationale_edit.setMinimumHeight(50)
        self.visibility_combo = QComboBox()
        self.visibility_combo.setAccessibleName(self.tr("Who can see it"))
        fill_visibilities(shrinkable(self.visibility_combo))
        self.visibility_combo.activated.connect(self._on_visibility)
        self.links = QListWidget()
        self.links.setObjectName("recommendation_links")
        self.links.setAccessibleName(self.tr("Passages and sections this recommendation is about"))
        self.links.setMaximumHeight(110)
        self.links.itemActivated.connect(self._on_link_activated)
        self.link_passage_button = QPushButton(self.tr("Link the selected &passage"))
        self.link_passage_button.setAccessibleDescription(
            self.tr("Select text in the draft first, then press this to link it")
        )
        self.link_passage_button.clicked.connect(lambda: self._request(self.link_passage_requested))
        self.link_section_button = QPushButton(self.tr("Link this &section"))
        self.link_section_button.clicked.connect(lambda: self._request(self.link_section_requested))
        self.unlink_button = QPushButton(self.tr("&Unlink"))
        self.unlink_button.clicked.connect(self._unlink)
        self.delete_button = QPushButton(self.tr("&Delete recommendation"))
        self.delete_button.clicked.connect(lambda: self._request(self.delete_requested))

        editor = QWidget()
        editor.setObjectName("recommendation_editor")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.tr("&Recommendation:"), self.wording_edit)
        form.addRow(self.tr("Re&asons:"), self.rationale_edit)
        form.addRow(self.tr("&Who can see it:"), self.visibility_combo)
        form.addRow(self.tr("&Linked to:"), self.links)
        link_row = QHBoxLayout()
        link_row.addWidget(self.link_passage_button)
        link_row.addWidget(self.link_section_button)
        link_row.addStretch(1)
        bottom = QHBoxLayout()  # two rows, so the panel fits beside the draft on a small screen
        bottom.addWidget(self.unlink_button)
        bottom.addStretch(1)
        bottom.addWidget(self.delete_button)
        self.action_row = bottom  # where other parts add a button about the chosen recommendation
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(6, 6, 6, 6)
        editor_layout.addWidget(self.error_label)
        editor_layout.addLayout(form)
        editor_layout.addLayout(link_row)
        editor_layout.addLayout(bottom)
        self.editor = editor

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(6, 6, 6, 0)
        top_layout.addWidget(self.list, 1)
        top_layout.addWidget(self.empty_label)
        self.setWidget(vertical_splitter((top, 1), (scrolling(editor), 1)))
        self.setMinimumWidth(300)
        self._show(None)

    # ----- input --------------------------------------------------------------------------------
    def set_session(self, session: ReviewSession | None, section_labels: dict[int, str]) -> None:
        self._session = session
        self._section_labels = dict(section_labels)
        self.reload()

    def on_changed(self, change: Change) -> None:
        if change.tables & {"recommendations", "recommendation_links", "annotations"}:
            self.reload()

    def reload(self) -> None:
        session = self._session
        if session is None:
            self._items, self._notes = [], {}
        else:
            draft = session.review.current_draft_id
            self._items = session.review.recommendations(draft_id=draft)
            self._notes = {n.id: n for n in session.review.annotations(with_replies=False)}
        chosen = self.current_id()
        with QSignalBlocker(self.list):
            self.list.clear()
            for number, rec in enumerate(self._items, start=1):
                self.list.addItem(self._item(number, rec))
            row = next((i for i, r in enumerate(self._items) if r.id == chosen), -1)
            self.list.setCurrentRow(row)
        self.empty_label.setVisible(not self._items)
        self.empty_label.setText(
            self.tr("No recommendations yet. Select text in the draft and choose Recommend…")
            if session is not None
            else self.tr("Open a draft to draft recommendations.")
        )
        self._show(self.recommendation(chosen) if chosen else None, switching=False)

    @property
    def recommendations(self) -> list[Recommendation]:
        return list(self._items)

    def recommendation(self, rec_id: str | None) -> Recommendation | None:
        return next((r for r in self._items if r.id == rec_id), None)

    def _item(self, number: int, rec: Recommendation) -> QListWidgetItem:
        if rec.anchor.quote:
            where = "“" + shorten(rec.anchor.quote, 70) + "”"
        else:
            where = (
                self._session.section_name(rec.section, rec.anchor)
                if self._session is not None
                else rec.section.label
            )
        links = len(rec.linked_annotations) + len(rec.linked_sections)
        head = f"R{number} · {visibility_short(rec.visibility)}"
        if links:
            head += " · " + count_text(links, self.tr("1 link"), self.tr("{n} links"))
        item = QListWidgetItem(kind_icon(None), "\n".join([head, shorten(rec.wording, 140), where]))
        item.setData(ITEM_ID_ROLE, rec.id)
        item.setToolTip(rec.wording)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"R{number}: {rec.wording}")
        return item

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        value = item.data(ITEM_ID_ROLE) if item is not None else None
        return str(value) if value is not None else None

    def select(self, rec_id: str) -> bool:
        for row in range(self.list.count()):
            if self.list.item(row).data(ITEM_ID_ROLE) == rec_id:
                self.list.setCurrentRow(row)
                return True
        return False

    # ----- the editor ---------------------------------------------------------------------------
    def _show(self, rec: Recommendation | None, switching: bool = True) -> None:
        self.editor.setEnabled(rec is not None)
        session = self._session
        editable = rec is not None and session is not None and not session.read_only
        editable = editable and rec is not None and session is not None and rec.author.id == session.owner_id
        self.wording_edit.load(rec.wording if rec else "", force=switching)
        self.rationale_edit.load(rec.rationale if rec else "", force=switching)
        for text_box in (self.wording_edit, self.rationale_edit):
            text_box.setReadOnly(not editable)
        for widget in (
            self.visibility_combo,
            self.link_passage_button,
            self.link_section_button,
            self.unlink_button,
            self.delete_button,
        ):
            widget.setEnabled(editable)
        if rec is not None:
            select_data(self.visibility_combo, rec.visibility.value)
        self.links.clear()
        if rec is None:
            return
        for note_id in rec.linked_annotations:
            note = self._notes.get(note_id)
            text = (
                "“" + shorten(note.anchor.quote or note.body, 70) + "”"
                if note
                else self.tr("(a deleted note)")
            )
            item = QListWidgetItem(kind_icon(note.kind) if note else kind_icon(None), text)
            item.setData(LINK_ROLE, ("annotation", note_id))
            self.links.addItem(item)
        for section_id in rec.linked_sections:
            label = self._section_labels.get(section_id, self.tr("Section {n}").format(n=section_id))
            item = QListWidgetItem(self.tr("Section: {label}").format(label=label))
            item.setData(LINK_ROLE, ("section", section_id))
            self.links.addItem(item)

    def _on_current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        self.wording_edit.commit()
        self.rationale_edit.commit()
        rec_id = current.data(ITEM_ID_ROLE) if current is not None else None
        self.error_label.hide()
        self._show(self.recommendation(str(rec_id)) if rec_id is not None else None)

    def _on_activated(self, item: QListWidgetItem) -> None:
        value = item.data(ITEM_ID_ROLE)
        if value is not None:
            self.recommendation_activated.emit(str(value))

    def _on_link_activated(self, item: QListWidgetItem) -> None:
        kind, value = item.data(LINK_ROLE)
        if kind == "annotation":
            self.note_activated.emit(str(value))

    def _request(self, signal: SignalInstance) -> None:
        rec_id = self.current_id()
        if rec_id is not None:
            signal.emit(rec_id)

    def _save(self, **fields: object) -> bool:
        rec_id, session = self.current_id(), self._session
        if rec_id is None or session is None:
            return True
        change = session.run(
            lambda: session.review.edit_recommendation(rec_id, **fields),  # type: ignore[arg-type]
            merge_key=f"{next(iter(fields))}:{rec_id}",
        )
        self.error_label.setVisible(change is None)
        if change is None:
            self.error_label.setText(session.last_error)
        return change is not None

    def _on_visibility(self, _index: int) -> None:
        rec = self.recommendation(self.current_id())
        value = Visibility(str(self.visibility_combo.currentData()))
        if rec is not None and value is not rec.visibility:
            self._save(visibility=value)

    def _unlink(self) -> None:
        rec_id, session, item = self.current_id(), self._session, self.links.currentItem()
        if rec_id is None or session is None or item is None:
            return
        kind, value = item.data(LINK_ROLE)
        if kind == "annotation":
            session.run(lambda: session.review.unlink(rec_id, annotation_id=str(value)))
        else:
            session.run(lambda: session.review.unlink(rec_id, section_id=int(value)))
