"""The PDF view: the draft's pages (:class:`~panelreview.ui.reader.pdf_pages.PageView`), and on them
selecting text, notes drawn over their passages, going to a passage, and the keyboard.

A selection runs between two words in reading order, from the word pressed on to the word the
mouse (or Shift with an arrow key) reached, across lines and pages. It is reported once finished,
as a :class:`TextSelection` whose anchor is matched to the draft's text, or as None when none of
the selected words is the draft's text (a running header, a page number): nothing can be noted on
those, though they can still be copied.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from panelreview.core.anchor import Anchor, PlacedWord, anchor_words, line_rects
from panelreview.core.model import Rect
from panelreview.ui.reader.document_worker import DocumentService
from panelreview.ui.reader.pdf_pages import MAX_ZOOM, MIN_ZOOM, PAGE_GAP, PX_PER_POINT, ZOOM_STEP, PageView
from panelreview.ui.reader.pdf_words import WordPos
from panelreview.ui.reader.selection import HighlightItem, TextSelection, selection_menu

__all__ = ["MAX_ZOOM", "MIN_ZOOM", "PAGE_GAP", "PX_PER_POINT", "ZOOM_STEP", "PdfView"]

FOUND_EMPHASIS_MS = 2500


class PdfView(PageView):
    """A PDF draft's pages, where the member selects text and sees the notes on it."""

    selection_changed = Signal(object)  # TextSelection | None
    highlight_activated = Signal(str)  # the id of a note clicked, or chosen with Enter
    caret_moved = Signal()  # the member clicked in the pages (not on a selection)
    notes_changed = Signal()  # the notes drawn on the pages changed (see note_pages)

    def __init__(self, service: DocumentService, parent: QWidget | None = None) -> None:
        super().__init__(service, parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleDescription(
            self.tr(
                "The draft's pages. Drag to select text, double-click to select a word, Shift with "
                "the arrow keys to extend a selection. Alt+Down and Alt+Up go to the next and previous "
                "note; Enter opens it."
            )
        )
        self._sel_a: WordPos | None = None
        self._sel_b: WordPos | None = None
        self._selection: TextSelection | None = None
        self._selection_actions: list[QAction] = []
        self._current_id: str | None = None
        self._caret: tuple[int, float] | None = None  # where the member last clicked: page, y
        self._found: Anchor | None = None
        self._found_timer = QTimer(self)
        self._found_timer.setSingleShot(True)
        self._found_timer.setInterval(FOUND_EMPHASIS_MS)
        self._found_timer.timeout.connect(self._clear_found)
        self.copy_action = QAction(self.tr("&Copy"), self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.triggered.connect(self.copy_selection)

    def _pages_reset(self) -> None:
        self._caret = None
        self._found = None
        self._current_id = None
        self.clear_selection()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """The keyboard's menu key (a right-click on a page reaches the canvas instead)."""
        rects = [(p, r) for p in sorted(self._range_pages()) for r in self.selection_rects(p)]
        if rects:
            page, rect = rects[0]
            box = self.to_canvas(page, rect)
            at = self.canvas.mapToGlobal(box.bottomLeft().toPoint())
        else:
            at = event.globalPos()
        self.show_context_menu(None, at)

    # ----- the selection --------------------------------------------------------------------------
    def selection(self) -> TextSelection | None:
        return self._selection

    def caret_position(self) -> tuple[int, float] | None:
        """Where the member last clicked in the pages (page, y in points), while it is on screen."""
        if self._caret is not None and self.is_on_screen(*self._caret):
            return self._caret
        return None

    def has_selection_words(self) -> bool:
        return self._sel_a is not None and self._sel_b is not None

    def set_selection_actions(self, actions: list[QAction]) -> None:
        """Actions offered in the right-click menu when text is selected (Copy is added)."""
        self._selection_actions = list(actions)

    def clear_selection(self) -> None:
        had = self.has_selection_words() or self._selection is not None
        self._set_range(None, None)
        self._selection = None
        if had:
            self.selection_changed.emit(None)

    def selected_words(self) -> list[PlacedWord]:
        if self._sel_a is None or self._sel_b is None:
            return []
        return self.words.between(self._sel_a, self._sel_b)

    def selected_text(self) -> str:
        if self._selection is not None:
            return self._selection.quote
        lines: list[str] = []
        last: tuple[int, int] | None = None
        for word in self.selected_words():
            if (word.page, word.line) != last:
                lines.append(word.text)
                last = (word.page, word.line)
            else:
                lines[-1] += " " + word.text
        return "\n".join(lines)

    def copy_selection(self) -> None:
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def _set_range(self, a: WordPos | None, b: WordPos | None) -> None:
        before = self._range_pages()
        self._sel_a, self._sel_b = a, b
        for page in before | self._range_pages():
            self.update_page(page)

    def _range_pages(self) -> set[int]:
        if self._sel_a is None or self._sel_b is None:
            return set()
        first, last = sorted((self._sel_a[0], self._sel_b[0]))
        return set(range(first, last + 1))

    def selection_rects(self, page: int) -> list[Rect]:
        """Line rectangles of the selection on ``page`` (PDF points)."""
        if self._sel_a is None or self._sel_b is None:
            return []
        first, last = min(self._sel_a, self._sel_b), max(self._sel_a, self._sel_b)
        if not first[0] <= page <= last[0]:
            return []
        lo = (page, first[1]) if page == first[0] else (page, 0)
        hi = (page, last[1]) if page == last[0] else (page, 1 << 30)
        return [rect for _, rect in line_rects(self.words.between(lo, hi))]

    def _finish_selection(self) -> None:
        words = self.selected_words()
        document = self.words.document
        anchor = anchor_words(document, words) if words and document is not None else None
        self._selection = TextSelection(anchor) if anchor is not None else None
        self.selection_changed.emit(self._selection)

    # ----- the mouse (called by the canvas) -------------------------------------------------------
    def start_selection(self, pos: QPoint) -> None:
        at = self.word_pos_at(pos)
        if at is not None:
            self._set_range(at, at)

    def extend_selection_to(self, pos: QPoint) -> None:
        at = self.word_pos_at(pos)
        if at is None:
            return
        self._set_range(self._sel_a if self._sel_a is not None else at, at)

    def finish_selection(self) -> None:
        if self.has_selection_words():
            self._finish_selection()

    def select_word_at(self, pos: QPoint) -> None:
        at = self.word_pos_at(pos, exact=True)
        if at is None:
            return
        self._set_range(at, at)
        self._finish_selection()

    def clicked(self, pos: QPoint) -> None:
        """A click without a drag: drop the selection (the cursor is there now); on a note, open it."""
        point = self.from_canvas(pos)
        self._caret = (point[0], point[2]) if point is not None else None
        self.clear_selection()
        self.caret_moved.emit()
        item = self.highlight_at(pos)
        if item is not None:
            self.highlight_activated.emit(item.id)

    def cursor_shape_at(self, pos: QPoint) -> Qt.CursorShape:
        if self.highlight_at(pos) is not None:
            return Qt.CursorShape.PointingHandCursor
        if self.word_pos_at(pos, exact=True) is not None:
            return Qt.CursorShape.IBeamCursor
        return Qt.CursorShape.ArrowCursor

    def tooltip_at(self, pos: QPoint) -> str:
        item = self.highlight_at(pos)
        return item.tooltip if item is not None else ""

    def highlight_at(self, pos: QPoint) -> HighlightItem | None:
        point = self.from_canvas(pos)
        if point is None:
            return None
        page, x, y = point
        return self.highlights.at(page, x, y)

    # ----- the context menu -----------------------------------------------------------------------
    def context_menu(self, pos: QPoint | None = None) -> QMenu | None:
        """The menu for a right-click at ``pos`` (canvas), or for the keyboard's menu key."""
        if pos is not None:
            at = self.word_pos_at(pos, exact=True)
            if at is not None and not self._in_range(at):
                self._set_range(at, at)
                self._finish_selection()
        if not self.has_selection_words():
            return None
        actions = self._selection_actions if self._selection is not None else []
        menu = selection_menu(self, actions)
        menu.addAction(self.copy_action)
        return menu

    def show_context_menu(self, pos: QPoint | None, global_pos: QPoint) -> None:
        menu = self.context_menu(pos)
        if menu is not None:
            menu.exec(global_pos)
            menu.deleteLater()

    def _in_range(self, at: WordPos) -> bool:
        if self._sel_a is None or self._sel_b is None:
            return False
        return min(self._sel_a, self._sel_b) <= at <= max(self._sel_a, self._sel_b)

    # ----- notes ----------------------------------------------------------------------------------
    def set_highlights(self, items: list[HighlightItem]) -> None:
        for page in self.highlights.set_items(items):
            self.update_page(page)
        self.notes_changed.emit()

    def note_pages(self) -> dict[int, int]:
        """How many notes (not recommendations) begin on each page."""
        counts: dict[int, int] = {}
        for item in self.highlights.items:
            pages = self.highlights.pages_of(item.id)
            if item.kind is not None and pages:
                counts[pages[0]] = counts.get(pages[0], 0) + 1
        return counts

    def set_current_highlight(self, item_id: str | None) -> None:
        if item_id == self._current_id:
            return
        pages = set(self.highlights.pages_of(self._current_id or "")) | set(
            self.highlights.pages_of(item_id or "")
        )
        self._current_id = item_id
        for page in pages:
            self.update_page(page)

    def current_highlight(self) -> str | None:
        return self._current_id

    def _step_highlight(self, forward: bool) -> None:
        item = self.highlights.neighbour(self._current_id, forward)
        if item is not None:
            self.set_current_highlight(item.id)
            self.scroll_to_anchor(item.anchor)

    # ----- going to a passage ---------------------------------------------------------------------
    def anchor_target(self, anchor: Anchor) -> tuple[int, Rect] | None:
        """The page and rectangle (points) of the passage an anchor names, as well as known now."""
        if anchor.start is not None and anchor.end is not None and anchor.end > anchor.start:
            pages = self.words.pages_of_span(anchor.start, anchor.end)
            if pages:
                rects = self.words.span_rects(pages[0], anchor.start, anchor.end)
                if rects:
                    return pages[0], _union(rects)
                if anchor.page_index == pages[0] and anchor.rects:
                    return pages[0], _union(list(anchor.rects))
        if anchor.page_index is not None and anchor.rects:
            return anchor.page_index, _union(list(anchor.rects))
        if anchor.block_index is not None:
            found = self.words.block_rect(anchor.block_index)
            if found is not None:
                return found
        if anchor.page_index is not None and 0 <= anchor.page_index < self.page_count:
            return anchor.page_index, (0.0, 0.0, 0.0, 0.0)
        return None

    def scroll_to_anchor(self, anchor: Anchor) -> None:
        """Bring the passage into view, a third of the way down, unless it is already in view."""
        target = self.anchor_target(anchor)
        if target is None:
            return
        page, rect = target
        box = self.to_canvas(page, rect)
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        if box.height() > 0 and box.top() >= top + 8 and box.bottom() <= bottom - 8:
            return
        self.scroll_to(page, rect[1], margin=self.viewport().height() // 3)

    def show_found(self, anchor: Anchor) -> None:
        """Go to a passage Find found, and mark it for a moment."""
        self._clear_found()
        self._found = anchor
        self.scroll_to_anchor(anchor)
        for page in self._found_pages():
            self.update_page(page)
        self._found_timer.start()

    def found_rects(self, page: int) -> list[Rect]:
        anchor = self._found
        if anchor is None:
            return []
        if anchor.start is not None and anchor.end is not None and anchor.end > anchor.start:
            rects = self.words.span_rects(page, anchor.start, anchor.end)
            if rects:
                return rects
        return list(anchor.rects) if anchor.page_index == page else []

    def _found_pages(self) -> set[int]:
        anchor = self._found
        if anchor is None:
            return set()
        pages = set()
        if anchor.start is not None and anchor.end is not None:
            pages |= set(self.words.pages_of_span(anchor.start, anchor.end))
        if anchor.page_index is not None:
            pages.add(anchor.page_index)
        return pages

    def _clear_found(self) -> None:
        pages = self._found_pages()
        self._found = None
        for page in pages:
            self.update_page(page)

    # ----- the keyboard ---------------------------------------------------------------------------
    def handle_key(self, event: QKeyEvent) -> bool:
        """Keys of the view itself; False for those left to scrolling."""
        key = event.key()
        mods = event.modifiers()
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return True
        if key == Qt.Key.Key_Escape and self.has_selection_words():
            self.clear_selection()
            return True
        arrows = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)
        if mods & Qt.KeyboardModifier.AltModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._step_highlight(forward=key == Qt.Key.Key_Down)
            return True
        if mods & Qt.KeyboardModifier.ShiftModifier and key in arrows:
            self._extend_by_key(key)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._current_id is not None:
            self.highlight_activated.emit(self._current_id)
            return True
        return False

    def _extend_by_key(self, key: int) -> None:
        if self._sel_a is None or self._sel_b is None:
            start = self._first_visible_word()
            if start is not None:
                self._set_range(start, start)
                self._finish_selection()
            return
        moved = self._step_word(self._sel_b, key)
        if moved is None or moved == self._sel_b:
            return
        self._set_range(self._sel_a, moved)
        self._ensure_word_visible(moved)
        self._finish_selection()

    def _step_word(self, at: WordPos, key: int) -> WordPos | None:
        page, index = at
        words = self.words.page(page)
        if words is None:
            return None
        if key == Qt.Key.Key_Right:
            if index + 1 < len(words):
                return page, index + 1
            following = self.words.page(page + 1)
            return (page + 1, 0) if following is not None and len(following) else None
        if key == Qt.Key.Key_Left:
            if index > 0:
                return page, index - 1
            previous = self.words.page(page - 1) if page > 0 else None
            return (page - 1, len(previous) - 1) if previous is not None and len(previous) else None
        line = words.words[index].line
        x = (words.words[index].rect[0] + words.words[index].rect[2]) / 2
        step = 1 if key == Qt.Key.Key_Down else -1
        candidates = [n for n, w in enumerate(words.words) if w.line == line + step]
        if not candidates:
            return None
        best = min(candidates, key=lambda n: abs((words.words[n].rect[0] + words.words[n].rect[2]) / 2 - x))
        return page, best

    def _first_visible_word(self) -> WordPos | None:
        top = self.verticalScrollBar().value()
        for page in self.visible_pages():
            words = self.words.page(page)
            if words is None:
                continue
            for n, word in enumerate(words.words):
                if word.start is not None and self.to_canvas(page, word.rect).top() >= top:
                    return page, n
        return None

    def _ensure_word_visible(self, at: WordPos) -> None:
        words = self.words.page(at[0])
        if words is None:
            return
        box = self.to_canvas(at[0], words.words[at[1]].rect)
        self.ensureVisible(round(box.center().x()), round(box.center().y()), 20, 60)


def _union(rects: list[Rect]) -> Rect:
    return (
        min(r[0] for r in rects),
        min(r[1] for r in rects),
        max(r[2] for r in rects),
        max(r[3] for r in rects),
    )
