"""The outline: the draft's sections as a tree; click one to go there, and it follows your reading."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QHeaderView, QTreeView, QWidget

from panelreview.core.model import Document, Section

SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def page_text(section: Section) -> str:
    return "" if section.page_start is None else f"p. {section.page_start}"


class OutlineModel(QStandardItemModel):
    """Two columns: the section's label and its first page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: dict[int, QStandardItem] = {}
        self._set_headers()

    def _set_headers(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("Section"), self.tr("Page")])

    def load(self, document: Document | None) -> None:
        self.clear()
        self._set_headers()
        self._items.clear()
        if document is None:
            return
        root = self.invisibleRootItem()
        for section in document.sections:
            item = QStandardItem(section.label)
            item.setData(section.id, SECTION_ID_ROLE)
            item.setToolTip(section.label)
            item.setEditable(False)
            page = QStandardItem(page_text(section))
            page.setData(section.id, SECTION_ID_ROLE)
            page.setEditable(False)
            page.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if section.page_start is not None:
                page.setAccessibleText(self.tr("page {n}").format(n=section.page_start))
            parent_item = self._items.get(section.parent) if section.parent is not None else None
            (parent_item or root).appendRow([item, page])
            self._items[section.id] = item

    def index_of(self, section_id: int) -> QModelIndex:
        item = self._items.get(section_id)
        return item.index() if item is not None else QModelIndex()


class OutlinePanel(QDockWidget):
    section_activated = Signal(int)  # Section.id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Outline"), parent)
        self.setObjectName("outline_dock")  # for saveState / restoreState
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.model = OutlineModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("outline_tree")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAccessibleName(self.tr("Outline of the draft"))
        self.tree.setAccessibleDescription(
            self.tr("The draft's sections. Press Enter on a section to go to it.")
        )
        self._set_column_modes()
        self.tree.clicked.connect(self._on_activated)
        self.tree.activated.connect(self._on_activated)
        self.setWidget(self.tree)
        self.setMinimumWidth(220)

    def _set_column_modes(self) -> None:
        # Reloading the model recreates the header's sections, so this follows every load.
        header = self.tree.header()
        header.setStretchLastSection(False)
        if header.count() >= 2:
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

    def set_document(self, document: Document | None) -> None:
        self.model.load(document)
        self._set_column_modes()
        self.tree.expandToDepth(0)

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
