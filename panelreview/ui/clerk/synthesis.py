"""The clerk's desk, Synthesis: everything members said, by section, then by kind, with counts.

"3 of 4 members" counts are out of the members list (or, with no list, the members whose views
arrived). Filters narrow it to one member or one kind. Choosing an item shows it in full (with its
replies) and Enter or a double-click goes to it in the draft. Ticked items, or a suggested group
of similar recommendations, become one of the panel's recommendations.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.errors import UserError
from panelreview.core.review import Annotation, Change, Recommendation, SectionRef
from panelreview.core.synthesis import KIND_ORDER, RECOMMENDATION, Synthesis
from panelreview.ui.clerk.common import (
    ID_ROLE,
    ITEM_ROLE,
    Item,
    author_name,
    children,
    item_icon,
    item_kind_label,
    item_text,
    item_type,
    kind_name_icon,
    top_items,
    tr,
)
from panelreview.ui.clerk.compose import compose_panel_recommendation
from panelreview.ui.common.labels import shorten, vertical_splitter, visibility_label
from panelreview.ui.session.review_session import ReviewSession

_ALWAYS = {"annotations", "replies", "roster", "imports", "members", "checklist_decisions"}


def what_changed(change: Change, owner_id: str) -> tuple[bool, bool]:
    """Whether ``change`` alters what members said (the tree) and the merge suggestions.

    The clerk's own edits to the panel's recommendations (typing their wording, numbering them)
    change neither, so they never make the desk re-read every member's item.
    """
    members_recs = any(
        r.table == "recommendations"
        and any(row is not None and row.get("author_id") != owner_id for row in (r.before, r.after))
        for r in change.rows
    )
    merged = any(
        r.table == "recommendation_links"
        and any(row is not None and row.get("source_recommendation_id") for row in (r.before, r.after))
        for r in change.rows
    )
    tree = bool(change.tables & _ALWAYS) or members_recs
    return tree, members_recs or merged or "imports" in change.tables


def members_text(n: int, total: int) -> str:
    """ "3 of 4 members" (or "3 members" when the total is not known)."""
    if total and total >= n:
        return (
            tr("{n} of {m} members").format(n=n, m=total) if total != 1 else tr("{n} of 1 member").format(n=n)
        )
    return tr("1 member") if n == 1 else tr("{n} members").format(n=n)


def kind_heading(kind: str) -> str:
    return {
        "question": tr("Questions"),
        "concern": tr("Concerns"),
        RECOMMENDATION: tr("Recommendations"),
        "comment": tr("Comments"),
        "support": tr("Support"),
        "highlight": tr("Highlights"),
    }.get(kind, kind.title())


class SynthesisTab(QWidget):
    jump_requested = Signal(object)  # the Item to show in the draft
    panel_recommendation_created = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clerk_synthesis")
        self._session: ReviewSession | None = None
        self._items: dict[str, Item] = {}
        self.synthesis: Synthesis | None = None
        self._stale_tree = self._stale_suggestions = False
        self._by_clerk: frozenset[str] = frozenset()  # authors standing for members (views on paper)

        self.member_combo = QComboBox()
        self.member_combo.setObjectName("synthesis_member")
        self.member_combo.setAccessibleName(self.tr("Show what this member said"))
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("synthesis_kind")
        self.kind_combo.setAccessibleName(self.tr("Show this kind only"))
        self.kind_combo.addItem(self.tr("Every kind"), None)
        for kind in KIND_ORDER:
            self.kind_combo.addItem(kind_name_icon(kind), kind_heading(kind), kind)
        self.level_combo = QComboBox()
        self.level_combo.setAccessibleName(self.tr("Group by"))
        self.level_combo.addItem(self.tr("Every section"), None)
        self.level_combo.addItem(self.tr("Main parts of the draft"), 1)
        for combo in (self.member_combo, self.kind_combo, self.level_combo):
            combo.currentIndexChanged.connect(lambda _i: self.refresh(suggestions=False))
        self.headline_label = QLabel()
        self.headline_label.setObjectName("synthesis_headline")
        self.headline_label.setWordWrap(True)

        self.tree = QTreeWidget()
        self.tree.setObjectName("synthesis_tree")
        self.tree.setAccessibleName(self.tr("What members said, by section and kind"))
        self.tree.setAccessibleDescription(
            self.tr(
                "Press Enter on an item to go to it in the draft; Space ticks it for a panel recommendation"
            )
        )
        self.tree.setHeaderHidden(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.currentItemChanged.connect(self._on_current_changed)
        self.tree.itemActivated.connect(self._on_activated)
        self.tree.itemClicked.connect(self._on_activated)  # as in the Notes panel: show it in the draft
        self.tree.itemChanged.connect(lambda *_: self._update_buttons())
        self.detail = QTextBrowser()
        self.detail.setObjectName("synthesis_detail")
        self.detail.setAccessibleName(self.tr("The chosen item, as the member wrote it"))
        self.go_button = QPushButton(self.tr("&Go to it in the draft"))
        self.go_button.clicked.connect(self.go_to_current)
        self.compose_button = QPushButton(self.tr("New panel recommendation from &ticked items…"))
        self.compose_button.setAccessibleDescription(
            self.tr("Tick members' items first; their recommendations propose it, their notes support it")
        )
        self.compose_button.clicked.connect(self.compose_from_ticked)

        self.suggestions = QListWidget()
        self.suggestions.setObjectName("merge_suggestions")
        self.suggestions.setAccessibleName(self.tr("Similar recommendations you may want to merge"))
        self.suggestions.setWordWrap(True)
        self.suggestions.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.merge_button = QPushButton(self.tr("Merge &into one panel recommendation…"))
        self.merge_button.clicked.connect(self.merge_current_suggestion)
        self.suggestions_box = QGroupBox(self.tr("Similar recommendations"))
        box_layout = QVBoxLayout(self.suggestions_box)
        box_layout.addWidget(self.suggestions, 1)
        merge_row = QHBoxLayout()
        merge_row.addStretch(1)
        merge_row.addWidget(self.merge_button)
        box_layout.addLayout(merge_row)

        filters = QHBoxLayout()
        for text, combo in (
            (self.tr("Mem&ber:"), self.member_combo),
            (self.tr("&Kind:"), self.kind_combo),
            (self.tr("Sho&w:"), self.level_combo),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo, 1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.headline_label)
        top_layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.go_button)
        buttons.addStretch(1)
        buttons.addWidget(self.compose_button)
        top_layout.addLayout(buttons)
        self.splitter = vertical_splitter((top, 5), (self.detail, 2), (self.suggestions_box, 2))
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.refresh()

    # ----- input --------------------------------------------------------------------------------
    def set_session(self, session: ReviewSession | None) -> None:
        self._session = session
        with QSignalBlocker(self.member_combo):
            self.member_combo.setCurrentIndex(0)
        self.on_changed(None)

    def on_changed(self, change: Change | None) -> None:
        """Refresh what ``change`` touched, now if the tab is showing, else when it is next shown
        (re-reading a panel's 10,000 notes takes about a second)."""
        session = self._session
        if change is None or session is None:
            tree = suggestions = True
        else:
            tree, suggestions = what_changed(change, session.review.owner_id)
        self._stale_tree |= tree
        self._stale_suggestions |= suggestions
        if self.isVisible():
            self._refresh_stale()

    def showEvent(self, event: QShowEvent) -> None:
        self._refresh_stale()
        super().showEvent(event)

    def _refresh_stale(self) -> None:
        if self._stale_tree or self._stale_suggestions:
            self.refresh(tree=self._stale_tree, suggestions=self._stale_suggestions)

    def show_member(self, member_id: str) -> None:
        self._refresh_stale()  # the members to choose from are up to date
        index = self.member_combo.findData(member_id)
        if index >= 0:
            self.member_combo.setCurrentIndex(index)

    def refresh(self, *, tree: bool = True, suggestions: bool = True) -> None:
        session = self._session
        self._by_clerk = session.review.entered_by_clerk() if session is not None else frozenset()
        if tree:
            self._stale_tree = False
            self._fill_members()
            if session is None:
                self.synthesis = None
                self._items = {}
            else:
                member = self.member_combo.currentData()
                kind = self.kind_combo.currentData()
                self.synthesis = session.review.synthesis(
                    kinds=[kind] if kind else None,
                    member_ids=[member] if member else None,
                    level=self.level_combo.currentData(),
                )
            self._fill_tree()
        if suggestions:
            self._stale_suggestions = False
            self._fill_suggestions()
        self._update_buttons()

    def _fill_members(self) -> None:
        session = self._session
        chosen = self.member_combo.currentData()
        with QSignalBlocker(self.member_combo):
            self.member_combo.clear()
            self.member_combo.addItem(self.tr("Everyone"), None)
            if session is not None:
                for line in session.review.members_status():
                    if line.received and line.member_id:
                        self.member_combo.addItem(line.name, line.member_id)
            index = self.member_combo.findData(chosen)
            self.member_combo.setCurrentIndex(max(index, 0))

    def _fill_tree(self) -> None:
        ticked = set(self.ticked_ids())
        current = self.current_item()
        synthesis = self.synthesis
        self._items = {}
        with QSignalBlocker(self.tree):
            self.tree.clear()
            if synthesis is None:
                self.headline_label.setText(self.tr("Open the panel's review to see what members said."))
                return
            total = synthesis.total_members
            parts = len(synthesis.sections)
            self.headline_label.setText(
                self.tr("{members} commented on {n} parts of the draft.").format(
                    members=members_text(len(synthesis.members), total), n=parts
                )
                if parts
                else self.tr("Nothing to show yet: import members' reviews, or choose other filters.")
            )
            bold = QFont(self.tree.font())
            bold.setBold(True)
            for part in synthesis.sections:
                label = part.section.label if part.section.title else self.tr("The draft as a whole")
                if part.parent:  # a title that recurs under each priority: say which one
                    label = self.tr("{section} (in {part})").format(section=label, part=part.parent)
                section_text = self.tr("{section} — {members}").format(
                    section=label, members=members_text(len(part.members), total)
                )
                node = QTreeWidgetItem([section_text])
                node.setFont(0, bold)
                node.setToolTip(0, section_text)
                self.tree.addTopLevelItem(node)
                for group in part.groups:
                    group_text = self.tr("{kind} — {members}").format(
                        kind=kind_heading(group.kind), members=members_text(len(group.members), total)
                    )
                    kind_node = QTreeWidgetItem(node, [group_text])
                    kind_node.setIcon(0, kind_name_icon(group.kind))
                    for entry in group.items:
                        self._items[entry.id] = entry
                        self._leaf(kind_node, entry, entry.id in ticked)
                node.setExpanded(True)
                for child in children(node):
                    child.setExpanded(True)
            self._fill_checklist(bold)
        if current is not None:
            self.select(current.id)

    def _fill_checklist(self, bold: QFont) -> None:
        """Members' views of the statutory checklist: how many marked each item missing or weak."""
        session = self._session
        if session is None or not session.review.checklist_decisions():
            return
        try:
            tallies = session.review.checklist_tally()
        except UserError:
            return
        node = QTreeWidgetItem([self.tr("Statutory checklist — members' views")])
        node.setFont(0, bold)
        self.tree.addTopLevelItem(node)
        for tally in tallies:
            text = self.tr("{item}: {views}").format(item=tally.title, views=tally.headline)
            line = QTreeWidgetItem(node, [text])
            line.setToolTip(0, text)
            for view in tally.views:
                note = f" — {view.note}" if view.note else ""
                decision = {
                    "confirmed": self.tr("confirmed"),
                    "changed": self.tr("pointed to other sections"),
                    "weak": self.tr("weak"),
                    "missing": self.tr("missing"),
                }.get(view.decision, view.decision)
                who = author_name(view.author, self._by_clerk)
                QTreeWidgetItem(line, [self.tr("{member}: {view}").format(member=who, view=decision) + note])
        node.setExpanded(True)

    def _leaf(self, parent: QTreeWidgetItem, entry: Item, ticked: bool) -> None:
        replies = len(entry.replies) if isinstance(entry, Annotation) else 0
        author = author_name(entry.author, self._by_clerk)
        text = f"{author}: {shorten(item_text(entry), 150)}"
        if replies:
            text += "  " + (
                self.tr("(1 reply)") if replies == 1 else self.tr("({n} replies)").format(n=replies)
            )
        leaf = QTreeWidgetItem(parent, [text])
        leaf.setIcon(0, item_icon(entry))
        leaf.setToolTip(0, item_text(entry))
        leaf.setData(0, ITEM_ROLE, (item_type(entry), entry.id))
        leaf.setData(
            0,
            Qt.ItemDataRole.AccessibleTextRole,
            f"{item_kind_label(entry)}, {author}: {item_text(entry)}",
        )
        leaf.setFlags(leaf.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        leaf.setCheckState(0, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def _fill_suggestions(self) -> None:
        session = self._session
        self.suggestions.clear()
        found = session.review.merge_suggestions() if session is not None else []
        wording = {r.id: r for r in session.review.recommendations()} if session is not None else {}
        for suggestion in found:
            recs = [wording[i] for i in suggestion.ids if i in wording]
            if len(recs) < 2:
                continue
            where = session.section_name(recs[0].section) if session is not None else recs[0].section.label
            lines = [self.tr("{n} members worded alike on {where}:").format(n=len(recs), where=where)]
            lines += [f"• {author_name(r.author, self._by_clerk)}: {shorten(r.wording, 140)}" for r in recs]
            entry = QListWidgetItem("\n".join(lines))
            entry.setData(ID_ROLE, tuple(r.id for r in recs))
            self.suggestions.addItem(entry)
        count = self.suggestions.count()
        self.suggestions_box.setTitle(
            self.tr("Similar recommendations you may want to merge ({n})").format(n=count)
            if count
            else self.tr("Similar recommendations: none found")
        )

    # ----- reading ------------------------------------------------------------------------------
    def items(self) -> list[Item]:
        return list(self._items.values())

    def _leaf_item(self, tree_item: QTreeWidgetItem | None) -> Item | None:
        value = tree_item.data(0, ITEM_ROLE) if tree_item is not None else None
        return self._items.get(value[1]) if value else None

    def current_item(self) -> Item | None:
        return self._leaf_item(self.tree.currentItem())

    def leaves(self) -> list[QTreeWidgetItem]:
        return [leaf for node in top_items(self.tree) for group in children(node) for leaf in children(group)]

    def select(self, item_id: str) -> bool:
        for leaf in self.leaves():
            if leaf.data(0, ITEM_ROLE)[1] == item_id:
                self.tree.setCurrentItem(leaf)
                return True
        return False

    def tick(self, item_id: str, ticked: bool = True) -> None:
        for leaf in self.leaves():
            if leaf.data(0, ITEM_ROLE)[1] == item_id:
                leaf.setCheckState(0, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def ticked_ids(self) -> list[str]:
        return [
            str(leaf.data(0, ITEM_ROLE)[1])
            for leaf in self.leaves()
            if leaf.checkState(0) == Qt.CheckState.Checked
        ]

    def _on_current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        self._show_detail(self._leaf_item(current))
        self._update_buttons()

    def _section_name(self, section: SectionRef) -> str:
        return self._session.section_name(section) if self._session is not None else section.label

    def _show_detail(self, entry: Item | None) -> None:
        if entry is None:
            self.detail.setHtml(
                "<p>" + html.escape(self.tr("Choose an item to read it in full, with any replies.")) + "</p>"
            )
            return
        esc = html.escape
        parts = [
            f"<p><b>{esc(item_kind_label(entry))}</b> — {esc(author_name(entry.author, self._by_clerk))}"
            f" — {esc(visibility_label(entry.visibility))}</p>",
            f"<p>{esc(self.tr('On:'))} {esc(self._section_name(entry.section))}</p>",
        ]
        if entry.anchor.quote:
            parts.append(f"<blockquote>“{esc(entry.anchor.quote)}”</blockquote>")
        parts.append("<p>" + esc(item_text(entry)).replace("\n", "<br>") + "</p>")
        if isinstance(entry, Recommendation) and entry.rationale:
            parts.append(f"<p><i>{esc(self.tr('Reasons:'))}</i> {esc(entry.rationale)}</p>")
        if isinstance(entry, Annotation) and entry.replies:
            parts.append(f"<p><i>{esc(self.tr('Replies:'))}</i></p><ul>")
            parts += [f"<li>{esc(r.author.name)}: {esc(r.body)}</li>" for r in entry.replies]
            parts.append("</ul>")
        self.detail.setHtml("".join(parts))

    def _on_activated(self, tree_item: QTreeWidgetItem) -> None:
        entry = self._leaf_item(tree_item)
        if entry is not None:
            self.jump_requested.emit(entry)

    def go_to_current(self) -> None:
        entry = self.current_item()
        if entry is not None:
            self.jump_requested.emit(entry)

    def _update_buttons(self) -> None:
        session = self._session
        can_edit = session is not None and not session.read_only
        self.go_button.setEnabled(self.current_item() is not None)
        self.compose_button.setEnabled(can_edit and bool(self.ticked_ids()))
        self.merge_button.setEnabled(can_edit and self.suggestions.currentItem() is not None)

    # ----- building the panel's recommendations ------------------------------------------------
    def compose_from_ticked(self) -> str | None:
        session = self._session
        chosen = [self._items[i] for i in self.ticked_ids() if i in self._items]
        if session is None or not chosen:
            return None
        new_id = compose_panel_recommendation(self, session, chosen)
        if new_id is not None:
            for item in chosen:
                self.tick(item.id, False)
            self.panel_recommendation_created.emit(new_id)
        return new_id

    def merge_current_suggestion(self) -> str | None:
        session, entry = self._session, self.suggestions.currentItem()
        if session is None or entry is None:
            return None
        ids = entry.data(ID_ROLE)
        recs = {r.id: r for r in session.review.recommendations()}
        chosen: list[Item] = [recs[i] for i in ids if i in recs]
        new_id = compose_panel_recommendation(self, session, chosen)
        if new_id is not None:
            self.panel_recommendation_created.emit(new_id)
        return new_id
