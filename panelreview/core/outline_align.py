"""Which section of one version of a draft is which section of another, judged by content.

A Commissioner's office renumbers outcomes when one is deleted, renames headings, moves whole
chapters and rewords paragraphs between drafts. Section numbers and titles are therefore weak
evidence; a section's own text (the blocks it holds before its first sub-section) is strong
evidence. :func:`align_outlines` matches sections in passes, strongest evidence first:

1. the same title and the same own text (unchanged, wherever it now sits);
2. the same own text (renamed or renumbered, or moved with its chapter);
3. the same title under matched parents (a heading with no text of its own, such as "What we
   will achieve" under each priority);
4. similar own text or title, scored with rapidfuzz, among candidates that share rare words or sit
   under the matched parent (reworded sections);
5. the one unmatched section in the same slot between matched neighbours, when it is at least a
   little alike (a renamed heading whose paragraph was rewritten);
6. a heading whose sub-sections mostly moved together under one new heading.

Anything left has no counterpart: removed (old side) or added (new side). Pure Python; no I/O.

    alignment = align_outlines(DraftIndex(old_document), DraftIndex(new_document))
    alignment.new_for(old_section_id)      # the matching new section id, or None (removed)
    alignment.changed_sections()           # new section ids whose title or text changed
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from panelreview.core.model import Block, Document, Section, full_text

_FOLD = str.maketrans(
    {
        "‘": "'", "’": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"',
        "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "\u00a0": " ", "\u00ad": None,
        "\u200b": None, "\ufeff": None, "ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl",
    }
)  # fmt: skip
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)
_LEADING_NUMBER = re.compile(r"^\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivxlc]{1,6})[.)]?\s+", re.IGNORECASE)

#: Two drafts are versions of one plan when at least this share of their sections match.
SAME_PLAN = 0.5
#: A pair of sections scoring at least this (0-1) may be matched by similarity (pass 4).
SIMILAR = 0.6
#: The one section in the same slot must score at least this to be matched (pass 5).
SAME_SLOT = 0.3
_CANDIDATES = 8  # new sections scored per old section in pass 4


def fold(text: str) -> str:
    """Text as compared: NFKC, typographic quotes and dashes plain, whitespace collapsed, lower case."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return _SPACE.sub(" ", text).strip().lower()


@dataclass(slots=True)
class SectionInfo:
    """A section as the alignment sees it: folded title, own text (without its heading), place."""

    section: Section
    title: str
    body: str
    order: int
    words: frozenset[str] = frozenset()


class DraftIndex:
    """One version of a draft, indexed once for aligning outlines and finding passages.

    ``text``/``starts`` are :func:`panelreview.core.model.full_text`; ``section_of_block[b]`` is the
    innermost section holding block ``b`` (None before the first section).
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        self.blocks: list[Block] = document.blocks
        self.sections: list[Section] = list(document.sections)
        self.text, self.starts = full_text(document.blocks)
        self.by_id: dict[int, Section] = {s.id: s for s in self.sections}
        self.section_of_block: list[int | None] = [None] * len(self.blocks)
        own_end: dict[int, int] = {}
        ordered = sorted(self.sections, key=lambda s: (s.first_block, s.level))
        for n, s in enumerate(ordered):
            nxt = ordered[n + 1].first_block if n + 1 < len(ordered) else len(self.blocks)
            end = min(s.last_block + 1, max(nxt, s.first_block + 1), len(self.blocks))
            own_end[s.id] = end
            for b in range(s.first_block, end):
                self.section_of_block[b] = s.id
        self.own_end = own_end
        self._folded_blocks: list[str] | None = None
        self._info: dict[int, SectionInfo] | None = None
        self._paths: dict[int, tuple[str, ...]] = {}
        self._children: dict[int | None, list[int]] | None = None

    # -- blocks ------------------------------------------------------------------------------
    @property
    def folded_blocks(self) -> list[str]:
        if self._folded_blocks is None:
            self._folded_blocks = [fold(b.text) for b in self.blocks]
        return self._folded_blocks

    def section_span(self, section_id: int) -> tuple[int, int]:
        """Characters of the full text a section covers, sub-sections included."""
        s = self.by_id[section_id]
        last = min(max(s.last_block, s.first_block), len(self.blocks) - 1)
        return self.starts[s.first_block], self.starts[last] + len(self.blocks[last].text)

    def block_at(self, offset: int) -> int:
        """The block holding character ``offset`` of the full text."""
        import bisect

        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    # -- sections ----------------------------------------------------------------------------
    def heading_path(self, section_id: int) -> tuple[str, ...]:
        found = self._paths.get(section_id)
        if found is None:
            s = self.by_id[section_id]
            parent = self.heading_path(s.parent) if s.parent in self.by_id else ()
            found = (*parent, s.label)
            self._paths[section_id] = found
        return found

    @property
    def children(self) -> dict[int | None, list[int]]:
        if self._children is None:
            kids: dict[int | None, list[int]] = {}
            for s in self.sections:
                parent = s.parent if s.parent in self.by_id else None
                kids.setdefault(parent, []).append(s.id)
            self._children = kids
        return self._children

    def parent_of(self, section_id: int) -> int | None:
        parent = self.by_id[section_id].parent
        return parent if parent in self.by_id else None

    @property
    def info(self) -> dict[int, SectionInfo]:
        if self._info is None:
            folded = self.folded_blocks
            found: dict[int, SectionInfo] = {}
            for order, s in enumerate(self.sections):
                title = fold(s.title)
                parts = folded[s.first_block : self.own_end[s.id]]
                if parts:
                    first = _LEADING_NUMBER.sub("", parts[0]) if s.number else parts[0]
                    heading = self.blocks[s.first_block].kind.value == "heading"
                    parts = parts[1:] if heading or first == title else [first, *parts[1:]]
                body = " ".join(p for p in parts if p)
                found[s.id] = SectionInfo(s, title, body, order, frozenset(_WORD.findall(body)))
            self._info = found
        return self._info


@dataclass(slots=True)
class Alignment:
    """Old section id -> new section id for every matched section, and how each was matched."""

    old_to_new: dict[int, int] = field(default_factory=dict)
    evidence: dict[int, str] = field(default_factory=dict)  # old id -> "same", "text", "title", ...
    score: dict[int, float] = field(default_factory=dict)
    old: DraftIndex | None = None
    new: DraftIndex | None = None

    def new_for(self, old_id: int | None) -> int | None:
        return None if old_id is None else self.old_to_new.get(old_id)

    @property
    def new_to_old(self) -> dict[int, int]:
        return {n: o for o, n in self.old_to_new.items()}

    def removed(self) -> list[int]:
        """Old sections with no counterpart in the new version, in reading order."""
        assert self.old is not None
        return [s.id for s in self.old.sections if s.id not in self.old_to_new]

    def added(self) -> list[int]:
        """New sections with no counterpart in the old version, in reading order."""
        assert self.new is not None
        matched = set(self.old_to_new.values())
        return [s.id for s in self.new.sections if s.id not in matched]

    def section_changed(self, old_id: int) -> tuple[bool, bool]:
        """Whether a matched section's (title, own text) differ between the versions."""
        assert self.old is not None and self.new is not None
        new_id = self.old_to_new[old_id]
        a, b = self.old.info[old_id], self.new.info[new_id]
        return a.title != b.title, a.body != b.body

    def changed_sections(self) -> dict[int, str]:
        """New section id -> "added", "renamed", "edited" or "renamed and edited" for every new
        section that is not word for word the same as its old counterpart."""
        assert self.new is not None
        out: dict[int, str] = {n: "added" for n in self.added()}
        for o, n in self.old_to_new.items():
            renamed, edited = self.section_changed(o)
            if renamed or edited:
                out[n] = "renamed and edited" if renamed and edited else "renamed" if renamed else "edited"
        return out

    def similarity(self) -> float:
        """How much of the two outlines matches (0-1): the share of sections with a counterpart."""
        assert self.old is not None and self.new is not None
        total = len(self.old.sections) + len(self.new.sections)
        return 1.0 if total == 0 else 2 * len(self.old_to_new) / total


def _unique(values: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Keys that occur once, with their section id."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for key, sid in values:
        counts[key] += 1
        first.setdefault(key, sid)
    return {k: first[k] for k, n in counts.items() if n == 1}


def _pair_score(a: SectionInfo, b: SectionInfo) -> float:
    title = fuzz.ratio(a.title, b.title) / 100
    if a.body and b.body:
        body = fuzz.ratio(a.body, b.body) / 100
        return 0.8 * body + 0.2 * title
    if a.body or b.body:
        return 0.6 * title
    return title


def _slot_score(a: SectionInfo, b: SectionInfo) -> float:
    """A looser likeness for a section in the same slot: shared words of title or text."""
    title = fuzz.token_set_ratio(a.title, b.title) / 100
    body = fuzz.token_set_ratio(a.body, b.body) / 100 if a.body and b.body else 0.0
    return max(title, body)


class _Aligner:
    def __init__(self, old: DraftIndex, new: DraftIndex) -> None:
        self.old, self.new = old, new
        self.result = Alignment(old=old, new=new)
        self.taken: set[int] = set()

    def match(self, o: int, n: int, how: str, score: float) -> None:
        self.result.old_to_new[o] = n
        self.result.evidence[o] = how
        self.result.score[o] = round(score, 3)
        self.taken.add(n)

    def free_old(self) -> list[int]:
        return [s.id for s in self.old.sections if s.id not in self.result.old_to_new]

    def free_new(self) -> list[int]:
        return [s.id for s in self.new.sections if s.id not in self.taken]

    def run(self) -> Alignment:
        self._exact(lambda i: f"{i.title}\n{i.body}", "same")
        self._exact(lambda i: i.body if len(i.body) >= 12 else "", "text")
        for _ in range(3):
            before = len(self.result.old_to_new)
            self._same_title_under_parent()
            self._similar()
            self._same_slot()
            self._by_children()
            if len(self.result.old_to_new) == before:
                break
        return self.result

    def _exact(self, key: Callable[[SectionInfo], str], how: str) -> None:
        old = _unique((key(self.old.info[o]), o) for o in self.free_old())
        new = _unique((key(self.new.info[n]), n) for n in self.free_new())
        for k, o in old.items():
            if k and k in new:
                self.match(o, new[k], how, 1.0)

    def _parent_match(self, o: int) -> int | bool | None:
        """The new counterpart of ``o``'s parent (None: top level); False if the parent is unmatched."""
        parent = self.old.parent_of(o)
        if parent is None:
            return None
        return self.result.old_to_new.get(parent, False)

    def _same_title_under_parent(self) -> None:
        oi, ni = self.old.info, self.new.info
        for o in self.free_old():
            parent = self._parent_match(o)
            if parent is False:
                continue
            assert parent is None or isinstance(parent, int)
            siblings = [n for n in self.new.children.get(parent, []) if n not in self.taken]
            same = [n for n in siblings if ni[n].title == oi[o].title]
            olds = [x for x in self.old.children.get(self.old.parent_of(o), []) if oi[x].title == oi[o].title]
            if len(same) == 1 and len(olds) == 1:
                self.match(o, same[0], "title", _pair_score(oi[o], ni[same[0]]))

    def _candidates(self, o: int, free_new: Sequence[int], postings: dict[str, list[int]]) -> set[int]:
        oi = self.old.info[o]
        votes: Counter[int] = Counter()
        for word in oi.words | frozenset(_WORD.findall(oi.title)):
            hits = postings.get(word, ())
            if 0 < len(hits) <= 50:
                for n in hits:
                    votes[n] += 1
        found = {n for n, _ in votes.most_common(_CANDIDATES)}
        parent = self._parent_match(o)
        if parent is not False:
            assert parent is None or isinstance(parent, int)
            found.update(n for n in self.new.children.get(parent, []) if n not in self.taken)
        return found & set(free_new)

    def _similar(self) -> None:
        free_old, free_new = self.free_old(), self.free_new()
        if not free_old or not free_new:
            return
        postings: dict[str, list[int]] = {}
        for n in free_new:
            info = self.new.info[n]
            for word in info.words | frozenset(_WORD.findall(info.title)):
                postings.setdefault(word, []).append(n)
        scored: list[tuple[float, int, int]] = []
        for o in free_old:
            for n in self._candidates(o, free_new, postings):
                score = _pair_score(self.old.info[o], self.new.info[n])
                if self._parent_match(o) == self.new.parent_of(n):
                    score += 0.05  # the same place in the tree breaks ties
                if score >= SIMILAR:
                    order_gap = abs(self.old.info[o].order - self.new.info[n].order)
                    scored.append((score - order_gap * 1e-6, o, n))
        for score, o, n in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
            if o not in self.result.old_to_new and n not in self.taken:
                self.match(o, n, "similar", min(score, 1.0))

    def _same_slot(self) -> None:
        """An unmatched section between matched siblings pairs with the one unmatched new section
        between their counterparts, if they are at least a little alike."""
        for parent_old, kids in self.old.children.items():
            if parent_old is None:
                parent_new: int | None = None
            elif parent_old in self.result.old_to_new:
                parent_new = self.result.old_to_new[parent_old]
            else:
                continue
            new_kids = self.new.children.get(parent_new, [])
            position = {n: k for k, n in enumerate(new_kids)}
            for k, o in enumerate(kids):
                if o in self.result.old_to_new:
                    continue
                before = self.result.old_to_new.get(kids[k - 1]) if k > 0 else None
                after = self.result.old_to_new.get(kids[k + 1]) if k + 1 < len(kids) else None
                lo = position[before] + 1 if before in position else (0 if k == 0 else None)
                hi = position[after] if after in position else (len(new_kids) if k + 1 == len(kids) else None)
                if lo is None or hi is None or hi - lo != 1:
                    continue
                n = new_kids[lo]
                if n in self.taken or self.new.by_id[n].level != self.old.by_id[o].level:
                    continue
                score = _slot_score(self.old.info[o], self.new.info[n])
                if score >= SAME_SLOT:
                    self.match(o, n, "place", score)

    def _by_children(self) -> None:
        """A heading whose matched sub-sections mostly sit under one new heading is that heading."""
        for o in self.free_old():
            kids = self.old.children.get(o, [])
            parents = Counter(
                self.new.parent_of(self.result.old_to_new[k]) for k in kids if k in self.result.old_to_new
            )
            if not parents:
                continue
            (n, votes), total = parents.most_common(1)[0], sum(parents.values())
            if n is None or n in self.taken or votes * 2 <= len(kids) or votes * 3 < total * 2:
                continue
            if self.new.by_id[n].level == self.old.by_id[o].level:
                self.match(o, n, "children", votes / max(len(kids), 1))


def plan_similarity(alignment: Alignment) -> float:
    """How alike two drafts are as versions of one plan (0-1): the share of sections with a
    counterpart or, for drafts with hardly any outline, the share of paragraphs they have in common
    (whichever is higher)."""
    assert alignment.old is not None and alignment.new is not None
    old, new = alignment.old, alignment.new
    outline = alignment.similarity() if min(len(old.sections), len(new.sections)) >= 3 else 0.0
    a = {t for t in old.folded_blocks if len(t) > 20}
    b = {t for t in new.folded_blocks if len(t) > 20}
    text = 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0
    return max(outline, text)


def align_outlines(old: DraftIndex, new: DraftIndex) -> Alignment:
    """Match every section of ``old`` to its counterpart in ``new`` by content (see the module)."""
    return _Aligner(old, new).run()
