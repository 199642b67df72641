"""The clerk's desk: one dock with four tabs for the panel's review.

1. **Members**: who is expected, who has sent views, when, and counts; import packs, undo an import.
2. **Synthesis**: everything members said, by section then kind, with "3 of 4 members" counts,
   filters, and similar recommendations suggested for merging.
3. **Recommendations**: the panel's own recommendations, built from members' words; order,
   numbers, wording, lineage and the decision at the meeting.
4. **Responses**: the commissioner's response to each, and the response tracker.

The desk refreshes only the tabs a change touches (``ReviewSession.changed`` carries the
:class:`~panelreview.core.review.Change`).
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from panelreview.core.review import Change
from panelreview.ui.clerk.common import is_clerk
from panelreview.ui.clerk.consolidation import ConsolidationTab
from panelreview.ui.clerk.members import MembersTab
from panelreview.ui.clerk.responses import ResponsesTab
from panelreview.ui.clerk.synthesis import SynthesisTab
from panelreview.ui.session.review_session import ReviewSession

MEMBERS, SYNTHESIS, RECOMMENDATIONS, RESPONSES = range(4)


class ClerkDesk(QDockWidget):
    jump_requested = Signal(object)  # an Item (a member's note or recommendation) to show in the draft
    source_jump_requested = Signal(str)  # the id of a member's item to show in the draft

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Clerk's desk"), parent)
        self.setObjectName("clerk_desk_dock")
        self._session: ReviewSession | None = None
        self.members = MembersTab()
        self.synthesis = SynthesisTab()
        self.consolidation = ConsolidationTab()
        self.responses = ResponsesTab()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("clerk_tabs")
        self.tabs.setAccessibleName(self.tr("Clerk's desk"))
        self.tabs.addTab(self.members, self.tr("&Members"))
        self.tabs.addTab(self.synthesis, self.tr("S&ynthesis"))
        self.tabs.addTab(self.consolidation, self.tr("Panel &recommendations"))
        self.tabs.addTab(self.responses, self.tr("Re&sponses"))
        self.tabs.setDocumentMode(True)
        self.placeholder = QLabel(
            self.tr(
                "The clerk's desk works on the panel's review: the review that combines members' "
                "views. Start one with File → New Panel Review…, or open it."
            )
        )
        self.placeholder.setWordWrap(True)
        self.placeholder.setMargin(12)
        holder = QWidget()
        self.placeholder_page = holder
        holder_layout = QVBoxLayout(holder)
        holder_layout.addWidget(self.placeholder)
        holder_layout.addStretch(1)
        self.stack = QStackedWidget()
        self.stack.addWidget(holder)
        self.stack.addWidget(self.tabs)
        self.setWidget(self.stack)
        self.setMinimumWidth(420)

        self.members.member_chosen.connect(self._show_member)
        self.synthesis.jump_requested.connect(self.jump_requested)
        self.synthesis.panel_recommendation_created.connect(self.show_panel_recommendation)
        self.consolidation.source_activated.connect(self.source_jump_requested)
        self.set_session(None)

    @property
    def session(self) -> ReviewSession | None:
        return self._session

    def set_session(self, session: ReviewSession | None) -> None:
        if self._session is not None:
            self.commit()
            with contextlib.suppress(RuntimeError, RuntimeWarning, TypeError):  # already gone
                self._session.changed.disconnect(self.on_changed)
        clerk = is_clerk(session)
        self._session = session if clerk else None
        if self._session is not None:
            self._session.changed.connect(self.on_changed)
        self.stack.setCurrentWidget(self.tabs if clerk else self.placeholder_page)
        for tab in (self.members, self.synthesis, self.consolidation, self.responses):
            tab.set_session(self._session)

    def commit(self) -> None:
        """Save what was typed and not saved yet (call before the review closes or is exported)."""
        self.consolidation.commit()
        self.responses.commit()

    def on_changed(self, change: Change) -> None:
        self.members.on_changed(change)
        self.synthesis.on_changed(change)
        self.consolidation.on_changed(change)
        self.responses.on_changed(change)

    def _show_member(self, member_id: str) -> None:
        self.synthesis.show_member(member_id)
        self.tabs.setCurrentIndex(SYNTHESIS)

    def show_panel_recommendation(self, rec_id: str) -> None:
        self.consolidation.reload()
        self.consolidation.select(rec_id)
        self.tabs.setCurrentIndex(RECOMMENDATIONS)

    def show_tab(self, index: int) -> None:
        self.show()
        self.raise_()
        self.tabs.setCurrentIndex(index)
