"""Opening a file the way every entry point does (File menu, start view, Open Recent, a drop, the
command line): a draft, a review, a member's review pack, or a new version of the plan under review.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from panelreview.core.review import Role
from panelreview.resources import sample_draft_path
from panelreview.storage.pack_file import PACK_SUFFIX
from panelreview.storage.schema import FILE_SUFFIX
from panelreview.ui.app.draft_opener import DraftOpener
from panelreview.ui.app.recent_reviews import forget_recent
from panelreview.ui.app.review_opener import ReviewOpener
from panelreview.ui.app.session_wiring import SessionWiring
from panelreview.ui.clerk.install import ClerkUi
from panelreview.ui.dialogs import messages
from panelreview.ui.session.review_session import ReviewSession, draft_bytes
from panelreview.ui.versions.install import VersionsUi


class OpeningWindow(Protocol):
    """What opening needs of the main window (which passes itself): its parts, by name."""

    opener: DraftOpener
    reviews: ReviewOpener
    wiring: SessionWiring
    clerk_ui: ClerkUi
    versions_ui: VersionsUi

    @property
    def session(self) -> ReviewSession | None: ...


class Opening(QObject):
    def __init__(self, parts: OpeningWindow, window: QMainWindow) -> None:
        """``parts`` is the main window's parts; ``window`` the same window, as a widget."""
        super().__init__(window)
        self.parts, self.window = parts, window

    def choose_draft(self) -> None:
        path = messages.choose_draft_file(self.window)
        if path is not None:
            self.open_path(path)

    def choose_review(self) -> None:
        path = messages.choose_review_file(self.window)
        if path is not None:
            self.open_path(path)

    def open_sample(self) -> None:
        path = sample_draft_path()
        if path is None:
            messages.show_error(
                self.window,
                self.tr("Sample not found"),
                self.tr("The sample draft is missing from this copy."),
            )
            return
        self.open_path(path)

    def open_path(self, path: Path) -> None:
        """Open a draft or a review the way every entry point does (menu, start view, drop, command line)."""
        if path.suffix.lower() == FILE_SUFFIX:
            self.open_review_file(path)
            return
        if path.suffix.lower() == PACK_SUFFIX:
            self.open_pack(path)
            return
        if self.parts.versions_ui.intercepts_open(path):  # a new version of the plan under review?
            return
        self._status(path)
        self.parts.opener.open(path)

    def _status(self, path: Path) -> None:
        self.window.statusBar().showMessage(self.tr("Opening “{name}”…").format(name=path.name))

    def open_pack(self, path: Path) -> None:
        """A member's review pack: imported into the clerk's open review, or explained."""
        session = self.parts.session
        if session is not None and session.review.owner.role is Role.CLERK and not session.read_only:
            self.parts.clerk_ui.importer.import_paths([path])
            self.parts.clerk_ui.update_actions()
            return
        messages.show_error(
            self.window,
            self.tr("This is a member's review pack"),
            self.tr(
                "“{name}” is a review pack a member sent to the clerk. To combine it, open the "
                "panel's review (the clerk's) first, then choose Panel › Import Members' Reviews…, "
                "or drop the pack on the window. To start the panel's review from it, choose "
                "File › New Panel Review…."
            ).format(name=path.name),
        )

    def open_review_file(self, path: Path) -> None:
        review = self.parts.reviews.open_file(path)
        if review is None:
            if not path.is_file():
                forget_recent(path)
                self.parts.wiring.fill_recent()
            return
        try:
            name, data = draft_bytes(review)
        except Exception as err:  # a damaged review: say so plainly
            review.close()
            messages.show_error(self.window, self.tr("Could not open the review"), str(err))
            return
        self._status(path)
        self.parts.opener.open(Path(name), data=data)
        self.parts.reviews.expect(review)  # after open(): opening cancels what was in progress
