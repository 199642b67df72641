"""Finding, creating and opening the review that goes with a draft.

* Opening a draft: the draft is shown at once; its review is the one already made for that exact
  draft (remembered by the draft's fingerprint), or a new one created in the member's folder on a
  worker thread (the member's name and folder are asked the first time only).
* Opening a review: the file is opened here (on the GUI thread, which owns it) and its draft is
  then read from the copy inside it, never from disk.
* A review open for editing in another window is offered read-only.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from panelreview.core.errors import UserError
from panelreview.storage import ReviewInUse
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
        except UserError as err:
            messages.show_error(self._parent, self.tr("Could not open the review"), str(err))
            return None
        return review

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
        existing = remembered_review(fingerprint)
        if existing is not None:
            review = self.open_file(existing)
            if review is not None:
                if review.current_draft_id == fingerprint:
                    self._ready(review)
                    return
                review.close()
        self.create_for(draft)

    def create_for(self, draft: LoadedDraft) -> None:
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
            self._creation_failed,
        )

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
        remember_review(fingerprint, path)
        if fingerprint != self._wanted:
            return
        self._wanted = None
        self._job = None
        self.creating_changed.emit(False)
        review = self.open_file(path)
        if review is not None:
            self._ready(review)

    def _creation_failed(self, exc: Exception) -> None:
        if self._job is None:
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
