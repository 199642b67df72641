"""What the clerk's desk modules share: names on screen, dates, items and the current session.

The clerk's desk shows members' notes and recommendations exactly as they wrote them; the clerk's
own words are separate rows (the panel's recommendations). Everything here is display only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from panelreview.core.clerk import SourceRole
from panelreview.core.errors import UserError
from panelreview.core.review import Annotation, Change, Kind, Member, PanelStatus, Recommendation, Role
from panelreview.ui.common.kind_style import is_dark, kind_label, recommendation_label
from panelreview.ui.common.labels import kind_icon
from panelreview.ui.notes.note_dialog import ERROR_STYLE
from panelreview.ui.session.review_session import ReviewSession

ITEM_ROLE = Qt.ItemDataRole.UserRole + 11  # ("annotation" | "recommendation", id)
ID_ROLE = Qt.ItemDataRole.UserRole + 12  # an id (member, recommendation, roster entry)
ISO_FORMAT = "yyyy-MM-dd"
DISPLAY_FORMAT = "d MMMM yyyy"

Item = Annotation | Recommendation
SessionProvider = Callable[[], ReviewSession | None]


def tr(text: str) -> str:
    return QCoreApplication.translate("clerk", text)


def is_clerk(session: ReviewSession | None) -> bool:
    """Whether the open review is a clerk's (the panel's review that combines members' views)."""
    return session is not None and session.review.owner.role is Role.CLERK


def writable(session: ReviewSession | None) -> bool:
    return session is not None and not session.read_only


def item_type(item: Item) -> str:
    return "annotation" if isinstance(item, Annotation) else "recommendation"


def item_text(item: Item) -> str:
    return item.body if isinstance(item, Annotation) else item.wording


def item_kind_label(item: Item) -> str:
    return kind_label(item.kind) if isinstance(item, Annotation) else recommendation_label()


_ICONS: dict[tuple[str, bool], QIcon] = {}


def kind_icon_cached(kind: Kind | None) -> QIcon:
    """The kind's icon, drawn once per palette (a panel's synthesis shows thousands)."""
    key = (kind.value if kind is not None else "recommendation", is_dark())
    if key not in _ICONS:
        _ICONS[key] = kind_icon(kind)
    return _ICONS[key]


def item_icon(item: Item) -> QIcon:
    return kind_icon_cached(item.kind if isinstance(item, Annotation) else None)


def kind_name_icon(kind: str) -> QIcon:
    """The icon of a kind stored as text ("question", "recommendation")."""
    return kind_icon_cached(None if kind == "recommendation" else Kind(kind))


def author_name(author: Member, entered_by_clerk: frozenset[str]) -> str:
    """The member's name, marked when the clerk entered the view for them (on paper or by email)."""
    if author.id in entered_by_clerk:
        return tr("{name} (on paper or by email)").format(name=author.name)
    return author.name


def kind_name(kind: str) -> str:
    """A kind stored as text ("question", "recommendation") as shown on screen."""
    if kind == "recommendation":
        return recommendation_label()
    try:
        return kind_label(Kind(kind))
    except ValueError:
        return kind


def role_label(role: SourceRole) -> str:
    return tr("Proposed") if role is SourceRole.PROPOSED else tr("Supported")


def decision_label(status: PanelStatus) -> str:
    return {
        PanelStatus.DRAFT: tr("Not yet decided"),
        PanelStatus.PROPOSED: tr("Not yet decided"),
        PanelStatus.AGREED: tr("Agreed"),
        PanelStatus.AMENDED: tr("Agreed with amendments"),
        PanelStatus.WITHDRAWN: tr("Withdrawn"),
    }[status]


def uk_date(iso: str | None) -> str:
    """ "2026-02-03" as "3 February 2026" (empty for none)."""
    if not iso:
        return ""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return QDate(day.year, day.month, day.day).toString(DISPLAY_FORMAT)


def date_edit(accessible_name: str, parent: QWidget | None = None) -> QDateEdit:
    """A date box with a calendar, showing dates the UK way, today by default."""
    edit = QDateEdit(QDate.currentDate(), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DISPLAY_FORMAT)
    edit.setAccessibleName(accessible_name)
    return edit


def set_iso_date(edit: QDateEdit, iso: str | None) -> None:
    """Show ``iso`` in ``edit`` (today when none is given)."""
    found = QDate.fromString(iso[:10], ISO_FORMAT) if iso else QDate()
    edit.setDate(found if found.isValid() else QDate.currentDate())


def iso_date(edit: QDateEdit) -> str:
    return edit.date().toString(ISO_FORMAT)


def error_label() -> QLabel:
    """A hidden label for a plain-English problem, in the error colours every dialog uses."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def ok_cancel(dialog: QDialog, ok_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    """A dialog's OK (named ``ok_text``) and Cancel buttons, wired to accept and reject it."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok


class WaitCursor:
    """A busy pointer while the GUI thread does a short piece of work (``with WaitCursor():``)."""

    def __enter__(self) -> WaitCursor:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        return self

    def __exit__(self, *_exc: object) -> None:
        QApplication.restoreOverrideCursor()


def run_busy(session: ReviewSession, call: Callable[[], Change]) -> Change | None:
    """``session.run(call)`` with a busy pointer while ``call`` works, and never while a message shows.

    The session reports a refused call at once (the window shows it in a dialog), so the call is
    made under the busy pointer and its outcome, or its error, handed to the session afterwards.
    """
    made: list[Change] = []
    refused: list[UserError] = []
    with WaitCursor():
        try:
            made.append(call())
        except UserError as err:
            refused.append(err)

    def outcome() -> Change:
        if refused:
            raise refused[0]
        return made[0]

    return session.run(outcome)


def top_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """A tree's top-level rows, in order."""
    found = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return [item for item in found if item is not None]


def children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    found = (item.child(i) for i in range(item.childCount()))
    return [child for child in found if child is not None]
