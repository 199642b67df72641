"""Plain-text and Markdown drafts: each heading style a plan or cover report uses."""

from __future__ import annotations

from pathlib import Path

from panelreview.ingest import open_document
from tests.ingest.builders import body, write


def outline(tmp_path: Path, text: str, name: str = "draft.txt") -> list[tuple[str | None, str, int]]:
    doc = open_document(write(tmp_path, name, text))
    return [(s.number, s.title, s.level) for s in doc.sections]


def test_plan_headings_in_many_styles(tmp_path: Path) -> None:
    text = "\n\n".join(
        [
            "DRAFT POLICE AND CRIME PLAN 2025-29",
            "Westshire Office of the Police and Crime Commissioner",
            "Contents",
            "Foreword 2\nPriority One – Safer streets 3\nTheme 2: Victims 5\nChapter three 7",
            "Foreword",
            body(),
            "Priority One – Safer streets",
            body(),
            "Theme 2: Victims",
            body(),
            "Chapter three",
            body(),
            "Ein Blaenoriaethau / Our Priorities",
            body(),
        ]
    )
    got = outline(tmp_path, text)
    assert [title for _, title, _ in got] == [
        "Foreword",
        "Priority One – Safer streets",
        "Theme 2: Victims",
        "Chapter three",
        "Ein Blaenoriaethau / Our Priorities",
    ]
    assert all(number is None for number, _, _ in got)


def test_cover_report_numbering_and_sub_points(tmp_path: Path) -> None:
    text = "\n\n".join(
        [
            "POLICE AND CRIME PANEL – 12 AUGUST 2026",
            "REPORT BY THE CLERK",
            "1. Purpose of Report",
            "1.1. To provide the panel with the draft plan for comment.",
            "2. BACKGROUND",
            "2.1 The plan must set out:\n(a) the police and crime objectives;\n(b) the resources.",
            "(i) finance;\n(ii) people.",
            "- 2.2. The Commissioner has consulted widely on the plan this year.",
            "Appendix 1 – Draft Police and Crime Plan\nAppendix 2 – Consultation report",
            "ADAM SMITH\nDIRECTOR OF OPERATIONS",
        ]
    )
    got = outline(tmp_path, text)
    assert got == [
        ("1", "Purpose of Report", 1),
        ("1.1", "To provide the panel with the draft plan", 2),
        ("2", "BACKGROUND", 1),
        ("2.1", "The plan must set out:", 2),
        ("a", "the police and crime objectives;", 3),
        ("b", "the resources.", 3),
        ("i", "finance;", 3),
        ("ii", "people.", 3),
        ("2.2", "The Commissioner has consulted widely on the plan", 2),
    ]


def test_roman_numeral_paragraphs_and_appendix_heading(tmp_path: Path) -> None:
    text = "\n\n".join(
        [
            "Summary",
            "i. The first point the panel should consider.",
            "ii. The second point.",
            "iv. A numeral that is not the next in sequence.",
            "Appendix 1 – Performance measures",
            body(),
        ]
    )
    got = outline(tmp_path, text)
    assert got[0] == (None, "Summary", 1)
    assert [n for n, _, _ in got[1:4]] == ["i", "ii", "iv"]
    assert got[-1] == (None, "Appendix 1 – Performance measures", 1)


def test_markdown_levels(tmp_path: Path) -> None:
    text = (
        "# Our plan\n\nIntro text here.\n\n## Priority 1: Safer roads\n\n"
        + body()
        + "\n\n### Outcomes\n\n1.1 Fewer collisions on rural roads by 2029.\n"
    )
    got = outline(tmp_path, text, "plan.md")
    assert got == [
        (None, "Our plan", 1),
        (None, "Priority 1: Safer roads", 2),
        (None, "Outcomes", 3),
        ("1.1", "Fewer collisions on rural roads by 2029.", 3),
    ]


def test_odd_text_encodings(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(
        "1. Résumé of the Commissioner’s plan\n\n1.1 Café culture and the night-time economy.\n".encode(
            "cp1252"
        )
    )
    doc = open_document(path)
    assert doc.sections[0].title == "Résumé of the Commissioner’s plan"
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("1. Purpose\n\n1.1 To inform the panel.\n".encode("utf-16"))
    assert [s.number for s in open_document(utf16).sections] == ["1", "1.1"]
