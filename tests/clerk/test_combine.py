"""Combining members' packs in the clerk's review: no duplicates, authorship and threads kept, undoable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from panelreview.core.review import InvalidValue
from panelreview.storage import Review, open_review
from tests.clerk.conftest import MakeReview, pack_of
from tests.clerk.helpers import state


@pytest.fixture
def ann(make_review: MakeReview) -> Review:
    review = make_review("Cllr Ann Jones", council="Northtown")
    where = review.anchor_for(section="2.1")
    q = review.add_annotation(where, "question", "How will victims be asked?", visibility="panel")
    review.add_reply(str(q.item_id), "At the survivors' forum, I hope.")
    review.add_reply(str(q.item_id), "And online.")
    review.add_recommendation(
        "Publish the victims' services budget",
        anchor=where,
        visibility="report",
        annotation_ids=[str(q.item_id)],
    )
    return review


@pytest.fixture
def bob(make_review: MakeReview) -> Review:
    review = make_review("Cllr Bob Smith")
    review.add_annotation(review.anchor_for(section="2.2"), "concern", "No rural target", visibility="panel")
    return review


def test_import_keeps_authors_threads_and_links(
    clerk: Review, ann: Review, bob: Review, tmp_path: Path
) -> None:
    change = clerk.import_packs([pack_of(ann, tmp_path), pack_of(bob, tmp_path)])
    assert change.label == "Import members' reviews" and change.restore
    record = clerk.import_record(change.item_id)
    assert record is not None
    assert [p.description for p in record.packs] == ["Cllr Ann Jones: 4 new.", "Cllr Bob Smith: 1 new."]
    notes = {a.body: a for a in clerk.annotations()}
    question = notes["How will victims be asked?"]
    assert question.author.name == "Cllr Ann Jones" and question.author.council == "Northtown"
    assert [(r.author.name, r.body) for r in question.replies] == [
        ("Cllr Ann Jones", "At the survivors' forum, I hope."),
        ("Cllr Ann Jones", "And online."),
    ]
    assert notes["No rural target"].author.name == "Cllr Bob Smith"
    (rec,) = clerk.recommendations()
    assert rec.linked_annotations == (question.id,) and rec.author.name == "Cllr Ann Jones"
    assert {h.item_id for h in clerk.search("survivors")} == {question.replies[0].id}


def test_same_pack_twice_or_a_newer_one_never_duplicates(clerk: Review, ann: Review, tmp_path: Path) -> None:
    first = pack_of(ann, tmp_path, "first")
    clerk.import_packs([first])
    held = state(clerk)
    again = clerk.import_packs([first])
    assert again.rows == () and again.is_empty and state(clerk) == held
    assert len(clerk.imports()) == 1

    q = next(a for a in ann.annotations() if a.kind.value == "question")
    ann.edit_annotation(q.id, body="How will victims be asked, and how often?")
    ann.add_annotation(ann.anchor_for(section="3.1"), "comment", "Where is the precept?", visibility="panel")
    newer = pack_of(ann, tmp_path, "second")
    change = clerk.import_packs([newer, first])  # the older one alongside changes nothing
    record = clerk.import_record(change.item_id)
    assert record is not None
    assert [p.description for p in record.packs] == [
        "Cllr Ann Jones: 1 new, 1 updated.",
        "Cllr Ann Jones: this pack was already imported; nothing changed.",
    ]
    assert sorted(a.body for a in clerk.annotations()) == [
        "How will victims be asked, and how often?",
        "Where is the precept?",
    ]
    assert len(clerk.annotations()[0].replies) + len(clerk.annotations()[1].replies) == 2


def test_deletions_travel_and_older_packs_do_not_bring_them_back(
    clerk: Review, ann: Review, tmp_path: Path
) -> None:
    old = pack_of(ann, tmp_path, "old")
    q = next(a for a in ann.annotations() if a.kind.value == "question")
    ann.delete_annotation(q.id)
    new = pack_of(ann, tmp_path, "new")
    clerk.import_packs([new])
    clerk.import_packs([old])  # arrives late: still deleted, and its text is not kept
    assert clerk.annotations() == []
    assert clerk.search("survivors") == [] and clerk.search("victims asked") == []
    (row,) = clerk._rows("SELECT body, deleted FROM annotations")
    assert row == {"body": "", "deleted": 1}


def test_clerks_own_items_and_replies_are_untouched(clerk: Review, ann: Review, tmp_path: Path) -> None:
    mine = clerk.add_annotation(clerk.anchor_for(section="1"), "comment", "Chase the late ones")
    clerk.import_packs([pack_of(ann, tmp_path, "one")])
    q = next(a for a in clerk.annotations() if a.kind.value == "question")
    clerk.add_reply(q.id, "Clerk: I will ask the OPCC")
    ann.edit_annotation(q.id, body="Edited question")
    clerk.import_packs([pack_of(ann, tmp_path, "two")])
    after = {a.body: a for a in clerk.annotations()}
    assert after["Chase the late ones"].id == mine.item_id
    assert [r.body for r in after["Edited question"].replies][-1] == "Clerk: I will ask the OPCC"


def test_members_wording_cannot_be_changed_by_the_clerk(clerk: Review, ann: Review, tmp_path: Path) -> None:
    clerk.import_packs([pack_of(ann, tmp_path)])
    q = next(a for a in clerk.annotations() if a.kind.value == "question")
    (rec,) = clerk.recommendations()
    with pytest.raises(InvalidValue, match="Cllr Ann Jones’s: only they can change it"):
        clerk.edit_annotation(q.id, body="Improved by the clerk")
    with pytest.raises(InvalidValue, match="only they can change it"):
        clerk.edit_recommendation(rec.id, wording="Improved")
    with pytest.raises(InvalidValue, match="only they can change it"):
        clerk.delete_recommendation(rec.id)
    assert clerk.recommendations()[0].wording == "Publish the victims' services budget"


def test_undo_last_import_after_reopening(clerk: Review, ann: Review, bob: Review, tmp_path: Path) -> None:
    empty = state(clerk)
    clerk.import_packs([pack_of(ann, tmp_path)])
    after_ann = state(clerk)
    q = next(a for a in ann.annotations() if a.kind.value == "question")
    ann.edit_annotation(q.id, body="Second version")
    clerk.import_packs([pack_of(ann, tmp_path, "ann2"), pack_of(bob, tmp_path)])
    path = clerk.path
    clerk.close()
    with open_review(path) as reopened:
        undone = reopened.undo_last_import()
        assert undone.label == "Remove imported members' reviews"
        assert state(reopened) == after_ann
        assert len(reopened.imports()) == 1
        reopened.apply(undone.inverse())  # redo, as the undo stack would
        assert {a.body for a in reopened.annotations()} == {"Second version", "No rural target"}
        reopened.undo_last_import()
        reopened.undo_last_import()
        assert state(reopened) == empty and reopened.imports() == []
        with pytest.raises(InvalidValue, match="no import to undo"):
            reopened.undo_last_import()


def test_undo_stack_can_undo_and_redo_an_import(clerk: Review, ann: Review, tmp_path: Path) -> None:
    empty = state(clerk)
    change = clerk.import_packs([pack_of(ann, tmp_path)])
    full = state(clerk)
    clerk.apply(change.inverse())
    assert state(clerk) == empty and clerk.imports() == []
    assert clerk.search("survivors") == [] and clerk.search("budget") == [
        h for h in clerk.search("budget") if h.item_type == "block"
    ]
    clerk.apply(change)
    assert state(clerk) == full and len(clerk.imports()) == 1
    assert [h.item_type for h in clerk.search("survivors")] == ["reply"]
    clerk.undo_last_import()  # the redone import is in the file, so it can be undone from there too
    assert state(clerk) == empty


def test_a_note_made_private_and_shared_again_comes_back_with_its_replies(
    clerk: Review, ann: Review, tmp_path: Path
) -> None:
    q = next(a for a in ann.annotations() if a.kind.value == "question")
    clerk.import_packs([pack_of(ann, tmp_path, "1")])
    ann.edit_annotation(q.id, visibility="private")
    clerk.import_packs([pack_of(ann, tmp_path, "2")])
    assert [a.body for a in clerk.annotations()] == []
    assert clerk.recommendations()[0].linked_annotations == ()  # the link went with the note
    ann.edit_annotation(q.id, visibility="panel")
    clerk.import_packs([pack_of(ann, tmp_path, "3")])
    (back,) = clerk.annotations()
    assert [r.body for r in back.replies] == ["At the survivors' forum, I hope.", "And online."]
    assert clerk.recommendations()[0].linked_annotations == (q.id,)


def test_notes_land_in_the_right_section_when_the_outline_ids_differ(
    clerk: Review, ann: Review, tmp_path: Path
) -> None:
    """A member on another PanelReview version may number the same draft's sections differently."""
    from tests.clerk.helpers import rebuild_pack

    def shift_outline(manifest: dict[str, Any]) -> None:
        manifest["sections"] = [[s[0] + 100, s[1], s[2]] for s in manifest["sections"]]

    def shift_rows(items: dict[str, list[dict[str, Any]]]) -> None:
        for table in ("annotations", "recommendations", "recommendation_links"):
            for row in items[table]:
                if row.get("section_id") is not None:
                    row["section_id"] += 100

    pack = rebuild_pack(
        pack_of(ann, tmp_path), tmp_path / "shifted.pcpack", manifest=shift_outline, items=shift_rows
    )
    clerk.import_packs([pack])
    assert {a.section.number for a in clerk.annotations()} == {"2.1"}
    (rec,) = clerk.recommendations()
    assert rec.section.number == "2.1" and len(rec.linked_sections) == 1
