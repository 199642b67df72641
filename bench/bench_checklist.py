"""Benchmark the statutory checklist and the measures on the 307-page sample, beside reading it.

In one process, alternated ``--runs`` times after a warm-up: reading ``westshire-plan-big.pdf``
into the document model (what opening a draft costs), running the checklist over it (target
<= 0.5 s), and finding the measurable commitments. The checklist's patterns are compiled once per
checklist, as in the application; the first run (which compiles them) is shown apart.

    .venv/bin/python bench/bench_checklist.py [--runs 11] [--draft PATH]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from panelreview.core.checklist import run_checklist
from panelreview.core.measures import find_measures
from panelreview.ingest import read_document_bytes
from panelreview.resources import load_checklist

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "samples" / "westshire-plan-big.pdf"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--draft", type=Path, default=DEFAULT)
    args = parser.parse_args()
    if not args.draft.exists():
        print(f"{args.draft} is missing (the shared samples sit beside the checkout)", file=sys.stderr)
        return 2
    data = args.draft.read_bytes()
    checklist = load_checklist()
    start = time.perf_counter()
    document = read_document_bytes(data, args.draft.name)
    first_read = time.perf_counter() - start
    start = time.perf_counter()
    run_checklist(document, checklist)
    first_check = time.perf_counter() - start
    reads, checks, measures = [], [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        document = read_document_bytes(data, args.draft.name)
        reads.append(time.perf_counter() - start)
        start = time.perf_counter()
        result = run_checklist(document, checklist)
        checks.append(time.perf_counter() - start)
        start = time.perf_counter()
        found = find_measures(document)
        measures.append(time.perf_counter() - start)
    read, check, measure = (statistics.median(x) for x in (reads, checks, measures))
    print(f"draft: {args.draft.name}, {len(document.blocks)} blocks, {len(document.sections)} sections")
    print(f"first run: read {first_read:.3f} s, checklist {first_check:.3f} s (compiles its patterns)")
    pad = " " * 17
    print(f"median of {args.runs}: read the draft {read:.3f} s")
    print(f"{pad}checklist     {check:.3f} s  (ratio to reading {check / read:.2f}; target <= 0.5 s)")
    print(f"{pad}measures      {measure:.3f} s  (ratio to reading {measure / read:.2f})")
    found_items = sum(i.found for i in result.items)
    print(f"checklist: {found_items} of {len(result.items)} items found; {found.summary}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
