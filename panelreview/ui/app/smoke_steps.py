"""The member's steps the smoke test takes (see :mod:`panelreview.ui.app.smoke`), each checked."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from panelreview.core.review import Kind, Role, Visibility
from panelreview.ui.app.main_window import MainWindow
from panelreview.ui.app.smoke_harness import NOTE_TEXT, RECOMMENDATION_TEXT, Harness, SmokeFailure, say
from panelreview.ui.dialogs.export_dialog import REPORT, ReportOptions
from panelreview.ui.dialogs.review_setup import Setup, save_setup
from panelreview.ui.reader.document_worker import LoadedDraft

MEMBER = "Smoke Test"


def exercise(harness: Harness, window: MainWindow, folder: Path) -> None:
    harness.watch(lambda: _no_dialog(harness))
    reviews = folder / "reviews"
    reviews.mkdir()  # the setup dialog makes the folder a member chooses
    save_setup(Setup(MEMBER, Role.MEMBER, reviews))  # as if the member had answered “About you” before
    draft = open_sample(harness, window)
    say(
        f"opened the sample draft: {len(draft.document.sections)} sections, "
        f"{len(draft.page_sizes)} pages, after {harness.elapsed():.2f} s"
    )
    harness.wait_until(lambda: window.session is not None, "the new review to be created")
    session = window.session
    assert session is not None
    if session.path.parent != reviews:
        raise SmokeFailure(f"the review was created in {session.path.parent}, not in the member's folder")
    say(f"review created: {session.path.name}")

    review = session.review
    section = next((s for s in draft.document.sections if s.number), draft.document.sections[0])
    anchor = review.anchor_for(section=section.number or section.title)
    note = session.run(
        lambda: review.add_annotation(anchor, Kind.CONCERN, NOTE_TEXT, visibility=Visibility.PANEL)
    )
    if note is None or note.item_id is None:
        raise SmokeFailure(f"the note was not added: {session.last_error}")
    note_id = note.item_id
    recommendation = session.run(
        lambda: review.add_recommendation(
            RECOMMENDATION_TEXT, anchor=anchor, visibility=Visibility.REPORT, annotation_ids=[note_id]
        )
    )
    if recommendation is None:
        raise SmokeFailure(f"the recommendation was not added: {session.last_error}")
    if session.undo_stack.count() != 2:
        raise SmokeFailure(f"expected two undo steps, found {session.undo_stack.count()}")
    saved_note = review.annotation(note_id)
    if saved_note is None or saved_note.body != NOTE_TEXT:
        raise SmokeFailure("the note is not in the review file")
    wording = [r.wording for r in review.panel_recommendations()]
    if wording != [RECOMMENDATION_TEXT]:
        raise SmokeFailure(f"the report's recommendations are {wording!r}")
    say(f"added a note and a recommendation on section “{section.label}”")

    for suffix in (".docx", ".pdf"):
        out = export_report(harness, window, session.path, folder / f"Panel report{suffix}")
        if _words(RECOMMENDATION_TEXT) not in _words(report_text(out)):
            raise SmokeFailure(f"the recommendation is not in the exported {out.name}")
        if suffix == ".pdf" and not pdf_is_tagged(out):  # Typst (the tagged PDF engine) is in this build
            raise SmokeFailure(f"{out.name} is not a tagged PDF: the PDF engine is missing from this build")
        say(f"exported {out.name} ({out.stat().st_size:,} bytes) with the recommendation in it")

    printed = print_to_file(harness, window, folder / "Printed draft with notes.pdf")
    if printed != len(draft.page_sizes):
        raise SmokeFailure(f"printing the draft with notes gave {printed} pages, not {len(draft.page_sizes)}")
    say(f"printed the draft with notes to a PDF printer: {printed} pages")


def open_sample(harness: Harness, window: MainWindow) -> LoadedDraft:
    """File → Open the Sample Draft, and wait for the draft to be shown."""
    opened: list[LoadedDraft] = []
    failed: list[str] = []
    window.opener.opened.connect(opened.append)
    window.opener.open_failed.connect(failed.append)
    window.window_actions.open_sample.trigger()
    harness.wait_until(lambda: bool(opened or failed), "the sample draft to open")
    if failed:
        raise SmokeFailure(f"the sample draft did not open: {failed[0]}")
    draft = opened[0]
    if not draft.document.sections:
        raise SmokeFailure("PanelReview found no sections in the sample draft")
    return draft


def export_report(harness: Harness, window: MainWindow, review_path: Path, out: Path) -> Path:
    """File → Export the Report, past its two dialogs: the window's exporter, on its worker thread."""
    done: list[Path] = []
    failed: list[str] = []

    def on_done(*args: object) -> None:  # (path, ...): the first argument is the file written
        done.append(Path(str(args[0])))

    def on_failed(*args: object) -> None:
        failed.append(str(args[0]))

    window.exporter.finished.connect(on_done)
    window.exporter.failed.connect(on_failed)
    try:
        window.exporter.start(REPORT, review_path, out, ReportOptions())
        harness.wait_until(lambda: bool(done or failed), f"“{out.name}” to be exported")
    finally:
        window.exporter.finished.disconnect(on_done)
        window.exporter.failed.disconnect(on_failed)
    if failed:
        raise SmokeFailure(f"exporting {out.name} failed: {failed[0]}")
    written = Path(done[0])
    if not written.is_file() or written.stat().st_size == 0:
        raise SmokeFailure(f"exporting {out.name} wrote no file")
    return written


def print_to_file(harness: Harness, window: MainWindow, out: Path) -> int:
    """File › Print… → "The draft with my notes", past the Print dialog to a PDF file; the pages printed."""
    import os

    import pymupdf
    from PySide6.QtPrintSupport import QPrinter

    from panelreview.ui.dialogs.print_dialog import ANNOTATED, PrintChoice

    # The smoke test prints to a file and never asks the computer's print server for its printers:
    # CUPS is pointed at a socket that does not exist (a member's File › Print… does ask it).
    os.environ["CUPS_SERVER"] = str(out.parent / "no-print-server.sock")

    def to_file(_parent: object, printer: QPrinter, _count: int) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(72)  # quick: this checks the printing works, not how sharp it is
        return True

    window.printing.ask_choice = lambda _dialog: PrintChoice(ANNOTATED)
    window.printing.ask_printer = to_file
    window.window_actions.print_draft.trigger()
    harness.wait_until(lambda: not window.printing.busy, f"“{out.name}” to be printed")
    if not out.is_file():
        raise SmokeFailure(f"printing wrote no {out.name}")
    with pymupdf.open(out) as doc:
        return int(doc.page_count)


def report_text(path: Path) -> str:
    """The visible text of an exported Word or PDF report."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as package:
            xml = package.read("word/document.xml").decode("utf-8")
        paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, re.DOTALL)
        texts = ("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)) for p in paragraphs)
        return html.unescape("\n".join(texts))
    import pymupdf

    with pymupdf.open(path) as pdf:
        return " ".join(page.get_text() for page in pdf)


def pdf_is_tagged(path: Path) -> bool:
    """Whether a PDF is tagged for screen readers (``/MarkInfo /Marked true`` and a structure tree)."""
    import pymupdf

    with pymupdf.open(path) as pdf:
        catalog = pdf.pdf_catalog()
        marked = pdf.xref_get_key(catalog, "MarkInfo/Marked")[1] == "true"
        return bool(marked and pdf.xref_get_key(catalog, "StructTreeRoot")[0] == "xref")


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _no_dialog(harness: Harness) -> None:
    """A dialog needing an answer means a step went wrong: note what it said and close it."""
    modal = QApplication.activeModalWidget()
    if modal is None or isinstance(modal, QProgressDialog):
        return
    said = modal.text() if isinstance(modal, QMessageBox) else ""
    harness.problems.add(f"a dialog appeared: “{modal.windowTitle()}” {said}".strip())
    modal.close()
