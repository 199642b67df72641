"""Benchmark the panel's report as Word: 300 recommendations and 1,000 appendix comments.

``export_report`` (reading the review, building the report, writing the .docx) is timed against a
bare python-docx script that writes the same paragraphs and tables with ``add_paragraph(text,
style=...)`` and ``add_table``, in the same process, alternated, after a warm-up. Target: ratio
<= 1.3 (medians).

The PDF export (tagged PDF/UA-1, laid out by Typst) is timed beside the engine it replaced (MuPDF's
Story, untagged), alternated on the same built report, and whole (``export_report`` to .pdf).
Target: the whole PDF export <= 1 s.

    .venv/bin/python bench/bench_export.py [--runs 7] [--pdf-runs 5] [--recommendations 300] [--comments 1000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import docx

from panelreview.core.anchor import anchor_section, anchor_span
from panelreview.core.model import full_text
from panelreview.export import export_report
from panelreview.ingest import read_document_bytes
from panelreview.storage import Review, create_review

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "westshire-plan-v1.pdf"
PHRASE = (
    "the Panel would like to see clear measures of progress for every neighbourhood with figures "
    "published each quarter so that residents and members can judge whether the plan is working"
)
WORDS = PHRASE.split()


def _text(n: int, seed: int) -> str:
    return " ".join(WORDS[(seed + i) % len(WORDS)] for i in range(n)).capitalize() + "."


def _draft() -> tuple[bytes, str]:
    if SAMPLE.exists():
        return SAMPLE.read_bytes(), SAMPLE.name
    parts = []
    for i in range(1, 41):
        parts.append(f"{i}. Priority number {i}")
        parts += [
            f"{i}.{j}. The Commissioner will deliver outcome {i}.{j} for communities." for j in (1, 2, 3)
        ]
    return "\n\n".join(parts).encode(), "bench-draft.txt"


def build_review(folder: Path, recommendations: int, comments: int) -> Review:
    data, name = _draft()
    document = read_document_bytes(data, name)
    review = create_review(
        folder / "bench.pcpr", data, document, member_name="Clerk", role="clerk", panel_name="Westshire"
    )
    review.update_settings(plan_title="Police and Crime Plan 2025-29", meeting_date="2025-02-12")
    sections = review.sections()
    _, starts = full_text(document.blocks)
    for i in range(recommendations):
        section = sections[i % len(sections)]
        if i % 3 == 0 and document.blocks:
            block = document.blocks[section.first_block]
            anchor = anchor_span(
                document, starts[block.index], starts[block.index] + min(60, len(block.text))
            )
        else:
            anchor = anchor_section(sections, section)
        review.add_recommendation(
            _text(25, i),
            anchor=anchor,
            rationale=_text(60, i + 7),
            visibility="report",
            theme=f"Theme {i % 6 + 1}",
        )
    for i in range(comments):
        kind = ("comment", "concern", "question", "support")[i % 4]
        change = review.add_annotation(
            anchor_section(sections, sections[(i * 7) % len(sections)]),
            kind,
            _text(40, i + 3),
            visibility="report",
        )
        if i % 5 == 0:
            review.add_reply(str(change.item_id), _text(20, i))
    return review


def same_content(path: Path) -> tuple[list[tuple[str, str]], list[list[list[str]]], list[str]]:
    """The paragraphs (style, text) and tables (cell texts) of an exported report, in order."""
    document = docx.Document(str(path))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    styles = sorted({name for name, _ in paragraphs} - {s.name for s in docx.Document().styles})
    return paragraphs, tables, styles


def bare_script(
    paragraphs: list[tuple[str, str]],
    tables: list[list[list[str]]],
    styles: list[str],
    out: Path,
    *,
    by_name: bool = False,
) -> None:
    """What a developer would write with python-docx alone: style objects looked up once (the
    fast way), or ``by_name`` (``add_paragraph(text, style="Quote")``, the way most scripts do)."""
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    for name in styles:
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    cache = {name: document.styles[name] for name in {style for style, _ in paragraphs}}
    for style, text in paragraphs:
        document.add_paragraph(text, style=style if by_name else cache[style])
    for rows in tables:
        table = document.add_table(rows=len(rows), cols=len(rows[0]), style="Table Grid")
        for row, values in zip(table.rows, rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    document.save(str(out))


def _time(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--recommendations", type=int, default=300)
    parser.add_argument("--comments", type=int, default=1000)
    parser.add_argument("--pdf-runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        review = build_review(folder, args.recommendations, args.comments)
        report = folder / "report.docx"
        export_report(review, report, appendix="named")  # warm-up, and the content the bare script writes
        paragraphs, tables, styles = same_content(report)
        bare_script(paragraphs, tables, styles, folder / "bare.docx")  # warm-up
        ours, bare, by_name = [], [], []
        for _ in range(args.runs):
            ours.append(_time(lambda: export_report(review, report, appendix="named")))
            bare.append(_time(lambda: bare_script(paragraphs, tables, styles, folder / "bare.docx")))
            by_name.append(
                _time(lambda: bare_script(paragraphs, tables, styles, folder / "bare.docx", by_name=True))
            )
        from panelreview.export.pdf_story import pdf_bytes as story_pdf
        from panelreview.export.pdf_writer import pdf_bytes as typst_pdf
        from panelreview.export.shapes import build

        built = build(review, shape="report", appendix="named", numbering="1")
        typst_pdf(built)  # warm-up (fonts, template)
        typst_times, story_times, whole = [], [], []
        for _ in range(args.pdf_runs):
            typst_times.append(_time(lambda: typst_pdf(built)))
            story_times.append(_time(lambda: story_pdf(built)))
            whole.append(_time(lambda: export_report(review, folder / "report.pdf", appendix="named")))
        import pymupdf

        with pymupdf.open(folder / "report.pdf") as doc:
            pages = doc.page_count
        review.close()
        rows = sum(len(t) for t in tables)
        print(f"report: {args.recommendations} recommendations, {args.comments} appendix comments; "
              f"{len(paragraphs)} paragraphs and {rows} table rows; draft {_draft()[1]}")  # fmt: skip
        mo, mb = statistics.median(ours), statistics.median(bare)
        print(f"export_report .docx (median of {args.runs}): {mo:.3f} s")
        print(f"bare python-docx script          : {mb:.3f} s")
        print(f"ratio                            : {mo / mb:.2f}  (target <= 1.3)")
        mn = statistics.median(by_name)
        print(f"bare script, styles by name      : {mn:.3f} s  (ratio {mo / mn:.2f})")
        mt, ms = statistics.median(typst_times), statistics.median(story_times)
        print(f"PDF layout, Typst, tagged (median of {args.pdf_runs}): {mt:.3f} s  ({pages} pages)")
        print(f"PDF layout, MuPDF Story, untagged (old): {ms:.3f} s")
        print(f"ratio Typst / old                       : {mt / ms:.2f}")
        print(f"export_report .pdf, whole (median)      : {statistics.median(whole):.3f} s  (target <= 1 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
