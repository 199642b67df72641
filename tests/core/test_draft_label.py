"""A draft's own label and date are read from its words, never from the file's properties."""

from __future__ import annotations

from pathlib import Path

import pytest

from panelreview.core.draft_label import describe_date, guess_draft_label
from panelreview.ingest import open_document


@pytest.mark.parametrize(
    ("cover", "label", "dated"),
    [
        ("Police and Crime Plan\nFinal draft\n6 February 2025", "Final draft", "2025-02-06"),
        ("Safer Westshire\nDRAFT for consultation\nConsultation period: 21 October to 1 December 2024",
         "Consultation draft", None),
        ("Draft – February 2025", "Draft", "2025-02"),
        ("Our plan\nv0.3 12/01/2025", "Version 0.3", "2025-01-12"),
        ("Draft Police and Crime Plan 2025–2029 — version 3",
         "Draft Police and Crime Plan 2025–2029 — version 3", None),
        ("Cynllun Heddlu a Throseddu\nDrafft ymgynghori\n6ed Chwefror 2025",
         "Consultation draft", "2025-02-06"),
        ("WORKING DRAFT v2\nDate: 3rd March 2025", "Working draft, version 2", "2025-03-03"),
        ("FINAL DRAFT for the Police and Crime Panel\n"
         "Submitted to the Westshire Police and Crime Panel, 6 February 2025", "Final draft", "2025-02-06"),
        ("Plan\nPublished March 14, 2025", None, "2025-03-14"),
        ("Draft plan — version 3 – 6 February 2025", "Draft plan — version 3", "2025-02-06"),
    ],
)  # fmt: skip
def test_cover_wording_gives_label_and_date(cover: str, label: str | None, dated: str | None) -> None:
    guess = guess_draft_label(cover)
    assert guess is not None
    assert (guess.label, guess.dated) == (label, dated)


@pytest.mark.parametrize(
    "text",
    [
        "DRAFT\nPage 3 of 22",  # a running header says nothing about which draft
        "The budget and precept will be set on 6 February 2025.",
        "Consultation closes on 1 December 2024",
        "The consultation ran from 21 October to 1 December 2024.",
        "1.1. To provide the police and crime panel with the initial draft of the plan for input and comment",
        "The Panel's report of 28 November 2024 asked for more detail.",
        "Version 2025",  # a year, not a version
    ],
)
def test_unsure_is_none(text: str) -> None:
    assert guess_draft_label(text) is None


def test_draft_date_never_comes_from_file_properties(samples: Path) -> None:
    """The sample PDFs were created in November 2026; the final draft says 6 February 2025."""
    document = open_document(samples / "westshire-plan-v2.pdf")
    guess = guess_draft_label(document)
    assert guess is not None
    assert guess.label == "Final draft"
    assert guess.dated == "2025-02-06"
    assert guess.describe == "Final draft, 6 February 2025"
    consultation = guess_draft_label(open_document(samples / "westshire-plan-v1.pdf"))
    assert consultation is not None
    assert (consultation.label, consultation.dated) == ("Consultation draft", None)


def test_describe_date() -> None:
    assert describe_date("2025-02-06") == "6 February 2025"
    assert describe_date("2025-02") == "February 2025"
    assert describe_date("spring 2025") == "spring 2025"
