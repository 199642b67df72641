"""Carrying a note's anchor from one version of a draft to another, strongest evidence first.

The promise to the user: every item is either placed right, or listed for them to look at. An
anchor (see :mod:`panelreview.core.anchor`) keeps redundant selectors; like the Hypothesis web
annotator, we try them from the most to the least certain and stop at the first that holds:

1. **the same paragraph**: the quote's block (and its neighbours, for a quote over several) is in
   the new version word for word, so the quote sits at the same offset in it;
2. **the quote in its section**: the quote found exactly (whitespace and typographic quotes aside)
   in the section the outline alignment matched (:mod:`panelreview.core.outline_align`), the
   occurrence nearest the old position and most like the old prefix/suffix winning;
3. **the quote elsewhere**: found exactly anywhere (through an index of words, never a scan of the
   whole text per note), accepted when it is long enough or its context agrees;
4. **the quote reworded**: found approximately in the matched section (or, if the section was
   removed, between its old neighbours) with a bounded error (rapidfuzz partial alignment);
5. **the section**: the section matched by content;

and only then is the item **orphaned**. Each result has a :class:`CarryStatus`:

* ``unchanged``: the same passage in the same place (same section, heading path and page);
* ``moved``: the same passage, but another section number or title, heading path or page;
* ``edited``: the passage or section was reworded; the item keeps its old wording and
  ``new_text`` says how the new version words it;
* ``orphaned``: no counterpart; the caller keeps the old quote and section and lists the item.

Pure Python, no I/O:

    carrier = Carrier(DraftIndex(old_document), DraftIndex(new_document))
    result = carrier.carry(anchor)    # CarriedAnchor(status, anchor in the new version or None, ...)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz

from panelreview.core.anchor import CONTEXT_CHARS, Anchor, find_quote
from panelreview.core.outline_align import _WORD, Alignment, DraftIndex, align_outlines, fold

#: Quotes shorter than this (characters) are never looked for approximately.
MIN_FUZZY = 15
#: A quote found elsewhere in the draft than its section's counterpart must be this long, or its
#: context must agree, to be placed there.
MIN_ELSEWHERE = 25
_MAX_REGION = 40_000  # characters searched approximately for one quote
_MAX_POSTINGS = 400


class CarryStatus(StrEnum):
    UNCHANGED = "unchanged"
    MOVED = "moved"
    EDITED = "edited"
    ORPHANED = "orphaned"


@dataclass(frozen=True, slots=True)
class CarriedAnchor:
    """Where an item goes in the new version.

    ``anchor`` is None when orphaned. ``evidence`` names what placed it: "paragraph", "quote",
    "quote elsewhere", "reworded quote", "section" or "none". ``score`` is 0-1 (1 = certain).
    ``new_text`` is the new version's wording of the passage when the status is ``edited``.
    """

    status: CarryStatus
    anchor: Anchor | None
    evidence: str
    score: float
    new_text: str | None = None


def _same_page(old: int | None, new: int | None) -> bool:
    """Pages differ only when both versions have pages (a Word draft has none: not a move)."""
    return old is None or new is None or old == new


def _fuzzy_bound(quote_len: int) -> float:
    """The least partial-alignment score (0-100) a reworded quote must reach: longer quotes may
    differ more, as in the Hypothesis annotator's bounded-error match."""
    if quote_len >= 80:
        return 72.0
    if quote_len >= 30:
        return 78.0
    return 86.0


def _fold_with_map(text: str) -> tuple[str, list[int]]:
    """:func:`fold` of ``text`` and, for each character of the result, its index in ``text``."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, ch in enumerate(text):
        piece = fold(ch) if not ch.isspace() else " "
        if piece == " " or piece == "":
            if piece == " " and out and not space:
                out.append(" ")
                where.append(i)
                space = True
            continue
        space = False
        out.extend(piece)
        where.extend([i] * len(piece))
    while out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def _context_score(index: DraftIndex, start: int, end: int, anchor: Anchor) -> float:
    """How well the text either side of ``start:end`` agrees with the anchor's prefix and suffix."""
    scores = []
    if anchor.prefix:
        before = index.text[max(0, start - CONTEXT_CHARS) : start]
        scores.append(fuzz.ratio(fold(anchor.prefix), fold(before)) / 100)
    if anchor.suffix:
        after = index.text[end : end + CONTEXT_CHARS]
        scores.append(fuzz.ratio(fold(anchor.suffix), fold(after)) / 100)
    return sum(scores) / len(scores) if scores else 0.5


class Carrier:
    """Carries anchors from ``old`` to ``new``; build once, call :meth:`carry` for every item."""

    def __init__(self, old: DraftIndex, new: DraftIndex, alignment: Alignment | None = None) -> None:
        self.old, self.new = old, new
        self.alignment = alignment if alignment is not None else align_outlines(old, new)
        self._blocks_by_text: dict[str, list[int]] | None = None
        self._postings: dict[str, list[int]] | None = None

    # -- indexes, built on first use ----------------------------------------------------------
    @property
    def blocks_by_text(self) -> dict[str, list[int]]:
        if self._blocks_by_text is None:
            found: dict[str, list[int]] = {}
            for b, block in enumerate(self.new.blocks):
                found.setdefault(block.text, []).append(b)
            self._blocks_by_text = found
        return self._blocks_by_text

    @property
    def postings(self) -> dict[str, list[int]]:
        if self._postings is None:
            found: dict[str, list[int]] = {}
            for b, text in enumerate(self.new.folded_blocks):
                for word in set(_WORD.findall(text)):
                    found.setdefault(word, []).append(b)
            self._postings = found
        return self._postings

    # -- the old side ----------------------------------------------------------------------
    def _old_section(self, anchor: Anchor) -> int | None:
        if anchor.section_id is not None and anchor.section_id in self.old.by_id:
            return anchor.section_id
        b = anchor.block_index
        if b is not None and 0 <= b < len(self.old.blocks):
            return self.old.section_of_block[b]
        return None

    def _old_offsets(self, anchor: Anchor) -> tuple[int, int] | None:
        """The anchor's offsets in the old text, if they still point at its quote."""
        s, e = anchor.start, anchor.end
        if s is None or e is None or anchor.quote is None or not 0 <= s < e <= len(self.old.text):
            return None
        return (s, e) if self.old.text[s:e] == anchor.quote else None

    # -- building new anchors ----------------------------------------------------------------
    def _span_anchor(self, start: int, end: int) -> Anchor:
        b = self.new.block_at(start)
        block = self.new.blocks[b]
        sid = self.new.section_of_block[b]
        return Anchor(
            section_id=sid,
            heading_path=self.new.heading_path(sid) if sid is not None else (),
            quote=self.new.text[start:end],
            prefix=self.new.text[max(0, start - CONTEXT_CHARS) : start],
            suffix=self.new.text[end : end + CONTEXT_CHARS],
            start=start,
            end=end,
            page_index=block.page,
            page_label=block.page_label,
            rects=tuple(block.rects),
            block_index=b,
        )

    def _section_anchor(self, sid: int) -> Anchor:
        s = self.new.by_id[sid]
        return Anchor(
            section_id=sid,
            heading_path=self.new.heading_path(sid),
            page_index=s.page_start - 1 if s.page_start else None,
            block_index=s.first_block,
        )

    def _same_place(self, old: Anchor, new: Anchor) -> bool:
        old_path = tuple(old.heading_path)
        if not old_path and old.section_id in self.old.by_id:
            old_path = self.old.heading_path(old.section_id)
        return old_path == tuple(new.heading_path) and _same_page(old.page_index, new.page_index)

    def _placed(self, old: Anchor, start: int, end: int, evidence: str, score: float) -> CarriedAnchor:
        new = self._span_anchor(start, end)
        status = CarryStatus.UNCHANGED if self._same_place(old, new) else CarryStatus.MOVED
        return CarriedAnchor(status, new, evidence, round(score, 3))

    # -- carrying ----------------------------------------------------------------------------
    def carry(self, anchor: Anchor) -> CarriedAnchor:
        """Where ``anchor`` (an anchor in the old version) goes in the new version."""
        old_sid = self._old_section(anchor)
        new_sid = self.alignment.new_for(old_sid)
        if anchor.quote and anchor.quote.strip():
            found = (
                self._same_paragraph(anchor, new_sid)
                or self._in_section(anchor, new_sid)
                or self._elsewhere(anchor, new_sid)
                or self._reworded(anchor, old_sid, new_sid)
            )
            if found is not None:
                return found
            if new_sid is not None:
                return CarriedAnchor(CarryStatus.EDITED, self._section_anchor(new_sid), "section", 0.5)
            return CarriedAnchor(CarryStatus.ORPHANED, None, "none", 0.0)
        if old_sid is None:
            whole = Anchor(section_id=None)
            return CarriedAnchor(CarryStatus.UNCHANGED, whole, "section", 1.0)
        if new_sid is None:
            return CarriedAnchor(CarryStatus.ORPHANED, None, "none", 0.0)
        new = self._section_anchor(new_sid)
        renamed, edited = self.alignment.section_changed(old_sid)
        if renamed or edited:
            return CarriedAnchor(CarryStatus.EDITED, new, "section", self.alignment.score.get(old_sid, 1.0))
        old_page = self.old.by_id[old_sid].page_start
        same = self.old.heading_path(old_sid) == new.heading_path and _same_page(
            old_page, self.new.by_id[new_sid].page_start
        )
        status = CarryStatus.UNCHANGED if same else CarryStatus.MOVED
        return CarriedAnchor(status, new, "section", 1.0)

    def _same_paragraph(self, anchor: Anchor, new_sid: int | None) -> CarriedAnchor | None:
        offsets = self._old_offsets(anchor)
        if offsets is None:
            return None
        start, end = offsets
        first, last = self.old.block_at(start), self.old.block_at(end - 1)
        texts = [self.old.blocks[b].text for b in range(first, last + 1)]
        candidates = [
            nb
            for nb in self.blocks_by_text.get(texts[0], ())
            if nb + len(texts) <= len(self.new.blocks)
            and all(self.new.blocks[nb + k].text == t for k, t in enumerate(texts))
        ]
        if not candidates:
            return None
        shift = start - self.old.starts[first]
        if len(candidates) > 1:
            home = [nb for nb in candidates if self._in_subtree(nb, new_sid)]
            if not home and new_sid is None:
                return None  # the same paragraph in several places and no section to choose by
            pool = home or candidates
            spans = [(self.new.starts[nb] + shift, self.new.starts[nb] + shift + end - start) for nb in pool]
            s, e, _ = self._best(spans, anchor, self._expected(anchor, new_sid))
            return self._placed(anchor, s, e, "paragraph", 1.0)
        new_start = self.new.starts[candidates[0]] + shift
        return self._placed(anchor, new_start, new_start + (end - start), "paragraph", 1.0)

    def _in_subtree(self, block: int, sid: int | None) -> bool:
        if sid is None:
            return False
        lo, hi = self.new.section_span(sid)
        return lo <= self.new.starts[block] < hi

    def _expected(self, anchor: Anchor, new_sid: int | None) -> int:
        """Where the quote would start in the new text if it kept its place in its section."""
        old_sid = self._old_section(anchor)
        if new_sid is None or old_sid is None or anchor.start is None:
            return 0
        return self.new.section_span(new_sid)[0] + max(0, anchor.start - self.old.section_span(old_sid)[0])

    def _best(
        self, spans: Sequence[tuple[int, int]], anchor: Anchor, expected: int
    ) -> tuple[int, int, float]:
        scored = [(_context_score(self.new, s, e, anchor), -abs(s - expected), s, e) for s, e in spans]
        scored.sort(reverse=True)
        context, _, s, e = scored[0]
        return s, e, context

    def _in_section(self, anchor: Anchor, new_sid: int | None) -> CarriedAnchor | None:
        if new_sid is None:
            return None
        lo, hi = self.new.section_span(new_sid)
        assert anchor.quote is not None
        spans = [(lo + s, lo + e) for s, e in find_quote(self.new.text[lo:hi], anchor.quote)]
        if not spans:
            return None
        s, e, context = self._best(spans, anchor, self._expected(anchor, new_sid))
        return self._placed(anchor, s, e, "quote", 0.9 + 0.1 * context)

    def _elsewhere(self, anchor: Anchor, new_sid: int | None) -> CarriedAnchor | None:
        assert anchor.quote is not None
        words = _WORD.findall(fold(anchor.quote))
        if not words:
            return None
        inner = words[1:-1] if len(words) >= 3 else words  # the ends may be cut mid-word
        postings = self.postings
        lists = [postings.get(w, []) for w in inner]
        if any(not hits for hits in lists):
            return None
        rarest = min(lists, key=len)[:_MAX_POSTINGS]
        spans: set[tuple[int, int]] = set()
        for b in rarest:
            lo_b, hi_b = max(0, b - 1), min(len(self.new.blocks) - 1, b + 1)
            lo = self.new.starts[lo_b]
            hi = self.new.starts[hi_b] + len(self.new.blocks[hi_b].text)
            spans.update((lo + s, lo + e) for s, e in find_quote(self.new.text[lo:hi], anchor.quote))
        if not spans:
            return None
        s, e, context = self._best(sorted(spans), anchor, self._expected(anchor, new_sid))
        if len(spans) > 1:
            others = sorted((_context_score(self.new, a, b, anchor) for a, b in spans), reverse=True)
            if others[1] >= context - 0.1:
                return None  # several places fit as well: let the section decide, or list it
        if len(anchor.quote.strip()) < MIN_ELSEWHERE and context < 0.6:
            return None
        return self._placed(anchor, s, e, "quote elsewhere", 0.7 + 0.2 * context)

    def _region(self, old_sid: int | None, new_sid: int | None) -> tuple[int, int] | None:
        """Where to look for a reworded quote: the matched section, or the gap its old neighbours
        leave in the new version."""
        if new_sid is not None:
            return self.new.section_span(new_sid)
        if old_sid is None:
            return None
        order = [s.id for s in self.old.sections]
        k = order.index(old_sid)
        before = next(
            (self.alignment.new_for(o) for o in reversed(order[:k]) if self.alignment.new_for(o)), None
        )
        after = next((self.alignment.new_for(o) for o in order[k + 1 :] if self.alignment.new_for(o)), None)
        lo = self.new.section_span(before)[1] if before is not None else 0
        hi = self.new.starts[self.new.by_id[after].first_block] if after is not None else len(self.new.text)
        return (lo, hi) if lo < hi else None

    def _reworded(self, anchor: Anchor, old_sid: int | None, new_sid: int | None) -> CarriedAnchor | None:
        assert anchor.quote is not None
        needle = fold(anchor.quote)
        if len(needle) < MIN_FUZZY:
            return None
        region = self._region(old_sid, new_sid)
        if region is None:
            return None
        lo, hi = region
        hi = min(hi, lo + _MAX_REGION)
        hay, where = _fold_with_map(self.new.text[lo:hi])
        if len(hay) < len(needle) // 2:
            return None
        bound = _fuzzy_bound(len(needle))
        found = fuzz.partial_ratio_alignment(needle, hay, score_cutoff=bound)
        if found is None:
            return None
        s, e = found.dest_start, found.dest_end
        while s > 0 and hay[s - 1].isalnum() and hay[s].isalnum():
            s -= 1  # widen to whole words
        while e < len(hay) and hay[e - 1].isalnum() and hay[e].isalnum():
            e += 1
        if e <= s:
            return None
        start, end = lo + where[s], lo + where[e - 1] + 1
        new = self._span_anchor(start, end)
        score = round(found.score / 100, 3)
        return CarriedAnchor(CarryStatus.EDITED, new, "reworded quote", score, self.new.text[start:end])


def carry_anchors(old: DraftIndex, new: DraftIndex, anchors: Sequence[Anchor]) -> list[CarriedAnchor]:
    """Every anchor carried from ``old`` to ``new`` (see :class:`Carrier`)."""
    carrier = Carrier(old, new)
    return [carrier.carry(a) for a in anchors]
