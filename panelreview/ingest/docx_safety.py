"""Checks made on a .docx package before any XML in it is parsed.

A .docx is a zip of XML parts. A hostile one can inflate to gigabytes (a zip bomb) or declare XML
entities that expand without end; both are refused here, from the zip directory and the first bytes
of each part, before python-docx inflates anything.
"""

from __future__ import annotations

import io
import re
import zipfile

from panelreview.core.errors import DocumentError

MAX_TOTAL_UNCOMPRESSED = 400 * 1024 * 1024
MAX_PART_UNCOMPRESSED = 150 * 1024 * 1024
MAX_RATIO = 200  # a compression ratio beyond this on a large part is a bomb, not a document
MAX_PARTS = 5000

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MAIN_TYPES = {
    "application/vnd.ms-word.document.macroEnabled.main+xml": (
        "This is a macro-enabled Word file (.docm). Save it as a Word Document (.docx) and try again."
    ),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": (
        "This is a Word template (.dotx), not a document. Create a document from it in Word, save it "
        "as .docx and try again."
    ),
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": (
        "This is a Word template (.dotm), not a document. Save it as a Word Document (.docx) first."
    ),
}
_OVERRIDE = re.compile(rb"<(?:\w+:)?Override\b[^>]*>")
_ATTR = re.compile(rb'(PartName|ContentType)\s*=\s*"([^"]*)"')
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
STRICT_NS = b"http://purl.oclc.org/ooxml/wordprocessingml/main"


def check_package(data: bytes, file_name: str) -> None:
    """Raise :class:`DocumentError` unless ``data`` is a Word package that is safe to inflate."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise _damaged(file_name) from None
    if len(infos) > MAX_PARTS:
        raise DocumentError(f"“{file_name}” has too many parts to be a Word document.")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_PART_UNCOMPRESSED or total > MAX_TOTAL_UNCOMPRESSED:
            raise _bomb(file_name)
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise _bomb(file_name)
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names:
        raise DocumentError(f"“{file_name}” is not a Word document (it is some other kind of zip file).")
    try:
        types = archive.read("[Content_Types].xml")
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                with archive.open(info) as part:
                    head = part.read(4096)
                if _DOCTYPE.search(head):
                    raise DocumentError(
                        f"“{file_name}” contains XML declarations that Word documents never use, so "
                        "PanelReview will not open it. It may have been tampered with."
                    )
                if info.filename == "word/document.xml" and STRICT_NS in head:
                    raise DocumentError(
                        "This Word file is saved as “Strict Open XML”. In Word, use Save As and choose "
                        "“Word Document (.docx)”, then try again."
                    )
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        raise _damaged(file_name) from None
    main_types = _word_part_types(types)
    if WORD_MAIN.encode() in main_types:
        return
    for content_type, message in _MAIN_TYPES.items():
        if content_type.encode() in main_types:
            raise DocumentError(message)
    if "word/document.xml" not in names:
        raise DocumentError(f"“{file_name}” is not a Word document, although it is a zip package.")


def _damaged(file_name: str) -> DocumentError:
    return DocumentError(
        f"“{file_name}” is damaged or incomplete and cannot be opened as a Word document. "
        "Ask for a fresh copy."
    )


def _bomb(file_name: str) -> DocumentError:
    return DocumentError(
        f"“{file_name}” expands to far more data than any draft plan, so PanelReview will not open it."
    )


def _word_part_types(types_xml: bytes) -> list[bytes]:
    """Content types declared for parts under /word/ in ``[Content_Types].xml``."""
    found: list[bytes] = []
    for tag in _OVERRIDE.findall(types_xml):
        attrs = dict(_ATTR.findall(tag))
        if attrs.get(b"PartName", b"").startswith(b"/word/"):
            found.append(attrs.get(b"ContentType", b""))
    return found
