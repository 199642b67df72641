"""The clerk's loop from the command line, as a member and a clerk would type it."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from tests.storage.cli_helpers import ok, refusal


@pytest.fixture
def members(tmp_path: Path, draft_bytes: bytes, capsys: pytest.CaptureFixture[str]) -> dict[str, Path]:
    draft = tmp_path / "draft plan.txt"
    draft.write_bytes(draft_bytes)
    found = {}
    for key, name in (("ann", "Cllr Ann Jones"), ("bob", "Cllr Bob Smith")):
        review = tmp_path / f"{key}.pcpr"
        ok(capsys, ["new", str(review), "--draft", str(draft), "--member", name])
        found[key] = review
    a, b = str(found["ann"]), str(found["bob"])
    ok(
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
    ok(capsys, ["note", a, "--section", "2.1", "--kind", "concern", "--text", "PRIVATE-7731 hunch"])
    ok(
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
    ok(
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
    out = ok(capsys, ["share", str(members["ann"]), "-o", str(ann_pack)])
    assert "1 note, 1 recommendation shared with the panel" in out and "Private notes are not included" in out
    assert b"PRIVATE-7731" not in b"".join(
        zipfile.ZipFile(ann_pack).read(n) for n in zipfile.ZipFile(ann_pack).namelist()
    )
    ok(capsys, ["share", str(members["bob"]), "-o", str(bob_pack), "--without-draft"])

    clerk = str(tmp_path / "panel.pcpr")
    out = ok(capsys, ["combine", clerk, str(ann_pack), "--new-clerk", "Jo Clerk", "--panel", "Westshire"])
    assert "Started the clerk's review" in out and "Cllr Ann Jones: 2 new." in out
    out = ok(
        capsys, ["members", clerk, "--expect", "Ann Jones", "--expect", "Cllr Bob Smith", "--expect", "Dan"]
    )
    assert "Ann Jones: received" in out and "Cllr Bob Smith: not yet received" in out
    out = ok(capsys, ["combine", clerk, str(bob_pack), str(ann_pack)])
    assert "Cllr Bob Smith: 1 new." in out and "already imported" in out and "Not yet received: Dan." in out

    synthesis = json.loads(ok(capsys, ["synthesis", clerk, "--json"]))
    assert synthesis["total_members"] == 3
    (part,) = synthesis["sections"]
    assert part["number"] == "2.1" and part["headline"].startswith("2 of 3 members raised points on")
    assert [g["kind"] for g in part["groups"]] == ["question", "recommendation"]
    (suggestion,) = synthesis["merge_suggestions"]
    text = ok(capsys, ["synthesis", clerk, "--kind", "recommendation", "--member", "Bob Smith"])
    assert "1 of 3 members made recommendations" in text and "Similar recommendations" in text

    a_id, b_id = (i[:8] for i in suggestion["ids"])
    question = part["groups"][0]["items"][0]["id"][:6]
    out = ok(
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
    ok(capsys, ["consolidate", clerk, "--text", "Explain the targets.", "--section", "2.2"])
    first, second = json.loads(ok(capsys, ["panel", clerk, "--json"]))
    ok(capsys, ["order", clerk, second["id"][:8], first["id"][:8]])
    ok(capsys, ["number", clerk, "--prefix", "R"])
    ok(
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
    ok(capsys, ["decide", clerk, "R1", "--decision", "withdrawn", "--meeting", "2026-02-03"])
    ok(capsys, ["respond", clerk, "R2", "--status", "accepted", "--text", "Yes.", "--received", "2026-03-01"])
    listed = ok(capsys, ["panel", clerk])
    assert (
        re.search(r"R2 \[\w+\] \(agreed as amended 2026-02-03\) Publish it all\.", listed)
        and "response (accepted, received 2026-03-01): Yes." in listed
    )
    ok(capsys, ["tracker", clerk, "-o", str(tmp_path / "tracker.csv")])
    rows = (tmp_path / "tracker.csv").read_text("utf-8-sig").splitlines()
    assert len(rows) == 2 and rows[1].startswith("R2,Publish it all.")

    out = ok(capsys, ["undo-import", clerk])
    assert "1 earlier import still in effect" in out
    assert "Cllr Bob Smith: not yet received" in ok(capsys, ["members", clerk])


def test_clerk_commands_explain_mistakes_in_one_line(
    members: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "ann.pcpack"
    ok(capsys, ["share", str(members["ann"]), "-o", str(pack)])
    assert "Only a clerk's review" in refusal(capsys, ["combine", str(members["bob"]), str(pack)])
    damaged = tmp_path / "damaged.pcpack"
    damaged.write_bytes(pack.read_bytes()[:-100])
    clerk = tmp_path / "clerk.pcpr"
    ok(capsys, ["new", str(clerk), "--draft", str(members["draft"]), "--member", "Jo", "--role", "clerk"])
    assert "is damaged" in refusal(capsys, ["combine", str(clerk), str(pack), str(damaged)])
    assert "no import to undo" in refusal(capsys, ["undo-import", str(clerk)])
    assert "is numbered “R9”" in refusal(capsys, ["decide", str(clerk), "R9", "--decision", "agreed"])
    assert "matches no recommendation" in refusal(
        capsys, ["decide", str(clerk), "abcdef", "--decision", "agreed"]
    )
    assert "too short" in refusal(capsys, ["consolidate", str(clerk), "--text", "x", "--proposed", "ab"])
    bare = tmp_path / "no draft.pcpack"
    ok(capsys, ["share", str(members["ann"]), "-o", str(bare), "--without-draft"])
    new = tmp_path / "new clerk.pcpr"
    assert "does not carry the draft" in refusal(
        capsys, ["combine", str(new), str(bare), "--new-clerk", "Jo"]
    )
    assert not new.exists()
    assert "review file name" in refusal(
        capsys, ["share", str(members["ann"]), "-o", str(tmp_path / "x.pcpr")]
    )


def test_views_on_paper_themes_and_responses_without_a_status(
    members: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ann_pack = tmp_path / "ann.pcpack"
    ok(capsys, ["share", str(members["ann"]), "-o", str(ann_pack)])
    clerk = str(tmp_path / "panel.pcpr")
    assert "add --new-clerk" in refusal(capsys, ["combine", clerk, str(ann_pack)])
    ok(capsys, ["combine", clerk, str(ann_pack), "--new-clerk", "Jo Clerk"])
    ok(capsys, ["members", clerk, "--expect", "Cllr Ann Jones", "--expect", "Cllr Dan Brown"])

    out = ok(
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
    out = ok(capsys, ["add-view", clerk, "--member", "Cllr Eve Adams", "--text", "Letter about reserves"])
    assert "on the draft as a whole" in out and "is not on the members list" in out
    assert "Cllr Dan Brown: received on paper or by email" in ok(capsys, ["members", clerk])
    text = ok(capsys, ["synthesis", clerk, "--member", "Cllr Dan Brown"])
    assert "Cllr Dan Brown (entered by the clerk): Who?" in text
    synthesis = json.loads(ok(capsys, ["synthesis", clerk, "--json"]))
    assert synthesis["total_members"] == 3  # Ann and Dan on the list, Eve not on it
    questions = synthesis["sections"][1]["groups"][0]
    assert questions["headline"] == "2 of 3 members asked questions"
    dan_view = next(i for i in questions["items"] if i["entered_by_clerk"])
    refused = refusal(capsys, ["add-view", clerk, "--member", "Jo Clerk", "--text", "x"])
    assert "is the clerk of this review" in refused

    rec = synthesis["sections"][1]["groups"][1]["items"][0]["id"][:8]
    out = ok(
        capsys,
        ["consolidate", clerk, "--text", "Publish it.", "--proposed", rec, "--supported", dan_view["id"][:8],
         "--theme", "Victims"],
    )  # fmt: skip
    assert "proposed by Cllr Ann Jones; supported by Cllr Dan Brown" in out
    out = ok(capsys, ["consolidate", clerk, "--text", "Explain the reserves.", "--section", "3.1"])
    assert "not yet built from any member's views" in out
    ok(capsys, ["consolidate", clerk, "--text", "Ask victims.", "--section", "2.1", "--theme", "victims"])
    first = json.loads(ok(capsys, ["panel", clerk, "--json"]))[1]["id"][:8]
    assert "Saved the theme “Finance”" in ok(capsys, ["theme", clerk, first, "Finance"])
    out = ok(capsys, ["number", clerk, "--scheme", "theme"])
    assert "Numbered the panel's 3 recommendations in order: 1.1, 1.2, 2.1." in out
    numbered = [(r["number"], r["text"]) for r in json.loads(ok(capsys, ["panel", clerk, "--json"]))]
    assert numbered == [("1.1", "Publish it."), ("1.2", "Ask victims."), ("2.1", "Explain the reserves.")]

    assert "--meeting" in refusal(capsys, ["decide", clerk, "1.1", "--decision", "agreed"])
    assert "--status, its --text" in refusal(capsys, ["respond", clerk, "2.1"])
    ok(capsys, ["respond", clerk, "2.1", "--text", "We will publish the reserves strategy."])
    listed = ok(capsys, ["panel", clerk])
    assert "(not yet decided) Explain the reserves." in listed
    assert "response: We will publish the reserves strategy." in listed  # no status, no date
