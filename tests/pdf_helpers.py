"""Small PDFs for tests: saved plain or locked with a password (AES-256, as councils' tools do)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymupdf

OWNER_PASSWORD = "owner"


def pdf_bytes(doc: Any, password: str | None = None) -> bytes:
    """``doc``'s bytes, locked with ``password`` when one is given; ``doc`` is closed."""
    if password is None:
        data: bytes = doc.tobytes()
    else:
        encryption = pymupdf.PDF_ENCRYPT_AES_256  # type: ignore[attr-defined]
        data = doc.tobytes(encryption=encryption, user_pw=password, owner_pw=OWNER_PASSWORD)
    doc.close()
    return data


def save_pdf(doc: Any, path: Path, password: str | None = None) -> Path:
    """Write ``doc`` to ``path`` (locked with ``password`` when one is given); ``doc`` is closed."""
    path.write_bytes(pdf_bytes(doc, password))
    return path
