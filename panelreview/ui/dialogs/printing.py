"""File › Print…: ask what to print, get it ready, ask the system's Print dialog, print with progress.

    printing = install_printing(window)   # connects File › Print… (the window's ``print_draft`` action)
    printing.update_action()              # enabled while a draft is open and nothing is printing

What is printed comes from the exporters, so paper and files agree: a PDF draft's own bytes; the
draft with notes from :func:`panelreview.export.annotated_draft.annotated_draft_bytes`; the notes
list from :func:`panelreview.export.my_notes.build_my_notes` laid out as a PDF
(:func:`panelreview.export.pdf_writer.pdf_bytes`). The last two read the review through their own
read-only connection on a worker thread, as exporting does. A Word or text draft is printed as the
reader shows it: a copy of the reader's text, with the noted passages coloured as on screen.

``ask_printer`` is the seam tests replace: it shows Qt's Print dialog and returns False on Cancel.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from panelreview.core.errors import UserError
from panelreview.core.review import Annotation, Recommendation, Visibility
from panelreview.ui.common.background import Job, run_in_background
from panelreview.ui.common.busy import close_progress, progress_dialog
from panelreview.ui.dialogs import messages
from panelreview.ui.dialogs.print_dialog import ANNOTATED, DRAFT, NOTES, PrintChoice, PrintChoiceDialog
from panelreview.ui.reader.reflow_view import ReflowView
from panelreview.ui.reader.selection import highlight_colour, highlight_mark
from panelreview.ui.session.review_session import ReviewSession

if TYPE_CHECKING:  # Qt's printing module is loaded on the first File › Print…, not at start-up
    from PySide6.QtPrintSupport import QPrinter

    from panelreview.ui.dialogs.print_jobs import PrintJob

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 500
PRINT_POINT_SIZE = 11.0


@dataclass(frozen=True, slots=True)
class Prepared:
    """What is about to be printed: a PDF's bytes, or a text document laid out by Qt."""

    pdf: bytes = b""
    page_count: int = 0
    text: QTextDocument | None = None
    password: str | None = None  # the one that opened a locked draft (in memory only)


def _prepare_pdf(what: str, review_path: Path, include_private: bool) -> tuple[bytes, int]:
    """On a worker thread, with its own read-only connection to the review."""
    import pymupdf

    from panelreview.storage import open_review

    review = open_review(review_path, read_only=True)
    try:
        if what == ANNOTATED:
            from panelreview.export.annotated_draft import annotated_draft_bytes

            data = annotated_draft_bytes(review, include_private=include_private)
        else:
            from panelreview.export.my_notes import build_my_notes
            from panelreview.export.pdf_writer import pdf_bytes

            data = pdf_bytes(build_my_notes(review, include_private=include_private))
    finally:
        review.close()
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return data, doc.page_count


def own_items(session: ReviewSession) -> tuple[int, int]:
    """How many of the member's own notes and recommendations (on any version of the draft) are
    private working notes, and how many there are in all."""
    review = session.review
    owner = review.owner.id
    items: list[Annotation | Recommendation] = [
        *review.annotations(author_id=owner),
        *review.recommendations(author_id=owner),
    ]
    return sum(1 for item in items if item.visibility is Visibility.PRIVATE), len(items)


def text_for_print(view: ReflowView, *, with_notes: bool, leave_out: set[str]) -> QTextDocument:
    """A copy of the reader's text to lay out on paper: with each noted passage coloured as on
    screen and its kind's mark before it (so a black-and-white printout still shows it), unless
    the note's id is in ``leave_out``."""
    document = view.document().clone()
    font = QFont(view.document().defaultFont())
    font.setPointSizeF(PRINT_POINT_SIZE)
    document.setDefaultFont(font)
    if not with_notes:
        return document
    ranges = [r for r in view.note_ranges() if r[2].id not in leave_out]
    for start, end, item in ranges:
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setBackground(highlight_colour(item))
        cursor.mergeCharFormat(fmt)
    # Marks go in from the end backwards, so the positions of those before stay right.
    for start, _end, item in sorted(ranges, key=lambda r: r[0], reverse=True):
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        mark = QTextCharFormat(cursor.charFormat())
        mark.setFontWeight(QFont.Weight.Bold)
        mark.setBackground(highlight_colour(item))
        mark.setForeground(QColor("#000000"))
        mark.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
        cursor.insertText(f"[{highlight_mark(item)}]", mark)
    return document


def ask_printer(parent: QWidget, printer: QPrinter, page_count: int) -> bool:
    """The system's Print dialog (printer, copies, paper, pages); False when the member cancels."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "Print"))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, page_count > 1)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, False)
    if page_count > 0:
        dialog.setMinMax(1, page_count)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted


class Printing(QObject):
    """Runs one print at a time for the window."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self._printer: QPrinter | None = None
        self.ask_printer: Callable[[QWidget, QPrinter, int], bool] = ask_printer
        self.ask_choice: Callable[[PrintChoiceDialog], PrintChoice | None] = _ask_choice
        self.job: PrintJob | None = None
        self._preparing: Job | None = None
        self._progress: QProgressDialog | None = None
        self._choice = PrintChoice(DRAFT)

    @property
    def printer(self) -> QPrinter:
        """The printer and paper chosen, kept for the next print in this session."""
        if self._printer is None:
            from PySide6.QtPrintSupport import QPrinter

            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        return self._printer

    @property
    def busy(self) -> bool:
        return self.job is not None or self._preparing is not None

    def update_action(self) -> None:
        self.window.window_actions.print_draft.setEnabled(self.window.draft is not None and not self.busy)

    # ----- asking -------------------------------------------------------------------------------
    def print_requested(self) -> None:
        draft = self.window.draft
        if draft is None or self.busy:
            return
        session: ReviewSession | None = self.window.session
        if session is not None:
            self.window.wiring.commit_editors()  # what is typed but not yet saved is printed too
        private, everything = own_items(session) if session is not None else (0, 0)
        dialog = PrintChoiceDialog(
            self.window,
            has_review=session is not None,
            is_pdf=draft.is_pdf,
            private_notes=private,
            all_notes=everything,
        )
        choice = self.ask_choice(dialog)
        dialog.deleteLater()
        if choice is None:
            return
        self._choice = choice
        if choice.what == DRAFT and draft.is_pdf:
            self._ready(Prepared(pdf=draft.data, page_count=len(draft.page_sizes), password=draft.password))
        elif choice.what == NOTES or draft.is_pdf:
            assert session is not None
            self._prepare_in_background(choice, session.path)
        else:
            self._ready(Prepared(text=self._word_text(choice, session)))

    def _word_text(self, choice: PrintChoice, session: ReviewSession | None) -> QTextDocument:
        leave_out: set[str] = set()
        if session is not None and not choice.include_private:
            review = session.review
            items: list[Annotation | Recommendation] = [*review.annotations(), *review.recommendations()]
            leave_out = {i.id for i in items if i.visibility is Visibility.PRIVATE}
        view: ReflowView = self.window.reflow_view
        return text_for_print(view, with_notes=choice.what == ANNOTATED, leave_out=leave_out)

    def _prepare_in_background(self, choice: PrintChoice, review_path: Path) -> None:
        self._show_progress(self.tr("Getting the pages ready…"))
        self._preparing = run_in_background(
            lambda: _prepare_pdf(choice.what, review_path, choice.include_private),
            self._prepared,
            self._prepare_failed,
        )
        self.update_action()

    def _prepared(self, result: Any) -> None:
        self._preparing = None
        data, count = result
        self._ready(Prepared(pdf=data, page_count=count))

    def _prepare_failed(self, exc: Exception) -> None:
        self._preparing = None
        self._close_progress()
        self.update_action()
        if isinstance(exc, UserError):
            message = str(exc)
        else:
            message = self.tr(
                "The pages could not be got ready for printing because of an unexpected problem. "
                "The details are in the log file."
            )
        messages.show_error(self.window, self.tr("Could not print"), message)

    def _cancel_preparing(self) -> None:
        if self._preparing is not None:
            self._preparing.cancelled = True
            self._preparing = None
        if self.job is not None:
            self.job.cancel()
        self.update_action()

    # ----- printing -----------------------------------------------------------------------------
    def _ready(self, prepared: Prepared) -> None:
        from panelreview.ui.dialogs.print_jobs import PdfPrintJob
        from panelreview.ui.dialogs.print_text import TextPrintJob, page_count_for

        self._close_progress()
        count = prepared.page_count
        self.printer.setDocName(self._document_name())  # the print queue's (or the PDF file's) name
        if prepared.text is not None:
            count = page_count_for(prepared.text, self.printer)  # on the paper chosen last time
        if not self.ask_printer(self.window, self.printer, count):
            self.update_action()
            return
        if prepared.text is not None:
            self.job = TextPrintJob(self.printer, prepared.text, self)
        else:
            self.job = PdfPrintJob(self.printer, prepared.pdf, self, password=prepared.password)
        self.job.progressed.connect(self._progressed)
        self.job.finished.connect(self._printed)
        self.job.failed.connect(self._print_failed)
        self.job.cancelled.connect(self._print_cancelled)
        self._show_progress(self.tr("Printing…"))
        self.update_action()
        self.window.installEventFilter(self)  # until the job is over: see eventFilter
        self.job.start()

    def _document_name(self) -> str:
        draft = self.window.draft
        title = " ".join(((draft.document.identity.title or draft.path.stem) if draft else "").split())
        private = self._choice.include_private
        if self._choice.what == ANNOTATED:
            name = (
                self.tr("{title} – with my notes (private)")
                if private
                else self.tr("{title} – with my notes")
            )
        elif self._choice.what == NOTES:
            name = self.tr("{title} – my notes (private)") if private else self.tr("{title} – my notes")
        else:
            name = "{title}"
        return name.format(title=title)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The window closing while a print runs: stop the print first (its thread ends with it)."""
        if watched is self.window and event.type() == QEvent.Type.Close and self.job is not None:
            self.job.cancel_now()
        return False

    def _progressed(self, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress.setRange(0, total)
            self._progress.setLabelText(
                self.tr("Printing page {done} of {total}…").format(done=min(done + 1, total), total=total)
            )
            self._progress.setValue(done)

    def _printed(self, pages: int) -> None:
        self._job_over()
        where = self.printer.outputFileName()
        if where:
            text = self.tr("Printed {n} page(s) to “{name}”.").format(n=pages, name=Path(where).name)
        else:
            text = self.tr("Sent {n} page(s) to the printer.").format(n=pages)
        if self._choice.include_private and self._choice.what != DRAFT:
            text += " " + self.tr("They include your private notes: keep them to yourself.")
        self.window.statusBar().showMessage(text, 12000)

    def _print_failed(self, message: str) -> None:
        self._job_over()
        messages.show_error(self.window, self.tr("Could not print"), message)

    def _print_cancelled(self) -> None:
        self._job_over()
        self.window.statusBar().showMessage(self.tr("Printing cancelled."), 8000)

    def _job_over(self) -> None:
        self.window.removeEventFilter(self)
        job = self.job
        self.job = None
        if job is not None:
            job.deleteLater()
        self._close_progress()
        self.update_action()

    # ----- progress -----------------------------------------------------------------------------
    def _show_progress(self, label: str) -> None:
        if self._progress is None:
            self._progress = progress_dialog(
                self.window,
                self.tr("Printing"),
                label,
                self.tr("Cancel"),
                self._cancel_preparing,
                delay_ms=PROGRESS_DELAY_MS,
            )
            self._progress.setMinimumWidth(380)
        self._progress.setLabelText(label)
        self._progress.setValue(0)

    def _close_progress(self) -> None:
        if self._progress is not None:
            close_progress(self._progress, self._cancel_preparing)
            self._progress = None


def _ask_choice(dialog: PrintChoiceDialog) -> PrintChoice | None:
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


def install_printing(window: Any) -> Printing:
    printing = Printing(window)
    window.window_actions.print_draft.triggered.connect(printing.print_requested)
    printing.update_action()
    return printing
