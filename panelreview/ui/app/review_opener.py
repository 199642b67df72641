"""Finding, creating and opening the review that goes with a draft.

* Opening a draft: the draft is shown at once; its review is the one already made for that exact
  draft (remembered by the draft's fingerprint), or a new one created in the member's folder on a
  worker thread (the member's name and folder are asked the first time only).
* Opening a review: the file is opened here (on the GUI thread, which owns it) and its draft is
  then read from the copy inside it, never from disk.
* A review open for editing in another window is offered read-only.
* A review that cannot be written to (a read-only file or folder) offers what the message names:
  Open Read-Only, Save a Copy Elsewhere… (then work in the copy), or Cancel.
* A second review of the same draft is never started without saying that one exists, and where.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from panelreview.core.errors import UserError
from panelreview.storage import ReadOnlyReview, ReviewInUse
from panelreview.ui.app.recent_reviews import add_recent
from panelreview.ui.common.background import Job, run_in_background
from panelreview.ui.dialogs import messages
from panelreview.ui.dialogs.review_setup import (
    Setup,
    ensure_setup,
    new_review_path,
    remember_review,
    remembered_review,
    saved_setup,
)
from panelreview.ui.dialogs.save_copy import CopyNotSaved, save_copy
from panelreview.ui.reader.document_worker import LoadedDraft
from panelreview.ui.session.review_session import ReviewSession

if TYPE_CHECKING:
    from panelreview.storage import Review

log = logging.getLogger(__name__)


def _create(path: Path, draft: LoadedDraft, setup: Setup) -> Path:
    """On a worker thread: write the new review file and close it again (the GUI opens it)."""
    from panelreview.storage import create_review

    review = create_review(
        path, draft.data, draft.document, member_name=setup.name, role=setup.role, plan_title=None
    )
    review.close()
    return path


class ReviewOpener(QObject):
    session_ready = Signal(object)  # ReviewSession
    creating_changed = Signal(bool)  # a new review is being written

    def __init__(self, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._pending: Review | None = None  # opened, waiting for its draft to be shown
        self._job: Job | None = None
        self._wanted: str | None = None  # the draft whose new review should open when it is made
        # Reviews still being written, by draft, also after the member moved on: the same draft
        # opened again meanwhile waits for its review instead of starting a second one.
        self._writing: dict[str, Job] = {}

    # ----- opening a review file ----------------------------------------------------------------
    def open_file(self, path: Path) -> Review | None:
        """Open a review for editing, or read-only if the member agrees; None if it cannot be."""
        from panelreview.storage import open_review

        setup = saved_setup()
        member = setup.name if setup else ""
        try:
            try:
                review = open_review(path, member=member)
            except ReviewInUse as busy:
                question = self.tr("{reason}\n\nOpen it read-only, to look without changing it?").format(
                    reason=str(busy)
                )
                if not messages.ask_yes_no(self._parent, self.tr("Review in use"), question):
                    return None
                review = open_review(path, read_only=True, member=member)
            except ReadOnlyReview:
                log.info("Review cannot be written to: %s", path)
                return self._cannot_write(path, member)
        except UserError as err:
            log.warning("Could not open review %s: %s", path, err)
            messages.show_error(self._parent, self.tr("Could not open the review"), str(err))
            return None
        return review

    def _cannot_write(self, path: Path, member: str) -> Review | None:
        """The choices for a review that cannot be written to; raises UserError if one fails."""
        from panelreview.storage import open_review

        text = self.tr(
            "Your notes are safe in “{name}” (in {folder}), but PanelReview cannot save changes "
            "to it: the file or its folder is read-only.\n\n"
            "Open it read-only to read your notes, or save a copy somewhere you can write to "
            "and carry on working in the copy."
        ).format(name=path.name, folder=path.parent)
        choice = messages.ask_choice(
            self._parent,
            self.tr("Review cannot be changed"),
            text,
            [self.tr("Open Read-Only"), self.tr("Save a Copy Elsewhere…")],
            self.tr("Cancel"),
        )
        if choice is None:
            return None
        review = open_review(path, read_only=True, member=member)
        if choice == 0:
            return review
        try:
            target = self._ask_copy_target(path)
            if target is None:
                return None
            try:
                copy = save_copy(review, target)
            except CopyNotSaved as err:
                log.warning("Copy of a read-only review not saved: %s", err)
                messages.show_error(self._parent, self.tr("The copy was not saved"), str(err))
                return None
        finally:
            review.close()
        copied = open_review(copy, member=member)
        remember_review(copied.current_draft_id, copy)
        return copied

    def _ask_copy_target(self, path: Path) -> Path | None:
        setup = saved_setup()
        folder = setup.folder if setup is not None and setup.folder.is_dir() else Path.home()
        name, _ = QFileDialog.getSaveFileName(
            self._parent,
            self.tr("Save a Copy to Work In"),
            str(new_review_path(folder, path.name)),
            self.tr("PanelReview reviews (*.pcpr)"),
        )
        return Path(name) if name else None

    def expect(self, review: Review) -> None:
        """``review`` becomes the session once its draft has been opened and shown."""
        self.drop_pending()
        self._pending = review

    def drop_pending(self) -> None:
        if self._pending is not None:
            self._pending.close()
            self._pending = None

    # ----- after a draft is shown ---------------------------------------------------------------
    def draft_shown(self, draft: LoadedDraft) -> None:
        self.cancel_creation()
        fingerprint = draft.document.identity.sha256
        pending, self._pending = self._pending, None
        if pending is not None:
            if pending.current_draft_id == fingerprint:
                self._ready(pending)
                return
            pending.close()  # another draft was opened meanwhile
        writing = self._writing.get(fingerprint)
        if writing is not None:  # closed and opened again before its review was written
            self._wanted, self._job = fingerprint, writing
            self.creating_changed.emit(True)
            return
        existing = remembered_review(fingerprint)
        if existing is not None:
            review = self.open_file(existing)
            if review is None:
                return  # its notes stay where they are: the member was told where (annotating asks)
            if review.current_draft_id == fingerprint:
                self._ready(review)
                return
            review.close()  # that file has moved on to another draft since
        self._start_new(draft)

    def create_for(self, draft: LoadedDraft) -> None:
        """The member wants to take notes and no review is open: reopen the one this draft has,
        or, if asked to, start a second one (never silently)."""
        existing = remembered_review(draft.document.identity.sha256)
        if existing is not None:
            choice = messages.ask_choice(
                self._parent,
                self.tr("You already have a review of this draft"),
                self.tr(
                    "Your review of this draft is “{name}”, in {folder}. It is not open now, so "
                    "notes cannot go into it.\n\nOpen it again, or start a second, separate review "
                    "of this draft (your notes in “{name}” stay where they are)?"
                ).format(name=existing.name, folder=existing.parent),
                [self.tr("Open Existing Review"), self.tr("Start a Second Review")],
                self.tr("Cancel"),
            )
            if choice is None:
                return
            if choice == 0:
                review = self.open_file(existing)
                if review is not None:
                    if review.current_draft_id == draft.document.identity.sha256:
                        self._ready(review)
                        return
                    review.close()
                return
        self._start_new(draft)

    def _start_new(self, draft: LoadedDraft) -> None:
        """Start a new review of ``draft`` (asking for the member's name the first time)."""
        setup = ensure_setup(self._parent)
        if setup is None:
            return  # the draft stays open for reading; annotating asks again
        path = new_review_path(setup.folder, draft.path.name)
        self._wanted = draft.document.identity.sha256
        self.creating_changed.emit(True)
        self._job = run_in_background(
            lambda: _create(path, draft, setup),
            lambda created: self._created(created, draft),
            lambda exc: self._creation_failed(exc, draft),
        )
        self._writing[draft.document.identity.sha256] = self._job

    @property
    def creating(self) -> bool:
        return self._job is not None

    def cancel_creation(self) -> None:
        """Another draft is being opened: a review still being written is kept, not opened."""
        self._wanted = None
        if self._job is not None:
            self._job = None
            self.creating_changed.emit(False)

    def shutdown(self) -> None:
        """The window is closing: open nothing more (a review being written is still kept)."""
        self.cancel_creation()
        self.drop_pending()

    def _created(self, path: Path, draft: LoadedDraft) -> None:
        fingerprint = draft.document.identity.sha256
        self._writing.pop(fingerprint, None)
        remember_review(fingerprint, path)
        if fingerprint != self._wanted:
            return
        self._wanted = None
        self._job = None
        self.creating_changed.emit(False)
        review = self.open_file(path)
        if review is not None:
            self._ready(review)

    def _creation_failed(self, exc: Exception, draft: LoadedDraft) -> None:
        fingerprint = draft.document.identity.sha256
        self._writing.pop(fingerprint, None)
        if self._job is None or fingerprint != self._wanted:
            return  # the member has moved on to another draft
        self._wanted = None
        self._job = None
        self.creating_changed.emit(False)
        message = (
            str(exc)
            if isinstance(exc, UserError)
            else self.tr(
                "The review file could not be made because of an unexpected problem. "
                "The details are in the log file."
            )
        )
        messages.show_error(self._parent, self.tr("Could not start the review"), message)

    def _ready(self, review: Review) -> None:
        title = review.settings.plan_title or review.path.stem
        add_recent(review.path, title)
        self.session_ready.emit(ReviewSession(review))
