"""The clerk's UI installed in the real main window: the Panel menu, the desk, and going to the draft."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QTabBar

from panelreview.storage import open_review
from panelreview.ui.app.main_window import MainWindow
from tests.ui.clerk_helpers import build_members, capture_messages, start_clerk
from tests.ui.conftest import open_and_wait, wait_for_session


def test_panel_menu_and_desk_in_the_main_window(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    panel = build_members(tmp_path / "members")
    path = start_clerk(tmp_path)
    with open_review(path) as review:
        review.import_packs(list(panel.packs.values()))
    clerk_ui = window.clerk_ui
    titles = [a.text() for a in window.menuBar().actions() if a.menu() is not None]
    assert titles[-2:] == ["&Panel", "&Help"] and titles.count("&Panel") == 1
    assert not clerk_ui.actions.import_packs.isEnabled(), "no review open yet"

    open_and_wait(qtbot, window, path)
    wait_for_session(qtbot, window)
    assert clerk_ui.desk.isVisible()
    assert clerk_ui.actions.import_packs.isEnabled() and clerk_ui.actions.undo_import.isEnabled()
    assert "3 of 4 members" in clerk_ui.desk.members.summary_label.text()

    synthesis = clerk_ui.desk.synthesis
    clerk_ui.desk.tabs.setCurrentWidget(synthesis)
    assert synthesis.select(panel.ids["cat_budget"])  # on 3.1, the end of the draft
    synthesis.go_button.click()
    qtbot.waitUntil(lambda: window.section_label.text().startswith("3.1"), timeout=5000)

    window.close_draft()
    assert not clerk_ui.desk.isVisible()
    assert not clerk_ui.actions.import_packs.isEnabled() and not clerk_ui.actions.send.isEnabled()


def test_a_pack_opened_in_the_clerks_review_is_imported(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    panel = build_members(tmp_path / "members")
    path = start_clerk(tmp_path)
    open_and_wait(qtbot, window, path)
    session = wait_for_session(qtbot, window)
    assert session.review.members_status() and not session.review.imports()

    window.open_path(next(iter(panel.packs.values())))  # as a double-click or a drop does

    assert len(session.review.imports()) == 1
    assert "1 of 4 members" in window.clerk_ui.desk.members.summary_label.text()
    session.undo_stack.undo()
    assert not session.review.imports()


def test_a_pack_opened_without_the_clerks_review_is_explained(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any
) -> None:
    panel = build_members(tmp_path / "members")
    shown = capture_messages(monkeypatch)
    window.open_path(next(iter(panel.packs.values())))
    assert len(shown["warning"]) == 1
    title, text = shown["warning"][0]
    assert "review pack" in title and "Import Members' Reviews" in text
    assert window.session is None


def test_the_desk_leaves_the_draft_readable_on_a_laptop_screen(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    panel = build_members(tmp_path / "members")
    path = start_clerk(tmp_path)
    with open_review(path) as review:
        review.import_packs(list(panel.packs.values()))
    window.resize(1366, 768)
    open_and_wait(qtbot, window, path)
    wait_for_session(qtbot, window)
    qtbot.waitUntil(lambda: window.clerk_ui.desk.isVisible(), timeout=5000)
    for tab in range(window.clerk_ui.desk.tabs.count()):  # every tab, the widest included
        window.clerk_ui.desk.tabs.setCurrentIndex(tab)
        qtbot.wait(50)
        draft_width = window.centralWidget().width()  # the draft's part of the window
        assert draft_width >= 400, f"the draft is left {draft_width} px of {window.width()}"


def _front_tab(window: MainWindow, among: str) -> str:
    """The tab in front in the dock group that has a tab called ``among``."""
    for bar in window.findChildren(QTabBar):
        names = [bar.tabText(i) for i in range(bar.count())]
        if among in names:
            return bar.tabText(bar.currentIndex())
    return ""


def test_a_panel_turned_on_from_the_menu_comes_to_the_front(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    path = start_clerk(tmp_path)
    open_and_wait(qtbot, window, path)
    wait_for_session(qtbot, window)
    desk_toggle = window.clerk_ui.desk.toggleViewAction()
    desk_toggle.trigger()  # Ctrl+Shift+D: the desk goes
    assert not window.clerk_ui.desk.isVisible()
    desk_toggle.trigger()  # and comes back in front, not as a tab behind the Checklist
    assert _front_tab(window, "Notes") == window.clerk_ui.desk.windowTitle()
    window.notes.toggleViewAction().trigger()  # View › Notes Panel off and on
    window.notes.toggleViewAction().trigger()
    assert _front_tab(window, "Notes") == window.notes.windowTitle()
