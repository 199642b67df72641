"""Report writers: the panel's report to the commissioner, a member's notes, the annotated draft.

    export_report(review, Path("Report.docx"), shape="table", appendix="named")
    export_my_notes(review, Path("My notes.pdf"))
    export_annotated_draft(review, Path("Draft with my notes.pdf"))

The format follows the output's extension (.docx or .pdf). Files are written atomically. Problems
the user can act on raise :class:`ExportError`. No Qt here; python-docx and PyMuPDF are imported
only when a file is written, so importing this package stays cheap.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from panelreview.export.errors import ExportError

if TYPE_CHECKING:
    from panelreview.export.blocks import Exported
    from panelreview.storage import Review

__all__ = [
    "ExportError",
    "export_annotated_draft",
    "export_my_notes",
    "export_report",
    "save_default_template",
]

FORMATS = (".docx", ".pdf")


def _write(exported: Exported, out: Path, template: Path | None = None) -> Path:
    if out.suffix.lower() == ".pdf":
        from panelreview.export.pdf_writer import write_pdf

        return write_pdf(exported, out)
    from panelreview.export.docx_writer import write_docx

    return write_docx(exported, out, template)


def export_report(
    review: Review,
    out: Path,
    *,
    shape: str = "report",
    template: Path | None = None,
    appendix: str = "anonymous",
    numbering: str = "1",
    statutory_content: bool = False,
) -> Path:
    """Write the panel's report to the commissioner as .docx or .pdf; returns the file written.

    ``shape``: "report" (numbered recommendations), "letter" (from the chair) or "table"
    (comment and response columns). ``appendix``: members' comments "named", "anonymous" or
    "none". ``numbering``: "1" (1, 2, 3), "R1" (R1, R2) or "theme" (2.1 by theme).
    ``template``: a council's .docx/.dotx whose styles, letterhead, header and footer the Word
    report uses (the PDF has PanelReview's own layout). ``statutory_content``: add an appendix
    saying what the draft sets out of what the law asks a plan to set out (the statutory checklist).
    """
    from panelreview.export.atomic import check_target
    from panelreview.export.numbering import parse_scheme
    from panelreview.export.parts import parse_appendix
    from panelreview.export.shapes import build, parse_shape

    target = check_target(Path(out), FORMATS)
    shape, appendix, numbering = parse_shape(shape), parse_appendix(appendix), parse_scheme(numbering)
    if template is not None and target.suffix.lower() == ".docx":
        from panelreview.export.docx_template import load_template

        load_template(Path(template))  # a bad template fails before any work is done
    exported = build(review, shape=shape, appendix=appendix, numbering=numbering)
    if statutory_content:
        from panelreview.export.statutory_content import statutory_content_blocks

        exported.extend(statutory_content_blocks(review))
    return _write(exported, target, Path(template) if template is not None else None)


def export_my_notes(review: Review, out: Path, *, include_private: bool = True) -> Path:
    """Write the review owner's own notes and recommendations, by section, as .docx or .pdf.

    Private working notes are included (and marked) unless ``include_private`` is False; the
    document says so on its first page.
    """
    from panelreview.export.atomic import check_target
    from panelreview.export.my_notes import build_my_notes

    target = check_target(Path(out), FORMATS)
    return _write(build_my_notes(review, include_private=include_private), target)


def export_annotated_draft(review: Review, out: Path, *, include_private: bool = False) -> Path:
    """Write the current draft PDF with the review's notes as standard PDF annotations.

    Highlights and sticky notes carry author, date and kind; replies are threaded (``/IRT``), so
    Acrobat and other readers show them as a conversation. Private working notes are left out
    unless ``include_private`` (then each is labelled private and the file says so).
    """
    from panelreview.export.annotated_draft import write_annotated_draft
    from panelreview.export.atomic import check_target

    target = check_target(Path(out), (".pdf",))
    return write_annotated_draft(review, target, include_private=include_private)


def save_default_template(out: Path) -> Path:
    """Write PanelReview's default report template, for a clerk to adapt (logo, letterhead)."""
    from panelreview.export.atomic import check_target
    from panelreview.export.docx_template import save_template

    return save_template(check_target(Path(out), (".docx", ".dotx")))
