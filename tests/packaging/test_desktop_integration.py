"""Desktop integration: the files that make double-clicking a review or pack open PanelReview.

Linux is checked for real where the tools exist (desktop-file-validate, update-mime-database, Qt's
MIME database, the install and uninstall scripts in a throwaway home). The Windows installer script
and the macOS Info.plist cannot be built here; they are checked against the same file suffixes and
icons the application uses, so that renaming a suffix cannot leave them behind silently.
"""

from __future__ import annotations

import os
import plistlib
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from panelreview.ingest.opener import read_document_bytes
from panelreview.resources import ICON_SIZES, sample_draft_path
from panelreview.storage import create_review
from panelreview.storage.pack_file import MIMETYPE, PACK_SUFFIX
from panelreview.storage.schema import APPLICATION_ID, FILE_SUFFIX
from tests.conftest import require_tools

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
DESKTOP = PACKAGING / "linux" / "panelreview.desktop"
MIME_XML = PACKAGING / "linux" / "panelreview-mime.xml"
REVIEW_TYPE = "application/x-panelreview-review"
PACK_TYPE = MIMETYPE.decode("ascii")
NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}


def _desktop_entry() -> dict[str, str]:
    lines = DESKTOP.read_text("utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))


def _mime_types() -> dict[str, ET.Element]:
    root = ET.parse(MIME_XML).getroot()
    return {node.attrib["type"]: node for node in root.findall("m:mime-type", NS)}


def test_the_desktop_entry_starts_panelreview_on_its_own_file_types() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "panelreview %f"
    assert entry["Icon"] == "panelreview"
    assert set(filter(None, entry["MimeType"].split(";"))) == set(_mime_types()) == {REVIEW_TYPE, PACK_TYPE}


def test_the_mime_types_match_the_files_panelreview_writes() -> None:
    types = _mime_types()
    review, pack = types[REVIEW_TYPE], types[PACK_TYPE]
    assert [g.attrib["pattern"] for g in review.findall("m:glob", NS)] == [f"*{FILE_SUFFIX}"]
    assert [g.attrib["pattern"] for g in pack.findall("m:glob", NS)] == [f"*{PACK_SUFFIX}"]
    app_id = review.find("m:magic/m:match/m:match", NS)
    assert app_id is not None and int(app_id.attrib["value"], 16) == APPLICATION_ID
    marker = pack.find("m:magic/m:match", NS)
    assert marker is not None and marker.attrib["value"] == "mimetype" + PACK_TYPE
    for name in (REVIEW_TYPE, PACK_TYPE):
        icon = name.replace("/", "-")
        assert (ICONS / f"{icon}.svg").is_file()
        assert all((ICONS / f"{icon}-{size}.png").is_file() for size in ICON_SIZES)


def test_desktop_file_validate_accepts_the_entry() -> None:
    require_tools("desktop-file-validate", package="desktop-file-utils")
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def _real_files(folder: Path) -> tuple[Path, Path]:
    """A review and a pack exactly as PanelReview writes them."""
    sample = sample_draft_path()
    assert sample is not None
    data = sample.read_bytes()
    review = create_review(
        folder / f"Plan{FILE_SUFFIX}", data, read_document_bytes(data, sample.name), member_name="Cllr Test"
    )
    try:
        review.share(folder / f"Cllr Test{PACK_SUFFIX}")
    finally:
        review.close()
    return folder / f"Plan{FILE_SUFFIX}", folder / f"Cllr Test{PACK_SUFFIX}"


def test_a_desktop_recognises_reviews_and_packs_by_name_and_by_content(tmp_path: Path) -> None:
    """Compiled into a MIME database and asked through Qt, as a file manager would ask."""
    require_tools("update-mime-database", package="shared-mime-info")
    packages = tmp_path / "share" / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(MIME_XML, packages)
    system = Path("/usr/share/mime/packages/freedesktop.org.xml")
    if system.is_file():
        shutil.copy(system, packages)  # the parent types (SQLite, ZIP), as on a real desktop
    subprocess.run(
        ["update-mime-database", str(tmp_path / "share" / "mime")], check=True, capture_output=True
    )

    review, pack = _real_files(tmp_path)
    renamed_review = shutil.copy(review, tmp_path / "renamed-review.bin")
    renamed_pack = shutil.copy(pack, tmp_path / "renamed-pack.bin")
    code = (
        "import sys\nfrom PySide6.QtCore import QMimeDatabase\n"
        "print('\\n'.join(QMimeDatabase().mimeTypeForFile(f).name() for f in sys.argv[1:]))\n"
    )
    env = dict(os.environ, XDG_DATA_DIRS=str(tmp_path / "share"), XDG_DATA_HOME=str(tmp_path / "none"))
    files = [review, pack, renamed_review, renamed_pack]
    result = subprocess.run(
        [sys.executable, "-c", code, *map(str, files)], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == [REVIEW_TYPE, PACK_TYPE, REVIEW_TYPE, PACK_TYPE]


def _fake_bundle(folder: Path) -> Path:
    """The unpacked Linux bundle as build-linux.sh lays it out, with a stand-in program."""
    bundle = folder / "PanelReview"
    icons = bundle / "_internal" / "panelreview" / "_resources" / "icons"
    shutil.copytree(ICONS, icons)
    program = bundle / "panelreview"
    program.write_text('#!/bin/sh\necho PanelReview stand-in "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    for name in ("install.sh", "uninstall.sh", "locations.sh", "panelreview.desktop", "panelreview-mime.xml"):
        shutil.copy(PACKAGING / "linux" / name, bundle)
    return bundle


def test_install_and_uninstall_for_one_user(tmp_path: Path) -> None:
    bundle = _fake_bundle(tmp_path / "download")
    home = tmp_path / "home"
    work = home / "Documents" / "PanelReview" / f"My review{FILE_SUFFIX}"
    work.parent.mkdir(parents=True)
    work.write_bytes(b"the member's work")
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    subprocess.run(["sh", str(bundle / "install.sh")], env=env, check=True, capture_output=True)

    app = home / ".local" / "opt" / "PanelReview"
    share = home / ".local" / "share"
    desktop = share / "applications" / "panelreview.desktop"
    assert (app / "panelreview").is_file()
    assert re.search(rf'^Exec="{re.escape(str(app))}/panelreview" %f$', desktop.read_text("utf-8"), re.M)
    launched = subprocess.run(
        [str(home / ".local" / "bin" / "panelreview"), "x.pcpr"], capture_output=True, text=True, check=True
    )
    assert launched.stdout.strip() == "PanelReview stand-in x.pcpr"
    assert (share / "mime" / "packages" / "panelreview-mime.xml").is_file()
    for size in ICON_SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "panelreview.png").is_file()
        assert (
            share
            / "icons"
            / "hicolor"
            / f"{size}x{size}"
            / "mimetypes"
            / f"{REVIEW_TYPE.replace('/', '-')}.png"
        ).is_file()
    if shutil.which("desktop-file-validate"):
        assert subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True).returncode == 0

    subprocess.run(["sh", str(app / "uninstall.sh")], env=env, check=True, capture_output=True)
    assert not app.exists()
    assert not desktop.exists()
    assert not (home / ".local" / "bin" / "panelreview").exists()
    assert not list((share / "icons").rglob("*panelreview*"))
    assert work.read_bytes() == b"the member's work"  # uninstalling never touches the member's reviews


def test_install_refuses_to_replace_a_folder_it_did_not_make(tmp_path: Path) -> None:
    bundle = _fake_bundle(tmp_path / "download")
    home = tmp_path / "home"
    stranger = home / ".local" / "opt" / "PanelReview" / "something-else.txt"
    stranger.parent.mkdir(parents=True)
    stranger.write_text("not ours", encoding="utf-8")
    result = subprocess.run(
        ["sh", str(bundle / "install.sh")],
        env={"HOME": str(home), "PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "not a PanelReview installation" in result.stderr
    assert stranger.read_text("utf-8") == "not ours"


def test_macos_document_types_match_the_files_panelreview_writes() -> None:
    with open(PACKAGING / "macos" / "Info-extra.plist", "rb") as handle:
        info = plistlib.load(handle)
    exported = {t["UTTypeIdentifier"]: t for t in info["UTExportedTypeDeclarations"]}
    tags = {uti: t["UTTypeTagSpecification"] for uti, t in exported.items()}
    assert tags["uk.org.panelreview.review"]["public.filename-extension"] == [FILE_SUFFIX.lstrip(".")]
    assert tags["uk.org.panelreview.review"]["public.mime-type"] == [REVIEW_TYPE]
    assert tags["uk.org.panelreview.pack"]["public.filename-extension"] == [PACK_SUFFIX.lstrip(".")]
    assert tags["uk.org.panelreview.pack"]["public.mime-type"] == [PACK_TYPE]
    owned = [d for d in info["CFBundleDocumentTypes"] if d["LSHandlerRank"] == "Owner"]
    assert {uti for d in owned for uti in d["LSItemContentTypes"]} == set(exported)
    for declaration in [*owned, *exported.values()]:
        icon = declaration.get("CFBundleTypeIconFile") or declaration["UTTypeIconFile"]
        assert (PACKAGING / "macos" / icon).is_file()
    drafts = [d for d in info["CFBundleDocumentTypes"] if d["LSHandlerRank"] != "Owner"]
    assert [d["LSHandlerRank"] for d in drafts] == ["Alternate"]  # offered for PDFs, never their default


def test_the_windows_installer_registers_the_same_suffixes_and_ships_its_icons() -> None:
    script = (PACKAGING / "windows" / "panelreview.iss").read_text("utf-8")
    for suffix, progid in ((FILE_SUFFIX, "PanelReview.Review"), (PACK_SUFFIX, "PanelReview.Pack")):
        assert (
            f'Subkey: "Software\\Classes\\{suffix}"; ValueType: string; ValueName: ""; ValueData: "{progid}"'
            in script
        )
        assert f'Subkey: "Software\\Classes\\{progid}\\shell\\open\\command"' in script
    sources = re.findall(r'^Source: "([^"{]+)"', script, re.M)
    assert sources and all((PACKAGING / "windows" / source).is_file() for source in sources)
    assert (PACKAGING / "windows" / re.findall(r"^SetupIconFile=(.+)$", script, re.M)[0]).is_file()
    assert "{autoprograms}" in script  # the Start menu entry


@pytest.mark.parametrize(
    "name", ["panelreview", "application-x-panelreview-review", "application-x-panelreview-pack"]
)
def test_windows_and_macos_icon_files_are_well_formed(name: str) -> None:
    ico = (PACKAGING / "windows" / f"{name}.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, _h, _c, _r, _planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", ico, 6 + 16 * index
        )
        assert bits == 32 and offset + length <= len(ico)
        sizes.append(width or 256)
    assert sorted(sizes) == [16, 24, 32, 48, 64, 128, 256]
    icns = (PACKAGING / "macos" / f"{name}.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack_from(">I", icns, 4)[0] == len(icns)


def test_the_committed_icons_are_rendered_from_their_svg_sources() -> None:
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "icons" / "make_icons.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
