"""A damaged, altered, newer or foreign pack is refused with a clear message, and nothing is imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panelreview.storage import DamagedPack, NewerPack, NotAPack, PackError, Review, WrongDraft
from panelreview.storage.pack_file import PACK_VERSION
from tests.clerk.conftest import OTHER_DRAFT_TEXT, MakeReview, pack_of
from tests.clerk.helpers import rebuild_pack, state


@pytest.fixture
def good_pack(make_review: MakeReview, tmp_path: Path) -> Path:
    ann = make_review("Cllr Ann Jones")
    where = ann.anchor_for(section="2.2")
    for i in range(5):
        note = ann.add_annotation(where, "concern", f"Rural point {i}", visibility="panel")
        ann.add_reply(str(note.item_id), f"Follow-up {i}")
    ann.add_recommendation("Set a rural burglary target", anchor=where, visibility="report")
    return pack_of(ann, tmp_path)


def _refused(clerk: Review, pack: Path, error: type[Exception], match: str) -> None:
    before = state(clerk, skip=set())
    with pytest.raises(error, match=match):
        clerk.import_packs([pack])
    assert state(clerk, skip=set()) == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.floats(min_value=0.0, max_value=0.9999))
def test_truncated_pack_is_refused_and_imports_nothing(
    clerk: Review, good_pack: Path, tmp_path: Path, cut: float
) -> None:
    data = good_pack.read_bytes()
    short = tmp_path / "short.pcpack"
    short.write_bytes(data[: int(len(data) * cut)])
    before = state(clerk, skip=set())
    with pytest.raises(PackError) as err:
        clerk.import_packs([short])
    assert isinstance(err.value, DamagedPack | NotAPack)
    if len(data) * cut > 200:  # enough is left to see that it was a pack
        assert "is damaged" in str(err.value) and "Nothing was imported" in str(err.value)
    assert state(clerk, skip=set()) == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.floats(min_value=0.0, max_value=0.9999), flip=st.integers(min_value=1, max_value=255))
def test_any_changed_byte_is_detected(
    clerk: Review, good_pack: Path, tmp_path: Path, where: float, flip: int
) -> None:
    data = bytearray(good_pack.read_bytes())
    data[int(len(data) * where)] ^= flip
    bad = tmp_path / "bad.pcpack"
    bad.write_bytes(bytes(data))
    before = state(clerk, skip=set())
    with pytest.raises(DamagedPack, match="is damaged"):
        clerk.import_packs([bad])
    assert state(clerk, skip=set()) == before


def test_one_bad_pack_among_good_ones_imports_nothing(
    clerk: Review, good_pack: Path, make_review: MakeReview, tmp_path: Path
) -> None:
    bob = make_review("Cllr Bob Smith")
    bob.add_annotation(bob.anchor_for(section="3.1"), "question", "Reserves?", visibility="panel")
    bobs = pack_of(bob, tmp_path)
    bad = tmp_path / "bad.pcpack"
    bad.write_bytes(good_pack.read_bytes()[:-10])
    before = state(clerk, skip=set())
    with pytest.raises(DamagedPack, match=r"“bad\.pcpack” is damaged"):
        clerk.import_packs([bobs, bad])
    assert state(clerk, skip=set()) == before and clerk.annotations() == []


@pytest.mark.parametrize("ahead", [1, 5])
def test_pack_from_a_newer_version_is_refused_clearly(
    clerk: Review, good_pack: Path, tmp_path: Path, ahead: int
) -> None:
    version = PACK_VERSION + ahead
    newer = rebuild_pack(
        good_pack, tmp_path / "newer.pcpack", manifest=lambda m: m.update(format_version=version)
    )
    _refused(clerk, newer, NewerPack, rf"newer version of PanelReview \(pack format {version}")


def test_edited_item_with_recomputed_checksums_cannot_claim_the_clerks_items(
    clerk: Review, good_pack: Path, tmp_path: Path
) -> None:
    mine = clerk.add_annotation(clerk.anchor_for(section="1"), "comment", "The clerk's own note")

    def hijack(items: dict[str, list[dict[str, object]]]) -> None:
        items["annotations"][0]["id"] = mine.item_id
        items["annotations"][0]["updated"] = "2999-01-01T00:00:00.000000Z"

    forged = rebuild_pack(good_pack, tmp_path / "forged.pcpack", items=hijack)
    _refused(clerk, forged, PackError, "belong to someone else")
    assert [a.body for a in clerk.annotations()] == ["The clerk's own note"]

    def impersonate(items: dict[str, list[dict[str, object]]]) -> None:
        items["annotations"][0]["author_id"] = clerk.owner_id

    _refused(clerk, rebuild_pack(good_pack, tmp_path / "imp.pcpack", items=impersonate), PackError, "altered")


UNRELATED_PLAN = (
    "1. Purpose of Report\n\n1.1. To agree the fire and rescue authority's budget for next year.\n\n"
    "2. Background\n\n2.1. The authority runs twelve fire stations across the county.\n\n"
    "3. Recommendation\n\n3.1. Members approve a budget of 31 million for the fire service.\n"
)


def test_pack_for_another_version_of_the_plan_is_carried_and_a_different_plan_refused(
    make_review: MakeReview, clerk: Review, tmp_path: Path
) -> None:
    other = make_review("Cllr Cat Lee", data=OTHER_DRAFT_TEXT.encode())
    other.add_annotation(other.anchor_for(section="3.1"), "concern", "125 million?", visibility="panel")
    clerk.import_packs([pack_of(other, tmp_path)])
    assert [(a.body, a.section.number) for a in clerk.annotations()] == [("125 million?", "3.1")]
    assert [c.status.value for c in clerk.carry_records()] == ["edited"]  # its text changed
    fire = make_review("Cllr Dan Fox", data=UNRELATED_PLAN.encode())
    fire.add_annotation(fire.anchor_for(section="3.1"), "concern", "31 million?", visibility="panel")
    _refused(clerk, pack_of(fire, tmp_path), WrongDraft, "different plan altogether")


def test_files_that_are_not_packs(clerk: Review, tmp_path: Path) -> None:
    text = tmp_path / "notes.pcpack"
    text.write_text("my notes", encoding="utf-8")
    _refused(clerk, text, NotAPack, "not a PanelReview review pack")
    _refused(clerk, tmp_path / "missing.pcpack", NotAPack, "no file")
    _refused(clerk, clerk.path, NotAPack, "not a PanelReview review pack")


def test_only_a_clerks_review_imports(make_review: MakeReview, good_pack: Path) -> None:
    bob = make_review("Cllr Bob Smith")
    with pytest.raises(PackError, match="Only a clerk's review"):
        bob.import_packs([good_pack])
    assert bob.annotations() == []


def test_a_clerk_cannot_import_their_own_pack(clerk: Review, tmp_path: Path) -> None:
    clerk.add_annotation(clerk.anchor_for(section="1"), "comment", "Mine", visibility="panel")
    _refused(clerk, pack_of(clerk, tmp_path), PackError, "this review itself")


def test_a_pack_can_be_checked_before_importing_it(clerk: Review, good_pack: Path) -> None:
    before = state(clerk, skip=set())
    pack = clerk.check_pack(good_pack)
    assert pack.member_name == "Cllr Ann Jones" and len(pack.rows["annotations"]) == 5
    assert state(clerk, skip=set()) == before


@pytest.mark.parametrize(
    "member",
    [
        pytest.param({"id": "not-an-id"}, id="member id not a UUID"),
        pytest.param({"name": "   "}, id="blank member name"),
        pytest.param({"name": 42}, id="member name not text"),
    ],
)
def test_a_pack_whose_sender_is_malformed_is_damaged(
    clerk: Review, good_pack: Path, tmp_path: Path, member: dict[str, object]
) -> None:
    bad = rebuild_pack(good_pack, tmp_path / "bad.pcpack", manifest=lambda m: m["member"].update(member))
    _refused(clerk, bad, DamagedPack, "damaged")
