"""The window's actions, menus and toolbar, built in code. The main window connects them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStyle, QToolBar

from panelreview.ui.page_box import PageBox


@dataclass(slots=True)
class Actions:
    open: QAction
    open_sample: QAction
    quit: QAction
    zoom_in: QAction
    zoom_out: QAction
    fit_width: QAction
    larger_text: QAction
    smaller_text: QAction
    normal_text: QAction
    about: QAction


def _action(
    window: QMainWindow,
    text: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    return action


def build_actions(window: QMainWindow) -> Actions:
    tr = window.tr
    style = window.style()
    larger_tip = tr("Larger text in the outline and in Word or text drafts")
    smaller_tip = tr("Smaller text in the outline and in Word or text drafts")
    actions = Actions(
        open=_action(window, tr("&Open a Draft…"), QKeySequence.StandardKey.Open, tr("Open a draft plan")),
        open_sample=_action(window, tr("Open the &Sample Draft"), None, tr("Open the Westshire example")),
        quit=_action(window, tr("&Quit"), QKeySequence.StandardKey.Quit),
        zoom_in=_action(window, tr("Zoom &In"), QKeySequence.StandardKey.ZoomIn, tr("Make the page larger")),
        zoom_out=_action(
            window, tr("Zoom &Out"), QKeySequence.StandardKey.ZoomOut, tr("Make the page smaller")
        ),
        fit_width=_action(window, tr("&Fit Width"), "Ctrl+0", tr("Fit the page to the window's width")),
        larger_text=_action(window, tr("&Larger Text"), "Ctrl+Shift+=", larger_tip),
        smaller_text=_action(window, tr("S&maller Text"), "Ctrl+Shift+-", smaller_tip),
        normal_text=_action(window, tr("&Normal Text Size")),
        about=_action(window, tr("&About PanelReview")),
    )
    actions.open.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton))
    actions.quit.setMenuRole(QAction.MenuRole.QuitRole)
    actions.about.setMenuRole(QAction.MenuRole.AboutRole)
    # Ctrl+= as well as Ctrl++: on most keyboards "+" needs Shift.
    actions.zoom_in.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")])
    return actions


def build_menus(window: QMainWindow, actions: Actions, outline_toggle: QAction) -> None:
    tr = window.tr
    bar = window.menuBar()
    file_menu = bar.addMenu(tr("&File"))
    file_menu.addAction(actions.open)
    file_menu.addAction(actions.open_sample)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)

    view_menu = bar.addMenu(tr("&View"))
    view_menu.addAction(actions.zoom_in)
    view_menu.addAction(actions.zoom_out)
    view_menu.addAction(actions.fit_width)
    view_menu.addSeparator()
    text_menu = view_menu.addMenu(tr("&Text Size"))
    text_menu.addAction(actions.larger_text)
    text_menu.addAction(actions.smaller_text)
    text_menu.addAction(actions.normal_text)
    view_menu.addSeparator()
    outline_toggle.setText(tr("&Outline"))
    view_menu.addAction(outline_toggle)

    help_menu = bar.addMenu(tr("&Help"))
    help_menu.addAction(actions.about)


def build_toolbar(window: QMainWindow, actions: Actions, page_box: PageBox) -> tuple[QToolBar, QAction]:
    """The toolbar, and the action that shows or hides the page box on it."""
    toolbar = QToolBar(window.tr("Main toolbar"), window)
    toolbar.setObjectName("main_toolbar")
    toolbar.setMovable(False)
    toolbar.addAction(actions.open)
    toolbar.addSeparator()
    toolbar.addAction(actions.zoom_out)
    toolbar.addAction(actions.zoom_in)
    toolbar.addAction(actions.fit_width)
    toolbar.addSeparator()
    page_box_action = toolbar.addWidget(page_box)
    window.addToolBar(toolbar)
    return toolbar, page_box_action
