"""How long the window's event loop waits at most while a 300-page draft opens, while its review is
made, and how long a search takes on the window's thread (issue 16: the tests check the behaviour
without a clock; the timings live here).

Side by side in one process, alternated, medians of ``--runs``:

1. Opening the 307-page sample PDF through the main window (the same entry point as File › Open)
   until its review is made (the draft copied into the review file, in the background): the
   longest gap between ticks of a 5 ms timer, against the longest gap of the same timer over an
   idle loop for as long as that took (the baseline: what the machine's scheduler alone costs).
2. Find in a review of that draft: ``search_now`` for a common word (index query plus filling the
   list), against the bare ``Review.search`` query it runs.

Runs offscreen unless QT_QPA_PLATFORM says otherwise. Usage: python bench/bench_responsiveness.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIG = ROOT.parent / "shared" / "samples" / "westshire-plan-big.pdf"
TICK_MS = 5
LIMIT_S = 120.0


class Ticker:
    """The longest gap between ticks of a fast timer while ``until()`` is false."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.last = 0.0
        self.worst = 0.0
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def run(self, until: object, start: object = None) -> tuple[float, float]:
        """(longest gap, duration) while the loop runs until ``until()`` is true."""
        self.worst = 0.0
        self.last = began = time.perf_counter()
        self.timer.start()
        if callable(start):
            start()
        while not until():  # type: ignore[operator]
            self.app.processEvents()
            time.sleep(0.001)
            if time.perf_counter() - began > LIMIT_S:
                raise SystemExit("gave up waiting")
        self.timer.stop()
        self._tick()
        return self.worst, time.perf_counter() - began


def _one_run(app: QApplication, ticker: Ticker, folder: Path, rows: dict[str, list[float]]) -> None:
    from panelreview.app import create_main_window
    from panelreview.core.review import Role
    from panelreview.ui.dialogs.review_setup import Setup, save_setup

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    (folder / "reviews").mkdir()
    save_setup(Setup("Cllr Bench", Role.MEMBER, folder / "reviews"))
    window = create_main_window()
    window.resize(1100, 800)
    window.show()
    # opening the draft, then (in the background) making its review
    gap, took = ticker.run(lambda: window.session is not None, lambda: window.open_path(BIG))
    rows["open"].append(gap)
    rows["open-idle"].append(ticker.run(_after(took))[0])
    session = window.session
    assert session is not None
    panel = window.find_panel
    panel.start()
    panel.edit.setText("victims")
    panel.search_now()  # the first search builds the review's search index: not measured here
    calls = {"search": panel.search_now, "query": lambda: session.review.search("victims", limit=200)}
    for _ in range(5):
        for key, call in calls.items():
            began = time.perf_counter()
            call()
            rows[key].append(time.perf_counter() - began)
    window.close()
    window.deleteLater()
    app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not BIG.exists():
        raise SystemExit(f"{BIG} is missing")
    app = QApplication.instance() or QApplication([])
    from panelreview.app import configure_application

    configure_application(app)  # type: ignore[arg-type]
    ticker = Ticker(app)  # type: ignore[arg-type]
    rows: dict[str, list[float]] = {k: [] for k in ("open", "open-idle", "search", "query")}
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            _one_run(app, ticker, Path(tmp), rows)  # type: ignore[arg-type]
    med = {k: statistics.median(v) for k, v in rows.items()}
    print(f"runs: {args.runs}; timer every {TICK_MS} ms; {BIG.name} (307 pages)")
    print(
        f"opening the PDF and making its review: longest event-loop wait {med['open'] * 1000:.0f} ms "
        f"vs an idle loop {med['open-idle'] * 1000:.0f} ms (ratio {med['open'] / med['open-idle']:.1f})"
    )
    print(
        f"find 'victims' on the window's thread: {med['search'] * 1000:.1f} ms vs the bare query "
        f"{med['query'] * 1000:.1f} ms (ratio {med['search'] / med['query']:.1f})"
    )


def _after(seconds: float) -> object:
    end = time.perf_counter() + seconds
    return lambda: time.perf_counter() >= end


if __name__ == "__main__":
    main()
