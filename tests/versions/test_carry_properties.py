"""Properties of carrying notes over generated edits of a generated draft (hypothesis).

A draft is a list of sections, each a numbered heading and a few paragraphs of made-up words
(with typographic apostrophes, quotes, dashes and accents). Each section keeps a hidden identity
across versions, so we know where each note belongs whatever the edits did to numbers and titles.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from panelreview.core.anchor import Anchor, anchor_section, anchor_span
from panelreview.core.model import Block, BlockKind, DocFormat, Document, DocumentIdentity, Section, full_text
from panelreview.core.outline_align import DraftIndex
from panelreview.core.reanchor import Carrier, CarryStatus

LETTERS = "abcdefghijklmnopqrstuvwxyzéøç"
word = st.builds(
    lambda core, mark: f"{mark[0]}{core}{mark[1]}",
    st.text(alphabet=LETTERS, min_size=3, max_size=9),
    st.sampled_from([("", ""), ("“", "”"), ("", "’s"), ("", ","), ("", " –"), ("‘", "’"), ("", ".")]),
)
paragraph = st.lists(word, min_size=8, max_size=16)


@dataclass(frozen=True)
class Part:
    uid: int
    title: tuple[str, ...]
    paras: tuple[tuple[str, ...], ...]


def distinct(plan: list[Part]) -> bool:
    """Sections a reader could tell apart: distinct titles, and no run of four words twice.

    (Two word-for-word identical sections cannot be told apart by content, in a real plan either.)
    """
    seen: set[tuple[str, ...]] = set()
    for part in plan:
        for para in part.paras:
            for k in range(len(para) - 3):
                gram = tuple(w.strip("“”‘’,.– ").removesuffix("’s") for w in para[k : k + 4])
                if gram in seen:
                    return False
                seen.add(gram)
    return len({p.title for p in plan}) == len(plan)


parts = (
    st.lists(
        st.tuples(st.lists(word, min_size=1, max_size=4), st.lists(paragraph, min_size=1, max_size=3)),
        min_size=3,
        max_size=8,
    )
    .map(lambda xs: [Part(n, tuple(t), tuple(tuple(p) for p in ps)) for n, (t, ps) in enumerate(xs)])
    .filter(distinct)
)


def build(plan: list[Part], name: str = "draft.txt") -> tuple[Document, dict[int, int]]:
    """The document, and its section ids -> hidden identity. Sections are numbered in order."""
    blocks: list[Block] = []
    sections: list[Section] = []
    for n, part in enumerate(plan):
        first = len(blocks)
        blocks.append(Block(first, BlockKind.HEADING, f"{n + 1}. {' '.join(part.title)}", level=1))
        for para in part.paras:
            blocks.append(Block(len(blocks), BlockKind.PARAGRAPH, " ".join(para)))
        sections.append(Section(n, str(n + 1), " ".join(part.title), 1, None, first, len(blocks) - 1))
    identity = DocumentIdentity(str(hash(tuple(plan))), DocFormat.TEXT, "Plan", None)
    return Document(identity, name, blocks, sections), {n: part.uid for n, part in enumerate(plan)}


@dataclass(frozen=True)
class Note:
    uid: int  # the section it is on
    para: int | None  # None: a note on the whole section
    anchor: Anchor


def notes(document: Document, ids: dict[int, int], plan: list[Part]) -> list[Note]:
    _, starts = full_text(document.blocks)
    out = []
    for section in document.sections:
        out.append(Note(ids[section.id], None, anchor_section(document.sections, section)))
        for k, para in enumerate(plan[section.id].paras):
            block = section.first_block + 1 + k
            lo = starts[block] + len(" ".join(para[:2])) + 1
            hi = starts[block] + len(" ".join(para[:6]))
            out.append(Note(ids[section.id], k, anchor_span(document, lo, hi)))
    return out


def carry(old: Document, new: Document, anchors: list[Anchor]) -> list:  # type: ignore[type-arg]
    carrier = Carrier(DraftIndex(old), DraftIndex(new))
    return [carrier.carry(a) for a in anchors]


@settings(max_examples=40, deadline=None)
@given(parts)
def test_an_unchanged_draft_leaves_every_note_unchanged(plan: list[Part]) -> None:
    doc, ids = build(plan)
    again, _ = build(plan, "copy.txt")
    planned = notes(doc, ids, plan)
    results = carry(doc, again, [n.anchor for n in planned])
    assert all(r.status is CarryStatus.UNCHANGED for r in results)
    assert [r.anchor for r in results] == [n.anchor for n in planned]


@st.composite
def edited(draw: st.DrawFn) -> tuple[list[Part], list[Part], set[tuple[int, int | None]]]:
    """A plan, an edited plan, and the (section, paragraph) passages an edit touched."""
    plan = draw(parts)
    new = list(plan)
    touched: set[tuple[int, int | None]] = set()
    for _ in range(draw(st.integers(1, 3))):
        if len(new) < 2:
            break
        k = draw(st.integers(0, len(new) - 1))
        what = draw(st.sampled_from(["move", "rename", "reword", "add"]))
        part = new[k]
        if what == "move":
            new.pop(k)
            new.insert(draw(st.integers(0, len(new))), part)
        elif what == "rename":
            new[k] = replace(part, title=(*part.title, draw(word)))
        elif what == "reword":
            p = draw(st.integers(0, len(part.paras) - 1))
            para = list(part.paras[p])
            para[draw(st.integers(0, len(para) - 1))] = draw(word)
            paras = list(part.paras)
            paras[p] = tuple(para)
            new[k] = replace(part, paras=tuple(paras))
            touched.add((part.uid, p))
        else:
            title, paras = (
                draw(st.lists(word, min_size=2, max_size=4)),
                draw(st.lists(paragraph, min_size=1, max_size=2)),
            )
            new.insert(k, Part(1000 + k + len(new), tuple(title), tuple(tuple(p) for p in paras)))
    assume(distinct(new))
    return plan, new, touched


@settings(max_examples=60, deadline=None)
@given(edited())
def test_an_untouched_passage_is_never_orphaned_nor_put_in_another_section(case) -> None:  # type: ignore[no-untyped-def]
    plan, new_plan, touched = case
    old, old_ids = build(plan)
    new, new_ids = build(new_plan, "v2.txt")
    planned = notes(old, old_ids, plan)
    for note, result in zip(planned, carry(old, new, [n.anchor for n in planned]), strict=True):
        if note.para is not None and (note.uid, note.para) in touched:
            continue
        assert result.status is not CarryStatus.ORPHANED
        assert result.anchor is not None and new_ids[result.anchor.section_id] == note.uid  # type: ignore[index]
        if note.para is not None:
            assert result.anchor.quote == note.anchor.quote


@settings(max_examples=60, deadline=None)
@given(parts, st.data())
def test_deleting_a_section_orphans_exactly_its_notes(plan: list[Part], data: st.DataObject) -> None:
    gone = data.draw(st.integers(0, len(plan) - 1))
    old, old_ids = build(plan)
    new, _ = build([p for p in plan if p.uid != gone], "v2.txt")
    planned = notes(old, old_ids, plan)
    results = carry(old, new, [n.anchor for n in planned])
    orphaned = {n.anchor for n, r in zip(planned, results, strict=True) if r.status is CarryStatus.ORPHANED}
    assert orphaned == {n.anchor for n in planned if n.uid == gone}


@settings(max_examples=40, deadline=None)
@given(edited(), st.data())
def test_carrying_through_a_middle_version_ends_where_carrying_directly_does(
    case, data: st.DataObject
) -> None:  # type: ignore[no-untyped-def]
    plan, middle_plan, touched = case
    last_plan = list(middle_plan)
    k = data.draw(st.integers(0, len(last_plan) - 1))
    last_plan.insert(data.draw(st.integers(0, len(last_plan) - 1)), last_plan.pop(k))  # move once more
    a, a_ids = build(plan)
    b, _ = build(middle_plan, "b.txt")
    c, _ = build(last_plan, "c.txt")
    planned = [n for n in notes(a, a_ids, plan) if n.para is not None and (n.uid, n.para) not in touched]
    direct = carry(a, c, [n.anchor for n in planned])
    via = carry(a, b, [n.anchor for n in planned])
    twice = carry(b, c, [r.anchor for r in via])
    assert [r.anchor for r in twice] == [r.anchor for r in direct]
