"""The PDF's text layer reads as the words on the page: ligatures as letters, emoji whole."""

from __future__ import annotations

from panelreview.export.tounicode import rewrite_cmap

HEAD = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
TAIL = "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"


def _cmap(body: str) -> str:
    return HEAD + body + TAIL


def test_a_ligature_inside_a_range_is_mapped_to_its_letters() -> None:
    # glyphs 0x10-0x14 -> U+FB00-FB04 ("ff", "fi", "fl", "ffi", "ffl"), glyphs 0x20-0x22 -> "abc"
    fixed = rewrite_cmap(_cmap("2 beginbfrange\n<0010> <0014> <fb00>\n<0020> <0022> <0061>\nendbfrange\n"))
    assert fixed is not None
    assert fixed.startswith(HEAD) and fixed.endswith(TAIL)
    assert "<0011> <00660069>" in fixed  # "fi", not U+FB01
    assert "<0013> <006600660069>" in fixed  # "ffi"
    assert "<0020> <0022> <0061>" in fixed  # untouched range kept whole
    assert "fb0" not in fixed.lower().replace("<fb00>", "")  # no presentation form left behind
    assert "5 beginbfchar" in fixed


def test_a_range_split_around_a_ligature_keeps_its_neighbours() -> None:
    # glyphs 0x40-0x44 -> U+FAFF..U+FB03: only 0x41.. are ligatures; 0x40 stays U+FAFF
    fixed = rewrite_cmap(_cmap("1 beginbfrange\n<0040> <0044> <faff>\nendbfrange\n"))
    assert fixed is not None
    assert "<0040> <0040> <faff>" in fixed
    assert "<0042> <00660069>" in fixed


def test_an_emoji_is_written_as_a_utf16_pair() -> None:
    fixed = rewrite_cmap(_cmap("2 beginbfchar\n<0005> <1f600>\n<0006> <0041>\nendbfchar\n"))
    assert fixed is not None
    assert "<0005> <d83dde00>" in fixed  # U+1F600 as its surrogate pair
    assert "<0006> <0041>" in fixed


def test_a_map_that_needs_nothing_is_left_alone() -> None:
    assert rewrite_cmap(_cmap("1 beginbfchar\n<0006> <0041>\nendbfchar\n")) is None
    assert rewrite_cmap("not a cmap") is None
