"""The front door: a mistyped command is named, not taken for a file to open in the window."""

from __future__ import annotations

import pytest

from panelreview.cli import main


def test_a_mistyped_command_suggests_the_right_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["exprot", "review.pcpr"]) == 2
    err = capsys.readouterr().err
    assert err == "panelreview: there is no command or file “exprot”. Did you mean “export”?\n"


def test_an_unknown_word_points_to_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frobnicate"]) == 2
    assert "See panelreview --help." in capsys.readouterr().err
