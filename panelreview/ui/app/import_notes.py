"""File › Import Notes from a PDF or Word File…: notes made in another program, brought in.

The file is read (a password is asked for as when opening a draft), the review plans what it
would do, and a dialog shows it: how many of the member's own notes come in, and the other people's
notes, grouped by author, to tick or leave (in the clerk's review, every author's are ticked). The
import is one review call, so one undo step; a summary says what was imported, updated and skipped.

Reading and placing happen on the GUI thread, which owns the review: 2,000 notes take about a
second and a half (bench/bench_import_notes.py), so a busy pointer is enough.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.errors import PasswordRequired, UserError, WrongPassword
from panelreview.core.imported_notes import (
    NEW,
    OFFERED,
    SAME,
    SKIP,
    UPDATE,
    NotesFile,
    NotesImportReport,
    PlannedNote,
)
from panelreview.core.review import Change, Role
from panelreview.ui.clerk.common import WaitCursor, run_busy
from panelreview.ui.dialogs import messages
from panelreview.ui.dialogs.password_dialog import NOTES
from panelreview.ui.session.review_session import ReviewSession

NOTES_FOLDER_KEY = "notes/import_folder"
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
NOTE_SUFFIXES = (".pdf", ".docx")


def tr(text: str) -> str:
    return QCoreApplication.translate("import_notes", text)


def _short(text: str, width: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def read_notes_asking(parent: QWidget, path: Path) -> NotesFile | None:
    """The notes in ``path``; asks for a password if needed. None (after saying why) on failure."""
    from panelreview.ingest.notes import read_notes

    password: str | None = None
    reason = ""
    while True:
        try:
            with WaitCursor():
                return read_notes(path, password)
        except PasswordRequired as err:
            if isinstance(err, WrongPassword):
                reason = str(err)
            password = messages.ask_password(parent, path.name, reason, kept=NOTES)
            if password is None:
                return None
        except UserError as err:
            messages.show_error(parent, tr("The notes could not be read"), str(err))
            return None


class ImportNotesDialog(QDialog):
    """What importing the file will do, with others' notes to tick or leave."""

    def __init__(self, parent: QWidget | None, report: NotesImportReport, clerk: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Import Notes from “{name}”").format(name=report.file_name))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        mine_new = [n for n in report.notes if n.mine and n.status == NEW]
        updated = report.having(UPDATE)
        others = [n for n in report.notes if not n.mine and n.status in (NEW, OFFERED)]
        parts = []
        if not clerk:
            parts.append(tr("{n} of your notes will be imported.").format(n=len(mine_new)))
        if updated:
            parts.append(tr("{n} imported before will be updated.").format(n=len(updated)))
        same = report.having(SAME)
        if same:
            parts.append(tr("{n} of its notes are already in this review.").format(n=len(same)))
        self.summary = QLabel(" ".join(parts))
        self.summary.setWordWrap(True)
        if parts:
            layout.addWidget(self.summary)
        if report.version_note:
            note = QLabel(report.version_note)
            note.setWordWrap(True)
            layout.addWidget(note)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([tr("Note"), tr("Section"), tr("Kind")])
        self.tree.setRootIsDecorated(True)
        self.tree.setAccessibleName(tr("Other people's notes"))
        if others:
            heading = (
                tr("Each author's notes become that member's views. Untick any you do not want.")
                if clerk
                else tr("Notes by other people in the file. Tick those you want in your review.")
            )
            label = QLabel(heading)
            label.setWordWrap(True)
            layout.addWidget(label)
            self._fill(others, checked=clerk)
            layout.addWidget(self.tree, 1)
        else:
            self.tree.hide()
        self.unnamed = QLineEdit()
        self.unnamed.setAccessibleName(tr("Whose notes the unnamed ones are"))
        unnamed = [n for n in report.having(SKIP) if not n.item.author]
        if clerk and unnamed:
            ask = QLabel(
                tr("1 note in the file names no author. Whose is it? (Leave this empty to skip it.)")
                if len(unnamed) == 1
                else tr(
                    "{n} notes in the file name no author. Whose are they? (Leave this empty to skip them.)"
                ).format(n=len(unnamed))
            )
            ask.setWordWrap(True)
            layout.addWidget(ask)
            layout.addWidget(self.unnamed)
        else:
            self.unnamed.hide()
        asked = clerk and bool(unnamed)  # the unnamed ones are asked about above, not listed again
        left = [
            f"{n.reason} ({_short(n.item.text or n.item.origin, 40)})"
            for n in report.having(SKIP)
            if not (asked and not n.item.author)
        ]
        left += [  # pop-up windows are part of their notes: not worth a member's attention
            f"{count} {reason}"
            for reason, count in report.left_out.items()
            if not reason.startswith("pop-up")
        ]
        if left:
            shown = "\n".join(f"• {line}" for line in left[:8])
            more = len(left) - 8
            if more > 0:
                shown += "\n" + tr("… and {n} more").format(n=more)
            skipped = QLabel(tr("Left out:") + "\n" + shown)
            skipped.setWordWrap(True)
            layout.addWidget(skipped)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            cancel.setAutoDefault(False)  # Enter never cancels
        self.import_button = buttons.addButton(tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._has_own = bool(mine_new or updated)
        self.tree.itemChanged.connect(lambda *_: self._update_button())
        self.unnamed.textChanged.connect(lambda *_: self._update_button())
        self._update_button()

    def _fill(self, notes: list[PlannedNote], checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        by_author: dict[str, list[PlannedNote]] = {}
        for note in notes:
            by_author.setdefault(note.author, []).append(note)
        for author, theirs in by_author.items():
            count = tr("1 note") if len(theirs) == 1 else tr("{n} notes").format(n=len(theirs))
            top = QTreeWidgetItem([f"{author} ({count})", "", ""])
            top.setFlags(top.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate)
            top.setCheckState(0, state)
            for note in theirs:
                text = note.item.text or tr("(highlight: “{quote}”)").format(
                    quote=_short(note.item.passage.quote or "", 50)
                )
                child = QTreeWidgetItem([_short(text), note.section, note.kind.value])
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, state)
                child.setData(0, KEY_ROLE, note.key)
                child.setToolTip(
                    0,
                    note.item.text + (f"\n\n“{note.item.passage.quote}”" if note.item.passage.quote else ""),
                )
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(len(notes) <= 30)  # a few: all in view; many: one line per author
        self.tree.resizeColumnToContents(2)
        self.tree.setColumnWidth(0, 320)
        self.tree.setColumnWidth(1, 190)

    def accepted_keys(self) -> set[str]:
        keys: set[str] = set()
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None and child.checkState(0) == Qt.CheckState.Checked:
                    keys.add(str(child.data(0, KEY_ROLE)))
        return keys

    def unnamed_as(self) -> str | None:
        return self.unnamed.text().strip() or None

    def _update_button(self) -> None:
        ready = self._has_own or bool(self.accepted_keys()) or bool(self.unnamed_as())
        self.import_button.setEnabled(ready)
        self.import_button.setDefault(ready)  # Enter imports once there is something to import


class NotesImporter(QObject):
    """Choose a file, plan, confirm, import: one undo step."""

    imported = Signal(object)  # NotesImportReport
    status = Signal(str)

    def __init__(self, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self.last_report: NotesImportReport | None = None

    def choose_file(self) -> Path | None:
        settings = QSettings()
        start = str(settings.value(NOTES_FOLDER_KEY, "", str) or Path.home())
        filters = ";;".join([tr("Annotated PDFs and Word files (*.pdf *.docx)"), tr("All files (*)")])
        name, _ = QFileDialog.getOpenFileName(
            self._parent, tr("Import notes from a PDF or Word file"), start, filters
        )
        if not name:
            return None
        path = Path(name)
        settings.setValue(NOTES_FOLDER_KEY, str(path.parent))
        return path

    def import_path(self, session: ReviewSession, path: Path, notes: NotesFile | None = None) -> bool:
        """Read ``path`` (unless already read), show the plan, and import what the user chose."""
        if session.read_only:
            messages.show_error(
                self._parent,
                tr("Read-only review"),
                tr("This review is open read-only, so notes cannot be imported into it."),
            )
            return False
        notes = notes if notes is not None else read_notes_asking(self._parent, path)
        if notes is None:
            return False
        review = session.review
        try:
            with WaitCursor():
                plan = review.plan_notes(notes)
        except UserError as err:
            messages.show_error(self._parent, tr("Nothing was imported"), str(err))
            return False
        if not notes.items:
            messages.show_error(
                self._parent,
                tr("No notes in this file"),
                tr("“{name}” has no notes, comments or highlights to import.").format(name=path.name),
            )
            return False
        clerk = review.owner.role is Role.CLERK
        dialog = ImportNotesDialog(self._parent, plan, clerk)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        keys, unnamed = dialog.accepted_keys(), dialog.unnamed_as()
        reports: list[NotesImportReport] = []

        def call() -> Change:
            change, report = review.import_notes(notes, accept=keys, unnamed_as=unnamed)
            reports.append(report)
            return change

        self.status.emit(tr("Importing notes from “{name}”…").format(name=path.name))
        if run_busy(session, call) is None or not reports:
            return False
        report = reports[0]
        self.last_report = report
        self.status.emit(report.summary)
        self.imported.emit(report)
        QMessageBox.information(self._parent, tr("Notes imported"), _summary_text(report))
        return True

    def take_out_last(self, session: ReviewSession) -> bool:
        """Remove what the last import of notes brought in, as one undo step."""
        return _taken_out(self, session)


def _taken_out(importer: NotesImporter, session: ReviewSession) -> bool:
    change = run_busy(session, session.review.undo_last_notes_import)
    if change is None:
        return False
    importer.status.emit(change.label + ".")
    return True


def _summary_text(report: NotesImportReport) -> str:
    text = report.summary
    placed = [n for n in report.notes if n.status in (NEW, UPDATE) and "(" in n.placed]
    if placed:
        text += "\n\n" + tr(
            "{n} could not be placed on their passage and were put on their section or page:"
        ).format(n=len(placed))
        text += "".join(f"\n• {n.author}: {_short(n.item.text or n.item.origin, 50)}" for n in placed[:5])
    return text + "\n\n" + tr("Edit › Undo takes the whole import out again.")


class NotesDrop(QObject):
    """A PDF or Word file dropped on an open draft: open it, or import its notes? Asks when it could
    be either (the file has notes in it); a file without notes simply opens."""

    def __init__(
        self,
        parent_widget: QWidget,
        has_draft: Callable[[], bool],
        import_notes: Callable[[Path, NotesFile], None],
    ) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._has_draft = has_draft
        self._import = import_notes

    def handle(self, path: Path) -> bool:
        """True when the drop was dealt with here (imported or cancelled); False: open the file."""
        if not self._has_draft() or path.suffix.lower() not in NOTE_SUFFIXES or not path.is_file():
            return False
        from panelreview.ingest.notes import read_notes

        try:
            with WaitCursor():
                notes = read_notes(path)
        except PasswordRequired:
            notes = None  # it may hold notes: ask, and ask for the password only to import them
        except UserError:
            return False  # opening it says plainly what is wrong
        if notes is not None and not notes.items:
            return False
        count = len(notes.items) if notes is not None else 0
        text = (
            tr("“{name}” has {n} notes in it (highlights, sticky notes or comments).").format(
                name=path.name, n=count
            )
            if notes is not None
            else tr("“{name}” is password-protected and may have notes in it.").format(name=path.name)
        )
        text += "\n\n" + tr("Import its notes into the review that is open, or open it as a new draft?")
        choice = messages.ask_choice(
            self._parent,
            tr("Import notes or open the file?"),
            text,
            [tr("Import Its Notes"), tr("Open as a New Draft")],
            tr("Cancel"),
        )
        if choice == 1:
            return False
        if choice == 0:
            found = notes if notes is not None else read_notes_asking(self._parent, path)
            if found is not None:
                self._import(path, found)
        return True
