"""Read the notes in an annotated PDF or a commented Word file into one neutral model."""

from __future__ import annotations

import os
from pathlib import Path

from panelreview.core.errors import DocumentError
from panelreview.core.imported_notes import NotesFile
from panelreview.core.model import DocFormat
from panelreview.ingest.opener import read_file, sniff_format

NOT_NOTES = (
    "“{name}” is {what}, which cannot hold notes made in another program. Choose a PDF someone "
    "annotated (in Acrobat, Edge, Preview...) or a Word file with comments."
)


def read_notes_bytes(data: bytes, file_name: str, password: str | None = None) -> NotesFile:
    """The notes in a file held in memory. PasswordRequired/WrongPassword for a locked PDF."""
    if not data:
        raise DocumentError(f"“{file_name}” is empty (0 bytes). It may not have finished copying.")
    fmt = sniff_format(data, file_name)
    if fmt is DocFormat.PDF:
        from panelreview.ingest.pdf_notes import read_pdf_notes

        return read_pdf_notes(data, file_name, password)
    if fmt is DocFormat.DOCX:
        from panelreview.ingest.docx_notes import read_docx_notes

        return read_docx_notes(data, file_name)
    raise DocumentError(NOT_NOTES.format(name=file_name, what="a text file"))


def read_notes(path: str | os.PathLike[str], password: str | None = None) -> NotesFile:
    """The notes in an annotated PDF or a Word file with comments, read from disk."""
    p = Path(path)
    return read_notes_bytes(read_file(p), p.name, password)
