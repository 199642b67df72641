"""``panelreview settings``: what the report is headed with, seen and changed from the command line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from panelreview.cli import main
from panelreview.export import export_report
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
    assert re.search(r"response deadline +2026-03-27", shown) and "Saved." in shown
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


def test_full_titles_are_never_doubled_and_the_preview_shows_them(
    review_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A clerk who types the whole title gets it once: never "… for Westshire for Westshire"."""
    title = ["--commissioner-title", "Police, Fire and Crime Commissioner for Westshire"]
    assert main(["settings", str(review_file), *title, "--preview"]) == 0  # seen before it is saved
    assert "asks the Police, Fire and Crime Commissioner for Westshire for" in capsys.readouterr().out
    with open_review(review_file, read_only=True) as review:
        assert review.settings.commissioner_title == "Police and Crime Commissioner"  # nothing saved
    argv = [
        "settings",
        str(review_file),
        "--commissioner-title",
        "Police and Crime Commissioner for Westshire",
    ]
    assert main([*argv, "--panel-title", "Westshire Police and Crime Panel"]) == 0
    shown = capsys.readouterr().out
    assert "In the report this reads:" in shown
    assert "asks the Police and Crime Commissioner for Westshire for a written response" in shown
    assert "Westshire for Westshire" not in shown and "Westshire Westshire" not in shown
    with open_review(review_file) as review:
        text = all_text(open_docx(export_report(review, tmp_path / "r.docx", shape="letter")))
    assert "Police and Crime Commissioner for Westshire" in text
    assert "for Westshire for Westshire" not in text and "Westshire Westshire" not in text


def test_the_clerk_confirms_the_drafts_label_and_date_and_contradictions_are_warned(
    review_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["settings", str(review_file), "--draft-label", "Final draft", "--draft-date", "6 February 2025"]
    assert main([*argv, "--report-date", "20/2/2025", "--response-deadline", "14/3/2025"]) == 0
    captured = capsys.readouterr()
    assert re.search(r"draft label +Final draft", captured.out)
    assert re.search(r"draft date +6 February 2025", captured.out)
    assert "Check the dates" not in captured.err
    with open_review(review_file) as review:
        text = all_text(open_docx(export_report(review, tmp_path / "r.docx")))
    assert "Date of report: 20 February 2025" in text
    assert "Final draft, dated 6 February 2025" in text and "of the final draft dated 6 February 2025" in text
    # a draft dated after the meeting (12 February) that reviewed it, a response asked before the report
    assert (
        main(["settings", str(review_file), "--draft-date", "March 2025", "--report-date", "20/3/2025"]) == 0
    )
    err = capsys.readouterr().err
    assert "The draft is dated March 2025, after the meeting on 12 February 2025" in err
    assert "The response is asked for by 14 March 2025, before the report’s date (20 March 2025)" in err
    assert main(["settings", str(review_file), "--draft-label", "none", "--draft-date", "none"]) == 0
    assert "The draft's own label and date are not known" in capsys.readouterr().out
