"""Benchmark File › Print… on a long PDF draft: the 307-page Westshire draft printed to a PDF printer.

The print job (:class:`panelreview.ui.dialogs.print_jobs.PdfPrintJob`: each page drawn by PyMuPDF on
the job's own thread, painted by the GUI thread onto a ``QPrinter``) is timed beside a bare script
doing the same work on one thread with no event loop: ``get_pixmap`` at the same resolution, then
``QPainter.drawImage`` onto a ``QPrinter``. Alternated, in the same process, after a warm-up. Also
reported: the printout's size, and the process's peak memory (the job keeps at most two pages).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_print.py [--runs 3] [--dpi 300] [--pages 307]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pymupdf
from PySide6.QtCore import QEventLoop, QPointF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from panelreview.ui.dialogs.print_jobs import PdfPrintJob, paint_page

BIG = Path(__file__).resolve().parents[2] / "shared" / "samples" / "westshire-plan-big.pdf"


def _printer(out: Path, dpi: int) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setResolution(dpi)
    return printer


def ours(data: bytes, out: Path, dpi: int, pages: int) -> float:
    printer = _printer(out, dpi)
    if pages:
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(1, pages)
    job = PdfPrintJob(printer, data)
    loop = QEventLoop()
    outcome: list[object] = []
    job.finished.connect(lambda n: (outcome.append(n), loop.quit()))
    job.failed.connect(lambda m: (outcome.append(m), loop.quit()))
    start = time.perf_counter()
    job.start()
    loop.exec()
    elapsed = time.perf_counter() - start
    if not isinstance(outcome[0], int):
        raise SystemExit(f"printing failed: {outcome[0]}")
    job.deleteLater()
    return elapsed


def bare(data: bytes, out: Path, dpi: int, pages: int) -> float:
    start = time.perf_counter()
    printer = _printer(out, dpi)
    painter = QPainter(printer)
    area = QRectF(QPointF(0, 0), printer.pageRect(QPrinter.Unit.DevicePixel).size())
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        for n in range(pages or doc.page_count):
            if n:
                printer.newPage()
            page = doc[n]
            pix = page.get_pixmap(dpi=dpi, alpha=False)
            image = QImage(pix.samples_mv, pix.width, pix.height, pix.stride, QImage.Format.Format_RGB888)
            paint_page(painter, image, QSizeF(page.rect.width, page.rect.height), area)
    painter.end()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--pages", type=int, default=0, help="print only the first N pages (0: all)")
    args = parser.parse_args()
    if not BIG.exists():
        raise SystemExit(f"{BIG} is missing: the shared samples sit beside the checkout")
    app = QApplication.instance() or QApplication([])
    data = BIG.read_bytes()
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        count = args.pages or doc.page_count
    times: dict[str, list[float]] = {"ours": [], "bare": []}
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ours(data, folder / "warm.pdf", args.dpi, 3)
        for _ in range(args.runs):
            for name, run in (("ours", ours), ("bare", bare)):
                out = folder / f"{name}.pdf"
                times[name].append(run(data, out, args.dpi, args.pages))
                sizes[name] = out.stat().st_size
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    o, b = statistics.median(times["ours"]), statistics.median(times["bare"])
    print(f"{count} pages at {args.dpi} dpi, {args.runs} runs each, alternated (medians):")
    print(
        f"  print job (render thread + GUI painting): {o:.1f} s  ({count / o:.1f} pages/s)  {times['ours']}"
    )
    print(
        f"  bare (one thread, no event loop):         {b:.1f} s  ({count / b:.1f} pages/s)  {times['bare']}"
    )
    print(f"  ratio ours/bare: {o / b:.2f}")
    print(f"  printout: {sizes['ours'] / 1e6:.1f} MB ({sizes['ours'] / count / 1e3:.0f} kB a page)")
    print(f"  peak RSS of the process: {peak:.0f} MB")
    del app


if __name__ == "__main__":
    main()
