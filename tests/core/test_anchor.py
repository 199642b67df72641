"""Finding what a member quoted or named in a draft, and the anchor kept for it (pure, no files)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panelreview.core.anchor import (
    CONTEXT_CHARS,
    AnchorError,
    anchor_quote,
    anchor_section,
    find_quote,
)
from panelreview.core.model import Block, BlockKind, DocFormat, Document, DocumentIdentity, Section, full_text
from panelreview.core.section_names import find_section


def _doc() -> Document:
    texts = [
        ("Our priorities", BlockKind.HEADING, 0, "i"),
        ("Priority 1: Fewer victims", BlockKind.HEADING, 1, "2"),
        (
            "We will reduce burglary by working with partners in every district of the county.",
            BlockKind.PARAGRAPH,
            1,
            "2",
        ),
        ("Priority 2: Safer roads", BlockKind.HEADING, 2, "3"),
        (
            "We will reduce the number of people killed or seriously injured on our roads.",
            BlockKind.PARAGRAPH,
            2,
            "3",
        ),
        ("Effi cient services", BlockKind.HEADING, 3, "4"),
    ]
    blocks = [
        Block(i, kind, text, page=page, page_label=label, rects=[(10.0, 20.0 * i, 300.0, 20.0 * i + 12)])
        for i, (text, kind, page, label) in enumerate(texts)
    ]
    sections = [
        Section(0, None, "Our priorities", 1, None, 0, 5, 1, 4),
        Section(1, "1", "Fewer victims", 2, 0, 1, 2, 2, 2),
        Section(2, "2", "Safer roads", 2, 0, 3, 4, 3, 3),
        Section(3, None, "Effi cient services", 2, 0, 5, 5, 4, 4),
    ]
    identity = DocumentIdentity("0" * 64, DocFormat.PDF, "Draft plan", 4)
    return Document(identity, "draft.pdf", blocks, sections)


def test_quote_is_found_across_line_breaks_and_curly_quotes() -> None:
    assert find_quote("the Commissioner’s plan", "Commissioner's  plan") == [(4, 23)]
    assert find_quote("reduce\n\nburglary", "reduce burglary") == [(0, 16)]


def test_quote_with_a_pdf_gap_still_matches() -> None:
    text = "more effi cient services"
    (span,) = find_quote(text, "efficient services")
    assert text[span[0] : span[1]] == "effi cient services"


def test_anchor_keeps_redundant_selectors() -> None:
    doc = _doc()
    anchor = anchor_quote(doc, "reduce burglary by working")
    text, _ = full_text(doc.blocks)
    assert anchor.start is not None and anchor.end is not None
    assert text[anchor.start : anchor.end] == anchor.quote == "reduce burglary by working"
    assert anchor.prefix == text[max(0, anchor.start - CONTEXT_CHARS) : anchor.start]
    assert anchor.suffix is not None and len(anchor.suffix) == CONTEXT_CHARS
    assert anchor.section_id == 1 and anchor.heading_path == ("Our priorities", "1 Fewer victims")
    assert (anchor.page_index, anchor.page_label, anchor.block_index) == (1, "2", 2)
    assert anchor.rects == ((10.0, 40.0, 300.0, 52.0),)


def test_ambiguous_and_missing_quotes_are_explained() -> None:
    doc = _doc()
    with pytest.raises(AnchorError, match=r"appears 2 times .*Fewer victims.*Safer roads"):
        anchor_quote(doc, "We will reduce")
    with pytest.raises(AnchorError, match=r"not in the draft “draft\.pdf”"):
        anchor_quote(doc, "abolish the panel")
    with pytest.raises(AnchorError, match="empty"):
        anchor_quote(doc, "  \n")


def test_sections_are_found_by_number_title_or_part_of_a_title() -> None:
    sections = _doc().sections
    assert find_section(sections, "2.").title == "Safer roads"
    assert find_section(sections, "fewer VICTIMS").number == "1"
    assert find_section(sections, "1 Fewer victims").id == 1
    assert find_section(sections, "roads").id == 2
    with pytest.raises(AnchorError, match=r"matches \d sections"):
        find_section(sections, "er")  # "Fewer", "Safer", "Effi cient"
    with pytest.raises(AnchorError, match="no section"):
        find_section(sections, "Finance")
    anchor = anchor_section(sections, sections[2])
    assert anchor.quote is None and anchor.page_index == 2 and anchor.block_index == 3


# What a member types and what a draft holds differ in typography: curly quotes and apostrophes,
# non-breaking spaces, line breaks. The expectations below are written from that rule alone.
TYPOGRAPHIC = {"‘": "'", "’": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "\u00a0": " "}
draft_text = st.text(
    st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from([*TYPOGRAPHIC, "'", '"', " ", "\n", "\t"]),
    ),
    max_size=40,
)


def _as_typed(text: str) -> str:
    """``text`` as a member would type it: plain quotes, ordinary spaces."""
    return "".join(TYPOGRAPHIC.get(c, c) for c in text)


def _visible(text: str) -> str:
    return "".join(_as_typed(text).split())


@given(draft_text.filter(lambda q: q.strip() != ""), draft_text, draft_text, st.booleans())
def test_a_quote_is_always_found_where_it_is_and_every_match_is_the_quote(
    quote: str, before: str, after: str, typed: bool
) -> None:
    text = before + quote + after
    spans = find_quote(text, _as_typed(quote) if typed else quote)
    # The place the passage was put is among the matches: from its first to its last visible character.
    visible = [i for i, c in enumerate(quote) if not c.isspace()]
    assert (len(before) + visible[0], len(before) + visible[-1] + 1) in spans
    for start, end in spans:
        assert _visible(text[start:end]) == _visible(quote)
        assert not text[start].isspace() and not text[end - 1].isspace()


def test_curly_quotes_and_non_breaking_spaces_match_what_a_member_types() -> None:
    text = "The Commissioner’s “Safer\u00a0Streets” fund\nwill grow."
    (span,) = find_quote(text, 'Commissioner\'s "Safer Streets" fund will')
    assert text[span[0] : span[1]] == "Commissioner’s “Safer\u00a0Streets” fund\nwill"
