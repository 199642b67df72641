"""Decide which PDF paragraphs are headings, and their levels.

The PDF's own bookmarks are used when they agree with the text (most of their entries are found as
paragraphs on the pages they point to). Otherwise headings come from typography: text larger than the
body text, or bold at body size, set apart in its own short paragraph; sizes rank the levels.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from panelreview.core.sections import normalise
from panelreview.ingest.pdf_layout import Paragraph

MAX_LEVEL = 3
BOOKMARKS_AGREE = 0.6
MAX_HEADING_WORDS = 20
_NO_HEADING_END = (".", ",", ";", "”", '"')
_QUOTE_START = ("“", '"', "‘", "'")

Key = tuple[int, int]  # (page index, paragraph index on that page)


def assign_headings(pages: list[list[Paragraph]], toc: list[tuple[int, str, int]]) -> dict[Key, int]:
    """Map (page, paragraph) to heading level for every paragraph that is a heading."""
    from_toc = _from_bookmarks(pages, toc)
    if from_toc is not None:
        return from_toc
    return _from_typography(pages)


def _key(text: str) -> str:
    return normalise(text).lower()


def _from_bookmarks(pages: list[list[Paragraph]], toc: list[tuple[int, str, int]]) -> dict[Key, int] | None:
    entries = [
        (lvl, title, page - 1) for lvl, title, page in toc if lvl <= MAX_LEVEL and 0 <= page - 1 < len(pages)
    ]
    if not entries:
        return None
    found: dict[Key, int] = {}
    for level, title, pno in entries:
        want = _key(title)
        if not want:
            continue
        for i, para in enumerate(pages[pno]):
            if (pno, i) in found or para.table_row is not None:
                continue
            have = _key(para.text)
            if have == want or (have.startswith(want) and len(want) >= 0.5 * len(have)):
                found[(pno, i)] = level
                break
    if len(found) < BOOKMARKS_AGREE * len(entries):
        return None
    return found


def _word_count(text: str) -> int:
    return len(text.split())


def _body_size(pages: list[list[Paragraph]]) -> float:
    weight: Counter[float] = Counter()
    for paras in pages:
        for para in paras:
            for line in para.lines:
                weight[round(line.size, 1)] += len(line.text)
    return weight.most_common(1)[0][0] if weight else 11.0


def _is_candidate(para: Paragraph, body: float) -> bool:
    if para.table_row is not None or para.bullet or not para.uniform:
        return False
    text = para.text.strip()
    letters = sum(c.isalpha() for c in text)
    if letters < 2 or _word_count(text) > MAX_HEADING_WORDS or text.endswith(_NO_HEADING_END):
        return False
    if text.startswith(_QUOTE_START) or re.search(r"\.{3,}\s*\d+$", text):
        return False
    if len({round(line.bbox[1]) for line in para.lines}) > 3:
        return False
    return para.size >= body + 1.0 or (para.bold and para.size >= body - 0.3)


def _from_typography(pages: list[list[Paragraph]]) -> dict[Key, int]:
    body = _body_size(pages)
    candidates: dict[Key, tuple[float, bool]] = {}
    tier_pages: dict[tuple[float, bool], set[int]] = defaultdict(set)
    for pno, paras in enumerate(pages):
        for i, para in enumerate(paras):
            if _is_candidate(para, body):
                tier = (round(para.size * 2) / 2, para.bold)
                candidates[(pno, i)] = tier
                tier_pages[tier].add(pno)
    # A style seen only on the cover page is the document's title, not a heading level.
    tiers = [t for t, seen in tier_pages.items() if not (seen == {0} and len(pages) > 1)]
    tiers.sort(key=lambda t: (-t[0], not t[1]))
    rank = {tier: n + 1 for n, tier in enumerate(tiers[:MAX_LEVEL])}
    return {key: rank[tier] for key, tier in candidates.items() if tier in rank}
