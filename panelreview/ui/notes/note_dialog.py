"""The small dialogs that write a new note or recommendation on a passage or a section.

They stay open until the review has saved what was typed: if saving fails, the text is still in
the box and the reason is shown. ``submit`` (given by the caller) makes the review call and returns
whether it worked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.review import Kind, Visibility
from panelreview.ui.common.kind_style import kind_label
from panelreview.ui.common.labels import fill_kinds, fill_visibilities, select_data, shorten

# White on dark red: readable in light and dark palettes, and not only a colour (it is text).
ERROR_STYLE = "color: white; background-color: #b3261e; padding: 6px; border-radius: 3px;"
SAVE_KEY = (
    "Ctrl+Return"  # saves the note or recommendation being written (Help › Keyboard Shortcuts lists it)
)


@dataclass(frozen=True, slots=True)
class NoteInput:
    kind: Kind
    body: str
    visibility: Visibility
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RecommendationInput:
    wording: str
    rationale: str
    visibility: Visibility


def parse_tags(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.strip() for t in text.replace(";", ",").split(",") if t.strip()))


def where_text(quote: str | None, section_label: str | None) -> str:
    if quote:
        return "“" + shorten(quote, 160) + "”"
    return section_label or QCoreApplication.translate("note_dialog", "The whole draft")


class _SubmitDialog(QDialog):
    """Shared layout: what it is on, the form, an error line, and OK/Cancel. Ctrl+Enter saves."""

    def __init__(self, title: str, where: str, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.where_label = QLabel(where)
        self.where_label.setWordWrap(True)
        self.where_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where_label.setAccessibleName(self.tr("The passage or section this is about"))
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error_label = QLabel()
        self.error_label.setObjectName("error_label")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(SAVE_KEY), self, self.accept)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        on = QLabel(self.tr("On"))
        bold = on.font()
        bold.setBold(True)
        on.setFont(bold)
        on.setBuddy(self.where_label)
        self.where_label.setIndent(12)  # set in under its heading: text to read, not a box to type in
        italic = self.where_label.font()
        italic.setItalic(True)
        self.where_label.setFont(italic)
        layout.addWidget(on)
        layout.addWidget(self.where_label)
        layout.addSpacing(4)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def show_problem(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _try(self, message: str) -> bool:
        """``message`` empty: saved, close. Otherwise keep everything typed and say why."""
        if message:
            self.show_problem(message)
            return False
        return True


class NoteDialog(_SubmitDialog):
    def __init__(
        self,
        kind: Kind,
        where: str,
        submit: Callable[[NoteInput], str],
        parent: QWidget | None = None,
        visibility: Visibility = Visibility.PRIVATE,
    ) -> None:
        label = kind_label(kind)
        super().__init__(
            self.tr("Add a note: {kind}").format(kind=label), where, self.tr("&Add note"), parent
        )
        self.setObjectName("note_dialog")
        self._submit_note = submit
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Kind of note"))
        fill_kinds(self.kind_combo)
        select_data(self.kind_combo, kind.value)
        self.body_edit = QPlainTextEdit()
        self.body_edit.setObjectName("note_body")
        self.body_edit.setAccessibleName(self.tr("Note text"))
        self.body_edit.setPlaceholderText(self.tr("Write your note. Ctrl+Enter adds it."))
        self.body_edit.setTabChangesFocus(True)
        self.body_edit.setMinimumHeight(110)
        self.visibility_combo = QComboBox()
        self.visibility_combo.setAccessibleName(self.tr("Who can see it"))
        fill_visibilities(self.visibility_combo)
        select_data(self.visibility_combo, visibility.value)
        self.tags_edit = QLineEdit()
        self.tags_edit.setAccessibleName(self.tr("Tags"))
        self.tags_edit.setPlaceholderText(self.tr("Optional, separated by commas"))
        self.form.addRow(self.tr("&Kind:"), self.kind_combo)
        self.form.addRow(self.tr("&Note:"), self.body_edit)
        self.form.addRow(self.tr("&Who can see it:"), self.visibility_combo)
        self.form.addRow(self.tr("&Tags:"), self.tags_edit)
        self.body_edit.setFocus()

    def value(self) -> NoteInput:
        return NoteInput(
            Kind(str(self.kind_combo.currentData())),
            self.body_edit.toPlainText().strip(),
            Visibility(str(self.visibility_combo.currentData())),
            parse_tags(self.tags_edit.text()),
        )

    def accept(self) -> None:
        if self._try(self._submit_note(self.value())):
            super().accept()


class RecommendDialog(_SubmitDialog):
    def __init__(
        self,
        where: str,
        submit: Callable[[RecommendationInput], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Draft a recommendation"), where, self.tr("&Add recommendation"), parent)
        self.setObjectName("recommend_dialog")
        self._submit_recommendation = submit
        self.wording_edit = QPlainTextEdit()
        self.wording_edit.setObjectName("recommendation_wording")
        self.wording_edit.setAccessibleName(self.tr("Recommendation wording"))
        self.wording_edit.setPlaceholderText(self.tr("The Panel recommends that the Commissioner…"))
        self.wording_edit.setTabChangesFocus(True)
        self.wording_edit.setMinimumHeight(90)
        self.rationale_edit = QPlainTextEdit()
        self.rationale_edit.setAccessibleName(self.tr("Why the panel should recommend this"))
        self.rationale_edit.setPlaceholderText(self.tr("Optional: the reasons and evidence"))
        self.rationale_edit.setTabChangesFocus(True)
        self.rationale_edit.setMinimumHeight(70)
        self.visibility_combo = QComboBox()
        self.visibility_combo.setAccessibleName(self.tr("Who can see it"))
        fill_visibilities(self.visibility_combo)
        self.form.addRow(self.tr("&Recommendation:"), self.wording_edit)
        self.form.addRow(self.tr("Re&asons:"), self.rationale_edit)
        self.form.addRow(self.tr("&Who can see it:"), self.visibility_combo)
        self.wording_edit.setFocus()

    def value(self) -> RecommendationInput:
        return RecommendationInput(
            self.wording_edit.toPlainText().strip(),
            self.rationale_edit.toPlainText().strip(),
            Visibility(str(self.visibility_combo.currentData())),
        )

    def accept(self) -> None:
        if self._try(self._submit_recommendation(self.value())):
            super().accept()
