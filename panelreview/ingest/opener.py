"""Choose a reader by the file's content (not only its name) and give plain-English errors."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from panelreview.core.errors import DocumentError
from panelreview.core.model import DocFormat, Document

# A draft plan is tens of pages; refuse anything absurdly large before reading it into memory.
MAX_FILE_BYTES = 200 * 1024 * 1024

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def open_document(path: str | os.PathLike[str], password: str | None = None, workers: int = 1) -> Document:
    """Read a draft from disk. Raises :class:`DocumentError` (or a subclass) with a clear message.

    ``workers`` > 1 lets a long PDF be read by several processes: command line only, never from
    a process that runs threads (see :mod:`panelreview.ingest.pdf_pages`).
    """
    p = Path(path)
    data = read_file(p)
    return read_document_bytes(data, p.name, password=password, workers=workers)


def default_workers() -> int:
    """How many processes a command-line run may use: up to 4, and only where fork is safe."""
    if not sys.platform.startswith("linux"):
        return 1  # macOS frameworks and Windows have no safe fork
    return min(4, len(os.sched_getaffinity(0)))  # the CPUs this process may run on (at least one)


def read_document_bytes(
    data: bytes, file_name: str, password: str | None = None, workers: int = 1
) -> Document:
    """Read a draft held in memory (for example from a review file)."""
    if not data:
        raise DocumentError(f"“{file_name}” is empty (0 bytes). It may not have finished copying.")
    fmt = sniff_format(data, file_name)
    digest = hashlib.sha256(data).hexdigest()
    if fmt is DocFormat.PDF:
        from panelreview.ingest.pdf_reader import read_pdf

        return read_pdf(data, file_name, digest, password=password, workers=workers)
    if fmt is DocFormat.DOCX:
        from panelreview.ingest.docx_reader import read_docx

        return read_docx(data, file_name, digest)
    from panelreview.ingest.text_reader import read_text

    return read_text(data, file_name, digest, fmt)


def sniff_format(data: bytes, file_name: str) -> DocFormat:
    """Decide how to read a file from its first bytes, falling back on its extension."""
    suffix = Path(file_name).suffix.lower()
    head = data[:1024]
    if b"%PDF-" in head or (suffix == ".pdf" and b"%PDF-" in data[:65536]):
        return DocFormat.PDF
    if data.startswith(OLE2_MAGIC):
        if _is_encrypted_ooxml(data):
            raise DocumentError(
                "This Word document is password-protected. Remove the password in Word "
                "(File › Info › Protect Document) and try again."
            )
        raise DocumentError("This looks like an old Word .doc file; save it as .docx and try again.")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return DocFormat.DOCX
    if suffix == ".pdf" and (b"/Type" in data[:65536] or b" obj" in data[:65536]):
        return DocFormat.PDF  # a PDF without its header: PyMuPDF can often repair it
    if suffix == ".pdf":
        raise DocumentError(f"“{file_name}” is named .pdf but is not a PDF file. It may be damaged.")
    if suffix in (".docx", ".docm", ".dotx", ".doc"):
        raise DocumentError(
            f"“{file_name}” is not a Word .docx file, although its name says so. It may be damaged "
            "or be another kind of file renamed."
        )
    if _looks_binary(head):
        raise DocumentError(
            f"“{file_name}” is not a file PanelReview can read. Open a PDF, a Word .docx or a text file."
        )
    return DocFormat.MARKDOWN if suffix in (".md", ".markdown") else DocFormat.TEXT


def _is_encrypted_ooxml(data: bytes) -> bool:
    # An encrypted .docx is an OLE2 container with an "EncryptionInfo" stream (names are UTF-16LE).
    return "EncryptionInfo".encode("utf-16-le") in data[:1_000_000] or (
        "EncryptedPackage".encode("utf-16-le") in data[:1_000_000]
    )


def _looks_binary(head: bytes) -> bool:
    return b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def read_file(p: Path) -> bytes:
    """A draft's bytes from disk, with a plain-English error for every way reading can fail."""
    name = p.name or str(p)
    try:
        if p.is_dir():
            raise DocumentError(f"“{name}” is a folder, not a file. Choose a draft plan file inside it.")
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DocumentError(
                f"“{name}” is {size // (1024 * 1024)} MB, too large for a draft plan "
                f"(the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB)."
            )
        return p.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"There is no file “{p}”. It may have been moved or renamed.") from None
    except PermissionError:
        raise DocumentError(
            f"PanelReview is not allowed to read “{name}”. Check the file's permissions."
        ) from None
    except IsADirectoryError:
        raise DocumentError(f"“{name}” is a folder, not a file.") from None
    except OSError as exc:
        raise DocumentError(f"“{name}” could not be read: {exc.strerror or exc}.") from None
