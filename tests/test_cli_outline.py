"""``panelreview outline``: the JSON contract and plain errors, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "panelreview", *args], capture_output=True, text=True, stdin=subprocess.DEVNULL
    )


def test_json_outline_has_exactly_the_interchange_fields(samples: Path) -> None:
    result = run("outline", "--json", str(samples / "westshire-plan-v1.pdf"))
    assert result.returncode == 0, result.stderr
    outline = json.loads(result.stdout)
    assert all(set(entry) == {"number", "title", "level", "page"} for entry in outline)
    assert outline[0] == {"number": None, "title": "Foreword by the Commissioner", "level": 1, "page": 2}


def test_text_outline_is_indented_with_pages(samples: Path) -> None:
    result = run("outline", str(samples / "westshire-plan-v1.pdf"))
    assert "Priority 1: Visible and responsive neighbourhood policing  (page 6)" in result.stdout
    assert "    1.1 More officers" in result.stdout


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old Word .doc file"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_unopenable_file_exits_2_with_one_plain_line(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = run("outline", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]


def test_password_protected_pdf(tmp_path: Path) -> None:
    import pymupdf

    doc = pymupdf.open()
    doc.new_page().insert_text((72, 300), "Secret draft", fontsize=11)
    path = tmp_path / "locked.pdf"
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="pw", owner_pw="owner")
    result = run("outline", str(path))
    assert (result.returncode, result.stderr.strip()) == (2, "panelreview: This PDF is password-protected.")
    assert run("outline", "--password", "pw", str(path)).returncode == 0
