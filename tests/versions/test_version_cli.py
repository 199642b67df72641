"""``panelreview carry-over | versions | changes | addressed`` and ``list --json`` after a carry-over."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.storage.cli_helpers import ok, refusal


@pytest.fixture
def review(tmp_path: Path, samples: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "plan.pcpr")
    v1 = str(samples / "westshire-plan-v1.pdf")
    ok(capsys, ["new", path, "--draft", v1, "--member", "Cllr Ann Jones"])
    ok(capsys, ["note", path, "--section", "2.3", "--kind", "concern", "--text", "Exploitation"])
    ok(capsys, ["note", path, "--section", "2.4", "--kind", "comment", "--text", "VAWG"])
    ok(capsys, ["recommend", path, "--section", "2.5", "--text", "Publish stalking figures"])
    return path


def test_carry_over_json_lists_every_item_with_old_and_new_section(
    review: str, samples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    v2 = str(samples / "westshire-plan-v2.pdf")
    out = json.loads(ok(capsys, ["carry-over", review, "--to", v2, "--json"]))
    assert out["draft"]["version"] == 2 and out["summary"]["orphaned"] == 1
    by_text = {i["old_section"]["number"]: i for i in out["items"]}
    assert by_text["2.3"]["status"] == "orphaned" and by_text["2.3"]["new_section"] is None
    assert by_text["2.4"]["new_section"]["number"] == "2.3"  # followed its content, not its number
    assert by_text["2.5"]["kind"] == "recommendation" and by_text["2.5"]["new_section"]["number"] == "2.4"

    listing = json.loads(ok(capsys, ["list", review, "--json"]))
    notes = {n["text"]: n for n in listing["annotations"]}
    assert notes["VAWG"]["section_number"] == "2.3" and notes["VAWG"]["carry_status"] == "moved"
    assert notes["Exploitation"]["carry_status"] == "orphaned"
    assert notes["Exploitation"]["carried_from_section"]["number"] == "2.3"
    ok(capsys, ["note", review, "--section", "2.1", "--kind", "comment", "--text", "New here"])
    listing = json.loads(ok(capsys, ["list", review, "--json"]))
    assert {n["text"]: n["carry_status"] for n in listing["annotations"]}["New here"] is None

    again = ok(capsys, ["carry-over", review, "--to", v2])
    assert "already the current version" in again
    assert "version 2" in ok(capsys, ["versions", review])
    changes = ok(capsys, ["changes", review])
    assert "removed: 2.3 Every child at risk" in changes
    assert "renamed: Priority 3: Tackling anti-social behaviour, rural" in changes
    section = ok(capsys, ["changes", review, "--section", "1.2"])
    assert "[-both urban and rural areas.-]{+urban, rural and coastal areas alike.+}" in section

    assert "back on" in ok(capsys, ["carry-over", review, "--undo"])
    listing = json.loads(ok(capsys, ["list", review, "--json"]))
    assert {n["text"]: n["section_number"] for n in listing["annotations"]}["VAWG"] == "2.4"
    assert "not carrying it over" in refusal(capsys, ["carry-over", review, "--undo"])


def test_addressed_records_a_judgement_and_shows_how_the_cited_section_changed(
    review: str, samples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ok(capsys, ["carry-over", review, "--to", str(samples / "westshire-plan-v2.pdf")])
    rec = json.loads(ok(capsys, ["list", review, "--json"]))["recommendations"][0]["id"]
    ok(capsys, ["addressed", review, rec[:8], "--status", "partly", "--text", "No date given"])
    shown = json.loads(ok(capsys, ["addressed", review, rec, "--json"]))
    assert shown["status"] == "partly" and shown["comment"] == "No date given"
    assert shown["cited"][0]["how"] == "renumbered"
    assert shown["cited"][0]["old"]["number"] == "2.5" and shown["cited"][0]["new"]["number"] == "2.4"


def test_changes_needs_two_versions(review: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert "only one version" in refusal(capsys, ["changes", review])
