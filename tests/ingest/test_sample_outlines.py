"""The detected outline of every shared sample matches its expected ``.outline.json``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from panelreview.ingest import open_document
from panelreview.ingest.pdf_reader import read_pdf
from tests.conftest import SHARED
from tests.ingest.outline_score import score

SAMPLE_DIR = SHARED / "samples"
SAMPLES = sorted(p.name.removesuffix(".outline.json") for p in SAMPLE_DIR.glob("*.outline.json"))


def _expected(samples: Path, name: str) -> list[dict[str, object]]:
    data: list[dict[str, object]] = json.loads((samples / f"{name}.outline.json").read_text("utf-8"))
    return data


def test_samples_are_present(samples: Path) -> None:
    assert len(list(samples.glob("*.outline.json"))) >= 7


@pytest.mark.parametrize("name", SAMPLES or ["(no samples)"])
def test_outline_matches_expected(samples: Path, name: str) -> None:
    expected = _expected(samples, name)
    got = open_document(samples / name).outline()
    result = score(expected, got)
    print(f"{name}: precision {result.precision:.3f} recall {result.recall:.3f} F1 {result.f1:.3f}")
    assert result.f1 >= 0.95, f"missing {result.missing[:5]}, extra {result.extra[:5]}"
    # levels too: the outline a member navigates must nest the same way
    levels_match = sum(e["level"] == g["level"] for e, g in zip(expected, got, strict=False))
    assert levels_match >= 0.95 * len(expected)


@pytest.mark.parametrize("name", [n for n in SAMPLES if n.endswith(".pdf")] or ["(no samples)"])
def test_pdf_outline_from_typography_alone(samples: Path, name: str) -> None:
    """Real drafts rarely carry bookmarks: without them the outline comes from the typography."""
    data = (samples / name).read_bytes()
    got = read_pdf(data, name, "x", use_bookmarks=False).outline()
    result = score(_expected(samples, name), got)
    print(f"{name} (no bookmarks): P {result.precision:.3f} R {result.recall:.3f} F1 {result.f1:.3f}")
    assert result.f1 >= 0.95, f"missing {result.missing[:5]}, extra {result.extra[:5]}"


def test_big_pdf_opens_with_its_sections_and_page_labels(samples: Path) -> None:
    doc = open_document(samples / "westshire-plan-big.pdf")
    assert doc.identity.page_count == 307
    assert len(doc.sections) > 600
    assert doc.sections[-1].page_start is not None and doc.sections[-1].page_start > 290
    # running headers ("DRAFT for consultation") and footers ("Page 3 of 22") stay out of the text
    assert not any("Page 3 of" in b.text for b in doc.blocks)
    assert not any(b.text.startswith("Westshire Police and Crime Plan 2025-29 – DRAFT") for b in doc.blocks)
