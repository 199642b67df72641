"""Word's multi-level numbering as a member sees it in Word: 1 / 1.1 / 1.1.1 outlines, restarts,
legal-style numbers, lettered and roman sub-levels, start values and overrides.

Each expected number is what Word shows for the list as built (worked out from Word's numbering
rules, not from PanelReview), and each test checks the outline and the numbers references use.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from panelreview.core.anchor import anchor_quote
from panelreview.core.model import Document
from panelreview.core.section_names import find_section
from panelreview.ingest import open_document
from panelreview.ingest.docx_numbering import format_number
from tests.ingest.builders import docx_bytes, write
from tests.ingest.word_lists import (
    Lvl,
    add_abstract,
    add_list_style,
    add_num,
    link_style,
    number,
    section_break,
)

Row = tuple[str | None, str, int, str | None]  # number, title, level, parent's label


def _open(tmp_path: Path, build: Any) -> Document:
    return open_document(write(tmp_path, "plan.docx", docx_bytes(build)))


def _outline(document: Document) -> list[Row]:
    by_id = {s.id: s for s in document.sections}
    return [
        (s.number, s.title, s.level, by_id[s.parent].label if s.parent is not None else None)
        for s in document.sections
    ]


def _outline_headings(document: Any) -> None:
    """Headings numbered by their styles, as Word's "1 / 1.1 / 1.1.1" multilevel list does."""
    abstract = add_abstract(
        document, [Lvl("decimal", "%1"), Lvl("decimal", "%1.%2"), Lvl("decimal", "%1.%2.%3")]
    )
    outline = add_num(document, abstract)
    for ilvl in range(3):
        link_style(document, f"Heading {ilvl + 1}", outline, ilvl)
    for level, title in [
        (1, "Introduction"),
        (2, "Purpose"),
        (2, "Scope"),
        (3, "In scope"),
        (3, "Out of scope"),
        (1, "Priorities"),
        (2, "Safer streets"),
        (3, "Burglary"),
        (2, "Supporting victims"),
        (1, "Finance"),
    ]:
        document.add_heading(title, level=level)
        document.add_paragraph(f"The plan says this about {title.lower()} and what it will cost.")


def test_heading_outline_restarts_deeper_levels_after_each_heading(tmp_path: Path) -> None:
    document = _open(tmp_path, _outline_headings)
    assert _outline(document) == [
        ("1", "Introduction", 1, None),
        ("1.1", "Purpose", 2, "1 Introduction"),
        ("1.2", "Scope", 2, "1 Introduction"),
        ("1.2.1", "In scope", 3, "1.2 Scope"),
        ("1.2.2", "Out of scope", 3, "1.2 Scope"),
        ("2", "Priorities", 1, None),
        ("2.1", "Safer streets", 2, "2 Priorities"),
        ("2.1.1", "Burglary", 3, "2.1 Safer streets"),
        ("2.2", "Supporting victims", 2, "2 Priorities"),
        ("3", "Finance", 1, None),
    ]
    assert find_section(document.sections, "2.1.1").title == "Burglary"
    assert find_section(document.sections, "2.2.").title == "Supporting victims"
    anchor = anchor_quote(document, "about burglary and what")
    assert anchor.heading_path == ("2 Priorities", "2.1 Safer streets", "2.1.1 Burglary")


def _legal_list(document: Any) -> None:
    """Roman chapters, legal-style (isLgl) 1.1 paragraphs, lettered and roman sub-points."""
    abstract = add_abstract(
        document,
        [
            Lvl("upperRoman", "%1."),
            Lvl("decimal", "%1.%2", legal=True),
            Lvl("lowerLetter", "(%3)"),
            Lvl("lowerRoman", "(%4)"),
        ],
    )
    num = add_num(document, abstract)
    document.add_heading("Our commitments", level=1)
    for ilvl, text in [
        (0, "Neighbourhood policing"),
        (1, "Visible patrols in every ward"),
        (1, "Front counters open at weekends"),
        (2, "in market towns"),
        (2, "in the city centre"),
        (3, "on Saturdays"),
        (3, "on Sundays"),
        (3, "on bank holidays"),
        (3, "on weekday evenings"),
        (0, "Victims and witnesses"),
        (1, "A single point of contact"),
        (2, "for repeat victims"),
    ]:
        number(document.add_paragraph(text), num, ilvl)


def test_legal_numbering_shows_decimal_under_roman_chapters(tmp_path: Path) -> None:
    document = _open(tmp_path, _legal_list)
    assert _outline(document) == [
        (None, "Our commitments", 1, None),
        ("I", "Neighbourhood policing", 2, "Our commitments"),
        ("1.1", "Visible patrols in every ward", 3, "I Neighbourhood policing"),
        ("1.2", "Front counters open at weekends", 3, "I Neighbourhood policing"),
        ("a", "in market towns", 3, "1.2 Front counters open at weekends"),
        ("b", "in the city centre", 3, "1.2 Front counters open at weekends"),
        ("i", "on Saturdays", 3, "b in the city centre"),
        ("ii", "on Sundays", 3, "b in the city centre"),
        ("iii", "on bank holidays", 3, "b in the city centre"),
        ("iv", "on weekday evenings", 3, "b in the city centre"),
        ("II", "Victims and witnesses", 2, "Our commitments"),
        ("2.1", "A single point of contact", 3, "II Victims and witnesses"),
        ("a", "for repeat victims", 3, "2.1 A single point of contact"),
    ]
    assert find_section(document.sections, "2.1").title == "A single point of contact"
    assert anchor_quote(document, "weekday evenings").heading_path[-2:] == (
        "b in the city centre",
        "iv on weekday evenings",
    )


def _starts_and_overrides(document: Any) -> None:
    """A list starting at 5 with a lettered level, restarted by w:startOverride, and re-styled by
    a w:lvlOverride in another list instance."""
    abstract = add_abstract(document, [Lvl("decimal", "%1.", start=5), Lvl("lowerLetter", "%2)")])
    document.add_heading("Targets", level=1)
    targets = add_num(document, abstract)
    number(document.add_paragraph("Burglary falls each year"), targets, 0)
    for letter in "abcdefghij":
        number(document.add_paragraph(f"district {letter.upper()} reports monthly"), targets, 1)
    number(document.add_paragraph("Robbery falls each year"), targets, 0)
    document.add_heading("Funding", level=1)
    funding = add_num(document, abstract, start_overrides={0: 1})
    number(document.add_paragraph("Grants to partners"), funding, 0)
    number(document.add_paragraph("Community safety fund"), funding, 1)
    number(document.add_paragraph("Reserves kept low"), funding, 0)
    document.add_heading("Partners", level=1)
    partners = add_num(document, abstract, {0: 1}, {0: Lvl("upperLetter", "%1.")})
    number(document.add_paragraph("Councils share data"), partners, 0)
    number(document.add_paragraph("Health services refer early"), partners, 0)
    number(document.add_paragraph("Mental health triage"), partners, 1)


def test_start_values_start_overrides_and_level_overrides(tmp_path: Path) -> None:
    document = _open(tmp_path, _starts_and_overrides)
    numbered = [(s.number, s.title.split()[0]) for s in document.sections if s.number]
    letters = [(letter, "district") for letter in "abcdefghij"]
    assert numbered == [
        ("5", "Burglary"),
        *letters,
        ("6", "Robbery"),
        ("1", "Grants"),
        ("a", "Community"),
        ("2", "Reserves"),
        ("A", "Councils"),
        ("B", "Health"),
        ("a", "Mental"),
    ]
    by_number = {s.number: s for s in document.sections}
    district_i = next(s for s in document.sections if s.title.startswith("district I "))
    assert district_i.number == "i"  # the ninth letter, not a roman one
    assert district_i.parent == by_number["5"].id
    assert by_number["j"].parent == by_number["5"].id
    assert find_section(document.sections, "6").title == "Robbery falls each year"
    assert find_section(document.sections, "Health services").number == "B"


def _continuous_paragraphs(document: Any) -> None:
    """Chapters "1." and "2." with paragraph numbers that never restart (w:lvlRestart 0), as
    council reports number paragraphs, across a Word section break."""
    abstract = add_abstract(document, [Lvl("decimal", "%1."), Lvl("decimal", "%2.", restart=0)])
    num = add_num(document, abstract)
    link_style(document, "Heading 1", num, 0)
    document.add_heading("Introduction", level=1)
    number(document.add_paragraph("The panel met in October."), num, 1)
    document.add_paragraph("An unnumbered paragraph between them.")
    last = number(document.add_paragraph("It reviewed the draft plan."), num, 1)
    section_break(last)
    document.add_heading("Findings", level=1)
    number(document.add_paragraph("The panel welcomed the priorities."), num, 1)
    number(document.add_paragraph("It wants more on rural crime."), num, 1)


def test_paragraph_numbers_continue_across_chapters_and_sections(tmp_path: Path) -> None:
    document = _open(tmp_path, _continuous_paragraphs)
    assert _outline(document) == [
        ("1", "Introduction", 1, None),
        ("1", "The panel met in October.", 2, "1 Introduction"),
        ("2", "It reviewed the draft plan.", 2, "1 Introduction"),
        ("2", "Findings", 1, None),
        ("3", "The panel welcomed the priorities.", 2, "2 Findings"),
        ("4", "It wants more on rural crime.", 2, "2 Findings"),
    ]
    assert find_section(document.sections, "4").title.startswith("It wants")
    assert anchor_quote(document, "rural crime").heading_path == (
        "2 Findings",
        "4 It wants more on rural crime.",
    )


def _list_style(document: Any) -> None:
    """A list whose levels live in a list style (w:numStyleLink), as Word's "Define New List Style"."""
    real = add_abstract(document, [Lvl("decimal", "%1."), Lvl("decimal", "%1.%2.")], style_link="PlanList")
    add_list_style(document, "PlanList", add_num(document, real))
    linked = add_num(document, add_abstract(document, [], num_style_link="PlanList"))
    document.add_heading("Outcomes", level=1)
    items = [(0, "Safer streets"), (1, "Fewer burglaries"), (1, "Fewer thefts"), (0, "Fair policing")]
    for ilvl, text in items:
        number(document.add_paragraph(text), linked, ilvl)


def test_list_style_levels_are_used(tmp_path: Path) -> None:
    document = _open(tmp_path, _list_style)
    assert _outline(document) == [
        (None, "Outcomes", 1, None),
        ("1", "Safer streets", 2, "Outcomes"),
        ("1.1", "Fewer burglaries", 3, "1 Safer streets"),
        ("1.2", "Fewer thefts", 3, "1 Safer streets"),
        ("2", "Fair policing", 2, "Outcomes"),
    ]


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (1, "lowerLetter", "a"),
        (26, "lowerLetter", "z"),
        (27, "lowerLetter", "aa"),  # Word repeats the letter after z: aa, bb, cc…
        (28, "lowerLetter", "bb"),
        (52, "upperLetter", "ZZ"),
        (53, "upperLetter", "AAA"),
        (4, "lowerRoman", "iv"),
        (9, "lowerRoman", "ix"),
        (14, "upperRoman", "XIV"),
        (40, "upperRoman", "XL"),
        (49, "upperRoman", "XLIX"),
        (90, "upperRoman", "XC"),
        (400, "upperRoman", "CD"),
        (444, "lowerRoman", "cdxliv"),
        (900, "upperRoman", "CM"),
        (1994, "upperRoman", "MCMXCIV"),
        (2026, "upperRoman", "MMXXVI"),
        (3888, "upperRoman", "MMMDCCCLXXXVIII"),
        (3999, "upperRoman", "MMMCMXCIX"),
        (0, "upperRoman", "0"),  # Word has no roman zero or numerals past 3999: shown as a number
        (4000, "upperRoman", "4000"),
        (7, "decimalZero", "07"),
        (12, "decimalZero", "12"),
        (7, "decimal", "7"),
        (7, "ordinal", "7"),  # formats PanelReview does not spell out are shown as numbers
    ],
)
def test_numbers_are_written_in_each_format_as_word_writes_them(value: int, fmt: str, shown: str) -> None:
    assert format_number(value, fmt) == shown
