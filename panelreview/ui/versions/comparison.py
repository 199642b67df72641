"""The section comparison: what was added, removed and reworded in a section between two versions.

As Word's Compare shows it: removed text struck through (and red), added text underlined (and
green), so the change never rests on colour alone; "Marks in words" writes ``[-removed-]`` and
``{+added+}`` instead, for a screen reader or a printout. The dialog stays open beside the draft
(it is not modal) and steps through the changed sections with Previous and Next.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from panelreview.core.compare import Comparison, Word, compare_sections
from panelreview.core.model import Document, Section

REMOVED_STYLE = "background-color:#fbe3e3; color:#8b1a1a; text-decoration:line-through;"
ADDED_STYLE = "background-color:#dcf2e1; color:#135c2b; text-decoration:underline;"


def comparison_html(comparison: Comparison, *, marks_in_words: bool = False) -> str:
    """The comparison as HTML paragraphs, changes styled (or marked in words) as the module says."""
    if marks_in_words:
        paragraphs = comparison.plain_text().split("\n\n")
        return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p.strip())
    out = _Paragraphs()
    for run in comparison.runs:
        if run.kind == "same":
            out.add(run.new, None)
        if run.kind in ("removed", "reworded"):
            out.add(run.old, REMOVED_STYLE)
        if run.kind in ("added", "reworded"):
            out.add(run.new, ADDED_STYLE)
    return out.html()


class _Paragraphs:
    def __init__(self) -> None:
        self._done: list[str] = []
        self._open: list[str] = []

    def add(self, words: Sequence[Word], style: str | None) -> None:
        chunk: list[str] = []
        for word in words:
            if word.starts_paragraph and (chunk or self._open):
                self._flush(chunk, style)
                chunk = []
                self._close()
            chunk.append(html.escape(word.text))
        self._flush(chunk, style)

    def _flush(self, chunk: list[str], style: str | None) -> None:
        if not chunk:
            return
        text = " ".join(chunk)
        self._open.append(f'<span style="{style}">{text}</span>' if style else text)

    def _close(self) -> None:
        if self._open:
            self._done.append("<p>" + " ".join(self._open) + "</p>")
            self._open = []

    def html(self) -> str:
        self._close()
        return "".join(self._done)


@dataclass(frozen=True, slots=True)
class Choice:
    """One entry of the dialog's list: a section of the new version, or one the new one lost."""

    label: str
    new: Section | None
    old: Section | None
    changed: bool


class SectionComparisonDialog(QDialog):
    """Compare one section in two versions; the list offers every section, changed ones marked."""

    def __init__(
        self,
        parent: QWidget | None,
        old_document: Document,
        new_document: Document,
        choices: list[Choice],
        versions: tuple[str, str],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("section_comparison")
        self.setWindowTitle(self.tr("Compare a Section with the Previous Version"))
        self.setAccessibleName(self.tr("Section comparison"))
        self.setModal(False)
        self.resize(760, 620)
        self.old_document, self.new_document = old_document, new_document
        self.choices = choices
        self.versions = versions

        self.section_combo = QComboBox()
        self.section_combo.setAccessibleName(self.tr("Section to compare"))
        for choice in choices:
            self.section_combo.addItem(choice.label)
        section_label = QLabel(self.tr("&Section:"))
        section_label.setBuddy(self.section_combo)
        self.previous_button = QPushButton(self.tr("&Previous Change"))
        self.next_button = QPushButton(self.tr("&Next Change"))
        self.previous_button.setToolTip(self.tr("The changed section before this one"))
        self.next_button.setToolTip(self.tr("The changed section after this one"))
        top = QHBoxLayout()
        top.addWidget(section_label)
        top.addWidget(self.section_combo, 1)
        top.addWidget(self.previous_button)
        top.addWidget(self.next_button)

        self.versions_label = QLabel(
            self.tr("From “{old}” to “{new}”").format(old=versions[0], new=versions[1])
        )
        self.versions_label.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("comparison_summary")
        self.summary_label.setWordWrap(True)
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        self.legend = QLabel(
            self.tr(
                'Removed text is <span style="{removed}">struck through</span>; added text is '
                '<span style="{added}">underlined</span>. Reworded text shows both.'
            ).format(removed=REMOVED_STYLE, added=ADDED_STYLE)
        )
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.legend.setAccessibleName(
            self.tr("Removed text is struck through; added text is underlined. Reworded text shows both.")
        )

        self.browser = QTextBrowser()
        self.browser.setObjectName("comparison_text")
        self.browser.setAccessibleName(self.tr("What changed in the section"))
        self.browser.setOpenLinks(False)

        self.own_only = QCheckBox(self.tr("Only the section's &own text (not its subsections)"))
        self.own_only.setChecked(True)
        self.in_words = QCheckBox(self.tr("&Marks in words: [-removed-] {+added+}"))
        self.in_words.setToolTip(self.tr("For a screen reader or a printout in black and white"))
        options = QHBoxLayout()
        options.addWidget(self.own_only)
        options.addStretch(1)
        options.addWidget(self.in_words)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        buttons.rejected.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.versions_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.legend)
        layout.addWidget(self.browser, 1)
        layout.addLayout(options)
        layout.addWidget(buttons)

        self.section_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.own_only.toggled.connect(lambda _on: self.refresh())
        self.in_words.toggled.connect(lambda _on: self.refresh())
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.comparison: Comparison | None = None

    def show_choice(self, index: int) -> None:
        if 0 <= index < len(self.choices):
            if self.section_combo.currentIndex() == index:
                self.refresh()
            else:
                self.section_combo.setCurrentIndex(index)

    def step(self, direction: int) -> None:
        """Go to the previous (-1) or next (+1) changed section."""
        at = self.section_combo.currentIndex() + direction
        while 0 <= at < len(self.choices):
            if self.choices[at].changed:
                self.section_combo.setCurrentIndex(at)
                return
            at += direction

    def refresh(self) -> None:
        index = self.section_combo.currentIndex()
        if not 0 <= index < len(self.choices):
            return
        choice = self.choices[index]
        comparison = compare_sections(
            self.old_document, choice.old, self.new_document, choice.new, own_only=self.own_only.isChecked()
        )
        self.comparison = comparison
        self.summary_label.setText(self.summary(comparison, choice))
        body = comparison_html(comparison, marks_in_words=self.in_words.isChecked())
        self.browser.setHtml(body or "<p>" + html.escape(self.tr("This section has no text.")) + "</p>")
        has = [i for i, c in enumerate(self.choices) if c.changed]
        self.previous_button.setEnabled(any(i < index for i in has))
        self.next_button.setEnabled(any(i > index for i in has))

    def summary(self, comparison: Comparison, choice: Choice) -> str:
        """ "Removed in the new version", "New in this version", or the counts of changes, in words."""
        if choice.new is None:
            return self.tr("This section is not in the new version: all its text was removed.")
        if choice.old is None:
            return self.tr("This section is new in this version: all its text was added.")
        if not comparison.changed:
            return self.tr("No changes to the wording.")
        parts = []
        reworded, added, removed = (comparison.count("reworded"), comparison.count("added"),
                                    comparison.count("removed"))  # fmt: skip
        if reworded:
            parts.append(self.tr("{n} reworded").format(n=reworded))
        if added:
            parts.append(self.tr("{n} added").format(n=added))
        if removed:
            parts.append(self.tr("{n} removed").format(n=removed))
        return self.tr("Passages changed: {parts}.").format(parts=", ".join(parts))
