"""Putting a text document on a printer: a Word or text draft as the reader shows it.

The document (a copy of the reader's) is laid out for the printer's paper by Qt's text layout, with
2 cm margins, and printed a page per turn of the event loop with "Page n of N" at the foot of each.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QGuiApplication,
    QPainter,
    QTextDocument,
    QTextFrameFormat,
)
from PySide6.QtPrintSupport import QPrinter

from panelreview.ui.dialogs.print_jobs import PrintJob, pages_to_print

TEXT_MARGIN_CM = 2.0


class TextPrintJob(PrintJob):
    """Prints a text document laid out for the printer's paper, with page numbers."""

    def __init__(self, printer: QPrinter, document: QTextDocument, parent: QObject | None = None) -> None:
        super().__init__(printer, parent)
        self.document = document  # a copy the job may lay out for the printer
        document.setParent(self)
        self._pages: list[int] = []
        self._next = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._print_next)

    def start(self) -> None:
        count = lay_out_for(self.document, self.printer)
        self._pages = pages_to_print(self.printer, count)
        if not self._pages:
            self._fail(
                QCoreApplication.translate(
                    "PrintJob", "The pages chosen are not in this document (it has {n} pages)."
                ).format(n=count)
            )
            return
        if not self._begin():
            return
        self.progressed.emit(0, len(self._pages))
        self._timer.start()

    def _print_next(self) -> None:
        if self.done or self._check_cancel():
            return
        if self._next > 0 and not self._page_break():
            return
        assert self.painter is not None
        page = self._pages[self._next]
        paint_text_page(self.painter, self.document, page, self.printer)
        self._next += 1
        self.progressed.emit(self._next, len(self._pages))
        if self._next == len(self._pages):
            self._finish(self._next)
        else:
            self._timer.start()

    def _close(self) -> None:
        self._timer.stop()


def lay_out_for(document: QTextDocument, printer: QPrinter) -> int:
    """Lay ``document`` out on the printer's pages (margins of 2 cm); returns how many pages."""
    document.documentLayout().setPaintDevice(printer)
    # Qt's layout takes lengths such as margins in screen pixels and scales them to the printer's
    # resolution itself (as QTextDocument.print_ does); page sizes are in the printer's own pixels.
    document.setDocumentMargin(TEXT_MARGIN_CM / 2.54 * _layout_dpi())
    frame = document.rootFrame().frameFormat()
    frame.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_None)
    document.rootFrame().setFrameFormat(frame)
    document.setPageSize(printer.pageRect(QPrinter.Unit.DevicePixel).size())
    return max(1, document.pageCount())


def _layout_dpi() -> float:
    """The resolution Qt's text layout counts its lengths in: the screen's (96 on most)."""
    if QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_Use96Dpi):
        return 96.0
    screen = QGuiApplication.primaryScreen()
    return float(round(screen.logicalDotsPerInchY())) if screen is not None else 96.0


def page_count_for(document: QTextDocument, printer: QPrinter) -> int:
    """How many pages ``document`` would take on the printer's paper (laid out on a copy)."""
    copy = document.clone()
    try:
        return lay_out_for(copy, printer)
    finally:
        copy.deleteLater()


def _footer_font(document: QTextDocument) -> QFont:
    font = QFont(document.defaultFont())
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
    return font


def paint_text_page(painter: QPainter, document: QTextDocument, page: int, printer: QPrinter) -> None:
    size = document.pageSize()
    painter.save()
    painter.translate(0, -page * size.height())
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = QRectF(0, page * size.height(), size.width(), size.height())
    painter.setClipRect(context.clip)
    document.documentLayout().draw(painter, context)
    painter.restore()
    painter.save()
    painter.setFont(_footer_font(document))
    margin = TEXT_MARGIN_CM / 2.54 * printer.resolution()
    foot = QRectF(margin, size.height() - margin * 0.75, size.width() - 2 * margin, margin / 2)
    text = QCoreApplication.translate("PrintJob", "Page {page} of {count}")
    painter.drawText(
        foot,
        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
        text.format(page=page + 1, count=document.pageCount()),
    )
    painter.restore()
