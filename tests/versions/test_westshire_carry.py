"""Westshire v1 -> v2 (and v1 Word -> v1 PDF): a note on every section lands where the map says."""

from __future__ import annotations

from pathlib import Path

import pytest

from panelreview.core.model import Document
from panelreview.core.outline_align import DraftIndex, align_outlines
from panelreview.core.reanchor import Carrier
from panelreview.ingest import read_document_bytes
from tests.versions.westshire_notes import expected_targets, notes_on_every_section, score


def _doc(samples: Path, name: str) -> Document:
    return read_document_bytes((samples / name).read_bytes(), name)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("westshire-plan-v1.pdf", "westshire-plan-v2.pdf"),
        ("westshire-plan-v1.docx", "westshire-plan-v2.docx"),
        ("westshire-plan-v1.docx", "westshire-plan-v2.pdf"),
    ],
)
def test_every_note_follows_its_content_from_v1_to_v2(samples: Path, old: str, new: str) -> None:
    before, after = _doc(samples, old), _doc(samples, new)
    planned = notes_on_every_section(before)
    carrier = Carrier(DraftIndex(before), DraftIndex(after))
    results = [carrier.carry(p.anchor) for p in planned]
    found = score(planned, results, after, expected_targets(samples))
    assert found.wrong == []
    assert found.orphaned_right == 2  # outcome 2.3 was removed: its two notes are listed, not moved
    assert len(results) == len(planned) == 2 * len(before.sections)  # nothing lost


def test_sections_whose_text_changed_are_flagged(samples: Path) -> None:
    before, after = _doc(samples, "westshire-plan-v1.pdf"), _doc(samples, "westshire-plan-v2.pdf")
    alignment = align_outlines(DraftIndex(before), DraftIndex(after))
    changed = {after.sections[[s.id for s in after.sections].index(k)].label: v
               for k, v in alignment.changed_sections().items()}  # fmt: skip
    assert changed["Foreword by the Commissioner"] == "edited"  # W02
    assert changed["Priority 1: Visible and responsive neighbourhood policing"] == "edited"  # W05
    assert (
        changed["1.2 Emergency calls answered promptly and emergency incidents attended"] == "edited"
    )  # W06
    assert changed["Priority 3: Tackling anti-social behaviour, rural and neighbourhood crime"] == "renamed"
    assert changed["Consultation on the draft plan"] == "renamed and edited"  # W04
    assert changed["Response to consultation"] == "added"  # W17
    assert "2.3 Women and girls feeling safer in public spaces," not in changed  # renumbered only
    assert "Our vision" not in changed
    removed = [before.sections[[s.id for s in before.sections].index(k)].label for k in alignment.removed()]
    assert removed == ["2.3 Every child at risk of criminal or sexual"]


def test_two_formats_of_one_version_place_every_item(samples: Path) -> None:
    before, after = _doc(samples, "westshire-plan-v1.docx"), _doc(samples, "westshire-plan-v1.pdf")
    planned = notes_on_every_section(before)
    carrier = Carrier(DraftIndex(before), DraftIndex(after))
    results = [carrier.carry(p.anchor) for p in planned]
    assert all(r.status != "orphaned" for r in results)
    assert score(planned, results, after, expected_targets(samples, new_is_v2=False)).wrong == []
    back = Carrier(DraftIndex(after), DraftIndex(before))
    planned_pdf = notes_on_every_section(after)
    assert all(back.carry(p.anchor).status != "orphaned" for p in planned_pdf)
