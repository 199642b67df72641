"""A Welsh translation can follow: every string a member sees goes through Qt's translation functions.

Two checks. One reads the source (no Qt tools needed): no user-visible text is handed to a widget as a
bare literal. The other does what a translator's work will do: it extracts the strings with
``pyside6-lupdate`` (as ``scripts/update-translations`` does), "translates" every one by prefixing it,
compiles that with ``pyside6-lrelease``, lets the application load it as ``panelreview_cy.qm`` the way
it loads a real translation at start-up, and then looks at the window: every menu, button, label and
accessible name must come out translated. A string extracted under a context that differs from the
one used at run time (so it would never be translated) fails it.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QWidget,
)

import panelreview.ui.common.translations as translations_module
from panelreview.app import create_main_window
from panelreview.core.review import Kind
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.common.translations import install_translations
from panelreview.ui.dialogs.export_dialog import ExportOptionsDialog
from panelreview.ui.dialogs.print_dialog import PrintChoiceDialog
from panelreview.ui.dialogs.review_setup import ReviewSetupDialog
from panelreview.ui.notes.note_dialog import NoteDialog, RecommendDialog
from tests.conftest import skip_or_fail_in_ci
from tests.ui.conftest import open_review_of

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "panelreview" / "ui"
MARK = "CY·"

# Calls whose string argument is shown to the member as it is.
SHOWN_ARG0 = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setStatusTip",
    "setWhatsThis",
    "setPlaceholderText",
    "setAccessibleName",
    "setAccessibleDescription",
    "setTitle",
    "setLabelText",
    "setCancelButtonText",
    "addMenu",
    "addAction",
    "addItem",
    "setIconText",
    "showMessage",
    "QAction",
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QMenu",
    "QToolBar",
    "QDockWidget",
}
SHOWN_ARGS = {"addRow": 0, "addTab": 1, "insertTab": 2, "setTabText": 1, "setItemText": 1}
# Calls whose second and third arguments are a dialog's title and message.
DIALOG_TEXT = {"warning", "information", "critical", "question", "about", "show_error", "ask_yes_no"}


def _shown_literal(node: ast.AST) -> str | None:
    """The text of a bare string literal (or f-string) with words in it, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
    else:
        return None
    return text if re.search(r"[A-Za-z]{2,}", text) else None


def _called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def untranslated_literals(source: str, file_name: str) -> list[str]:
    """Places in ``source`` where a literal is shown on screen without going through tr()."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _called_name(node)
        positions: list[int] = []
        if name in SHOWN_ARG0:
            positions = [0]
        elif name in SHOWN_ARGS:
            positions = [SHOWN_ARGS[name]]
        elif name in DIALOG_TEXT:
            positions = [1, 2]
        for position in positions:
            if position < len(node.args):
                text = _shown_literal(node.args[position])
                if text is not None:
                    found.append(f"{file_name}:{node.lineno}: {name}({text!r})")
    return found


def test_the_scan_finds_a_bare_literal() -> None:
    sample = (
        "label.setText('Ready')\n"
        "QAction('&Open', window)\n"
        "menu.addMenu(self.tr('&File'))\n"
        "QMessageBox.warning(self, 'Oops', self.tr('Plain'))\n"
        "button.setText('✕')\n"
    )
    assert untranslated_literals(sample, "sample.py") == [
        "sample.py:1: setText('Ready')",
        "sample.py:2: QAction('&Open')",
        "sample.py:4: warning('Oops')",
    ]


def test_no_user_visible_literal_skips_translation() -> None:
    found: list[str] = []
    for path in sorted([*UI.rglob("*.py"), ROOT / "panelreview" / "app.py"]):
        found += untranslated_literals(path.read_text(encoding="utf-8"), path.name)
    assert found == []


# ----- a translation actually loads and reaches the window ------------------------------------------
def _qt_tool(name: str) -> str | None:
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    return str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")


def _mark_every_message(ts: str) -> str:
    """A .ts in which every string is "translated" as itself with a prefix (plurals too)."""

    def fill(match: re.Match[str]) -> str:
        message = match.group(0)
        source = re.search(r"<source>(.*?)</source>", message, re.S)
        assert source is not None
        text = MARK + source.group(1)
        if 'numerus="yes"' in message:
            forms = f"<numerusform>{text}</numerusform>" * 2
            done = f"<translation>{forms}</translation>"
        else:
            done = f"<translation>{text}</translation>"
        return re.sub(r'<translation type="unfinished"\s*(/>|>.*?</translation>)', done, message, flags=re.S)

    return re.sub(r"<message.*?</message>", fill, ts, flags=re.S)


@pytest.fixture(scope="module")
def marked_translation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lupdate, lrelease = _qt_tool("lupdate"), _qt_tool("lrelease")
    if lupdate is None or lrelease is None:
        skip_or_fail_in_ci("pyside6-lupdate and pyside6-lrelease are needed (they come with PySide6)")
    folder = tmp_path_factory.mktemp("translations")
    ts = folder / "panelreview_cy.ts"
    sources = [str(p) for p in sorted(UI.rglob("*.py"))] + [str(ROOT / "panelreview" / "app.py")]
    subprocess.run([lupdate, *sources, "-ts", str(ts)], check=True, capture_output=True)
    ts.write_text(_mark_every_message(ts.read_text(encoding="utf-8")), encoding="utf-8")
    subprocess.run(
        [lrelease, str(ts), "-qm", str(folder / "panelreview_cy.qm")], check=True, capture_output=True
    )
    ts.unlink()
    return folder


@pytest.fixture
def welsh(
    qapp: QApplication, marked_translation: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[list[QTranslator]]:
    monkeypatch.setattr(translations_module, "translations_dir", lambda: marked_translation)
    installed = install_translations(qapp, QLocale(QLocale.Language.Welsh, QLocale.Country.UnitedKingdom))
    try:
        yield installed
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


QT_OWN = ("qt_", "ScrollLeftButton", "ScrollRightButton")  # Qt's own parts, translated by Qt


def _menu_texts(menu: QMenu, skip: QMenu) -> Iterator[tuple[str, str]]:
    yield "menu", menu.title()
    if menu is skip:
        return  # the recent reviews' titles
    for action in menu.actions():
        if action.isSeparator():
            continue
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            yield from _menu_texts(submenu, skip)
            continue
        yield "menu item", action.text()
        if action.statusTip():
            yield "status tip", action.statusTip()


def _texts_on_screen(window: MainWindow) -> Iterator[tuple[str, str]]:
    """(where, text) for the strings the window's own code puts on screen."""
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            yield from _menu_texts(menu, window.recent_menu)
    for dock in window.findChildren(QDockWidget):
        yield "panel", dock.windowTitle()
    yield from _widget_texts(window, skip={window.section_label})


def _widget_texts(top: QWidget, skip: set[QWidget]) -> Iterator[tuple[str, str]]:
    if top.windowTitle() and top.isWindow() and not isinstance(top, MainWindow):
        yield f"title of {type(top).__name__}", top.windowTitle()
    for widget in top.findChildren(QWidget):
        if widget.objectName().startswith(QT_OWN) or widget in skip:
            continue
        where = f"{type(widget).__name__} {widget.objectName()}"
        if widget.accessibleName():
            yield f"accessible name of {where}", widget.accessibleName()
        if widget.accessibleDescription():
            yield f"accessible description of {where}", widget.accessibleDescription()
        if isinstance(widget, QAbstractButton) and not isinstance(widget.parent(), QComboBox):
            yield where, widget.text()
        if isinstance(widget, QLabel):
            yield where, widget.text()
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            yield f"placeholder of {where}", widget.placeholderText()


def _needs_translating(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]{2,}", text)) and MARK not in text


def test_a_translation_is_loaded_and_reaches_every_part_of_the_window(
    qtbot: Any, welsh: list[QTranslator], samples: Path
) -> None:
    assert [Path(t.filePath()).name for t in welsh if "panelreview" in t.filePath()] == ["panelreview_cy.qm"]
    window = create_main_window()
    qtbot.addWidget(window)
    window.show()
    try:
        open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
        shown = list(_texts_on_screen(window))
        dialogs: list[QWidget] = [
            NoteDialog(Kind.QUESTION, MARK + "on “Visible policing”", lambda _value: "", window),
            RecommendDialog(MARK + "on “Visible policing”", lambda _value: "", window),
            ReviewSetupDialog(window),
            ExportOptionsDialog(window),
            PrintChoiceDialog(window, private_notes=1, all_notes=2),
        ]
        for dialog in dialogs:
            shown += _widget_texts(dialog, skip=set())
        assert len(shown) > 300  # the walk really does see the window
        missed = sorted({f"{where}: {text!r}" for where, text in shown if _needs_translating(text)})
        assert missed == [], "\n".join(missed)
    finally:
        window.close()


def test_english_is_the_default_and_needs_no_file(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(translations_module, "translations_dir", lambda: None)
    installed = install_translations(qapp, QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    try:
        assert all("panelreview" not in t.filePath() for t in installed)
        assert QCoreApplication.translate("kind", "Comment") == "Comment"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
