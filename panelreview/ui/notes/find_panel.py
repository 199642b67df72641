"""Find (Ctrl+F): search the draft's text and the notes, replies and recommendations together.

With a review open the search uses the review's full-text index (a few milliseconds even for a
300-page draft); without one it looks through the draft's text. Searching starts a moment after
typing stops, so the window never waits on it. Choosing a result goes there; F3 and Shift+F3 go
to the next and previous result. Results are listed in page order, matched words highlighted.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.anchor import innermost_section
from panelreview.core.errors import UserError
from panelreview.core.model import Document, Section
from panelreview.core.review import SectionRef
from panelreview.core.section_names import SectionNames
from panelreview.storage import SearchHit
from panelreview.ui.common.labels import shorten
from panelreview.ui.session.review_session import ReviewSession

SEARCH_DELAY_MS = 250
MAX_RESULTS = 200
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
TYPE_ORDER = {"block": 0, "annotation": 1, "reply": 2, "recommendation": 3}
_WORD = re.compile(r"\w+", re.UNICODE)


def matched_words(snippet: str) -> list[str]:
    """The words the index matched, marked [like this] in a snippet."""
    return re.findall(r"\[([^\]]+)\]", snippet)


def snippet_html(snippet: str) -> str:
    """The snippet with its matched words in bold on a highlight, instead of [brackets]."""
    parts = re.split(r"\[([^\]]+)\]", " ".join(snippet.split()))
    out = []
    for i, part in enumerate(parts):
        text = html.escape(part)
        out.append(f"<b style='background-color:#ffe082;color:#000000'>{text}</b>" if i % 2 else text)
    return "".join(out)


def plain_snippet(snippet: str) -> str:
    """The snippet on one line, without the match marks."""
    return " ".join(snippet.replace("[", "").replace("]", "").split())


def page_order(hits: list[SearchHit], sections: dict[int, Section]) -> list[SearchHit]:
    """The hits in the order they come in the draft: a passage by its place, a note, reply or
    recommendation by the start of its section (before anything in the opening pages)."""

    def key(hit: SearchHit) -> tuple[int, int, int]:
        if hit.item_type == "block":
            try:
                return (int(hit.item_id.rsplit(":", 1)[1]), 0, 0)
            except (IndexError, ValueError):
                return (0, 0, 0)
        section = sections.get(hit.section.id) if hit.section.id is not None else None
        first = section.first_block if section is not None else 0
        return (first, 1, TYPE_ORDER.get(hit.item_type, 9))

    return sorted(hits, key=key)


class HighlightDelegate(QStyledItemDelegate):
    """Draws a result's text as rich text, so matched words stand out."""

    def __init__(self, view: QListView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view = view

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(str(index.data(HTML_ROLE) or html.escape(str(index.data() or ""))))
        doc.setTextWidth(max(50, self._view.viewport().width() - 2 * self._view.spacing() - 8))
        return doc

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        rect = opt.rect
        painter.save()
        painter.translate(rect.left() + 4, rect.top() + 2)
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        return QSize(int(doc.idealWidth()) + 8, int(doc.size().height()) + 4)


def search_document(document: Document, terms: str, limit: int = MAX_RESULTS) -> list[SearchHit]:
    """Blocks containing every word (as a word start), for a draft with no review open."""
    words = [w.casefold() for w in _WORD.findall(terms)]
    if not words:
        raise UserError(QCoreApplication.translate("FindPanel", "Type a word to search for."))
    patterns = [re.compile(r"\b" + re.escape(w), re.IGNORECASE) for w in words]
    hits: list[SearchHit] = []
    for block in document.blocks:
        if not all(p.search(block.text) for p in patterns):
            continue
        first = patterns[0].search(block.text)
        assert first is not None
        start = max(0, first.start() - 40)
        while 0 < start < first.start() and not block.text[start - 1].isspace():
            start += 1  # whole words either side, not "…ult the Chief"
        end = first.end()
        word_end = re.match(r"\w*", block.text[end:])
        end += word_end.end() if word_end else 0
        after = block.text[end : end + 60]
        if end + 60 < len(block.text) and " " in after:
            after = after[: after.rindex(" ")] + "…"
        snippet = ("…" if start else "") + block.text[start : first.start()]
        snippet += "[" + block.text[first.start() : end] + "]" + after
        section = innermost_section(document.sections, block.index)
        ref = (
            SectionRef(section.id, section.number, section.title) if section else SectionRef(None, None, None)
        )
        hits.append(SearchHit("block", f":{block.index}", None, ref, " ".join(snippet.split())))
        if len(hits) >= limit:
            break
    return hits


class FindPanel(QDockWidget):
    hit_activated = Signal(object)  # SearchHit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Find"), parent)
        self.setObjectName("find_dock")
        self._session: ReviewSession | None = None
        self._document: Document | None = None
        self._sections: dict[int, Section] = {}  # the document's sections by id, for naming hits
        self._names = SectionNames([])
        self.edit = QLineEdit()
        self.edit.setObjectName("find_edit")
        self.edit.setPlaceholderText(self.tr("Search the draft and your notes"))
        self.edit.setAccessibleName(self.tr("Find"))
        self.edit.setAccessibleDescription(
            self.tr("Type words to find in the draft, the notes and the recommendations")
        )
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._schedule)
        self.edit.returnPressed.connect(self._on_return)
        self.results = QListWidget()
        self.results.setObjectName("find_results")
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setWordWrap(True)
        self.results.setSpacing(2)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setItemDelegate(HighlightDelegate(self.results, self.results))
        self.results.itemActivated.connect(self._on_activated)
        self.results.itemClicked.connect(self._on_activated)
        self.status = QLabel()
        self.status.setObjectName("find_status")
        self.status.setWordWrap(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self.setWidget(body)
        self.setMinimumWidth(260)

    def set_source(self, session: ReviewSession | None, document: Document | None) -> None:
        self._session = session
        self._document = document
        self._sections = {s.id: s for s in document.sections} if document is not None else {}
        self._names = SectionNames(document.sections if document is not None else [])
        if self.edit.text().strip():
            self._schedule()
        else:
            self.results.clear()
            self.status.clear()

    def start(self) -> None:
        """Ctrl+F: show the panel with the search box ready for typing."""
        self.show()
        self.raise_()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def _schedule(self) -> None:
        self._timer.start()

    def _on_return(self) -> None:
        if self._timer.isActive():
            self.search_now()
        if self.results.count():
            self.results.setFocus()
            self.results.setCurrentRow(0)
            self._on_activated(self.results.item(0))

    def search_now(self) -> None:
        self._timer.stop()
        terms = self.edit.text().strip()
        self.results.clear()
        if not terms:
            self.status.clear()
            return
        try:
            if self._session is not None:
                hits = self._session.review.search(terms, limit=MAX_RESULTS)
                if self._document is not None and self._document.password_protected:
                    # a locked draft's text is not in the review's index: search it here
                    hits = search_document(self._document, terms) + hits
            elif self._document is not None:
                hits = search_document(self._document, terms)
            else:
                hits = []
        except UserError as err:
            self.status.setText(str(err))
            return
        for hit in page_order(hits, self._sections):
            self.results.addItem(self._item(hit))
        if not hits:
            self.status.setText(self.tr("Nothing found for “{terms}”.").format(terms=terms))
        elif len(hits) >= MAX_RESULTS:
            self.status.setText(self.tr("The first {n} results.").format(n=len(hits)))
        else:
            self.status.setText(self.tr("{n} found.").format(n=len(hits)))

    def _item(self, hit: SearchHit) -> QListWidgetItem:
        kinds = {
            "block": self.tr("In the draft"),
            "annotation": self.tr("Note"),
            "reply": self.tr("Reply"),
            "recommendation": self.tr("Recommendation"),
        }
        where = self._where(hit)
        kind = kinds.get(hit.item_type, hit.item_type)
        item = QListWidgetItem(f"{kind} · {where}\n{plain_snippet(hit.snippet)}")
        item.setData(HIT_ROLE, hit)
        item.setData(HTML_ROLE, f"{html.escape(kind)} · {html.escape(where)}<br>{snippet_html(hit.snippet)}")
        spoken = f"{kinds.get(hit.item_type, '')}, {where}: {plain_snippet(hit.snippet)}"
        item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
        return item

    def _where(self, hit: SearchHit) -> str:
        """The hit's section, after its parent section's name: many plans repeat "What we will do"
        under every priority."""
        if hit.section.title is None:
            return self.tr("Opening pages")
        named = self._names.name(hit.section.id, hit.section.label)
        if named != hit.section.label:  # a title that recurs: with its parent and page
            return named
        sections = self._sections
        section = sections.get(hit.section.id) if hit.section.id is not None else None
        parent = sections.get(section.parent) if section is not None and section.parent is not None else None
        if parent is None:
            return hit.section.label
        return f"{shorten(parent.label, 40)} › {hit.section.label}"

    def hits(self) -> list[SearchHit]:
        return [self.results.item(r).data(HIT_ROLE) for r in range(self.results.count())]

    def step(self, delta: int) -> None:
        """F3 (``+1``) and Shift+F3 (``-1``): go to the next or previous result, round the ends."""
        if self._timer.isActive():
            self.search_now()
        count = self.results.count()
        if not count:
            self.start()
            return
        self.show()
        row = self.results.currentRow()
        row = (0 if delta > 0 else count - 1) if row < 0 else (row + delta) % count
        self.results.setCurrentRow(row)
        self.results.scrollToItem(self.results.item(row))
        self._on_activated(self.results.item(row))

    def _on_activated(self, item: QListWidgetItem) -> None:
        hit = item.data(HIT_ROLE)
        if isinstance(hit, SearchHit):
            self.hit_activated.emit(hit)
