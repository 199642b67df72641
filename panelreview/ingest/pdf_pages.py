"""Read every page of a PDF into paragraphs, optionally splitting the pages over processes.

Extracting the text is most of the time a long PDF takes to open; laying it out is cheap, but
needs every page: running headers and footers are found by comparing the margins of all pages.
So parts of the document may be extracted by forked child processes, which send their pages'
lines back, and this process lays out the whole document.

Only a command-line run (no threads, nothing else holding PyMuPDF) splits: each child owns its own
copy of the document after the fork, so PyMuPDF is still used by one thread per process. If a
child fails (it dies, its answer is lost), its pages are read again here, so the result never
depends on whether the split worked.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import dataclass, field
from typing import Any

import pymupdf

from panelreview.ingest.pdf_layout import (
    Line,
    Paragraph,
    lines_from_dict,
    margin_keys,
    paragraphs,
    reading_order,
    running_keys,
    strip_furniture,
)

TEXT_FLAGS = pymupdf.TEXT_PRESERVE_LIGATURES | pymupdf.TEXT_MEDIABOX_CLIP
# Below this many pages a second process costs more than it saves.
MIN_PAGES_TO_SPLIT = 60
CHILD_TIMEOUT_S = 120.0
DEFAULT_SIZE = (612.0, 792.0)


@dataclass(slots=True)
class Part:
    """Pages ``start`` to ``stop - 1``: their lines when extracted, then their paragraphs."""

    start: int
    stop: int
    lines: list[list[Line]] = field(default_factory=list)
    sizes: list[tuple[float, float]] = field(default_factory=list)
    labels: list[str | None] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)  # 1-based page numbers PyMuPDF could not read
    keys: list[set[str]] = field(default_factory=list)  # margin texts, one set per page
    paragraphs: list[list[Paragraph]] = field(default_factory=list)
    no_text: list[int] = field(default_factory=list)  # 1-based pages that have no text at all

    def extract(self, doc: Any) -> Part:
        """Each page's lines, size, printed label and margin texts."""
        for pno in range(self.start, self.stop):
            try:
                page = doc.load_page(pno)
                page_dict = page.get_text("dict", flags=TEXT_FLAGS)
                rect = page.rect
                label = page.get_label() or None
            except Exception:
                self.failed.append(pno + 1)
                self.lines.append([])
                self.sizes.append(DEFAULT_SIZE)
                self.labels.append(None)
                self.keys.append(set())
                continue
            lines = lines_from_dict(page_dict)
            self.lines.append(lines)
            self.sizes.append((rect.width, rect.height))
            self.labels.append(label)
            self.keys.append(margin_keys(lines, rect.height))
        return self

    def lay_out(self, running: set[str]) -> Part:
        """Drop running headers and footers, then order each page into paragraphs."""
        for offset, lines in enumerate(self.lines):
            pno = self.start + offset
            width, height = self.sizes[offset]
            if not lines and pno + 1 not in self.failed:
                self.no_text.append(pno + 1)
            kept = strip_furniture(lines, height, running)
            self.paragraphs.append(paragraphs(reading_order(kept, width)))
        self.lines = []  # not needed any more
        return self


@dataclass(slots=True)
class PagesRead:
    """Every page of a document, in order."""

    paragraphs: list[list[Paragraph]]
    sizes: list[tuple[float, float]]
    labels: list[str | None]
    failed: list[int]
    no_text: list[int]


def read_pages(doc: Any, page_count: int, workers: int = 1) -> PagesRead:
    """Every page's paragraphs. With ``workers`` > 1 (Linux, long documents) children share the work.

    Call with ``workers`` > 1 only from a process with no other threads (the command line), never
    from the desktop application: forking a threaded process is unsafe.
    """
    workers = min(workers, max(1, page_count // (MIN_PAGES_TO_SPLIT // 2)))
    if workers <= 1 or page_count < MIN_PAGES_TO_SPLIT:
        part = Part(0, page_count).extract(doc)
        return _joined([part.lay_out(running_keys(part.keys))])
    bounds = [page_count * i // workers for i in range(workers + 1)]
    helpers = [_Helper(doc, bounds[i], bounds[i + 1]) for i in range(1, workers)]
    parts = [Part(0, bounds[1]).extract(doc)] + [h.extracted(doc) for h in helpers]
    running = running_keys([keys for part in parts for keys in part.keys])
    return _joined([part.lay_out(running) for part in parts])


def _joined(parts: list[Part]) -> PagesRead:
    read = PagesRead([], [], [], [], [])
    for part in parts:
        read.paragraphs.extend(part.paragraphs)
        read.sizes.extend(part.sizes)
        read.labels.extend(part.labels)
        read.failed.extend(part.failed)
        read.no_text.extend(part.no_text)
    return read


class _Helper:
    """One forked child reading pages ``start`` to ``stop - 1``, or this process if it fails."""

    def __init__(self, doc: Any, start: int, stop: int) -> None:
        self.start, self.stop = start, stop
        self.conn: Any = None
        self.process: Any = None
        context = multiprocessing.get_context("fork")
        here, there = context.Pipe(duplex=False)
        try:
            self.process = context.Process(target=_child, args=(doc, start, stop, there), daemon=True)
            self.process.start()
        except OSError:  # no more processes allowed: these pages are read here instead
            here.close()
            self.process = None
        else:
            self.conn = here
        finally:
            there.close()

    def extracted(self, doc: Any) -> Part:
        """The child's pages, or the same pages read here if the child failed."""
        answer = self._receive()
        self._give_up()
        if isinstance(answer, Part) and (answer.start, answer.stop) == (self.start, self.stop):
            return answer
        return Part(self.start, self.stop).extract(doc)

    def _receive(self) -> object:
        if self.conn is None:
            return None
        try:
            return self.conn.recv() if self.conn.poll(CHILD_TIMEOUT_S) else None
        except (EOFError, OSError):
            return None

    def _give_up(self) -> None:
        """Close the pipe and make sure the child has ended."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        if self.process is not None:
            self.process.join(timeout=5)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
            self.process = None


def _child(doc: Any, start: int, stop: int, conn: Any) -> None:
    """In the forked child: extract the pages and send them back."""
    try:
        conn.send(Part(start, stop).extract(doc))
    finally:
        conn.close()
