"""Finding a quoted passage or a section in a draft, and the anchor that pins a note to it.

An anchor keeps several redundant selectors so a later issue can re-find the passage in another
draft version: the section and its heading path, the quote with some text either side, character
offsets in :func:`panelreview.core.model.full_text`, the page (index, printed label, rectangles)
and the block index. Everything here is pure: no I/O, no Qt.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from panelreview.core.errors import UserError
from panelreview.core.model import Block, Document, Rect, Section, full_text
from panelreview.core.textfix import LIGATURES

CONTEXT_CHARS = 32
_SHOWN_CHARS = 60

# Typographic quotes and apostrophes match their plain forms: members type ' where a PDF has ’.
_FOLD = str.maketrans({"‘": "'", "’": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "\u00a0": " "})
_SPACE = re.compile(r"\s+")


class AnchorError(UserError):
    """A quote or section named by the user could not be found, or matches more than one place."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a note points in one draft. ``quote`` is None for a note on a whole section."""

    section_id: int | None
    heading_path: tuple[str, ...] = ()
    quote: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    start: int | None = None
    end: int | None = None
    page_index: int | None = None
    page_label: str | None = None
    rects: tuple[Rect, ...] = ()
    block_index: int | None = None


def _shorten(text: str) -> str:
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def _normalise(text: str, drop_spaces: bool) -> tuple[str, list[int]]:
    """``text`` with whitespace runs collapsed (or dropped) and quotes folded, and a map back.

    ``positions[i]`` is the index in ``text`` of the i-th character of the result.
    """
    folded = text.translate(_FOLD)
    out: list[str] = []
    positions: list[int] = []
    in_space = False
    for i, ch in enumerate(folded):
        if ch.isspace():
            if not drop_spaces and not in_space and out:
                out.append(" ")
                positions.append(i)
            in_space = True
            continue
        in_space = False
        out.append(ch)
        positions.append(i)
    if out and out[-1] == " ":
        out.pop()
        positions.pop()
    return "".join(out), positions


def _occurrences(haystack: str, needle: str) -> list[int]:
    found: list[int] = []
    pos = haystack.find(needle)
    while pos != -1:
        found.append(pos)
        pos = haystack.find(needle, pos + 1)
    return found


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Every place ``quote`` occurs in ``text`` as ``(start, end)`` offsets into ``text``.

    Matching is exact except for whitespace: runs of spaces and line breaks count as one space,
    and if that finds nothing, spaces are ignored altogether (PDF text often has gaps such as
    "effi cient"). Curly quotes match straight ones.
    """
    for drop_spaces in (False, True):
        needle, _ = _normalise(quote, drop_spaces)
        if not needle:
            return []
        hay, positions = _normalise(text, drop_spaces)
        spans = [(positions[s], positions[s + len(needle) - 1] + 1) for s in _occurrences(hay, needle)]
        if spans:
            return spans
    return []


def heading_path(sections: Sequence[Section], section: Section) -> tuple[str, ...]:
    """Labels from the top-level ancestor down to ``section``."""
    by_id = {s.id: s for s in sections}
    path: list[str] = []
    node: Section | None = section
    seen: set[int] = set()
    while node is not None and node.id not in seen:
        seen.add(node.id)
        path.append(node.label)
        node = by_id.get(node.parent) if node.parent is not None else None
    return tuple(reversed(path))


def innermost_section(sections: Sequence[Section], block_index: int) -> Section | None:
    """The deepest section whose block span contains ``block_index``."""
    found: Section | None = None
    for section in sections:
        if section.first_block <= block_index <= section.last_block and (
            found is None or section.level >= found.level
        ):
            found = section
    return found


def anchor_quote(document: Document, quote: str) -> Anchor:
    """The anchor for the one place ``quote`` occurs in ``document``; a clear error otherwise."""
    if not quote.strip():
        raise AnchorError("The quote is empty. Copy a passage from the draft and try again.")
    text, starts = full_text(document.blocks)
    spans = find_quote(text, quote)
    shown = _shorten(quote)
    if not spans:
        raise AnchorError(
            f"The passage “{shown}” is not in the draft “{document.file_name}”. Check the wording, "
            "or copy it straight from the draft."
        )
    if len(spans) > 1:
        places = []
        for start, _ in spans[:5]:
            block = max(0, bisect.bisect_right(starts, start) - 1)
            sec = innermost_section(document.sections, block)
            places.append(sec.label if sec else "the opening text")
        where = "; ".join(dict.fromkeys(places))
        raise AnchorError(
            f"The passage “{shown}” appears {len(spans)} times in the draft (in {where}). "
            "Quote a few more words so it points to one place."
        )
    start, end = spans[0]
    return anchor_span(document, start, end)


TextMap = tuple[str, list[int]]


def anchor_span(document: Document, start: int, end: int, text_map: TextMap | None = None) -> Anchor:
    """The anchor for characters ``start:end`` of the draft's full text.

    ``text_map`` is :func:`full_text` of the document, for callers anchoring many passages.
    """
    text, starts = text_map if text_map is not None else full_text(document.blocks)
    if not 0 <= start < end <= len(text):
        raise AnchorError("That selection is outside the draft's text.")
    block_index = max(0, bisect.bisect_right(starts, start) - 1)
    block = document.blocks[block_index] if document.blocks else None
    section = innermost_section(document.sections, block_index)
    return Anchor(
        section_id=section.id if section else None,
        heading_path=heading_path(document.sections, section) if section else (),
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
        page_index=block.page if block else None,
        page_label=block.page_label if block else None,
        rects=tuple(block.rects) if block else (),
        block_index=block_index if block else None,
    )


def anchor_section(sections: Sequence[Section], section: Section) -> Anchor:
    """The anchor for a note on a whole section; needs only the (cached) section list."""
    return Anchor(
        section_id=section.id,
        heading_path=heading_path(sections, section),
        page_index=section.page_start - 1 if section.page_start else None,
        block_index=section.first_block,
    )


def _clean_number(value: str) -> str:
    return value.strip().rstrip(".").strip().lower()


# ----- words on a PDF page ------------------------------------------------------------------------
# A word as PyMuPDF's ``page.get_text("words")`` gives it: x0, y0, x1, y1 (PDF points), text.
WordBox = tuple[float, float, float, float, str]

_WORD_SLACK = 24  # characters a word may sit past where the previous one ended (dropped glyphs)
_HYPHENS = ("-", "\u2010", "\u00ad")
# Soft hyphens and zero-width characters, and the marks Qt keeps where a table or frame begins or ends.
_SKIP = {"\u00ad", "\u200b", "\ufeff", "\ufdd0", "\ufdd1", "\ufffc"}


@dataclass(frozen=True, slots=True)
class PlacedWord:
    """A word on a PDF page and, where it is part of the draft's text, its place in that text.

    ``start``/``end`` are offsets in :func:`panelreview.core.model.full_text`; both None for
    words the reader left out (running headers, page numbers, bullet glyphs). ``line`` numbers
    the page's lines in reading order.
    """

    page: int
    rect: Rect
    text: str
    line: int
    start: int | None = None
    end: int | None = None


_NOT_SPACE = re.compile(r"\S+")


def _skeleton(text: str) -> tuple[str, list[int]]:
    """``text`` without whitespace, quotes folded and ligatures expanded, and a map back."""
    where: list[int] = []
    if text.isascii():  # no ligatures, curly quotes or invisible marks: only the spaces go
        runs = _NOT_SPACE.findall(text)
        if len(runs) == 1 and len(runs[0]) == len(text):
            return text, list(range(len(text)))
        for run in _NOT_SPACE.finditer(text):
            where.extend(range(run.start(), run.end()))
        return "".join(runs), where
    chars: list[str] = []
    for i, ch in enumerate(text):
        if ch.isspace() or ch in _SKIP:
            continue
        plain = LIGATURES.get(ch, ch).translate(_FOLD)
        chars.append(plain)
        where.extend([i] * len(plain))
    return "".join(chars), where


def _find_word(skeleton: str, key: str, cursor: int) -> tuple[int, int] | None:
    """Where ``key`` sits at or a little after ``cursor``: (start, length) in ``skeleton``."""
    keys = [key]
    if len(key) > 1 and key.endswith(_HYPHENS):
        keys.append(key[:-1])  # "neigh-" at a line end is "neighbourhood" in the text
    for candidate in keys:
        limit = cursor + len(candidate) + _WORD_SLACK
        found = skeleton.find(candidate, cursor, limit)
        if found != -1:
            return found, len(candidate)
    if len(key) >= 4:
        for candidate in keys:
            found = skeleton.find(candidate, cursor)
            if found != -1:
                return found, len(candidate)
    return None


_BAND = 12.0  # points: line boxes are indexed by horizontal bands this tall


def _band_index(lines: Sequence[Rect]) -> dict[int, list[int]]:
    bands: dict[int, list[int]] = {}
    for n, (_, y0, _, y1) in enumerate(lines):
        for band in range(int((y0 - 1) // _BAND), int((y1 + 1) // _BAND) + 1):
            bands.setdefault(band, []).append(n)
    return bands


def _line_of(word: WordBox, lines: Sequence[Rect], bands: dict[int, list[int]]) -> int | None:
    """The line box holding the centre of ``word`` (the nearest by height if several do)."""
    cx, cy = (word[0] + word[2]) / 2, (word[1] + word[3]) / 2
    best: int | None = None
    best_distance = 0.0
    for n in bands.get(int(cy // _BAND), ()):
        x0, y0, x1, y1 = lines[n]
        if x0 - 1 <= cx <= x1 + 1 and y0 - 1 <= cy <= y1 + 1:
            distance = abs((y0 + y1) / 2 - cy)
            if best is None or distance < best_distance:
                best, best_distance = n, distance
    return best


def place_words(
    page: int, blocks: Sequence[Block], starts: Sequence[int], words: Sequence[WordBox]
) -> list[PlacedWord]:
    """A page's words in reading order, each matched to its characters in the draft's text.

    ``blocks`` are the blocks on ``page`` in reading order, ``starts`` their offsets in the full
    text. A word belongs to the block whose line box holds it; within a block the words are matched
    in order to the block's text ignoring spaces, so repaired hyphenation and ligatures still match.
    Words in no block (running headers and footers) come first or last by where they sit.
    """
    line_boxes: list[Rect] = []
    line_block: list[int] = []
    for b, block in enumerate(blocks):
        line_boxes.extend(block.rects)
        line_block.extend([b] * len(block.rects))
    bands = _band_index(line_boxes)
    on_line: dict[int, list[WordBox]] = {}
    outside: list[WordBox] = []
    for word in words:
        if not word[4].strip():
            continue
        line = _line_of(word, line_boxes, bands)
        if line is None:
            outside.append(word)
        else:
            on_line.setdefault(line, []).append(word)

    placed: list[PlacedWord] = []
    top = min((box[1] for box in line_boxes), default=0.0)
    outside.sort(key=lambda w: (round(w[1]), w[0]))
    before = [w for w in outside if (w[1] + w[3]) / 2 < top]
    after = [w for w in outside if (w[1] + w[3]) / 2 >= top]
    line_number = _place_unmatched(page, before, placed, 0)

    cursor_block = -1
    cursor = 0
    skeleton, where = "", list[int]()
    for line in range(len(line_boxes)):
        b = line_block[line]
        if b != cursor_block:
            cursor_block, cursor = b, 0
            skeleton, where = _skeleton(blocks[b].text)
        for word in sorted(on_line.get(line, []), key=lambda w: w[0]):
            key, _ = _skeleton(word[4])
            hit = _find_word(skeleton, key, cursor) if key else None
            rect = (word[0], word[1], word[2], word[3])
            if hit is None:
                placed.append(PlacedWord(page, rect, word[4], line_number))
                continue
            at, length = hit
            cursor = at + length
            start = starts[b] + where[at]
            end = starts[b] + where[at + length - 1] + 1
            placed.append(PlacedWord(page, rect, word[4], line_number, start, end))
        if line in on_line:
            line_number += 1
    _place_unmatched(page, after, placed, line_number)
    return placed


def _place_unmatched(page: int, words: list[WordBox], out: list[PlacedWord], line: int) -> int:
    """Append words that are not the draft's text, one line per row; returns the next line number."""
    last_y: float | None = None
    for word in words:
        if last_y is not None and abs(word[1] - last_y) > 2.5:
            line += 1
        last_y = word[1]
        out.append(PlacedWord(page, (word[0], word[1], word[2], word[3]), word[4], line))
    return line + 1 if words else line


def line_rects(words: Sequence[PlacedWord]) -> list[tuple[int, Rect]]:
    """One rectangle per line the words are on, as (page, rect), in reading order."""
    boxes: dict[tuple[int, int], Rect] = {}
    for word in words:
        key = (word.page, word.line)
        x0, y0, x1, y1 = word.rect
        old = boxes.get(key)
        if old is not None:
            x0, y0, x1, y1 = min(x0, old[0]), min(y0, old[1]), max(x1, old[2]), max(y1, old[3])
        boxes[key] = (x0, y0, x1, y1)
    return [(page, rect) for (page, _), rect in boxes.items()]


def words_in_span(words: Sequence[PlacedWord], start: int, end: int) -> list[PlacedWord]:
    """The words whose characters fall inside ``start:end`` of the full text."""
    return [w for w in words if w.start is not None and w.end is not None and w.start < end and w.end > start]


def anchor_words(
    document: Document, words: Sequence[PlacedWord], text_map: TextMap | None = None
) -> Anchor | None:
    """The anchor for words selected on the page(s); None if none of them is the draft's text.

    Its rectangles are the selected words' lines on the first page of the passage (an anchor has
    one page); the quote runs from the first selected word of the text to the last.
    """
    mapped = [w for w in words if w.start is not None and w.end is not None]
    if not mapped:
        return None
    start = min(w.start for w in mapped if w.start is not None)
    end = max(w.end for w in mapped if w.end is not None)
    anchor = anchor_span(document, start, end, text_map)
    first_page = min(mapped, key=lambda w: (w.start, w.page)).page
    rects = tuple(rect for page, rect in line_rects(mapped) if page == first_page)
    return replace(anchor, page_index=first_page, rects=rects)


def match_offsets(shown: str, source: str) -> list[int | None]:
    """For each character of ``shown``, its offset in ``source``, matching all but whitespace.

    ``shown`` is ``source`` as a view displays it: whitespace collapsed or turned into line
    separators, perhaps with a few characters put in front (a list number). Whitespace in
    ``shown`` maps to None; so do leading characters that ``source`` does not have.
    """
    shown_skeleton, shown_where = _skeleton(shown)
    source_skeleton, source_where = _skeleton(source)
    out: list[int | None] = [None] * len(shown)
    extra = len(shown_skeleton) - len(source_skeleton)
    if extra == 0:
        for k, s in enumerate(source_where):
            out[shown_where[k]] = s
        return out
    offset = extra if extra > 0 and shown_skeleton.endswith(source_skeleton) else 0
    s = 0
    for k in range(offset, len(shown_skeleton)):
        if s >= len(source_skeleton):
            break
        if shown_skeleton[k] == source_skeleton[s]:
            out[shown_where[k]] = source_where[s]
            s += 1
    return out


def __getattr__(name: str) -> Callable[[Sequence[Section], str], Section]:
    """``find_section`` moved to :mod:`panelreview.core.section_names` (naming a section by its parent
    path or page); it stays importable from here."""
    if name == "find_section":
        from panelreview.core.section_names import find_section

        return find_section
    raise AttributeError(name)
