"""``panelreview outline --json`` on the 307-page sample against a bare PyMuPDF script.

Both run as whole processes, alternated, in one run; prints the medians and their ratio.
Usage: python bench/bench_outline.py [PDF] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PDF = ROOT.parent / "shared" / "samples" / "westshire-plan-big.pdf"
BARE = "import sys, pymupdf\ndoc = pymupdf.open(sys.argv[1])\nfor page in doc:\n    page.get_text()\n"


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pdf", nargs="?", default=str(DEFAULT_PDF))
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    ours_cmd = [sys.executable, "-m", "panelreview", "outline", "--json", args.pdf]
    bare_cmd = [sys.executable, "-c", BARE, args.pdf]
    timed(ours_cmd), timed(bare_cmd)  # warm the file cache
    ours: list[float] = []
    bare: list[float] = []
    for _ in range(args.runs):
        ours.append(timed(ours_cmd))
        bare.append(timed(bare_cmd))
    m_ours, m_bare = statistics.median(ours), statistics.median(bare)
    print(f"file: {args.pdf}")
    print(f"runs: {args.runs} each, alternated")
    print(f"panelreview outline --json: median {m_ours:.3f} s (min {min(ours):.3f})")
    print(f"bare PyMuPDF get_text():    median {m_bare:.3f} s (min {min(bare):.3f})")
    print(f"ratio: {m_ours / m_bare:.2f} (target <= 1.5, and under 3 s)")


if __name__ == "__main__":
    main()
