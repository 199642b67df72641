"""Word's automatic numbering and paragraph styles, resolved from the package's XML.

python-docx exposes neither list numbers nor outline levels, and resolving ``paragraph.style`` one
paragraph at a time is slow on large files, so styles and numbering are read once into plain maps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(element: etree._Element | None, attr: str = "val") -> str | None:
    if element is None:
        return None
    value = element.get(q(attr))
    return value if value is not None else None


@dataclass(slots=True)
class StyleInfo:
    name: str
    based_on: str | None
    outline_level: int | None  # 0-based as Word stores it; 9 means body text
    num_id: str | None
    ilvl: int | None


_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_NON_SECTION_STYLES = re.compile(r"^(title|subtitle|toc\b|toc heading|caption|footnote|header|footer)", re.I)


class Styles:
    """Paragraph styles by id, with heading level resolved through ``basedOn`` chains."""

    def __init__(self, root: etree._Element | None) -> None:
        self._styles: dict[str, StyleInfo] = {}
        self.default_id: str | None = None
        self.list_styles: dict[str, str] = {}  # numbering style id -> the numId it stands for
        if root is None:
            return
        for style in root.iter(q("style")):
            style_id = style.get(q("styleId"))
            ppr = style.find(q("pPr"))
            if style.get(q("type")) == "numbering" and style_id is not None and ppr is not None:
                list_id = _val(ppr.find(f"{q('numPr')}/{q('numId')}"))
                if list_id is not None:
                    self.list_styles[style_id] = list_id
            if style.get(q("type")) not in (None, "paragraph") or style_id is None:
                continue
            outline = _val(ppr.find(q("outlineLvl"))) if ppr is not None else None
            numpr = ppr.find(q("numPr")) if ppr is not None else None
            num_id = _val(numpr.find(q("numId"))) if numpr is not None else None
            ilvl = _val(numpr.find(q("ilvl"))) if numpr is not None else None
            self._styles[style_id] = StyleInfo(
                name=_val(style.find(q("name"))) or style_id,
                based_on=_val(style.find(q("basedOn"))),
                outline_level=int(outline) if outline and outline.isdigit() else None,
                num_id=num_id,
                ilvl=int(ilvl) if ilvl and ilvl.isdigit() else None,
            )
            if style.get(q("default")) in ("1", "true"):
                self.default_id = style_id
        self._level_cache: dict[str, int | None] = {}

    def name(self, style_id: str | None) -> str:
        info = self._styles.get(style_id or self.default_id or "")
        return info.name if info else ""

    def heading_level(self, style_id: str | None) -> int | None:
        """1 for "Heading 1" or a style based on it or with outline level 0; None for body styles."""
        key = style_id or self.default_id or ""
        if key in self._level_cache:
            return self._level_cache[key]
        level: int | None = None
        seen: set[str] = set()
        current: str | None = key
        while current and current not in seen:
            seen.add(current)
            info = self._styles.get(current)
            if info is None:
                break
            if _NON_SECTION_STYLES.match(info.name):
                break
            m = _HEADING_NAME.match(info.name)
            if m:
                level = int(m.group(1))
                break
            if info.outline_level is not None:
                level = info.outline_level + 1 if info.outline_level < 9 else None
                break
            current = info.based_on
        self._level_cache[key] = level
        return level

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen: set[str] = set()
        current = style_id or self.default_id
        while current and current not in seen:
            seen.add(current)
            info = self._styles.get(current)
            if info is None:
                break
            if info.num_id is not None:
                return info.num_id, info.ilvl
            current = info.based_on
        return None, None

    def is_excluded(self, style_id: str | None) -> bool:
        return bool(_NON_SECTION_STYLES.match(self.name(style_id)))


@dataclass(slots=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    legal: bool = False  # w:isLgl: every number in this level's text is shown in decimal
    restart: int | None = None  # w:lvlRestart: 1-based level whose use restarts this one; 0 = never


@dataclass(slots=True)
class _NumDef:
    abstract_id: str
    overrides: dict[int, int] = field(default_factory=dict)  # ilvl -> startOverride
    level_defs: dict[int, Level] = field(default_factory=dict)


class Numbering:
    """Counts list items as Word does and renders their numbers ("1.1", "(a)", "iv.").

    ``list_styles`` maps a numbering style's id to the list (``numId``) it names: an abstract list
    that only says ``numStyleLink`` takes its levels from there, as Word's list styles do.
    """

    def __init__(self, root: etree._Element | None, list_styles: dict[str, str] | None = None) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._nums: dict[str, _NumDef] = {}
        self._counters: dict[str, list[int | None]] = {}
        if root is None:
            return
        style_links: dict[str, str] = {}
        for abstract in root.iter(q("abstractNum")):
            aid = abstract.get(q("abstractNumId"))
            if aid is not None:
                self._abstract[aid] = _levels(abstract)
                link = _val(abstract.find(q("numStyleLink")))
                if link is not None:
                    style_links[aid] = link
        for num in root.iter(q("num")):
            nid = num.get(q("numId"))
            aid = _val(num.find(q("abstractNumId")))
            if nid is None or aid is None:
                continue
            definition = _NumDef(aid)
            for override in num.iter(q("lvlOverride")):
                ilvl = override.get(q("ilvl"))
                if ilvl is None or not ilvl.isdigit():
                    continue
                start = _val(override.find(q("startOverride")))
                if start and start.lstrip("-").isdigit():
                    definition.overrides[int(ilvl)] = int(start)
                lvl = override.find(q("lvl"))
                if lvl is not None:  # Word ignores w:lvlRestart in an override
                    definition.level_defs[int(ilvl)] = replace(_level(lvl), restart=None)
            self._nums[nid] = definition
        for aid, style_id in style_links.items():
            linked = self._nums.get((list_styles or {}).get(style_id, ""))
            if linked is not None and linked.abstract_id != aid and not self._abstract[aid]:
                self._abstract[aid] = self._abstract.get(linked.abstract_id, {})

    def next_label(self, num_id: str, ilvl: int) -> tuple[str, bool] | None:
        """Advance the list and return (rendered label, is_bullet), or None if not numbered."""
        definition = self._nums.get(num_id)
        if definition is None or num_id == "0":
            return None
        levels = dict(self._abstract.get(definition.abstract_id, {}))
        levels.update(definition.level_defs)
        ilvl = max(0, min(ilvl, 8))
        for i, start in definition.overrides.items():
            if i in levels:
                levels[i] = replace(levels[i], start=start)
            else:
                levels[i] = Level(start=start)
        level = levels.get(ilvl, Level())
        if level.fmt == "bullet":
            return "", True
        # Lists sharing an abstract definition share counters unless a num restarts them.
        key = num_id if definition.overrides else definition.abstract_id
        counters = self._counters.setdefault(key, [None] * 9)
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            # A deeper level restarts when any shallower level is used, unless its w:lvlRestart
            # names the shallowest level that restarts it (0: never restarts).
            restart = levels.get(deeper, Level()).restart
            if restart is None or restart > deeper or ilvl < restart:
                counters[deeper] = None
        if level.fmt == "none":
            return "", False

        def render(match: re.Match[str]) -> str:
            i = int(match.group(1)) - 1
            value = counters[i] if 0 <= i < 9 else None
            if value is None:
                value = levels.get(i, Level()).start
            return format_number(value, "decimal" if level.legal else levels.get(i, Level()).fmt)

        return re.sub(r"%([1-9])", render, level.text), False


def _levels(abstract: etree._Element) -> dict[int, Level]:
    out: dict[int, Level] = {}
    for lvl in abstract.findall(q("lvl")):
        ilvl = lvl.get(q("ilvl"))
        if ilvl is not None and ilvl.isdigit():
            out[int(ilvl)] = _level(lvl)
    return out


def _level(lvl: etree._Element) -> Level:
    start = _val(lvl.find(q("start")))
    restart = _val(lvl.find(q("lvlRestart")))
    legal = lvl.find(q("isLgl"))
    return Level(
        fmt=_val(lvl.find(q("numFmt"))) or "decimal",
        text=_val(lvl.find(q("lvlText"))) or "",
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        legal=legal is not None and _val(legal) not in ("0", "false", "off"),
        restart=int(restart) if restart and restart.isdigit() else None,
    )


def format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        # Word's letters run a…z, then aa, bb … zz, then aaa: one letter, repeated.
        n = max(1, value) - 1
        letters = chr(ord("a") + n % 26) * (n // 26 + 1)
        return letters if fmt == "lowerLetter" else letters.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        roman = to_roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def to_roman(value: int) -> str:
    if value <= 0 or value >= 4000:
        return str(value)
    table = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]  # fmt: skip
    out = ""
    for number, letters in table:
        while value >= number:
            out += letters
            value -= number
    return out
