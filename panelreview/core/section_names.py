"""Finding the section a user names: "2.1", "Our vision", "Priority 2 › How we will measure
progress", "How we will measure progress, page 7".

Plans repeat headings under every priority ("What we will do", "How we will measure progress"),
so a title alone may match several sections. A user then names the part of the plan it is in
(a parent path, separated by ›, > or " / ") or its page; when they do not, the error lists every
match with its parents and page, so they can choose.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from panelreview.core.anchor import AnchorError
from panelreview.core.model import Section

_SPACE = re.compile(r"\s+")
_PATH = re.compile(r"\s*(?:›|»|>)\s*|\s+/\s+")  # not "/" inside "2025/26"
_PAGE = re.compile(r"^(?P<rest>.*?)[\s,;(]*\b(?:on\s+)?(?:page|p\.)\s*(?P<page>\d+)\)?\s*$", re.IGNORECASE)
_SHOWN_CHARS = 70


class SectionNameError(AnchorError):
    """The section a user named could not be found, or matches more than one place."""


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text.strip().rstrip(".").strip().lower())


def _shorten(text: str) -> str:
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def parents(sections: Sequence[Section], section: Section) -> list[Section]:
    """``section``'s ancestors, the top-level one first."""
    by_id = {s.id: s for s in sections}
    out: list[Section] = []
    node = by_id.get(section.parent) if section.parent is not None else None
    while node is not None and len(out) < 20:
        out.append(node)
        node = by_id.get(node.parent) if node.parent is not None else None
    return list(reversed(out))


def describe_match(sections: Sequence[Section], section: Section) -> str:
    """ "“How we will measure progress” in “Priority 2: Reducing violence …”, page 7"."""
    path = " › ".join(_shorten(p.label) for p in parents(sections, section))
    text = f"“{_shorten(section.label)}”"
    if path:
        text += f" in {path}"
    if section.page_start:
        text += f", page {section.page_start}"
    return text


def _matches(sections: Sequence[Section], wanted: str) -> list[Section]:
    """The sections whose number, title or label is ``wanted`` (the first test that finds any)."""
    key = _fold(wanted)
    tests: tuple[Callable[[Section], bool], ...] = (
        lambda s: s.number is not None and _fold(s.number) == key,
        lambda s: _fold(s.title) == key,
        lambda s: _fold(s.label) == key,
        lambda s: key in _fold(s.title),
    )
    for test in tests:
        found = [s for s in sections if test(s)]
        if found:
            return found
    return []


def _under(sections: Sequence[Section], section: Section, path: Sequence[str]) -> bool:
    """Whether ``section``'s ancestors include each of ``path`` in order (by number, start or part of
    their label: "Priority 2" names "Priority 2: Reducing violence …")."""
    labels = [_fold(p.label) for p in parents(sections, section)]
    numbers = [_fold(p.number or "") for p in parents(sections, section)]
    at = 0
    for part in path:
        key = _fold(part)
        while at < len(labels) and not (key == numbers[at] or key in labels[at]):
            at += 1
        if at == len(labels):
            return False
        at += 1
    return True


def find_section(sections: Sequence[Section], wanted: str) -> Section:
    """The section a user named, or a :class:`SectionNameError` that says what to type instead."""
    if not _fold(wanted):
        raise SectionNameError("No section was named. Give a section number such as 2.1, or its title.")
    if not sections:
        raise SectionNameError("PanelReview found no sections in this draft. Quote a passage instead.")
    text = wanted.strip()
    page: int | None = None
    paged = _PAGE.match(text)
    if paged:
        text, page = paged["rest"].strip(" ,;("), int(paged["page"])
    *path, last = [p for p in _PATH.split(text) if p.strip()] or [""]
    if not last:  # "page 7" alone: the sections that start on that page
        found = [s for s in sections if s.page_start == page]
    else:
        found = _matches(sections, last)
        if path:
            found = [s for s in found if _under(sections, s, path)]
        if page is not None:
            found = [
                s for s in found if s.page_start and s.page_start <= page <= (s.page_end or s.page_start)
            ]
    if len(found) == 1:
        return found[0]
    if not found:
        raise SectionNameError(
            f"There is no section “{_shorten(wanted)}” in this draft. "
            "Check the number or title against the draft's outline."
        )
    listed = "; ".join(describe_match(sections, s) for s in found[:8])
    more = f" and {len(found) - 8} more" if len(found) > 8 else ""
    example = found[0]
    top = parents(sections, example)
    hint = f"“{_shorten(top[0].label.split(':')[0])} › {_shorten(example.title)}”" if top else "its number"
    raise SectionNameError(
        f"“{_shorten(wanted)}” matches {len(found)} sections: {listed}{more}. Name the part of the plan "
        f"it is in, for example {hint}, or add its page (“{_shorten(example.title)}, page "
        f"{example.page_start or 1}”)."
    )
