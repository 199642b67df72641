"""File › Print…: the draft, the draft with notes, the notes list, on paper (here a PDF printer).

The system's Print dialog is replaced by a stand-in that chooses "Print to File (PDF)" and, where a
test wants it, a page range; the printout is read back with PyMuPDF and looked at as a member would.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from panelreview.core.model import full_text
from panelreview.core.review import Kind
from panelreview.export.annotated_draft import COLOURS
from panelreview.export.my_notes import build_my_notes
from panelreview.export.pdf_writer import pdf_bytes
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.dialogs import messages
from panelreview.ui.dialogs.print_dialog import ANNOTATED, DRAFT, NOTES, PrintChoice, PrintChoiceDialog
from panelreview.ui.dialogs.print_jobs import PdfPrintJob, place_page
from tests.pdf_helpers import save_pdf
from tests.ui.conftest import open_review_of
from tests.ui.review_helpers import answer_password, capture_warnings, fill_note_dialog, select_pdf_words

pytestmark = pytest.mark.gui

PRINT_TIMEOUT_MS = 60_000


@pytest.fixture(autouse=True)
def no_print_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The tests print to files and never ask this computer's print server (CUPS) for its printers."""
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no-print-server.sock"))


def _to_file(
    out: Path, first: int = 0, last: int = 0, told: list[int] | None = None, dpi: int = 150
) -> Callable[[QWidget, QPrinter, int], bool]:
    """A stand-in for the Print dialog: Print to File, the pages ``first``-``last`` or all; ``told``
    collects the page count the dialog was given."""

    def ask(_parent: QWidget, printer: QPrinter, count: int) -> bool:
        if told is not None:
            told.append(count)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        if dpi:
            printer.setResolution(dpi)  # quicker pictures of PDF pages; 0: the printer's own (1200)
        if first:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(first, last)
        else:
            printer.setPrintRange(QPrinter.PrintRange.AllPages)
        return True

    return ask


def _print(
    qtbot: Any, window: MainWindow, choice: PrintChoice, out: Path, first: int = 0, last: int = 0, **kw: Any
) -> None:
    window.printing.ask_choice = lambda _dialog: choice
    window.printing.ask_printer = _to_file(out, first, last, **kw)
    window.window_actions.print_draft.trigger()
    qtbot.waitUntil(lambda: not window.printing.busy, timeout=PRINT_TIMEOUT_MS)


def _colour_share(page: Any, rect: pymupdf.Rect, colour: str) -> float:
    """How much of ``rect`` on the printed page is (near) ``colour``."""
    want = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    pix = page.get_pixmap(dpi=72, clip=rect)
    samples = pix.samples
    hits = total = 0
    for i in range(0, len(samples), pix.n):
        total += 1
        if all(abs(samples[i + c] - want[c]) <= 24 for c in range(3)):
            hits += 1
    return hits / max(total, 1)


def _printed_text(path: Path) -> str:
    """The words of a printout that keeps its text (a Word draft, laid out by Qt)."""
    with pymupdf.open(path) as doc:
        return "\n".join(page.get_text() for page in doc)


def _sheet_box(window: MainWindow, page: Any) -> pymupdf.Rect:
    """Where on the printed sheet (in points) a PDF page of ``page``'s size was put."""
    area = window.printing.printer.pageRect(QPrinter.Unit.Point)
    placed = place_page(QSizeF(page.rect.width, page.rect.height), QRectF(QPointF(0, 0), area.size()))
    target = placed.target.translated(area.topLeft())
    return pymupdf.Rect(target.left(), target.top(), target.right(), target.bottom())


def _ink(pix: Any, cols: int = 40, rows: int = 56) -> list[float]:
    """How dark each cell of a grid over the picture is (0-255): a shape that does not depend on
    exactly how each letter's edges were smoothed."""
    cells = [0.0] * (cols * rows)
    counts = [0] * (cols * rows)
    samples, n = pix.samples, pix.n
    for y in range(pix.height):
        row = min(rows - 1, y * rows // pix.height)
        for x in range(pix.width):
            i = (y * pix.width + x) * n
            cell = row * cols + min(cols - 1, x * cols // pix.width)
            cells[cell] += 255 - (samples[i] + samples[i + 1] + samples[i + 2]) / 3
            counts[cell] += 1
    return [c / max(k, 1) for c, k in zip(cells, counts, strict=True)]


def _looks_like(printed: Any, box: pymupdf.Rect, page: Any) -> float:
    """How much the printed sheet's ``box`` differs from ``page``: the share of the grid's cells
    (in thousandths) where one has markedly more ink than the other."""
    got = printed.get_pixmap(dpi=60, clip=box, colorspace=pymupdf.csRGB)
    want = page.get_pixmap(dpi=60, colorspace=pymupdf.csRGB)
    a, b = _ink(got), _ink(want)
    return 1000 * sum(1 for x, y in zip(a, b, strict=True) if abs(x - y) > 40) / len(a)


def test_the_pdf_draft_prints_every_page_and_with_notes_shows_the_highlights(
    qtbot: Any, window: MainWindow, samples: Path, tmp_path: Path
) -> None:
    draft = samples / "westshire-plan-v1.pdf"
    session = open_review_of(qtbot, window, draft)
    assert window.window_actions.print_draft.isEnabled()
    assert QKeySequence(QKeySequence.StandardKey.Print) in window.window_actions.print_draft.shortcuts()
    select_pdf_words(qtbot, window, 5, "Visible", "policing")
    window.window_actions.comment.trigger()
    fill_note_dialog(qtbot, window, "More officers on foot, please", visibility="panel")
    [note] = session.review.annotations()
    page, where = note.anchor.page_index, pymupdf.Rect(note.anchor.rects[0])
    assert page is not None
    with pymupdf.open(draft) as source:
        pages = source.page_count
        source_page = source[page]
        assert _looks_like(source_page, source_page.rect, source_page) < 1  # (the check itself)

    plain, noted = tmp_path / "plain.pdf", tmp_path / "noted.pdf"
    _print(qtbot, window, PrintChoice(DRAFT), plain)
    _print(qtbot, window, PrintChoice(ANNOTATED), noted)
    with pymupdf.open(plain) as p, pymupdf.open(noted) as n, pymupdf.open(draft) as source:
        assert p.page_count == n.page_count == pages
        # The print queue (here the file's title) names what is printed.
        assert p.metadata["title"] == source.metadata["title"]
        assert n.metadata["title"] == source.metadata["title"] + " – with my notes"
        source_page = source[page]
        assert _looks_like(p[page], _sheet_box(window, source_page), source_page) < 1
        assert _looks_like(p[page], _sheet_box(window, source_page), source[page + 1]) > 2
        # The sheet is A4 or Letter and the draft A4: the page fills it, so the passage sits about
        # where it sits on the draft's page (scaled to the sheet).
        sheet = _sheet_box(window, source_page)
        scale = sheet.width / source_page.rect.width
        box = pymupdf.Rect(
            sheet.x0 + where.x0 * scale, sheet.y0 + where.y0 * scale,
            sheet.x0 + where.x1 * scale, sheet.y0 + where.y1 * scale,
        )  # fmt: skip
        assert _colour_share(n[page], box, COLOURS[Kind.COMMENT]) > 0.2
        assert _colour_share(p[page], box, COLOURS[Kind.COMMENT]) < 0.02
    assert f"Printed {pages} page(s) to “noted.pdf”" in window.statusBar().currentMessage()


def test_a_page_range_prints_only_those_pages(
    qtbot: Any, window: MainWindow, samples: Path, tmp_path: Path
) -> None:
    open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    out = tmp_path / "range.pdf"
    _print(qtbot, window, PrintChoice(DRAFT), out, first=2, last=4)
    with pymupdf.open(out) as doc:
        assert doc.page_count == 3


def test_the_notes_list_leaves_out_private_notes_unless_asked(
    qtbot: Any, window: MainWindow, samples: Path, tmp_path: Path
) -> None:
    session = open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    select_pdf_words(qtbot, window, 5, "Visible", "policing")
    window.window_actions.comment.trigger()
    fill_note_dialog(qtbot, window, "Shared thought about foot patrols", visibility="panel")
    select_pdf_words(qtbot, window, 5, "Visible", "policing")
    window.window_actions.concern.trigger()
    fill_note_dialog(qtbot, window, "Private worry about the rota", visibility="private")

    shared_only, everything = tmp_path / "shared.pdf", tmp_path / "all.pdf"
    _print(qtbot, window, PrintChoice(NOTES), shared_only)
    _print(qtbot, window, PrintChoice(NOTES, include_private=True), everything)
    assert "private notes" in window.statusBar().currentMessage()
    with pymupdf.open(shared_only) as a, pymupdf.open(everything) as b:  # the print queue's names
        assert a.metadata["title"].endswith("– my notes")
        assert b.metadata["title"].endswith("– my notes (private)")
    # The printout is the "My notes" document (its pages are pictures on paper, so they are
    # compared with that document's pages; its words are read from the document).
    for printout, private in ((shared_only, False), (everything, True)):
        expected = pymupdf.open(stream=pdf_bytes(build_my_notes(session.review, include_private=private)))
        other = pymupdf.open(stream=pdf_bytes(build_my_notes(session.review, include_private=not private)))
        words = " ".join(" ".join(p.get_text() for p in expected).split())
        assert "Shared thought about foot patrols" in words
        assert ("Private worry about the rota" in words) is private
        assert ("Your private working notes are not included" in words) is not private
        with pymupdf.open(printout) as printed:
            assert printed.page_count == expected.page_count
            box = _sheet_box(window, expected[0])
            assert _looks_like(printed[0], box, expected[0]) < 1
            assert _looks_like(printed[0], box, other[0]) > 2


def test_the_dialog_leaves_private_notes_out_unless_ticked(qtbot: Any, window: MainWindow) -> None:
    dialog = PrintChoiceDialog(window, has_review=True, is_pdf=True, private_notes=2)
    qtbot.addWidget(dialog)
    dialog.notes_button.setChecked(True)
    assert dialog.private_box.isEnabled() and not dialog.private_box.isChecked()
    assert dialog.choice() == PrintChoice(NOTES, include_private=False)
    dialog.private_box.setChecked(True)
    assert dialog.choice() == PrintChoice(NOTES, include_private=True)
    dialog.draft_button.setChecked(True)  # the plain draft has no notes on it
    assert not dialog.private_box.isEnabled()
    assert dialog.choice() == PrintChoice(DRAFT, include_private=False)
    without = PrintChoiceDialog(window, has_review=False, is_pdf=False)
    qtbot.addWidget(without)
    assert not without.annotated_button.isEnabled() and not without.notes_button.isEnabled()
    assert without.choice().what == DRAFT


def test_a_word_draft_prints_its_text_and_its_noted_passages(
    qtbot: Any, window: MainWindow, samples: Path, tmp_path: Path
) -> None:
    open_review_of(qtbot, window, samples / "westshire-plan-v1.docx")
    assert window.draft is not None
    text, _starts = full_text(window.draft.document.blocks)
    quote = "neighbourhood policing"
    start = text.find(quote)
    window.reflow_view.setFocus()
    window.reflow_view.select_span(start, start + len(quote))
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # a question
    fill_note_dialog(qtbot, window, "Which wards first?", visibility="panel")
    secret = "by most measures"
    start = text.find(secret)
    window.reflow_view.select_span(start, start + len(secret))
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # a concern, kept private
    fill_note_dialog(qtbot, window, "Ask about the figures", visibility="private")

    plain, noted, everything = tmp_path / "plain.pdf", tmp_path / "noted.pdf", tmp_path / "all.pdf"
    told: list[int] = []
    _print(qtbot, window, PrintChoice(DRAFT), plain, told=told, dpi=0)  # at the printer's resolution
    _print(qtbot, window, PrintChoice(ANNOTATED), noted)
    _print(qtbot, window, PrintChoice(ANNOTATED, include_private=True), everything)
    for printout, private_shown in ((noted, False), (everything, True)):
        with pymupdf.open(printout) as doc:
            hits = [(page, r) for page in doc for r in page.search_for(secret)]
            assert hits
            shown = any(_colour_share(page, r, COLOURS[Kind.CONCERN]) > 0.2 for page, r in hits)
            assert shown is private_shown
    printed = " ".join(_printed_text(plain).split())
    assert "Westshire" in printed and quote in printed
    with pymupdf.open(plain) as doc:
        # Every sheet has the draft's text on it (not only a page number), with 2 cm margins, and
        # the Print dialog was told how many sheets there would be.
        assert doc.page_count == told[0]
        for page in doc:
            words = page.get_text("words")
            assert len(words) > 20, f"sheet {page.number + 1} is nearly blank"
            left = min(w[0] for w in words)
            assert 2 / 2.54 * 72 - 2 <= left < 3 / 2.54 * 72
        assert f"Page 1 of {doc.page_count}" in doc[0].get_text()
    with pymupdf.open(noted) as doc:
        hits = [(page, r) for page in doc for r in page.search_for(quote)]
        assert hits
        assert any(_colour_share(page, r, COLOURS[Kind.QUESTION]) > 0.2 for page, r in hits)
    with pymupdf.open(plain) as doc:
        hits = [(page, r) for page in doc for r in page.search_for(quote)]
        assert not any(_colour_share(page, r, COLOURS[Kind.QUESTION]) > 0.02 for page, r in hits)


def test_a_landscape_page_is_turned_to_fill_a_portrait_sheet(qtbot: Any, tmp_path: Path) -> None:
    area = QRectF(0, 0, 1000, 1414)  # portrait, like A4
    assert not place_page(QSizeF(595, 842), area).turned
    assert place_page(QSizeF(842, 595), area).turned  # a landscape table
    assert not place_page(QSizeF(600, 590), area).turned  # nearly square: no gain in turning
    source = pymupdf.open()
    page = source.new_page(width=842, height=595)
    page.draw_rect(pymupdf.Rect(0, 0, 842, 150), color=(0, 0, 0), fill=(0, 0, 0))  # a band along the top
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "turned.pdf"))
    printer.setResolution(100)
    job = PdfPrintJob(printer, source.tobytes())
    with qtbot.waitSignal(job.finished, timeout=PRINT_TIMEOUT_MS):
        job.start()
    with pymupdf.open(tmp_path / "turned.pdf") as printed:
        sheet = printed[0]
        assert sheet.rect.height > sheet.rect.width  # the paper stays portrait
        pix = sheet.get_pixmap(dpi=20)

        def dark(x: int, y: int) -> bool:
            return sum(pix.pixel(x, y)) < 150

        # Turned a quarter anticlockwise, as printers print landscape pages, the page's top band runs
        # down the sheet's left-hand side.
        middle = pix.height // 2
        assert dark(pix.width // 10, middle) and not dark(pix.width - pix.width // 10, middle)


def test_cancelling_stops_the_printing(qtbot: Any, window: MainWindow, samples: Path, tmp_path: Path) -> None:
    open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    out = tmp_path / "cancelled.pdf"
    window.printing.ask_choice = lambda _dialog: PrintChoice(DRAFT)
    window.printing.ask_printer = _to_file(out)
    seen: list[int] = []

    def cancel_after_first(done: int, _total: int) -> None:
        seen.append(done)
        if done == 1:
            assert window.printing._progress is not None
            window.printing._progress.canceled.emit()  # the member presses Cancel

    window.window_actions.print_draft.trigger()
    job = window.printing.job
    assert job is not None
    job.progressed.connect(cancel_after_first)
    qtbot.waitUntil(lambda: not window.printing.busy, timeout=PRINT_TIMEOUT_MS)
    assert max(seen) < 3
    assert window.statusBar().currentMessage() == "Printing cancelled."
    assert window.window_actions.print_draft.isEnabled()


def test_closing_the_window_while_printing_stops_the_printing_first(
    qtbot: Any, window: MainWindow, samples: Path, tmp_path: Path
) -> None:
    open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    window.printing.ask_choice = lambda _dialog: PrintChoice(DRAFT)
    window.printing.ask_printer = _to_file(tmp_path / "closed.pdf")
    window.window_actions.print_draft.trigger()
    job = window.printing.job
    assert job is not None
    with qtbot.waitSignal(job.progressed, timeout=PRINT_TIMEOUT_MS):
        pass
    with qtbot.waitSignal(job.cancelled, timeout=PRINT_TIMEOUT_MS):
        window.close()  # (the print's own thread must end before the window goes)
    assert not window.isVisible()
    assert not window.printing.busy


def test_a_printout_that_cannot_be_written_gives_a_message_not_a_crash(
    qtbot: Any, window: MainWindow, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_review_of(qtbot, window, samples / "westshire-plan-v1.pdf")
    shown = capture_warnings(monkeypatch)
    _print(qtbot, window, PrintChoice(DRAFT), tmp_path / "no such folder" / "out.pdf")
    assert len(shown) == 1
    title, message = shown[0]
    assert title == "Could not print"
    assert "“out.pdf” cannot be written" in message and "Choose another folder" in message
    assert window.window_actions.print_draft.isEnabled()


def test_a_broken_or_locked_draft_gives_a_message(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "x.pdf"))
    job = PdfPrintJob(printer, b"%PDF-1.7 this is not really a PDF")
    with qtbot.waitSignal(job.failed, timeout=PRINT_TIMEOUT_MS) as failed:
        job.start()
    assert "could not be read as a PDF" in failed.args[0]
    doc = pymupdf.open()
    doc.new_page()
    locked = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="o", user_pw="secret")
    job = PdfPrintJob(printer, locked)
    with qtbot.waitSignal(job.failed, timeout=PRINT_TIMEOUT_MS) as failed:
        job.start()
    assert "password-protected" in failed.args[0]
    # No password needed to read it, but its maker did not allow printing: honoured, and said.
    no_printing = doc.tobytes(
        encryption=pymupdf.PDF_ENCRYPT_AES_256,
        owner_pw="o",
        user_pw="",
        permissions=pymupdf.PDF_PERM_ACCESSIBILITY,
    )
    job = PdfPrintJob(printer, no_printing)
    with qtbot.waitSignal(job.failed, timeout=PRINT_TIMEOUT_MS) as failed:
        job.start()
    assert "cannot be printed" in failed.args[0]
    assert not (tmp_path / "x.pdf").exists()


def test_a_locked_draft_prints_with_the_password_that_opened_it(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, title, text: told.append(text))
    doc = pymupdf.open()
    for n in range(2):
        doc.new_page().insert_text((72, 100), f"Priority {n + 1}: Safer streets", fontsize=16)
    locked = save_pdf(doc, tmp_path / "locked draft.pdf", "secret")
    answer_password("secret")
    with qtbot.waitSignal(window.opener.opened, timeout=PRINT_TIMEOUT_MS):
        window.open_path(locked)
    out = tmp_path / "printed.pdf"
    _print(qtbot, window, PrintChoice(DRAFT), out)  # File › Print…, The draft
    assert told == []
    with pymupdf.open(out) as printed:
        assert printed.page_count == 2
    wrong = PdfPrintJob(QPrinter(), locked.read_bytes(), password="not it")
    with qtbot.waitSignal(wrong.failed, timeout=PRINT_TIMEOUT_MS) as failed:
        wrong.start()
    assert "password-protected" in failed.args[0]
