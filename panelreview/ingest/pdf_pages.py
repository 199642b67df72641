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

import contextlib
import os
import pickle
import select
import signal
import time
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

    def to_wire(self) -> tuple[Any, ...]:
        """Plain tuples for the pipe: pickling them is four times faster than the objects."""
        lines = [[(ln.text, ln.bbox, ln.size, ln.bold, ln.block) for ln in page] for page in self.lines]
        return (self.start, self.stop, lines, self.sizes, self.labels, self.failed, self.keys)

    @classmethod
    def from_wire(cls, wire: tuple[Any, ...]) -> Part:
        start, stop, lines, sizes, labels, failed, keys = wire
        part = cls(int(start), int(stop), sizes=sizes, labels=labels, failed=failed, keys=keys)
        part.lines = [[Line(*fields) for fields in page] for page in lines]
        return part

    def lay_out(self, running: set[str]) -> Part:
        """Drop running headers and footers, then order each page into paragraphs (again, if
        called again with other running headers)."""
        self.paragraphs, self.no_text = [], []
        for offset, lines in enumerate(self.lines):
            pno = self.start + offset
            width, height = self.sizes[offset]
            if not lines and pno + 1 not in self.failed:
                self.no_text.append(pno + 1)
            kept = strip_furniture(lines, height, running)
            self.paragraphs.append(paragraphs(reading_order(kept, width)))
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
    # Each process reads at least MIN_PAGES_TO_SPLIT // 2 pages, so a shorter PDF is not split.
    workers = min(workers, page_count // (MIN_PAGES_TO_SPLIT // 2))
    if workers <= 1:
        part = Part(0, page_count).extract(doc)
        return _joined([part.lay_out(running_keys(part.keys))])
    bounds = [page_count * i // workers for i in range(workers + 1)]
    helpers = [_Helper(doc, bounds[i], bounds[i + 1]) for i in range(1, workers)]
    own = Part(0, bounds[1]).extract(doc)
    # While the children finish, lay out our own pages with the running headers our pages show;
    # running headers repeat throughout, so this is nearly always the final answer.
    guess = running_keys(own.keys)
    own.lay_out(guess)
    others = [h.extracted(doc) for h in helpers]
    running = running_keys([keys for part in (own, *others) for keys in part.keys])
    if running != guess:
        own.lay_out(running)
    return _joined([own, *(part.lay_out(running) for part in others)])


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
    """One forked child reading pages ``start`` to ``stop - 1``, or this process if it fails.

    Plain ``os.fork`` and a pipe (not :mod:`multiprocessing`, whose import alone costs more than
    a tenth of what the split saves); the child sends its :class:`Part` pickled and exits at once.
    """

    def __init__(self, doc: Any, start: int, stop: int) -> None:
        self.start, self.stop = start, stop
        self.pid = 0
        self.reader = -1
        reader, writer = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no more processes allowed: these pages are read here instead
            os.close(reader)
            os.close(writer)
            return
        if pid == 0:  # the child: never returns
            status = 1
            try:
                os.close(reader)
                _child(doc, start, stop, writer)
                status = 0
            finally:
                os._exit(status)
        os.close(writer)
        self.pid, self.reader = pid, reader

    def extracted(self, doc: Any) -> Part:
        """The child's pages, or the same pages read here if the child failed."""
        answer = self._receive()
        self._give_up()
        if isinstance(answer, Part) and (answer.start, answer.stop) == (self.start, self.stop):
            return answer
        return Part(self.start, self.stop).extract(doc)

    def _receive(self) -> object:
        if self.reader < 0:
            return None
        chunks: list[bytes] = []
        deadline = time.monotonic() + CHILD_TIMEOUT_S
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([self.reader], [], [], left)[0]:
                    return None  # the child is stuck: its pages are read here
                chunk = os.read(self.reader, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
            return Part.from_wire(pickle.loads(b"".join(chunks))) if chunks else None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
            return None

    def _give_up(self) -> None:
        """Close the pipe and make sure the child has ended (and is not left a zombie)."""
        if self.reader >= 0:
            os.close(self.reader)
            self.reader = -1
        if self.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)  # it has sent its answer, or it never will
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.pid = 0


def _child(doc: Any, start: int, stop: int, writer: int) -> None:
    """In the forked child: extract the pages and send them back through ``writer``."""
    data = pickle.dumps(Part(start, stop).extract(doc).to_wire(), protocol=pickle.HIGHEST_PROTOCOL)
    with os.fdopen(writer, "wb") as out:
        out.write(data)
