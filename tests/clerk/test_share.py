"""“Send to clerk”: one file with the member's shared items, never a private one."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from panelreview.storage import PackError, ReadOnlyReview, Review, open_review
from panelreview.storage.pack_file import PACK_COLUMNS, read_pack
from panelreview.storage.schema import CLERK_ONLY_COLUMNS
from tests.clerk.conftest import MakeReview, pack_of

PRIVATE_NOTE = "Officer Dennison told me about the Hartley case in confidence"
PRIVATE_REC = "Quietly drop the Hartley review"
PRIVATE_REPLY = "Remember to phone Mrs Hartley"


def _all_bytes(pack: Path) -> list[bytes]:
    """The pack as stored, and every entry decompressed (a deflated secret would not show in the file)."""
    found = [pack.read_bytes()]
    with zipfile.ZipFile(pack) as archive:
        found += [archive.read(name) for name in archive.namelist()]
    return found


def _with_private_and_shared(make_review: MakeReview) -> tuple[Review, dict[str, str]]:
    ann = make_review("Cllr Ann Jones")
    where = ann.anchor_for(section="2.1")
    secret = ann.add_annotation(where, "concern", PRIVATE_NOTE)
    ann.add_reply(str(secret.item_id), PRIVATE_REPLY)
    ann.add_recommendation(PRIVATE_REC, anchor=where)
    shared = ann.add_annotation(where, "question", "How will victims be asked?", visibility="panel")
    ann.add_reply(str(shared.item_id), "Raised at the last meeting too")
    rec = ann.add_recommendation(
        "Publish the victims' services budget",
        anchor=where,
        visibility="report",
        annotation_ids=[str(shared.item_id), str(secret.item_id)],
    )
    return ann, {"secret": str(secret.item_id), "shared": str(shared.item_id), "rec": str(rec.item_id)}


def test_private_items_never_reach_the_pack(make_review: MakeReview, tmp_path: Path) -> None:
    ann, ids = _with_private_and_shared(make_review)
    summary = ann.share(tmp_path / "ann")
    pack = tmp_path / "ann.pcpack"
    assert Path(summary.path) == pack and pack.exists()
    assert (summary.notes, summary.recommendations, summary.replies, summary.withdrawn) == (1, 1, 1, 0)
    assert "Private notes are not included" in summary.description
    contents = _all_bytes(pack)
    for secret in (PRIVATE_NOTE, PRIVATE_REC, PRIVATE_REPLY, "Hartley", ids["secret"]):
        assert not any(secret.encode() in blob for blob in contents), secret
    # the scan would have seen them: the shared text is there, decompressed
    assert any(b"How will victims be asked?" in blob for blob in contents)
    items = json.loads(zipfile.ZipFile(pack).read("items.json"))
    notes_linked = [r["annotation_id"] for r in items["recommendation_links"] if r["annotation_id"]]
    assert notes_linked == [ids["shared"]]  # the link to the private note stays behind
    assert [m["name"] for m in items["members"]] == ["Cllr Ann Jones"]
    readme = zipfile.ZipFile(pack).read("README.txt").decode()
    assert "It holds 1 note, 1 recommendation and 1 reply that Cllr Ann Jones shared" in readme


def test_withdrawn_items_travel_without_their_text(make_review: MakeReview, tmp_path: Path) -> None:
    ann, ids = _with_private_and_shared(make_review)
    pack_of(ann, tmp_path, "first")
    ann.edit_annotation(ids["shared"], visibility="private")
    ann.delete_recommendation(ids["rec"])
    second = ann.share(tmp_path / "second.pcpack")
    assert (second.notes, second.recommendations, second.withdrawn) == (0, 0, 3)  # note, reply, rec
    contents = _all_bytes(tmp_path / "second.pcpack")
    for text in ("How will victims be asked?", "Raised at the last meeting", "victims' services budget"):
        assert not any(text.encode() in blob for blob in contents), text
    items = json.loads(zipfile.ZipFile(tmp_path / "second.pcpack").read("items.json"))
    stub = next(r for r in items["annotations"] if r["id"] == ids["shared"])
    assert stub["deleted"] == 1 and "body" not in stub
    readme = zipfile.ZipFile(tmp_path / "second.pcpack").read("README.txt").decode()
    assert "It holds 0 notes, 0 recommendations and 0 replies" in readme
    assert "3 items sent before have since been withdrawn" in readme


def test_items_never_shared_leave_no_trace_when_deleted(make_review: MakeReview, tmp_path: Path) -> None:
    ann = make_review("Cllr Ann Jones")
    gone = ann.add_annotation(ann.anchor_for(section="2.2"), "comment", "never shared", visibility="panel")
    ann.delete_annotation(str(gone.item_id))
    summary = ann.share(tmp_path / "p.pcpack")
    assert summary.withdrawn == 0
    assert not any(str(gone.item_id).encode() in b for b in _all_bytes(tmp_path / "p.pcpack"))


def test_the_draft_travels_unless_the_clerk_has_it(make_review: MakeReview, tmp_path: Path) -> None:
    ann = make_review("Cllr Ann Jones")
    with_draft = read_pack(pack_of(ann, tmp_path, "with"))
    without = read_pack(pack_of(ann, tmp_path, "without", include_draft=False))
    assert with_draft.draft_data == ann.draft_data()[1] and with_draft.draft["included"] is True
    assert without.draft_data is None and without.draft["included"] is False
    assert with_draft.draft["id"] == without.draft["id"] == ann.current_draft_id
    assert "draft.bin" not in zipfile.ZipFile(tmp_path / "without.pcpack").namelist()
    assert with_draft.member["name"] == "Cllr Ann Jones"


def test_pack_replaces_an_older_one_atomically(make_review: MakeReview, tmp_path: Path) -> None:
    ann = make_review("Cllr Ann Jones")
    folder = tmp_path / "out"
    folder.mkdir()
    first = read_pack(pack_of(ann, folder, "pack")).pack_id
    ann.add_annotation(ann.anchor_for(section="3"), "comment", "Budget is thin", visibility="panel")
    second = read_pack(pack_of(ann, folder, "pack"))
    assert second.pack_id != first and len(second.rows["annotations"]) == 1
    assert sorted(p.name for p in folder.iterdir()) == ["pack.pcpack"]  # no temporary file left


def test_a_pack_may_not_overwrite_a_review(make_review: MakeReview, tmp_path: Path) -> None:
    ann = make_review("Cllr Ann Jones")
    with pytest.raises(PackError, match="review file name"):
        ann.share(tmp_path / "Cllr Ann Jones.pcpr")
    report = tmp_path / "report.docx"
    report.write_bytes(b"the panel's report")
    with pytest.raises(PackError, match=r"not a pack's name\. Give the pack a name ending in \.pcpack"):
        ann.share(report)
    assert report.read_bytes() == b"the panel's report"
    assert ann.owner.name == "Cllr Ann Jones" and ann.path.exists()


def test_read_only_review_cannot_send(make_review: MakeReview, tmp_path: Path) -> None:
    ann = make_review("Cllr Ann Jones")
    path = ann.path
    ann.close()
    with open_review(path, read_only=True) as look, pytest.raises(ReadOnlyReview, match="read-only"):
        look.share(tmp_path / "p.pcpack")
    assert not (tmp_path / "p.pcpack").exists()


def test_pack_columns_are_the_review_files_columns(make_review: MakeReview) -> None:
    """Every column travels, but the clerk's own bookkeeping (views entered for a member)."""
    review = make_review("Cllr Ann Jones")
    conn = sqlite3.connect(review.path)
    try:
        for table, columns in PACK_COLUMNS.items():
            found = tuple(r[1] for r in conn.execute(f"PRAGMA table_info({table})"))
            assert found == columns + CLERK_ONLY_COLUMNS.get(table, ()), table
    finally:
        conn.close()
