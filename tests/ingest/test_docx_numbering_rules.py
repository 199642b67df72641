"""Word's numbering and style rules one at a time, on the numbering and styles XML itself: defaults
for what a list leaves out, levels that show no number, removed numbering, legal numbering switched
off, and heading levels that come from outline levels and base styles."""

from __future__ import annotations

import pytest
from lxml import etree

from panelreview.ingest.docx_numbering import Numbering, Styles

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _numbering(abstract: str, *nums: str) -> Numbering:
    xml = f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="1">{abstract}</w:abstractNum>'
    xml += "".join(nums) or '<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>'
    return Numbering(etree.fromstring(xml + "</w:numbering>"))


def _labels(numbering: Numbering, *levels: int, num_id: str = "5") -> list[tuple[str, bool] | None]:
    return [numbering.next_label(num_id, ilvl) for ilvl in levels]


def test_a_level_without_format_or_start_counts_in_decimal_from_one() -> None:
    numbering = _numbering('<w:lvl w:ilvl="0"><w:lvlText w:val="%1)"/></w:lvl>')
    assert _labels(numbering, 0, 0, 0) == [("1)", False), ("2)", False), ("3)", False)]


def test_a_list_may_start_at_zero() -> None:
    numbering = _numbering('<w:lvl w:ilvl="0"><w:start w:val="0"/><w:lvlText w:val="%1."/></w:lvl>')
    assert _labels(numbering, 0, 0) == [("0.", False), ("1.", False)]


def test_levels_that_show_no_number_and_bullets() -> None:
    numbering = _numbering(
        '<w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:numFmt w:val="none"/><w:lvlText w:val=""/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>'
        '<w:lvl w:ilvl="3"><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1.%4"/></w:lvl>'
    )
    assert _labels(numbering, 0, 1, 2, 3, 3, 0) == [
        ("1.", False),
        ("", False),  # numbered, but its level shows nothing
        ("", True),  # a bullet
        ("1.a", False),
        ("1.b", False),
        ("2.", False),
    ]


def test_numbering_removed_or_unknown_gives_no_number() -> None:
    numbering = _numbering('<w:lvl w:ilvl="0"><w:lvlText w:val="%1."/></w:lvl>')
    assert numbering.next_label("0", 0) is None  # numId 0: "no numbering" over a numbered style
    assert numbering.next_label("77", 0) is None
    assert Numbering(None).next_label("5", 0) is None


def test_a_level_without_text_shows_no_number() -> None:
    numbering = _numbering('<w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl>')
    assert _labels(numbering, 0) == [("", False)]


def test_a_level_restarts_only_after_the_level_its_restart_names() -> None:
    text = ["%1.", "%1.%2.", "%1.%2.%3"]
    restart = {2: '<w:lvlRestart w:val="1"/>', 1: '<w:lvlRestart w:val="2"/>'}  # 2 on level 2: ignored
    abstract = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>{restart.get(i, "")}'
        f'<w:lvlText w:val="{t}"/></w:lvl>'
        for i, t in enumerate(text)
    )
    assert [label for label, _ in _labels(_numbering(abstract), 0, 1, 2, 2, 1, 2, 0, 1, 2)] == [  # type: ignore[misc]
        "1.",
        "1.1.",
        "1.1.1",
        "1.1.2",
        "1.2.",
        "1.2.3",  # level 3 restarts only when level 1 is used
        "2.",
        "2.1.",  # level 2 restarts as usual: its own number as its restart level is ignored
        "2.1.1",
    ]


def test_legal_numbering_can_be_switched_off() -> None:
    levels = (
        '<w:lvl w:ilvl="0"><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/><w:isLgl w:val="{on}"/>'
        '<w:lvlText w:val="%1.%2"/></w:lvl>'
    )
    for off in ("0", "false", "off"):
        assert _labels(_numbering(levels.format(on=off)), 0, 1) == [("I.", False), ("I.1", False)]
    for on in ("1", "true", "on"):
        assert _labels(_numbering(levels.format(on=on)), 0, 1) == [("I.", False), ("1.1", False)]


def test_levels_past_the_ninth_are_the_ninth() -> None:
    abstract = "".join(f'<w:lvl w:ilvl="{i}"><w:lvlText w:val="%{i + 1}."/></w:lvl>' for i in range(9))
    assert _labels(_numbering(abstract), 8, 12) == [("1.", False), ("2.", False)]


def test_a_start_override_is_the_level_start_in_that_list() -> None:
    numbering = _numbering(
        '<w:lvl w:ilvl="0"><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:lvlText w:val="%1.%2"/></w:lvl>',
        '<w:num w:numId="5"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="4"/></w:lvlOverride>'
        '<w:lvlOverride w:ilvl="x"><w:startOverride w:val="9"/></w:lvlOverride></w:num>',
    )
    assert _labels(numbering, 0, 1, 1) == [("1.", False), ("1.4", False), ("1.5", False)]


def _styles(*styles: str) -> Styles:
    return Styles(etree.fromstring(f'<w:styles xmlns:w="{W}">{"".join(styles)}</w:styles>'))


def _style(style_id: str, name: str, inner: str = "", *, default: str = "") -> str:
    flag = f' w:default="{default}"' if default else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"{flag}><w:name w:val="{name}"/>{inner}</w:style>'
    )


@pytest.mark.parametrize(
    ("style_id", "level"),
    [
        ("Heading2", 2),
        ("CouncilHeading", 2),  # based on Heading 2
        ("Outline0", 1),  # outline level 0 is a top-level heading
        ("Outline2", 3),
        ("BodyOutline", None),  # outline level 9: body text
        ("BasedOnOutline", 3),
        ("Title", None),  # the title is not a section
        ("TitleChild", None),
        (None, None),  # the default paragraph style
        ("Missing", None),
    ],
)
def test_heading_levels_from_names_outline_levels_and_base_styles(
    style_id: str | None, level: int | None
) -> None:
    styles = _styles(
        _style("Normal", "Normal", '<w:pPr><w:outlineLvl w:val="9"/></w:pPr>', default="1"),
        _style("Heading2", "heading 2"),
        _style("CouncilHeading", "Council Heading", '<w:basedOn w:val="Heading2"/>'),
        _style("Outline0", "Plan Part", '<w:pPr><w:outlineLvl w:val="0"/></w:pPr>'),
        _style("Outline2", "Plan Point", '<w:pPr><w:outlineLvl w:val="2"/></w:pPr>'),
        _style("BodyOutline", "Plan Body", '<w:pPr><w:outlineLvl w:val="9"/></w:pPr>'),
        _style("BasedOnOutline", "Plan Point 2", '<w:basedOn w:val="Outline2"/>'),
        _style("Title", "Title", '<w:pPr><w:outlineLvl w:val="0"/></w:pPr>'),
        _style("TitleChild", "Cover Title", '<w:basedOn w:val="Title"/>'),
    )
    assert styles.heading_level(style_id) == level
    assert styles.heading_level(style_id) == level  # and the same again (it is remembered)


def test_list_numbering_comes_through_base_styles_and_list_styles() -> None:
    styles = _styles(
        '<w:style w:type="character" w:styleId="Strong" w:default="1"><w:name w:val="Strong"/></w:style>',
        _style("Body", "Body Text", default="true"),
        _style(
            "ListNumber",
            "List Number",
            '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="7"/></w:numPr></w:pPr>',
        ),
        _style("MyList", "My List", '<w:basedOn w:val="ListNumber"/>'),
        '<w:style w:type="numbering" w:styleId="PlanList"><w:name w:val="Plan List"/>'
        '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>',
    )
    assert styles.numbering("MyList") == ("7", 1)
    assert styles.numbering(None) == (None, None)
    assert styles.list_styles == {"PlanList": "3"}
    assert styles.name("MyList") == "My List" and styles.name(None) == "Body Text"  # the default
    assert styles.is_excluded("Normal") is False
