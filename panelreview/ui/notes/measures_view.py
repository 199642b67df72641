"""The measures view: under each priority, its outcomes and commitments, which have a measure and
which do not, and its KPI tables with their baselines and targets. Clicking goes to the section."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from panelreview.core.measures import MeasuresResult

SECTION_ROLE = Qt.ItemDataRole.UserRole + 1
BLOCK_ROLE = Qt.ItemDataRole.UserRole + 2


class MeasuresView(QWidget):
    section_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("measures_summary")
        self.tree = QTreeWidget()
        self.tree.setObjectName("measures_tree")
        self.tree.setAccessibleName(self.tr("Outcomes, commitments and their measures"))
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.currentItemChanged.connect(self._show_current)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.detail = QLabel()
        self.detail.setObjectName("measures_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(60)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.detail)
        self.result: MeasuresResult | None = None

    def show_result(self, result: MeasuresResult | None) -> None:
        self.result = result
        self.tree.clear()
        self._show_current(None)
        if result is None:
            self.summary.setText(self.tr("Open a draft to see its commitments and their measures."))
            return
        items = result.items
        measured = sum(1 for i in items if i.measured)
        if items:
            self.summary.setText(
                self.tr(
                    "{measured} of {total} outcomes and commitments have a measure (a number, a "
                    "percentage, a date or a KPI); {missing} have none: the panel could ask for targets."
                ).format(measured=measured, total=len(items), missing=len(items) - measured)
            )
        else:
            self.summary.setText(
                self.tr("No outcomes or commitments were found under the plan's priorities.")
            )
        for priority in result.priorities:
            title = priority.section.label if priority.section else self.tr("The plan as a whole")
            top = QTreeWidgetItem(
                [self.tr("{title} — {measured} of {total} measured").format(
                    title=title, measured=priority.measured, total=len(priority.items)
                )]
            )  # fmt: skip
            if priority.section is not None:
                top.setData(0, SECTION_ROLE, priority.section.id)
            self.tree.addTopLevelItem(top)
            for item in priority.items:
                label = self.tr("Outcome") if item.kind == "outcome" else self.tr("Commitment")
                number = f" {item.number}" if item.number else ""
                mark = "✓" if item.measured else "✗"
                child = QTreeWidgetItem([f"{mark} {label}{number}: {item.text}"])
                if item.measured:
                    child.setToolTip(
                        0, self.tr("Measured by: {m}").format(m="; ".join(m.text for m in item.measures))
                    )
                    for measure in item.measures:
                        child.addChild(QTreeWidgetItem([f"   {measure.text}"]))
                else:
                    child.setToolTip(
                        0, self.tr("No number, percentage, date or KPI: the panel could ask for a target.")
                    )
                if item.section_id is not None:
                    child.setData(0, SECTION_ROLE, item.section_id)
                top.addChild(child)
            for table in priority.kpis:
                node = QTreeWidgetItem([self.tr("KPI table: indicator, baseline, target")])
                for row in table.rows:
                    node.addChild(QTreeWidgetItem([f"   {row.describe()}"]))
                top.addChild(node)
            top.setExpanded(True)
        for table in result.other_kpis:
            node = QTreeWidgetItem([self.tr("KPI table outside the priorities")])
            for row in table.rows:
                node.addChild(QTreeWidgetItem([f"   {row.describe()}"]))
            self.tree.addTopLevelItem(node)

    def _show_current(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        """The chosen line in full (the tree cuts long lines short), with what measures it."""
        if item is None:
            self.detail.setText(self.tr("Choose a line to read it in full; click it to go to its section."))
            return
        tip = item.toolTip(0)
        self.detail.setText(item.text(0).strip() + (f"\n{tip}" if tip else ""))

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        node: QTreeWidgetItem | None = item
        while node is not None:
            section = node.data(0, SECTION_ROLE)
            if section is not None:
                self.section_activated.emit(int(section))
                return
            node = node.parent()
