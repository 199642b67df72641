"""``panelreview settings``: what the report is headed with, seen and changed from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from panelreview.cli import main
from panelreview.storage import open_review
from tests.export.docx_read import all_text, open_docx
from tests.export.drafts import make_review


@pytest.fixture
def review_file(tmp_path: Path) -> Path:
    path = tmp_path / "panel.pcpr"
    make_review(path).close()
    return path


def test_changed_settings_head_the_report(
    review_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["settings", str(review_file), "--commissioner-title", "Police, Fire and Crime Commissioner"]
    argv += ["--response-deadline", "27/3/2026", "--response-statuses", "accepted, rejected,accepted"]
    assert main(argv) == 0
    shown = capsys.readouterr().out
    assert "response deadline   2026-03-27" in shown and "Saved." in shown
    with open_review(review_file, read_only=True) as review:
        assert review.settings.response_statuses == ("accepted", "rejected")
        assert review.settings.commissioner_title == "Police, Fire and Crime Commissioner"

    out = tmp_path / "report.docx"
    assert main(["export", str(review_file), "-o", str(out)]) == 0
    text = all_text(open_docx(out))
    assert "27 March 2026" in text
    assert "Police, Fire and Crime Commissioner" in text


def test_a_date_it_cannot_read_changes_nothing(review_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["settings", str(review_file), "--meeting-date", "31/02/2026", "--plan-title", "New"]) == 2
    err = capsys.readouterr().err
    assert "“31/02/2026” is not a meeting date" in err and err.count("\n") == 1
    with open_review(review_file, read_only=True) as review:
        assert review.settings.plan_title != "New"


def test_without_options_it_only_shows(review_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = review_file.stat().st_mtime_ns
    assert main(["settings", str(review_file)]) == 0
    out = capsys.readouterr().out
    assert "panel name" in out and "Saved." not in out
    assert review_file.stat().st_mtime_ns == before
