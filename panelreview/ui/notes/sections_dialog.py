"""Choose the sections of the draft that address a checklist item ("Change sections…")."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.model import Section
from panelreview.core.section_names import display_names

SECTION_ROLE = Qt.ItemDataRole.UserRole + 1


class SectionsDialog(QDialog):
    """The draft's outline with a tick box on each section; the ticked ones are the answer."""

    def __init__(
        self, title: str, sections: Sequence[Section], chosen: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sections that address it"))
        self.resize(460, 520)
        intro = QLabel(self.tr("Tick the sections of the draft that set out: {item}").format(item=title))
        intro.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Show sections containing…"))
        self.filter.setAccessibleName(self.tr("Filter sections"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Sections of the draft"))
        wanted = set(chosen)
        names = display_names(sections)  # a recurring title: with its parent and page
        for section in sections:
            item = QListWidgetItem("    " * (section.level - 1) + names[section.id])
            item.setToolTip(names[section.id])
            item.setData(SECTION_ROLE, section.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = section.id in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def _filter(self, text: str) -> None:
        wanted = text.strip().lower()
        for n in range(self.list.count()):
            item = self.list.item(n)
            item.setHidden(bool(wanted) and wanted not in item.text().lower())

    def chosen(self) -> list[int]:
        return [
            int(self.list.item(n).data(SECTION_ROLE))
            for n in range(self.list.count())
            if self.list.item(n).checkState() is Qt.CheckState.Checked
        ]
