"""A new version of the draft in the main window: one hook, a Review menu and the Changes panel.

    versions_ui = install_versions_ui(window)    # after the clerk's UI, before restoring the state
    versions_ui.intercepts_open(path)            # File › Open with a review open: a newer version?
    versions_ui.keeps_session(token)             # the window is showing the review's own new version
    versions_ui.version_shown(draft)             # ... and has shown it (instead of finding a review)

**How the new version is shown.** Carrying over is one step on the open session's undo stack, and the
session stays open: whenever a change names the ``current_draft`` setting (carrying over, Edit ›
Undo of it, Redo, Review › Undo Carrying Over), the window reads the review's current version
from the copy inside the review and shows it in place (``keeps_session``), instead of closing the
review and finding one for the draft. So Edit › Undo after carrying over puts the earlier version
back on screen, with every note where it was; after reopening the review, Review › Undo Carrying
Over does the same (``review.undo_last_carry_over``).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMainWindow, QMenu, QPushButton

from panelreview.core.anchor import Anchor, anchor_section
from panelreview.core.errors import UserError
from panelreview.core.review import Change
from panelreview.ui.dialogs import messages
from panelreview.ui.dialogs.review_setup import remember_review
from panelreview.ui.session.review_session import ReviewSession, draft_bytes
from panelreview.ui.versions.addressed import AddressedDialog
from panelreview.ui.versions.carry_over import CarryOver
from panelreview.ui.versions.changes_panel import ChangesPanel
from panelreview.ui.versions.comparison import SectionComparisonDialog
from panelreview.ui.versions.section_views import CHANGE_ROLE, SectionViews
from panelreview.ui.versions.wording import review_title, summary_text, version_name

REFRESHING_TABLES = {"item_anchors", "annotations", "recommendations", "drafts", "settings", "addressed"}


def _is_version_switch(change: Change) -> bool:
    return any(r.table == "settings" and r.key == "current_draft" for r in change.rows)


class VersionsUi(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.carry = CarryOver(window)
        self.panel = ChangesPanel(window)
        main: QMainWindow = window
        main.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        main.tabifyDockWidget(window.recommendations, self.panel)
        self.panel.hide()
        self._session: ReviewSession | None = None
        self._reload_token: int | None = None
        self._pending_summary = ""
        self.views = SectionViews(window, lambda: self.session, self._status)

        tr = self.tr
        self.new_version = self._action(
            tr("&New Version of the Draft…"),
            tr("Carry your review over to a new version of the draft: every note follows it"),
        )
        self.undo_carry = self._action(
            tr("&Undo Carrying Over"),
            tr("Put the review back on the version before, every item where it was (also after reopening)"),
        )
        self.compare = self._action(
            tr("&Compare Section with the Previous Version…"),
            tr("What was added, removed and reworded in the section you are reading"),
        )
        self.addressed_action = self._action(
            tr("&Was It Addressed?…"),
            tr("How the sections a recommendation cites changed, and whether the new version took it up"),
        )
        self.changes_toggle = self.panel.toggleViewAction()
        self.changes_toggle.setText(tr("C&hanges Panel"))
        self.changes_toggle.setStatusTip(tr("What carrying over did to each note and recommendation"))
        self.changes_toggle.triggered.connect(lambda shown: self.panel.raise_() if shown else None)
        self.new_version.triggered.connect(self.choose_new_version)
        self.undo_carry.triggered.connect(self.undo_carrying_over)
        self.compare.triggered.connect(lambda: self.open_comparison(window.outline.current_section()))
        self.addressed_action.triggered.connect(
            lambda: self.open_addressed(window.recommendations.current_id())
        )

        self.menu = QMenu(tr("&Review"), window.menuBar())
        self.menu.setObjectName("review_menu")
        for action in (self.new_version, self.undo_carry, None, self.changes_toggle, self.compare,
                       self.addressed_action):  # fmt: skip
            if action is None:
                self.menu.addSeparator()
            else:
                self.menu.addAction(action)
        bar = window.menuBar()
        menus = [a for a in bar.actions() if a.menu() is not None]
        panel_menu = next((a for a in menus if a.menu().objectName() == "panel_menu"), None)
        before = panel_menu or (menus[-1] if menus else None)
        if before is not None:
            bar.insertMenu(before, self.menu)
        else:
            bar.addMenu(self.menu)

        self.addressed_button = QPushButton(tr("Was It &Addressed?…"))
        self.addressed_button.setToolTip(self.addressed_action.statusTip())
        self.addressed_button.clicked.connect(
            lambda: self.open_addressed(window.recommendations.current_id())
        )
        row = getattr(window.recommendations, "action_row", None)
        if row is not None:
            row.insertWidget(1, self.addressed_button)
        extensions = getattr(window.outline, "menu_extensions", None)
        if extensions is not None:
            extensions.append(self.views.outline_menu)

        self.carry.carried.connect(self._carried)
        self.carry.status.connect(self._status)
        window.controller.session_set.connect(self._session_set)
        window.controller.document_set.connect(lambda _document: self.views.mark_outline())
        p = self.panel
        p.item_chosen.connect(self.show_item)
        p.reattach_to_selection_requested.connect(self.reattach_to_selection)
        p.reattach_to_section_requested.connect(self.reattach_to_chosen_section)
        p.dismiss_requested.connect(self.dismiss)
        p.compare_requested.connect(self._compare_item)
        p.addressed_requested.connect(self.open_addressed)
        self.update_actions()

    def _action(self, text: str, tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        return action

    # ----- the open review ----------------------------------------------------------------------
    @property
    def session(self) -> ReviewSession | None:
        session = self.window.session
        return session if isinstance(session, ReviewSession) else None

    def _writable(self) -> ReviewSession | None:
        session = self.session
        return session if session is not None and not session.read_only else None

    def _session_set(self, session: ReviewSession | None) -> None:
        if self._session is not None and self._session is not session:
            with contextlib.suppress(RuntimeError, RuntimeWarning, TypeError):
                self._session.changed.disconnect(self._on_changed)
            self._reload_token = None
        if session is not None and session is not self._session:
            session.changed.connect(self._on_changed)
        self._session = session
        if session is None:
            self.panel.hide()
            self.views.close_dialogs()
        self.refresh()
        self.views.mark_outline()
        if session is not None and any(r.needs_attention for r in self.panel.records):
            # Notes a new version left without a place wait for the member: the panel says so
            # each time the review opens, until each is placed or left unplaced on purpose.
            self.panel.show()
            self.panel.raise_()

    def _on_changed(self, change: Change) -> None:
        if _is_version_switch(change):
            self._follow_current_draft()
        if change.tables & REFRESHING_TABLES:
            self.refresh()

    def update_actions(self) -> None:
        writable = self._writable() is not None and self.window.draft is not None
        several = self.views.several_versions()
        self.new_version.setEnabled(writable)
        self.undo_carry.setEnabled(writable and several)
        self.compare.setEnabled(several and self.views.showing_current())
        self.addressed_action.setEnabled(several)
        self.addressed_button.setEnabled(several)  # in the panel's editor: off while none is chosen
        self.addressed_button.setVisible(several)
        self.panel.can_edit = writable

    def refresh(self) -> None:
        """The Changes panel and the actions, from the review as it is now."""
        session = self.session
        self.update_actions()
        if session is None:
            self.panel.set_records([], "", {})
            return
        review = session.review
        records = review.carry_records()
        text = ""
        if records:
            text = summary_text(review.carry_summary(), version_name(review.version()))
        previous = review.previous_version_id()
        if previous is not None:
            old = version_name(review.version(previous))
            try:
                changed = len(review.section_changes())
                removed = len(review.removed_sections())
            except UserError as err:  # an old version that will not open (another password)
                text += (" " if text else "") + self.tr(
                    "What changed since {old} cannot be shown: {reason}"
                ).format(old=old, reason=str(err))
            else:
                text += (" " if text else "") + self.tr(
                    "Since {old}: {changed} sections changed or new, {removed} removed."
                ).format(old=old, changed=changed, removed=removed)
        self.panel.set_records(records, text, review.judgements() if previous else {})

    # ----- showing the review's own current version -----------------------------------------------
    def _follow_current_draft(self) -> None:
        session = self.session
        if session is None or self.views.showing_current():
            return
        name, data = draft_bytes(session.review)
        self._status(self.tr("Showing {version}…").format(version=version_name(session.review.version())))
        self._reload_token = self.window.opener.open(Path(name), data=data)

    def keeps_session(self, token: int) -> bool:
        """Whether the draft being shown (``token``) is the open review's own version: keep the review."""
        return self._reload_token is not None and token == self._reload_token and self.session is not None

    def version_shown(self, draft: Any) -> None:
        """The window shows the review's current version (after carrying over, undo or redo)."""
        self._reload_token = None
        session = self.session
        if session is None:
            return
        w = self.window
        w.controller.set_session(session)  # every panel and highlight on the version now shown
        remember_review(draft.document.identity.sha256, session.path)
        title = review_title(session.review)
        w.setWindowTitle(
            self.tr("{title} — {review} — PanelReview").format(title=title, review=session.path.name)
        )
        w.setWindowFilePath(str(session.path))
        if self._pending_summary:
            w.info_bar.add_message(self._pending_summary)
            self._pending_summary = ""
        self.refresh()
        self.views.mark_outline()

    # ----- carrying over ----------------------------------------------------------------------------
    def choose_new_version(self) -> None:
        """Review › New Version of the Draft…"""
        session = self._writable()
        if session is None:
            return
        path = self.carry.choose_file()
        if path is not None:
            self.carry.start(session, path)

    def intercepts_open(self, path: Path) -> bool:
        """File › Open of a draft while a review is open: look first whether it is a new version of
        the plan (by content); True when this takes the opening over (it opens as usual if not)."""
        session = self._writable()
        if session is None or self.window.draft is None:
            return False
        self.carry.recognise(session, path, self._open_normally, lambda: self.session)
        return True

    def _open_normally(self, path: Path) -> None:
        self._status(self.tr("Opening “{name}”…").format(name=path.name))
        self.window.opener.open(path)

    def _carried(self, change: Change) -> None:
        session = self.session
        if session is None:
            return
        review = session.review
        self._pending_summary = summary_text(
            review.carry_summary(change.item_id), version_name(review.version())
        )
        self._status(self._pending_summary)
        if self.views.showing_current():  # shown already (a very quick reload)
            self.window.info_bar.add_message(self._pending_summary)
            self._pending_summary = ""
        self.panel.show()
        self.panel.raise_()
        if self.panel.records:
            self.panel.list.setCurrentRow(0)

    def undo_carrying_over(self) -> None:
        """Review › Undo Carrying Over: also after the review was closed and opened again."""
        session = self._writable()
        if session is not None:
            session.run(session.review.undo_last_carry_over)

    # ----- the Changes panel's requests ---------------------------------------------------------
    def show_item(self, item_id: str) -> None:
        session = self.session
        if session is None:
            return
        item = session.review.annotation(item_id) or session.review.recommendation(item_id)
        if item is None:
            return
        controller = self.window.controller
        controller.jump_to_anchor(item.anchor)
        set_current = getattr(controller.view, "set_current_highlight", None)
        if set_current is not None:
            set_current(item_id)

    def _reattach(self, item_id: str, anchor: Anchor) -> None:
        session = self._writable()
        if session is None:
            return
        if session.run(lambda: session.review.reattach(item_id, anchor)) is not None:
            self._status(self.tr("Re-attached. Edit › Undo puts it back."))
            self.panel.select(item_id)
            self.show_item(item_id)

    def reattach_to_selection(self, item_id: str) -> None:
        """To the passage selected in the draft, or else to the section chosen in the outline."""
        w = self.window
        selection = w.controller.current_selection()
        if selection is not None:
            self._reattach(item_id, selection.anchor)
            return
        section_id = w.outline.current_section()
        document = w.controller.document
        section = next((s for s in document.sections if s.id == section_id), None) if document else None
        if document is None or section is None:
            messages.show_error(
                w,
                self.tr("Nothing selected"),
                self.tr("Select the passage in the draft (or choose a section in the outline) first."),
            )
            return
        self._reattach(item_id, anchor_section(document.sections, section))

    def reattach_to_chosen_section(self, item_id: str) -> None:
        document = self.window.controller.document
        if document is None or not document.sections:
            return
        labels = [s.label for s in document.sections]
        current = self.window.outline.current_section()
        start = next((i for i, s in enumerate(document.sections) if s.id == current), 0)
        label, ok = QInputDialog.getItem(
            self.window,
            self.tr("Re-attach to a Section"),
            self.tr("&Section of the new version:"),
            labels,
            start,
            False,
        )
        if ok and label in labels:
            section = document.sections[labels.index(label)]
            self._reattach(item_id, anchor_section(document.sections, section))

    def dismiss(self, item_id: str) -> None:
        session = self._writable()
        if session is not None and session.run(lambda: session.review.dismiss_orphan(item_id)) is not None:
            self._status(self.tr("Left unplaced: it stays in the review with its old passage."))

    def _compare_item(self, item_id: str) -> None:
        record = next((r for r in self.panel.records if r.item_id == item_id), None)
        if record is None:
            return
        if record.new_section is not None and record.new_section.id is not None:
            self.open_comparison(record.new_section.id)
        else:
            self.open_comparison(None, old_section_id=record.old_section.id)

    # ----- the section views ---------------------------------------------------------------------
    @property
    def comparison(self) -> SectionComparisonDialog | None:
        return self.views.comparison

    @property
    def addressed(self) -> AddressedDialog | None:
        return self.views.addressed

    def open_comparison(
        self, section_id: int | None, old_section_id: int | None = None
    ) -> SectionComparisonDialog | None:
        return self.views.open_comparison(section_id, old_section_id)

    def open_addressed(self, rec_id: str | None) -> AddressedDialog | None:
        return self.views.open_addressed(rec_id)

    def _status(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 12000)


def install_versions_ui(window: Any) -> VersionsUi:
    """Add the Review menu, the Changes panel, the outline's change marks and the comparison to ``window``."""
    return VersionsUi(window)


__all__ = ["CHANGE_ROLE", "VersionsUi", "install_versions_ui"]
