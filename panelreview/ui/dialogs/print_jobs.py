"""Putting a PDF's pages on a printer, one PDF page per sheet (a text document: :mod:`.print_text`).

The draft, the draft with notes and the notes list are PDFs. Each page is drawn by PyMuPDF at the
printer's resolution (at most ``MAX_DPI``, so a page is never more than about 35 MB in memory) and
painted onto the printer, fitted to the paper's printable area with its shape kept (turned a
quarter when a landscape page fits a portrait sheet much better that way).

PyMuPDF is used by one thread per document: each print job opens its own copy of the PDF on a
thread of its own (:class:`PageRenderer`), which draws one page at a time as the GUI thread asks;
the GUI thread paints the drawn page onto the printer (a ``QPainter`` on a printer belongs to the
thread that began it) while the next page is being drawn. At most two pages are in memory at once.
PyMuPDF keeps Python's GIL for the whole of each call, so MuPDF is never entered by two threads at
once (the document thread's reading view included), and the GUI thread waits while a page is drawn
(about 0.1 s at 300 dpi); what the thread buys is that Qt's painting of the page before, which
lets go of the GIL and is most of the work, goes on meanwhile (``bench/bench_print.py``: 0.81 of
the time of one thread doing both).

A job runs a page per turn of the event loop, so the progress dialog moves and Cancel works; a
cancelled job stops at the next page and tells the printer to drop what it was sent.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRectF, QSizeF, Qt, QThread, Signal, Slot
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

log = logging.getLogger(__name__)

MAX_DPI = 300  # enough for print; more only costs memory (an A4 page at 300 dpi is 35 MB)
MIN_DPI = 72
ROTATE_GAIN = 1.2  # turn a page a quarter when that makes it at least this much larger on the sheet
PRINT_PERMISSION = 4  # a PDF's "print the document" permission bit (PDF 32000-1, table 22; PDF_PERM_PRINT)


def pages_to_print(printer: QPrinter, count: int) -> list[int]:
    """The pages (0-based) the member chose in the Print dialog: a range such as "2-5, 9", or all."""
    every = list(range(count))
    if printer.printRange() is not QPrinter.PrintRange.PageRange:
        return every
    ranges = printer.pageRanges()
    if not ranges.isEmpty():
        return [n for n in every if ranges.contains(n + 1)]
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0:
        return every
    return [n for n in every if first <= n + 1 <= (last or count)]


def print_dpi(printer: QPrinter) -> int:
    return max(MIN_DPI, min(MAX_DPI, printer.resolution()))


@dataclass(frozen=True, slots=True)
class Placement:
    target: QRectF  # where on the sheet (device pixels) the page goes, once turned
    turned: bool  # a quarter turn anticlockwise (the page's top along the sheet's left edge, as
    # printers print landscape)


def place_page(page: QSizeF, area: QRectF) -> Placement:
    """Fit a page of ``page`` points into ``area``, keeping its shape, centred; turn it a quarter
    if that makes it markedly larger (a landscape table on portrait paper)."""

    def fitted(width: float, height: float) -> tuple[float, QRectF]:
        scale = min(area.width() / width, area.height() / height)
        w, h = width * scale, height * scale
        left = area.left() + (area.width() - w) / 2
        top = area.top() + (area.height() - h) / 2
        return scale, QRectF(left, top, w, h)

    width, height = max(page.width(), 1.0), max(page.height(), 1.0)
    upright_scale, upright = fitted(width, height)
    turned_scale, turned = fitted(height, width)
    if turned_scale >= upright_scale * ROTATE_GAIN:
        return Placement(turned, True)
    return Placement(upright, False)


def paint_page(painter: QPainter, image: QImage, page: QSizeF, area: QRectF) -> None:
    """Paint a drawn page (``image``, of a page ``page`` points in size) onto the sheet."""
    placement = place_page(page, area)
    target = placement.target
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    if placement.turned:
        # Turn about the target's centre; the upright page then fills the turned box.
        painter.translate(target.center())
        painter.rotate(-90)
        upright = QRectF(-target.height() / 2, -target.width() / 2, target.height(), target.width())
        painter.drawImage(upright, image)
    else:
        painter.drawImage(target, image)
    painter.restore()


def _writable_folder(folder: Path) -> bool:
    return folder.is_dir() and os.access(folder, os.W_OK)


class PageRenderer(QObject):
    """Lives on a print job's own thread and owns that job's PyMuPDF document."""

    opened = Signal(list)  # page sizes in points: [(width, height)]
    rendered = Signal(int, QImage)
    failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._doc: object | None = None

    @Slot(bytes, str)
    def open(self, data: bytes, password: str = "") -> None:
        import pymupdf

        try:
            doc = pymupdf.open(stream=data, filetype="pdf")
        except Exception:
            self.failed.emit("damaged")
            return
        # (needs_pass is read once: after authenticate() it would reset the key in this MuPDF)
        if doc.needs_pass and not (password and doc.authenticate(password)):
            doc.close()
            self.failed.emit("password")
            return
        if not doc.permissions & PRINT_PERMISSION:  # its maker's setting, as PDF readers honour it
            doc.close()
            self.failed.emit("not allowed")
            return
        self._doc = doc
        sizes = []
        for n in range(doc.page_count):
            try:
                rect = doc[n].rect
                sizes.append((float(rect.width), float(rect.height)))
            except Exception:
                sizes.append((595.0, 842.0))
        self.opened.emit(sizes)

    @Slot(int, int)
    def render(self, page: int, dpi: int) -> None:
        from panelreview.ui.reader.document_worker import render_page

        doc = self._doc
        if doc is None:
            return
        try:
            image = render_page(doc, page, dpi / 72.0)  # type: ignore[arg-type]
        except Exception:
            log.exception("Could not draw page %d for printing", page + 1)
            image = QImage()
        self.rendered.emit(page, image)

    @Slot()
    def close(self) -> None:
        doc = self._doc
        self._doc = None
        if doc is not None:
            doc.close()  # type: ignore[attr-defined]


class PrintJob(QObject):
    """One print run. Emits ``progressed`` per page, then exactly one of ``finished`` (pages
    printed), ``failed`` (a message for the member) or ``cancelled``."""

    progressed = Signal(int, int)  # pages printed, pages to print
    finished = Signal(int)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, printer: QPrinter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.printer = printer
        self.painter: QPainter | None = None
        self.done = False
        self._cancel_requested = False

    def cancel(self) -> None:
        """Stop at the next page (the member pressed Cancel)."""
        self._cancel_requested = True

    def cancel_now(self) -> None:
        """Stop at once, before the window closes: the printer drops what it was sent."""
        self._cancel_requested = True
        if not self.done:
            self._check_cancel()

    def _begin(self) -> bool:
        target = self.printer.outputFileName()
        if target and not _writable_folder(Path(target).parent):
            self._fail(
                QCoreApplication.translate(
                    "PrintJob", "“{name}” cannot be written in {folder}. Choose another folder and try again."
                ).format(name=Path(target).name, folder=Path(target).parent)
            )
            return False
        painter = QPainter()
        if not painter.begin(self.printer):
            self._fail(
                QCoreApplication.translate(
                    "PrintJob",
                    "The printer could not be started. Check that it is switched on and connected, "
                    "or choose another printer (or Print to File) and try again.",
                )
            )
            return False
        self.painter = painter
        return True

    def _page_break(self) -> bool:
        if not self.printer.newPage():
            self._fail(
                QCoreApplication.translate(
                    "PrintJob", "The printer stopped accepting pages. Check the printer and try again."
                )
            )
            return False
        return True

    def _end(self) -> None:
        if self.painter is not None and self.painter.isActive():
            self.painter.end()
        self.painter = None

    def _check_cancel(self) -> bool:
        if not self._cancel_requested:
            return False
        self.printer.abort()
        self._end()
        self._close()
        self.done = True
        self.cancelled.emit()
        return True

    def _fail(self, message: str) -> None:
        if self.painter is not None and self.painter.isActive():
            self.printer.abort()
        self._end()
        self._close()
        self.done = True
        self.failed.emit(message)

    def _finish(self, pages: int) -> None:
        self._end()
        self._close()
        self.done = True
        if self.printer.printerState() is QPrinter.PrinterState.Error:
            self.failed.emit(
                QCoreApplication.translate(
                    "PrintJob", "The printer reported an error. Check the printer and try again."
                )
            )
        else:
            self.finished.emit(pages)

    def _close(self) -> None:
        """Let go of what the job holds (overridden)."""


class PdfPrintJob(PrintJob):
    """Prints the pages of a PDF (given as bytes) that the Print dialog chose."""

    _open_requested = Signal(bytes, str)
    _render_requested = Signal(int, int)
    _close_requested = Signal()

    def __init__(
        self, printer: QPrinter, data: bytes, parent: QObject | None = None, *, password: str | None = None
    ) -> None:
        """``password``: the one the member typed to open a locked draft (kept in memory only)."""
        super().__init__(printer, parent)
        self._data = data
        self._password = password or ""
        self._sizes: list[tuple[float, float]] = []
        self._pages: list[int] = []
        self._next = 0  # index into _pages of the next page to paint
        self._dpi = print_dpi(printer)
        self._thread = QThread()
        self._thread.setObjectName("panelreview-print")
        self._renderer = PageRenderer()
        self._renderer.moveToThread(self._thread)
        self._thread.finished.connect(self._renderer.deleteLater)
        self._open_requested.connect(self._renderer.open)
        self._render_requested.connect(self._renderer.render)
        # Blocking: the document is closed on its own thread before the thread ends.
        self._close_requested.connect(self._renderer.close, Qt.ConnectionType.BlockingQueuedConnection)
        self._renderer.opened.connect(self._on_opened)
        self._renderer.rendered.connect(self._on_rendered)
        self._renderer.failed.connect(self._on_open_failed)

    def start(self) -> None:
        self._thread.start()
        self._open_requested.emit(self._data, self._password)
        self._data, self._password = b"", ""

    def _on_open_failed(self, reason: str) -> None:
        if reason == "password":
            self._fail(
                QCoreApplication.translate(
                    "PrintJob",
                    "This draft is password-protected, so PanelReview cannot print it. Print it from "
                    "the program you normally open it with, or print your notes list instead.",
                )
            )
        elif reason == "not allowed":
            self._fail(
                QCoreApplication.translate(
                    "PrintJob",
                    "Whoever made this PDF has set it so that it cannot be printed. Print your notes "
                    "list instead, or ask for a copy of the draft that can be printed.",
                )
            )
        else:
            self._fail(
                QCoreApplication.translate(
                    "PrintJob",
                    "The draft kept in this review could not be read as a PDF, so it cannot be printed.",
                )
            )

    def _on_opened(self, sizes: list[tuple[float, float]]) -> None:
        if self.done or self._check_cancel():
            return
        self._sizes = sizes
        self._pages = pages_to_print(self.printer, len(sizes))
        if not self._pages:
            self._fail(
                QCoreApplication.translate(
                    "PrintJob", "The pages chosen are not in this document (it has {n} pages)."
                ).format(n=len(sizes))
            )
            return
        if not self._begin():
            return
        self.progressed.emit(0, len(self._pages))
        self._render_requested.emit(self._pages[0], self._dpi)

    def _on_rendered(self, page: int, image: QImage) -> None:
        if self.done or self._check_cancel():
            return
        if image.isNull():
            self._fail(
                QCoreApplication.translate(
                    "PrintJob",
                    "Page {page} could not be drawn for printing. The details are in the log file.",
                ).format(page=page + 1)
            )
            return
        if self._next + 1 < len(self._pages):  # drawn while this one is painted
            self._render_requested.emit(self._pages[self._next + 1], self._dpi)
        if self._next > 0 and not self._page_break():
            return
        assert self.painter is not None
        width, height = self._sizes[page]
        area = QRectF(QPointF(0, 0), self.printer.pageRect(QPrinter.Unit.DevicePixel).size())
        paint_page(self.painter, image, QSizeF(width, height), area)
        self._next += 1
        self.progressed.emit(self._next, len(self._pages))
        if self._next == len(self._pages):
            self._finish(self._next)

    def _close(self) -> None:
        if self._thread.isRunning():
            self._close_requested.emit()
            self._thread.quit()
            self._thread.wait()
