"""Add a member's view received on paper or by email…: the clerk enters it on the member's behalf.

The view is the member's (it counts in the synthesis and the members list, and can be built into
the panel's recommendations), and it is marked as entered by the clerk. The member is chosen from
the members list and the members whose views arrived, or typed; the place is a section of the
draft, the draft as a whole, or a passage copied from the draft (when the draft is open).

One review call (``Review.record_member_view``), one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.anchor import Anchor, AnchorError, anchor_quote, anchor_section
from panelreview.core.model import Document
from panelreview.core.review import Kind
from panelreview.core.section_names import display_names
from panelreview.ui.clerk.common import error_label, ok_cancel
from panelreview.ui.common.kind_style import kind_label, recommendation_label
from panelreview.ui.common.labels import kind_icon
from panelreview.ui.session.review_session import ReviewSession

RECOMMENDATION = "recommendation"
VIEW_KINDS = (Kind.QUESTION, Kind.CONCERN, Kind.COMMENT, Kind.SUPPORT)  # as the synthesis orders them


@dataclass(frozen=True, slots=True)
class MemberView:
    member: str  # a member's id, a members-list entry's id, or a name typed
    kind: str
    text: str
    anchor: Anchor | None


class MemberViewDialog(QDialog):
    """Whose view, about what, what kind, and their words."""

    def __init__(
        self,
        session: ReviewSession,
        document: Document | None = None,
        member: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("member_view_dialog")
        self.setWindowTitle(self.tr("Add a member's view received on paper or by email"))
        self._session = session
        self._document = document
        self._sections = session.review.sections()
        intro = QLabel(
            self.tr(
                "Enter a view a member sent you on paper, by email or in a letter. It counts as "
                "theirs in the synthesis and the members list, marked as entered by you."
            )
        )
        intro.setWordWrap(True)

        self.member_combo = QComboBox()
        self.member_combo.setObjectName("view_member")
        self.member_combo.setEditable(True)
        self.member_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.member_combo.setAccessibleName(self.tr("Whose view it is"))
        self.member_combo.setToolTip(self.tr("Choose a member, or type the name of one not listed"))
        for line in session.review.members_status():
            key = line.member_id or line.roster_id
            if key:
                self.member_combo.addItem(line.name, key)
        found = self.member_combo.findData(member) if member else -1
        self.member_combo.setCurrentIndex(found)
        if found < 0:
            self.member_combo.setEditText("")

        self.section_combo = QComboBox()
        self.section_combo.setObjectName("view_section")
        self.section_combo.setAccessibleName(self.tr("The part of the draft it is about"))
        self.section_combo.addItem(self.tr("The draft as a whole"), None)
        names = display_names(self._sections)  # a recurring title: with its parent and page
        for section in self._sections:
            self.section_combo.addItem("    " * max(section.level - 1, 0) + names[section.id], section.id)
        self.passage_edit = QLineEdit()
        self.passage_edit.setObjectName("view_passage")
        self.passage_edit.setAccessibleName(self.tr("A passage of the draft (optional)"))
        if document is not None:
            self.passage_edit.setPlaceholderText(self.tr("Optional: words copied from the draft"))
        else:
            self.passage_edit.setPlaceholderText(self.tr("Open the draft to quote a passage"))
            self.passage_edit.setEnabled(False)

        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("view_kind")
        self.kind_combo.setAccessibleName(self.tr("What kind of view"))
        for kind in VIEW_KINDS:
            self.kind_combo.addItem(kind_icon(kind), kind_label(kind), kind.value)
        self.kind_combo.addItem(kind_icon(None), recommendation_label(), RECOMMENDATION)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(Kind.COMMENT.value))

        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("view_text")
        self.text_edit.setAccessibleName(self.tr("The member's words"))
        self.text_edit.setPlaceholderText(self.tr("What the member said, as they sent it"))
        self.text_edit.setTabChangesFocus(True)
        self.error_label = error_label()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Member:"), self.member_combo)
        form.addRow(self.tr("&About:"), self.section_combo)
        form.addRow(self.tr("&Passage:"), self.passage_edit)
        form.addRow(self.tr("&Kind:"), self.kind_combo)
        form.addRow(self.tr("&Their words:"), self.text_edit)
        self.buttons, self.ok_button = ok_cancel(self, self.tr("Add the view"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.error_label)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        (self.text_edit if found >= 0 else self.member_combo).setFocus()
        self._value: MemberView | None = None

    def _member(self) -> str:
        typed = self.member_combo.currentText().strip()
        index = self.member_combo.findText(typed)
        return str(self.member_combo.itemData(index)) if index >= 0 and typed else typed

    def _anchor(self) -> Anchor | None:
        quote = self.passage_edit.text().strip()
        if quote and self._document is not None:
            return anchor_quote(self._document, quote)
        section_id = self.section_combo.currentData()
        section = next((s for s in self._sections if s.id == section_id), None)
        return anchor_section(self._sections, section) if section is not None else None

    def _problem(self, text: str, widget: QWidget) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        widget.setFocus()

    def accept(self) -> None:
        member = self._member()
        text = self.text_edit.toPlainText().strip()
        if not member:
            self._problem(self.tr("Choose or type the member whose view it is."), self.member_combo)
            return
        if not text:
            self._problem(self.tr("Type the member's words first."), self.text_edit)
            return
        try:
            anchor = self._anchor()
        except AnchorError as err:
            self._problem(str(err), self.passage_edit)
            return
        self._value = MemberView(member, str(self.kind_combo.currentData()), text, anchor)
        super().accept()

    def value(self) -> MemberView | None:
        return self._value


def add_member_view(
    parent: QWidget | None,
    session: ReviewSession,
    document: Document | None = None,
    member: str | None = None,
) -> str | None:
    """Ask for a member's view and enter it on their behalf (one undo step); the new item's id."""
    dialog = MemberViewDialog(session, document, member, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    value = dialog.value()
    if value is None:
        return None
    review = session.review
    change = session.run(
        lambda: review.record_member_view(value.member, value.kind, value.text, anchor=value.anchor)
    )
    return str(change.item_id) if change is not None and change.item_id else None
