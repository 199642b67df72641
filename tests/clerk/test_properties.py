"""Combining is idempotent, order-independent and associative, and loses or duplicates nothing.

Two levels: the merge of row versions itself (many examples, ties of time included), and whole
review files, where members edit, share packs at any moment, and the clerk imports those packs
in any order and any grouping.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panelreview.core.merge import join, merge_rows
from panelreview.core.review import Visibility
from panelreview.storage import Review, create_review
from tests.clerk.conftest import DRAFT_TEXT

# -- the merge of versions ---------------------------------------------------------------------
COLUMNS = ("id", "body", "updated", "deleted")
versions = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["a", "b", "c"]),
        "body": st.sampled_from(["", "x", "y", "z"]),
        "updated": st.sampled_from(["2026-01-01T00:00:00.000001Z", "2026-01-01T00:00:00.000002Z"]),
        "deleted": st.sampled_from([0, 1]),
    }
)
states = st.lists(versions, max_size=8).map(
    lambda rows: join({}, {str(i): r for i, r in enumerate(rows)}, COLUMNS)
)


def _state(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for row in rows:
        out = join(out, {row["id"]: row}, COLUMNS)
    return out


@settings(max_examples=300)
@given(a=st.lists(versions, max_size=6), b=st.lists(versions, max_size=6), c=st.lists(versions, max_size=6))
def test_merge_is_a_join(a: list[dict[str, Any]], b: list[dict[str, Any]], c: list[dict[str, Any]]) -> None:
    sa, sb, sc = _state(a), _state(b), _state(c)
    assert join(sa, sb, COLUMNS) == join(sb, sa, COLUMNS)  # order-independent
    assert join(join(sa, sb, COLUMNS), sc, COLUMNS) == join(sa, join(sb, sc, COLUMNS), COLUMNS)  # associative
    assert join(sa, sa, COLUMNS) == sa  # idempotent
    assert merge_rows(join(sa, sb, COLUMNS), a + b, COLUMNS) == {}  # nothing newer left to take
    assert _state(a + b) == join(sa, sb, COLUMNS)  # merging several versions at once is the same


# -- whole review files ------------------------------------------------------------------------
SECTIONS = ["1", "2.1", "2.2", "2.3", "3.1"]
VIS = ["private", "panel", "report"]
words = st.lists(
    st.sampled_from(["rural", "victims", "budget", "target", "police", "fear"]), min_size=1, max_size=4
)
text = words.map(" ".join)
pick = st.integers(min_value=0, max_value=20)
operation = st.one_of(
    st.tuples(st.just("note"), st.sampled_from(SECTIONS), st.sampled_from(VIS), text),
    st.tuples(st.just("edit"), pick, text),
    st.tuples(st.just("visibility"), pick, st.sampled_from(VIS)),
    st.tuples(st.just("delete"), pick),
    st.tuples(st.just("reply"), pick, text),
    st.tuples(st.just("recommend"), st.sampled_from(SECTIONS), st.sampled_from(VIS), text, pick),
    st.tuples(st.just("drop recommendation"), pick),
    st.tuples(st.just("share")),
    st.tuples(st.just("share")),  # sharing often, so withdrawals happen after a share
)
scripts = st.lists(st.lists(operation, max_size=14), min_size=1, max_size=3)


def _run(member: Review, script: list[tuple[Any, ...]], folder: Path, packs: list[Path]) -> None:
    def share() -> None:
        path = folder / f"{member.owner.name} {len(packs)}.pcpack"
        member.share(path, include_draft=False)
        packs.append(path)

    for op in script:
        notes = member.annotations()
        recs = member.recommendations()
        kind = op[0]
        if kind == "note":
            member.add_annotation(member.anchor_for(section=op[1]), "comment", op[3], visibility=op[2])
        elif kind == "recommend":
            links = [notes[op[4] % len(notes)].id] if notes else []
            member.add_recommendation(
                op[3], anchor=member.anchor_for(section=op[1]), visibility=op[2], annotation_ids=links
            )
        elif kind == "share":
            share()
        elif kind == "drop recommendation" and recs:
            member.delete_recommendation(recs[op[1] % len(recs)].id)
        elif notes and kind in ("edit", "visibility", "delete", "reply"):
            note = notes[op[1] % len(notes)]
            if kind == "edit":
                member.edit_annotation(note.id, body=op[2])
            elif kind == "visibility":
                member.edit_annotation(note.id, visibility=op[2])
            elif kind == "delete":
                member.delete_annotation(note.id)
            else:
                member.add_reply(note.id, op[2])
    share()  # every member sends at the end


def _travelled(clerk: Review) -> dict[str, list[tuple[Any, ...]]]:
    """The members' rows in the clerk's review, exactly as stored."""
    out = {}
    for table, owner in (
        ("members", "id"),
        ("annotations", "author_id"),
        ("replies", "author_id"),
        ("recommendations", "author_id"),
        ("recommendation_links", "author_id"),
    ):
        rows = clerk._rows(f"SELECT * FROM {table} WHERE {owner} != ?", [clerk.owner_id])
        out[table] = sorted(tuple(r.values()) for r in rows)
    return out


def _shared_now(member: Review) -> dict[str, set[tuple[str, str]]]:
    """What the member shares at the end: the clerk must hold exactly this, once."""
    live = [a for a in member.annotations() if a.visibility is not Visibility.PRIVATE]
    return {
        "notes": {(a.id, a.body) for a in live},
        "replies": {(r.id, r.body) for a in live for r in a.replies},
        "recommendations": {
            (r.id, r.wording) for r in member.recommendations() if r.visibility is not Visibility.PRIVATE
        },
    }


def _held(clerk: Review) -> dict[str, list[tuple[str, str]]]:
    notes = clerk.annotations()
    return {
        "notes": sorted((a.id, a.body) for a in notes),
        "replies": sorted((r.id, r.body) for a in notes for r in a.replies),
        "recommendations": sorted((r.id, r.wording) for r in clerk.recommendations()),
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scripts=scripts, data=st.data())
def test_any_order_and_grouping_of_packs_gives_the_same_review(
    scripts: list[list[tuple[Any, ...]]], data: st.DataObject
) -> None:
    draft = DRAFT_TEXT.encode()
    from panelreview.ingest import read_document_bytes

    document = read_document_bytes(draft, "westshire-draft.txt")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        packs: list[Path] = []
        members = [
            create_review(folder / f"m{i}.pcpr", draft, document, member_name=f"Member {i}")
            for i in range(len(scripts))
        ]
        clerks = [
            create_review(folder / f"c{i}.pcpr", draft, document, member_name=f"Clerk {i}", role="clerk")
            for i in range(3)
        ]
        try:
            for member, script in zip(members, scripts, strict=True):
                _run(member, script, folder, packs)
            in_order, shuffled, grouped = clerks
            in_order.import_packs(packs)
            order = data.draw(st.permutations(packs), label="order")
            for pack in order:
                shuffled.import_packs([pack])
            cuts = sorted(
                data.draw(st.sets(st.integers(1, max(len(packs) - 1, 1)), max_size=3), label="cuts")
            )
            regrouped = data.draw(st.permutations(packs), label="grouped order")
            for start, end in zip([0, *cuts], [*cuts, len(packs)], strict=True):
                if regrouped[start:end]:
                    grouped.import_packs(regrouped[start:end])

            reference = _travelled(in_order)
            assert _travelled(shuffled) == reference  # order-independent
            assert _travelled(grouped) == reference  # associative: any grouping
            assert in_order.import_packs(packs).rows == ()  # idempotent: all again changes nothing
            assert _travelled(in_order) == reference

            expected: dict[str, set[tuple[str, str]]] = {
                "notes": set(),
                "replies": set(),
                "recommendations": set(),
            }
            for member in members:
                for key, found in _shared_now(member).items():
                    expected[key] |= found
            held = _held(in_order)
            for key in expected:  # nothing lost, nothing duplicated, nothing private
                assert held[key] == sorted(expected[key]), key
        finally:
            for review in members + clerks:
                review.close()
