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


def _parent_part(label: str) -> str:
    """A parent's label as a path part: "Priority 4" for "Priority 4: Reducing harm …"."""
    head, colon, _rest = label.partition(":")
    return _shorten(head) if colon and 0 < len(head.strip()) <= 30 else _shorten(label)


def path_name(sections: Sequence[Section], section: Section) -> str:
    """ "Priority 4 › How we will measure progress, p. 12": the section with its parents and page."""
    parts = [_parent_part(p.label) for p in parents(sections, section)]
    text = " › ".join([*parts, " ".join(section.label.split())])
    return f"{text}, p. {section.page_start}" if section.page_start else text


def display_names(sections: Sequence[Section]) -> dict[int, str]:
    """How to name each section to a member in a list, a dialog or a tooltip: its label, or, where
    several sections share that label ("How we will measure progress" under every priority), its
    parents and page as well, so the name says which one. A member can type the name back
    (:func:`find_section` accepts it)."""
    counts: dict[str, int] = {}
    for section in sections:
        key = _fold(section.label)
        counts[key] = counts.get(key, 0) + 1
    return {s.id: path_name(sections, s) if counts[_fold(s.label)] > 1 else s.label for s in sections}


class SectionNames:
    """The display names of one draft's sections, looked up by id (with a fallback label for an
    item whose section is not in this draft)."""

    def __init__(self, sections: Sequence[Section]) -> None:
        self._names = display_names(sections)
        self._labels = {s.id: s.label for s in sections}

    def name(self, section_id: int | None, fallback: str = "") -> str:
        """The section's display name; ``fallback`` when it is not one of this draft's sections, or
        when ``fallback`` (the label an item recorded) names a different section than the id does."""
        if section_id is None or section_id not in self._names:
            return fallback
        if fallback and _fold(fallback) != _fold(self._labels[section_id]):
            return fallback
        return self._names[section_id]
