"""Naming a section whose title recurs under every priority, as a member types it."""

from __future__ import annotations

import pytest

from panelreview.core.anchor import AnchorError
from panelreview.core.model import Section
from panelreview.core.section_names import find_section
from panelreview.core.synthesis import synthesise

SECTIONS = [
    Section(0, None, "Priority 1: Visible policing", 1, None, 0, 9, 4, 5),
    Section(1, None, "What we will do", 2, 0, 1, 4, 4, 4),
    Section(2, None, "How we will measure progress", 2, 0, 5, 9, 5, 5),
    Section(3, None, "Priority 2: Reducing violence", 1, None, 10, 19, 6, 7),
    Section(4, None, "How we will measure progress", 2, 3, 11, 19, 7, 7),
    Section(5, None, "Revenue budget 2025/26", 1, None, 20, 22, 12, 12),
]


def test_a_repeated_title_lists_every_match_with_its_parent_and_page() -> None:
    with pytest.raises(AnchorError) as caught:
        find_section(SECTIONS, "How we will measure progress")
    message = str(caught.value)
    assert "matches 2 sections" in message
    assert "in Priority 1: Visible policing, page 5" in message
    assert "in Priority 2: Reducing violence, page 7" in message
    assert "“Priority 1 › How we will measure progress”" in message  # what to type instead


@pytest.mark.parametrize(
    "typed",
    [
        "Priority 2 › How we will measure progress",
        "Priority 2 > how we will measure progress",
        "Priority 2: Reducing violence / How we will measure progress",
        "How we will measure progress, page 7",
        "How we will measure progress (page 7)",
    ],
)
def test_a_parent_path_or_a_page_names_one(typed: str) -> None:
    assert find_section(SECTIONS, typed).id == 4


def test_a_title_with_a_slash_is_still_one_title() -> None:
    assert find_section(SECTIONS, "Revenue budget 2025/26").id == 5
    assert find_section(SECTIONS, "page 12").id == 5


def test_the_synthesis_keeps_same_named_sections_apart_and_names_their_parents() -> None:
    from panelreview.core.anchor import anchor_section
    from panelreview.core.review import Annotation, Kind, Member, Role, SectionRef, Visibility

    member = Member("m", "Cllr A", Role.MEMBER)

    def note(section: Section) -> Annotation:
        return Annotation(
            id=f"n{section.id}", author=member, draft_id="d", kind=Kind.COMMENT, body="x",
            anchor=anchor_section(SECTIONS, section), section=SectionRef(section.id, None, section.title),
            visibility=Visibility.PANEL, created="2025-01-01T00:00:00Z", updated="2025-01-01T00:00:00Z",
        )  # fmt: skip

    result = synthesise([note(SECTIONS[2]), note(SECTIONS[4])], [], SECTIONS, total_members=1)
    assert [p.where for p in result.sections] == [
        "“How we will measure progress” in “Priority 1: Visible policing”",
        "“How we will measure progress” in “Priority 2: Reducing violence”",
    ]


def test_a_repeated_title_is_named_with_its_parent_and_page_and_a_unique_one_alone() -> None:
    from panelreview.core.section_names import display_names

    names = display_names(SECTIONS)
    assert names[2] == "Priority 1 › How we will measure progress, p. 5"
    assert names[4] == "Priority 2 › How we will measure progress, p. 7"
    assert names[1] == "What we will do"  # only one: no need to say more
    assert names[0] == "Priority 1: Visible policing"
    for shown in (names[2], names[4]):  # what is shown can be typed back
        assert find_section(SECTIONS, shown).id == next(i for i, n in names.items() if n == shown)


def test_section_names_fall_back_to_the_label_an_item_recorded() -> None:
    from panelreview.core.section_names import SectionNames

    names = SectionNames(SECTIONS)
    assert names.name(4, "How we will measure progress") == "Priority 2 › How we will measure progress, p. 7"
    assert names.name(99, "Appendix A") == "Appendix A"  # not in this draft
    assert names.name(4, "Our finances") == "Our finances"  # the id now means another section
    assert names.name(None, "(whole draft)") == "(whole draft)"
