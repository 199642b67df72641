"""Desktop reading (issue 4): first page on screen, rendering a page, memory after scrolling a long PDF.

1. Launch: ``python -m panelreview PDF`` as a whole process until the PDF view paints its first page
   image (the view prints a marker on stderr when PANELREVIEW_BENCH is set), beside a bare
   ``python -c`` that opens the PDF with PyMuPDF and renders page 0, and a bare PySide6 window that
   shows that page; alternated, medians.
2. Rendering a page: DocumentWorker's ``render_page`` (PyMuPDF pixmap -> QImage we own) against a
   bare ``get_pixmap`` of the same page at the same zoom, alternated in one process; and the round
   trip through the document thread (request -> image on the GUI thread).
3. Memory: peak RSS of a process that opens the PDF in a real PdfView and scrolls through every page,
   waiting for each screenful to be drawn (run in a child process).

Runs offscreen unless QT_QPA_PLATFORM says otherwise (e.g. under ``xvfb-run`` with
QT_QPA_PLATFORM=xcb). Usage: python bench/bench_gui.py [PDF] [--runs N] [--python EXE]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PDF = ROOT.parent / "shared" / "samples" / "westshire-plan-big.pdf"
MARKER = "PANELREVIEW_BENCH first-page-drawn"
LAUNCH_TIMEOUT_S = 30.0
VIEW_WIDTH, VIEW_HEIGHT = 1000, 800

BARE_RENDER = """
import sys, pymupdf
doc = pymupdf.open(sys.argv[1])
page = doc[0]
scale = float(sys.argv[2]) / page.rect.width
page.get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
print("PANELREVIEW_BENCH first-page-drawn", file=sys.stderr, flush=True)
"""

BARE_QT = """
import sys, pymupdf
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
doc = pymupdf.open(sys.argv[1])
page = doc[0]
scale = float(sys.argv[2]) / page.rect.width
pix = page.get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
image = QImage(pix.samples, pix.width, pix.height, pix.stride, QImage.Format.Format_RGB888).copy()
class Shown(QLabel):
    def paintEvent(self, event):
        super().paintEvent(event)
        print("PANELREVIEW_BENCH first-page-drawn", file=sys.stderr, flush=True)
label = Shown()
label.setPixmap(QPixmap.fromImage(image))
label.show()
app.exec()
"""


def _env(home: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PANELREVIEW_BENCH"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    # Settings and the log go to a throwaway folder, never the member's own.
    env["XDG_CONFIG_HOME"] = str(Path(home) / "config")
    env["XDG_DATA_HOME"] = str(Path(home) / "data")
    env["XDG_CACHE_HOME"] = str(Path(home) / "cache")
    return env


def time_to_marker(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from starting ``cmd`` to the marker on its stderr; the process is then ended."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if MARKER in line:
                return time.perf_counter() - start
            if time.perf_counter() - start > LAUNCH_TIMEOUT_S:
                break
        raise RuntimeError(f"no first page from {cmd[:3]} (exit code {proc.poll()})")
    finally:
        proc.kill()
        proc.wait()


def bench_launch(python: str, pdf: str, runs: int) -> None:
    width = str(VIEW_WIDTH)
    with tempfile.TemporaryDirectory() as home:
        env = _env(home)
        commands = {
            "panelreview PDF (first page painted)": [python, "-m", "panelreview", pdf],
            "bare PyMuPDF: open + render page 0": [python, "-c", BARE_RENDER, pdf, width],
            "bare PySide6 window showing page 0": [python, "-c", BARE_QT, pdf, width],
        }
        for cmd in commands.values():
            time_to_marker(cmd, env)  # warm the file cache and the imports
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, cmd in commands.items():
                times[name].append(time_to_marker(cmd, env))
    print(f"\n1. Launch to first page drawn ({runs} runs each, alternated; median, min)")
    for name, values in times.items():
        print(f"   {name:40s} {statistics.median(values):6.3f} s  (min {min(values):.3f})")
    ours = statistics.median(times["panelreview PDF (first page painted)"])
    print(f"   target: <= 1 s -> {'met' if ours <= 1.0 else 'NOT met'}")


def bench_render(pdf_path: str, pages: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import pymupdf
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from panelreview.ui.reader.document_worker import DocumentService, render_page

    app = QApplication.instance() or QApplication([])
    pdf = pymupdf.open(pdf_path)
    chosen = [round(i * (pdf.page_count - 1) / (pages - 1)) for i in range(pages)]
    print(f"\n2. Rendering a page ({len(chosen)} pages spread over the draft, alternated; median per page)")
    for label, width in (
        ("fit width, 1x screen", VIEW_WIDTH - 28),
        ("fit width, 2x (high-DPI)", 2 * (VIEW_WIDTH - 28)),
    ):
        scale = width / pdf[0].rect.width
        for page in chosen[:2]:
            render_page(pdf, page, scale)
        ours: list[float] = []
        bare: list[float] = []
        for page in chosen:
            t0 = time.perf_counter()
            pdf[page].get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
            t1 = time.perf_counter()
            render_page(pdf, page, scale)
            t2 = time.perf_counter()
            bare.append(t1 - t0)
            ours.append(t2 - t1)
        m_ours, m_bare = statistics.median(ours), statistics.median(bare)
        print(
            f"   {label:26s} scale {scale:.2f}: render_page {m_ours * 1000:6.1f} ms, "
            f"bare get_pixmap {m_bare * 1000:6.1f} ms, ratio {m_ours / m_bare:.2f} (target <= 1.3)"
        )
    # The round trip through the document thread, as the view asks for a page.
    service = DocumentService()
    token_box: list[int] = []
    loop = QEventLoop()
    service.loaded.connect(lambda draft: (token_box.append(draft.token), loop.quit()))
    service.load(Path(pdf_path))
    loop.exec()
    token = token_box[0]
    scale = (VIEW_WIDTH - 28) / pdf[0].rect.width
    trips: list[float] = []
    bare_trip: list[float] = []
    for page in chosen:
        done = QEventLoop()
        service.page_rendered.connect(done.quit)
        t0 = time.perf_counter()
        service.render(token, page, scale)
        QTimer.singleShot(5000, done.quit)
        done.exec()
        trips.append(time.perf_counter() - t0)
        service.page_rendered.disconnect(done.quit)
        t1 = time.perf_counter()
        pdf[page].get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
        bare_trip.append(time.perf_counter() - t1)
    service.close_document(token)
    service.stop()
    m_trip, m_bare = statistics.median(trips), statistics.median(bare_trip)
    print(
        f"   through the document thread (request -> QImage on the GUI thread): {m_trip * 1000:.1f} ms, "
        f"bare {m_bare * 1000:.1f} ms, ratio {m_trip / m_bare:.2f}"
    )
    del app


def scroll_child(pdf_path: str) -> None:
    """Open the PDF in a real PdfView and scroll through every page; print time and peak RSS."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from panelreview.ui.reader.document_worker import DocumentService
    from panelreview.ui.reader.pdf_view import PdfView

    app = QApplication([])
    service = DocumentService()
    view = PdfView(service)
    view.resize(VIEW_WIDTH, VIEW_HEIGHT)
    view.show()
    service.pages_ready.connect(view.set_pages)
    loaded: list[object] = []
    loop = QEventLoop()

    def on_loaded(draft: object) -> None:
        loaded.append(draft)
        view.set_pages(draft.token, draft.page_sizes, draft.page_labels)  # type: ignore[attr-defined]
        view.set_document(draft.document)  # type: ignore[attr-defined]
        loop.quit()

    service.loaded.connect(on_loaded)
    service.load(Path(pdf_path))
    loop.exec()
    after_open = _rss_mb()
    bar = view.verticalScrollBar()
    start = time.perf_counter()
    steps = 0
    while True:
        wait = QEventLoop()
        timer = QTimer()
        timer.setInterval(10)

        def check(w: QEventLoop = wait) -> None:
            scale = view.render_scale()
            if all(view.cache.get(p, scale) is not None for p in view.visible_pages()):
                w.quit()

        timer.timeout.connect(check)
        timer.start()
        QTimer.singleShot(5000, wait.quit)
        wait.exec()
        timer.stop()
        steps += 1
        if bar.value() >= bar.maximum():
            break
        bar.setValue(bar.value() + view.viewport().height())
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pages {view.page_count} steps {steps} seconds {elapsed:.2f}")
    print(f"rss_after_open_mb {after_open:.0f} rss_now_mb {_rss_mb():.0f} peak_rss_mb {peak:.0f}")
    print(f"cache_mb {view.cache.size_bytes / 1e6:.0f} cached_pages {len(view.cache)}")
    _notes_child(view, loaded[0])
    view.clear()
    service.stop()
    del app


def _notes_child(view: object, draft: object) -> None:
    """500 notes over the draft (a dozen on the page in view): setting them, and repainting."""
    from PySide6.QtCore import QEventLoop, QTimer

    from panelreview.core.anchor import anchor_span
    from panelreview.core.model import full_text
    from panelreview.core.review import Kind
    from panelreview.ui.reader.selection import HighlightItem

    document = draft.document  # type: ignore[attr-defined]
    _, starts = full_text(document.blocks)
    page = 150
    on_page = [b for b in document.blocks if b.page == page and len(b.text) > 30]
    elsewhere = [b for b in document.blocks if b.page != page and len(b.text) > 30]
    chosen = on_page[:12] + elsewhere[:: max(1, len(elsewhere) // (500 - len(on_page[:12])))]
    kinds = [*Kind, None]
    items = [
        HighlightItem(
            f"n{n}", kinds[n % 6], anchor_span(document, starts[b.index], starts[b.index] + 25), "note"
        )
        for n, b in enumerate(chosen[:500])
    ]
    view.go_to_page(page)  # type: ignore[attr-defined]
    wait = QEventLoop()
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(
        lambda: (
            wait.quit()
            if view.words.page(page) is not None and view.cached_image(page) is not None  # type: ignore[attr-defined]
            else None
        )
    )
    timer.start()
    QTimer.singleShot(5000, wait.quit)
    wait.exec()
    timer.stop()
    t0 = time.perf_counter()
    view.set_highlights(items)  # type: ignore[attr-defined]
    set_ms = (time.perf_counter() - t0) * 1000

    def paint_ms() -> float:
        times = []
        for _ in range(15):
            t = time.perf_counter()
            view.viewport().grab()  # type: ignore[attr-defined]
            times.append(time.perf_counter() - t)
        return statistics.median(times) * 1000

    with_notes = paint_ms()
    drawn = len(view.highlights.on_page(page))  # type: ignore[attr-defined]
    view.set_highlights([])  # type: ignore[attr-defined]
    without = paint_ms()
    print(f"notes {len(items)} on_page {drawn} set_highlights_ms {set_ms:.1f}")
    print(f"repaint_view_ms with_notes {with_notes:.2f} without {without:.2f}")


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def bench_memory(python: str, pdf: str) -> None:
    print("\n3. Memory: open the PDF in a PdfView and scroll through every page (child process)")
    with tempfile.TemporaryDirectory() as home:
        proc = subprocess.run(
            [python, __file__, pdf, "--scroll-child"],
            env=_env(home),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    for line in proc.stdout.splitlines():
        print("   " + line)
    if proc.returncode != 0:
        print(f"   child FAILED with exit code {proc.returncode}: {proc.stderr.strip().splitlines()[-3:]}")
    else:
        peak = next((float(w.split()[-1]) for w in proc.stdout.split("\n") if "peak_rss_mb" in w), 0.0)
        print(f"   target: peak <= 400 MB -> {'met' if peak <= 400 else 'NOT met'}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("pdf", nargs="?", default=str(DEFAULT_PDF))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pages", type=int, default=25, help="pages rendered in part 2")
    parser.add_argument("--python", default=sys.executable, help="interpreter for the child processes")
    parser.add_argument("--only", choices=["launch", "render", "memory"])
    parser.add_argument("--scroll-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scroll_child:
        scroll_child(args.pdf)
        return
    print(f"file: {args.pdf}")
    print(f"python: {args.python}; QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'offscreen')}")
    if args.only in (None, "launch"):
        bench_launch(args.python, args.pdf, args.runs)
    if args.only in (None, "render"):
        bench_render(args.pdf, args.pages)
    if args.only in (None, "memory"):
        bench_memory(args.python, args.pdf)


if __name__ == "__main__":
    main()
