"""File › Review Settings…: the names, titles and dates the panel's report is headed with.

The report takes the panel's name, the plan's title, the commissioner's and panel's titles, the
meeting date and the date a response is asked for from the review's settings, and the clerk records
responses against the review's list of statuses. The draft's own label and date ("Final draft",
6 February 2025, read from its cover) are confirmed or typed here; the report's date, who signs it,
the contact officer, the commissioner's name and address and the panel's general comments too.
The dialog shows how the titles read in a sentence and warns about dates that contradict each
other before anything is saved; it saves in one undoable step.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.draft_label import describe_date, parse_draft_date
from panelreview.core.errors import UserError
from panelreview.core.report_dates import date_problems
from panelreview.core.review import Settings
from panelreview.ui.notes.note_dialog import ERROR_STYLE
from panelreview.ui.session.review_session import ReviewSession

ISO_FORMAT = "yyyy-MM-dd"
DISPLAY_FORMAT = "d MMMM yyyy"
TEXTS = ("panel_name", "plan_title", "commissioner_title", "panel_title")
REPORT_TEXTS = ("chair_name", "contact_officer", "commissioner_name")
LONG_TEXTS = ("commissioner_address", "general_comments")
DATES = ("meeting_date", "comments_deadline", "response_deadline", "report_date")
NOTE_STYLE = "color: #555555;"
WARNING_STYLE = "color: #8a4b00; font-weight: bold;"


class _OptionalDate(QWidget):
    """A date that may be left unset: a tick box beside a calendar box."""

    def __init__(self, label: str, iso: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(label)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(DISPLAY_FORMAT)
        self.edit.setAccessibleName(label)
        found = QDate.fromString(iso[:10], ISO_FORMAT) if iso else QDate()
        self.edit.setDate(found if found.isValid() else QDate.currentDate())
        self.check.setChecked(found.isValid())
        self.edit.setEnabled(found.isValid())
        self.check.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)

    def value(self) -> str | None:
        return self.edit.date().toString(ISO_FORMAT) if self.check.isChecked() else None


class SettingsDialog(QDialog):
    """Edit a review's settings; :meth:`changes` gives what differs from ``settings``.

    ``draft`` is the current draft's row (id, label, dated): the label and date read from the
    draft's cover when it was added (never the file's properties), for the clerk to confirm.
    """

    def __init__(
        self,
        settings: Settings,
        read_only: bool,
        parent: QWidget | None = None,
        *,
        draft: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Review Settings"))
        self.setObjectName("settings_dialog")
        self.settings = settings
        self.draft = draft or {}
        intro = QLabel(
            self.tr(
                "The panel's report is headed with these names and dates. Change the titles if your "
                "area has a Police, Fire and Crime Commissioner."
            )
        )
        intro.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._names_tab(), self.tr("&Names"))
        self.tabs.addTab(self._draft_tab(), self.tr("&Draft and dates"))
        self.tabs.addTab(self._report_tab(), self.tr("&Report"))
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(not read_only)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self._update_preview()
        self._update_warnings()
        self.resize(600, self.sizeHint().height())

    # -- tabs -----------------------------------------------------------------------------------
    def _line(self, form: QFormLayout, name: str, label: str, value: str) -> QLineEdit:
        edit = QLineEdit(value)
        edit.setObjectName(name)
        edit.setAccessibleName(label.replace("&", "").rstrip(":"))
        form.addRow(label, edit)
        return edit

    def _names_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        labels = {
            "panel_name": self.tr("&Panel's name:"),
            "plan_title": self.tr("Plan's &title:"),
            "commissioner_title": self.tr("&Commissioner's title:"),
            "panel_title": self.tr("Panel's t&itle:"),
        }
        self.texts: dict[str, QLineEdit] = {}
        for name in TEXTS:
            self.texts[name] = self._line(form, name, labels[name], str(getattr(self.settings, name) or ""))
            self.texts[name].textChanged.connect(self._update_preview)
        self.texts["panel_name"].setPlaceholderText(self.tr("For example, Westshire Police and Crime Panel"))
        self.preview = QLabel()
        self.preview.setObjectName("title_preview")
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet(NOTE_STYLE)
        self.preview.setAccessibleName(self.tr("How the titles read in the report"))
        form.addRow(self.tr("In the report:"), self.preview)
        return page

    def _draft_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.draft_label = self._line(
            form, "draft_label", self.tr("Draft's &label:"), str(self.draft.get("label") or "")
        )
        self.draft_label.setPlaceholderText(self.tr("As the draft calls itself, e.g. Final draft"))
        dated = self.draft.get("dated")
        self.draft_date = self._line(
            form, "draft_date", self.tr("Draft's &own date:"), describe_date(str(dated)) if dated else ""
        )
        self.draft_date.setPlaceholderText(self.tr("The date on the draft, e.g. 6 February 2025"))
        self.draft_date.textChanged.connect(self._update_warnings)
        known = bool(self.draft.get("label") or dated)
        found = QLabel(
            self.tr(
                "Read from the draft's own cover when it was added (never from the file's properties). "
                "Check them against the draft."
            )
            if known
            else self.tr("The draft's cover does not say which draft it is: type its label and date.")
        )
        found.setObjectName("draft_evidence")
        found.setWordWrap(True)
        found.setStyleSheet(NOTE_STYLE)
        form.addRow("", found)
        date_labels = {
            "meeting_date": self.tr("Meeting on the draft"),
            "comments_deadline": self.tr("Members' comments due"),
            "response_deadline": self.tr("Response asked for by"),
            "report_date": self.tr("Date of the report"),
        }
        self.dates: dict[str, _OptionalDate] = {}
        for name in DATES:
            box = _OptionalDate(date_labels[name], getattr(self.settings, name))
            box.setObjectName(name)
            box.check.toggled.connect(self._update_warnings)
            box.edit.dateChanged.connect(self._update_warnings)
            form.addRow(box)
            self.dates[name] = box
        self.warnings = QLabel()
        self.warnings.setObjectName("date_warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARNING_STYLE)
        form.addRow(self.warnings)
        return page

    def _report_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        labels = {
            "chair_name": self.tr("C&hair (signs the report):"),
            "contact_officer": self.tr("C&ontact officer:"),
            "commissioner_name": self.tr("Co&mmissioner's name:"),
        }
        for name in REPORT_TEXTS:
            self.texts[name] = self._line(form, name, labels[name], str(getattr(self.settings, name) or ""))
        self.texts["contact_officer"].setPlaceholderText(self.tr("Name, council, telephone, email"))
        long_labels = {
            "commissioner_address": self.tr("Commissioner's &address (for the letter):"),
            "general_comments": self.tr("The panel's &general comments:"),
        }
        self.long_texts: dict[str, QPlainTextEdit] = {}
        for name in LONG_TEXTS:
            edit = QPlainTextEdit(str(getattr(self.settings, name) or ""))
            edit.setObjectName(name)
            edit.setTabChangesFocus(True)
            edit.setAccessibleName(long_labels[name].replace("&", "").rstrip(":"))
            edit.setMaximumHeight(70 if name == "commissioner_address" else 110)
            label = QLabel(long_labels[name])
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.long_texts[name] = edit
        self.long_texts["general_comments"].setPlaceholderText(
            self.tr("“The Panel welcomed …”: a paragraph for each point, separated by a blank line")
        )
        self.statuses = QLineEdit(", ".join(self.settings.response_statuses))
        self.statuses.setObjectName("response_statuses")
        self.statuses.setAccessibleName(self.tr("Response statuses"))
        self.statuses.setAccessibleDescription(self.tr("The statuses a commissioner's response can have"))
        form.addRow(self.tr("Response &statuses:"), self.statuses)
        hint = QLabel(self.tr("Separate statuses with commas."))
        hint.setEnabled(False)
        form.addRow("", hint)
        return page

    # -- live feedback ----------------------------------------------------------------------------
    def _titles(self) -> Settings:
        def typed(name: str) -> str:
            return " ".join(self.texts[name].text().split())

        return dataclasses.replace(
            self.settings,
            panel_name=typed("panel_name"),
            plan_title=typed("plan_title"),
            commissioner_title=typed("commissioner_title"),
            panel_title=typed("panel_title"),
        )

    def _update_preview(self) -> None:
        from panelreview.export.facts import title_preview

        self.preview.setText("\n".join(title_preview(self._titles())))

    def _draft_date(self) -> str | None:
        try:
            return parse_draft_date(self.draft_date.text())
        except UserError:
            return None

    def _update_warnings(self) -> None:
        problems = date_problems(
            draft_dated=self._draft_date(),
            meeting=self.dates["meeting_date"].value(),
            report=self.dates["report_date"].value(),
            response_by=self.dates["response_deadline"].value(),
            today=date.today(),
        )
        self.warnings.setText("\n".join(problems))
        self.warnings.setVisible(bool(problems))

    # -- results ----------------------------------------------------------------------------------
    def changes(self) -> dict[str, object]:
        """The settings that differ from the review's, ready for ``Review.update_settings``."""
        found: dict[str, object] = {}
        for name, edit in self.texts.items():
            value = " ".join(edit.text().split())
            if value != (getattr(self.settings, name) or ""):
                found[name] = value
        for name, long in self.long_texts.items():
            value = long.toPlainText().strip()
            if value != (getattr(self.settings, name) or ""):
                found[name] = value
        for name, box in self.dates.items():
            if box.value() != getattr(self.settings, name):
                found[name] = box.value()
        statuses = tuple(dict.fromkeys(s.strip() for s in self.statuses.text().split(",") if s.strip()))
        if statuses != tuple(self.settings.response_statuses):
            found["response_statuses"] = statuses
        return found

    def draft_change(self) -> tuple[str, str | None, str | None] | None:
        """(draft id, label, date) when the clerk changed the draft's own label or date, else None."""
        if not self.draft.get("id"):
            return None
        label = " ".join(self.draft_label.text().split()) or None
        dated = self._draft_date()
        if label == (self.draft.get("label") or None) and dated == (self.draft.get("dated") or None):
            return None
        return str(self.draft["id"]), label, dated

    def problem(self) -> str | None:
        """Why the values cannot be saved, in plain words, or None."""
        if not " ".join(self.texts["plan_title"].text().split()):
            return self.tr("Give the plan's title: the report is headed with it.")
        for name in ("commissioner_title", "panel_title"):
            if not self.texts[name].text().strip():
                return self.tr("Give the commissioner's and the panel's titles.")
        if not self.statuses.text().replace(",", "").strip():
            return self.tr("Give at least one response status, for example “accepted”.")
        try:
            parse_draft_date(self.draft_date.text())
        except UserError:
            return self.tr("Write the draft's date like 6 February 2025, 6/2/2025 or February 2025.")
        return None

    def _check(self) -> None:
        problem = self.problem()
        self.error_label.setText(problem or "")
        self.error_label.setVisible(problem is not None)
        if problem is None:
            self.accept()


def edit_settings(parent: QWidget, session: ReviewSession) -> bool:
    """Show the dialog for the open review and save what changed as one undo step."""
    review = session.review
    draft = next((d for d in review.drafts() if d["id"] == review.current_draft_id), None)
    dialog = SettingsDialog(review.settings, session.read_only, parent, draft=draft)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    changes = dialog.changes()
    draft_change = dialog.draft_change()
    if not changes and draft_change is None:
        return False
    return session.run(lambda: review.change_settings(changes, draft_change)) is not None
