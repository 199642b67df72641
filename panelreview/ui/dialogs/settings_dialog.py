"""File › Review Settings…: the names, titles and dates the panel's report is headed with.

The report takes the panel's name, the plan's title, the commissioner's and panel's titles, the
meeting date and the date a response is asked for from the review's settings, and the clerk records
responses against the review's list of statuses. This dialog changes them in one undoable step.
"""

from __future__ import annotations

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
    QVBoxLayout,
    QWidget,
)

from panelreview.core.review import Settings
from panelreview.ui.notes.note_dialog import ERROR_STYLE
from panelreview.ui.session.review_session import ReviewSession

ISO_FORMAT = "yyyy-MM-dd"
DISPLAY_FORMAT = "d MMMM yyyy"
TEXTS = ("panel_name", "plan_title", "commissioner_title", "panel_title")
DATES = ("meeting_date", "comments_deadline", "response_deadline")


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
    """Edit a review's settings; :meth:`changes` gives what differs from ``settings``."""

    def __init__(self, settings: Settings, read_only: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Review Settings"))
        self.setObjectName("settings_dialog")
        self.settings = settings
        intro = QLabel(
            self.tr(
                "The panel's report is headed with these names and dates. Change the titles if your "
                "area has a Police, Fire and Crime Commissioner."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        labels = {
            "panel_name": self.tr("&Panel's name:"),
            "plan_title": self.tr("Plan's &title:"),
            "commissioner_title": self.tr("&Commissioner's title:"),
            "panel_title": self.tr("Panel's t&itle:"),
        }
        self.texts: dict[str, QLineEdit] = {}
        for name in TEXTS:
            edit = QLineEdit(str(getattr(settings, name) or ""))
            edit.setObjectName(name)
            edit.setAccessibleName(labels[name].replace("&", "").rstrip(":"))
            form.addRow(labels[name], edit)
            self.texts[name] = edit
        self.texts["panel_name"].setPlaceholderText(self.tr("For example, Westshire Police and Crime Panel"))
        date_labels = {
            "meeting_date": self.tr("Meeting on the draft"),
            "comments_deadline": self.tr("Members' comments due"),
            "response_deadline": self.tr("Response asked for by"),
        }
        self.dates: dict[str, _OptionalDate] = {}
        for name in DATES:
            box = _OptionalDate(date_labels[name], getattr(settings, name))
            box.setObjectName(name)
            form.addRow(box)
            self.dates[name] = box
        self.statuses = QLineEdit(", ".join(settings.response_statuses))
        self.statuses.setObjectName("response_statuses")
        self.statuses.setAccessibleName(self.tr("Response statuses"))
        self.statuses.setAccessibleDescription(self.tr("The statuses a commissioner's response can have"))
        form.addRow(self.tr("Response &statuses:"), self.statuses)
        hint = QLabel(self.tr("Separate statuses with commas."))
        hint.setEnabled(False)
        form.addRow("", hint)
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
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def changes(self) -> dict[str, object]:
        """The settings that differ from the review's, ready for ``Review.update_settings``."""
        found: dict[str, object] = {}
        for name, edit in self.texts.items():
            value = " ".join(edit.text().split())
            if value != (getattr(self.settings, name) or ""):
                found[name] = value
        for name, box in self.dates.items():
            if box.value() != getattr(self.settings, name):
                found[name] = box.value()
        statuses = tuple(dict.fromkeys(s.strip() for s in self.statuses.text().split(",") if s.strip()))
        if statuses != tuple(self.settings.response_statuses):
            found["response_statuses"] = statuses
        return found

    def problem(self) -> str | None:
        """Why the values cannot be saved, in plain words, or None."""
        if not " ".join(self.texts["plan_title"].text().split()):
            return self.tr("Give the plan's title: the report is headed with it.")
        for name in ("commissioner_title", "panel_title"):
            if not self.texts[name].text().strip():
                return self.tr("Give the commissioner's and the panel's titles.")
        if not self.statuses.text().replace(",", "").strip():
            return self.tr("Give at least one response status, for example “accepted”.")
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
    dialog = SettingsDialog(review.settings, session.read_only, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    changes = dialog.changes()
    if not changes:
        return False
    return session.run(lambda: review.update_settings(**changes)) is not None
