"""Measure how long a PanelReview build takes from launch to its main window being shown.

    python packaging/measure_start.py dist/PanelReview/panelreview [--runs 5] [--drop-caches]

Each run starts ``<program> --smoke-test`` and times the moment it prints "window shown" (the main
window is exposed, offscreen). The first run after ``--drop-caches`` (root only: it empties the
kernel's page cache, so every library is read from disk again) is a true cold start; the others are
warm starts. Prints one JSON object. Standard library only, so any Python can run it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n", encoding="ascii")
    except OSError:
        return False
    return True


def one_start(program: list[str]) -> tuple[float, float, int]:
    """Seconds to "window shown", seconds to exit, and the exit code of one smoke-test run."""
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        process = subprocess.Popen(
            [*program, "--smoke-test"],
            cwd=folder,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=dict(os.environ, TMPDIR=folder),
        )
        shown = float("nan")
        assert process.stdout is not None
        for line in process.stdout:
            if "window shown" in line and shown != shown:
                shown = time.perf_counter() - started
        code = process.wait()
        return shown, time.perf_counter() - started, code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("program", nargs="+", help="the program to start, e.g. dist/PanelReview/panelreview")
    parser.add_argument("--runs", type=int, default=5, help="warm starts after the first (default 5)")
    parser.add_argument("--drop-caches", action="store_true", help="empty the page cache first (root)")
    args = parser.parse_args()
    program = [str(Path(args.program[0]).resolve()) if os.sep in args.program[0] else args.program[0]]
    program += args.program[1:]  # each run starts in its own temporary folder
    args.program = program
    dropped = drop_caches() if args.drop_caches else False
    first = one_start(args.program)
    warm = [one_start(args.program) for _ in range(args.runs)]
    failures = [code for _, _, code in [first, *warm] if code != 0]
    result = {
        "program": " ".join(args.program),
        "page_cache_dropped": dropped,
        "first_start_to_window_s": round(first[0], 3),
        "first_smoke_test_total_s": round(first[1], 3),
        "warm_start_to_window_median_s": round(statistics.median(w[0] for w in warm), 3) if warm else None,
        "warm_start_to_window_all_s": [round(w[0], 3) for w in warm],
        "failed_runs": len(failures),
    }
    print(json.dumps(result, indent=2))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
