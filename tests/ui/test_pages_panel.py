"""The Pages panel: a thumbnail per page, drawn only when on screen, and a way to go to any page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymupdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractItemView

from panelreview.app import create_main_window
from panelreview.core.review import Kind
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.reader.document_worker import DocumentWorker
from panelreview.ui.reader.pages_panel import MARGIN_ROWS, PagesPanel
from panelreview.ui.reader.thumbnails import THUMB_WIDTH
from tests.ui.conftest import OPEN_TIMEOUT_MS, open_and_wait, open_review_of
from tests.ui.review_helpers import add_note_on_selection, select_pdf_words

pytestmark = pytest.mark.gui


def make_pdf(path: Path, pages: int, front_matter: int = 0, landscape: set[int] | None = None) -> Path:
    """A PDF of ``pages`` pages; the first ``front_matter`` are labelled i, ii, iii, the rest 1, 2, 3."""
    doc = pymupdf.open()
    for n in range(pages):
        wide = landscape is not None and n in landscape
        page = doc.new_page(width=842 if wide else 595, height=595 if wide else 842)
        page.insert_text((72, 90), f"{path.stem} page {n + 1}", fontsize=20)
        # each file's own words, so a second one is not taken for a new version of the first
        page.insert_text((72, 130), f"{path.stem} {n * 7919 % 1000} " * 6, fontsize=11)
    if front_matter:
        doc.set_page_labels(
            [
                {"startpage": 0, "prefix": "", "style": "r", "firstpagenum": 1},
                {"startpage": front_matter, "prefix": "", "style": "D", "firstpagenum": 1},
            ]
        )
    doc.save(path)
    doc.close()
    return path


def show_pages(qtbot: Any, window: MainWindow) -> PagesPanel:
    panel = window.pages
    panel.show()
    panel.raise_()
    qtbot.waitUntil(lambda: bool(panel.visible_pages()), timeout=OPEN_TIMEOUT_MS)
    return panel


def drawn(panel: PagesPanel, page: int) -> QImage | None:
    return panel.model.image(page, panel.model.scale_for(page, panel.delegate.device_pixel_ratio))


def wait_drawn(qtbot: Any, panel: PagesPanel, pages: range) -> None:
    qtbot.waitUntil(lambda: all(drawn(panel, p) is not None for p in pages), timeout=OPEN_TIMEOUT_MS)


def count_requests(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pages whose thumbnails the panel asks the document thread for, in order."""
    asked: list[int] = []
    service = window.service
    real = service.render_thumbnail

    def spy(token: int, page: int, scale: float) -> None:
        asked.append(page)
        real(token, page, scale)

    monkeypatch.setattr(service, "render_thumbnail", spy)
    return asked


def test_one_thumbnail_per_page_with_the_page_label_under_it(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    draft = make_pdf(tmp_path / "labelled.pdf", 8, front_matter=3, landscape={5})
    open_and_wait(qtbot, window, draft)
    panel = show_pages(qtbot, window)
    model = panel.model
    assert model.rowCount() == 8
    labels = [model.index(n).data() for n in range(8)]
    assert labels == ["i", "ii", "iii", "1", "2", "3", "4", "5"]
    assert model.index(0).data(Qt.ItemDataRole.AccessibleTextRole) == "Page 1 of 8, labelled i"
    # Blank paper of the page's shape until drawn: portrait taller than wide, the landscape page wider.
    portrait, wide = model.thumb_size(0), model.thumb_size(5)
    assert 120 <= THUMB_WIDTH <= 160 and portrait.width() == wide.width() == THUMB_WIDTH
    assert portrait.height() == round(THUMB_WIDTH * 842 / 595) and wide.height() == round(
        THUMB_WIDTH * 595 / 842
    )
    rows = [panel.list.visualRect(model.index(n)) for n in (0, 5)]
    assert rows[0].height() > portrait.height() and rows[1].height() < rows[0].height()
    wait_drawn(qtbot, panel, panel.visible_pages())
    image = drawn(panel, 0)
    assert image is not None
    assert abs(image.width() / image.devicePixelRatio() - THUMB_WIDTH) <= 1
    assert image.pixelColor(4, 4) == QColor("white")  # the paper
    # and the label is painted under the picture, inside the row
    shot = panel.list.viewport().grab().toImage()
    label_band = rows[0].adjusted(0, portrait.height() + 10, 0, 0).intersected(shot.rect())
    colours = {shot.pixelColor(x, y).name() for x in range(label_band.left(), label_band.right(), 2)
               for y in range(label_band.top(), label_band.bottom())}  # fmt: skip
    assert len(colours) > 2  # text drawn there, not only the row's background


def test_only_the_thumbnails_on_screen_are_drawn_in_a_long_draft(
    qtbot: Any, window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = count_requests(window, monkeypatch)
    open_and_wait(qtbot, window, samples / "westshire-plan-big.pdf")
    assert asked == []  # behind the Outline's tab: nothing drawn for it
    panel = show_pages(qtbot, window)
    assert panel.model.rowCount() == 307
    visible = panel.visible_pages()
    wait_drawn(qtbot, panel, visible)
    assert set(asked) <= set(range(0, visible.stop + MARGIN_ROWS))
    assert len(asked) <= len(visible) + 2 * MARGIN_ROWS
    first_batch = len(asked)
    bar = panel.list.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: panel.visible_pages().stop == 307, timeout=OPEN_TIMEOUT_MS)
    end = panel.visible_pages()
    wait_drawn(qtbot, panel, end)
    assert set(asked[first_batch:]) <= set(range(end.start - MARGIN_ROWS, 307))
    assert len(asked) < 30  # of 307 pages
    assert len(asked) == len(set(asked))  # none asked twice


def test_clicking_a_thumbnail_goes_to_its_page_and_the_keys_move_through_the_list(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    open_and_wait(qtbot, window, make_pdf(tmp_path / "forty.pdf", 40))
    panel = show_pages(qtbot, window)
    view = window.pdf_view
    panel.list.scrollTo(panel.model.index(20), QAbstractItemView.ScrollHint.PositionAtCenter)
    target = panel.list.visualRect(panel.model.index(20)).center()
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert view.reading_position()[0] == 20
    assert window.page_box.spin.value() == 21
    assert panel.current_page() == 20
    # the keyboard, in the list
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    assert view.reading_position()[0] == 21
    qtbot.keyClick(panel.list, Qt.Key.Key_End)
    assert panel.current_page() == 39 and view.current_page() >= 37  # the last pages, as far as it scrolls
    qtbot.keyClick(panel.list, Qt.Key.Key_Home)
    assert view.reading_position()[0] == 0
    qtbot.keyClick(panel.list, Qt.Key.Key_PageDown)
    assert panel.current_page() > 1 and view.reading_position()[0] == panel.current_page()
    # Enter goes there and gives the pages the keyboard, to read on
    qtbot.keyClick(panel.list, Qt.Key.Key_Up)
    chosen = panel.current_page()
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert view.reading_position()[0] == chosen
    assert view.hasFocus()


def test_the_page_being_read_is_chosen_in_the_list_without_taking_the_keyboard(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    open_and_wait(qtbot, window, make_pdf(tmp_path / "forty.pdf", 40))
    panel = show_pages(qtbot, window)
    view = window.pdf_view
    view.setFocus()
    for page in (30, 7):
        view.go_to_page(page)
        assert panel.current_page() == view.current_page() == page
        row = panel.list.visualRect(panel.model.index(page))
        assert panel.list.viewport().rect().contains(row.center())
        qtbot.waitUntil(lambda p=page: drawn(panel, p) is not None, timeout=OPEN_TIMEOUT_MS)  # type: ignore[misc]
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + 3 * view.viewport().height())  # scrolling, as the mouse wheel does
    assert panel.current_page() == view.current_page() > 7
    assert view.hasFocus() and not panel.list.hasFocus()


def test_another_draft_replaces_the_thumbnails_and_no_late_picture_of_the_first_shows(
    qtbot: Any, window: MainWindow, tmp_path: Path, samples: Path
) -> None:
    first = open_and_wait(qtbot, window, make_pdf(tmp_path / "first.pdf", 30, front_matter=4))
    panel = show_pages(qtbot, window)
    wait_drawn(qtbot, panel, panel.visible_pages())
    second = open_and_wait(qtbot, window, samples / "westshire-plan-v1.pdf")  # another plan
    assert second.token != first.token
    assert panel.model.rowCount() == len(second.page_sizes) != 30
    assert panel.model.index(0).data() == (second.page_labels[0] or "1") != "i"
    late = QImage(THUMB_WIDTH, 190, QImage.Format.Format_RGB32)
    late.fill(QColor("red"))
    window.service.thumbnail_rendered.emit(first.token, 0, late)  # the first draft's, arriving late
    wait_drawn(qtbot, panel, panel.visible_pages())
    window.service.thumbnail_rendered.emit(first.token, 1, late)
    for page in panel.visible_pages():
        image = drawn(panel, page)
        assert image is not None and image.pixelColor(4, 4) == QColor("white")


def test_closing_the_draft_empties_the_panel_and_a_pdf_brings_it_back(
    qtbot: Any, window: MainWindow, tmp_path: Path, samples: Path
) -> None:
    pdf = make_pdf(tmp_path / "ten.pdf", 10)
    open_review_of(qtbot, window, pdf)
    panel = show_pages(qtbot, window)
    window.close_draft()
    assert panel.model.rowCount() == 0 and panel.isHidden()
    open_review_of(qtbot, window, pdf)
    assert not panel.isHidden() and panel.model.rowCount() == 10
    # (each review is made before the next draft opens: closing while it is being made is another matter)
    # A Word draft has no pages: the panel stays put and says why it is empty.
    open_review_of(qtbot, window, samples / "westshire-plan-v1.docx")
    assert not panel.isHidden() and panel.model.rowCount() == 0
    assert panel.stack.currentWidget() is panel.empty and "Word" in panel.empty.text()
    open_review_of(qtbot, window, pdf)
    assert panel.stack.currentWidget() is panel.list and panel.model.rowCount() == 10


def test_a_word_draft_opened_first_says_it_has_no_pages(
    qtbot: Any, window: MainWindow, samples: Path
) -> None:
    open_and_wait(qtbot, window, samples / "westshire-plan-v1.docx")
    panel = window.pages
    assert not panel.isHidden() and panel.stack.currentWidget() is panel.empty


def test_the_pages_panel_sits_with_the_outline_and_has_a_view_menu_toggle(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    open_and_wait(qtbot, window, make_pdf(tmp_path / "three.pdf", 3))
    panel = window.pages
    assert window.dockWidgetArea(panel) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert panel in window.tabifiedDockWidgets(window.outline)
    assert not panel.isHidden() and panel.visible_pages() == range(0)  # first run: the Outline is in front
    toggle = panel.toggleViewAction()
    assert toggle.text() == "&Pages"
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert toggle in view_menu.actions()
    toggle.trigger()
    assert panel.isHidden()
    toggle.trigger()
    assert not panel.isHidden()


def test_the_reading_views_keep_only_never_cancels_thumbnails_and_its_pages_come_first(
    qtbot: Any, tmp_path: Path
) -> None:
    """On the document thread's worker itself (here on the test's thread, so the order is exact)."""
    worker = DocumentWorker()
    drafts: list[Any] = []
    worker.loaded.connect(drafts.append)
    worker.load(1, str(make_pdf(tmp_path / "twelve.pdf", 12)), None, None, 0.0)
    token = drafts[0].token
    events: list[tuple[str, int]] = []
    worker.page_rendered.connect(lambda _t, page, _s, _i: events.append(("page", page)))
    worker.thumbnail_rendered.connect(lambda _t, page, _i: events.append(("thumbnail", page)))
    for page in (3, 4, 5):
        worker.render_thumbnail(token, page, 0.2)
    worker.render(token, 8, 1.0)
    worker.render(token, 9, 1.0)
    worker.keep_only(token, [9])  # the reading view scrolled: page 8 is no longer wanted
    qtbot.waitUntil(lambda: len(events) == 4, timeout=OPEN_TIMEOUT_MS)
    assert events[0] == ("page", 9)
    assert sorted(events[1:]) == [("thumbnail", 3), ("thumbnail", 4), ("thumbnail", 5)]
    worker.keep_thumbnails(token, [])  # and the panel's own cancelling leaves the reading view's pages
    worker.render_thumbnail(token, 6, 0.2)
    worker.render(token, 10, 1.0)
    worker.keep_thumbnails(token, [])
    qtbot.waitUntil(lambda: len(events) == 5, timeout=OPEN_TIMEOUT_MS)
    qtbot.wait(50)  # (any further job would have run in these turns of the loop)
    assert events[4] == ("page", 10) and len(events) == 5
    worker.shutdown()


def test_thumbnails_never_reach_the_reading_views_cache(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    open_and_wait(qtbot, window, make_pdf(tmp_path / "six.pdf", 6))
    panel = show_pages(qtbot, window)
    wait_drawn(qtbot, panel, panel.visible_pages())
    view = window.pdf_view
    thumb_scale = panel.model.scale_for(0, panel.delegate.device_pixel_ratio)
    assert view.cache.get(0, thumb_scale) is None
    assert all(panel.model.image(p, view.render_scale()) is None for p in range(6))


def test_the_panel_comes_back_as_the_member_left_it(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "five.pdf", 5)
    open_review_of(qtbot, window, pdf)
    show_pages(qtbot, window)
    window.close()
    again = create_main_window()
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.pages.isHidden()  # the start view: no panels
    open_review_of(qtbot, again, pdf)
    assert not again.pages.isHidden() and again.pages in again.tabifiedDockWidgets(again.outline)
    assert again.dockWidgetArea(again.pages) == Qt.DockWidgetArea.LeftDockWidgetArea
    again.pages.toggleViewAction().trigger()  # closed this time
    again.close()
    third = create_main_window()
    qtbot.addWidget(third)
    third.show()
    open_review_of(qtbot, third, pdf)
    assert third.pages.isHidden() and not third.outline.isHidden()
    third.close()


def test_a_page_with_notes_shows_how_many(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    session = open_review_of(qtbot, window, make_pdf(tmp_path / "noted.pdf", 6))
    panel = show_pages(qtbot, window)
    assert all(panel.model.note_count(p) == 0 for p in range(6))
    select_pdf_words(qtbot, window, 2, "noted", "page")
    add_note_on_selection(qtbot, window, Kind.COMMENT, "Which officers?")
    select_pdf_words(qtbot, window, 2, "page", "3")
    add_note_on_selection(qtbot, window, Kind.HIGHLIGHT, "")
    assert [panel.model.note_count(p) for p in range(6)] == [0, 0, 2, 0, 0, 0]
    assert panel.model.index(2).data(Qt.ItemDataRole.ToolTipRole) == "Page 3 of 6, 2 notes"
    session.undo_stack.undo()
    assert panel.model.note_count(2) == 1
    assert panel.model.index(2).data(Qt.ItemDataRole.AccessibleTextRole) == "Page 3 of 6, 1 note"


def test_a_taller_panel_draws_the_thumbnails_it_now_shows(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    open_and_wait(qtbot, window, make_pdf(tmp_path / "twenty.pdf", 20))
    panel = show_pages(qtbot, window)
    wait_drawn(qtbot, panel, panel.visible_pages())
    before = panel.visible_pages()
    window.resize(window.width(), window.height() + 500)
    qtbot.waitUntil(lambda: panel.visible_pages().stop > before.stop, timeout=OPEN_TIMEOUT_MS)
    wait_drawn(qtbot, panel, panel.visible_pages())


def test_the_tab_the_member_left_in_front_is_in_front_again(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    pdf = make_pdf(tmp_path / "ten.pdf", 10)
    open_review_of(qtbot, window, pdf)
    panel = show_pages(qtbot, window)  # the member chose the Pages tab
    window.close_draft()
    open_review_of(qtbot, window, pdf)
    qtbot.waitUntil(lambda: bool(panel.visible_pages()), timeout=OPEN_TIMEOUT_MS)
    assert window.outline.visibleRegion().isEmpty()
    window.outline.raise_()  # and now the Outline's
    qtbot.waitUntil(lambda: panel.visibleRegion().isEmpty(), timeout=OPEN_TIMEOUT_MS)
    window.close_draft()
    open_review_of(qtbot, window, pdf)
    qtbot.waitUntil(lambda: not window.outline.visibleRegion().isEmpty(), timeout=OPEN_TIMEOUT_MS)
    qtbot.wait(50)  # (the panel would have come to the front in these turns of the loop)
    assert panel.visibleRegion().isEmpty()
    panel.raise_()
    qtbot.waitUntil(lambda: bool(panel.visible_pages()), timeout=OPEN_TIMEOUT_MS)
    window.close()
    again = create_main_window()  # and the next time PanelReview starts
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    open_review_of(qtbot, again, pdf)
    qtbot.waitUntil(lambda: bool(again.pages.visible_pages()), timeout=OPEN_TIMEOUT_MS)
    again.close()
