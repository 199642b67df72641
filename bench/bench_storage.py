"""Benchmark the review file: a durable save of one note, and listing one section's notes out of 5,000.

Each figure is printed beside a bare ``sqlite3`` equivalent run in the same process on the same disk
(WAL, ``synchronous=FULL``), with the ratio. Targets: save <= 5 ms, list <= 50 ms (medians).

    .venv/bin/python bench/bench_storage.py [--folder DIR] [--notes 5000] [--saves 200]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.drafts import bench_draft
from panelreview.storage import create_review
from panelreview.storage.annotation_ops import anchor_columns


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folder", type=Path, help="where to write the files (default: a temp folder)")
    parser.add_argument("--notes", type=int, default=5000)
    parser.add_argument("--saves", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.folder) as tmp:
        folder = Path(tmp)
        data, document = bench_draft()
        review = create_review(folder / "bench.pcpr", data, document, member_name="Bench")
        sections = review.sections()
        anchors = [review.anchor_for(section=str(s.number)) for s in sections if s.number]

        # 5,000 notes spread over the sections, written in one transaction.
        targets = []
        for i in range(args.notes):
            row = {
                "author_id": review.owner_id,
                "draft_id": review.current_draft_id,
                "kind": "comment",
                "body": f"Bulk note {i} about outcome delivery",
                "visibility": "private",
                "tags": "[]",
                **anchor_columns(anchors[i % len(anchors)]),
            }
            targets.append(("annotations", str(uuid.uuid4()), row))
        review._commit("Bulk load", None, targets)

        anchor = anchors[3]
        save_ms = _median_ms(lambda: review.add_annotation(anchor, "comment", "A timed note"), args.saves)

        bare = sqlite3.connect(folder / "bare.db", isolation_level=None)
        bare.execute("PRAGMA journal_mode = WAL")
        bare.execute("PRAGMA synchronous = FULL")
        bare.execute("CREATE TABLE notes (id TEXT PRIMARY KEY, section_id INTEGER, body TEXT, created TEXT)")
        bare.execute("CREATE INDEX notes_by_section ON notes (section_id)")
        bare.execute("BEGIN")
        bare.executemany(
            "INSERT INTO notes VALUES (?, ?, ?, ?)",
            [(str(uuid.uuid4()), i % len(anchors), f"Bulk note {i}", "t") for i in range(args.notes)],
        )
        bare.execute("COMMIT")

        def bare_save() -> None:
            bare.execute("BEGIN IMMEDIATE")
            bare.execute("INSERT INTO notes VALUES (?, 7, 'A timed note', 't')", [str(uuid.uuid4())])
            bare.execute("COMMIT")

        bare_save_ms = _median_ms(bare_save, args.saves)

        section_id = anchors[7].section_id
        assert section_id is not None
        listed = len(review.annotations(section_ids=[section_id]))
        list_ms = _median_ms(lambda: review.annotations(section_ids=[section_id]), 50)
        bare_list_ms = _median_ms(
            lambda: bare.execute("SELECT * FROM notes WHERE section_id = 7 ORDER BY created").fetchall(), 50
        )
        review.close()
        bare.close()

    print(f"Review file benchmark ({args.notes} notes, {listed} in the listed section)")
    print(f"{'operation':44} {'PanelReview':>12} {'bare sqlite3':>13} {'ratio':>7} {'target':>8}")
    for name, ours, theirs, target in (
        ("durable save of one annotation (median)", save_ms, bare_save_ms, 5.0),
        ("list one section's annotations (median)", list_ms, bare_list_ms, 50.0),
    ):
        ok = "ok" if ours <= target else "MISSED"
        print(f"{name:44} {ours:10.2f}ms {theirs:11.2f}ms {ours / theirs:6.1f}x {target:5.0f}ms {ok}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
