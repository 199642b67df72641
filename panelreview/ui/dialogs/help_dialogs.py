"""Help › Quick Guide and Help › Keyboard Shortcuts.

Both are built from the window's own menus when they open, so they never drift from what the
window does: the shortcuts list walks every menu (and the window's other actions), and the guide
names each command by its place in the menus and the keys it has now.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from panelreview.ui.notes.note_dialog import SAVE_KEY

NATIVE = QKeySequence.SequenceFormat.NativeText


def plain(text: str) -> str:
    """A menu text as read aloud: no mnemonic ampersands, no trailing dots."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").rstrip(".").strip()


def _typed(key: QKeySequence) -> bool:
    """A key on an ordinary keyboard: not a media or "Close" key (Qt's codes from Key_Back on)."""
    combinations = [key[i] for i in range(key.count())]  # type: ignore[index]  # (the stubs lack it)
    return bool(combinations) and all(c.key().value < Qt.Key.Key_Back.value for c in combinations)


def keys_text(keys: list[QKeySequence]) -> str:
    shown = dict.fromkeys(k.toString(NATIVE) for k in keys if _typed(k))  # in order, once each
    return QCoreApplication.translate("help", " or ").join(shown)


@dataclass(frozen=True, slots=True)
class Shortcut:
    group: str  # the menu it is in ("Edit", "View › Text Size"), or where it works
    what: str
    keys: str


def _walk(menu: QMenu, path: list[str]) -> Iterator[tuple[list[str], QAction]]:
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            yield from _walk(submenu, [*path, plain(action.text())])
        else:
            yield path, action


def menu_actions(window: QMainWindow) -> Iterator[tuple[list[str], QAction]]:
    """Every action in the menu bar's visible menus, with the menus it is in."""
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu) and top.isVisible():
            yield from _walk(menu, [plain(top.text())])


def menu_path(window: QMainWindow, action: QAction) -> str:
    """Where a command is: "File › Export Report" (the action's own text if it is in no menu)."""
    for path, found in menu_actions(window):
        if found is action:
            return " › ".join([*path, plain(action.text())])
    return plain(action.text())


def window_shortcuts(window: QMainWindow) -> list[Shortcut]:
    """The window's shortcuts as they are now: the menus' first, then the window's other actions."""
    found: list[Shortcut] = []
    seen: set[int] = set()
    for path, action in menu_actions(window):
        seen.add(id(action))
        if keys_text(action.shortcuts()):
            found.append(Shortcut(" › ".join(path), plain(action.text()), keys_text(action.shortcuts())))
    elsewhere = QCoreApplication.translate("help", "Elsewhere")
    for action in window.findChildren(QAction):
        if id(action) in seen or not keys_text(action.shortcuts()) or not action.text():
            continue
        seen.add(id(action))
        what = plain(action.toolTip() or action.text())
        if not any(s.what == what and s.keys == keys_text(action.shortcuts()) for s in found):
            found.append(Shortcut(elsewhere, what, keys_text(action.shortcuts())))
    return found + _keys_of_the_views()


def _keys_of_the_views() -> list[Shortcut]:
    """Keys the draft and the note boxes handle themselves (they are not menu commands)."""

    def key(text: str) -> str:
        return QKeySequence(text).toString(NATIVE)

    in_draft = QCoreApplication.translate("help", "In the draft")
    in_note = QCoreApplication.translate("help", "Writing a note or recommendation")
    return [
        Shortcut(
            in_draft,
            QCoreApplication.translate("help", "Select text a word at a time"),
            QCoreApplication.translate("help", "Shift+arrow keys"),
        ),
        Shortcut(
            in_draft, QCoreApplication.translate("help", "Go to the next note in the draft"), key("Alt+Down")
        ),
        Shortcut(
            in_draft,
            QCoreApplication.translate("help", "Go to the previous note in the draft"),
            key("Alt+Up"),
        ),
        Shortcut(in_draft, QCoreApplication.translate("help", "Open the note you are on"), key("Return")),
        Shortcut(in_draft, QCoreApplication.translate("help", "Clear the selection"), key("Esc")),
        Shortcut(in_note, QCoreApplication.translate("help", "Save it"), key(SAVE_KEY)),
        Shortcut(in_note, QCoreApplication.translate("help", "Close without saving"), key("Esc")),
    ]


class ShortcutsDialog(QDialog):
    """Help › Keyboard Shortcuts: every shortcut, grouped by menu, with a box to search them."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Type to find a command or a key"))
        self.filter.setAccessibleName(self.tr("Find a shortcut"))
        self.filter.setClearButtonEnabled(True)
        find_label = QLabel(self.tr("&Find:"))
        find_label.setBuddy(self.filter)
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcuts_tree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Command"), self.tr("Keys")])
        self.tree.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.tree.setRootIsDecorated(False)
        self.tree.header().setAccessibleName(self.tr("Columns"))
        self.tree.setAlternatingRowColors(True)
        groups: dict[str, QTreeWidgetItem] = {}
        self._groups: list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]] = []
        for shortcut in window_shortcuts(window):
            group = groups.get(shortcut.group)
            if group is None:
                group = QTreeWidgetItem(self.tree, [shortcut.group])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[shortcut.group] = group
                self._groups.append((group, []))
            row = QTreeWidgetItem(group, [shortcut.what, shortcut.keys])
            next(children for g, children in self._groups if g is group).append(row)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(0, min(self.tree.columnWidth(0) + 24, 420))
        self.filter.textChanged.connect(self._filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(find_label)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        screen = window.screen().availableGeometry()
        self.resize(min(640, screen.width() - 40), min(620, screen.height() - 80))

    def rows(self) -> list[tuple[str, str, str]]:
        """(group, command, keys) of every row showing."""
        return [
            (group.text(0), child.text(0), child.text(1))
            for group, children in self._groups
            for child in children
            if not group.isHidden() and not child.isHidden()
        ]

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for group, children in self._groups:
            any_shown = False
            for child in children:
                match = not needle or any(
                    needle in part.casefold() for part in (group.text(0), child.text(0), child.text(1))
                )
                child.setHidden(not match)
                any_shown |= match
            group.setHidden(not any_shown)


class QuickGuideDialog(QDialog):
    """Help › Quick Guide: the review from opening the draft to sending it, one screen."""

    def __init__(self, window: QMainWindow, commands: dict[str, QAction]) -> None:
        super().__init__(window)
        self.setObjectName("quick_guide")
        self.setWindowTitle(self.tr("Quick Guide"))
        self._window = window
        self._commands = commands
        self.browser = QTextBrowser()
        self.browser.setObjectName("quick_guide_text")
        self.browser.setAccessibleName(self.tr("Quick guide"))
        self.browser.setOpenLinks(False)
        self.browser.setHtml(self.guide_html())
        self.shortcuts_button = QPushButton(self.tr("&Keyboard Shortcuts…"))
        self.shortcuts_button.clicked.connect(lambda: ShortcutsDialog(window).exec())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.shortcuts_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        screen = window.screen().availableGeometry()
        self.resize(min(700, screen.width() - 40), min(640, screen.height() - 80))

    def command(self, name: str) -> str:
        """A command as the guide names it: its place in the menus in bold, then its keys."""
        action = self._commands.get(name)
        if action is None:
            return ""
        text = "<b>" + menu_path(self._window, action).replace("&", "&amp;") + "</b>"
        keys = keys_text(action.shortcuts())
        return text + (f" ({keys})" if keys else "")

    def guide_html(self) -> str:
        c = self.command
        sections = [
            (
                self.tr("1. Open the draft"),
                self.tr(
                    "Choose {open}, or drop the PDF or Word file on the window. Your review of it "
                    "starts by itself; next time, {open_review} or File › Open Recent brings it back."
                ).format(open=c("open"), open_review=c("open_review")),
            ),
            (
                self.tr("2. Find your way"),
                self.tr(
                    "The Outline on the left lists the draft's sections: click one to go there. For "
                    "a PDF draft, the Pages tab beside it ({pages}) shows every page small. The bar "
                    "at the bottom names the section you are reading. {find} searches the draft and "
                    "your notes; F3 goes to the next result."
                ).format(find=c("find"), pages=c("pages")),
            ),
            (
                self.tr("3. Make notes"),
                self.tr(
                    "Select a passage with the mouse (or Shift and the arrow keys), then choose what "
                    "to make of it: {highlight}, {comment}, {question}, {concern} or {support}. For a "
                    "note on a whole section, use {section_note}. Notes are listed in the Notes panel; "
                    "each is private or shared with the panel, as you choose."
                ).format(
                    highlight=c("highlight"),
                    comment=c("comment"),
                    question=c("question"),
                    concern=c("concern"),
                    support=c("support"),
                    section_note=c("section_note"),
                ),
            ),
            (
                self.tr("4. Draft recommendations"),
                self.tr(
                    "Select the passage a recommendation is about and choose {recommend}. The "
                    "Recommendations panel lists them with the sections they cite."
                ).format(recommend=c("recommend")),
            ),
            (
                self.tr("5. Nothing to save"),
                self.tr(
                    "Everything you write is saved as you go, in a review file beside your other "
                    "reviews. {undo} takes back the last change. {save_copy} keeps a backup."
                ).format(undo=c("undo"), save_copy=c("save_copy")),
            ),
            (
                self.tr("6. Share with the panel"),
                self.tr(
                    "{send} makes one file of your shared notes and recommendations (never your "
                    "private ones) to email to the clerk. {export_notes} writes all your notes, "
                    "private ones too, for yourself; {print} puts the draft, with or without your "
                    "notes, or your notes list on paper."
                ).format(send=c("send_to_clerk"), export_notes=c("export_notes"), print=c("print_draft")),
            ),
            (
                self.tr("7. A new version of the draft"),
                self.tr(
                    "When the Commissioner sends a new version, open your review and choose "
                    "{new_version}: your notes follow it to the new text, and the Changes panel "
                    "shows what happened to each of them."
                ).format(new_version=c("new_version")),
            ),
        ]
        parts = [f"<h2>{self.tr('Reviewing a draft plan with PanelReview')}</h2>"]
        for title, body in sections:
            parts.append(f"<h3>{title}</h3><p>{body}</p>")
        parts.append(
            "<p>"
            + self.tr("Every command and its keys: {shortcuts}.").format(shortcuts=c("shortcuts"))
            + "</p>"
        )
        return "".join(parts)
