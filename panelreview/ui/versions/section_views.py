"""The section comparison, "Was it addressed?" and the outline's change marks, for the open review.

:class:`SectionViews` belongs to :class:`~panelreview.ui.versions.install.VersionsUi`, which asks it
to open the dialogs (from the Review menu, the outline's context menu, the Changes panel and the
Recommendations panel) and to mark the outline whenever a version of the draft is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QMenu

from panelreview.core.errors import UserError
from panelreview.core.section_names import display_names
from panelreview.ui.common.labels import swatch_icon
from panelreview.ui.dialogs import messages
from panelreview.ui.session.review_session import ReviewSession
from panelreview.ui.versions.addressed import AddressedDialog
from panelreview.ui.versions.comparison import Choice, SectionComparisonDialog
from panelreview.ui.versions.wording import how_text, version_name

CHANGE_ROLE = Qt.ItemDataRole.UserRole + 20  # on an outline row: how the section changed, or None


class SectionViews(QObject):
    def __init__(
        self,
        window: Any,
        session: Callable[[], ReviewSession | None],
        status: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self._session = session
        self._status = status
        self.comparison: SectionComparisonDialog | None = None
        self.addressed: AddressedDialog | None = None

    @property
    def session(self) -> ReviewSession | None:
        return self._session()

    def several_versions(self) -> bool:
        """The open review has a version before the current one (so there is something to compare)."""
        session = self.session
        return session is not None and session.review.previous_version_id() is not None

    def showing_current(self) -> bool:
        """The window shows the open review's current version (not an older one, nor another draft)."""
        session, draft = self.session, self.window.draft
        return (
            session is not None
            and draft is not None
            and draft.document.identity.sha256 == session.review.current_draft_id
        )

    def close_dialogs(self) -> None:
        for dialog in (self.comparison, self.addressed):
            if dialog is not None:
                dialog.close()

    # ----- the section comparison ---------------------------------------------------------------
    def open_comparison(
        self, section_id: int | None, old_section_id: int | None = None
    ) -> SectionComparisonDialog | None:
        """The section comparison, at ``section_id`` of the current version (or an old section)."""
        session, w = self.session, self.window
        if session is None or w.draft is None:
            return None
        review = session.review
        old_id = review.previous_version_id()
        if old_id is None:
            messages.show_error(
                w,
                self.tr("Only one version"),
                self.tr("This review has only one version of the draft, so there is nothing to compare yet."),
            )
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            old_doc = review.document(old_id)
            new_doc = w.draft.document
            counterparts = review.section_counterparts(old_id)
            changes = review.section_changes(old_id)
            removed = review.removed_sections(old_id)
        except UserError as err:
            messages.show_error(w, self.tr("Could not compare"), str(err))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        old_sections = {s.id: s for s in old_doc.sections}
        # A title several sections share is named with its parents and page, as everywhere else.
        new_names, old_names = display_names(new_doc.sections), display_names(old_doc.sections)
        choices: list[Choice] = []
        for s in new_doc.sections:
            old_sid = counterparts.get(s.id)
            change = changes.get(s.id)
            label = new_names[s.id]
            if change is not None:
                label = self.tr("{section} — {how}").format(section=label, how=how_text(change.how))
            choices.append(
                Choice(
                    label, s, old_sections.get(old_sid) if old_sid is not None else None, change is not None
                )
            )
        for sid in removed:
            if sid in old_sections:
                label = self.tr("Removed: {section}").format(section=old_names[sid])
                choices.append(Choice(label, None, old_sections[sid], True))
        index = 0
        for i, choice in enumerate(choices):
            if (section_id is not None and choice.new is not None and choice.new.id == section_id) or (
                section_id is None and old_section_id is not None and choice.old is not None
                and choice.old.id == old_section_id
            ):  # fmt: skip
                index = i
                break
        else:
            index = next((i for i, c in enumerate(choices) if c.changed), 0)
        if self.comparison is not None:
            self.comparison.close()
            self.comparison.deleteLater()
        names = (version_name(review.version(old_id)), version_name(review.version()))
        dialog = SectionComparisonDialog(w, old_doc, new_doc, choices, names)
        self.comparison = dialog
        dialog.show_choice(index)
        dialog.show()
        return dialog

    # ----- was it addressed? --------------------------------------------------------------------
    def open_addressed(self, rec_id: str | None) -> AddressedDialog | None:
        session, w = self.session, self.window
        if session is None:
            return None
        if rec_id is None:
            messages.show_error(
                w,
                self.tr("No recommendation chosen"),
                self.tr("Choose a recommendation in the Recommendations panel first."),
            )
            return None
        review = session.review
        rec = review.recommendation(rec_id)
        try:
            view = review.addressed_view(rec_id)
        except UserError as err:
            messages.show_error(w, self.tr("Was it addressed?"), str(err))
            return None
        names = (
            version_name(review.version(view.old_draft_id)),
            version_name(review.version(view.new_draft_id)),
        )
        dialog = AddressedDialog(w, rec.wording if rec else "", view, names, not session.read_only)
        self.addressed = dialog

        def save(status: str, comment: str) -> None:
            made = session.run(lambda: session.review.record_addressed(rec_id, status, comment))
            if made is not None:
                self._status(self.tr("Judgement saved. Edit › Undo takes it back."))

        dialog.saved.connect(save)
        dialog.compare_requested.connect(
            lambda old, new: (
                self.open_comparison(new, old_section_id=old) if new is not None or old is not None else None
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _r: setattr(self, "addressed", None))
        dialog.open()
        return dialog

    # ----- the outline's marks and menu ---------------------------------------------------------
    def mark_outline(self) -> None:
        """Mark each section changed since the previous version: an icon with a sign, and words in
        the tooltip and for screen readers (never colour alone)."""
        session, outline = self.session, self.window.outline
        if session is None or not self.showing_current():
            return
        review = session.review
        previous = review.previous_version_id()
        if previous is None:
            return
        old_name = version_name(review.version(previous))
        model = outline.model
        document = self.window.draft.document
        labels = {s.id: s.label for s in document.sections}
        changed_icon = swatch_icon(QColor("#ef8f00"), "Δ", 14)
        added_icon = swatch_icon(QColor("#2e7d32"), "+", 14)
        blank = QPixmap(14, 14)  # an empty mark keeps unmarked titles in line with marked ones
        blank.fill(Qt.GlobalColor.transparent)
        try:
            changes = review.section_changes()
        except UserError:  # an old version that will not open: the Changes panel says why
            return
        for sid in labels:
            item = model.itemFromIndex(model.index_of(sid))
            if item is not None and sid not in changes:
                item.setIcon(QIcon(blank))
        for sid, change in changes.items():
            item = model.itemFromIndex(model.index_of(sid))
            if item is None:
                continue
            how = how_text(change.how)
            item.setIcon(added_icon if change.how == "added" else changed_icon)
            item.setData(change.how, CHANGE_ROLE)
            note = self.tr("Changed since {old}: {how}").format(old=old_name, how=how)
            item.setToolTip(labels.get(sid, item.text()) + "\n" + note)
            item.setAccessibleText(labels.get(sid, item.text()) + ", " + note)
        outline.tree.scheduleDelayedItemsLayout()  # the marks narrow the titles: rows re-wrap
        outline.tree.viewport().update()

    def outline_menu(self, menu: QMenu, section_id: int) -> None:
        menu.addSeparator()
        action = menu.addAction(self.tr("Compare with the &Previous Version…"))
        action.setEnabled(self.several_versions() and self.showing_current())
        action.triggered.connect(lambda: self.open_comparison(section_id))
