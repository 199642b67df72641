"""Dialogs that build the panel's recommendations from members' words.

* :class:`PanelRecDialog`: a new panel recommendation from chosen members' recommendations and
  notes (each one proposed or supported it), with the panel's wording, reasons and theme.
* :class:`AddSourcesDialog`: more members' items for an existing panel recommendation.

Members' own wording is shown, never edited: the panel's wording is a separate row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.clerk import SourceRole
from panelreview.core.review import Annotation, Recommendation, SectionRef
from panelreview.ui.clerk.common import (
    ITEM_ROLE,
    Item,
    error_label,
    item_icon,
    item_kind_label,
    item_text,
    item_type,
    ok_cancel,
    role_label,
    top_items,
)
from panelreview.ui.common.labels import shorten
from panelreview.ui.session.review_session import ReviewSession


@dataclass(frozen=True, slots=True)
class PanelRecInput:
    wording: str
    rationale: str
    theme: str | None
    proposed: tuple[str, ...]
    supported: tuple[str, ...]


def default_role(item: Item) -> SourceRole:
    """A member's recommendation proposes; a note supports (the clerk may change either)."""
    return SourceRole.PROPOSED if isinstance(item, Recommendation) else SourceRole.SUPPORTED


def _role_combo(item: Item, accessible: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(accessible)
    for role in SourceRole:
        combo.addItem(role_label(role), role.value)
    combo.setCurrentIndex(combo.findData(default_role(item).value))
    return combo


def _source_row(item: Item) -> QTreeWidgetItem:
    row = QTreeWidgetItem(["", item.author.name, item_kind_label(item), shorten(item_text(item), 160)])
    row.setIcon(2, item_icon(item))
    row.setToolTip(3, item_text(item))
    row.setData(0, ITEM_ROLE, (item_type(item), item.id))
    return row


class PanelRecDialog(QDialog):
    """The panel's wording for a recommendation built from the chosen members' items."""

    def __init__(self, sources: Sequence[Item], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel_rec_dialog")
        self.setWindowTitle(self.tr("New panel recommendation"))
        self._sources = list(sources)
        intro = QLabel(
            self.tr(
                "Write the panel's recommendation. The members' own words below stay as they wrote "
                "them; the record keeps who proposed it and who supported it."
            )
        )
        intro.setWordWrap(True)
        self.sources = QTreeWidget()
        self.sources.setObjectName("panel_rec_sources")
        self.sources.setAccessibleName(self.tr("Built from these members' items"))
        self.sources.setRootIsDecorated(False)
        self.sources.setHeaderLabels(
            [self.tr("Part"), self.tr("Member"), self.tr("Kind"), self.tr("They wrote")]
        )
        self.sources.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.role_combos: list[QComboBox] = []
        for item in self._sources:
            row = _source_row(item)
            self.sources.addTopLevelItem(row)
            combo = _role_combo(item, self.tr("{name}'s part").format(name=item.author.name))
            self.sources.setItemWidget(row, 0, combo)
            self.role_combos.append(combo)
        for column in range(3):
            self.sources.resizeColumnToContents(column)
        self.sources.setVisible(bool(self._sources))
        self.sources.setMaximumHeight(170)

        first_rec = next((s for s in self._sources if isinstance(s, Recommendation)), None)
        self.wording_edit = QPlainTextEdit(first_rec.wording if first_rec is not None else "")
        self.wording_edit.setObjectName("panel_rec_wording")
        self.wording_edit.setAccessibleName(self.tr("The panel's recommendation"))
        self.wording_edit.setTabChangesFocus(True)
        self.wording_edit.setPlaceholderText(self.tr("The Panel recommends that the Commissioner…"))
        self.rationale_edit = QPlainTextEdit()
        self.rationale_edit.setAccessibleName(self.tr("Reasons (optional)"))
        self.rationale_edit.setTabChangesFocus(True)
        self.rationale_edit.setMaximumHeight(70)
        self.theme_edit = QLineEdit()
        self.theme_edit.setAccessibleName(self.tr("Theme (optional)"))
        self.theme_edit.setPlaceholderText(self.tr("For example, Victims"))
        self.error_label = error_label()

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        if self._sources:
            form.addRow(self.tr("Built from:"), self.sources)
        form.addRow(self.tr("&Wording:"), self.wording_edit)
        form.addRow(self.tr("&Reasons:"), self.rationale_edit)
        form.addRow(self.tr("&Theme:"), self.theme_edit)
        self.buttons, self.ok_button = ok_cancel(self, self.tr("Add to the panel's recommendations"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.error_label)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(720)
        self.wording_edit.setFocus()

    def value(self) -> PanelRecInput:
        proposed: list[str] = []
        supported: list[str] = []
        for item, combo in zip(self._sources, self.role_combos, strict=True):
            (proposed if combo.currentData() == SourceRole.PROPOSED.value else supported).append(item.id)
        return PanelRecInput(
            wording=self.wording_edit.toPlainText().strip(),
            rationale=self.rationale_edit.toPlainText().strip(),
            theme=self.theme_edit.text().strip() or None,
            proposed=tuple(proposed),
            supported=tuple(supported),
        )

    def accept(self) -> None:
        if not self.wording_edit.toPlainText().strip():
            self.error_label.setText(self.tr("Write the panel's wording first."))
            self.error_label.show()
            self.wording_edit.setFocus()
            return
        super().accept()


def compose_panel_recommendation(
    parent: QWidget | None, session: ReviewSession, sources: Sequence[Item]
) -> str | None:
    """Ask for the panel's wording and add the recommendation (one undo step); its id, or None."""
    dialog = PanelRecDialog(sources, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    value = dialog.value()
    review = session.review
    change = session.run(
        lambda: review.add_panel_recommendation(
            value.wording,
            proposed=value.proposed,
            supported=value.supported,
            rationale=value.rationale,
            theme=value.theme,
        )
    )
    return str(change.item_id) if change is not None and change.item_id else None


class AddSourcesDialog(QDialog):
    """Tick members' items to add to what a panel recommendation was built from."""

    def __init__(
        self,
        items: Sequence[Item],
        parent: QWidget | None = None,
        section_name: Callable[[SectionRef], str] = lambda ref: ref.label,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("add_sources_dialog")
        self.setWindowTitle(self.tr("Add members' items"))
        self._items = list(items)
        self.filter_edit = QLineEdit()
        self.filter_edit.setAccessibleName(self.tr("Filter by text or member"))
        self.filter_edit.setPlaceholderText(self.tr("Filter by text or member"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)
        self.list = QTreeWidget()
        self.list.setObjectName("add_sources_list")
        self.list.setAccessibleName(self.tr("Members' notes and recommendations"))
        self.list.setAccessibleDescription(self.tr("Press Space to tick an item"))
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHeaderLabels(
            [self.tr("Member"), self.tr("Kind"), self.tr("They wrote"), self.tr("Section")]
        )
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._section_names = [section_name(item.section) for item in self._items]
        for item, where in zip(self._items, self._section_names, strict=True):
            row = QTreeWidgetItem(
                [item.author.name, item_kind_label(item), shorten(item_text(item), 140), where]
            )
            row.setIcon(1, item_icon(item))
            row.setToolTip(2, item_text(item))
            row.setToolTip(3, where)
            row.setData(0, ITEM_ROLE, (item_type(item), item.id))
            row.setCheckState(0, Qt.CheckState.Unchecked)
            self.list.addTopLevelItem(row)
        for column in range(2):
            self.list.resizeColumnToContents(column)
        self.list.setColumnWidth(3, 200)
        self.role_combo = QComboBox()
        self.role_combo.setAccessibleName(self.tr("The members' part"))
        self.role_combo.addItem(self.tr("Recommendations proposed it, notes support it"), None)
        self.role_combo.addItem(self.tr("All proposed it"), SourceRole.PROPOSED.value)
        self.role_combo.addItem(self.tr("All support it"), SourceRole.SUPPORTED.value)
        form = QFormLayout()
        form.addRow(self.tr("&Filter:"), self.filter_edit)
        form.addRow(self.tr("Their &part:"), self.role_combo)
        buttons, self.ok_button = ok_cancel(self, self.tr("Add the ticked items"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(760, 460)

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        for entry, item, where in zip(top_items(self.list), self._items, self._section_names, strict=True):
            haystack = f"{item.author.name} {item_text(item)} {where}".casefold()
            entry.setHidden(not all(w in haystack for w in words))

    def tick(self, item_id: str) -> None:
        for entry, item in zip(top_items(self.list), self._items, strict=True):
            if item.id == item_id:
                entry.setCheckState(0, Qt.CheckState.Checked)

    def chosen(self) -> tuple[list[str], list[str]]:
        """The ticked items as (proposed, supported) ids."""
        forced = self.role_combo.currentData()
        proposed: list[str] = []
        supported: list[str] = []
        for entry, item in zip(top_items(self.list), self._items, strict=True):
            if entry.checkState(0) != Qt.CheckState.Checked:
                continue
            role = SourceRole(forced) if forced else default_role(item)
            (proposed if role is SourceRole.PROPOSED else supported).append(item.id)
        return proposed, supported


def members_items(session: ReviewSession) -> list[Item]:
    """Every member's live note and recommendation in the clerk's review (not the clerk's own)."""
    review = session.review
    owner = review.owner_id
    notes: list[Item] = [n for n in review.annotations(with_replies=False) if n.author.id != owner]
    recs: list[Item] = [r for r in review.recommendations() if r.author.id != owner]
    return sorted(recs + notes, key=_reading_order)


def _reading_order(item: Item) -> tuple[bool, int, int, str]:
    a = item.anchor
    return (a.block_index is None, a.block_index or 0, a.start or 0, item.author.name)


def is_note(item: Item) -> bool:
    return isinstance(item, Annotation)
