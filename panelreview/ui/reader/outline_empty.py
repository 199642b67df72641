"""What the outline shows when a draft has no sections: why it is blank, and how to find one's way.

A blank panel looks broken, and after typing a password a member will suspect the password. So the
panel says which of the reasons it is (no readable text, or no headings or bookmarks), that a
password is not the reason when one was typed, and what to use instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QWidget

from panelreview.core.model import DocFormat, Document


def has_no_readable_text(document: Document) -> bool:
    """No text at all, or none on any page (pictures of pages)."""
    if not any(block.text.strip() for block in document.blocks):
        return True
    pages = document.identity.page_count
    return bool(pages) and len(set(document.pages_without_text)) >= (pages or 0)


class EmptyOutline(QLabel):
    """The outline panel's message in place of an empty tree."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outline_empty")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # so a screen reader's user can reach it
        self.setContentsMargins(10, 10, 10, 10)
        self.setAccessibleName(self.tr("Why the outline is empty"))

    def explain(self, document: Document) -> None:
        self.setText("\n\n".join(self.reasons(document)))
        self.setAccessibleDescription(self.text())

    def reasons(self, document: Document) -> list[str]:
        find_key = QKeySequence(QKeySequence.StandardKey.Find).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        paragraphs: list[str] = []
        is_pdf = document.identity.format is DocFormat.PDF
        if has_no_readable_text(document):
            paragraphs.append(
                self.tr(
                    "This draft has no sections to list: no text could be read from it. Its pages "
                    "may be scanned pictures, with no text behind them."
                )
            )
            paragraphs.append(
                self.tr("You can still read it page by page with the page box, Page Up and Page Down.")
            )
        elif is_pdf:
            paragraphs.append(
                self.tr(
                    "This draft has no sections to list: the PDF has no bookmarks, and none of its "
                    "text looks like headings (numbered or larger, bolder titles)."
                )
            )
            paragraphs.append(
                self.tr(
                    "Move around with the page box or Find ({key}). Notes on passages work as usual."
                ).format(key=find_key)
            )
        else:
            paragraphs.append(
                self.tr(
                    "This draft has no sections to list: none of its titles are styled as headings "
                    "(Heading 1, Heading 2…) or look like numbered headings."
                )
            )
            paragraphs.append(
                self.tr("Move around with Find ({key}). Notes on passages work as usual.").format(
                    key=find_key
                )
            )
        if document.password_protected:
            paragraphs.insert(
                0,
                self.tr(
                    "The password opened this draft in full: the password is not why this list is empty."
                ),
            )
        return paragraphs
