"""Undo steps: each wraps the :class:`Change` (or changes) one user action made to the review.

The review call has already happened (and is on disk) when the command is pushed, so the first
``redo`` does nothing. ``undo`` applies each change's inverse, newest first; ``redo`` applies them
again. Consecutive edits of one note's text while typing merge into a single step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QUndoCommand

from panelreview.core.errors import UserError
from panelreview.core.review import Change, RowChange

MERGE_ID = 4711  # QUndoCommand.id() of commands that may merge with the next one

# The names the review gives its changes, marked so a translator sees them (context "change").
KNOWN_LABELS = (
    QT_TRANSLATE_NOOP("change", "Add highlight"),
    QT_TRANSLATE_NOOP("change", "Add comment"),
    QT_TRANSLATE_NOOP("change", "Add question"),
    QT_TRANSLATE_NOOP("change", "Add concern"),
    QT_TRANSLATE_NOOP("change", "Add support"),
    QT_TRANSLATE_NOOP("change", "Edit highlight"),
    QT_TRANSLATE_NOOP("change", "Edit comment"),
    QT_TRANSLATE_NOOP("change", "Edit question"),
    QT_TRANSLATE_NOOP("change", "Edit concern"),
    QT_TRANSLATE_NOOP("change", "Edit support"),
    QT_TRANSLATE_NOOP("change", "Delete highlight"),
    QT_TRANSLATE_NOOP("change", "Delete comment"),
    QT_TRANSLATE_NOOP("change", "Delete question"),
    QT_TRANSLATE_NOOP("change", "Delete concern"),
    QT_TRANSLATE_NOOP("change", "Delete support"),
    QT_TRANSLATE_NOOP("change", "Change visibility"),
    QT_TRANSLATE_NOOP("change", "Reply"),
    QT_TRANSLATE_NOOP("change", "Edit reply"),
    QT_TRANSLATE_NOOP("change", "Delete reply"),
    QT_TRANSLATE_NOOP("change", "Add recommendation"),
    QT_TRANSLATE_NOOP("change", "Edit recommendation"),
    QT_TRANSLATE_NOOP("change", "Delete recommendation"),
    QT_TRANSLATE_NOOP("change", "Link recommendation"),
    QT_TRANSLATE_NOOP("change", "Unlink recommendation"),
    QT_TRANSLATE_NOOP("change", "Link passage"),
    QT_TRANSLATE_NOOP("change", "Change review settings"),
    QT_TRANSLATE_NOOP("change", "Import members' reviews"),
    QT_TRANSLATE_NOOP("change", "Remove imported members' reviews"),
    QT_TRANSLATE_NOOP("change", "Add panel recommendation"),
    QT_TRANSLATE_NOOP("change", "Add to recommendation"),
    QT_TRANSLATE_NOOP("change", "Change member's part"),
    QT_TRANSLATE_NOOP("change", "Remove from recommendation"),
    QT_TRANSLATE_NOOP("change", "Edit recommendation wording"),
    QT_TRANSLATE_NOOP("change", "Reorder recommendations"),
    QT_TRANSLATE_NOOP("change", "Number recommendations"),
    QT_TRANSLATE_NOOP("change", "Record decision"),
    QT_TRANSLATE_NOOP("change", "Clear decision"),
    QT_TRANSLATE_NOOP("change", "Record response"),
    QT_TRANSLATE_NOOP("change", "Add member to the list"),
    QT_TRANSLATE_NOOP("change", "Remove member from the list"),
    QT_TRANSLATE_NOOP("change", "Match member"),
    QT_TRANSLATE_NOOP("change", "Add member's view"),
    QT_TRANSLATE_NOOP("change", "Number recommendations by theme"),
    QT_TRANSLATE_NOOP("change", "Clear response"),
)


def change_text(label: str) -> str:
    """A change's name as shown in the Edit menu ("Undo Add comment"), translated where known."""
    return QCoreApplication.translate("change", label)


def merged(first: Change, second: Change) -> Change:
    """One change going from ``first``'s before to ``second``'s after (same rows, in order)."""
    afters = {(r.table, r.key): r.after for r in second.rows}
    rows = tuple(
        RowChange(r.table, r.key, r.before, afters.get((r.table, r.key), r.after)) for r in first.rows
    )
    return Change(second.label, rows, second.item_id, second.restore)


class ChangeCommand(QUndoCommand):
    """One undo step over changes already written to the review."""

    def __init__(
        self,
        apply: Callable[[Change], Change | None],
        changes: Sequence[Change],
        text: str,
        merge_key: str | None = None,
    ) -> None:
        super().__init__(text)
        self._apply = apply  # writes a change; None when it could not be saved
        self.changes = list(changes)
        self.merge_key = merge_key
        self._first = True

    def id(self) -> int:
        return MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ChangeCommand) or other.merge_key != self.merge_key:
            return False
        if len(self.changes) != 1 or len(other.changes) != 1:
            return False
        mine, theirs = self.changes[0], other.changes[0]
        if {(r.table, r.key) for r in mine.rows} != {(r.table, r.key) for r in theirs.rows}:
            return False
        self.changes = [merged(mine, theirs)]
        if self.changes[0].is_empty:
            self.setObsolete(True)  # typed back to where it started: nothing to undo
        return True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        for change in self.changes:
            if self._apply(change) is None:
                self.setObsolete(True)
                return

    def undo(self) -> None:
        for change in reversed(self.changes):
            if self._apply(change.inverse()) is None:
                self.setObsolete(True)
                return


def safely(call: Callable[[], Change], report: Callable[[UserError], None]) -> Change | None:
    """Run one review call; a problem the member can act on is reported, not raised."""
    try:
        return call()
    except UserError as err:
        report(err)
        return None
