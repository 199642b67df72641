"""A review of a password-protected draft made by an older PanelReview kept the draft's whole text
in its search index, readable by anyone who can open the file. Opening it for editing takes that
text out, leaving no copy in the file, and keeps everything the member wrote."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pymupdf

from panelreview.core.anchor import anchor_quote
from panelreview.core.review import Kind
from panelreview.ingest import open_document
from panelreview.storage import create_review, open_review
from panelreview.storage.queries import LOCKED_TEXT_CHECKED
from tests.pdf_helpers import save_pdf

SECRET = "Unpublished precept budget of 4.2 million"


def _pdf(path: Path, password: str | None) -> Path:
    doc = pymupdf.open()  # type: ignore[no-untyped-call]
    page = doc.new_page()
    page.insert_text((72, 100), "Priority 1: Safer streets", fontsize=16)
    page.insert_text((72, 140), "We will put more officers on patrol in town centres.", fontsize=11)
    page.insert_text((72, 170), SECRET + " is set aside for the new control room.", fontsize=11)
    return save_pdf(doc, path, password)


def _old_style_review(tmp_path: Path, password: str | None) -> Path:
    """A review as PanelReview made it before: the draft's text in the search index, a note on it.

    (Made from the same draft unlocked, then given the locked draft's bytes, since this version
    no longer writes such a file.)"""
    plain = _pdf(tmp_path / "plain.pdf", None)
    document = open_document(plain)
    review = create_review(
        tmp_path / "draft.pcpr", plain.read_bytes(), document, member_name="Cllr Ann Jones"
    )
    review.add_annotation(anchor_quote(document, "more officers on patrol"), Kind.QUESTION, "How many?")
    assert review.search("precept")  # the draft's text is indexed
    review.close()
    path = tmp_path / "draft.pcpr"
    if password is not None:
        locked = _pdf(tmp_path / "locked.pdf", password).read_bytes()
        conn = sqlite3.connect(path)
        conn.execute("UPDATE drafts SET data = ?", [locked])
        conn.execute("DELETE FROM settings WHERE key = ?", [LOCKED_TEXT_CHECKED])  # not checked yet
        conn.commit()
        conn.close()
    return path


def _file_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_opening_an_old_review_of_a_locked_draft_takes_its_text_out_of_the_file(tmp_path: Path) -> None:
    path = _old_style_review(tmp_path, "panel")
    assert b"precept budget" in _file_bytes(path)  # (the older version's file did hold it)
    with open_review(path) as review:
        assert review.search("precept") == []
        assert [n.body for n in review.annotations()] == ["How many?"]
    assert b"precept budget" not in _file_bytes(path)
    assert b"new control room" not in _file_bytes(path)  # (a note keeps only a few words either side)
    with open_review(path) as review:  # and it stays a sound review
        assert [n.body for n in review.annotations()] == ["How many?"]


def test_an_unlocked_draft_keeps_its_search_and_a_read_only_look_changes_nothing(tmp_path: Path) -> None:
    path = _old_style_review(tmp_path, None)
    with open_review(path) as review:
        assert review.search("precept")  # an unlocked draft's text stays searchable
    locked = tmp_path / "locked"
    locked.mkdir()
    path = _old_style_review(locked, "panel")
    before = path.read_bytes()
    with open_review(path, read_only=True) as review:
        assert review.annotations()
    assert path.read_bytes() == before
