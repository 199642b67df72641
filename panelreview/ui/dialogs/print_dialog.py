"""File › Print…: what to print, asked before the system's own Print dialog.

Three things can go on paper: the draft as it is, the draft with the member's notes shown as on
screen (each noted passage highlighted in its kind's colour), and a list of the member's notes and
recommendations. Private working notes are left out unless the member ticks the box: paper is easily
left on a train or in a shared printer's tray, so leaving them out is the safe default, and the box
is never remembered.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

DRAFT, ANNOTATED, NOTES = "draft", "annotated", "notes"
CHOICE_KEY = "print/what"


@dataclass(frozen=True, slots=True)
class PrintChoice:
    what: str  # DRAFT, ANNOTATED or NOTES
    include_private: bool = False


class PrintChoiceDialog(QDialog):
    """Asks what to print. ``has_review``: the member has notes (a review) to print with the draft;
    ``is_pdf``: the draft is a PDF (a Word or text draft prints as reflowed text, not its own pages);
    ``private_notes`` of ``all_notes``: how many of the member's notes and recommendations are
    private working notes."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        has_review: bool = True,
        is_pdf: bool = True,
        private_notes: int = 0,
        all_notes: int = 0,
    ) -> None:
        super().__init__(parent)
        self._has_private = private_notes > 0
        self.setObjectName("print_choice_dialog")
        self.setWindowTitle(self.tr("Print"))
        self.setAccessibleName(self.tr("What to print"))
        intro = QLabel(self.tr("What would you like to print?"))
        self.draft_button = QRadioButton(self.tr("The &draft"))
        self.annotated_button = QRadioButton(self.tr("The draft with my &notes"))
        self.notes_button = QRadioButton(self.tr("My notes and &recommendations (a list)"))
        self.group = QButtonGroup(self)
        for button in (self.draft_button, self.annotated_button, self.notes_button):
            self.group.addButton(button)
        draft_help = (
            self.tr("Every page, as it is.")
            if is_pdf
            else self.tr(
                "A Word or text draft is printed as PanelReview shows it (its text, headings, lists "
                "and tables), not with the layout Word would give it."
            )
        )
        annotated_help = self.tr(
            "The passages you noted are highlighted in their colours, as on screen. The notes' own "
            "words are not on these pages: print your notes list as well to read them."
        )
        notes_help = self.tr("By section of the draft, with the passage each note is about.")
        self.private_box = QCheckBox(self.tr("Include my pri&vate notes"))
        counts = (
            self.tr("Private working notes: {private} of your {all} notes and recommendations.").format(
                private=private_notes, all=max(all_notes, private_notes)
            )
            + " "
            if private_notes
            else ""
        )
        private_help = QLabel(
            counts
            + self.tr(
                "Paper is easily left behind, and council printers are often shared, so private "
                "working notes are left out unless you tick this. The notes list says on its first "
                "page whether they are in it."
            )
        )
        if not self._has_private:
            self.private_box.setToolTip(self.tr("You have no private working notes on this draft."))
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addWidget(intro)
        for button, text in (
            (self.draft_button, draft_help),
            (self.annotated_button, annotated_help),
            (self.notes_button, notes_help),
        ):
            layout.addSpacing(6)
            layout.addWidget(button)
            layout.addWidget(self._help(text))
        layout.addSpacing(12)
        layout.addWidget(self.private_box)
        private_help.setWordWrap(True)
        private_help.setContentsMargins(24, 0, 0, 0)
        layout.addWidget(private_help)
        if not has_review:
            for button in (self.annotated_button, self.notes_button):
                button.setEnabled(False)
                button.setToolTip(self.tr("You have not written any notes on this draft yet."))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Print…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addSpacing(12)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        remembered = str(QSettings().value(CHOICE_KEY, DRAFT) or DRAFT)
        chosen = {DRAFT: self.draft_button, ANNOTATED: self.annotated_button, NOTES: self.notes_button}
        start = chosen.get(remembered, self.draft_button)
        (start if start.isEnabled() else self.draft_button).setChecked(True)
        self.group.buttonToggled.connect(self._update_private)
        self._update_private()

    @staticmethod
    def _help(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setContentsMargins(24, 0, 0, 0)
        label.setStyleSheet("color: palette(placeholder-text);")
        return label

    def _update_private(self) -> None:
        # The plain draft has no notes on it, so the box means nothing then.
        self.private_box.setEnabled(self._has_private and not self.draft_button.isChecked())

    def choice(self) -> PrintChoice:
        what = (
            ANNOTATED
            if self.annotated_button.isChecked()
            else NOTES
            if self.notes_button.isChecked()
            else DRAFT
        )
        private = self.private_box.isChecked() and self.private_box.isEnabled()
        return PrintChoice(what, include_private=private)

    def accept(self) -> None:
        QSettings().setValue(CHOICE_KEY, self.choice().what)
        super().accept()
