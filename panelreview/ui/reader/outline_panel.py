"""The outline: the draft's sections as a tree; click one to go there, and it follows your reading.

Each section shows how many notes are on it. Its context menu (right-click, or the Menu key)
adds a note or a recommendation on the whole section.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QMenu,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from panelreview.core.model import Document, Section
from panelreview.core.section_names import display_names
from panelreview.ui.common.labels import count_text
from panelreview.ui.reader.outline_empty import EmptyOutline

SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
RECOMMENDATION_COUNT_ROLE = Qt.ItemDataRole.UserRole + 3
SECTION_COLUMN, PAGE_COLUMN, NOTES_COLUMN = 0, 1, 2
OPENING_WIDTH = 340  # pixels: the outline dock's width when it first opens


def page_text(section: Section) -> str:
    return "" if section.page_start is None else f"p. {section.page_start}"


class OutlineModel(QStandardItemModel):
    """Three columns: the section's label, its first page and the number of notes on it.

    A section shows its own notes; folded, it shows its subsections' notes too (so a note is
    never out of sight), as a folded folder shows what is inside it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: dict[int, QStandardItem] = {}
        self._counts: dict[int, QStandardItem] = {}
        self._parents: dict[int, int | None] = {}
        self._own: dict[int, int] = {}
        self._total: dict[int, int] = {}
        self._rec_own: dict[int, int] = {}
        self._rec_total: dict[int, int] = {}
        self._folded: set[int] = set()
        self._set_headers()

    def _set_headers(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("Section"), self.tr("Page"), self.tr("Notes")])

    def load(self, document: Document | None) -> None:
        self.clear()
        self._set_headers()
        self._items.clear()
        self._counts.clear()
        self._parents = {}
        self._own, self._total, self._folded = {}, {}, set()
        self._rec_own, self._rec_total = {}, {}
        if document is None:
            return
        root = self.invisibleRootItem()
        names = display_names(document.sections)  # a recurring title: with its parent and page
        for section in document.sections:
            item = QStandardItem(section.label)
            item.setData(section.id, SECTION_ID_ROLE)
            item.setToolTip(names[section.id] if names[section.id] != section.label else section.label)
            item.setEditable(False)
            page = QStandardItem(page_text(section))
            page.setData(section.id, SECTION_ID_ROLE)
            page.setEditable(False)
            page.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if section.page_start is not None:
                page.setAccessibleText(self.tr("page {n}").format(n=section.page_start))
            count = QStandardItem("")
            count.setData(section.id, SECTION_ID_ROLE)
            count.setEditable(False)
            count.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            parent_item = self._items.get(section.parent) if section.parent is not None else None
            (parent_item or root).appendRow([item, page, count])
            self._items[section.id] = item
            self._counts[section.id] = count
            self._parents[section.id] = section.parent if section.parent in self._items else None

    def set_counts(self, counts: Mapping[int, int], recommendations: Mapping[int, int] | None = None) -> None:
        """The number of notes (and of recommendations) on each section itself (sections not
        named have none)."""
        self._own, self._total = self._with_totals(counts)
        self._rec_own, self._rec_total = self._with_totals(recommendations or {})
        for section_id in self._counts:
            self._show_count(section_id)

    def _with_totals(self, counts: Mapping[int, int]) -> tuple[dict[int, int], dict[int, int]]:
        own = {k: v for k, v in counts.items() if v}
        total: dict[int, int] = {}
        for section_id, n in own.items():
            seen: set[int] = set()
            at: int | None = section_id
            while at is not None and at not in seen:
                seen.add(at)
                total[at] = total.get(at, 0) + n
                at = self._parents.get(at)
        return own, total

    def set_folded(self, section_id: int, folded: bool) -> None:
        """The tree folded or unfolded this section: its count follows."""
        if folded:
            self._folded.add(section_id)
        else:
            self._folded.discard(section_id)
        self._show_count(section_id)

    def _show_count(self, section_id: int) -> None:
        item = self._counts.get(section_id)
        if item is None:
            return
        own, total = self._own.get(section_id, 0), self._total.get(section_id, 0)
        rec_own, rec_total = self._rec_own.get(section_id, 0), self._rec_total.get(section_id, 0)
        folded = section_id in self._folded and (total > own or rec_total > rec_own)
        n = total if folded else own
        r = rec_total if folded else rec_own
        parts = ([f"✎ {n}"] if n else []) + ([f"★ {r}"] if r else [])
        text = "  ".join(parts)
        spoken_parts = []
        if n:
            spoken_parts.append(count_text(n, self.tr("1 note"), self.tr("{n} notes")))
        if r:
            spoken_parts.append(count_text(r, self.tr("1 recommendation"), self.tr("{n} recommendations")))
        spoken = ", ".join(spoken_parts)
        if folded and spoken:
            spoken = self.tr("{counts} here and in its subsections").format(counts=spoken)
        item.setData(n, COUNT_ROLE)
        item.setData(r, RECOMMENDATION_COUNT_ROLE)
        if item.text() != text or item.accessibleText() != spoken:
            item.setText(text)
            item.setAccessibleText(spoken)
            item.setToolTip(spoken)

    def count_of(self, section_id: int) -> int:
        """The number shown beside the section."""
        item = self._counts.get(section_id)
        return int(item.data(COUNT_ROLE) or 0) if item is not None else 0

    def recommendations_of(self, section_id: int) -> int:
        """The number of recommendations shown beside the section."""
        item = self._counts.get(section_id)
        return int(item.data(RECOMMENDATION_COUNT_ROLE) or 0) if item is not None else 0

    def index_of(self, section_id: int) -> QModelIndex:
        item = self._items.get(section_id)
        return item.index() if item is not None else QModelIndex()


class _WrappingTitles(QStyledItemDelegate):
    """Measures a title against its column's width, so a long one wraps onto more lines (the
    tree view alone measures it on one endless line)."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        if index.column() == SECTION_COLUMN:
            depth, at = 0, index.parent()
            while at.isValid():
                depth, at = depth + 1, at.parent()
            depth += 1 if self._tree.rootIsDecorated() else 0
            width = self._tree.columnWidth(SECTION_COLUMN) - self._tree.indentation() * depth
            option = QStyleOptionViewItem(option)
            rect = QRect(0, 0, max(width, 40), 1)  # valid, so the style wraps the text to it
            option.rect = rect
        return super().sizeHint(option, index)


class OutlinePanel(QDockWidget):
    section_activated = Signal(int)  # Section.id
    note_requested = Signal(int)  # "Add a note on this section…"
    recommend_requested = Signal(int)  # "Recommend on this section…"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Outline"), parent)
        self.setObjectName("outline_dock")  # for saveState / restoreState
        self.model = OutlineModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("outline_tree")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        # Long titles ("Priority 1: Visible and responsive policing in every neighbourhood") wrap
        # rather than end in "…"; the whole title is also the row's tooltip.
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setItemDelegate(_WrappingTitles(self.tree))
        # Row heights follow the title column's width, which changes with the dock's.
        self.tree.header().sectionResized.connect(self._title_width_changed)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAccessibleName(self.tr("Outline of the draft"))
        self.tree.setAccessibleDescription(
            self.tr("The draft's sections. Press Enter on a section to go to it.")
        )
        self._set_column_modes()
        self.tree.expanded.connect(lambda index: self._folded(index, False))
        self.tree.collapsed.connect(lambda index: self._folded(index, True))
        self.tree.clicked.connect(self._on_activated)
        self.tree.activated.connect(self._on_activated)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.can_annotate = True
        # Other parts add their entries to a section's menu (the section comparison does).
        self.menu_extensions: list[Callable[[QMenu, int], None]] = []
        self.empty = EmptyOutline()  # in the tree's place when a draft has no sections, saying why
        self.pages = QStackedWidget()
        self.pages.addWidget(self.tree)
        self.pages.addWidget(self.empty)
        self.setWidget(self.pages)
        self.setMinimumWidth(220)

    def sizeHint(self) -> QSize:
        # The dock opens wide enough for a typical priority's title on one or two lines.
        hint = super().sizeHint()
        return QSize(max(hint.width(), OPENING_WIDTH), hint.height())

    def _set_column_modes(self) -> None:
        # Reloading the model recreates the header's sections, so this follows every load.
        header = self.tree.header()
        header.setStretchLastSection(False)
        if header.count() >= 3:
            header.setSectionResizeMode(SECTION_COLUMN, QHeaderView.ResizeMode.Stretch)
            header.setSectionResizeMode(PAGE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(NOTES_COLUMN, QHeaderView.ResizeMode.ResizeToContents)

    def _title_width_changed(self, column: int, _old: int, _new: int) -> None:
        if column == SECTION_COLUMN:
            self.tree.scheduleDelayedItemsLayout()

    def set_document(self, document: Document | None) -> None:
        self.model.load(document)
        if document is not None and not document.sections:
            self.empty.explain(document)
            self.pages.setCurrentWidget(self.empty)
        else:
            self.pages.setCurrentWidget(self.tree)
        self._set_column_modes()
        self.tree.expandToDepth(0)
        self._sync_folded(self.model.invisibleRootItem())

    def _sync_folded(self, parent: QStandardItem) -> None:
        """Tell the model which sections are folded (expandToDepth says nothing by signal)."""
        for row in range(parent.rowCount()):
            child = parent.child(row, SECTION_COLUMN)
            if child is not None and child.hasChildren():
                folded = not self.tree.isExpanded(child.index())
                self.model.set_folded(int(child.data(SECTION_ID_ROLE)), folded)
                self._sync_folded(child)

    def _folded(self, index: QModelIndex, folded: bool) -> None:
        value = index.data(SECTION_ID_ROLE)
        if value is not None:
            self.model.set_folded(int(value), folded)

    def set_counts(self, counts: Mapping[int, int], recommendations: Mapping[int, int] | None = None) -> None:
        self.model.set_counts(counts, recommendations)

    def set_current_section(self, section_id: int | None) -> None:
        """Follow the reader: highlight the section being read, without moving the document."""
        selection = self.tree.selectionModel()
        if section_id is None:
            selection.clearSelection()
            return
        index = self.model.index_of(section_id)
        if not index.isValid() or QPersistentModelIndex(index) == QPersistentModelIndex(
            self.tree.currentIndex()
        ):
            return
        selection.setCurrentIndex(
            index,
            selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows,
        )
        self.tree.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def current_section(self) -> int | None:
        index = self.tree.currentIndex()
        value = index.data(SECTION_ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def _on_activated(self, index: QModelIndex) -> None:
        value = index.data(SECTION_ID_ROLE)
        if value is not None:
            self.section_activated.emit(int(value))

    def context_menu_for(self, section_id: int) -> QMenu:
        """The section's menu: add a note or a recommendation on the whole section."""
        menu = QMenu(self)
        menu.setObjectName("outline_menu")
        go = menu.addAction(self.tr("&Go to this section"))
        go.triggered.connect(lambda: self.section_activated.emit(section_id))
        menu.addSeparator()
        note = menu.addAction(self.tr("Add a &note on this section…"))
        note.triggered.connect(lambda: self.note_requested.emit(section_id))
        recommend = menu.addAction(self.tr("&Recommend on this section…"))
        recommend.triggered.connect(lambda: self.recommend_requested.emit(section_id))
        for action in (note, recommend):
            action.setEnabled(self.can_annotate)
        for extend in self.menu_extensions:
            extend(menu, section_id)
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        if not index.isValid():
            index = self.tree.currentIndex()
        value = index.data(SECTION_ID_ROLE) if index.isValid() else None
        if value is None:
            return
        menu = self.context_menu_for(int(value))
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()
