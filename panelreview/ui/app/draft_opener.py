"""Opening a draft as a member experiences it: never frozen, progress after a moment, cancellable.

The parse runs on the document thread. A progress dialog appears only if it takes longer than
half a second; Cancel drops the result when it arrives. A PDF's pages arrive before its text has
been read (``pages_ready``): from then on the member is reading, so the dialog gives way to a
message in the status bar. A password-protected PDF asks for its password (again, with the reason,
when it was wrong); any other problem is a plain-English dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from panelreview.core.errors import DocumentError, PasswordRequired, WrongPassword
from panelreview.ui.common.busy import close_progress, progress_dialog
from panelreview.ui.dialogs import messages
from panelreview.ui.reader.document_worker import DocumentService, LoadedDraft

PROGRESS_DELAY_MS = 500


class DraftOpener(QObject):
    """Runs one open at a time; a new open replaces (cancels) the one in progress."""

    opened = Signal(object)  # LoadedDraft
    pages_ready = Signal(int, list, list)  # token, page sizes, labels: show the pages already
    open_failed = Signal(str)  # the message shown to the member
    abandoned = Signal()  # cancelled, failed or replaced: nothing will be opened
    busy_changed = Signal(bool)

    def __init__(self, service: DocumentService, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._service = service
        self._parent = parent_widget
        self._token: int | None = None
        self._path: Path | None = None
        self._data: bytes | None = None
        self._pages_shown = False
        self._progress: QProgressDialog | None = None
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(PROGRESS_DELAY_MS)
        self._delay.timeout.connect(self._show_progress)
        service.loaded.connect(self._on_loaded)
        service.failed.connect(self._on_failed)
        service.pages_ready.connect(self._on_pages_ready)

    @property
    def busy(self) -> bool:
        return self._token is not None

    def open(self, path: Path, password: str | None = None, data: bytes | None = None) -> int:
        """Start opening a draft (from ``data`` if given: a review's copy); returns its token."""
        if self._token is not None:
            self.cancel()
        self._path = path
        self._data = data
        self._pages_shown = False
        self._token = self._service.load(path, password, data)
        self._delay.start()
        self.busy_changed.emit(True)
        return self._token

    @property
    def pages_shown(self) -> bool:
        """Whether the draft being opened already has its pages on screen."""
        return self._pages_shown

    def cancel(self) -> None:
        if self._token is None:
            return
        # The parse cannot be interrupted midway; its result is dropped when it arrives.
        self._service.close_document(self._token)
        self._finish()
        self.abandoned.emit()

    def _on_pages_ready(self, token: int, sizes: list[object], labels: list[str]) -> None:
        if token != self._token:
            return
        self._pages_shown = True
        self._delay.stop()
        self._close_progress()
        self.pages_ready.emit(token, sizes, labels)

    def _finish(self) -> None:
        self._token = None
        self._delay.stop()
        self._close_progress()
        self.busy_changed.emit(False)

    def _close_progress(self) -> None:
        if self._progress is not None:
            close_progress(self._progress, self.cancel)
            self._progress = None

    def _show_progress(self) -> None:
        if self._token is None or self._path is None or self._pages_shown:
            return
        # A busy indicator: a parse has no meaningful percentage.
        dialog = progress_dialog(
            self._parent,
            self.tr("Opening draft"),
            self.tr("Opening “{name}”…").format(name=self._path.name),
            self.tr("Cancel"),
            self.cancel,
        )
        self._progress = dialog
        dialog.show()

    @property
    def progress_dialog(self) -> QProgressDialog | None:
        return self._progress

    def _on_loaded(self, draft: LoadedDraft) -> None:
        if draft.token != self._token:
            self._service.close_document(draft.token)  # cancelled or superseded
            return
        self._finish()
        self.opened.emit(draft)

    def _on_failed(self, token: int, error: DocumentError) -> None:
        if token != self._token or self._path is None:
            return
        path, data = self._path, self._data
        self._finish()
        if isinstance(error, PasswordRequired):
            reason = str(error) if isinstance(error, WrongPassword) else ""
            password = messages.ask_password(self._parent, path.name, reason)
            if password is not None:
                self.open(path, password, data)
            else:
                self.abandoned.emit()
            return
        self.abandoned.emit()
        messages.show_error(self._parent, self.tr("Could not open the draft"), str(error))
        self.open_failed.emit(str(error))
