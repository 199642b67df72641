"""Reading a long PDF's pages in several processes gives exactly what reading them here gives."""

from __future__ import annotations

import hashlib
import sys

import pymupdf
import pytest

from panelreview.ingest import pdf_pages
from panelreview.ingest.pdf_reader import read_pdf
from tests.ingest.builders import Run, body, pdf_bytes

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="pages are split over processes on Linux only"
)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The children forked while a test runs (so a test of the split fails if nothing was split)."""
    children: list[int] = []
    real_fork = pdf_pages.os.fork

    def counted() -> int:
        pid = real_fork()
        if pid:
            children.append(pid)
        return pid

    monkeypatch.setattr(pdf_pages.os, "fork", counted)
    return children


def _long_pdf(pages: int = 75) -> bytes:
    return pdf_bytes(
        [
            [Run(f"{n}. Priority {n}", size=15, bold=True), Run(body(60, seed=f"Page {n} says"))]
            for n in range(1, pages + 1)
        ],
        header="DRAFT",
        footer=True,
    )


def test_split_reading_gives_the_same_document(forks: list[int]) -> None:
    data = _long_pdf()
    digest = hashlib.sha256(data).hexdigest()
    alone = read_pdf(data, "long.pdf", digest, workers=1)
    assert forks == []
    shared = read_pdf(data, "long.pdf", digest, workers=3)
    assert len(forks) == 1  # 75 pages: two shares of at least 30, so one child and this process
    assert [s.label for s in shared.sections] == [s.label for s in alone.sections]
    assert [(b.text, b.page, b.page_label) for b in shared.blocks] == [
        (b.text, b.page, b.page_label) for b in alone.blocks
    ]
    assert len(shared.sections) == 75
    assert shared.sections[-1].page_start == 75
    # The running header and page footer were still found across pages read by different processes.
    assert not any("DRAFT" in b.text or "Page 3 of" in b.text for b in shared.blocks)


def _texts(read: pdf_pages.PagesRead) -> list[list[str]]:
    return [[para.text for para in page] for page in read.paragraphs]


@pytest.mark.parametrize("answer", ["nothing", "wrong pages"])
def test_pages_a_child_fails_to_send_are_read_here(
    monkeypatch: pytest.MonkeyPatch, forks: list[int], answer: str
) -> None:
    real_child = pdf_pages._child

    def dies(doc: object, start: int, stop: int, writer: int) -> None:
        if answer == "wrong pages":
            real_child(doc, 0, 1, writer)  # a well-formed answer about other pages
        raise SystemExit(3)

    monkeypatch.setattr(pdf_pages, "_child", dies)
    doc = pymupdf.open(stream=_long_pdf(64), filetype="pdf")
    try:
        shared = pdf_pages.read_pages(doc, doc.page_count, workers=2)
        alone = pdf_pages.read_pages(doc, doc.page_count, workers=1)
    finally:
        doc.close()
    assert len(forks) == 1  # the child really ran (and failed)
    assert _texts(shared) == _texts(alone)
    assert len(shared.paragraphs) == 64
    assert shared.sizes == alone.sizes and shared.failed == [] and shared.no_text == []


def test_short_documents_are_not_split(monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("a short PDF was split over processes")

    monkeypatch.setattr(pdf_pages.os, "fork", must_not_run)
    doc = pymupdf.open(stream=_long_pdf(10), filetype="pdf")
    try:
        assert len(pdf_pages.read_pages(doc, doc.page_count, workers=4).paragraphs) == 10
    finally:
        doc.close()


def test_a_margin_line_on_the_first_pages_only_is_kept_as_one_process_would(forks: list[int]) -> None:
    """The parent lays out its pages early with the headers it has seen; when the whole document
    says otherwise (a line on 15 of 80 pages is not a running header), it lays them out again."""
    base = pymupdf.open(stream=_long_pdf(80), filetype="pdf")
    for number in range(15):
        base[number].insert_text((300, 40), "Annex A applies", fontsize=9, fontname="helv")
    data = base.tobytes()
    base.close()
    digest = hashlib.sha256(data).hexdigest()
    alone = read_pdf(data, "annex.pdf", digest, workers=1)
    shared = read_pdf(data, "annex.pdf", digest, workers=2)
    assert len(forks) == 1
    assert [(b.text, b.page) for b in shared.blocks] == [(b.text, b.page) for b in alone.blocks]
    assert sum("Annex A applies" in b.text for b in shared.blocks) == 15
