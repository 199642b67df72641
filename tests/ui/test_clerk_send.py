"""Send to Clerk…: a member's shared items written as a pack, and said plainly what went and what did not."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from panelreview.storage.pack_file import read_pack
from panelreview.ui.clerk.send import SendToClerkDialog
from tests.ui.clerk_helpers import Desk, capture_messages, fill_dialog, make_review, save_as


@pytest.fixture
def member_desk(qtbot: Any, tmp_path: Path) -> Iterator[Desk]:
    """A member's review with 3 shared notes, 2 recommendations (1 private) and 4 private notes."""
    review = make_review(tmp_path, "Cllr Ann Jones")
    where = review.anchor_for(section="2.1")
    for n in range(3):
        review.add_annotation(where, "question", f"Shared question {n}", visibility="panel")
    for n in range(4):
        review.add_annotation(where, "comment", f"Private working note {n}")
    review.add_recommendation("Publish the budget.", anchor=where, visibility="report")
    review.add_recommendation("A private idea.", anchor=where)
    path = review.path
    review.close()
    opened = Desk(qtbot, path)
    yield opened
    opened.close_session()
    opened.window.close()


def test_send_to_clerk_writes_a_pack_without_private_notes(
    member_desk: Desk, monkeypatch: Any, tmp_path: Path
) -> None:
    ui = member_desk.ui
    assert ui.actions.send.isEnabled()
    assert not ui.actions.import_packs.isEnabled() and not ui.actions.desk.isEnabled(), "clerk-only"
    assert not ui.desk.isVisible()
    seen: list[str] = []

    def fill(dialog: SendToClerkDialog) -> None:
        seen.append(dialog.summary_label.text())
        assert dialog.nothing_label.isHidden()
        dialog.ok_button.click()

    fill_dialog(monkeypatch, SendToClerkDialog, fill)
    save_as(monkeypatch, tmp_path / "for the clerk")
    shown = capture_messages(monkeypatch)
    ui.actions.send.trigger()

    assert seen == [
        "The review pack will hold the 3 notes and 1 recommendation you shared with the panel or proposed "
        "for the report, with your replies, your name and the draft's details. Your 4 private notes and "
        "1 private recommendation stay in your review: private notes are never sent."
    ]
    pack = tmp_path / "for the clerk.pcpack"
    assert shown["information"] == [
        (
            "Review pack saved",
            "Saved “for the clerk.pcpack” for the clerk: 3 notes and 1 recommendation. 4 private notes "
            "and 1 private recommendation were left out. The draft is included.\n\n"
            "Email the file to your clerk or copy it to a memory stick.",
        )
    ]
    found = read_pack(pack)
    bodies = [row["body"] for row in found.rows["annotations"]]
    assert sorted(bodies) == ["Shared question 0", "Shared question 1", "Shared question 2"]
    assert [row["wording"] for row in found.rows["recommendations"]] == ["Publish the budget."]
    assert found.draft_data is not None and found.member_name == "Cllr Ann Jones"


def test_the_clerk_already_has_the_draft(member_desk: Desk, monkeypatch: Any, tmp_path: Path) -> None:
    def fill(dialog: SendToClerkDialog) -> None:
        dialog.without_draft.setChecked(True)
        dialog.ok_button.click()

    fill_dialog(monkeypatch, SendToClerkDialog, fill)
    save_as(monkeypatch, tmp_path / "small.pcpack")
    shown = capture_messages(monkeypatch)
    member_desk.ui.actions.send.trigger()
    assert shown["information"][0][1].split("\n")[0].endswith("The draft is not included.")
    assert read_pack(tmp_path / "small.pcpack").draft_data is None


def test_cancelling_writes_nothing_and_nothing_shared_is_said(
    qtbot: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    review = make_review(tmp_path, "Cllr New Member")
    review.add_annotation(review.anchor_for(section="1.1"), "comment", "Only mine")
    path = review.path
    review.close()
    opened = Desk(qtbot, path)
    try:
        seen: list[bool] = []

        def fill(dialog: SendToClerkDialog) -> None:
            seen.append(dialog.nothing_label.isHidden())
            dialog.reject()

        fill_dialog(monkeypatch, SendToClerkDialog, fill)
        save_as(monkeypatch, tmp_path / "never.pcpack")
        opened.ui.actions.send.trigger()
        assert seen == [False], "the member is told nothing is shared yet"
        assert not (tmp_path / "never.pcpack").exists()
    finally:
        opened.close_session()
        opened.window.close()
