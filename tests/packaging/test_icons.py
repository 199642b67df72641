"""The committed icons are checked against their SVG sources in a way that holds on any machine.

``packaging/icons/make_icons.py --check`` must catch an SVG edited without re-rendering and a genuinely
different image, and must not fail because another machine's Qt rounds antialiased pixels differently
or encodes PNGs into other bytes. These tests run the real script on a temporary copy of the icons.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]
PACK = "application-x-panelreview-pack"
REVIEW = "application-x-panelreview-review"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the script, its manifest, the SVG sources and every committed output."""
    for folder, pattern in (
        ("packaging/icons", "*"),
        ("resources/icons", "*"),
        ("packaging/windows", "*.ico"),
        ("packaging/macos", "*.icns"),
    ):
        (tmp_path / folder).mkdir(parents=True)
        for path in (ROOT / folder).glob(pattern):
            if path.is_file():
                shutil.copy2(path, tmp_path / folder / path.name)
    return tmp_path


def _make_icons(tree: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = tree / "packaging" / "icons" / "make_icons.py"
    return subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, cwd=tree)


def _record_in_manifest(tree: Path, relative: str) -> None:
    """Do what someone hiding a hand-made change would do: give the manifest the new file's hash."""
    manifest = tree / "packaging" / "icons" / "rendered.sha256"
    digest = hashlib.sha256((tree / relative).read_bytes()).hexdigest()
    lines = [
        f"{digest}  {relative}" if line.endswith(f"  {relative}") else line
        for line in manifest.read_text("utf-8").splitlines()
    ]
    manifest.write_text("\n".join(lines) + "\n", "utf-8")


def _outputs(tree: Path, name: str) -> dict[str, bytes]:
    paths = [*(tree / "resources" / "icons").glob(f"{name}-*.png")]
    paths += [tree / "packaging" / "windows" / f"{name}.ico", tree / "packaging" / "macos" / f"{name}.icns"]
    return {str(path.relative_to(tree)): path.read_bytes() for path in paths}


def test_the_copy_of_the_committed_icons_passes_the_check(tree: Path) -> None:
    result = _make_icons(tree, "--check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_svg_edited_without_re_rendering_is_caught_and_re_rendering_fixes_it(tree: Path) -> None:
    svg = tree / "resources" / "icons" / f"{PACK}.svg"
    svg.write_text(svg.read_text("utf-8").replace("#f2a900", "#c0392b"), "utf-8")  # the badge turns red
    before = _outputs(tree, PACK)
    others = _outputs(tree, REVIEW) | _outputs(tree, "panelreview")

    result = _make_icons(tree, "--check")
    assert result.returncode == 1
    assert f"resources/icons/{PACK}.svg changed since its icons were rendered" in result.stdout
    assert "make_icons.py" in result.stdout  # says how to fix it

    assert _make_icons(tree).returncode == 0
    after = _outputs(tree, PACK)
    assert all(after[path] != data for path, data in before.items())  # every output re-rendered
    assert _outputs(tree, REVIEW) | _outputs(tree, "panelreview") == others  # the rest left alone
    assert _make_icons(tree, "--check").returncode == 0


def test_an_output_changed_by_hand_is_caught(tree: Path) -> None:
    png = tree / "resources" / "icons" / f"{REVIEW}-48.png"
    png.write_bytes((tree / "resources" / "icons" / f"{PACK}-48.png").read_bytes())
    result = _make_icons(tree, "--check")
    assert result.returncode == 1
    assert f"resources/icons/{REVIEW}-48.png is not the file that was rendered from" in result.stdout


def test_a_different_image_is_caught_even_when_the_manifest_was_made_to_match(tree: Path) -> None:
    for relative, other in (
        (f"resources/icons/{REVIEW}-64.png", f"resources/icons/{PACK}-64.png"),
        (f"packaging/macos/{REVIEW}.icns", f"packaging/macos/{PACK}.icns"),
    ):
        (tree / relative).write_bytes((tree / other).read_bytes())
        _record_in_manifest(tree, relative)
    result = _make_icons(tree, "--check")
    assert result.returncode == 1
    assert (
        f"resources/icons/{REVIEW}-64.png: a fresh rendering of {REVIEW}.svg at 64 px differs"
        in result.stdout
    )
    assert f"packaging/macos/{REVIEW}.icns: a fresh rendering" in result.stdout


def _shift_colours(path: Path, levels: int) -> None:
    """Re-encode a PNG with every opaque pixel's colour moved by a few levels, as another Qt might."""
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_ARGB32)
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if colour.alpha() == 255:
                red = colour.red() + levels if colour.red() + levels <= 255 else colour.red() - levels
                image.setPixelColor(x, y, QColor(red, colour.green(), colour.blue()))
    assert image.save(str(path), "PNG", 0)  # another compression level: other bytes too


def test_small_rounding_differences_from_another_rasteriser_pass(qapp: QApplication, tree: Path) -> None:
    relative = f"resources/icons/{REVIEW}-32.png"
    _shift_colours(tree / relative, 2)
    _record_in_manifest(tree, relative)
    result = _make_icons(tree, "--check")
    assert result.returncode == 0, result.stdout


def test_a_changed_colour_is_more_than_a_rounding_difference(qapp: QApplication, tree: Path) -> None:
    relative = f"resources/icons/{REVIEW}-32.png"
    _shift_colours(tree / relative, 40)
    _record_in_manifest(tree, relative)
    result = _make_icons(tree, "--check")
    assert result.returncode == 1
    assert "differs by up to 40 levels" in result.stdout
