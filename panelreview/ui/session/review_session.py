"""The open review on the GUI thread: every edit goes through here, once, as one undo step.

A :class:`ReviewSession` owns the :class:`~panelreview.storage.Review` (one thread, the GUI's),
its :class:`QUndoStack`, and tells views what changed (``changed`` carries the
:class:`~panelreview.core.review.Change`, so a view refreshes only the rows it names). Each review
call is durable when it returns; a call that cannot be saved changes nothing and says why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from panelreview.core.anchor import Anchor
from panelreview.core.errors import UserError
from panelreview.core.review import Change, SectionRef
from panelreview.core.section_names import SectionNames
from panelreview.ui.session.undo_commands import ChangeCommand, change_text, safely

if TYPE_CHECKING:
    from panelreview.storage import Review

log = logging.getLogger(__name__)


def draft_bytes(review: Review, draft_id: str | None = None) -> tuple[str, bytes]:
    """The file name and exact bytes of a draft kept in the review (current draft by default)."""
    return review.draft_data(draft_id)


class ReviewSession(QObject):
    """One open review file, its undo history and its save state."""

    changed = Signal(object)  # Change: written (an edit, an undo or a redo)
    saved = Signal()  # the last edit is on disk
    failed = Signal(str)  # an edit could not be made or saved; the plain-English reason

    def __init__(self, review: Review, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.review = review
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)
        self.last_error: str = ""
        self._closed = False
        self._names: tuple[object, SectionNames] | None = None  # (the sections named, their names)

    @property
    def path(self) -> Path:
        return self.review.path

    def section_name(self, section: SectionRef, anchor: Anchor | None = None) -> str:
        """How to name an item's section in a list, a dialog or a tooltip: its label, or, where its
        title recurs under every priority, with its parent and page too. An item a new version lost
        (no section now, but ``anchor`` keeps where it was) says so, never "(whole draft)"."""
        if section.title is None:
            path = [h for h in (" ".join(h.split()) for h in (anchor.heading_path if anchor else ())) if h]
            if path:
                return self.tr("Not in this version (was “{where}”)").format(where=path[-1])
            return section.label
        sections = self.review.sections()  # (the file's cached outline of the current draft)
        if self._names is None or self._names[0] is not sections:
            self._names = (sections, SectionNames(sections))
        return self._names[1].name(section.id, section.label)

    @property
    def read_only(self) -> bool:
        return self.review.read_only

    @property
    def owner_id(self) -> str:
        return self.review.owner_id

    # ----- editing ------------------------------------------------------------------------------
    def run(self, call: Callable[[], Change], merge_key: str | None = None) -> Change | None:
        """Make one edit (a review call) as one undo step. None when it was not made."""
        change = safely(call, self._report)
        if change is None:
            return None
        if change.is_empty:
            return change  # nothing actually changed: no undo step
        command = ChangeCommand(self._apply, [change], change_text(change.label), merge_key)
        self.undo_stack.push(command)
        self._done(change)
        return change

    def run_steps(
        self, label: str, calls: Sequence[Callable[[Change | None], Change]]
    ) -> list[Change] | None:
        """Several review calls as one undo step named ``label``; all made or none.

        Each call receives the previous call's change (for example, the note just added).
        """
        made: list[Change] = []
        previous: Change | None = None
        for call in calls:
            change = safely(lambda call=call, previous=previous: call(previous), self._report)  # type: ignore[misc]
            if change is None:
                for undo in reversed(made):  # put back what the earlier steps wrote
                    safely(lambda undo=undo: self.review.apply(undo.inverse()), self._report)  # type: ignore[misc]
                    self.changed.emit(undo.inverse())
                return None
            made.append(change)
            self.changed.emit(change)
            previous = change
        self.undo_stack.push(ChangeCommand(self._apply, made, change_text(label)))
        self._done(None)
        return made

    def _apply(self, change: Change) -> Change | None:
        written = safely(lambda: self.review.apply(change), self._report)
        if written is not None:
            self._done(written)
        return written

    def _done(self, change: Change | None) -> None:
        self.last_error = ""
        if change is not None:
            self.changed.emit(change)
        self.saved.emit()

    def _report(self, err: UserError) -> None:
        self.last_error = str(err)
        log.info("Edit refused: %s", err)
        self.failed.emit(str(err))

    # ----- lifetime -----------------------------------------------------------------------------
    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.undo_stack.clear()
        try:
            self.review.close()
        except Exception:  # closing must never stop the window from closing
            log.exception("Could not close the review %s", self.review.path)
