"""Benchmark combining members' review packs: 20 packs of 500 notes and 50 recommendations each.

Each member's review is filled in bulk and shared as a pack; then a fresh clerk's review imports
all 20 packs in one ``import_packs`` call (read and verify every pack, merge by id, write the
rows, the search index, the change log and the undo record, one durable transaction). Beside it,
in the same run and on the same disk, a bare ``INSERT … SELECT`` copies the same rows from an
attached staging database into an empty file with the review's tables (WAL, ``synchronous=FULL``,
one transaction): the floor for writing those rows at all. Target: <= 2 s for ours; the ratio is
the figure to compare across machines. Then, once, what the clerk reads next on the combined
review: the synthesis and the merge suggestions.

    .venv/bin/python bench/bench_combine.py [--members 20] [--notes 500] [--recs 50] [--runs 5]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.drafts import bench_draft
from panelreview.storage import create_review
from panelreview.storage.annotation_ops import anchor_columns
from panelreview.storage.migrations import statements
from panelreview.storage.pack_file import PACK_COLUMNS, read_pack
from panelreview.storage.recommendation_ops import link_id
from panelreview.storage.schema import SCHEMA_CURRENT


def _make_packs(folder: Path, members: int, notes: int, recs: int) -> list[Path]:
    data, document = bench_draft()
    packs = []
    kinds = ("comment", "question", "concern", "support")
    for m in range(members):
        review = create_review(folder / f"member{m}.pcpr", data, document, member_name=f"Cllr Member {m}")
        anchors = [review.anchor_for(section=str(s.number)) for s in review.sections() if s.number]
        draft = review.current_draft_id
        targets: list[tuple[str, str, dict[str, object] | None]] = []
        note_ids = []
        for i in range(notes):
            note_id = str(uuid.uuid4())
            note_ids.append(note_id)
            row = {
                "author_id": review.owner_id,
                "draft_id": draft,
                "kind": kinds[i % 4],
                "body": f"Member {m} note {i}: outcome delivery for rural communities needs a target",
                "visibility": "panel",
                "tags": "[]",
                **anchor_columns(anchors[(i * 7 + m) % len(anchors)]),
            }
            targets.append(("annotations", note_id, row))
        for i in range(recs):
            rec_id = str(uuid.uuid4())
            row = {
                "author_id": review.owner_id,
                "draft_id": draft,
                "wording": f"Member {m} recommends that the Commissioner publishes measure {i} ({i % 40})",
                "rationale": "",
                "visibility": "report",
                "supporters": "[]",
                "panel_status": "draft",
                **anchor_columns(anchors[(i * 3 + m) % len(anchors)]),
            }
            targets.append(("recommendations", rec_id, row))
            note = note_ids[i % len(note_ids)]
            link = {"recommendation_id": rec_id, "annotation_id": note, "author_id": review.owner_id}
            key = link_id(rec_id, annotation_id=note, draft_id=None, section_id=None)
            targets.append(("recommendation_links", key, link))
        review._commit("Bulk load", None, targets)
        path = folder / f"member{m}.pcpack"
        review.share(path, include_draft=False)
        review.close()
        packs.append(path)
    return packs


def _time_views(folder: Path, packs: list[Path]) -> tuple[float, float]:
    """What the clerk reads next, on the combined review: the synthesis and the merge suggestions."""
    data, document = bench_draft()
    clerk = create_review(folder / "clerk-views.pcpr", data, document, member_name="Clerk", role="clerk")
    clerk.import_packs(packs)
    start = time.perf_counter()
    clerk.synthesis()
    synthesis = time.perf_counter() - start
    start = time.perf_counter()
    clerk.merge_suggestions()
    suggestions = time.perf_counter() - start
    clerk.close()
    return synthesis, suggestions


def _time_ours(folder: Path, packs: list[Path], run: int) -> tuple[float, float, int]:
    data, document = bench_draft()
    clerk = create_review(folder / f"clerk{run}.pcpr", data, document, member_name="Clerk", role="clerk")
    start = time.perf_counter()
    change = clerk.import_packs(packs)
    elapsed = time.perf_counter() - start
    start = time.perf_counter()
    again = clerk.import_packs(packs)
    no_op = time.perf_counter() - start
    assert again.rows == ()
    clerk.close()
    return elapsed, no_op, len(change.rows) - 1


def _staging(folder: Path, packs: list[Path]) -> Path:
    """The packs' rows in plain tables of the review's shape, to copy from."""
    path = folder / "staging.db"
    conn = sqlite3.connect(path)
    for sql in statements(SCHEMA_CURRENT):
        if not sql.startswith(("CREATE TRIGGER", "CREATE VIRTUAL")):
            conn.execute(sql)
    for pack in packs:
        found = read_pack(pack)
        for table, columns in PACK_COLUMNS.items():
            rows = [[row.get(c) for c in columns] for row in found.rows[table]]
            marks = ",".join("?" * len(columns))
            conn.executemany(f"INSERT OR IGNORE INTO {table} ({','.join(columns)}) VALUES ({marks})", rows)
    conn.commit()
    conn.close()
    return path


def _time_bare(folder: Path, staging: Path, run: int) -> float:
    target = sqlite3.connect(folder / f"bare{run}.db", isolation_level=None)
    target.execute("PRAGMA journal_mode = WAL")
    target.execute("PRAGMA synchronous = FULL")
    for sql in statements(SCHEMA_CURRENT):
        target.execute(sql)
    target.execute("ATTACH DATABASE ? AS staging", [str(staging)])
    start = time.perf_counter()
    target.execute("BEGIN IMMEDIATE")
    for table in PACK_COLUMNS:
        target.execute(f"INSERT INTO main.{table} SELECT * FROM staging.{table}")
    target.execute("COMMIT")
    elapsed = time.perf_counter() - start
    target.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folder", type=Path, help="where to write the files (default: a temp folder)")
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--notes", type=int, default=500)
    parser.add_argument("--recs", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.folder) as tmp:
        folder = Path(tmp)
        packs = _make_packs(folder, args.members, args.notes, args.recs)
        size = sum(p.stat().st_size for p in packs)
        staging = _staging(folder, packs)
        start = time.perf_counter()
        for pack in packs:
            read_pack(pack)
        verify = time.perf_counter() - start
        ours, no_ops, bare = [], [], []
        rows = 0
        for run in range(args.runs):  # alternated, so both see the same machine load
            elapsed, no_op, rows = _time_ours(folder, packs, run)
            ours.append(elapsed)
            no_ops.append(no_op)
            bare.append(_time_bare(folder, staging, run))
        synthesis_s, suggestions_s = _time_views(folder, packs)
    ours_s, bare_s = statistics.median(ours), statistics.median(bare)
    figures = [
        ("import_packs (read, verify, merge, write, index, undo record)", ours_s),
        (f"of which reading and verifying the {args.members} packs", verify),
        ("re-import of the same packs (nothing new)", statistics.median(no_ops)),
        ("bare INSERT ... SELECT of the same rows", bare_s),
        ("then: the synthesis of every member's items", synthesis_s),
        ("then: similar recommendations to merge (merge_suggestions)", suggestions_s),
    ]
    print(
        f"Combining {args.members} packs of {args.notes} notes and {args.recs} recommendations ({rows} rows "
        f"written, packs {size / 1e6:.1f} MB in all), median of {args.runs} runs"
    )
    for name, seconds in figures:
        print(f"  {name:64} {seconds:7.3f} s")
    print(f"  {'ratio (import_packs / bare)':64} {ours_s / bare_s:7.1f}x")
    print(f"  target: import_packs <= 2 s: {'ok' if ours_s <= 2 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
