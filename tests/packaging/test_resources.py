"""One resolver finds the bundled resources in a checkout, an installed wheel and a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import panelreview.resources as res

ROOT = Path(__file__).resolve().parents[2]


def _fake_layout(base: Path) -> Path:
    sample = base / "panelreview" / res.PACKAGED_FOLDER / "samples" / "westshire-draft-plan.pdf"
    sample.parent.mkdir(parents=True)
    sample.write_bytes(b"%PDF-1.7\n")
    return sample


def test_a_checkout_reads_the_resources_folder() -> None:
    assert res.resources_origin() == "checkout"
    assert res.resources_dir() == ROOT / "resources"
    assert res.sample_draft_path() == ROOT / "resources" / "samples" / "westshire-draft-plan.pdf"


def test_an_installed_wheel_reads_its_package_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sample = _fake_layout(tmp_path)
    monkeypatch.setattr(res, "_PACKAGE_DIR", tmp_path / "panelreview")
    assert res.resources_origin() == "installed"
    assert res.sample_draft_path() == sample


def test_a_frozen_bundle_reads_its_own_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sample = _fake_layout(tmp_path / "bundle" / "_internal")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle" / "_internal"), raising=False)
    assert res.resources_origin() == "bundle"
    assert res.sample_draft_path() == sample
    assert res.app_icon_paths() == []  # this fake bundle ships no icons, and says so


def test_a_missing_resource_is_none_not_a_wrong_path() -> None:
    assert res.resource_path("samples", "no-such-draft.pdf") is None


def test_the_application_icon_exists_in_every_size() -> None:
    paths = res.app_icon_paths()
    assert [p.name for p in paths] == [f"panelreview-{size}.png" for size in res.ICON_SIZES]
    for path, size in zip(paths, res.ICON_SIZES, strict=True):
        header = path.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(header[16:20], "big") == size  # IHDR width
        assert int.from_bytes(header[20:24], "big") == size  # IHDR height
