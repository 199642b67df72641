"""Benchmark carrying 1,000 notes to an edited copy of the 307-page sample, beside reading a draft.

The edited copy is built here from ``westshire-plan-big.pdf`` as read into the document model
(block texts, then the outline found again by :func:`panelreview.core.sections.find_sections`, as
a reader does): a whole priority deleted, an outcome deleted in each of three priorities and the
outcomes after it renumbered, a priority moved to near the end, headings renamed and paragraphs
reworded. 1,000 notes (300 on whole sections, 700 on quoted passages, at seeded random places).

In one process, alternated ``--runs`` times after a warm-up, medians:

* reading the draft (``read_document_bytes`` of the 307-page PDF: what opening a new version costs);
* carrying in the core: indexing both versions, aligning the outlines and carrying 1,000 anchors;
* carrying in the review file: ``Review.add_draft_version`` on a copy of a review holding the 1,000
  notes (the above, plus storing the version, its sections and search index, and every row, in one
  durable transaction);
* listing what happened to every item (``Review.carry_records``, what the Changes view shows).

    .venv/bin/python bench/bench_carry.py [--runs 5] [--notes 1000] [--draft PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from panelreview.core.anchor import Anchor, anchor_section, anchor_span
from panelreview.core.model import Block, BlockKind, Document, DocumentIdentity, full_text
from panelreview.core.outline_align import DraftIndex
from panelreview.core.reanchor import Carrier
from panelreview.core.sections import find_sections
from panelreview.ingest import read_document_bytes

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "samples" / "westshire-plan-big.pdf"
_LEADING = re.compile(r"^(\d+)\.(\d+)(\s)")


def _subtree_blocks(document: Document, section_id: int) -> range:
    s = next(x for x in document.sections if x.id == section_id)
    return range(s.first_block, s.last_block + 1)


def edited_copy(document: Document, seed: int = 7) -> tuple[Document, Counter[str]]:
    """The draft with sections deleted, moved, renamed, renumbered and paragraphs reworded."""
    rng = random.Random(seed)
    blocks = [replace(b) for b in document.blocks]
    edits: Counter[str] = Counter()
    tops = [s for s in document.sections if s.level == 1 and s.title.startswith("Priority")]
    drop: set[int] = set(_subtree_blocks(document, tops[len(tops) // 2].id))
    edits["priority deleted"] += 1
    for top in (tops[10], tops[40], tops[80]):
        outcomes = [
            s for s in document.sections if s.number and s.number.startswith(f"{top.title.split()[1][:-1]}.")
        ]
        if len(outcomes) < 3:
            continue
        drop.update(range(outcomes[2].first_block, outcomes[2].last_block + 1))
        edits["outcome deleted"] += 1
        for later in outcomes[3:]:
            b = blocks[later.first_block]
            b.text = _LEADING.sub(lambda m: f"{m[1]}.{int(m[2]) - 1}{m[3]}", b.text, count=1)
            edits["outcome renumbered"] += 1
    moving = list(_subtree_blocks(document, tops[20].id))
    edits["priority moved"] += 1
    for top in rng.sample(tops, 5):
        blocks[top.first_block].text += " (revised)"
        edits["heading renamed"] += 1
    paragraphs = [b for b in blocks if b.kind is BlockKind.PARAGRAPH and len(b.text) > 120]
    for b in rng.sample(paragraphs, 40):
        words = b.text.split(" ")
        k = rng.randrange(2, len(words) - 2)
        words[k : k + 2] = ["now", "also", "newly"]
        b.text = " ".join(words)
        edits["paragraph reworded"] += 1
    order = [i for i in range(len(blocks)) if i not in drop and i not in moving]
    at = order.index(tops[-3].first_block)
    order[at:at] = moving
    new_blocks: list[Block] = []
    for n, i in enumerate(order):
        new_blocks.append(replace(blocks[i], index=n))
    sha = hashlib.sha256(b"edited " + document.identity.sha256.encode()).hexdigest()
    identity = DocumentIdentity(
        sha, document.identity.format, document.identity.title, document.identity.page_count
    )
    return Document(identity, "edited-" + document.file_name, new_blocks, find_sections(new_blocks)), edits


def notes(document: Document, count: int, seed: int = 11) -> list[Anchor]:
    rng = random.Random(seed)
    text_map = full_text(document.blocks)
    _, starts = text_map
    out = [anchor_section(document.sections, s) for s in rng.choices(document.sections, k=count * 3 // 10)]
    long_blocks = [b for b in document.blocks if len(b.text) >= 60]
    while len(out) < count:
        b = rng.choice(long_blocks)
        lo = starts[b.index] + rng.randrange(0, len(b.text) - 40)
        hi = min(starts[b.index] + len(b.text), lo + rng.randrange(20, 90))
        out.append(anchor_span(document, lo, hi, text_map))
    return out


def carry_core(old: Document, new: Document, anchors: list[Anchor]) -> Counter[str]:
    carrier = Carrier(DraftIndex(old), DraftIndex(new))
    return Counter(carrier.carry(a).status.value for a in anchors)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--draft", type=Path, default=DEFAULT)
    args = parser.parse_args()
    if not args.draft.exists():
        print(f"{args.draft} is missing (the shared samples sit beside the checkout)", file=sys.stderr)
        return 2
    from panelreview.storage import create_review, open_review

    data = args.draft.read_bytes()
    old = read_document_bytes(data, args.draft.name)
    new, edits = edited_copy(old)
    anchors = notes(old, args.notes)
    folder = Path(tempfile.mkdtemp(prefix="bench-carry-"))
    try:
        base = folder / "base.pcpr"
        with create_review(base, data, old, member_name="Bench Member") as review:
            for n, a in enumerate(anchors):
                review.add_annotation(a, "comment", f"Note {n}")
        carry_core(old, new, anchors)  # warm-up
        reads, cores, stored, listed = [], [], [], []
        statuses: Counter[str] = Counter()
        for run in range(args.runs):
            start = time.perf_counter()
            read_document_bytes(data, args.draft.name)
            reads.append(time.perf_counter() - start)
            start = time.perf_counter()
            statuses = carry_core(old, new, anchors)
            cores.append(time.perf_counter() - start)
            copy = folder / f"run{run}.pcpr"
            shutil.copyfile(base, copy)
            with open_review(copy) as review:
                review._documents[old.identity.sha256] = old  # the window has the open draft read already
                start = time.perf_counter()
                review.add_draft_version(data, new, label="Edited", dated="2025-01-01")
                stored.append(time.perf_counter() - start)
                start = time.perf_counter()
                review.carry_records()
                listed.append(time.perf_counter() - start)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    read, core, store, listing = (statistics.median(x) for x in (reads, cores, stored, listed))
    print(f"draft: {args.draft.name}, {len(old.blocks)} blocks, {len(old.sections)} sections; "
          f"edited copy: {len(new.blocks)} blocks, {len(new.sections)} sections")  # fmt: skip
    print("edits: " + ", ".join(f"{n} {what}" for what, n in edits.items()))
    print(f"{args.notes} notes carried: " + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())))
    pad = " " * 17
    print(f"median of {args.runs}: read the draft          {read:.3f} s")
    print(f"{pad}carry (core)            {core:.3f} s  (ratio to reading {core / read:.2f}; target <= 2 s)")
    print(f"{pad}add_draft_version (file) {store:.3f} s  (ratio to reading {store / read:.2f})")
    print(f"{pad}carry_records (Changes)  {listing:.3f} s  (ratio to reading {listing / read:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
