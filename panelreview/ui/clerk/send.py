"""Send to clerk…: the member's shared notes and recommendations written as one review pack file.

What goes: notes and recommendations shared with the panel or proposed for the report, the
member's replies on them, the draft's identity (and the draft itself, unless the clerk already has
it) and the member's name. Private working notes never go. The member is told beforehand what the
pack will hold and afterwards what it held; PanelReview sends nothing itself: the member emails
the file or copies it to a memory stick.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.clerk import PackSummary
from panelreview.core.errors import UserError
from panelreview.core.review import Visibility
from panelreview.fileio import safe_file_stem
from panelreview.ui.clerk.common import ok_cancel
from panelreview.ui.common.labels import count_text
from panelreview.ui.dialogs import messages
from panelreview.ui.session.review_session import ReviewSession

FOLDER_KEY = "clerk/send_folder"


def _t(text: str) -> str:
    return QCoreApplication.translate("send_to_clerk", text)


def notes_text(notes: int, recs: int) -> str:
    """ "12 notes and 3 recommendations"."""
    return _t("{notes} and {recs}").format(
        notes=count_text(notes, _t("1 note"), _t("{n} notes")),
        recs=count_text(recs, _t("1 recommendation"), _t("{n} recommendations")),
    )


def private_text(notes: int, recs: int) -> str:
    """ "4 private notes", "1 private recommendation", or both."""
    parts = []
    if notes:
        parts.append(count_text(notes, _t("1 private note"), _t("{n} private notes")))
    if recs:
        parts.append(count_text(recs, _t("1 private recommendation"), _t("{n} private recommendations")))
    return _t(" and ").join(parts)


def private_counts(session: ReviewSession) -> tuple[int, int]:
    """The owner's private notes and recommendations on the current draft (they stay behind)."""
    review = session.review
    owner, draft = review.owner_id, review.current_draft_id
    notes = review.annotations(
        author_id=owner, visibility=Visibility.PRIVATE, draft_id=draft, with_replies=False
    )
    recs = review.recommendations(author_id=owner, visibility=Visibility.PRIVATE, draft_id=draft)
    return len(notes), len(recs)


def shared_counts(session: ReviewSession) -> tuple[int, int]:
    """The notes and recommendations a pack made now would carry."""
    rows, _shared, _stubs = session.review.pack_rows()
    notes = sum(1 for r in rows["annotations"] if not r["deleted"])
    recs = sum(1 for r in rows["recommendations"] if not r["deleted"])
    return notes, recs


class SendToClerkDialog(QDialog):
    """What the pack will hold, and whether the draft goes with it."""

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("send_to_clerk_dialog")
        self.setWindowTitle(self.tr("Send to clerk"))
        notes, recs = shared_counts(session)
        kept = private_counts(session)
        private = private_text(*kept)
        text = self.tr(
            "The review pack will hold the {items} you shared with the panel or proposed for the "
            "report, with your replies, your name and the draft's details."
        ).format(items=notes_text(notes, recs))
        if private:
            stays = (
                self.tr("Your {private} stays in your review: private notes are never sent.")
                if sum(kept) == 1
                else self.tr("Your {private} stay in your review: private notes are never sent.")
            )
            text += " " + stays.format(private=private)
        self.summary_label = QLabel(text)
        self.summary_label.setObjectName("send_summary")
        self.summary_label.setWordWrap(True)
        self.nothing_label = QLabel(
            self.tr(
                "You have not shared anything with the panel yet. To send a note, choose “Shared with "
                "the panel” or “Proposed for the published report” as who can see it."
            )
        )
        self.nothing_label.setWordWrap(True)
        self.nothing_label.setVisible(notes + recs == 0)
        self.without_draft = QCheckBox(
            self.tr("The clerk already has this draft (leave it out: a smaller file)")
        )
        self.without_draft.setObjectName("without_draft")
        after = QLabel(
            self.tr(
                "PanelReview sends nothing itself: save the pack, then email it to your clerk or copy "
                "it to a memory stick."
            )
        )
        after.setWordWrap(True)
        buttons, self.ok_button = ok_cancel(self, self.tr("Choose where to save…"))
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.nothing_label)
        layout.addWidget(self.without_draft)
        layout.addWidget(after)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)


def suggested_name(session: ReviewSession) -> str:
    review = session.review
    title = review.settings.plan_title or session.path.stem
    name = f"{review.owner.name} - {title}"
    return safe_file_stem(name) + ".pcpack"


def send_to_clerk(parent: QWidget | None, session: ReviewSession | None) -> PackSummary | None:
    """The whole "Send to clerk…" gesture: explain, ask where, write the pack, confirm what it holds."""
    if session is None:
        return None
    if session.read_only:
        messages.show_error(
            parent,
            _t("Not sent"),
            _t(
                "This review is open read-only. Open it for editing (close it elsewhere first), then send it."
            ),
        )
        return None
    dialog = SendToClerkDialog(session, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    include_draft = not dialog.without_draft.isChecked()
    settings = QSettings()
    folder = Path(str(settings.value(FOLDER_KEY, "", str) or session.path.parent))
    name, _ = QFileDialog.getSaveFileName(
        parent,
        _t("Save the review pack for the clerk"),
        str(folder / suggested_name(session)),
        _t("Review packs (*.pcpack)"),
    )
    if not name:
        return None
    target = Path(name)
    if target.suffix.lower() != ".pcpack":
        target = target.with_name(target.name + ".pcpack")
    kept = private_counts(session)
    private = private_text(*kept)
    try:
        summary = session.review.share(target, include_draft=include_draft)
    except UserError as err:
        messages.show_error(parent, _t("Not sent"), str(err))
        return None
    settings.setValue(FOLDER_KEY, str(target.parent))
    message = _t("Saved “{name}” for the clerk: {items}.").format(
        name=Path(summary.path).name, items=notes_text(summary.notes, summary.recommendations)
    )
    if private:
        left_out = _t("{private} was left out.") if sum(kept) == 1 else _t("{private} were left out.")
        message += " " + left_out.format(private=private[:1].upper() + private[1:])
    message += " " + (
        _t("The draft is included.") if summary.draft_included else _t("The draft is not included.")
    )
    message += "\n\n" + _t("Email the file to your clerk or copy it to a memory stick.")
    QMessageBox.information(parent, _t("Review pack saved"), message)
    return summary
