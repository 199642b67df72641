"""Composition root of the desktop application: builds the services and the main window.

``panelreview`` (no command) and ``panelreview FILE`` end up in :func:`run_app`. Nothing here is a
global: the document thread belongs to the window that uses it.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStandardPaths
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication

import panelreview
from panelreview.resources import app_icon_paths
from panelreview.ui.app import unexpected
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.common.translations import install_translations
from panelreview.ui.reader.document_worker import DocumentService

ORGANISATION = "PanelReview"
# How often (seconds) a thread running Python hands the interpreter to another that is waiting.
# Python's default, 5 ms, lets the document thread's parse of a long draft keep the window's
# thread waiting for a third of a second or more at a time; 1 ms keeps the window responsive.
GUI_SWITCH_INTERVAL = 0.001
ORGANISATION_DOMAIN = "panelreview.org.uk"
APPLICATION = "PanelReview"

log = logging.getLogger("panelreview")


def configure_application(app: QCoreApplication) -> None:
    """Names QSettings and the standard folders use."""
    app.setOrganizationName(ORGANISATION)
    app.setOrganizationDomain(ORGANISATION_DOMAIN)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(panelreview.__version__)


LOG_FILE_NAME = "panelreview.log"


def log_folder() -> Path:
    """Where the log file goes: the application's own data folder (named once the application is)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation))


def configure_logging() -> Path | None:
    """What went wrong, and bugs, go to a log file the member can send us (Help › About names it);
    nothing is sent anywhere by itself. Returns the file, or None when it cannot be written (then
    the messages go to the console). Calling it again replaces the handler it made before."""
    for old in [h for h in log.handlers if getattr(h, "panelreview_log", False)]:
        log.removeHandler(old)
        old.close()
    path: Path | None = log_folder() / LOG_FILE_NAME
    try:
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        handler, path = logging.StreamHandler(), None
    handler.panelreview_log = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.info("PanelReview %s started", panelreview.__version__)
    return path


class _FileOpenFilter(QObject):
    """macOS hands double-clicked files to a running application as events, not arguments."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QFileOpenEvent) and event.file():
            self._window.open_path(Path(event.file()))
            return True
        return False


def create_main_window() -> MainWindow:
    """The main window with its own document thread (also what the GUI tests use)."""
    sys.setswitchinterval(GUI_SWITCH_INTERVAL)
    service = DocumentService()
    window = MainWindow(service)
    service.setParent(window)
    return window


def run_app(args: list[str]) -> int:
    """Start the desktop application; ``args[0]``, if given, is a draft to open."""
    app = QApplication.instance() or QApplication([sys.argv[0], *args])
    assert isinstance(app, QApplication)
    files = app.arguments()[1:]  # what is left once Qt has taken its own options
    configure_application(app)
    app.setApplicationDisplayName(APPLICATION)
    app.setDesktopFileName("panelreview")  # matches packaging/linux/panelreview.desktop
    icon = QIcon()
    for path in app_icon_paths():
        icon.addFile(str(path))
    app.setWindowIcon(icon)
    configure_logging()
    install_translations(app)
    window = create_main_window()
    unexpected.install(lambda: window)
    app.installEventFilter(_FileOpenFilter(window))
    app.aboutToQuit.connect(window.service.stop)
    window.show()
    if files:
        window.open_path(Path(files[0]).expanduser())
    return app.exec()
