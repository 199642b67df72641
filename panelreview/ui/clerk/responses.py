"""The clerk's desk, Responses: the commissioner's response to each of the panel's recommendations.

One row per recommendation the panel made (withdrawn ones left out, as in the response tracker),
with the panel's decision and the response recorded so far. The response's status comes from the
review's own list of statuses (configurable per panel), and may be left out: many responses are
narrative only. What is typed for one row is saved on moving to another, never dropped. "Export
response tracker…" writes the same rows as a Word table or a CSV file for a spreadsheet.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.review import Change, Recommendation
from panelreview.ui.clerk.common import (
    ID_ROLE,
    date_edit,
    decision_label,
    error_label,
    is_clerk,
    iso_date,
    set_iso_date,
    top_items,
    uk_date,
    writable,
)
from panelreview.ui.common.labels import shorten, vertical_splitter
from panelreview.ui.session.review_session import ReviewSession

_TABLES = {"recommendations", "settings"}
NO_STATUS = ""


def status_label(status: str) -> str:
    """A response status as listed in the review's settings, with a capital ("Partly accepted")."""
    return status[:1].upper() + status[1:]


class ResponsesTab(QWidget):
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clerk_responses")
        self._session: ReviewSession | None = None
        self._recs: list[Recommendation] = []
        self._shown_id: str | None = None  # the recommendation the editor shows

        self.intro_label = QLabel()
        self.intro_label.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setObjectName("responses_table")
        self.table.setAccessibleName(self.tr("The panel's recommendations and the responses to them"))
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels(
            [
                self.tr("No."),
                self.tr("Recommendation"),
                self.tr("Panel decision"),
                self.tr("Response"),
                self.tr("Received"),
            ]
        )
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.currentItemChanged.connect(self._on_current_changed)

        self.wording_label = QLabel()
        self.wording_label.setObjectName("response_for")
        self.wording_label.setWordWrap(True)
        self.wording_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("response_status")
        self.status_combo.setAccessibleName(self.tr("Response status"))
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("response_text")
        self.text_edit.setAccessibleName(self.tr("What the response says"))
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText(self.tr("The response's words, or a summary of them"))
        self.received_edit = date_edit(self.tr("Date the response was received"))
        self.save_button = QPushButton(self.tr("Save resp&onse"))
        self.save_button.setObjectName("save_response")
        self.save_button.clicked.connect(lambda: self.save_response())
        self.export_button = QPushButton(self.tr("E&xport response tracker…"))
        self.export_button.setAccessibleDescription(self.tr("Write these rows as a Word table or a CSV file"))
        self.export_button.clicked.connect(self.export_requested)
        self.error_label = error_label()

        editor = QWidget()
        form = QFormLayout(editor)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.error_label)
        form.addRow(self.tr("Recommendation:"), self.wording_label)
        form.addRow(self.tr("St&atus:"), self.status_combo)
        form.addRow(self.tr("&Their response:"), self.text_edit)
        form.addRow(self.tr("&Date received:"), self.received_edit)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        form.addRow(save_row)
        self.editor = editor
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_row = QHBoxLayout()
        top_row.addWidget(self.intro_label, 1)
        top_row.addWidget(self.export_button)
        top_layout.addLayout(top_row)
        top_layout.addWidget(self.table, 1)
        splitter = vertical_splitter((top, 3), (editor, 2))
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.reload()

    # ----- input --------------------------------------------------------------------------------
    def set_session(self, session: ReviewSession | None) -> None:
        self._session = session
        self.reload(switching=True)

    def on_changed(self, change: Change | None) -> None:
        if change is None or change.tables & _TABLES:
            self.reload()

    def reload(self, switching: bool = False) -> None:
        session = self._session
        clerk = is_clerk(session)
        self._recs = session.review.panel_recommendations() if session is not None and clerk else []
        chosen = self.current_id()
        with QSignalBlocker(self.table):
            self.table.clear()
            for place, rec in enumerate(self._recs, start=1):
                self.table.addTopLevelItem(self._row(place, rec))
            rows = top_items(self.table)
            row = next((i for i, r in enumerate(self._recs) if r.id == chosen), 0)
            if rows:
                self.table.setCurrentItem(rows[row])
        commissioner = session.review.settings.commissioner_title if session is not None else ""
        self.intro_label.setText(
            self.tr("Record the {commissioner}'s response to each of the panel's recommendations.").format(
                commissioner=commissioner
            )
            if self._recs
            else self.tr("The panel has no recommendations to respond to yet.")
        )
        self.export_button.setEnabled(clerk and bool(self._recs))
        current = self.recommendation(self.current_id())
        if switching or current is None or current.id != chosen:
            self._show(current)
        else:
            self._show_wording(current)

    def _row(self, place: int, rec: Recommendation) -> QTreeWidgetItem:
        decision = decision_label(rec.panel_status)
        if rec.response_status:
            status = status_label(rec.response_status)
        else:
            status = self.tr("In words only") if rec.response_text else self.tr("None yet")
        item = QTreeWidgetItem(
            [
                rec.number or str(place),
                shorten(rec.wording, 120),
                decision,
                status,
                uk_date(rec.response_date),
            ]
        )
        item.setToolTip(1, rec.wording)
        item.setData(0, ID_ROLE, rec.id)
        item.setData(
            0,
            Qt.ItemDataRole.AccessibleTextRole,
            self.tr("{number}: {wording}. {decision}. Response: {status}").format(
                number=rec.number or place, wording=rec.wording, decision=decision, status=status
            ),
        )
        return item

    def current_id(self) -> str | None:
        item = self.table.currentItem()
        value = item.data(0, ID_ROLE) if item is not None else None
        return str(value) if value else None

    def recommendation(self, rec_id: str | None) -> Recommendation | None:
        return next((r for r in self._recs if r.id == rec_id), None)

    def select(self, rec_id: str) -> bool:
        for item in top_items(self.table):
            if item.data(0, ID_ROLE) == rec_id:
                self.table.setCurrentItem(item)
                return True
        return False

    # ----- the editor ---------------------------------------------------------------------------
    def _on_current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        rec_id = current.data(0, ID_ROLE) if current is not None else None
        self.commit()  # what was typed for the row left behind is kept
        self.error_label.hide()
        self._show(self.recommendation(rec_id))

    def _show_wording(self, rec: Recommendation | None) -> None:
        self.wording_label.setText(shorten(rec.wording, 400) if rec is not None else "")

    def _show(self, rec: Recommendation | None) -> None:
        session = self._session
        self._shown_id = rec.id if rec is not None else None
        self._show_wording(rec)
        with QSignalBlocker(self.status_combo):
            self.status_combo.clear()
            self.status_combo.addItem(self.tr("No status (words only)"), NO_STATUS)
            statuses = session.review.settings.response_statuses if session is not None else ()
            for status in statuses:
                self.status_combo.addItem(status_label(status), status)
            index = self.status_combo.findData(rec.response_status) if rec and rec.response_status else 0
            self.status_combo.setCurrentIndex(max(index, 0))
        self.text_edit.setPlainText(rec.response_text or "" if rec is not None else "")
        set_iso_date(self.received_edit, rec.response_date if rec is not None else None)
        self.editor.setEnabled(rec is not None and writable(session))

    def _typed(self) -> tuple[str | None, str | None]:
        """The status chosen and the words typed (None for none)."""
        status = str(self.status_combo.currentData() or "") or None
        return status, self.text_edit.toPlainText().strip() or None

    def _dirty(self) -> bool:
        """Whether the editor shows a response (a status, or words) not yet saved for its recommendation."""
        rec = self.recommendation(self._shown_id)
        status, text = self._typed()
        if rec is None or (status is None and text is None):
            return False  # nothing typed (a response is never cleared by moving on)
        return (status, text, iso_date(self.received_edit)) != (
            rec.response_status,
            rec.response_text,
            rec.response_date,
        )

    def commit(self) -> None:
        """Save a response typed but not saved yet (moving to another row, closing the review)."""
        if self._dirty():
            self.save_response(self._shown_id)

    def save_response(self, rec_id: str | None = None) -> bool:
        session, rec = self._session, self.recommendation(rec_id or self.current_id())
        if session is None or rec is None:
            return False
        status, text = self._typed()
        if status is None and text is None:
            self.error_label.setText(self.tr("Choose the response's status, or type what it says, first."))
            self.error_label.show()
            self.status_combo.setFocus()
            return False
        received = iso_date(self.received_edit)
        rec_id = rec.id
        change = session.run(
            lambda: session.review.record_response(rec_id, status, text=text, received=received)
        )
        self.error_label.setVisible(change is None)
        if change is None:
            self.error_label.setText(session.last_error)
        return change is not None
