"""Running ``panelreview`` commands in-process, as the command-line tests of every layer do."""

from __future__ import annotations

import pytest

from panelreview.cli import main


def ok(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    """Run ``panelreview argv``, which must succeed; what it printed."""
    assert main(argv) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def refusal(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    """Run ``panelreview argv``, which must refuse with exit status 2 and one plain line (no traceback)."""
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err
