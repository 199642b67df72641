"""Annotating: from a selection (or a section) and an action, to a note in the review and on screen.

The controller connects the document views, the outline and the Notes, Recommendations and Find
panels to the open :class:`ReviewSession`. Every edit is one ``session.run`` (one undo step);
every change the session reports refreshes only the panels whose rows it touched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from panelreview.core.anchor import Anchor, anchor_section, anchor_span
from panelreview.core.errors import UserError
from panelreview.core.model import Document, Section, full_text
from panelreview.core.review import Change, Kind
from panelreview.core.section_names import SectionNames
from panelreview.storage import SearchHit
from panelreview.ui.common.kind_style import kind_label
from panelreview.ui.common.labels import shorten
from panelreview.ui.dialogs import messages
from panelreview.ui.notes.find_panel import FindPanel, matched_words
from panelreview.ui.notes.note_dialog import (
    NoteDialog,
    NoteInput,
    RecommendationInput,
    RecommendDialog,
    where_text,
)
from panelreview.ui.notes.notes_panel import NotesPanel
from panelreview.ui.notes.recommendations_panel import RecommendationsPanel
from panelreview.ui.reader.outline_panel import OutlinePanel
from panelreview.ui.reader.selection import HighlightItem, TextSelection
from panelreview.ui.session.review_session import ReviewSession


class ReviewController(QObject):
    session_needed = Signal()  # annotating with no review yet: the window starts one
    highlights_changed = Signal(list)  # [HighlightItem]
    document_set = Signal(object)  # Document | None: the draft now shown
    session_set = Signal(object)  # ReviewSession | None: the review now open
    section_shown = Signal(int)  # a note's passage was brought into view: its section is current
    note_deleted = Signal(str)  # a note was deleted (one undo step): the window says so
    recommendation_deleted = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        outline: OutlinePanel,
        notes: NotesPanel,
        recommendations: RecommendationsPanel,
        find: FindPanel,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self.outline = outline
        self.notes = notes
        self.recommendations = recommendations
        self.find = find
        self.session: ReviewSession | None = None
        self.document: Document | None = None
        self.names = SectionNames([])  # the sections' names, with parent and page where titles recur
        self.view: QObject | None = None  # the PdfView or ReflowView showing the draft
        self.go_to_section: Callable[[int], None] = lambda _section_id: None
        self._waiting: Callable[[], None] | None = None  # an action waiting for the review
        self.dialog: QWidget | None = None  # the note or recommendation dialog being shown
        self.highlight_items: list[HighlightItem] = []  # what the view was last asked to draw

        notes.note_activated.connect(self.jump_to_note)
        recommendations.recommendation_activated.connect(self.jump_to_recommendation)
        recommendations.note_activated.connect(self.jump_to_note)
        recommendations.link_passage_requested.connect(self.link_passage)
        recommendations.link_section_requested.connect(self.link_section)
        recommendations.delete_requested.connect(self.delete_recommendation)
        notes.editor.delete_requested.connect(self.delete_note)
        outline.note_requested.connect(lambda section_id: self.add_note(Kind.COMMENT, section_id))
        outline.recommend_requested.connect(self.recommend)
        find.hit_activated.connect(self.go_to_hit)

    # ----- what is open -------------------------------------------------------------------------
    def set_document(self, document: Document | None, view: QObject | None) -> None:
        self.document = document
        self.names = SectionNames(document.sections if document is not None else [])
        self.view = view
        self.find.set_source(self.session, document)
        self.document_set.emit(document)

    def set_session(self, session: ReviewSession | None) -> None:
        if self.session is not None:
            self.session.changed.disconnect(self._on_changed)
        self.session = session
        if session is not None:
            session.changed.connect(self._on_changed)
        labels = {s.id: self.names.name(s.id) for s in self.document.sections} if self.document else {}
        self.notes.set_session(session)
        self.recommendations.set_session(session, labels)
        self.find.set_source(session, self.document)
        self._refresh_marks()
        self.session_set.emit(session)
        waiting, self._waiting = self._waiting, None
        if session is not None and waiting is not None:
            waiting()

    def _on_changed(self, change: Change) -> None:
        self.notes.on_changed(change)
        self.recommendations.on_changed(change)
        if change.tables & {"annotations", "recommendations"}:
            self._refresh_marks()

    def _refresh_marks(self) -> None:
        notes = self.notes.notes
        self.outline.set_counts(
            Counter(n.anchor.section_id for n in notes if n.anchor.section_id is not None),
            Counter(
                r.anchor.section_id
                for r in self.recommendations.recommendations
                if r.anchor.section_id is not None
            ),
        )
        items = [
            HighlightItem(n.id, n.kind, n.anchor, self._tooltip(kind_label(n.kind), n.author.name, n.body))
            for n in notes
            if n.anchor.quote
        ]
        items += [
            HighlightItem(
                r.id, None, r.anchor, self._tooltip(self.tr("Recommendation"), r.author.name, r.wording)
            )
            for r in self.recommendations.recommendations
            if r.anchor.quote
        ]
        self.highlight_items = items
        self._view_call("set_highlights", items)
        self.highlights_changed.emit(items)

    @staticmethod
    def _tooltip(what: str, author: str, text: str) -> str:
        return f"{what} — {author}\n{shorten(text, 200)}" if text.strip() else f"{what} — {author}"

    def _view_call(self, name: str, *args: object) -> bool:
        method = getattr(self.view, name, None)
        if method is None:
            return False
        method(*args)
        return True

    # ----- where a new note goes ----------------------------------------------------------------
    def current_selection(self) -> TextSelection | None:
        method = getattr(self.view, "selection", None)
        found = method() if method is not None else None
        return found if isinstance(found, TextSelection) and found.anchor.quote else None

    def _section(self, section_id: int | None) -> Section | None:
        if self.document is None or section_id is None:
            return None
        return next((s for s in self.document.sections if s.id == section_id), None)

    def _target(self, section_id: int | None) -> tuple[Anchor, str] | None:
        """The anchor for a new note: the given section, else the selection, else the current section."""
        if section_id is None:
            selection = self.current_selection()
            if selection is not None:
                return selection.anchor, where_text(selection.quote, None)
            section_id = self.outline.current_section()
        section = self._section(section_id)
        if section is None or self.document is None:
            return None
        return anchor_section(self.document.sections, section), where_text(None, self.names.name(section.id))

    def ready_for_edit(self, retry: Callable[[], None]) -> ReviewSession | None:
        """The session, ready for an edit; or None after saying why not or starting a review."""
        return self._ready(retry)

    def _ready(self, retry: Callable[[], None]) -> ReviewSession | None:
        """The session, or None after asking for one (the action runs again once it is open)."""
        if self.session is not None:
            if self.session.read_only:
                messages.show_error(
                    self._parent,
                    self.tr("Read-only review"),
                    self.tr("This review is open read-only, so notes cannot be added or changed."),
                )
                return None
            return self.session
        if self.document is not None:
            self._waiting = retry
            self.session_needed.emit()
        return None

    # ----- adding -------------------------------------------------------------------------------
    def add_note(self, kind: Kind, section_id: int | None = None) -> None:
        """Highlight at once; any other kind asks for its text first."""
        session = self._ready(partial(self.add_note, kind, section_id))
        target = self._target(section_id) if session is not None else None
        if session is None:
            return
        if target is None:
            messages.show_error(
                self._parent,
                self.tr("Nothing selected"),
                self.tr("Select some text in the draft, or choose a section in the outline, first."),
            )
            return
        anchor, where = target
        if kind is Kind.HIGHLIGHT and anchor.quote:
            change = session.run(lambda: session.review.add_annotation(anchor, Kind.HIGHLIGHT, ""))
            if change is not None:
                self._view_call("clear_selection")
                self._select_new_note(change)
            return
        dialog = NoteDialog(kind, where, partial(self._submit_note, session, anchor), self._parent)
        self._open_dialog(dialog)

    def _submit_note(self, session: ReviewSession, anchor: Anchor, value: NoteInput) -> str:
        if value.kind is not Kind.HIGHLIGHT and not value.body:
            return self.tr("Write your {kind} in the box first.").format(kind=kind_label(value.kind).lower())
        change = session.run(
            lambda: session.review.add_annotation(
                anchor, value.kind, value.body, visibility=value.visibility, tags=value.tags
            )
        )
        if change is None:
            return session.last_error
        self._view_call("clear_selection")
        self._select_new_note(change)
        return ""

    def _select_new_note(self, change: Change) -> None:
        if change.item_id is not None:
            self.notes.select_note(change.item_id)
            self._view_call("set_current_highlight", change.item_id)

    def recommend(self, section_id: int | None = None) -> None:
        session = self._ready(partial(self.recommend, section_id))
        target = self._target(section_id) if session is not None else None
        if session is None:
            return
        anchor, where = target if target is not None else (None, where_text(None, None))
        dialog = RecommendDialog(where, partial(self._submit_recommendation, session, anchor), self._parent)
        self._open_dialog(dialog)

    def _submit_recommendation(
        self, session: ReviewSession, anchor: Anchor | None, value: RecommendationInput
    ) -> str:
        if not value.wording:
            return self.tr("Write the recommendation in the box first.")
        change = session.run(
            lambda: session.review.add_recommendation(
                value.wording, anchor=anchor, rationale=value.rationale, visibility=value.visibility
            )
        )
        if change is None:
            return session.last_error
        self._view_call("clear_selection")
        if change.item_id is not None:
            self.recommendations.show()
            self.recommendations.raise_()
            self.recommendations.select(change.item_id)
        return ""

    def _open_dialog(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]

    # ----- changing -----------------------------------------------------------------------------
    def delete_note(self, note_id: str) -> None:
        session = self._ready(lambda: None)
        if session is None:
            return
        change = session.run(lambda: session.review.delete_annotation(note_id))
        if change is not None and not change.is_empty:
            self.note_deleted.emit(note_id)

    def delete_current(self) -> None:
        """Edit → Delete: the note chosen in the Notes panel."""
        note_id = self.notes.current_note_id()
        if note_id is not None:
            self.delete_note(note_id)

    def delete_recommendation(self, rec_id: str) -> None:
        session = self._ready(lambda: None)
        if session is None:
            return
        change = session.run(lambda: session.review.delete_recommendation(rec_id))
        if change is not None and not change.is_empty:
            self.recommendation_deleted.emit(rec_id)

    def link_passage(self, rec_id: str) -> None:
        """Link the selected passage: a highlight on it, linked to the recommendation (one step)."""
        session = self._ready(lambda: None)
        selection = self.current_selection()
        if session is None:
            return
        if selection is None:
            messages.show_error(
                self._parent,
                self.tr("Nothing selected"),
                self.tr("Select the passage in the draft first, then choose Link the selected passage."),
            )
            return
        anchor = selection.anchor
        review = session.review
        made = session.run_steps(
            "Link passage",
            [
                lambda _previous: review.add_annotation(anchor, Kind.HIGHLIGHT, ""),
                lambda previous: review.link(rec_id, annotation_id=previous.item_id if previous else None),
            ],
        )
        if made is not None:
            self._view_call("clear_selection")

    def link_section(self, rec_id: str) -> None:
        session = self._ready(lambda: None)
        section_id = self.outline.current_section()
        if session is not None and section_id is not None:
            session.run(lambda: session.review.link(rec_id, section_id=section_id))

    # ----- going places -------------------------------------------------------------------------
    def jump_to_anchor(self, anchor: Anchor) -> None:
        if anchor.quote and self._view_call("scroll_to_anchor", anchor):
            if anchor.section_id is not None:  # the current section is the note's, wherever it shows
                self.section_shown.emit(anchor.section_id)
            return
        if anchor.section_id is not None:
            self.go_to_section(anchor.section_id)

    def jump_to_note(self, note_id: str) -> None:
        note = self.notes.note(note_id)
        if note is None:
            return
        self.notes.select_note(note_id)
        self.jump_to_anchor(note.anchor)
        self._view_call("set_current_highlight", note_id)

    def jump_to_recommendation(self, rec_id: str) -> None:
        rec = self.recommendations.recommendation(rec_id)
        if rec is None:
            return
        self.jump_to_anchor(rec.anchor)
        self._view_call("set_current_highlight", rec_id)

    def go_to_hit(self, hit: SearchHit) -> None:
        if hit.item_type == "annotation":
            self.jump_to_note(hit.item_id)
        elif hit.item_type == "reply":
            parent = next((n for n in self.notes.notes if any(r.id == hit.item_id for r in n.replies)), None)
            if parent is not None:
                self.jump_to_note(parent.id)
        elif hit.item_type == "recommendation":
            self.recommendations.show()
            self.recommendations.select(hit.item_id)
            self.jump_to_recommendation(hit.item_id)
        elif hit.item_type == "block":
            anchor = self._found_anchor(hit)
            if anchor is not None and not self._view_call("show_found", anchor):
                self.jump_to_anchor(anchor)
            elif anchor is not None and anchor.section_id is not None:
                self.section_shown.emit(anchor.section_id)  # the found passage's section is current

    def _found_anchor(self, hit: SearchHit) -> Anchor | None:
        """The anchor of the first matched word in the block a draft hit names."""
        document = self.document
        try:
            block_index = int(hit.item_id.rsplit(":", 1)[1])
        except (IndexError, ValueError):
            return None
        if document is None or not 0 <= block_index < len(document.blocks):
            return None
        _text, starts = full_text(document.blocks)
        block_text = document.blocks[block_index].text
        words = matched_words(hit.snippet)
        folded = block_text.casefold()
        start, end = 0, min(len(block_text), 1)
        for word in words:
            at = folded.find(word.casefold())
            if at >= 0:
                start, end = at, at + len(word)
                break
        if end <= start:
            return None
        try:
            return anchor_span(document, starts[block_index] + start, starts[block_index] + end)
        except UserError:
            return None
