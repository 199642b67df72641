"""Accuracy of carrying notes between the Westshire drafts, against the samples' map of every section.

A note on every outline entry of the old draft as a whole, and one on a quoted passage of its own
text (or its heading), is carried to the new draft; it is *placed right* when it lands on the entry
``westshire-v1-to-v2-map.json`` names (for the removed outcome 2.3: when it is orphaned). Pairs:
v1 -> v2 as PDF, as Word and Word -> PDF, and the two formats of v1 both ways. Also the time taken.

    .venv/bin/python bench/bench_westshire_carry.py [--samples PATH]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from panelreview.core.outline_align import DraftIndex
from panelreview.core.reanchor import Carrier
from panelreview.ingest import read_document_bytes
from tests.versions.westshire_notes import expected_targets, notes_on_every_section, score

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
PAIRS = (
    ("westshire-plan-v1.pdf", "westshire-plan-v2.pdf"),
    ("westshire-plan-v1.docx", "westshire-plan-v2.docx"),
    ("westshire-plan-v1.docx", "westshire-plan-v2.pdf"),
    ("westshire-plan-v1.docx", "westshire-plan-v1.pdf"),
    ("westshire-plan-v1.pdf", "westshire-plan-v1.docx"),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    args = parser.parse_args()
    if not (args.samples / "westshire-v1-to-v2-map.json").exists():
        print(f"{args.samples} has no Westshire samples", file=sys.stderr)
        return 2
    print(f"{'old -> new':58} {'notes':>5} {'right':>6} {'share':>6} {'orphaned':>8} {'lost':>4} {'time':>7}")
    for old_name, new_name in PAIRS:
        old = read_document_bytes((args.samples / old_name).read_bytes(), old_name)
        new = read_document_bytes((args.samples / new_name).read_bytes(), new_name)
        planned = notes_on_every_section(old)
        start = time.perf_counter()
        carrier = Carrier(DraftIndex(old), DraftIndex(new))
        results = [carrier.carry(p.anchor) for p in planned]
        took = time.perf_counter() - start
        found = score(planned, results, new, expected_targets(args.samples, new_is_v2="v2" in new_name))
        statuses = Counter(r.status.value for r in results)
        lost = len(planned) - len(results)
        right = found.placed_right + found.orphaned_right
        print(f"{old_name + ' -> ' + new_name:58} {found.total:5} {right:6} {found.share_right:6.3f} "
              f"{statuses['orphaned']:8} {lost:4} {took:6.3f}s")  # fmt: skip
        print("    " + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())))
        for line in found.wrong:
            print(f"    wrong: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
