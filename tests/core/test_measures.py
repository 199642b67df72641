"""Measurable commitments: outcomes and commitments under each priority, which have a measure, and
the KPI tables with their baselines and targets."""

from __future__ import annotations

import pytest

from panelreview.core.measure_text import measures_in
from panelreview.core.measures import MeasuresResult, find_measures
from panelreview.ingest import read_document_bytes
from tests.conftest import shared_path


def _measures(name: str) -> MeasuresResult:
    path = shared_path("samples", name)
    return find_measures(read_document_bytes(path.read_bytes(), path.name))


def _item(result: MeasuresResult, start: str):  # type: ignore[no-untyped-def]
    return next(i for i in result.items if i.text.startswith(start))


@pytest.mark.parametrize("name", ["westshire-plan-v1.pdf", "westshire-plan-v1.docx"])
def test_westshire_priorities_list_outcomes_commitments_and_kpis(name: str) -> None:
    result = _measures(name)
    assert [p.title.split(":")[0] for p in result.priorities] == [f"Priority {n}" for n in range(1, 5)]
    first = result.priorities[0]
    outcomes = [i for i in first.items if i.kind == "outcome"]
    commitments = [i for i in first.items if i.kind == "commitment"]
    assert [o.number for o in outcomes] == ["1.1", "1.2", "1.3", "1.4", "1.5"]
    assert len(commitments) == 7  # the seven bullets under "What we will do"
    # An outcome measured by a KPI of its priority's table, with its baseline and target.
    officers = _item(result, "More officers and PCSOs")
    assert [m.text for m in officers.measures if m.kind == "kpi"] == [
        "Officers and PCSOs in neighbourhood teams (baseline 398, target 458)"
    ]
    # A commitment with its own numbers and date; one with nothing to check it by.
    fund = _item(result, "fund an additional 40 neighbourhood officers")
    kinds = {m.kind for m in fund.measures}
    assert {"number", "date"} <= kinds and "by 2027" in [m.text for m in fund.measures]
    control_room = _item(result, "invest in the force control room")
    assert not control_room.measured and control_room.kind == "commitment"
    assert not _item(result, "Women and girls feeling safer").measured  # no KPI speaks of it
    # The KPI tables, with the PDF's wrapped indicator lines put back.
    table = first.kpis[0]
    assert table.headers == ("Indicator", "Baseline (2023/24)", "Target (2028/29)")
    rows = {r.indicator: (r.baseline, r.target) for r in table.rows}
    assert rows["Emergency incidents attended within target time (urban 15 minutes, rural 20 minutes)"] == (
        "83.1%",
        "90%",
    )
    assert rows["101 calls abandoned before being answered"] == ("17.6%", "Below 8%")
    assert len(rows) == 5
    # Priority 3's table runs over a page break in the PDF: one table of four indicators.
    third = [r.indicator for t in result.priorities[2].kpis for r in t.rows]
    assert len(third) == 4 and third[-1] == "People killed or seriously injured on Westshire roads"
    fourth = [r.indicator for t in result.priorities[3].kpis for r in t.rows]
    assert fourth[-1] == "Proven reoffending rate for adults managed under Integrated Offender Management"
    assert "have a measure" in result.summary


def test_the_final_draft_shows_its_changed_targets() -> None:
    result = _measures("westshire-plan-v2.pdf")
    rows = {r.indicator: r for p in result.priorities for t in p.kpis for r in t.rows}
    assert rows["999 calls answered within 10 seconds"].target == "95%"
    assert rows["Rural crime offences resolved with a positive outcome"].baseline == "8.7%"


PLAN = """# Our priorities

## Theme 1: Safer roads

### What we will do

- We will cut the number of people killed or seriously injured on our roads by 10% by 2028.
- We will work closely with partners on road safety.
- We will hold speed checks in every village at least twice a year.

## Theme 2: Fewer burglaries

Burglary matters to residents.

- We will reduce repeat burglary victimisation across the county.

# Appendix: performance indicators

| Indicator | Baseline | Target |
"""


def test_a_plan_without_tables_still_shows_what_is_measured() -> None:
    result = find_measures(read_document_bytes(PLAN.encode(), "plan.md"))
    assert [p.title for p in result.priorities] == ["Theme 1: Safer roads", "Theme 2: Fewer burglaries"]
    roads = result.priorities[0].items
    assert [i.measured for i in roads] == [True, False, True]
    assert {m.kind for m in roads[0].measures} == {"percentage", "date"}
    assert not result.priorities[1].items[0].measured


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("answer 90% of calls", [("percentage", "90%")]),
        ("a 101 and online reporting service", []),
        ("recruit 250 special constables by 2029", [("date", "by 2029"), ("number", "250 special")]),
        ("a budget of £6.9m", [("number", "£6.9m")]),
        ("contacted within two working days", [("date", "within two working days")]),
        ("publish a report quarterly", [("date", "quarterly")]),
        ("open on at least three days a week", [("date", "three days a week")]),
        ("double the size of the team", [("number", "double")]),
        ("improve the service for victims", []),
        ("from April 2026", [("date", "from April 2026")]),
    ],
)
def test_what_makes_words_measurable(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.kind, m.text) for m in measures_in(text)] == expected
