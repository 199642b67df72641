"""The statutory checklist on the Westshire drafts, on a draft missing a chapter, and on a plan
worded differently (a Mayor's bilingual plan with "Our budget" and "Governance")."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from panelreview.core.checklist import ChecklistResult, Status, run_checklist
from panelreview.core.checklist_data import ChecklistError, Titles, parse_checklist
from panelreview.core.model import Document, Section
from panelreview.core.sections import find_sections
from panelreview.ingest import read_document_bytes
from panelreview.resources import checklist_path, load_checklist
from tests.conftest import shared_path

SAMPLES = (
    "westshire-plan-v1.pdf",
    "westshire-plan-v1.docx",
    "westshire-plan-v2.pdf",
    "westshire-plan-v2.docx",
)
PRIORITIES = ("Priority 1:", "Priority 2:", "Priority 3:", "Priority 4:")


def _read(name: str) -> Document:
    path = shared_path("samples", name)
    return read_document_bytes(path.read_bytes(), path.name)


def _titles(result: ChecklistResult, item: str) -> list[str]:
    return [p.section.title for p in result.item(item).proposals]


def _chapter(document: Document, section: Section) -> str:
    """The title of the top-level chapter a section sits in."""
    by_id = {s.id: s for s in document.sections}
    while section.parent is not None:
        section = by_id[section.parent]
    return section.title


@pytest.mark.parametrize("name", SAMPLES)
def test_every_item_points_to_the_sections_a_reader_would(name: str) -> None:
    document = _read(name)
    result = run_checklist(document, load_checklist())
    # Objectives: the four priority chapters, nothing else.
    objectives = _titles(result, "objectives")
    assert len(objectives) == 4 and all(t.startswith(p) for t, p in zip(objectives, PRIORITIES, strict=True))
    # Policing: Priority 1 (neighbourhood policing) and the priorities' "What we will do" lists.
    policing = result.item("policing").proposals
    assert policing[0].section.title.startswith("Priority 1:")
    assert sum(p.section.title == "What we will do" for p in policing) == 3
    assert all(_chapter(document, p.section).startswith("Priority") for p in policing)
    # Resources: the finance chapter, which stands for its budget subsections.
    assert _titles(result, "resources") == ["Resources and finance"]
    # Reporting: holding the Chief Constable to account, under governance (and the quarterly
    # reports to the Performance and Accountability Board described under Priority 1).
    reporting = result.item("reporting")
    assert "Holding the Chief Constable to account" in _titles(result, "reporting")
    assert "Governance and accountability" in _titles(result, "reporting")
    assert all(
        _chapter(document, p.section) == "Governance and accountability"
        or p.section.title == "How we will measure progress"
        for p in reporting.proposals
    )
    # Performance: the four "How we will measure progress" sections, with their KPI words shown.
    assert _titles(result, "performance") == ["How we will measure progress"] * 4
    assert "key performance indicators" in result.item("performance").proposals[0].matched
    # Grants: commissioned services and the grant-making powers, but no conditions anywhere.
    grants = result.item("grants")
    assert set(_titles(result, "grants")) == {"Commissioned services", "Working with partners"}
    assert grants.status is Status.WEAK and grants.gaps == ("the conditions of those grants",)
    # The SPR and the national measures: named once, in how the plan was developed (not the glossary).
    for item in ("spr", "national"):
        assert _titles(result, item) == ["How this plan was developed"]
        assert result.item(item).status is Status.WEAK
        assert "only in passing" in result.item(item).summary
    assert all(result.item(i).status is Status.CLEAR for i in ("objectives", "resources", "performance"))


def test_evidence_shows_the_words_and_where_they_are() -> None:
    result = run_checklist(_read("westshire-plan-v1.pdf"), load_checklist())
    spr = result.item("spr").proposals[0].evidence[0]
    assert spr.where == "text" and spr.words == "strategic policing requirement"
    assert "Strategic Policing Requirement and the national crime" in spr.quote
    assert spr.page == 4
    heading = result.item("resources").proposals[0].evidence[0]
    assert (heading.where, heading.quote, heading.page) == ("heading", "Resources and finance", 14)


def _without(document: Document, title: str) -> Document:
    """The draft with one top-level chapter (its heading and everything under it) taken out."""
    start = next(s for s in document.sections if s.title == title and s.parent is None)
    kept = [b for b in document.blocks if not start.first_block <= b.index <= start.last_block]
    blocks = [dataclasses.replace(b, index=n) for n, b in enumerate(kept)]
    return dataclasses.replace(document, blocks=blocks, sections=find_sections(blocks))


@pytest.mark.parametrize("name", ["westshire-plan-v1.docx", "westshire-plan-v2.pdf"])
@pytest.mark.parametrize(
    ("chapter", "missing"),
    [("Resources and finance", {"resources"}), ("How this plan was developed", {"spr", "national"})],
)
def test_a_plan_without_a_chapter_has_that_item_flagged_missing(
    name: str, chapter: str, missing: set[str]
) -> None:
    document = _without(_read(name), chapter)
    result = run_checklist(document, load_checklist())
    flagged = {i.item.id for i in result.items if i.status is Status.MISSING}
    assert flagged == missing
    for item_id in missing:
        item = result.item(item_id)
        assert not item.found and item.proposals == ()
        assert item.summary.startswith("Not found: nothing in the draft's headings or text speaks of")


OTHER_PLAN = """# The Mayor's Police and Crime Plan 2025 to 2029

## Cyflwyniad / Introduction

This plan sets out my priorities, the budget, how the Chief Constable will report to me and how we
will know we are succeeding.

## Thema Un / Theme One: Safer streets

### Our commitments

- We will put 50 more officers into town centres by March 2026.
- We will open a new custody suite in the north of the county.

## Thema Dau / Theme Two: Standing up for victims

### What success looks like

Victims kept informed at every stage, and more cases brought to court.

## Ein cyllideb / Our budget

The Mayor will provide the Chief Constable with a net revenue budget of £312.4m in 2025/26,
funded by the police grant and the council tax precept. The medium-term financial plan assumes
savings of £9m by 2028.

## Llywodraethu / Governance

The Chief Constable will report to the Mayor each month at a public accountability meeting, where
the force's performance and any inspection reports are discussed.

## Scorecard

We will track a small set of indicators against a baseline for each theme; the targets are
published each year.

## Grantiau / Community safety fund

The Mayor will award crime and disorder reduction grants to the four community safety
partnerships. Each grant is subject to conditions set out in a grant agreement, including
quarterly returns.

## Y cyd-destun cenedlaethol / National context

The plan has regard to the Strategic Policing Requirement, including counter terrorism and
serious and organised crime, and to the National Crime and Policing Measures.

## Geirfa / Glossary

Precept: the part of council tax that pays for policing. Grant: money given for a purpose.
"""


def test_a_plan_with_other_wording_and_bilingual_headings_is_still_read() -> None:
    document = read_document_bytes(OTHER_PLAN.encode(), "mayor-plan.md")
    titles = Titles.from_settings("Mayor", "Police and Crime Panel")
    result = run_checklist(document, load_checklist(), titles)
    assert {i.item.id for i in result.items if not i.found} == set()
    assert [p.section.title for p in result.item("objectives").proposals] == [
        "Thema Un / Theme One: Safer streets",
        "Thema Dau / Theme Two: Standing up for victims",
    ]
    assert _titles(result, "resources") == ["Ein cyllideb / Our budget"]
    assert _titles(result, "reporting") == ["Llywodraethu / Governance"]
    assert _titles(result, "performance") == ["Scorecard"]
    assert _titles(result, "grants") == ["Grantiau / Community safety fund"]
    assert result.item("grants").gaps == ()  # the conditions are given
    assert _titles(result, "spr") == ["Y cyd-destun cenedlaethol / National context"]
    assert _titles(result, "national") == ["Y cyd-destun cenedlaethol / National context"]
    assert _titles(result, "policing")[0] == "Our commitments"  # under Theme One
    # The glossary's "precept" and "grant" are not evidence; the introduction alone is not enough.
    assert all("Glossary" not in p.section.title for i in result.items for p in i.proposals)
    assert all("Introduction" not in p.section.title for i in result.items for p in i.proposals)
    # The checklist speaks of the configured title.
    assert result.item("reporting").title == "How the Chief Constable will report to the Mayor"
    assert "the Mayor will provide" in result.item("resources").title
    assert result.item("resources").recommendation.startswith(
        "The Panel recommends that the final plan sets out"
    )


def test_welsh_words_count_with_their_mutations() -> None:
    text = (
        "# Ein blaenoriaethau\n\n## Blaenoriaeth 1: Cymunedau diogel\n\nTestun.\n\n"
        "## Ein gyllideb\n\nTestun.\n"
    )
    result = run_checklist(read_document_bytes(text.encode(), "cynllun.md"), load_checklist())
    assert "Ein gyllideb" in _titles(result, "resources")
    objectives = result.item("objectives").proposals
    assert [p.section.title for p in objectives] == ["Ein blaenoriaethau"]  # stands for its priorities
    assert "Blaenoriaeth 1: Cymunedau diogel" in {e.quote for e in objectives[0].evidence}


def test_titles_follow_the_review_settings() -> None:
    pfcc = Titles.from_settings("Police, Fire and Crime Commissioner", "Police, Fire and Crime Panel")
    assert (pfcc.commissioner_short, pfcc.panel_short) == ("Commissioner", "Panel")
    item = load_checklist().item("resources")
    assert item.explain_for(pfcc).count("Police, Fire and Crime Commissioner") == 1
    mayor = Titles.from_settings("Deputy Mayor for Policing and Crime", "Police and Crime Committee")
    assert (
        item.title_for(mayor)
        == "The financial and other resources the Deputy Mayor will provide to the Chief Constable"
    )
    assert item.recommendation_for(mayor).startswith("The Committee recommends")


def test_a_panel_can_adjust_the_checklist(tmp_path: Path) -> None:
    source = checklist_path()
    assert source is not None
    data = json.loads(source.read_text(encoding="utf-8"))
    data["items"] = [i for i in data["items"] if i["id"] != "national"]
    data["items"].append(
        {
            "id": "rural",
            "title": "Rural crime",
            "asks": "how rural crime will be tackled",
            "recommendation": "The {panel_short} recommends that the final plan sets out how it is tackled.",
            "headings": [{"weight": 8, "phrases": ["rural crime"]}],
            "text": [{"weight": 4, "phrases": ["rural crime team"]}],
        }
    )
    own = tmp_path / "our-checklist.json"
    own.write_text(json.dumps(data), encoding="utf-8")
    result = run_checklist(_read("westshire-plan-v1.docx"), load_checklist(own))
    assert [i.item.id for i in result.items][-2:] == ["spr", "rural"]
    assert result.item("rural").found  # "double the size of the Rural Crime Team" under Priority 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON"),
        ('{"format": "something else"}', "is not a PanelReview checklist"),
        ('{"format": "panelreview-checklist", "format_version": 9, "items": []}', "newer PanelReview"),
        (
            '{"format": "panelreview-checklist", "format_version": 1, "items": [{"id": "x"}]}',
            "needs a “title”",
        ),
    ],
)
def test_a_broken_checklist_file_is_explained(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "checklist.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ChecklistError, match=message):
        load_checklist(path)
    with pytest.raises(ChecklistError, match="There is no checklist file"):
        load_checklist(tmp_path / "none.json")


def test_a_weight_must_be_a_number() -> None:
    data = json.loads((checklist_path() or Path()).read_text(encoding="utf-8"))
    data["items"][0]["headings"][0]["weight"] = "heavy"
    with pytest.raises(ChecklistError, match="“weight” should be a number"):
        parse_checklist(data)


THIRD_PLAN = """# Police and Crime Plan 2024-2029

## Introduction from the Commissioner

Welcome to my plan. It sets out my priorities, how I will fund them and how I will hold the Chief
Constable to account.

## Our plan on a page

## Priority One: Keeping our communities safe

### What we will do

- Increase the number of neighbourhood officers by 100 by March 2026.
- Work with councils to tackle fly-tipping.

### How we will know we are succeeding

We will monitor the following key performance indicators: neighbourhood crime, public confidence and
999 answer times.

## Priority Two: Supporting victims and witnesses

- We will commission an independent sexual violence advisor service.

## Delivering the plan

The Chief Constable is responsible for operational policing and will deliver the plan through the
force's Local Policing Model, with response, neighbourhood and investigation teams in every
district.

## Funding the plan

The 2024/25 police fund is £412m. The medium term financial strategy sets out savings of £12m.

## Monitoring and accountability

I will hold the Chief Constable to account through my monthly Strategic Policing Board, which meets
in public. The Chief Constable will report to me on performance against this plan.

## Commissioning and grants

Each year I award grants to community safety partnerships under my Community Safety Fund. Grant
recipients must agree a grant agreement setting out the outcomes expected and report quarterly.

## National policing

The plan has regard to the Strategic Policing Requirement and the Government's national priorities
for policing.
"""


def test_a_plan_in_yet_other_words_points_each_item_to_its_chapter() -> None:
    """ "Funding the plan", "Monitoring and accountability", "Commissioning and grants", "National
    policing": each item found where a reader would look, and clearly."""
    result = run_checklist(read_document_bytes(THIRD_PLAN.encode(), "plan.md"), load_checklist())
    assert all(i.status is Status.CLEAR for i in result.items)
    assert _titles(result, "resources") == ["Funding the plan"]
    assert _titles(result, "reporting") == ["Monitoring and accountability"]
    assert _titles(result, "performance") == ["How we will know we are succeeding"]
    assert _titles(result, "grants") == ["Commissioning and grants"]
    assert _titles(result, "spr") == _titles(result, "national") == ["National policing"]
    assert "Delivering the plan" in _titles(result, "policing")
    assert "National policing" not in _titles(result, "policing")
    assert _titles(result, "objectives")[-2:] == [
        "Priority One: Keeping our communities safe",
        "Priority Two: Supporting victims and witnesses",
    ]
