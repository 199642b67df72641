"""The window's actions, menus and toolbar, built in code. The main window connects them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar, QToolButton

from panelreview.core.review import Kind
from panelreview.ui.common.labels import kind_icon
from panelreview.ui.common.toolbar_icons import (
    fit_width_icon,
    redo_icon,
    undo_icon,
    zoom_in_icon,
    zoom_out_icon,
)
from panelreview.ui.reader.page_box import PageBox


@dataclass(slots=True)
class Actions:
    open: QAction
    open_review: QAction
    open_sample: QAction
    close_review: QAction
    save_copy: QAction
    import_notes: QAction
    undo_notes_import: QAction
    review_settings: QAction
    export_report: QAction
    export_notes: QAction
    export_annotated: QAction
    print_draft: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    find: QAction
    find_next: QAction
    find_previous: QAction
    delete: QAction
    highlight: QAction
    comment: QAction
    question: QAction
    concern: QAction
    support: QAction
    recommend: QAction
    section_note: QAction
    zoom_in: QAction
    zoom_out: QAction
    fit_width: QAction
    larger_text: QAction
    smaller_text: QAction
    normal_text: QAction
    quick_guide: QAction
    shortcuts: QAction
    about: QAction

    def note_actions(self) -> dict[Kind, QAction]:
        return {
            Kind.HIGHLIGHT: self.highlight,
            Kind.COMMENT: self.comment,
            Kind.QUESTION: self.question,
            Kind.CONCERN: self.concern,
            Kind.SUPPORT: self.support,
        }

    def selection_actions(self) -> list[QAction]:
        """What the document views offer on a selection (their right-click menu)."""
        return [*self.note_actions().values(), self.recommend]


def _action(
    window: QMainWindow,
    text: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    return action


def build_actions(window: QMainWindow) -> Actions:
    tr = window.tr
    style = window.style()
    larger_tip = tr("Larger text in the outline and in Word or text drafts")
    smaller_tip = tr("Smaller text in the outline and in Word or text drafts")
    actions = Actions(
        open=_action(window, tr("&Open a Draft…"), QKeySequence.StandardKey.Open, tr("Open a draft plan")),
        open_review=_action(
            window, tr("Open a &Review…"), "Ctrl+Shift+O", tr("Open a review you started before")
        ),
        open_sample=_action(window, tr("Open the &Sample Draft"), None, tr("Open the Westshire example")),
        close_review=_action(window, tr("&Close"), QKeySequence.StandardKey.Close, tr("Close this draft")),
        save_copy=_action(
            window,
            tr("Save a Cop&y…"),
            QKeySequence.StandardKey.SaveAs,
            tr("Save a complete copy of this review, to back it up or to keep a version"),
        ),
        import_notes=_action(
            window,
            tr("&Import Notes from a PDF or Word File…"),
            "Ctrl+I",
            tr("Bring in notes made in another program: an annotated PDF, or comments in a Word file"),
        ),
        undo_notes_import=_action(
            window,
            tr("Take Out the &Last Imported Notes"),
            None,
            tr("Remove everything the last import of notes brought in, also after the review was reopened"),
        ),
        review_settings=_action(
            window,
            tr("Review Settin&gs…"),
            None,
            tr("The panel's name, the titles and dates the report is headed with, the response statuses"),
        ),
        export_report=_action(
            window, tr("&Export Report…"), "Ctrl+E", tr("Write the panel's report as Word or PDF")
        ),
        export_notes=_action(window, tr("Export &My Notes…"), None, tr("Write all your notes to a file")),
        export_annotated=_action(
            window, tr("Export the Draft with &Notes…"), None, tr("A PDF of the draft with your notes on it")
        ),
        print_draft=_action(
            window,
            tr("&Print…"),
            QKeySequence.StandardKey.Print,
            tr("Print the draft, the draft with your notes, or a list of your notes"),
        ),
        quit=_action(window, tr("&Quit"), QKeySequence.StandardKey.Quit),
        undo=_action(window, tr("&Undo"), QKeySequence.StandardKey.Undo),
        redo=_action(window, tr("&Redo")),
        find=_action(
            window, tr("&Find…"), QKeySequence.StandardKey.Find, tr("Search the draft and your notes")
        ),
        find_next=_action(window, tr("Find &Next"), "F3", tr("Go to the next search result")),
        find_previous=_action(
            window, tr("Find Pre&vious"), "Shift+F3", tr("Go to the previous search result")
        ),
        delete=_action(
            window, tr("&Delete Note"), QKeySequence.StandardKey.Delete, tr("Delete the chosen note")
        ),
        highlight=_action(window, tr("&Highlight"), "Ctrl+1", tr("Highlight the selected text")),
        comment=_action(window, tr("&Comment…"), "Ctrl+2", tr("Comment on the selected text")),
        question=_action(window, tr("&Question…"), "Ctrl+3", tr("Ask a question about the selected text")),
        concern=_action(window, tr("Co&ncern…"), "Ctrl+4", tr("Raise a concern about the selected text")),
        support=_action(window, tr("&Support…"), "Ctrl+5", tr("Note your support for the selected text")),
        recommend=_action(
            window, tr("&Recommend…"), "Ctrl+6", tr("Draft a recommendation on the selected text")
        ),
        section_note=_action(
            window,
            tr("Note on the Current S&ection…"),
            "Ctrl+Shift+N",
            tr("Add a note on the whole section you are reading"),
        ),
        zoom_in=_action(window, tr("Zoom &In"), QKeySequence.StandardKey.ZoomIn, tr("Make the page larger")),
        zoom_out=_action(
            window, tr("Zoom &Out"), QKeySequence.StandardKey.ZoomOut, tr("Make the page smaller")
        ),
        fit_width=_action(window, tr("&Fit Width"), "Ctrl+0", tr("Fit the page to the window's width")),
        # Not Ctrl+Shift+=: on most keyboards that is how Ctrl++ (Zoom In) is typed, and the two clash.
        larger_text=_action(window, tr("&Larger Text"), "Ctrl+Alt+=", larger_tip),
        smaller_text=_action(window, tr("S&maller Text"), "Ctrl+Alt+-", smaller_tip),
        normal_text=_action(window, tr("&Normal Text Size")),
        quick_guide=_action(
            window,
            tr("&Quick Guide"),
            QKeySequence.StandardKey.HelpContents,
            tr("How to review a draft, step by step, on one page"),
        ),
        shortcuts=_action(window, tr("&Keyboard Shortcuts"), None, tr("Every command's keys")),
        about=_action(window, tr("&About PanelReview")),
    )
    actions.open.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton))
    for action, icon in (
        (actions.undo, undo_icon()),
        (actions.redo, redo_icon()),
        (actions.zoom_in, zoom_in_icon()),
        (actions.zoom_out, zoom_out_icon()),
        (actions.fit_width, fit_width_icon()),
    ):
        action.setIcon(icon)
    actions.quit.setMenuRole(QAction.MenuRole.QuitRole)
    actions.about.setMenuRole(QAction.MenuRole.AboutRole)
    # Ctrl+= as well as Ctrl++: on most keyboards "+" needs Shift.
    actions.zoom_in.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")])
    actions.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    # Ctrl+W closes a document everywhere, whatever else the platform's Close key is.
    close_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Close)
    if QKeySequence("Ctrl+W") not in close_keys:
        close_keys.append(QKeySequence("Ctrl+W"))
    actions.close_review.setShortcuts(close_keys)
    if not actions.quit.shortcuts():  # (Windows has no standard Quit key)
        actions.quit.setShortcut(QKeySequence("Ctrl+Q"))
    for kind, action in actions.note_actions().items():
        action.setIcon(kind_icon(kind))
    actions.recommend.setIcon(kind_icon(None))
    # Short labels on the toolbar (the menu shows the full "Undo add comment").
    for action, short in (
        (actions.undo, tr("Undo")),
        (actions.redo, tr("Redo")),
        (actions.highlight, tr("Highlight")),
        (actions.comment, tr("Comment")),
        (actions.question, tr("Question")),
        (actions.concern, tr("Concern")),
        (actions.support, tr("Support")),
        (actions.recommend, tr("Recommend")),
    ):
        action.setIconText(short)
    return actions


def build_menus(window: QMainWindow, actions: Actions, panel_toggles: list[QAction]) -> QMenu:
    """The menu bar; returns the File → Open Recent menu, which the window fills."""
    tr = window.tr
    bar = window.menuBar()
    file_menu = bar.addMenu(tr("&File"))
    file_menu.addAction(actions.open)
    file_menu.addAction(actions.open_review)
    recent_menu = file_menu.addMenu(tr("Open Recen&t"))
    recent_menu.setObjectName("recent_menu")
    file_menu.addAction(actions.open_sample)
    file_menu.addSeparator()
    file_menu.addAction(actions.save_copy)
    file_menu.addAction(actions.import_notes)
    file_menu.addAction(actions.undo_notes_import)
    file_menu.addSeparator()
    file_menu.addAction(actions.review_settings)
    file_menu.addAction(actions.export_report)
    file_menu.addAction(actions.export_notes)
    file_menu.addAction(actions.export_annotated)
    file_menu.addAction(actions.print_draft)
    file_menu.addSeparator()
    file_menu.addAction(actions.close_review)
    file_menu.addAction(actions.quit)

    edit_menu = bar.addMenu(tr("&Edit"))
    edit_menu.addAction(actions.undo)
    edit_menu.addAction(actions.redo)
    edit_menu.addSeparator()
    edit_menu.addAction(actions.find)
    edit_menu.addAction(actions.find_next)
    edit_menu.addAction(actions.find_previous)
    edit_menu.addSeparator()
    edit_menu.addAction(actions.delete)

    notes_menu = bar.addMenu(tr("&Notes"))
    notes_menu.addActions(actions.selection_actions())
    notes_menu.addSeparator()
    notes_menu.addAction(actions.section_note)

    view_menu = bar.addMenu(tr("&View"))
    view_menu.addAction(actions.zoom_in)
    view_menu.addAction(actions.zoom_out)
    view_menu.addAction(actions.fit_width)
    view_menu.addSeparator()
    text_menu = view_menu.addMenu(tr("&Text Size"))
    text_menu.addAction(actions.larger_text)
    text_menu.addAction(actions.smaller_text)
    text_menu.addAction(actions.normal_text)
    view_menu.addSeparator()
    for toggle in panel_toggles:
        view_menu.addAction(toggle)

    help_menu = bar.addMenu(tr("&Help"))
    help_menu.addAction(actions.quick_guide)
    help_menu.addAction(actions.shortcuts)
    help_menu.addSeparator()
    help_menu.addAction(actions.about)
    return recent_menu


def build_toolbar(window: QMainWindow, actions: Actions, page_box: PageBox) -> tuple[QToolBar, QAction]:
    """The toolbar, and the action that shows or hides the page box on it."""
    toolbar = QToolBar(window.tr("Main toolbar"), window)
    toolbar.setObjectName("main_toolbar")
    toolbar.setMovable(False)
    toolbar.addAction(actions.open)
    toolbar.addSeparator()
    toolbar.addAction(actions.undo)
    toolbar.addAction(actions.redo)
    toolbar.addSeparator()
    for action in actions.selection_actions():
        toolbar.addAction(action)
        button = toolbar.widgetForAction(action)
        if isinstance(button, QToolButton):  # the kinds say what they are, not only a colour
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addSeparator()
    toolbar.addAction(actions.zoom_out)
    toolbar.addAction(actions.zoom_in)
    toolbar.addAction(actions.fit_width)
    toolbar.addSeparator()
    page_box_action = toolbar.addWidget(page_box)
    window.addToolBar(toolbar)
    return toolbar, page_box_action
