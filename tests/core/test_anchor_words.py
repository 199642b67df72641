"""Matching a PDF page's words to the draft's text, and the anchor for selected words (pure)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from panelreview.core.anchor import (
    PlacedWord,
    WordBox,
    anchor_words,
    line_rects,
    match_offsets,
    place_words,
    words_in_span,
)
from panelreview.core.model import (
    Block,
    BlockKind,
    DocFormat,
    Document,
    DocumentIdentity,
    Rect,
    Section,
    full_text,
)

LINE_HEIGHT = 14.0


def _line_words(text: str, y: float, x: float = 72.0) -> tuple[list[WordBox], Rect]:
    """Word boxes for one printed line (6 points a character), and the line's box."""
    words: list[WordBox] = []
    for word in text.split():
        width = 6.0 * len(word)
        words.append((x, y, x + width, y + 11, word))
        x += width + 6.0
    return words, (72.0, y, x - 6.0, y + 11)


def _page(
    paragraphs: list[tuple[str, list[str]]], header: str | None = "Westshire Plan – DRAFT"
) -> tuple[Document, list[WordBox]]:
    """A one-page draft: each paragraph is its block text and the lines as printed."""
    words: list[WordBox] = []
    blocks: list[Block] = []
    y = 100.0
    for index, (text, printed) in enumerate(paragraphs):
        rects: list[Rect] = []
        for line in printed:
            line_words, rect = _line_words(line, y)
            words.extend(line_words)
            rects.append(rect)
            y += LINE_HEIGHT
        y += LINE_HEIGHT
        kind = BlockKind.HEADING if index == 0 else BlockKind.PARAGRAPH
        blocks.append(Block(index, kind, text, page=0, page_label="1", rects=rects))
    if header:
        header_words, _ = _line_words(header, 30.0, x=300.0)
        words = header_words + words  # PyMuPDF lists the header first
    sections = [Section(0, None, paragraphs[0][0], 1, None, 0, len(blocks) - 1, 1, 1)]
    document = Document(DocumentIdentity("0" * 64, DocFormat.PDF, "Plan", 1), "plan.pdf", blocks, sections)
    return document, words


def _placed(document: Document, words: list[WordBox]) -> list[PlacedWord]:
    _, starts = full_text(document.blocks)
    return place_words(0, document.blocks, starts, words)


def test_every_word_of_the_text_points_at_itself() -> None:
    document, words = _page(
        [
            ("Our vision", ["Our vision"]),
            (
                "My vision is for Westshire to be a county where people are safe.",
                ["My vision is for Westshire to be", "a county where people are safe."],
            ),
        ]
    )
    text, _ = full_text(document.blocks)
    placed = _placed(document, words)
    body = [w for w in placed if w.start is not None]
    assert [w.text for w in body] == text.split()
    for word in body:
        assert word.start is not None and word.end is not None
        assert text[word.start : word.end] == word.text


def test_running_header_is_not_text_and_comes_first() -> None:
    document, words = _page([("Our vision", ["Our vision"]), ("Safe streets.", ["Safe streets."])])
    placed = _placed(document, words)
    header = [w.text for w in placed if w.start is None]
    assert header == ["Westshire", "Plan", "–", "DRAFT"]
    assert [w.text for w in placed[:4]] == header  # above the text, so before it in reading order
    assert len({w.line for w in placed[:4]}) == 1


def test_hyphenated_line_end_matches_the_joined_word() -> None:
    document, words = _page(
        [
            ("Teams", ["Teams"]),
            (
                "Every neighbourhood team will publish its priorities.",
                ["Every neigh-", "bourhood team will publish its priorities."],
            ),
        ]
    )
    text, _ = full_text(document.blocks)
    placed = {w.text: w for w in _placed(document, words)}
    first, second = placed["neigh-"], placed["bourhood"]
    assert first.start is not None and second.end is not None
    assert text[first.start : second.end] == "neighbourhood"
    assert first.line != second.line


def test_ligature_glyph_and_gap_match_the_repaired_text() -> None:
    document, words = _page(
        [
            ("Value", ["Value"]),
            ("An efficient and effective office.", ["An eﬃ cient and eﬀective oﬃce."]),
        ]
    )
    text, _ = full_text(document.blocks)
    placed = [w for w in _placed(document, words) if w.start is not None]
    assert [w.text for w in placed] == ["Value", "An", "eﬃ", "cient", "and", "eﬀective", "oﬃce."]
    efficient = [w for w in placed if w.text in ("eﬃ", "cient")]
    assert text[efficient[0].start : efficient[1].end] == "efficient"  # type: ignore[misc]


def test_bullet_glyph_is_left_out_without_losing_the_words_after_it() -> None:
    document, words = _page(
        [
            ("Principles", ["Principles"]),
            ("Community first – visible policing.", ["• Community first – visible policing."]),
        ]
    )
    placed = _placed(document, words)
    assert [w.text for w in placed if w.start is None and w.rect[1] > 50] == ["•"]
    assert [w.text for w in placed if w.start is not None][1:] == [
        "Community",
        "first",
        "–",
        "visible",
        "policing.",
    ]


def test_two_column_reading_order_follows_the_blocks() -> None:
    """Words are listed left to right across both columns; the blocks say which column comes first."""
    left, left_rect = _line_words("Left column text.", 100.0, x=72.0)
    right, right_rect = _line_words("Right column text.", 100.0, x=320.0)
    blocks = [
        Block(0, BlockKind.PARAGRAPH, "Left column text.", page=0, rects=[left_rect]),
        Block(1, BlockKind.PARAGRAPH, "Right column text.", page=0, rects=[right_rect]),
    ]
    document = Document(DocumentIdentity("0" * 64, DocFormat.PDF, "", 1), "p.pdf", blocks, [])
    mixed = [left[0], right[0], left[1], right[1], left[2], right[2]]
    placed = _placed(document, mixed)
    assert [w.text for w in placed] == ["Left", "column", "text.", "Right", "column", "text."]
    assert [w.start for w in placed] == sorted(w.start for w in placed if w.start is not None)


def test_anchor_for_words_over_two_lines() -> None:
    document, words = _page(
        [
            ("Our vision", ["Our vision"]),
            (
                "My vision is for Westshire to be a county where people are safe.",
                ["My vision is for Westshire to be", "a county where people are safe."],
            ),
        ]
    )
    placed = _placed(document, words)
    start = next(n for n, w in enumerate(placed) if w.text == "Westshire" and w.start is not None)
    end = next(n for n, w in enumerate(placed) if w.text == "county")
    anchor = anchor_words(document, placed[start : end + 1])
    assert anchor is not None
    assert anchor.quote == "Westshire to be a county"
    assert anchor.section_id == 0 and anchor.heading_path == ("Our vision",)
    assert anchor.page_index == 0 and anchor.block_index == 1
    assert len(anchor.rects) == 2  # one per line, just the selected words
    first_line, second_line = anchor.rects
    assert first_line[0] == placed[start].rect[0] and first_line[2] == placed[start + 2].rect[2]
    assert second_line[0] == 72.0 and second_line[2] == placed[end].rect[2]


def test_anchor_of_header_words_only_is_none() -> None:
    document, words = _page([("Our vision", ["Our vision"])])
    placed = _placed(document, words)
    assert anchor_words(document, [w for w in placed if w.start is None]) is None


def test_words_in_span_and_their_line_rects() -> None:
    document, words = _page(
        [
            ("Our vision", ["Our vision"]),
            ("Safe streets for every town and village.", ["Safe streets for every", "town and village."]),
        ]
    )
    text, _ = full_text(document.blocks)
    placed = _placed(document, words)
    start = text.index("every")
    end = text.index("village") + len("village")
    chosen = words_in_span(placed, start, end)
    assert [w.text for w in chosen] == ["every", "town", "and", "village."]
    assert len(line_rects(chosen)) == 2


def test_match_offsets_skips_collapsed_spaces_and_a_number_in_front() -> None:
    source = "Reduce  burglary\nby 10%"
    shown = "1.2 Reduce burglary\u2028by 10%"
    offsets = match_offsets(shown, source)
    assert offsets[shown.index("R")] == 0
    assert offsets[shown.index("b")] == source.index("b")
    assert offsets[shown.index("%")] == len(source) - 1
    assert offsets[0] is None and offsets[shown.index("\u2028")] is None


word = st.text(alphabet="abcdefgh'’“”\"", min_size=1, max_size=8)
gap = st.sampled_from([" ", "  ", "\n", "\u00a0", " \t "])


@given(
    st.lists(st.tuples(word, gap), min_size=1, max_size=12),
    st.sampled_from(["", "1.2 ", "(a) "]),
    st.booleans(),
)
def test_match_offsets_maps_each_visible_character_to_the_same_character(
    parts: list[tuple[str, str]], number: str, line_breaks: bool
) -> None:
    source = "".join(w + g for w, g in parts)
    # The view collapses whitespace (perhaps into line separators), may put a list number in front
    # and may show straight quotes as curly ones.
    shown_body = ("\u2028" if line_breaks else " ").join(source.split()).replace("'", "’")
    shown = number + shown_body
    offsets = match_offsets(shown, source)
    source_visible = [i for i, c in enumerate(source) if not c.isspace()]
    shown_visible = [len(number) + i for i, c in enumerate(shown_body) if not c.isspace()]
    assert len(source_visible) == len(shown_visible)
    for k, i in enumerate(shown_visible):  # the k-th visible character maps to the k-th in the source
        assert offsets[i] == source_visible[k]
    for i, c in enumerate(shown):  # spaces and the number in front map to nothing
        if c.isspace() or i < len(number):
            assert offsets[i] is None


def _mapped(document: Document, placed: list[PlacedWord]) -> list[tuple[str, str | None]]:
    """Each placed word and the draft text it points at (None: not the draft's text)."""
    text, _ = full_text(document.blocks)
    return [
        (w.text, text[w.start : w.end] if w.start is not None and w.end is not None else None) for w in placed
    ]


def test_a_word_hyphenated_at_a_line_end_points_at_its_two_parts() -> None:
    text = "Every neighbourhood team will have a named officer."
    document, words = _page(
        [("Teams", ["Teams"]), (text, ["Every neigh-", "bourhood team will have a named officer."])]
    )
    mapped = _mapped(document, _placed(document, words))
    assert ("neigh-", "neigh") in mapped
    assert ("bourhood", "bourhood") in mapped
    assert ("officer.", "officer.") in mapped


def test_words_not_in_the_text_on_a_line_do_not_upset_the_words_after_them() -> None:
    text = "Safer streets for all of us, and a better plan for the whole county by 2030."
    document, words = _page([("Teams", ["Teams"]), (text, [text])])
    x0, y0, _, y1, _ = next(w for w in words if w[4] == "all")
    # Stamps printed over "all": one not in the text, one a short word that comes much later in it.
    words += [(x0 + 1, y0, x0 + 40, y1, "APPROVED"), (x0 + 2, y0, x0 + 30, y1, "by")]
    mapped = _mapped(document, _placed(document, words))
    assert [m for w, m in mapped if w in ("APPROVED", "of", "us,", "better", "by", "2030.")] == [
        None,
        None,
        "of",
        "us,",
        "better",
        "by",
        "2030.",
    ]


def test_a_word_touching_two_close_lines_belongs_to_the_nearer_one() -> None:
    first, second = "One two three", "four five six"
    document, words = _page([("Heading", ["Heading"]), (f"{first} {second}", [first, second])])
    # Tight leading: the second line's words reach up into the first line's box.
    words = [
        (x0, y0 - 3, x1, y1, w) if w in second.split() else (x0, y0, x1, y1, w) for x0, y0, x1, y1, w in words
    ]
    placed = _placed(document, words)
    lines = {w.text: w.line for w in placed}
    assert lines["One"] == lines["three"] != lines["four"] == lines["six"]
    assert dict(_mapped(document, placed))["five"] == "five"
