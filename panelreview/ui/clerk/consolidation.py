"""The clerk's desk, Recommendations: the panel's recommendations, in the panel's order.

Drag one to a new place, or use Move up / Move down; "Number them" gives them numbers in that
order (1, 2, 3 or R1, R2, R3; withdrawn ones get none), or by theme (1.1, 1.2, 2.1: themes in the
order they first appear, the list grouped by theme in the same step); "Group by theme" only puts
those of one theme together. The chosen one is edited on the right (:class:`PanelRecEditor`).
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.review import Change, PanelStatus, Recommendation
from panelreview.ui.clerk.common import ID_ROLE, decision_label, is_clerk, writable
from panelreview.ui.clerk.compose import compose_panel_recommendation
from panelreview.ui.clerk.rec_editor import PanelRecEditor
from panelreview.ui.common.labels import kind_icon, shorten, vertical_splitter
from panelreview.ui.session.review_session import ReviewSession

_TABLES = {"recommendations", "recommendation_links", "annotations", "members", "imports"}


def panel_order(session: ReviewSession) -> list[Recommendation]:
    """The clerk's recommendations in the panel's order, withdrawn ones included (they stay listed)."""
    review = session.review
    own = review.recommendations(author_id=review.owner_id)
    return sorted(own, key=lambda r: (r.position is None, r.position or 0, r.created))


def theme_order(recs: list[Recommendation]) -> list[str]:
    """Ids with each theme's recommendations together, themes in order of their first appearance."""
    groups: dict[str, list[str]] = {}
    for rec in recs:
        groups.setdefault((rec.theme or "").strip().casefold(), []).append(rec.id)
    return [rec_id for ids in groups.values() for rec_id in ids]


class ConsolidationTab(QWidget):
    source_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clerk_consolidation")
        self._session: ReviewSession | None = None
        self._recs: list[Recommendation] = []

        self.list = QListWidget()
        self.list.setObjectName("panel_recommendations")
        self.list.setAccessibleName(self.tr("The panel's recommendations, in order"))
        self.list.setAccessibleDescription(self.tr("Drag to reorder, or use Move up and Move down"))
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.model().rowsMoved.connect(lambda *_: QTimer.singleShot(0, self._save_dragged_order))
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.new_button = QPushButton(self.tr("Ne&w…"))
        self.new_button.setAccessibleDescription(
            self.tr("A panel recommendation not built from members' items; add them later")
        )
        self.new_button.clicked.connect(self.new_recommendation)
        self.up_button = QPushButton(self.tr("Move &up"))
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = QPushButton(self.tr("Move &down"))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.delete_button = QPushButton(self.tr("De&lete"))
        self.delete_button.clicked.connect(self.delete_current)
        self.scheme_combo = QComboBox()
        self.scheme_combo.setObjectName("numbering_scheme")
        self.scheme_combo.setAccessibleName(self.tr("How to number them"))
        self.scheme_combo.addItem(self.tr("1, 2, 3"), "1")
        self.scheme_combo.addItem(self.tr("R1, R2, R3"), "R1")
        self.scheme_combo.addItem(self.tr("1.1, 1.2, 2.1 by theme"), "theme")
        self.scheme_combo.setItemData(
            2,
            self.tr("Themes numbered in the order they first appear; the list is grouped by theme"),
            Qt.ItemDataRole.ToolTipRole,
        )
        self.number_button = QPushButton(self.tr("Num&ber them"))
        self.number_button.setAccessibleDescription(self.tr("Number the recommendations in this order"))
        self.number_button.clicked.connect(self.number_them)
        self.theme_button = QPushButton(self.tr("&Group by theme"))
        self.theme_button.setAccessibleDescription(
            self.tr("Put recommendations with the same theme next to each other, keeping their order")
        )
        self.theme_button.clicked.connect(self.group_by_theme)

        self.editor = PanelRecEditor()
        self.editor.source_activated.connect(self.source_activated)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.empty_label)
        order_row = QHBoxLayout()
        for button in (self.new_button, self.up_button, self.down_button, self.delete_button):
            order_row.addWidget(button)
        order_row.addStretch(1)
        number_row = QHBoxLayout()
        number_row.addWidget(self.scheme_combo)
        number_row.addWidget(self.number_button)
        number_row.addWidget(self.theme_button)
        number_row.addStretch(1)
        left_layout.addLayout(order_row)
        left_layout.addLayout(number_row)
        # Above and below, not side by side: the desk is a side panel beside the draft, and side by
        # side its two halves needed 900 px, leaving the draft a sliver on a laptop.
        self.splitter = vertical_splitter((left, 2), (self.editor, 3))
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.reload()

    # ----- input --------------------------------------------------------------------------------
    def set_session(self, session: ReviewSession | None) -> None:
        self.editor.commit()
        self._session = session
        self.reload(switching=True)

    def on_changed(self, change: Change | None) -> None:
        if change is None or change.tables & _TABLES:
            self.reload()

    @property
    def recommendations(self) -> list[Recommendation]:
        return list(self._recs)

    def reload(self, switching: bool = False) -> None:
        session = self._session
        self._recs = panel_order(session) if session is not None and is_clerk(session) else []
        chosen = self.current_id()
        with QSignalBlocker(self.list):
            self.list.clear()
            for place, rec in enumerate(self._recs, start=1):
                self.list.addItem(self._item(place, rec))
            row = next((i for i, r in enumerate(self._recs) if r.id == chosen), -1)
            if row < 0 and self._recs:
                row = 0
            self.list.setCurrentRow(row)
        self.empty_label.setVisible(not self._recs)
        self.empty_label.setText(
            self.tr(
                "No panel recommendations yet. In Synthesis, tick members' items (or choose similar "
                "recommendations) and make them one of the panel's recommendations."
            )
        )
        current = self.recommendation(self.current_id())
        self.editor.show_recommendation(
            session, current, switching=switching or current is None or current.id != chosen
        )
        self._update_buttons()

    def _item(self, place: int, rec: Recommendation) -> QListWidgetItem:
        number = rec.number or self.tr("(not numbered)")
        status = decision_label(rec.panel_status)
        head = f"{number} · {status}"
        if rec.theme:
            head += f" · {rec.theme}"
        where = (
            self._session.section_name(rec.section, rec.anchor)
            if self._session is not None
            else rec.section.label
        )
        item = QListWidgetItem(kind_icon(None), "\n".join([head, shorten(rec.wording, 160), where]))
        item.setData(ID_ROLE, rec.id)
        item.setToolTip(rec.wording)
        if rec.panel_status is PanelStatus.WITHDRAWN:
            font = item.font()
            font.setStrikeOut(True)
            item.setFont(font)
        item.setData(
            Qt.ItemDataRole.AccessibleTextRole,
            self.tr("{place}. {number}, {status}: {wording}").format(
                place=place, number=number, status=status, wording=rec.wording
            ),
        )
        return item

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        value = item.data(ID_ROLE) if item is not None else None
        return str(value) if value else None

    def recommendation(self, rec_id: str | None) -> Recommendation | None:
        return next((r for r in self._recs if r.id == rec_id), None)

    def select(self, rec_id: str) -> bool:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == rec_id:
                self.list.setCurrentRow(row)
                return True
        return False

    def _on_current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        rec_id = current.data(ID_ROLE) if current is not None else None
        self.editor.show_recommendation(self._session, self.recommendation(rec_id))
        self._update_buttons()

    def _update_buttons(self) -> None:
        session = self._session
        can_edit = is_clerk(session) and writable(session)
        row = self.list.currentRow()
        has = can_edit and row >= 0
        self.new_button.setEnabled(can_edit)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < self.list.count() - 1)
        self.delete_button.setEnabled(has)
        for widget in (self.number_button, self.theme_button, self.scheme_combo):
            widget.setEnabled(can_edit and bool(self._recs))
        self.list.setDragEnabled(can_edit)

    # ----- order and numbers --------------------------------------------------------------------
    def _order(self, ids: list[str]) -> None:
        session = self._session
        if session is None or ids == [r.id for r in self._recs]:
            return
        session.run(lambda: session.review.order_panel_recommendations(ids))

    def move_current(self, step: int) -> None:
        rec_id, ids = self.current_id(), [r.id for r in self._recs]
        if rec_id is None:
            return
        row = ids.index(rec_id)
        target = row + step
        if 0 <= target < len(ids):
            ids[row], ids[target] = ids[target], ids[row]
            self._order(ids)

    def _save_dragged_order(self) -> None:
        ids = [str(self.list.item(row).data(ID_ROLE)) for row in range(self.list.count())]
        self._order(ids)
        self.reload()

    def number_them(self) -> None:
        session = self._session
        if session is None:
            return
        self.editor.commit()  # a theme being typed counts
        scheme = str(self.scheme_combo.currentData())
        session.run(lambda: session.review.number_panel_recommendations(scheme=scheme))

    def group_by_theme(self) -> None:
        self._order(theme_order(self._recs))

    # ----- adding and deleting ------------------------------------------------------------------
    def new_recommendation(self) -> None:
        session = self._session
        if session is None:
            return
        new_id = compose_panel_recommendation(self, session, [])
        if new_id is not None:
            self.select(new_id)

    def delete_current(self) -> None:
        session, rec = self._session, self.recommendation(self.current_id())
        if session is None or rec is None:
            return
        rec_id = rec.id
        session.run(lambda: session.review.delete_recommendation(rec_id))

    def commit(self) -> None:
        self.editor.commit()
