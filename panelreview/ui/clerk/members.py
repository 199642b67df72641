"""The clerk's desk, Members: who is expected to send views, who has, when, and what they sent.

The list is the review's members list (names the clerk adds) with every received pack matched to
it; a pack from someone not on the list still shows, marked so. Importing packs and undoing the
last import start here too (the same actions as the Panel menu), and so does entering a view a
member sent on paper or by email.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.clerk import MemberStatus
from panelreview.core.review import Change
from panelreview.ui.clerk.common import ID_ROLE, is_clerk, ok_cancel, top_items, writable
from panelreview.ui.common.labels import local_time
from panelreview.ui.session.review_session import ReviewSession

MEMBER_ROLE = Qt.ItemDataRole.UserRole + 13  # the member's id once views are received
_TABLES = {"members", "annotations", "replies", "recommendations", "roster", "imports"}


class AddMemberDialog(QDialog):
    """A member's name (and council) for the members list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a member to the list"))
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Member's name"))
        self.name_edit.setPlaceholderText(self.tr("For example, Cllr Ann Jones"))
        self.council_edit = QLineEdit()
        self.council_edit.setAccessibleName(self.tr("Member's council (optional)"))
        self.council_edit.setPlaceholderText(self.tr("Optional; or “Independent member”"))
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Council:"), self.council_edit)
        self.buttons, _ok = ok_cancel(self, self.tr("Add to the list"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)


class MembersTab(QWidget):
    import_requested = Signal()
    undo_import_requested = Signal()
    member_chosen = Signal(str)  # a member's id: see what they said
    add_view_requested = Signal(object)  # the chosen member's id or list entry's id, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clerk_members")
        self._session: ReviewSession | None = None
        self._lines: list[MemberStatus] = []

        self.summary_label = QLabel()
        self.summary_label.setObjectName("members_summary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.import_button = QPushButton(self.tr("&Import members' reviews…"))
        self.import_button.setAccessibleDescription(
            self.tr("Choose the review packs members sent you; several at once")
        )
        self.import_button.clicked.connect(self.import_requested)
        self.undo_button = QPushButton(self.tr("&Undo last import"))
        self.undo_button.setAccessibleDescription(
            self.tr("Take the most recent import out of this review as a whole")
        )
        self.undo_button.clicked.connect(self.undo_import_requested)

        self.table = QTreeWidget()
        self.table.setObjectName("members_table")
        self.table.setAccessibleName(self.tr("Members list"))
        self.table.setAccessibleDescription(
            self.tr("Who is expected to send views, who has, when, and how many notes they sent")
        )
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels(
            [
                self.tr("Member"),
                self.tr("Views"),
                self.tr("Received"),
                self.tr("Notes"),
                self.tr("Questions"),
                self.tr("Concerns"),
                self.tr("Recommendations"),
            ]
        )
        header_item = self.table.headerItem()
        if header_item is not None:
            header_item.setToolTip(3, self.tr("All the member's notes, questions and concerns included"))
        header = self.table.header()
        # Every column as wide as what it holds (a member's name is never cut to "Cllr Ann Jone…");
        # the last takes what room is left, and a narrow desk scrolls sideways instead.
        header.setStretchLastSection(True)
        for column in range(0, 6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.table.itemActivated.connect(self._on_activated)

        self.add_button = QPushButton(self.tr("&Add member…"))
        self.add_button.setAccessibleDescription(self.tr("Add someone you expect views from"))
        self.add_button.clicked.connect(self.add_member)
        self.remove_button = QPushButton(self.tr("Remove from &list"))
        self.remove_button.clicked.connect(self.remove_member)
        self.add_view_button = QPushButton(self.tr("Add a &view received on paper or by email…"))
        self.add_view_button.setObjectName("add_member_view")
        self.add_view_button.setAccessibleDescription(
            self.tr("Enter a view a member sent you, on their behalf; it counts as theirs")
        )
        self.add_view_button.clicked.connect(self._request_view)
        self.last_import_label = QLabel()
        self.last_import_label.setObjectName("last_import")
        self.last_import_label.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.import_button)
        top.addWidget(self.undo_button)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addWidget(self.remove_button)
        bottom.addStretch(1)
        bottom.addWidget(self.add_view_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.last_import_label)
        self.reload()

    # ----- input --------------------------------------------------------------------------------
    def set_session(self, session: ReviewSession | None) -> None:
        self._session = session
        self.reload()

    def on_changed(self, change: Change | None) -> None:
        if change is None or change.tables & _TABLES:
            self.reload()

    @property
    def lines(self) -> list[MemberStatus]:
        return list(self._lines)

    def reload(self) -> None:
        session = self._session
        clerk = is_clerk(session)
        self._lines = session.review.members_status() if session is not None and clerk else []
        chosen = self._current_key()
        self.table.clear()
        for line in self._lines:
            self.table.addTopLevelItem(self._row(line))
        for item in top_items(self.table):
            if self._key(item) == chosen:
                self.table.setCurrentItem(item)
        self.summary_label.setText(self._summary())
        self._show_last_import()
        self._update_buttons()

    def _row(self, line: MemberStatus) -> QTreeWidgetItem:
        name = line.name + (f" ({line.council})" if line.council else "")
        if line.received:
            if line.pack_received:
                views = self.tr("Received") if line.expected else self.tr("Received (not on the list)")
            elif line.expected:
                views = self.tr("On paper or by email")
            else:
                views = self.tr("On paper or by email (not on the list)")
            when = local_time(line.received_at or "")
            counts = [str(n) for n in (line.notes, line.questions, line.concerns, line.recommendations)]
        else:
            views, when, counts = self.tr("Not yet received"), "", ["", "", "", ""]
        item = QTreeWidgetItem([name, views, when, *counts])
        for column in range(3, 7):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if line.pack_received:
            tip = self.tr("Imported {imported}; the member made the pack {made}").format(
                imported=when, made=local_time(line.pack_created or "")
            )
            if line.entered:
                tip += "\n" + self.tr("{n} more entered by you, received on paper or by email").format(
                    n=line.entered
                )
            item.setToolTip(2, tip)
        elif line.received:
            item.setToolTip(
                2,
                self.tr("{n} views received on paper or by email, entered by you; the last on {when}").format(
                    n=line.entered, when=when
                ),
            )
        item.setData(0, ID_ROLE, line.roster_id)
        item.setData(0, MEMBER_ROLE, line.member_id)
        if not line.received:
            font = item.font(1)
            font.setItalic(True)
            item.setFont(1, font)
        spoken = (
            self.tr("{name}: {views} {when}; {notes} notes, {q} questions, {c} concerns, {r} recommendations")
            if line.received
            else self.tr("{name}: not yet received")
        )
        item.setData(
            0,
            Qt.ItemDataRole.AccessibleTextRole,
            spoken.format(
                name=name,
                views=views,
                when=when,
                notes=line.notes,
                q=line.questions,
                c=line.concerns,
                r=line.recommendations,
            ),
        )
        return item

    def _summary(self) -> str:
        session = self._session
        if session is None:
            return self.tr("Open the panel's review to see its members.")
        if not is_clerk(session):
            return self.tr("This is a member's review. The members list is for the clerk's review.")
        if not self._lines:
            return self.tr(
                "No members listed and no views received yet. Add the panel's members, then import "
                "the review packs they send you."
            )
        expected = [line for line in self._lines if line.expected]
        received = [line for line in expected if line.received]
        waiting = [line.name for line in expected if not line.received]
        extra = [line for line in self._lines if not line.expected]
        if expected:
            text = self.tr("{n} of {m} members have sent their views.").format(
                n=len(received), m=len(expected)
            )
        else:
            text = self.tr("Views received from {n} members.").format(n=len(extra))
        if waiting:
            text += " " + self.tr("Not yet received: {names}.").format(names=", ".join(waiting))
        if expected and extra:
            text += " " + self.tr("{n} not on the list.").format(n=len(extra))
        return text

    def _show_last_import(self) -> None:
        session = self._session
        records = session.review.imports() if session is not None and is_clerk(session) else []
        if not records:
            self.last_import_label.setText("")
            return
        last = records[-1]
        lines = [p.description for p in last.packs] or [last.label]  # notes from a file: no packs
        self.last_import_label.setText(
            self.tr("Last import, {when}: {what}").format(when=local_time(last.at), what=" ".join(lines))
        )

    # ----- the list -----------------------------------------------------------------------------
    @staticmethod
    def _key(item: QTreeWidgetItem | None) -> tuple[object, object] | None:
        if item is None:
            return None
        return (item.data(0, ID_ROLE), item.data(0, MEMBER_ROLE))

    def _current_key(self) -> tuple[object, object] | None:
        return self._key(self.table.currentItem())

    def _update_buttons(self) -> None:
        session = self._session
        can_edit = is_clerk(session) and writable(session)
        item = self.table.currentItem()
        self.import_button.setEnabled(can_edit)
        self.undo_button.setEnabled(can_edit and bool(session and session.review.imports()))
        self.add_button.setEnabled(can_edit)
        self.add_view_button.setEnabled(can_edit)
        self.remove_button.setEnabled(can_edit and item is not None and bool(item.data(0, ID_ROLE)))

    def _request_view(self) -> None:
        item = self.table.currentItem()
        chosen = None
        if item is not None:
            chosen = item.data(0, MEMBER_ROLE) or item.data(0, ID_ROLE)
        self.add_view_requested.emit(str(chosen) if chosen else None)

    def _on_activated(self, item: QTreeWidgetItem) -> None:
        member_id = item.data(0, MEMBER_ROLE)
        if member_id:
            self.member_chosen.emit(str(member_id))

    def add_member(self) -> None:
        session = self._session
        if session is None or not is_clerk(session):
            return
        dialog = AddMemberDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, council = dialog.name_edit.text(), dialog.council_edit.text().strip() or None
        session.run(lambda: session.review.add_expected_member(name, council=council))

    def remove_member(self) -> None:
        session, item = self._session, self.table.currentItem()
        roster_id = item.data(0, ID_ROLE) if item is not None else None
        if session is None or not roster_id:
            return
        session.run(lambda: session.review.remove_expected_member(str(roster_id)))
