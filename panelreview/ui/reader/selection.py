"""What the document views hand to the rest of the window: a text selection, and the notes to draw.

Both views (:class:`~panelreview.ui.reader.pdf_view.PdfView` and
:class:`~panelreview.ui.reader.reflow_view.ReflowView`) speak in these terms, so the window wires them the
same way: ``selection_changed(TextSelection | None)`` out, ``set_highlights([HighlightItem])`` in.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QMenu, QWidget

from panelreview.core.anchor import Anchor
from panelreview.core.review import Kind
from panelreview.ui.common.kind_style import (
    RECOMMENDATION_MARK,
    kind_colour,
    kind_label,
    kind_mark,
    recommendation_colour,
    recommendation_label,
)


@dataclass(frozen=True, slots=True)
class TextSelection:
    """Text the member selected in a draft.

    ``anchor`` carries the quote, its offsets in ``full_text(document.blocks)``, the section and its
    heading path, the block, and for a PDF the page and the selected words' line rectangles (PDF
    points, on ``anchor.page_index``). A reflowed draft's anchor has no rectangles.
    """

    anchor: Anchor

    @property
    def quote(self) -> str:
        return self.anchor.quote or ""


@dataclass(frozen=True, slots=True)
class HighlightItem:
    """A note or recommendation drawn over the passage it is about."""

    id: str
    kind: Kind | None  # None: a recommendation
    anchor: Anchor
    tooltip: str  # plain text shown on hover: kind, author, the first lines of the note

    @property
    def span(self) -> tuple[int, int] | None:
        start, end = self.anchor.start, self.anchor.end
        if start is None or end is None or end <= start:
            return None
        return start, end


def highlight_colour(item: HighlightItem, alpha: int = 255) -> QColor:
    if item.kind is None:
        return recommendation_colour(alpha)
    return kind_colour(item.kind, alpha)


def highlight_mark(item: HighlightItem) -> str:
    """The one-character mark drawn beside a highlight, so colour is not the only cue."""
    return RECOMMENDATION_MARK if item.kind is None else kind_mark(item.kind)


def highlight_label(item: HighlightItem) -> str:
    return recommendation_label() if item.kind is None else kind_label(item.kind)


def selection_menu(parent: QWidget, actions: list[QAction]) -> QMenu:
    """The start of the right-click menu over selected text in either view: the note actions (when
    the selection can carry a note, else an empty list) and a separator; the view adds Copy."""
    menu = QMenu(parent)
    for action in actions:
        menu.addAction(action)
    if actions:
        menu.addSeparator()
    return menu
