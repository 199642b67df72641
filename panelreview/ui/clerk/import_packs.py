"""Import members' reviews… and Undo last import: the clerk's side of review packs.

Every chosen pack is checked first (damaged, from a newer PanelReview, about another draft, not a
pack at all). A pack that cannot be imported is named with the reason; when others can be, the
clerk is asked whether to import those. The import itself is one review call and one undo step
(the review does it in one transaction: all the chosen packs, or none). Importing a pack again
changes nothing. "Undo last import" takes the newest import out as a whole, and is itself an undo
step.

The import runs on the GUI thread, which owns the review file: 20 packs of 550 items each take
about half a second (bench/bench_combine.py), so a busy pointer is enough. The pointer is always
back to normal before any message is shown (a refused import is reported after it).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from panelreview.core.clerk import ImportRecord
from panelreview.core.errors import UserError
from panelreview.ui.clerk.common import SessionProvider, WaitCursor, is_clerk, run_busy, writable
from panelreview.ui.dialogs import messages

PACKS_FOLDER_KEY = "clerk/packs_folder"


class PackImporter(QObject):
    imported = Signal(object)  # ImportRecord | None (None: every pack had been imported before)
    import_undone = Signal()
    status = Signal(str)  # a short message for the status bar

    def __init__(self, parent_widget: QWidget, session_provider: SessionProvider) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._session = session_provider
        self.last_message = ""

    # ----- importing ----------------------------------------------------------------------------
    def choose_and_import(self) -> ImportRecord | None:
        """Ask which packs to import (several at once), then import them."""
        session = self._session()
        if not is_clerk(session) or not writable(session):
            return None
        settings = QSettings()
        start = str(settings.value(PACKS_FOLDER_KEY, "", str) or Path.home())
        filters = ";;".join([self.tr("Review packs (*.pcpack)"), self.tr("All files (*)")])
        names, _ = QFileDialog.getOpenFileNames(
            self._parent, self.tr("Import members' reviews"), start, filters
        )
        if not names:
            return None
        paths = [Path(n) for n in names]
        settings.setValue(PACKS_FOLDER_KEY, str(paths[0].parent))
        return self.import_paths(paths)

    def import_paths(self, paths: list[Path]) -> ImportRecord | None:
        """Check each pack, say plainly what is wrong with any, and import the good ones."""
        session = self._session()
        if session is None or not is_clerk(session) or not writable(session):
            return None
        review = session.review
        good: list[Path] = []
        problems: list[str] = []
        with WaitCursor():
            for path in dict.fromkeys(paths):
                try:
                    review.check_pack(path)
                except UserError as err:
                    problems.append(str(err))
                else:
                    good.append(path)
        if problems and not good:
            title = self.tr("Nothing was imported")
            messages.show_error(self._parent, title, "\n\n".join(problems))
            return None
        if problems:
            question = self.tr("{problems}\n\nImport the other {n} review packs?").format(
                problems="\n\n".join(problems), n=len(good)
            )
            if len(good) == 1:
                question = self.tr("{problems}\n\nImport the other review pack, “{name}”?").format(
                    problems="\n\n".join(problems), name=good[0].name
                )
            if not messages.ask_yes_no(self._parent, self.tr("Some packs cannot be imported"), question):
                return None
        self.status.emit(self.tr("Importing {n} review packs…").format(n=len(good)))
        change = run_busy(session, lambda: review.import_packs(good))
        if change is None:
            self._say(self.tr("Nothing was imported."))
            return None
        record = review.import_record(change.item_id) if not change.is_empty else None
        if record is None:
            self._say(self.tr("Every pack had been imported before; nothing changed."))
        else:
            self._say(" ".join(p.description for p in record.packs))
        self.imported.emit(record)
        return record

    # ----- undoing ------------------------------------------------------------------------------
    def can_undo_import(self) -> bool:
        session = self._session()
        return is_clerk(session) and writable(session) and bool(session and session.review.imports())

    def undo_last_import(self) -> bool:
        """Take the newest import out of the review as a whole (one undo step: Edit → Undo puts it back)."""
        session = self._session()
        if session is None or not self.can_undo_import():
            return False
        review = session.review
        last = review.imports()[-1]
        change = run_busy(session, review.undo_last_import)
        if change is None:
            return False
        names = ", ".join(dict.fromkeys(p.member_name for p in last.packs if not p.already_imported))
        # an import of notes from a file, or a carry-over to a new version, has no packs: its label
        self._say(self.tr("Took out the last import ({names}).").format(names=names or last.label))
        self.import_undone.emit()
        return True

    def _say(self, message: str) -> None:
        self.last_message = message
        self.status.emit(message)
