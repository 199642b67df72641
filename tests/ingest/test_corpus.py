"""Every file in the robustness corpus opens or gives a clear error: no crash, hang or traceback.

Each file is opened by the real command line in its own process, with a 10-second limit and a cap
on memory, exactly as a user's ``panelreview outline FILE`` would run.
"""

from __future__ import annotations

import csv
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from panelreview.core.errors import PasswordRequired, WrongPassword
from panelreview.ingest import open_document
from tests.conftest import SHARED

TIME_LIMIT = 10.0
MEMORY_LIMIT = 2 * 1024**3


def _manifest() -> list[dict[str, str]]:
    path = SHARED / "corpus" / "MANIFEST.tsv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


ROWS = _manifest()


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _outline(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "panelreview", "outline", "--json", str(path)],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=_limit_memory,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


def test_manifest_is_present(corpus: Path) -> None:
    assert len(ROWS) > 100


@pytest.mark.parametrize("row", ROWS or [None], ids=[r["file"] for r in ROWS] or ["(no corpus)"])
def test_corpus_file_opens_or_says_why(corpus: Path, row: dict[str, str] | None) -> None:
    assert row is not None
    expected = row["expected_app_behaviour"]
    if row["what_it_is"].startswith("XXE"):
        # The manifest says python-docx opens it; the issue asks for XML entity tricks to be refused.
        expected = "clear-error"
    result = _outline(corpus / row["file"])
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 2), result.stderr
    if expected in ("opens", "opens-with-warning"):
        assert result.returncode == 0, f"should open: {result.stderr}"
        assert result.stdout.lstrip().startswith("[")
    elif expected == "password-prompt":
        assert result.returncode == 2
        assert "password" in result.stderr.lower()
    else:  # clear-error: one plain sentence, never a Python exception name
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("panelreview: ")
        assert "Error" not in lines[0] and "Exception" not in lines[0]
    if expected == "opens-with-warning":
        assert "note:" in result.stderr, "the user should be told something is off"


def _password(row: dict[str, str]) -> str:
    what = row["what_it_is"]
    if "SASLprep" in what:
        return "Sª SL\u00adprep".replace(" ", "")
    return what.split("'")[1]


PASSWORD_ROWS = [r for r in ROWS if r["expected_app_behaviour"] == "password-prompt"]


@pytest.mark.parametrize("row", PASSWORD_ROWS or [None], ids=[r["file"] for r in PASSWORD_ROWS] or ["-"])
def test_encrypted_pdf_opens_with_its_password(corpus: Path, row: dict[str, str] | None) -> None:
    assert row is not None
    path = corpus / row["file"]
    with pytest.raises(PasswordRequired):
        open_document(path)
    with pytest.raises(WrongPassword):
        open_document(path, password="not the password")
    doc = open_document(path, password=_password(row))
    assert doc.identity.page_count and doc.identity.page_count >= 1
