"""File › Save a Copy…: a complete copy of the open review, made safely while it stays open.

The copy comes from SQLite's backup API (:meth:`Review.save_copy`), never from copying the live
file. It is written under a temporary name in a new folder beside the target, then moved into place
in one step, so the target is either the old file or a complete copy, never half of one. Problems
(a folder that cannot be written to, a full disk, choosing the review itself) are plain messages.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from panelreview.core.errors import UserError
from panelreview.storage.schema import FILE_SUFFIX
from panelreview.ui.dialogs import messages

if TYPE_CHECKING:
    from panelreview.storage import Review

COPY_FOLDER_KEY = "files/copy_folder"


def tr(text: str) -> str:
    return QCoreApplication.translate("save_copy", text)


class CopyNotSaved(UserError):
    """The copy could not be made; the review itself is unchanged."""


def suggested_name(review_path: Path, today: date | None = None) -> str:
    """ "Westshire plan (copy 2026-11-23).pcpr": a name that sorts by date beside the review."""
    day = (today or date.today()).isoformat()
    return tr("{name} (copy {date})").format(name=review_path.stem, date=day) + FILE_SUFFIX


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return tr("the disk is full")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return tr("PanelReview is not allowed to write there (the folder or drive is read-only)")
    if exc.errno == errno.ENOENT:
        return tr("the folder no longer exists")
    return exc.strerror or str(exc)


def save_copy(review: Review, target: Path) -> Path:
    """Write a complete copy of ``review`` at ``target`` (replacing a file already there)."""
    if target.suffix.lower() != FILE_SUFFIX:
        target = target.with_name(target.name + FILE_SUFFIX)
    if target.resolve() == review.path.resolve():
        raise CopyNotSaved(
            tr(
                "“{name}” is the review you are working in. Choose another name or folder for the copy."
            ).format(name=target.name)
        )
    unchanged = tr("Your review itself is unchanged.")
    try:
        staging = Path(tempfile.mkdtemp(prefix=".panelreview-copy-", dir=target.parent))
    except OSError as exc:
        raise CopyNotSaved(
            tr(
                "The copy could not be saved in “{folder}”: {reason}. Choose another folder. {unchanged}"
            ).format(folder=target.parent, reason=_reason(exc), unchanged=unchanged)
        ) from None
    try:
        written = review.save_copy(staging / target.name)
        with open(written, "rb") as copy:
            os.fsync(copy.fileno())
        os.replace(written, target)
    except UserError as err:
        raise CopyNotSaved(f"{err} {unchanged}") from None
    except OSError as exc:
        raise CopyNotSaved(
            tr("The copy could not be saved as “{name}”: {reason}. {unchanged}").format(
                name=target.name, reason=_reason(exc), unchanged=unchanged
            )
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


class CopySaver(QObject):
    """Asks where, makes the copy and says what happened."""

    saved = Signal(object)  # Path of the copy

    def __init__(self, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget

    def ask_and_save(self, review: Review) -> Path | None:
        settings = QSettings()
        folder = Path(str(settings.value(COPY_FOLDER_KEY, "", str) or review.path.parent))
        name, _ = QFileDialog.getSaveFileName(
            self._parent,
            self.tr("Save a Copy of the Review"),
            str(folder / suggested_name(review.path)),
            self.tr("PanelReview reviews (*.pcpr)"),
        )
        if not name:
            return None
        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            copy = save_copy(review, Path(name))
        except CopyNotSaved as err:
            QGuiApplication.restoreOverrideCursor()
            messages.show_error(self._parent, self.tr("The copy was not saved"), str(err))
            return None
        QGuiApplication.restoreOverrideCursor()
        settings.setValue(COPY_FOLDER_KEY, str(copy.parent))
        self.saved.emit(copy)
        QMessageBox.information(
            self._parent,
            self.tr("Copy saved"),
            self.tr(
                "A complete copy of your review, with the draft and all your notes and "
                "recommendations up to now, is saved as:\n\n{path}\n\n"
                "You are still working in “{review}”: changes from now on go there, not into the copy."
            ).format(path=copy, review=review.path.name),
        )
        return copy
