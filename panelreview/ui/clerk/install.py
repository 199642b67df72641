"""The clerk's desk and "Send to clerk…" in the main window: one hook, a Panel menu and a dock.

    clerk_ui = install_clerk_ui(window, lambda: window.session, window.menuBar())
    clerk_ui.session_changed(session)        # whenever a review opens (or None when it closes)
    file_menu.addAction(clerk_ui.actions.new_panel_review)   # File → New Panel Review…

The Panel menu has Send to Clerk… (members), Import Members' Reviews…, Undo Last Import, Add a
Member's View Received on Paper or by Email…, Clerk's Desk and Export Response Tracker… (enabled
only when the open review is a clerk's), and New Panel Review…. Going to an item in the draft
calls ``window.controller.jump_to_anchor`` when the window has one; ``jump_requested`` carries the
same :class:`~panelreview.core.anchor.Anchor` for any other listener. A new panel review is opened
with ``window.open_path`` when the window has one; ``panel_review_created`` carries its path too.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QMenuBar

from panelreview.core.model import Document
from panelreview.core.review import Change
from panelreview.ui.clerk.common import Item, SessionProvider, is_clerk, writable
from panelreview.ui.clerk.desk import MEMBERS, RESPONSES, ClerkDesk
from panelreview.ui.clerk.import_packs import PackImporter
from panelreview.ui.clerk.new_review import new_panel_review
from panelreview.ui.clerk.send import send_to_clerk
from panelreview.ui.clerk.tracker import TrackerExporter
from panelreview.ui.clerk.view_entry import add_member_view
from panelreview.ui.session.review_session import ReviewSession

DESK_WIDTH = 580  # the desk's narrowest useful width: the draft keeps the rest


@dataclass(frozen=True, slots=True)
class ClerkActions:
    send: QAction
    new_panel_review: QAction
    import_packs: QAction
    undo_import: QAction
    add_view: QAction
    desk: QAction
    export_tracker: QAction


def _action(parent: QObject, text: str, tip: str, shortcut: str | None = None) -> QAction:
    action = QAction(text, parent)
    action.setStatusTip(tip)
    action.setToolTip(tip)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    return action


class ClerkUi(QObject):
    jump_requested = Signal(object)  # Anchor: show this place in the draft
    panel_review_created = Signal(object)  # Path of a new clerk's review

    def __init__(self, window: QMainWindow, session_provider: SessionProvider, menu_bar: QMenuBar) -> None:
        super().__init__(window)
        self.window = window
        self._provider = session_provider
        self._session: ReviewSession | None = None
        self._desk_shown_once = False
        self.desk = ClerkDesk(window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.desk)
        beside = [
            dock
            for dock in window.findChildren(QDockWidget)
            if dock is not self.desk and window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
        ]
        if beside:  # a tab beside the window's other panels, so it has their full height
            window.tabifyDockWidget(beside[-1], self.desk)
        self.desk.hide()
        self.importer = PackImporter(window, self.current_session)
        self.tracker = TrackerExporter(window)

        tr = self.tr
        desk = self.desk.toggleViewAction()
        desk.setText(tr("Clerk's &Desk"))
        desk.setShortcut(QKeySequence("Ctrl+Shift+D"))
        desk.triggered.connect(lambda shown: self.desk.raise_() if shown else None)  # not a tab behind
        desk.setStatusTip(tr("Members, synthesis, the panel's recommendations and the responses"))
        self.actions = ClerkActions(
            send=_action(
                self,
                tr("&Send to Clerk…"),
                tr("Save your shared notes and recommendations as one file for the clerk"),
            ),
            new_panel_review=_action(
                self, tr("Ne&w Panel Review…"), tr("Start the panel's review, which combines members' views")
            ),
            import_packs=_action(
                self,
                tr("&Import Members' Reviews…"),
                tr("Bring the review packs members sent you into the panel's review"),
            ),
            undo_import=_action(
                self, tr("&Undo Last Import"), tr("Take the most recent import of members' reviews out again")
            ),
            add_view=_action(
                self,
                tr("Add a Member's &View Received on Paper or by Email…"),
                tr("Enter a view a member sent you, on their behalf; it counts as theirs"),
            ),
            desk=desk,
            export_tracker=_action(
                self,
                tr("Export Response &Tracker…"),
                tr("The recommendations and the responses, as a Word table or CSV"),
            ),
        )
        a = self.actions
        a.send.triggered.connect(self.send_to_clerk)
        a.new_panel_review.triggered.connect(self.new_panel_review)
        a.import_packs.triggered.connect(self.import_packs)
        a.undo_import.triggered.connect(self.undo_last_import)
        a.add_view.triggered.connect(lambda: self.add_member_view(None))
        a.export_tracker.triggered.connect(self.export_tracker)

        self.menu = QMenu(tr("&Panel"), menu_bar)
        self.menu.setObjectName("panel_menu")
        self.menu.addAction(a.send)
        self.menu.addSeparator()
        self.menu.addAction(a.new_panel_review)
        self.menu.addAction(a.import_packs)
        self.menu.addAction(a.undo_import)
        self.menu.addAction(a.add_view)
        self.menu.addAction(a.desk)
        self.menu.addAction(a.export_tracker)
        menus = [act for act in menu_bar.actions() if act.menu() is not None]
        if menus:  # before Help, which is last by convention
            menu_bar.insertMenu(menus[-1], self.menu)
        else:
            menu_bar.addMenu(self.menu)

        self.desk.members.import_requested.connect(self.import_packs)
        self.desk.members.undo_import_requested.connect(self.undo_last_import)
        self.desk.members.add_view_requested.connect(self.add_member_view)
        self.desk.responses.export_requested.connect(self.export_tracker)
        self.desk.jump_requested.connect(self._jump_to_item)
        self.desk.source_jump_requested.connect(self._jump_to_id)
        self.importer.status.connect(self._status)
        self.importer.imported.connect(lambda _record: self.desk.show_tab(MEMBERS))
        self.tracker.finished.connect(self._tracker_written)
        self.update_actions()

    # ----- the open review ----------------------------------------------------------------------
    def current_session(self) -> ReviewSession | None:
        return self._provider()

    def session_changed(self, session: ReviewSession | None) -> None:
        """The window opened a review, or is closing it (None: call before ``session.close()``)."""
        if self._session is not None:
            with contextlib.suppress(RuntimeError, RuntimeWarning, TypeError):  # gone with its review
                self._session.changed.disconnect(self._on_changed)
        self._session = session
        if session is not None:
            session.changed.connect(self._on_changed)
        self.desk.set_session(session)
        if is_clerk(session):
            if not self._desk_shown_once:
                self._desk_shown_once = True
                self.desk.show()
                self.desk.raise_()
                if self.desk.width() < DESK_WIDTH:
                    self.window.resizeDocks([self.desk], [DESK_WIDTH], Qt.Orientation.Horizontal)
        else:
            self.desk.hide()
        self.update_actions()

    def commit_editors(self) -> None:
        """Save text typed in the desk and not saved yet (as the window does before an export)."""
        self.desk.commit()

    def _on_changed(self, _change: Change) -> None:
        self.update_actions()

    def update_actions(self) -> None:
        session = self.current_session()
        clerk = is_clerk(session)
        can_edit = writable(session)
        a = self.actions
        a.send.setEnabled(session is not None and not clerk and can_edit)
        a.import_packs.setEnabled(clerk and can_edit)
        a.undo_import.setEnabled(self.importer.can_undo_import())
        a.add_view.setEnabled(clerk and can_edit)
        a.desk.setEnabled(clerk)
        a.export_tracker.setEnabled(clerk)

    # ----- the actions --------------------------------------------------------------------------
    def send_to_clerk(self) -> None:
        summary = send_to_clerk(self.window, self.current_session())
        if summary is not None:
            self._status(self.tr("Saved the review pack “{name}”.").format(name=Path(summary.path).name))

    def new_panel_review(self) -> Path | None:
        path = new_panel_review(self.window)
        if path is None:
            return None
        self.panel_review_created.emit(path)
        open_path = getattr(self.window, "open_path", None)
        if callable(open_path):
            open_path(path)
        return path

    def import_packs(self) -> None:
        self.importer.choose_and_import()
        self.update_actions()

    def undo_last_import(self) -> None:
        self.importer.undo_last_import()
        self.update_actions()

    def add_member_view(self, member: str | None = None) -> str | None:
        """Enter a member's view received on paper or by email; the new item's id, or None."""
        session = self.current_session()
        if session is None or not is_clerk(session) or not writable(session):
            return None
        controller = getattr(self.window, "controller", None)
        document = getattr(controller, "document", None)
        new_id = add_member_view(
            self.window, session, document if isinstance(document, Document) else None, member
        )
        if new_id is not None:
            self._status(self.tr("Added the member's view, entered on their behalf."))
        return new_id

    def export_tracker(self) -> None:
        session = self.current_session()
        if session is None or not is_clerk(session):
            return
        self.desk.commit()
        self.desk.show_tab(RESPONSES)
        self.tracker.ask_and_export(session)

    def _tracker_written(self, path: Path) -> None:
        self._status(self.tr("Exported the response tracker “{name}”.").format(name=path.name))

    # ----- going to the draft -------------------------------------------------------------------
    def _jump_to_item(self, item: Item) -> None:
        self.jump_requested.emit(item.anchor)

    def _jump_to_id(self, item_id: str) -> None:
        session = self.current_session()
        if session is None:
            return
        found = session.review.annotation(item_id) or session.review.recommendation(item_id)
        if found is not None:
            self.jump_requested.emit(found.anchor)

    def _status(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 12000)


def install_clerk_ui(window: QMainWindow, session_provider: SessionProvider, menu_bar: QMenuBar) -> ClerkUi:
    """Add the Panel menu and the clerk's desk to ``window``; call ``session_changed`` as reviews open."""
    clerk_ui = ClerkUi(window, session_provider, menu_bar)
    controller = getattr(window, "controller", None)
    jump = getattr(controller, "jump_to_anchor", None)
    if callable(jump):
        clerk_ui.jump_requested.connect(jump)
    return clerk_ui
