"""The review API as the UI and the CLI use it: each call saves, says what changed and can be undone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from panelreview.core.anchor import AnchorError
from panelreview.core.review import InvalidValue, Kind, Visibility
from panelreview.storage import Review, open_review


def test_new_review_has_configurable_titles_with_defaults(review: Review) -> None:
    settings = review.settings
    assert settings.commissioner_title == "Police and Crime Commissioner"
    assert settings.panel_title == "Police and Crime Panel"
    assert settings.panel_name == "Westshire"
    assert "partly accepted" in settings.response_statuses
    review.update_settings(
        commissioner_title="Police, Fire and Crime Commissioner", meeting_date="2026-02-03"
    )
    assert review.settings.commissioner_title == "Police, Fire and Crime Commissioner"
    assert review.settings.meeting_date == "2026-02-03"
    assert review.owner.name == "Cllr Ann Jones"


def test_note_on_a_quote_keeps_every_selector(review: Review) -> None:
    change = review.add_annotation(
        review.anchor_for(quote="Commissioner's priorities for keeping\n people safe"), "concern", "Which?"
    )
    (note,) = review.annotations()
    assert note.id == change.item_id
    assert note.section.number == "2.1"
    assert note.anchor.quote == "Commissioner’s priorities for keeping people safe"
    assert note.anchor.prefix and note.anchor.prefix.endswith("The plan sets out the ")
    assert note.anchor.suffix and note.anchor.suffix.startswith(" in Westshire.")
    assert note.anchor.heading_path[0] == "2 Background"
    text_start, text_end = note.anchor.start, note.anchor.end
    assert text_start is not None and text_end is not None and text_end - text_start == len(note.anchor.quote)


def test_missing_or_ambiguous_quote_is_a_clear_error(review: Review) -> None:
    with pytest.raises(AnchorError, match="not in the draft"):
        review.anchor_for(quote="defund the police")
    with pytest.raises(AnchorError, match="appears 2 times"):
        review.anchor_for(quote="the draft")
    with pytest.raises(AnchorError, match="no section"):
        review.anchor_for(section="9.9")


def test_edit_delete_and_undo_redo(review: Review) -> None:
    added = review.add_annotation(review.anchor_for(section="3.1"), Kind.COMMENT, "First thoughts")
    note_id = str(added.item_id)
    edited = review.edit_annotation(note_id, body="Second thoughts", visibility="panel")
    assert review.annotations()[0].body == "Second thoughts"
    review.apply(edited.inverse())
    (note,) = review.annotations()
    assert (note.body, note.visibility) == ("First thoughts", Visibility.PRIVATE)
    review.apply(edited)
    assert review.annotations()[0].body == "Second thoughts"

    deleted = review.delete_annotation(note_id)
    assert review.annotations() == []
    assert review.search("thoughts") == []
    review.apply(deleted.inverse())
    assert [a.body for a in review.annotations()] == ["Second thoughts"]
    assert [h.item_id for h in review.search("thoughts")] == [note_id]

    review.apply(added.inverse())
    assert review.annotations() == []
    review.apply(added)
    assert len(review.annotations()) == 1


def test_deleted_note_stays_as_a_tombstone_with_newer_time(review: Review, review_path: Path) -> None:
    change = review.add_annotation(review.anchor_for(section="2"), "support", "Good")
    review.delete_annotation(str(change.item_id))
    review.close()
    conn = sqlite3.connect(review_path)
    deleted, created, updated = conn.execute("SELECT deleted, created, updated FROM annotations").fetchone()
    conn.close()
    assert deleted == 1 and updated > created


def test_replies_form_a_thread(review: Review) -> None:
    note = review.add_annotation(review.anchor_for(section="3.2"), "question", "Funded how?")
    first = review.add_reply(str(note.item_id), "From the precept, I think.")
    review.add_reply(str(note.item_id), "Let's ask at the meeting.")
    (annotation,) = review.annotations()
    assert [r.body for r in annotation.replies] == ["From the precept, I think.", "Let's ask at the meeting."]
    assert annotation.replies[0].author.name == "Cllr Ann Jones"
    review.apply(first.inverse())
    assert len(review.annotations()[0].replies) == 1


def test_recommendation_links_and_response_status(review: Review) -> None:
    note = review.add_annotation(
        review.anchor_for(section="3.1"), "concern", "Rural crime is missing targets"
    )
    rec = review.add_recommendation(
        "The Panel recommends that the Commissioner sets a target for rural burglary.",
        anchor=review.anchor_for(section="3.1"),
        rationale="Members heard concerns",
        annotation_ids=[str(note.item_id)],
    )
    rec_id = str(rec.item_id)
    (stored,) = review.recommendations()
    assert stored.linked_annotations == (note.item_id,)
    assert stored.section.number == "3.1" and stored.linked_sections == (stored.section.id,)
    unlinked = review.unlink(rec_id, annotation_id=str(note.item_id))
    assert review.recommendations()[0].linked_annotations == ()
    review.apply(unlinked.inverse())
    assert review.recommendations()[0].linked_annotations == (note.item_id,)

    review.edit_recommendation(rec_id, panel_status="agreed", response_status="partly accepted")
    assert review.recommendations()[0].response_status == "partly accepted"
    with pytest.raises(InvalidValue, match="response statuses"):
        review.edit_recommendation(rec_id, response_status="ignored")


def test_lists_filter_by_section_kind_author_and_visibility(review: Review) -> None:
    review.add_annotation(review.anchor_for(section="3.1"), "concern", "a", visibility="panel")
    review.add_annotation(review.anchor_for(section="3.1"), "support", "b")
    review.add_annotation(review.anchor_for(section="1"), "comment", "c", visibility="report")
    sec = review.anchor_for(section="3.1").section_id
    assert {a.body for a in review.annotations(section_ids=[sec] if sec is not None else [])} == {"a", "b"}
    assert [a.body for a in review.annotations(kind="support")] == ["b"]
    assert [a.body for a in review.annotations(visibility="report")] == ["c"]
    assert len(review.annotations(author_id=review.owner.id)) == 3
    assert review.annotations(author_id="someone else") == []


def test_search_covers_draft_notes_and_recommendations_and_points_to_sections(review: Review) -> None:
    review.add_annotation(review.anchor_for(section="1.1"), "comment", "Ask about drones")
    review.add_recommendation("Publish the drone policy", anchor=review.anchor_for(section="2.2"))
    hits = review.search("drone")
    assert {(h.item_type, h.section.number) for h in hits} == {
        ("annotation", "1.1"),
        ("recommendation", "2.2"),
    }
    (draft_hit,) = review.search("burglary")
    assert draft_hit.item_type == "block" and draft_hit.section.number == "3.1"
    assert "[burglary]" in draft_hit.snippet
    assert review.search('"unbalanced AND (') == []  # user text never breaks the query


def test_change_log_is_append_only(review: Review, review_path: Path) -> None:
    review.add_annotation(review.anchor_for(section="2"), "comment", "x")
    log = review.change_log()
    assert [e["action"] for e in log][-1] == "Add comment" and log[-1]["member"] == "Cllr Ann Jones"
    review.close()
    conn = sqlite3.connect(review_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM change_log")
    conn.close()


def test_review_opens_without_the_original_draft_or_reparsing(
    review_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import panelreview.ingest

    def no_parsing(*_a: object, **_k: object) -> None:
        raise AssertionError("listing re-parsed the draft")

    monkeypatch.setattr(panelreview.ingest, "read_document_bytes", no_parsing)
    with open_review(review_path) as review:
        review.add_annotation(review.anchor_for(section="Priorities"), "comment", "Listed from the cache")
        assert review.annotations()[0].section.title == "Priorities"
    monkeypatch.undo()
    with open_review(review_path) as review:  # a quote needs the draft: read from the bytes kept inside
        review.add_annotation(review.anchor_for(quote="new reporting line"), "support", "Yes")
        assert review.document().file_name == "westshire-draft.txt"


def test_empty_note_is_refused_but_a_highlight_needs_no_text(review: Review) -> None:
    with pytest.raises(InvalidValue, match="empty"):
        review.add_annotation(review.anchor_for(section="2"), "comment", "   ")
    review.add_annotation(review.anchor_for(quote="new reporting line"), "highlight")
    assert review.annotations()[0].kind is Kind.HIGHLIGHT
