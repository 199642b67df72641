"""Section comparison between two versions of a draft: what a member sees as added, removed, reworded."""

from __future__ import annotations

from pathlib import Path

import pytest

from panelreview.core.compare import compare_sections, compare_texts
from panelreview.core.model import Document, Section
from panelreview.ingest.opener import open_document


def test_an_identical_passage_has_no_changes() -> None:
    comparison = compare_texts(
        ["We will recruit 200 officers.", "Second."], ["We will recruit 200 officers.", "Second."]
    )
    assert not comparison.changed
    assert comparison.summary() == "No changes"
    assert comparison.similarity == 1.0


def test_added_removed_and_reworded_text_is_shown_in_its_paragraphs() -> None:
    comparison = compare_texts(
        ["We will recruit 200 new officers by 2026.", "This paragraph goes.", "This one stays."],
        ["We will recruit 150 new officers by March 2027.", "This one stays.", "A new paragraph."],
    )
    assert comparison.summary() == "2 passages reworded, 1 added, 1 removed"
    assert comparison.plain_text() == (
        "We will recruit [-200-]{+150+} new officers by [-2026.-]{+March 2027.+}\n\n"
        "[-This paragraph goes.-]\n\nThis one stays.\n\n{+A new paragraph.+}"
    )
    reworded = [run for run in comparison.runs if run.kind == "reworded"]
    assert [(run.old_text, run.new_text) for run in reworded] == [("200", "150"), ("2026.", "March 2027.")]


def test_a_rewritten_sentence_is_one_change_not_a_scatter_of_words() -> None:
    comparison = compare_texts(
        ["attended within target times in both urban and rural areas."],
        ["attended within target times in urban, rural and coastal areas alike."],
    )
    (change,) = [run for run in comparison.runs if run.kind != "same"]
    assert change.kind == "reworded"
    assert change.old_text == "both urban and rural areas."
    assert change.new_text == "urban, rural and coastal areas alike."


def test_typography_a_reader_cannot_see_is_not_a_change_but_case_and_punctuation_are() -> None:
    old = ["The \u201cefﬁcient\u201d plan\u00a0\u2013 agreed by the Panel\u2019s members."]
    new = ['The "efficient" plan - agreed by the Panel\'s members.']
    assert not compare_texts(old, new).changed
    assert compare_texts(["the panel agreed."], ["the Panel agreed."]).changed
    assert compare_texts(["the panel agreed."], ["the panel agreed!"]).changed


def test_a_paragraph_split_differently_is_not_a_change_of_wording() -> None:
    assert not compare_texts(
        ["One long paragraph read as one block."], ["One long paragraph", "read as one block."]
    ).changed


def test_road_numbers_are_words_but_a_glued_footnote_mark_is_not() -> None:
    assert compare_texts(["Safer A14 and M25."], ["Safer A1 and M2."]).changed
    assert not compare_texts(["in every district. Residents"], ["in every district.1 Residents"]).changed


# --- The Westshire drafts: v1 (consultation) against v2 (final), in both formats ---


def _open(samples: Path, name: str) -> Document:
    return open_document(samples / name)


def _section(document: Document, label_start: str, under: str | None = None) -> Section:
    by_id = {s.id: s for s in document.sections}
    for section in document.sections:
        parent = by_id.get(section.parent) if section.parent is not None else None
        if section.label.startswith(label_start) and (
            under is None or (parent and parent.label.startswith(under))
        ):
            return section
    raise AssertionError(f"no section {label_start!r} under {under!r}")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_westshire_reworded_outcome_added_commitment_and_removed_outcome(samples: Path, fmt: str) -> None:
    v1, v2 = _open(samples, f"westshire-plan-v1.{fmt}"), _open(samples, f"westshire-plan-v2.{fmt}")

    # W06: outcome 1.2 keeps its number and first words; the end of the sentence is reworded.
    outcome = compare_sections(v1, _section(v1, "1.2 "), v2, _section(v2, "1.2 "))
    (change,) = [run for run in outcome.runs if run.kind != "same"]
    assert (change.kind, change.old_text, change.new_text) == (
        "reworded",
        "both urban and rural areas.",
        "urban, rural and coastal areas alike.",
    )

    # W07: a new commitment bullet in Priority 1's "What we will do", nothing else there changed.
    doing = compare_sections(
        v1, _section(v1, "What we will do", "Priority 1"), v2, _section(v2, "What we will do", "Priority 1")
    )
    assert [run.kind for run in doing.runs if run.kind != "same"] == ["added"]
    assert "introduce a rural response protocol" in next(r.new_text for r in doing.runs if r.kind == "added")

    # W10: outcome 2.3 removed from Priority 2's outcomes (with its subsections compared).
    achieve = compare_sections(
        v1,
        _section(v1, "What we will achieve", "Priority 2"),
        v2,
        _section(v2, "What we will achieve", "Priority 2"),
    )
    removed = " ".join(run.old_text for run in achieve.runs if run.kind in ("removed", "reworded"))
    assert "Every child at risk of criminal or sexual exploitation" in removed
    assert not any("Every child at risk" in run.new_text for run in achieve.runs)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_westshire_untouched_sections_show_no_changes(samples: Path, fmt: str) -> None:
    v1, v2 = _open(samples, f"westshire-plan-v1.{fmt}"), _open(samples, f"westshire-plan-v2.{fmt}")
    for label, under in (
        ("4.1 ", None),
        ("3.2 ", None),
        ("Our vision", None),
        ("What we will achieve", "Priority 4"),
    ):
        comparison = compare_sections(v1, _section(v1, label, under), v2, _section(v2, label, under))
        assert not comparison.changed, (label, comparison.plain_text())


def test_a_section_missing_from_the_new_version_is_all_removed(samples: Path) -> None:
    v1, v2 = _open(samples, "westshire-plan-v1.pdf"), _open(samples, "westshire-plan-v2.pdf")
    gone = compare_sections(v1, _section(v1, "2.3 Every child"), v2, None)
    assert [run.kind for run in gone.runs] == ["removed"]
    assert gone.similarity == 0.0


def test_the_word_and_pdf_readings_of_one_version_agree_on_the_outcomes(samples: Path) -> None:
    """Word's automatic numbers ("2.3") are part of the text, as a PDF prints them."""
    docx, pdf = _open(samples, "westshire-plan-v1.docx"), _open(samples, "westshire-plan-v1.pdf")
    outcomes = [s for s in docx.sections if s.number and "." in s.number]
    assert len(outcomes) >= 15
    for section in outcomes:
        comparison = compare_sections(docx, section, pdf, _section(pdf, f"{section.number} "))
        assert not comparison.changed, (section.label, comparison.plain_text())
