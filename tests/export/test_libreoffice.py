"""The Word report opened by another word processor: LibreOffice converts it and the text is there.

LibreOffice is not needed to use PanelReview; the test command installs it (libreoffice-writer-nogui) for
this check. Skipped with a message where it is missing, except under CI, where that is a failure.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pymupdf
import pytest

from panelreview.export import export_report
from panelreview.storage import Review
from tests.conftest import skip_or_fail_in_ci

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
def test_libreoffice_reads_every_shape(review: Review, out: Path, tmp_path: Path) -> None:
    if SOFFICE is None:
        skip_or_fail_in_ci("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    assert SOFFICE is not None
    files = [
        export_report(review, out / f"{shape}.docx", shape=shape, appendix="named")
        for shape in ("report", "letter", "table")
    ]
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "pdf"), *map(str, files)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    for shape in ("report", "letter", "table"):
        with pymupdf.open(tmp_path / "pdf" / f"{shape}.pdf") as doc:
            text = " ".join(" ".join(page.get_text() for page in doc).split())
            toc = [title for _, title, *_ in doc.get_toc()]
        assert "Set a measurable target for the number of officers in neighbourhood teams." in text
        assert "page 2 of the consultation draft dated 3 January 2025" in text
        assert "Page 1 of" in text  # the default template's footer fields work
        assert "PRIVATE-" not in text
        assert "Appendix A: Members’ comments" in toc  # headings became bookmarks
