"""The Notes panel: the current section's notes or all of them, filtered, with the editor below.

Choosing a note in the list shows it in the editor and takes the document there. The list
refreshes when a change touches notes or replies, and keeps the chosen note chosen.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.review import Annotation, Change, Kind, Visibility
from panelreview.ui.common.kind_style import kind_label
from panelreview.ui.common.labels import (
    count_text,
    kind_icon,
    scrolling,
    shorten,
    shrinkable,
    visibility_label,
    visibility_short,
)
from panelreview.ui.notes.note_editor import NoteEditor
from panelreview.ui.session.review_session import ReviewSession

NOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SCOPE_SECTION, SCOPE_ALL = "section", "all"


def note_matches(note: Annotation, text: str, section_name: str = "") -> bool:
    wanted = text.casefold()
    haystack = " ".join([note.body, note.anchor.quote or "", note.section.label, section_name, *note.tags])
    haystack += " " + " ".join(r.body for r in note.replies)
    return all(word in haystack.casefold() for word in wanted.split())


class NotesPanel(QDockWidget):
    note_activated = Signal(str)  # the member chose a note: go to it
    current_note_changed = Signal(object)  # str | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Notes"), parent)
        self.setObjectName("notes_dock")
        self._session: ReviewSession | None = None
        self._notes: list[Annotation] = []
        self._section_id: int | None = None

        self.scope_combo = QComboBox()
        self.scope_combo.setObjectName("notes_scope")
        self.scope_combo.setAccessibleName(self.tr("Which notes to list"))
        self.scope_combo.addItem(self.tr("This section"), SCOPE_SECTION)
        self.scope_combo.addItem(self.tr("All notes"), SCOPE_ALL)
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Show notes of this kind"))
        self.kind_combo.addItem(self.tr("Any kind"), None)
        for kind in Kind:
            self.kind_combo.addItem(kind_icon(kind), kind_label(kind), kind.value)
        self.visibility_combo = QComboBox()
        self.visibility_combo.setAccessibleName(self.tr("Show notes with this visibility"))
        self.visibility_combo.addItem(self.tr("Any visibility"), None)
        for visibility in Visibility:
            self.visibility_combo.addItem(visibility_label(visibility), visibility.value)
        self.author_combo = QComboBox()
        self.author_combo.setAccessibleName(self.tr("Show notes by"))
        self.author_combo.addItem(self.tr("Everyone"), None)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("notes_filter")
        self.filter_edit.setPlaceholderText(self.tr("Filter by text"))
        self.filter_edit.setAccessibleName(self.tr("Filter notes by text"))
        self.filter_edit.setClearButtonEnabled(True)
        for combo in (self.scope_combo, self.kind_combo, self.visibility_combo, self.author_combo):
            shrinkable(combo)
            combo.currentIndexChanged.connect(self.refresh)
        self.filter_edit.textChanged.connect(self.refresh)

        self.list = QListWidget()
        self.list.setObjectName("notes_list")
        self.list.setAccessibleName(self.tr("Notes"))
        self.list.setAccessibleDescription(self.tr("Press Enter on a note to go to it in the draft"))
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.list.itemActivated.connect(self._on_activated)
        self.list.itemClicked.connect(self._on_activated)
        self.count_label = QLabel()
        self.count_label.setObjectName("notes_count")
        self.count_label.setWordWrap(True)

        self.editor = NoteEditor()
        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.scope_combo, 0, 0)
        filters.addWidget(self.kind_combo, 0, 1)
        filters.addWidget(self.visibility_combo, 1, 0)
        filters.addWidget(self.author_combo, 1, 1)
        filters.addWidget(self.filter_edit, 2, 0, 1, 2)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(6, 6, 6, 0)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.list, 1)
        top_layout.addWidget(self.count_label)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("notes_splitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(scrolling(self.editor))
        # Shared evenly; on a small screen the editor scrolls rather than squeezing the list away.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setWidget(self.splitter)
        self.setMinimumWidth(300)
        self.refresh()

    # ----- input --------------------------------------------------------------------------------
    def set_session(self, session: ReviewSession | None) -> None:
        self.editor.set_session(session)
        self._session = session
        self.reload()

    def set_current_section(self, section_id: int | None) -> None:
        if section_id == self._section_id:
            return
        self._section_id = section_id
        if self.scope_combo.currentData() == SCOPE_SECTION:
            self.refresh()

    def on_changed(self, change: Change) -> None:
        if change.tables & {"annotations", "replies", "members"}:
            self.reload()

    def reload(self) -> None:
        """Read the notes again from the review (they are few: this is quick)."""
        session = self._session
        self._notes = session.review.annotations(draft_id=session.review.current_draft_id) if session else []
        self._fill_authors()
        self.refresh()

    @property
    def notes(self) -> list[Annotation]:
        return list(self._notes)

    def _fill_authors(self) -> None:
        chosen = self.author_combo.currentData()
        authors = {n.author.id: n.author.name for n in self._notes}
        with QSignalBlocker(self.author_combo):
            self.author_combo.clear()
            self.author_combo.addItem(self.tr("Everyone"), None)
            for author_id, name in sorted(authors.items(), key=lambda item: item[1].casefold()):
                self.author_combo.addItem(name, author_id)
            index = self.author_combo.findData(chosen)
            self.author_combo.setCurrentIndex(max(0, index))

    # ----- the list -----------------------------------------------------------------------------
    def visible_notes(self) -> list[Annotation]:
        scope = self.scope_combo.currentData()
        kind, visibility = self.kind_combo.currentData(), self.visibility_combo.currentData()
        author, text = self.author_combo.currentData(), self.filter_edit.text().strip()
        return [
            n
            for n in self._notes
            if (scope == SCOPE_ALL or n.anchor.section_id == self._section_id)
            and (kind is None or n.kind.value == kind)
            and (visibility is None or n.visibility.value == visibility)
            and (author is None or n.author.id == author)
            and (not text or note_matches(n, text, self.section_name(n)))
        ]

    def refresh(self) -> None:
        chosen = self.current_note_id()
        shown = self.visible_notes()
        with QSignalBlocker(self.list):
            self.list.clear()
            for note in shown:
                self.list.addItem(self._item(note))
            row = next((i for i, n in enumerate(shown) if n.id == chosen), -1)
            self.list.setCurrentRow(row)
        self.count_label.setText(self._count_text(len(shown)))
        current = next((n for n in shown if n.id == chosen), None)
        self.editor.show_note(current)
        if current is None and chosen is not None:
            self.current_note_changed.emit(None)

    def _count_text(self, shown: int) -> str:
        if self._session is None:
            return self.tr("Open a draft to write notes.")
        total = len(self._notes)
        if not total:
            return self.tr("No notes yet. Select text in the draft and choose a kind of note.")
        if self.scope_combo.currentData() == SCOPE_SECTION and not shown:
            return self.tr("No notes in this section ({total} in all).").format(total=total)
        return self.tr("{shown} of {total} notes").format(shown=shown, total=total)

    def section_name(self, note: Annotation) -> str:
        """The note's section, with its parent and page where its title recurs."""
        return (
            self._session.section_name(note.section, note.anchor)
            if self._session is not None
            else note.section.label
        )

    def _item(self, note: Annotation) -> QListWidgetItem:
        where = "“" + shorten(note.anchor.quote, 80) + "”" if note.anchor.quote else self.section_name(note)
        first = f"{kind_label(note.kind)} · {visibility_short(note.visibility)} · {note.author.name}"
        if note.replies:
            first += " · " + count_text(len(note.replies), self.tr("1 reply"), self.tr("{n} replies"))
        lines = [first, where]
        if note.body.strip():
            lines.append(shorten(note.body, 120))
        item = QListWidgetItem(kind_icon(note.kind), "\n".join(lines))
        item.setData(NOTE_ID_ROLE, note.id)
        item.setToolTip(note.body or kind_label(note.kind))
        spoken = self.tr("{kind} by {author} on {where}: {body}").format(
            kind=kind_label(note.kind), author=note.author.name, where=where, body=note.body
        )
        item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
        return item

    def current_note_id(self) -> str | None:
        item = self.list.currentItem()
        value = item.data(NOTE_ID_ROLE) if item is not None else None
        return str(value) if value is not None else None

    def note(self, note_id: str) -> Annotation | None:
        return next((n for n in self._notes if n.id == note_id), None)

    def select_note(self, note_id: str) -> bool:
        """Choose a note in the list, widening the filters if it is hidden by them."""
        if self.note(note_id) is None:
            return False
        if all(n.id != note_id for n in self.visible_notes()):
            with QSignalBlocker(self.scope_combo):
                self.scope_combo.setCurrentIndex(self.scope_combo.findData(SCOPE_ALL))
            for combo in (self.kind_combo, self.visibility_combo, self.author_combo):
                with QSignalBlocker(combo):
                    combo.setCurrentIndex(0)
            with QSignalBlocker(self.filter_edit):
                self.filter_edit.clear()
            self.refresh()
        for row in range(self.list.count()):
            if self.list.item(row).data(NOTE_ID_ROLE) == note_id:
                self.list.setCurrentRow(row)
                self.list.scrollToItem(self.list.item(row))
                return True
        return False

    def _on_current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        note_id = current.data(NOTE_ID_ROLE) if current is not None else None
        self.editor.show_note(self.note(str(note_id)) if note_id is not None else None)
        self.current_note_changed.emit(str(note_id) if note_id is not None else None)

    def _on_activated(self, item: QListWidgetItem) -> None:
        value = item.data(NOTE_ID_ROLE)
        if value is not None:
            self.note_activated.emit(str(value))
