"""``panelreview new | note | recommend | list | search`` as a clerk or member would type them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from panelreview.cli import main
from tests.storage.cli_helpers import refusal

SHARED = Path(__file__).resolve().parents[3] / "shared" / "samples"


@pytest.fixture
def started(tmp_path: Path, draft_bytes: bytes, capsys: pytest.CaptureFixture[str]) -> Path:
    draft = tmp_path / "draft plan.txt"
    draft.write_bytes(draft_bytes)
    review = tmp_path / "plan.pcpr"
    assert (
        main(
            ["new", str(review), "--draft", str(draft), "--member", "Cllr Ann Jones", "--panel", "Westshire"]
        )
        == 0
    )
    assert "Cllr Ann Jones" in capsys.readouterr().out
    return review


def test_note_recommend_list_json(started: Path, capsys: pytest.CaptureFixture[str]) -> None:
    r = str(started)
    assert main(["note", r, "--section", "3.1", "--kind", "concern", "--text", "No rural target"]) == 0
    assert (
        main(
            [
                "note",
                r,
                "--quote",
                "new  reporting\nline",
                "--kind",
                "support",
                "--visibility",
                "panel",
                "--text",
                "Welcome",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "recommend",
                r,
                "--quote",
                "keeping people safe",
                "--text",
                "Set measurable targets",
                "--rationale",
                "So the Panel can scrutinise progress",
                "--visibility",
                "report",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["list", r, "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    first, second = listing["annotations"]
    assert (first["kind"], first["text"], first["section_number"], first["quote"]) == (
        "concern",
        "No rural target",
        "3.1",
        None,
    )
    assert (second["visibility"], second["quote"], second["section_number"]) == (
        "panel",
        "new reporting line",
        "3.2",
    )
    assert second["section_title"].startswith("Tackling violence") and second["author"] == "Cllr Ann Jones"
    (rec,) = listing["recommendations"]
    assert rec["text"] == "Set measurable targets" and rec["author"] == "Cllr Ann Jones"
    assert rec["section_number"] == "2.1" and rec["quote"] == "keeping people safe"
    assert main(["list", r]) == 0
    assert "No rural target" in capsys.readouterr().out


def test_search_names_sections(started: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["note", str(started), "--section", "1", "--kind", "question", "--text", "What about drones?"])
    capsys.readouterr()
    assert main(["search", str(started), "drones"]) == 0
    assert "1 Purpose of Report (note)" in capsys.readouterr().out
    assert main(["search", str(started), "burglary"]) == 0
    assert "3.1" in capsys.readouterr().out


def test_user_errors_exit_2_with_one_plain_line(
    started: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    r = str(started)
    assert "not in the draft" in refusal(
        capsys, ["note", r, "--quote", "no such words", "--kind", "comment", "--text", "x"]
    )
    assert "appears 2 times" in refusal(
        capsys, ["note", r, "--quote", "the draft", "--kind", "comment", "--text", "x"]
    )
    assert "no section" in refusal(capsys, ["recommend", r, "--section", "12", "--text", "x"])
    assert "empty" in refusal(capsys, ["note", r, "--section", "2", "--kind", "comment"])
    assert "already exists" in refusal(capsys, ["new", r, "--draft", r, "--member", "X"])
    junk = tmp_path / "junk.pcpr"
    junk.write_bytes(os.urandom(4096))
    assert "not a PanelReview review" in refusal(capsys, ["list", str(junk)])
    assert "no review" in refusal(capsys, ["list", str(tmp_path / "missing.pcpr")]).lower()


@pytest.mark.skipif(not SHARED.is_dir() and not os.environ.get("CI"), reason="../shared/samples is not here")
def test_shared_cover_reports_can_be_reviewed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    samples = sorted(SHARED.glob("*.txt"))[:3]
    assert samples, f"no sample drafts in {SHARED}"
    for i, sample in enumerate(samples):
        review = tmp_path / f"r{i}.pcpr"
        assert main(["new", str(review), "--draft", str(sample), "--member", "Clerk", "--role", "clerk"]) == 0
        assert main(["note", str(review), "--section", "1", "--kind", "comment", "--text", "Seen"]) in (0, 2)
        assert main(["list", str(review), "--json"]) == 0
        capsys.readouterr()
