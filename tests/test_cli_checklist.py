"""``panelreview checklist | measures | checklist-decide`` on a review of the Westshire draft."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from panelreview.cli import main
from tests.conftest import shared_path


@pytest.fixture
def review(tmp_path: Path) -> str:
    draft = shared_path("samples", "westshire-plan-v2.pdf")
    path = tmp_path / "ann.pcpr"
    assert main(["new", str(path), "--draft", str(draft), "--member", "Cllr Ann Jones"]) == 0
    return str(path)


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    capsys.readouterr()
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def test_checklist_json_has_the_promised_shape(review: str, capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "checklist", review, "--json")
    assert isinstance(data, dict) and list(data) == ["items"]
    items = data["items"]
    assert [i["id"] for i in items] == [
        "objectives", "policing", "resources", "reporting", "performance", "grants", "spr", "national"
    ]  # fmt: skip
    for item in items:
        assert {"id", "title", "found", "sections", "evidence"} <= set(item)
        assert item["found"] is True or item["found"] is False
        for section in item["sections"]:
            assert set(section) == {"number", "title", "page"}
    resources = items[2]
    assert resources["sections"] == [{"number": None, "title": "Resources and finance", "page": 12}]
    assert {
        "section": "Resources and finance",
        "in": "heading",
        "words": "resources and finance",
    }.items() <= resources["evidence"][0].items()


def test_the_titles_and_views_show_in_the_checklist(review: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["settings", review, "--commissioner-title", "Mayor"]) == 0
    assert (
        main(["checklist-decide", review, "grants", "weak", "--note", "No conditions.", "--recommend"]) == 0
    )
    out = capsys.readouterr().out
    assert "Recorded: grants weak" in out and "Drafted recommendation" in out
    data = _json(capsys, "checklist", review, "--json")
    grants = next(i for i in data["items"] if i["id"] == "grants")  # type: ignore[index]
    assert grants["decision"]["decision"] == "weak" and grants["decision"]["note"] == "No conditions."
    reporting = next(i for i in data["items"] if i["id"] == "reporting")  # type: ignore[index]
    assert reporting["title"] == "How the Chief Constable will report to the Mayor"
    listed = _json(capsys, "list", review, "--json")
    assert "The Panel recommends that the final plan sets out the crime and disorder" in json.dumps(listed)
    assert main(["checklist-decide", review, "nonsense", "missing"]) == 2
    assert "The checklist has no item “nonsense”" in capsys.readouterr().err


def test_measures_lists_priorities_and_kpis(review: str, capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "measures", review, "--json")
    assert isinstance(data, dict)
    first = data["priorities"][0]
    assert first["title"].startswith("Priority 1:")
    assert first["kpis"][0]["rows"][0] == {
        "indicator": "999 calls answered within 10 seconds",
        "baseline": "79.4%",
        "target": "95%",
        "cells": ["999 calls answered within 10 seconds", "79.4%", "95%"],
    }
    assert any(not i["measured"] for i in first["items"])
    capsys.readouterr()
    assert main(["measures", review]) == 0
    assert "no measure: a target could be asked for" in capsys.readouterr().out
