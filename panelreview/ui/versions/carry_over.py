"""Carrying the open review over to a new version of the draft, as a member experiences it.

1. The new version is read on a worker (a busy dialog after half a second, with Cancel).
2. A dialog shows the label and date the draft gives itself (``core.draft_label``), editable, and
   says if the draft hardly matches the plan under review.
3. Carrying runs on the review's thread as ONE undo step, with a progress dialog after half a
   second; Cancel there changes nothing.
4. ``carried`` reports the change; the window then shows the new version (the session's
   ``changed`` signal names the ``current_draft`` setting).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.draft_label import describe_date, guess_draft_label, parse_draft_date
from panelreview.core.errors import PasswordRequired, UserError, WrongPassword
from panelreview.core.model import Document
from panelreview.core.outline_align import SAME_PLAN
from panelreview.core.review import Change
from panelreview.ui.common.background import Job, run_in_background
from panelreview.ui.common.busy import close_progress, progress_dialog
from panelreview.ui.dialogs import messages
from panelreview.ui.session.review_session import ReviewSession
from panelreview.ui.versions.wording import version_name

log = logging.getLogger(__name__)
PROGRESS_DELAY_MS = 500


@dataclass(frozen=True, slots=True)
class NewDraft:
    """A new version read from disk: its bytes and what the reader made of them."""

    path: Path
    data: bytes
    document: Document


def _read(path: Path, password: str | None) -> NewDraft:
    """On a worker: the file's bytes and its document."""
    from panelreview.ingest.opener import read_document_bytes, read_file

    data = read_file(path)
    return NewDraft(path, data, read_document_bytes(data, path.name, password))


def _read_unless_known(path: Path, known: frozenset[str]) -> NewDraft | None:
    """On a worker: as :func:`_read`, but None at once for a draft the review already holds."""
    from panelreview.ingest.opener import read_file

    data = read_file(path)
    if hashlib.sha256(data).hexdigest() in known:
        return None
    from panelreview.ingest.opener import read_document_bytes

    return NewDraft(path, data, read_document_bytes(data, path.name))


class VersionDetailsDialog(QDialog):
    """The new version's label and date (as the draft gives them, editable) before carrying over."""

    def __init__(self, parent: QWidget | None, draft: NewDraft, current: str, match: float) -> None:
        super().__init__(parent)
        self.setObjectName("new_version_dialog")
        self.setWindowTitle(self.tr("New Version of the Draft"))
        self.setAccessibleName(self.tr("New version of the draft"))
        guess = guess_draft_label(draft.document)
        intro = QLabel(
            self.tr(
                "Your review will be carried over from {current} to “{name}”. Every note and "
                "recommendation follows it, unchanged in what it says: each is placed in the new "
                "version, or listed in the Changes panel for you to look at. You can undo this."
            ).format(current=current, name=draft.path.name)
        )
        intro.setWordWrap(True)
        self.warning = QLabel(
            self.tr(
                "Only {share}% of this draft's sections match the plan you are reviewing: it may be "
                "another plan altogether. Carry over only if it really is the new version; the notes "
                "that find no place will be listed."
            ).format(share=round(match * 100))
        )
        self.warning.setWordWrap(True)
        self.warning.setObjectName("plan_warning")
        self.warning.setVisible(match < SAME_PLAN)
        self.label_edit = QLineEdit(guess.label if guess and guess.label else "")
        self.label_edit.setAccessibleName(self.tr("Label of the new version"))
        self.label_edit.setPlaceholderText(self.tr("for example, Final draft"))
        self.date_edit = QLineEdit(describe_date(guess.dated) if guess and guess.dated else "")
        self.date_edit.setAccessibleName(self.tr("Date the new version bears"))
        self.date_edit.setPlaceholderText(self.tr("for example, 6 February 2025"))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Label:"), self.label_edit)
        form.addRow(self.tr("&Date it bears:"), self.date_edit)
        hint = QLabel(self.tr("As the draft itself names and dates it (not the file's date)."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Carry Over Anyway") if match < SAME_PLAN else self.tr("&Carry Over"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.warning)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.dated: str | None = None

    @property
    def label(self) -> str:
        return " ".join(self.label_edit.text().split())

    def _check(self) -> None:
        try:
            self.dated = parse_draft_date(self.date_edit.text())
        except UserError as err:
            self.error_label.setText(str(err))
            self.error_label.show()
            self.date_edit.setFocus()
            return
        self.accept()


class CarryOver(QObject):
    """Review › New Version of the Draft…, and File › Open of a newer version, for one window."""

    carried = Signal(object)  # Change: the review is now on the new version
    status = Signal(str)  # a message for the status bar

    def __init__(self, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._job: Job | None = None
        self._busy: QProgressDialog | None = None
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(PROGRESS_DELAY_MS)
        self._delay.timeout.connect(self._show_busy)
        self.dialog: VersionDetailsDialog | None = None  # the dialog being shown (tests look at it)
        self.progress: QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        return self._job is not None

    # ----- choosing and reading the new version ---------------------------------------------------
    def choose_file(self) -> Path | None:
        settings = QSettings()
        start = str(settings.value(messages.LAST_FOLDER_KEY, "", str) or Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self._parent,
            self.tr("Choose the New Version of the Draft"),
            start,
            self.tr("Draft plans (*.pdf *.docx *.txt *.md);;All files (*)"),
        )
        if not name:
            return None
        settings.setValue(messages.LAST_FOLDER_KEY, str(Path(name).parent))
        return Path(name)

    def start(self, session: ReviewSession, path: Path, password: str | None = None) -> None:
        """Read ``path`` on a worker, then ask for its label and date and carry ``session`` over."""
        self.cancel()
        self._job = run_in_background(
            lambda: _read(path, password),
            lambda draft: self._read_done(session, draft),
            lambda exc: self._read_failed(session, path, exc),
        )
        self._delay.start()

    def recognise(
        self,
        session: ReviewSession,
        path: Path,
        open_normally: Callable[[Path], None],
        current: Callable[[], ReviewSession | None],
    ) -> None:
        """File › Open with a review open: a newer version of the same plan is offered for carrying
        over; anything else (another plan, the same draft, a file that cannot be read) opens as usual."""
        self.cancel()
        known = frozenset(v.id for v in session.review.versions())

        def done(draft: NewDraft | None) -> None:
            self._finish_reading()
            if draft is None or current() is not session:
                open_normally(path)
                return
            try:
                match = session.review.plan_match(draft.document)
            except UserError:
                match = 0.0
            if match < SAME_PLAN:
                open_normally(path)
                return
            choice = messages.ask_choice(
                self._parent,
                self.tr("A new version of the plan you are reviewing?"),
                self.tr(
                    "“{name}” looks like another version of the plan you are reviewing: {share}% of its "
                    "sections match those of {current}.\n\nCarry your review over to it? Your notes and "
                    "recommendations follow it; any that cannot be placed are listed for you. Or open "
                    "it separately, with a review of its own."
                ).format(
                    name=path.name, share=round(match * 100), current=version_name(session.review.version())
                ),
                [self.tr("Carry My Review Over…"), self.tr("Open It Separately")],
                self.tr("Cancel"),
            )
            if choice == 0:
                self.ask_details(session, draft, match)
            elif choice == 1:
                open_normally(path)

        def failed(exc: Exception) -> None:
            self._finish_reading()
            log.info("Not recognised as a new version (%s): %s", path.name, exc)
            open_normally(path)  # the usual path says what is wrong, or asks for a password

        self._job = run_in_background(lambda: _read_unless_known(path, known), done, failed)
        self._delay.start()

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancelled = True
        self._finish_reading()

    def _finish_reading(self) -> None:
        self._job = None
        self._delay.stop()
        if self._busy is not None:
            close_progress(self._busy, self.cancel)
            self._busy = None

    def _show_busy(self) -> None:
        if self._job is None:
            return
        dialog = progress_dialog(
            self._parent,
            self.tr("Reading the new version"),
            self.tr("Reading the new version of the draft…"),
            self.tr("Cancel"),
            self.cancel,
        )
        self._busy = dialog
        dialog.show()

    def _read_done(self, session: ReviewSession, draft: NewDraft) -> None:
        self._finish_reading()
        known = {v.id: v for v in session.review.versions()}
        found = known.get(draft.document.identity.sha256)
        if found is not None:
            if found.is_current:
                text = self.tr("“{name}” is the version your review is already on. Nothing was changed.")
            else:
                text = self.tr("“{name}” is already in this review, as {version}. Nothing was changed.")
            messages.show_error(
                self._parent,
                self.tr("Already in this review"),
                text.format(name=draft.path.name, version=version_name(found)),
            )
            return
        try:
            match = session.review.plan_match(draft.document)
        except UserError:
            match = 0.0
        self.ask_details(session, draft, match)

    def _read_failed(self, session: ReviewSession, path: Path, exc: Exception) -> None:
        self._finish_reading()
        if isinstance(exc, PasswordRequired):
            reason = str(exc) if isinstance(exc, WrongPassword) else ""
            password = messages.ask_password(self._parent, path.name, reason)
            if password is not None:
                self.start(session, path, password)
            return
        message = str(exc) if isinstance(exc, UserError) else self.tr(
            "The new version could not be read because of an unexpected problem. The details are in "
            "the log file."
        )  # fmt: skip
        if not isinstance(exc, UserError):
            log.error("Reading a new version failed", exc_info=exc)
        messages.show_error(self._parent, self.tr("Could not read the new version"), message)

    # ----- label, date and carrying -------------------------------------------------------------
    def ask_details(self, session: ReviewSession, draft: NewDraft, match: float) -> None:
        """The label-and-date dialog (window-modal, not blocking); accepting it carries over."""
        current = version_name(session.review.version())
        dialog = VersionDetailsDialog(self._parent, draft, current, match)
        self.dialog = dialog

        def accepted() -> None:
            self.dialog = None
            self.carry(session, draft, dialog.label or None, dialog.dated, different_plan=match < SAME_PLAN)

        dialog.accepted.connect(accepted)
        dialog.rejected.connect(lambda: setattr(self, "dialog", None))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def carry(
        self,
        session: ReviewSession,
        draft: NewDraft,
        label: str | None,
        dated: str | None,
        *,
        different_plan: bool = False,
    ) -> Change | None:
        """Carry the review over (one undo step), with progress after half a second and Cancel."""
        from panelreview.storage.versions import Cancelled

        progress = progress_dialog(
            self._parent,
            self.tr("Carrying your review over"),
            self.tr("Placing your notes and recommendations in “{name}”…").format(name=draft.path.name),
            self.tr("Cancel"),
            delay_ms=PROGRESS_DELAY_MS,
        )
        self.progress = progress
        problem: list[UserError] = []

        def step(done: int, total: int) -> bool:
            if progress.maximum() != total:
                progress.setRange(0, max(total, 1))
            progress.setValue(min(done, total))  # a modal dialog keeps painting (and hears Cancel)
            return not progress.wasCanceled()

        def call() -> Change:
            try:
                return session.review.add_draft_version(
                    draft.data, draft.document, label, dated, step, different_plan=different_plan
                )
            except Cancelled as err:
                problem.append(err)
            except UserError as err:
                problem.append(err)
            return Change("Carry over", ())

        self.status.emit(self.tr("Carrying your review over to “{name}”…").format(name=draft.path.name))
        try:
            change = session.run(call)
        finally:
            close_progress(progress)
            self.progress = None
        if problem:
            if isinstance(problem[0], Cancelled):
                self.status.emit(self.tr("Cancelled: your review is still on the version it was on."))
            else:
                messages.show_error(self._parent, self.tr("Could not carry the review over"), str(problem[0]))
            return None
        if change is None or change.is_empty:
            return None
        self.carried.emit(change)
        return change
