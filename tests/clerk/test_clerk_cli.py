"""The clerk's loop from the command line, as a member and a clerk would type it."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from panelreview.cli import main


def _ok(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def _error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


@pytest.fixture
def members(tmp_path: Path, draft_bytes: bytes, capsys: pytest.CaptureFixture[str]) -> dict[str, Path]:
    draft = tmp_path / "draft plan.txt"
    draft.write_bytes(draft_bytes)
    found = {}
    for key, name in (("ann", "Cllr Ann Jones"), ("bob", "Cllr Bob Smith")):
        review = tmp_path / f"{key}.pcpr"
        _ok(capsys, ["new", str(review), "--draft", str(draft), "--member", name])
        found[key] = review
    a, b = str(found["ann"]), str(found["bob"])
    _ok(
        capsys,
        [
            "note",
            a,
            "--section",
            "2.1",
            "--kind",
            "question",
            "--text",
            "Who was asked?",
            "--visibility",
            "panel",
        ],
    )
    _ok(capsys, ["note", a, "--section", "2.1", "--kind", "concern", "--text", "PRIVATE-7731 hunch"])
    _ok(
        capsys,
        [
            "recommend",
            a,
            "--section",
            "2.1",
            "--text",
            "Publish the victims' services budget",
            "--visibility",
            "report",
        ],
    )
    _ok(
        capsys,
        [
            "recommend",
            b,
            "--section",
            "2.1",
            "--text",
            "The victims' services budget should be published",
            "--visibility",
            "panel",
        ],
    )
    found["draft"] = draft
    return found


def test_share_combine_and_work_the_clerks_loop(
    members: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ann_pack, bob_pack = tmp_path / "ann.pcpack", tmp_path / "bob.pcpack"
    out = _ok(capsys, ["share", str(members["ann"]), "-o", str(ann_pack)])
    assert "1 note, 1 recommendation shared with the panel" in out and "Private notes are not included" in out
    assert b"PRIVATE-7731" not in b"".join(
        zipfile.ZipFile(ann_pack).read(n) for n in zipfile.ZipFile(ann_pack).namelist()
    )
    _ok(capsys, ["share", str(members["bob"]), "-o", str(bob_pack), "--without-draft"])

    clerk = str(tmp_path / "panel.pcpr")
    out = _ok(capsys, ["combine", clerk, str(ann_pack), "--new-clerk", "Jo Clerk", "--panel", "Westshire"])
    assert "Started the clerk's review" in out and "Cllr Ann Jones: 2 new." in out
    out = _ok(
        capsys, ["members", clerk, "--expect", "Ann Jones", "--expect", "Cllr Bob Smith", "--expect", "Dan"]
    )
    assert "Ann Jones: received" in out and "Cllr Bob Smith: not yet received" in out
    out = _ok(capsys, ["combine", clerk, str(bob_pack), str(ann_pack)])
    assert "Cllr Bob Smith: 1 new." in out and "already imported" in out and "Not yet received: Dan." in out

    synthesis = json.loads(_ok(capsys, ["synthesis", clerk, "--json"]))
    assert synthesis["total_members"] == 3
    (part,) = synthesis["sections"]
    assert part["number"] == "2.1" and part["headline"].startswith("2 of 3 members raised points on")
    assert [g["kind"] for g in part["groups"]] == ["question", "recommendation"]
    (suggestion,) = synthesis["merge_suggestions"]
    text = _ok(capsys, ["synthesis", clerk, "--kind", "recommendation", "--member", "Bob Smith"])
    assert "1 of 3 members made recommendations" in text and "Similar recommendations" in text

    a_id, b_id = (i[:8] for i in suggestion["ids"])
    question = part["groups"][0]["items"][0]["id"][:6]
    out = _ok(
        capsys,
        [
            "consolidate",
            clerk,
            "--text",
            "Publish the budget.",
            "--proposed",
            a_id,
            b_id,
            "--supported",
            question,
        ],
    )
    assert (
        "proposed by Cllr Ann Jones, Cllr Bob Smith" in out
        or "proposed by Cllr Bob Smith, Cllr Ann Jones" in out
    )
    _ok(capsys, ["consolidate", clerk, "--text", "Explain the targets.", "--section", "2.2"])
    first, second = json.loads(_ok(capsys, ["panel", clerk, "--json"]))
    _ok(capsys, ["order", clerk, second["id"][:8], first["id"][:8]])
    _ok(capsys, ["number", clerk, "--prefix", "R"])
    _ok(
        capsys,
        [
            "decide",
            clerk,
            "R2",
            "--decision",
            "amended",
            "--meeting",
            "3/2/2026",
            "--text",
            "Publish it all.",
        ],
    )
    _ok(capsys, ["decide", clerk, "R1", "--decision", "withdrawn", "--meeting", "2026-02-03"])
    _ok(
        capsys, ["respond", clerk, "R2", "--status", "accepted", "--text", "Yes.", "--received", "2026-03-01"]
    )
    listed = _ok(capsys, ["panel", clerk])
    assert (
        re.search(r"R2 \[\w+\] \(agreed as amended 2026-02-03\) Publish it all\.", listed)
        and "response (accepted, received 2026-03-01): Yes." in listed
    )
    _ok(capsys, ["tracker", clerk, "-o", str(tmp_path / "tracker.csv")])
    rows = (tmp_path / "tracker.csv").read_text("utf-8-sig").splitlines()
    assert len(rows) == 2 and rows[1].startswith("R2,Publish it all.")

    out = _ok(capsys, ["undo-import", clerk])
    assert "1 earlier import still in effect" in out
    assert "Cllr Bob Smith: not yet received" in _ok(capsys, ["members", clerk])


def test_clerk_commands_explain_mistakes_in_one_line(
    members: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "ann.pcpack"
    _ok(capsys, ["share", str(members["ann"]), "-o", str(pack)])
    assert "Only a clerk's review" in _error(capsys, ["combine", str(members["bob"]), str(pack)])
    damaged = tmp_path / "damaged.pcpack"
    damaged.write_bytes(pack.read_bytes()[:-100])
    clerk = tmp_path / "clerk.pcpr"
    _ok(capsys, ["new", str(clerk), "--draft", str(members["draft"]), "--member", "Jo", "--role", "clerk"])
    assert "is damaged" in _error(capsys, ["combine", str(clerk), str(pack), str(damaged)])
    assert "no import to undo" in _error(capsys, ["undo-import", str(clerk)])
    assert "is numbered “R9”" in _error(capsys, ["decide", str(clerk), "R9", "--decision", "agreed"])
    assert "matches no recommendation" in _error(
        capsys, ["decide", str(clerk), "abcdef", "--decision", "agreed"]
    )
    assert "too short" in _error(capsys, ["consolidate", str(clerk), "--text", "x", "--proposed", "ab"])
    bare = tmp_path / "no draft.pcpack"
    _ok(capsys, ["share", str(members["ann"]), "-o", str(bare), "--without-draft"])
    new = tmp_path / "new clerk.pcpr"
    assert "does not carry the draft" in _error(capsys, ["combine", str(new), str(bare), "--new-clerk", "Jo"])
    assert not new.exists()
    assert "review file name" in _error(
        capsys, ["share", str(members["ann"]), "-o", str(tmp_path / "x.pcpr")]
    )


def test_views_on_paper_themes_and_responses_without_a_status(
    members: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ann_pack = tmp_path / "ann.pcpack"
    _ok(capsys, ["share", str(members["ann"]), "-o", str(ann_pack)])
    clerk = str(tmp_path / "panel.pcpr")
    assert "add --new-clerk" in _error(capsys, ["combine", clerk, str(ann_pack)])
    _ok(capsys, ["combine", clerk, str(ann_pack), "--new-clerk", "Jo Clerk"])
    _ok(capsys, ["members", clerk, "--expect", "Cllr Ann Jones", "--expect", "Cllr Dan Brown"])

    out = _ok(
        capsys,
        [
            "add-view",
            clerk,
            "--member",
            "Dan Brown",
            "--kind",
            "question",
            "--section",
            "2.1",
            "--text",
            "Who?",
        ],
    )
    assert "Saved Cllr Dan Brown’s question on 2.1" in out and "entered by you on their behalf" in out
    out = _ok(capsys, ["add-view", clerk, "--member", "Cllr Eve Adams", "--text", "Letter about reserves"])
    assert "on the draft as a whole" in out and "is not on the members list" in out
    assert "Cllr Dan Brown: received on paper or by email" in _ok(capsys, ["members", clerk])
    text = _ok(capsys, ["synthesis", clerk, "--member", "Cllr Dan Brown"])
    assert "Cllr Dan Brown (entered by the clerk): Who?" in text
    synthesis = json.loads(_ok(capsys, ["synthesis", clerk, "--json"]))
    assert synthesis["total_members"] == 3  # Ann and Dan on the list, Eve not on it
    questions = synthesis["sections"][1]["groups"][0]
    assert questions["headline"] == "2 of 3 members asked questions"
    dan_view = next(i for i in questions["items"] if i["entered_by_clerk"])
    refused = _error(capsys, ["add-view", clerk, "--member", "Jo Clerk", "--text", "x"])
    assert "is the clerk of this review" in refused

    rec = synthesis["sections"][1]["groups"][1]["items"][0]["id"][:8]
    out = _ok(
        capsys,
        ["consolidate", clerk, "--text", "Publish it.", "--proposed", rec, "--supported", dan_view["id"][:8],
         "--theme", "Victims"],
    )  # fmt: skip
    assert "proposed by Cllr Ann Jones; supported by Cllr Dan Brown" in out
    out = _ok(capsys, ["consolidate", clerk, "--text", "Explain the reserves.", "--section", "3.1"])
    assert "not yet built from any member's views" in out
    _ok(capsys, ["consolidate", clerk, "--text", "Ask victims.", "--section", "2.1", "--theme", "victims"])
    first = json.loads(_ok(capsys, ["panel", clerk, "--json"]))[1]["id"][:8]
    assert "Saved the theme “Finance”" in _ok(capsys, ["theme", clerk, first, "Finance"])
    out = _ok(capsys, ["number", clerk, "--scheme", "theme"])
    assert "Numbered the panel's 3 recommendations in order: 1.1, 1.2, 2.1." in out
    numbered = [(r["number"], r["text"]) for r in json.loads(_ok(capsys, ["panel", clerk, "--json"]))]
    assert numbered == [("1.1", "Publish it."), ("1.2", "Ask victims."), ("2.1", "Explain the reserves.")]

    assert "--meeting" in _error(capsys, ["decide", clerk, "1.1", "--decision", "agreed"])
    assert "--status, its --text" in _error(capsys, ["respond", clerk, "2.1"])
    _ok(capsys, ["respond", clerk, "2.1", "--text", "We will publish the reserves strategy."])
    listed = _ok(capsys, ["panel", clerk])
    assert "(not yet decided) Explain the reserves." in listed
    assert "response: We will publish the reserves strategy." in listed  # no status, no date
