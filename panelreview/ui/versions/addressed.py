""" "Was it addressed?": how the sections a recommendation cites changed in the new version, and the
member's (or clerk's) judgement, with a comment.

The dialog shows the recommendation, each cited section in the earlier and the current version
(with its page and what changed; Compare opens the section comparison), and four choices:
addressed, partly, not addressed, no longer relevant. Saving is one undo step (``saved`` carries
the status and comment; the caller makes the change).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.versions import AddressedStatus, AddressedView
from panelreview.ui.common.labels import shorten
from panelreview.ui.versions.wording import how_text, place

CITED_ROLE = Qt.ItemDataRole.UserRole + 1


class AddressedDialog(QDialog):
    saved = Signal(str, str)  # status value, comment
    compare_requested = Signal(object, object)  # old section id | None, new section id | None

    def __init__(
        self,
        parent: QWidget | None,
        wording: str,
        view: AddressedView,
        versions: tuple[str, str],
        editable: bool,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("addressed_dialog")
        self.setWindowTitle(self.tr("Was It Addressed?"))
        self.setAccessibleName(self.tr("Was the recommendation addressed?"))
        self.view = view
        old_name, new_name = versions

        wording_label = QLabel("“" + shorten(wording, 400) + "”")
        wording_label.setWordWrap(True)
        wording_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        heading = QLabel(
            self.tr("How the sections it cites changed from {old} to {new}:").format(
                old=old_name, new=new_name
            )
        )
        heading.setWordWrap(True)
        self.cited = QTreeWidget()
        self.cited.setObjectName("addressed_cited")
        self.cited.setAccessibleName(self.tr("Sections the recommendation cites"))
        self.cited.setColumnCount(3)
        self.cited.setHeaderLabels(
            [
                self.tr("In {old}").format(old=old_name),
                self.tr("In {new}").format(new=new_name),
                self.tr("What changed"),
            ]
        )
        self.cited.setRootIsDecorated(False)
        self.cited.setWordWrap(True)
        self.cited.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for cited in view.cited:
            old = place(cited.old, cited.old_page)
            new = place(cited.new, cited.new_page) if cited.new else self.tr("not in this version")
            item = QTreeWidgetItem([old, new, how_text(cited.how)])
            for column, text in enumerate((old, new)):
                item.setToolTip(column, text)
            item.setData(0, CITED_ROLE, (cited.old.id, cited.new.id if cited.new else None))
            self.cited.addTopLevelItem(item)
        first = self.cited.topLevelItem(0)
        if first is not None:
            self.cited.setCurrentItem(first)
        self.cited.setVisible(bool(view.cited))
        self.cited.setMaximumHeight(120)
        header = self.cited.header()  # the columns share the width; a long title ends in "…" (tooltip: all)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.cited.itemActivated.connect(lambda _item, _column: self._compare())
        none_cited = QLabel(
            self.tr("It cites no section of the draft: judge it from the new version as a whole.")
        )
        none_cited.setWordWrap(True)
        none_cited.setVisible(not view.cited)
        self.compare_button = QPushButton(self.tr("&Compare the Section…"))
        self.compare_button.setEnabled(bool(view.cited))
        self.compare_button.clicked.connect(self._compare)

        box = QGroupBox(self.tr("Did {new} take it up?").format(new=new_name))
        self.choices = QButtonGroup(self)
        box_layout = QVBoxLayout(box)
        self.radios: dict[str, QRadioButton] = {}
        for status, text in (
            (AddressedStatus.ADDRESSED, self.tr("&Addressed")),
            (AddressedStatus.PARTLY, self.tr("&Partly addressed")),
            (AddressedStatus.NOT_ADDRESSED, self.tr("&Not addressed")),
            (AddressedStatus.NO_LONGER_RELEVANT, self.tr("No longer &relevant")),
        ):
            radio = QRadioButton(text)
            self.radios[status.value] = radio
            self.choices.addButton(radio)
            box_layout.addWidget(radio)
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setAccessibleName(self.tr("Comment on the judgement"))
        self.comment_edit.setPlaceholderText(self.tr("For example, what the new version says now"))
        self.comment_edit.setMaximumHeight(90)
        comment_label = QLabel(self.tr("Co&mment:"))
        comment_label.setBuddy(self.comment_edit)
        judgement = view.judgement
        if judgement is not None:
            self.radios[judgement.status.value].setChecked(True)
            self.comment_edit.setPlainText(judgement.comment)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        self.save_button.setEnabled(editable and judgement is not None)
        self.choices.buttonToggled.connect(lambda _b, _on: self.save_button.setEnabled(editable))
        for widget in (box, self.comment_edit):
            widget.setEnabled(editable)

        compare_row = QHBoxLayout()
        compare_row.addStretch(1)
        compare_row.addWidget(self.compare_button)
        layout = QVBoxLayout(self)
        layout.addWidget(wording_label)
        layout.addWidget(heading)
        layout.addWidget(self.cited)
        layout.addWidget(none_cited)
        layout.addLayout(compare_row)
        layout.addWidget(box)
        layout.addWidget(comment_label)
        layout.addWidget(self.comment_edit)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def chosen(self) -> str | None:
        return next((value for value, radio in self.radios.items() if radio.isChecked()), None)

    def choose(self, status: str) -> None:
        self.radios[status].setChecked(True)

    def _compare(self) -> None:
        item = self.cited.currentItem()
        if item is not None:
            old_id, new_id = item.data(0, CITED_ROLE)
            self.compare_requested.emit(old_id, new_id)

    def _save(self) -> None:
        status = self.chosen()
        if status is None:
            return
        self.saved.emit(status, self.comment_edit.toPlainText().strip())
        self.accept()
