"""``panelreview --smoke-test``: prove that this copy of PanelReview really works, then exit.

It runs the real application offscreen, the way a member uses it: the real main window opens the
bundled sample draft through the File menu's action; the review is created in a temporary folder
the way opening a draft creates one; a note and a recommendation are added through the review
session (one undo step each); the report is exported (Word and PDF) and read back. Exit code 0 means
all of that worked. Any Qt warning, Python warning, uncaught exception (on any thread), or a step
that does not finish in time makes it exit 1 and say what went wrong.

Nothing outside the temporary folder is touched: settings and the log go there too. The folder is
removed when the test passes and kept (its path printed) when it fails.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from panelreview.ui.app.smoke_harness import Harness, SmokeFailure, say


def run_smoke_test(args: list[str]) -> int:
    """Run the smoke test; 0 when everything worked, 1 otherwise."""
    if args:
        say(f"unexpected arguments: {' '.join(args)}", error=True)
        return 2
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    harness = Harness()
    harness.install()
    folder = Path(tempfile.mkdtemp(prefix="panelreview-smoke-"))
    try:
        _run(harness, folder)
    except SmokeFailure as failure:
        harness.problems.add(str(failure))
    except Exception:
        harness.problems.add("unexpected error:\n" + traceback.format_exc())
    if harness.problems.items:
        say(f"FAILED ({len(harness.problems.items)} problem(s)); files kept in {folder}", error=True)
        return 1
    shutil.rmtree(folder, ignore_errors=True)
    say(f"passed in {harness.elapsed():.2f} s")
    return 0


def _run(harness: Harness, folder: Path) -> None:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    import panelreview
    from panelreview.app import configure_application, create_main_window
    from panelreview.resources import ICON_SIZES, app_icon_paths, resources_origin, sample_draft_path

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    configure_application(app)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    _log_to(folder / "panelreview.log")
    say(f"PanelReview {panelreview.__version__} ({resources_origin()}), Python {sys.version.split()[0]}")
    if sample_draft_path() is None:
        raise SmokeFailure("the sample draft is missing from this copy")
    icons = [QImage(str(path)) for path in app_icon_paths()]
    if len(icons) != len(ICON_SIZES) or any(icon.isNull() for icon in icons):
        raise SmokeFailure("the application icon is missing from this copy, or cannot be read")

    window = create_main_window()
    app.aboutToQuit.connect(window.service.stop)
    window.show()
    harness.wait_until(lambda: _exposed(window), "the main window to be shown")
    say(f"window shown after {harness.elapsed():.2f} s")
    try:
        from panelreview.ui.app.smoke_steps import (
            exercise,  # the window's modules load after the checks above
        )

        exercise(harness, window, folder)
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    say("window closed")


def _exposed(window: Any) -> bool:
    handle = window.windowHandle()
    return bool(window.isVisible() and handle is not None and handle.isExposed())


def _log_to(path: Path) -> None:
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("panelreview")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
