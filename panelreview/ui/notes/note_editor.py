"""Edit one note in place: its text, kind, visibility and tags, and its replies.

Nothing needs saving by hand. Kind and visibility are saved when chosen, tags when you leave the
box, the text a moment after you stop typing (and when you leave it); a typing session is one undo
step. If a save fails, what you typed stays in the box and the reason is shown above it.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.review import Annotation, Kind, Visibility
from panelreview.ui.common.autosave_text import AutoSaveText
from panelreview.ui.common.kind_style import kind_label
from panelreview.ui.common.labels import (
    fill_kinds,
    fill_visibilities,
    local_time,
    select_data,
    shorten,
    shrinkable,
)
from panelreview.ui.notes.note_dialog import ERROR_STYLE, parse_tags
from panelreview.ui.session.review_session import ReviewSession

REPLY_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def when(timestamp: str) -> str:
    return local_time(timestamp) if timestamp else ""


class NoteEditor(QWidget):
    delete_requested = Signal(str)  # annotation id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("note_editor")
        self._session: ReviewSession | None = None
        self.note: Annotation | None = None
        self._loading = False

        self.header = QLabel()
        self.header.setObjectName("note_header")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        header_font = self.header.font()
        header_font.setBold(True)
        self.header.setFont(header_font)
        self.error_label = QLabel()
        self.error_label.setObjectName("error_label")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()

        self.body_edit = AutoSaveText(self._save_body)
        self.body_edit.setObjectName("note_body_editor")
        self.body_edit.setAccessibleName(self.tr("Note text"))
        self.body_edit.setAccessibleDescription(self.tr("Changes are saved as you type"))
        self.body_edit.setMinimumHeight(70)

        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Kind of note"))
        fill_kinds(shrinkable(self.kind_combo))
        self.kind_combo.activated.connect(self._on_kind_chosen)
        self.visibility_combo = QComboBox()
        self.visibility_combo.setAccessibleName(self.tr("Who can see it"))
        fill_visibilities(shrinkable(self.visibility_combo))
        self.visibility_combo.activated.connect(self._on_visibility_chosen)
        self.tags_edit = QLineEdit()
        self.tags_edit.setAccessibleName(self.tr("Tags"))
        self.tags_edit.setPlaceholderText(self.tr("Separated by commas"))
        self.tags_edit.editingFinished.connect(self._on_tags_edited)
        self.delete_button = QPushButton(self.tr("&Delete note"))
        self.delete_button.setAccessibleDescription(self.tr("Delete this note (you can undo it)"))
        self.delete_button.clicked.connect(self._on_delete)

        self.replies = QListWidget()
        self.replies.setObjectName("reply_list")
        self.replies.setAccessibleName(self.tr("Replies"))
        self.replies.setWordWrap(True)
        self.replies.setMaximumHeight(120)
        self.replies.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.replies.customContextMenuRequested.connect(self._reply_menu)
        self.reply_edit = QLineEdit()
        self.reply_edit.setObjectName("reply_edit")
        self.reply_edit.setAccessibleName(self.tr("Your reply"))
        self.reply_edit.setPlaceholderText(self.tr("Write a reply and press Enter"))
        self.reply_edit.returnPressed.connect(self.add_reply)
        self.reply_button = QPushButton(self.tr("&Reply"))
        self.reply_button.clicked.connect(self.add_reply)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Kind:"), self.kind_combo)
        form.addRow(self.tr("&Who can see it:"), self.visibility_combo)
        form.addRow(self.tr("&Tags:"), self.tags_edit)
        reply_row = QHBoxLayout()
        reply_row.addWidget(self.reply_edit, 1)
        reply_row.addWidget(self.reply_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.delete_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header)
        layout.addWidget(self.error_label)
        layout.addWidget(self.body_edit, 2)
        layout.addLayout(form)
        self.replies_label = QLabel(self.tr("Replies"))
        layout.addWidget(self.replies_label)
        layout.addWidget(self.replies, 1)
        layout.addLayout(reply_row)
        layout.addLayout(bottom)
        self.show_note(None)

    # ----- showing ------------------------------------------------------------------------------
    def set_session(self, session: ReviewSession | None) -> None:
        self._session = session

    def _section_name(self, note: Annotation) -> str:
        return (
            self._session.section_name(note.section, note.anchor)
            if self._session is not None
            else note.section.label
        )
        self.show_note(None)

    def show_note(self, note: Annotation | None) -> None:
        """Show ``note`` (or nothing); a refresh of the note being typed in keeps the typing."""
        same = note is not None and self.note is not None and note.id == self.note.id
        if not same:
            self.commit_body()
            self.error_label.hide()
        self.note = note
        self._loading = True
        try:
            self._fill(note, same)
        finally:
            self._loading = False
        self.setEnabled(note is not None)

    def _fill(self, note: Annotation | None, same: bool) -> None:
        editable = note is not None and self._editable(note)
        if note is None:
            self.header.setText(self.tr("Choose a note in the list to see it here."))
            self.body_edit.load("", force=True)
            self.tags_edit.clear()
            self.replies.clear()
            return
        where = "“" + shorten(note.anchor.quote, 70) + "”" if note.anchor.quote else self._section_name(note)
        self.header.setText(
            self.tr("{kind} by {author}, {when}\non {where}").format(
                kind=kind_label(note.kind), author=note.author.name, when=when(note.created), where=where
            )
        )
        self.body_edit.load(note.body, force=not same)  # a refresh keeps unsaved typing
        self.body_edit.setReadOnly(not editable)
        self.body_edit.setPlaceholderText(
            self.tr("A highlight needs no text, but you can add some.") if note.kind is Kind.HIGHLIGHT else ""
        )
        select_data(self.kind_combo, note.kind.value)
        select_data(self.visibility_combo, note.visibility.value)
        if not (same and self.tags_edit.hasFocus()):
            self.tags_edit.setText(", ".join(note.tags))
        for widget in (self.kind_combo, self.visibility_combo, self.tags_edit, self.delete_button):
            widget.setEnabled(editable)
        self._fill_replies(note)

    def _fill_replies(self, note: Annotation) -> None:
        self.replies.clear()
        for reply in note.replies:
            item = QListWidgetItem(f"{reply.author.name} · {when(reply.created)}\n{reply.body}")
            item.setData(REPLY_ID_ROLE, reply.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{reply.author.name}: {reply.body}")
            self.replies.addItem(item)
        self.replies_label.setText(
            self.tr("Replies ({n})").format(n=len(note.replies)) if note.replies else self.tr("Replies")
        )
        can_reply = self._session is not None and not self._session.read_only
        self.reply_edit.setEnabled(can_reply)
        self.reply_button.setEnabled(can_reply)

    def _editable(self, note: Annotation) -> bool:
        session = self._session
        return session is not None and not session.read_only and note.author.id == session.owner_id

    # ----- saving -------------------------------------------------------------------------------
    def has_unsaved_text(self) -> bool:
        return self.note is not None and self.body_edit.dirty

    def commit_body(self) -> bool:
        """Save the text typed so far; False (text kept, reason shown) if it could not be saved."""
        return self.body_edit.commit()

    def _save_body(self, text: str) -> bool:
        note, session = self.note, self._session
        if note is None or session is None:
            return True
        change = session.run(
            lambda: session.review.edit_annotation(note.id, body=text), merge_key=f"body:{note.id}"
        )
        if change is None:
            self.error_label.setText(session.last_error)
            self.error_label.show()
            return False
        self.error_label.hide()
        return True

    def _edit(self, **fields: object) -> None:
        note, session = self.note, self._session
        if note is None or session is None or self._loading:
            return
        self.commit_body()
        change = session.run(lambda: session.review.edit_annotation(note.id, **fields))  # type: ignore[arg-type]
        if change is None:
            self.error_label.setText(session.last_error)
            self.error_label.show()
            self.show_note(self.note)  # back to what is saved
        else:
            self.error_label.hide()

    def _on_kind_chosen(self, _index: int) -> None:
        if self.note is not None and self.kind_combo.currentData() != self.note.kind.value:
            self._edit(kind=Kind(str(self.kind_combo.currentData())))

    def _on_visibility_chosen(self, _index: int) -> None:
        if self.note is not None and self.visibility_combo.currentData() != self.note.visibility.value:
            self._edit(visibility=Visibility(str(self.visibility_combo.currentData())))

    def _on_tags_edited(self) -> None:
        tags = parse_tags(self.tags_edit.text())
        if self.note is not None and tags != self.note.tags:
            self._edit(tags=tags)

    def _on_delete(self) -> None:
        if self.note is not None:
            self.delete_requested.emit(self.note.id)

    # ----- replies ------------------------------------------------------------------------------
    def add_reply(self) -> None:
        note, session = self.note, self._session
        text = self.reply_edit.text().strip()
        if note is None or session is None or not text:
            return
        if session.run(lambda: session.review.add_reply(note.id, text)) is None:
            self.error_label.setText(session.last_error)
            self.error_label.show()
            return  # the reply stays in the box
        self.reply_edit.clear()

    def _reply_menu(self, pos: QPoint) -> None:
        item = self.replies.itemAt(pos)  # viewport coordinates, as scroll areas report them
        session, note = self._session, self.note
        if item is None or session is None or note is None or session.read_only:
            return
        reply_id = str(item.data(REPLY_ID_ROLE))
        reply = next((r for r in note.replies if r.id == reply_id), None)
        if reply is None or reply.author.id != session.owner_id:
            return
        menu = QMenu(self)
        edit = menu.addAction(self.tr("Edit reply…"))
        delete = menu.addAction(self.tr("Delete reply"))
        chosen = menu.exec(self.replies.viewport().mapToGlobal(pos))
        if chosen is edit:
            text, ok = QInputDialog.getMultiLineText(
                self, self.tr("Edit reply"), self.tr("Reply:"), reply.body
            )
            if ok and text.strip() and text != reply.body:
                session.run(lambda: session.review.edit_reply(reply_id, text.strip()))
        elif chosen is delete:
            session.run(lambda: session.review.delete_reply(reply_id))
