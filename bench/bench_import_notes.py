"""Benchmark importing notes made elsewhere: 2,000 annotations on a 300-page PDF.

A 300-page draft (30 priorities, ten pages each, 30 lines a page) is built in code and a member's
review of it started. A copy of the draft is annotated as readers write it: 2,000 highlights,
underlines and sticky notes spread over the pages (author, text, dates, a reply on every tenth).
Then, alternated in one process, after a warm-up:

* ``import``: ``read_notes_bytes`` + ``Review.import_notes(accept_from=["*"])`` into a fresh copy
  of the review (read every annotation and the words under it, place each in the draft,
  write notes, replies, their import record and the search index in one durable transaction),
  with the draft already read, as it is in the open window;
* ``import, cold``: the same, with the draft read again from the review first (the command line);
* ``PyMuPDF only``: ``page.annots()`` and ``annot.info`` for every annotation, nothing else: the
  floor for reading them at all.

Target: ``import`` <= 2 s; the ratio to the PyMuPDF floor is the figure to compare across machines.

    .venv/bin/python bench/bench_import_notes.py [--pages 300] [--notes 2000] [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pymupdf

from panelreview.ingest import read_document_bytes
from panelreview.ingest.notes import read_notes_bytes
from panelreview.storage import create_review, open_review

WORDS = [
    "police",
    "crime",
    "plan",
    "victims",
    "neighbourhood",
    "officers",
    "burglary",
    "rural",
    "safety",
    "budget",
    "precept",
    "panel",
    "community",
    "partnership",
    "violence",
    "prevention",
    "reporting",
    "outcomes",
    "measures",
    "delivery",
]


def _draft(pages: int) -> bytes:
    rng = random.Random(7)
    doc = pymupdf.open()
    for p in range(pages):
        page = doc.new_page(width=595, height=842)
        y = 72.0
        if p % 10 == 0:
            page.insert_text((72, y), f"Priority {p // 10 + 1}: Theme {p // 10 + 1}", fontsize=16)
            y += 30
        for line in range(30):
            words = " ".join(rng.choice(WORDS) for _ in range(8))
            page.insert_text((72, y), f"{words} p{p}l{line}", fontsize=10)
            y += 24
    return bytes(doc.tobytes())


def _annotate(data: bytes, notes: int) -> bytes:
    doc = pymupdf.open(stream=data, filetype="pdf")
    pages = doc.page_count
    for n in range(notes):
        page = doc[n % pages]
        line = (n // pages) % 30
        found = page.search_for(f"p{page.number}l{line}", quads=True)
        words = page.get_text("words")
        row = [w for w in words if w[4] == f"p{page.number}l{line}"]
        if not found or not row:
            continue
        if n % 5 == 4:
            annot = page.add_text_annot((40, row[0][1]), f"Sticky note {n}: is this funded?")
        else:
            quad = pymupdf.Rect(72, row[0][1], row[0][0] - 4, row[0][3]).quad
            annot = page.add_underline_annot(quad) if n % 3 == 0 else page.add_highlight_annot(quad)
        author = "Cllr Ann Jones" if n % 4 else "Bob Smith"
        annot.set_info(title=author, content=f"Note {n} on this line", creationDate="D:20250110093000Z")
        annot.update()
        if n % 10 == 0:
            answer = page.add_text_annot((560, row[0][1]), f"Reply to {n}")
            answer.set_info(title="Jo Clerk")
            answer.set_irt_xref(annot.xref)
            answer.update()
    return bytes(doc.tobytes())


def _pymupdf_only(data: bytes) -> int:
    doc = pymupdf.open(stream=data, filetype="pdf")
    count = 0
    for page in doc:
        for annot in page.annots():
            info = annot.info
            count += bool(info["content"] or info["title"])
    doc.close()
    return count


def _import(
    data: bytes, template: Path, folder: Path, run: int, cold: bool, document: Any
) -> tuple[float, int]:
    target = folder / f"run{run}{'c' if cold else ''}.pcpr"
    shutil.copy(template, target)
    review = open_review(target)
    if not cold:
        review._documents[review.current_draft_id] = document  # the window has the draft open
    try:
        start = time.perf_counter()
        notes = read_notes_bytes(data, "annotated.pdf")
        _, report = review.import_notes(notes, accept_from=["*"])
        took = time.perf_counter() - start
        return took, len(report.having("imported"))
    finally:
        review.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        draft = _draft(args.pages)
        document = read_document_bytes(draft, "draft.pdf")
        template = folder / "template.pcpr"
        create_review(template, draft, document, member_name="Cllr Ann Jones").close()
        annotated = _annotate(draft, args.notes)
        found = _pymupdf_only(annotated)
        size = len(annotated) // 1024
        print(f"{args.pages} pages, {found} annotations with text (notes and replies), {size} KB")
        _import(annotated, template, folder, 0, False, document)  # warm-up
        ours, cold, floor = [], [], []
        imported = 0
        for run in range(1, args.runs + 1):
            took, imported = _import(annotated, template, folder, run, False, document)
            ours.append(took)
            cold.append(_import(annotated, template, folder, run, True, document)[0])
            start = time.perf_counter()
            _pymupdf_only(annotated)
            floor.append(time.perf_counter() - start)
        a, c, f = statistics.median(ours), statistics.median(cold), statistics.median(floor)
        print(f"notes imported: {imported}")
        print(f"import, draft open       median {a:.2f} s   (target <= 2 s)")
        print(f"import, cold (CLI)       median {c:.2f} s")
        print(f"PyMuPDF annots() + info  median {f:.2f} s")
        print(f"ratio import / PyMuPDF   {a / f:.2f}")


if __name__ == "__main__":
    main()
