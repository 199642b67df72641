"""What the Pages panel costs the reading view (issue 17): opening the 307-page sample PDF and scrolling it,
with the panel behind the Outline's tab (nothing drawn for it: the first-run default) and with it in
front (its thumbnails drawn as the member scrolls), alternated in one process, medians of ``--runs``.

Each run builds a fresh main window (1366x768, offscreen unless QT_QPA_PLATFORM says otherwise) with its
own settings and review folder, opens the PDF through the same entry point as File › Open, and times:

1. open -> the first page drawn in the view, and open -> the draft read (``opened``);
2. once the review is made: scrolling through ``--screens`` screenfuls of the draft, each waited for
   until every page in view is drawn (the reading view's own images); with the panel in front, the
   panel follows the page being read and asks for its thumbnails meanwhile;
3. with the panel in front, how long after the last scroll its visible thumbnails are all drawn.

Usage: python bench/bench_pages_panel.py [--runs N] [--screens N] [PDF]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIG = ROOT.parent / "shared" / "samples" / "westshire-plan-big.pdf"
LIMIT_S = 120.0


def wait(app: QApplication, until: Callable[[], bool]) -> float:
    began = time.perf_counter()
    while not until():
        app.processEvents()
        time.sleep(0.0005)
        if time.perf_counter() - began > LIMIT_S:
            raise SystemExit("gave up waiting")
    return time.perf_counter() - began


def one_run(
    app: QApplication, pdf: Path, panel_in_front: bool, screens: int, folder: Path
) -> dict[str, float]:
    from panelreview.app import create_main_window
    from panelreview.core.review import Role
    from panelreview.ui.dialogs.review_setup import Setup, save_setup

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    (folder / "reviews").mkdir()
    save_setup(Setup("Cllr Bench", Role.MEMBER, folder / "reviews"))
    window = create_main_window()
    window.resize(1366, 768)
    window.show()
    wait(app, window.isVisible)
    view, panel = window.pdf_view, window.pages
    if panel_in_front:
        window.opener.opened.connect(lambda _draft: panel.raise_())  # after the window shows the docks
    opened: list[object] = []
    window.opener.opened.connect(opened.append)
    figures: dict[str, float] = {}
    began = time.perf_counter()
    window.open_path(pdf)
    wait(app, lambda: view.page_count > 0 and view.cache.get_any(0, view.render_scale()) is not None)
    figures["first page drawn"] = time.perf_counter() - began
    wait(app, lambda: bool(opened))
    figures["draft read"] = time.perf_counter() - began
    wait(app, lambda: window.session is not None)
    assert bool(panel.visible_pages()) == panel_in_front

    def screen_drawn() -> bool:
        scale = view.render_scale()
        return all(view.cache.get(p, scale) is not None for p in view.visible_pages())

    bar = view.verticalScrollBar()
    step = view.viewport().height()
    began = time.perf_counter()
    for n in range(1, screens + 1):
        bar.setValue(min(bar.maximum(), n * step))
        wait(app, screen_drawn)
    figures["scroll"] = time.perf_counter() - began
    if panel_in_front:
        model = panel.model
        ratio = panel.delegate.device_pixel_ratio
        figures["thumbnails after"] = wait(
            app,
            lambda: all(model.image(p, model.scale_for(p, ratio)) is not None for p in panel.visible_pages()),
        )
        figures["thumbnails asked"] = float(len(model.images))
    window.close()
    window.deleteLater()
    app.processEvents()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=BIG)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--screens", type=int, default=60)
    args = parser.parse_args()
    if not args.pdf.is_file():
        raise SystemExit(f"{args.pdf} is missing")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    from panelreview.app import configure_application

    configure_application(app)
    rows: dict[bool, list[dict[str, float]]] = {False: [], True: []}
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.runs + 1):  # the first pair warms up and is not counted
            for in_front in (n % 2 == 0, n % 2 != 0):
                folder = Path(tmp) / f"run{n}-{int(in_front)}"
                folder.mkdir()
                figures = one_run(app, args.pdf, in_front, args.screens, folder)
                if n:
                    rows[in_front].append(figures)
    print(f"{args.pdf.name}, {args.runs} runs, {args.screens} screenfuls of 1366x768 scrolled (medians)")
    print(f"{'measure':<28}{'panel behind':>14}{'panel in front':>16}{'ratio':>8}")
    for key in ("first page drawn", "draft read", "scroll"):
        behind = statistics.median(r[key] for r in rows[False])
        front = statistics.median(r[key] for r in rows[True])
        print(f"{key:<28}{behind:>13.3f}s{front:>15.3f}s{front / behind:>8.2f}")
    after = statistics.median(r["thumbnails after"] for r in rows[True])
    kept = statistics.median(r["thumbnails asked"] for r in rows[True])
    print(f"{'thumbnails on screen drawn':<28}{'':>14}{after * 1000:>14.1f}ms  (after the last scroll)")
    print(f"{'thumbnails kept (of 307)':<28}{'':>14}{kept:>15.0f}")


if __name__ == "__main__":
    main()
