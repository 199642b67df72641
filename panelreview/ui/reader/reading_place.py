"""Which section the member is looking at: the "current section" of section notes, of the outline's
highlight and of the status bar.

It is the section under the selection; else the one where the member last clicked in the text (the
cursor), while that place is on screen; else the one in the middle of the view. Not the section at
the top edge: scrolled so that "Resources and finance" fills the view, the last lines of the
section before it may still show at the top. A section chosen in the outline (or Go to) stays the
current one until the member scrolls, clicks or selects.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from panelreview.core.model import Document
from panelreview.core.section_names import SectionNames
from panelreview.ui.reader.navigation import SectionLocator
from panelreview.ui.reader.pdf_view import PdfView
from panelreview.ui.reader.reflow_view import ReflowView


class ReadingPlace(QObject):
    section_changed = Signal(object)  # int | None: the section now current

    def __init__(self, pdf_view: PdfView, reflow_view: ReflowView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pdf_view = pdf_view
        self.reflow_view = reflow_view
        self.document: Document | None = None
        self.locator: SectionLocator | None = None
        self.names = SectionNames([])
        self._is_pdf = False
        self._current: int | None = None
        for signal in (
            pdf_view.position_changed,
            pdf_view.selection_changed,
            pdf_view.caret_moved,
            reflow_view.position_changed,
            reflow_view.selection_changed,
            reflow_view.caret_moved,
        ):
            signal.connect(self.refresh)

    def set_document(self, document: Document | None, is_pdf: bool) -> None:
        self.document = document
        self._is_pdf = is_pdf
        self.locator = SectionLocator(document) if document is not None else None
        self.names = SectionNames(document.sections if document is not None else [])
        self._set(None)

    # ----- where the member is ------------------------------------------------------------------
    def looked_at(self) -> int | None:
        """The section under the selection, else the cursor, else the middle of the view."""
        if self.document is None or self.locator is None:
            return None
        view = self.pdf_view if self._is_pdf else self.reflow_view
        selection = view.selection()
        if selection is not None and selection.anchor.quote and selection.anchor.section_id is not None:
            return selection.anchor.section_id
        if self._is_pdf:
            place = self.pdf_view.caret_position() or self.pdf_view.middle_position()
            return self.locator.section_at_page_position(*place)
        block = self.reflow_view.caret_block()
        if block is None:
            block = self.reflow_view.block_at_middle()
        return self.locator.section_of_block(block) if block is not None else None

    def refresh(self, *_args: object) -> None:
        """The view scrolled, or the selection or cursor moved: follow what is looked at now."""
        self._set(self.looked_at())

    def choose(self, section_id: int | None) -> None:
        """A section the member chose (in the outline): current until they scroll, click or select."""
        self._set(section_id)

    def current(self) -> int | None:
        return self._current

    def current_name(self) -> str:
        """The current section's name, with its parent and page where its title recurs."""
        return self.name(self._current)

    def name(self, section_id: int | None) -> str:
        return self.names.name(section_id)

    def _set(self, section_id: int | None) -> None:
        self._current = section_id
        self.section_changed.emit(section_id)
