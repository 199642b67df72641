"""``panelreview new | note | recommend | list | search``: the review file from the command line.

Each command is a thin layer over :mod:`panelreview.storage`, the same API the desktop app uses.
Problems the user can fix raise :class:`~panelreview.core.errors.UserError`; the CLI prints one
plain line and exits 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from panelreview.commands import print_json

if TYPE_CHECKING:
    from panelreview.core.review import Annotation, Recommendation
    from panelreview.core.versions import CarryRecord
    from panelreview.storage import Review

KINDS = ("highlight", "comment", "question", "concern", "support")
VISIBILITIES = ("private", "panel", "report")
ROLES = ("member", "independent-member", "chair", "clerk")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("new", help="start a review of a draft plan", description="Start a new review file.")
    p.add_argument("review", metavar="REVIEW", help="the review file to create (.pcpr)")
    p.add_argument("--draft", required=True, metavar="DRAFT", help="the draft plan (PDF, Word or text)")
    p.add_argument("--member", required=True, metavar="NAME", help="your name as it should appear")
    p.add_argument("--role", default="member", choices=ROLES, help="your role on the panel")
    p.add_argument("--council", metavar="NAME", help="the council you represent")
    p.add_argument("--panel", default="", metavar="NAME", help="the panel's name")
    p.add_argument("--plan-title", metavar="TITLE", help="the plan's title (default: from the draft)")
    p.set_defaults(handler=run_new)

    p = sub.add_parser("note", help="add a note to the draft", description="Add a note to a review.")
    _target_args(p)
    p.add_argument("--kind", required=True, choices=KINDS, help="what sort of note")
    p.add_argument("--text", default="", help="the note itself (not needed for a highlight)")
    p.add_argument("--visibility", default="private", choices=VISIBILITIES, help="who may see it")
    p.set_defaults(handler=run_note)

    p = sub.add_parser("recommend", help="add a recommendation", description="Add a recommendation.")
    _target_args(p)
    p.add_argument("--text", required=True, help="the recommendation's wording")
    p.add_argument("--rationale", default="", help="why the panel should make it")
    p.add_argument("--visibility", default="private", choices=VISIBILITIES, help="who may see it")
    p.set_defaults(handler=run_recommend)

    p = sub.add_parser("list", help="list notes and recommendations", description="List a review.")
    p.add_argument("review", metavar="REVIEW")
    p.add_argument("--json", action="store_true", help="print JSON (annotations and recommendations)")
    p.set_defaults(handler=run_list)

    p = sub.add_parser("search", help="search the draft and notes", description="Search a review.")
    p.add_argument("review", metavar="REVIEW")
    p.add_argument("terms", nargs="+", metavar="TERMS", help="words to look for")
    p.set_defaults(handler=run_search)


def _target_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("review", metavar="REVIEW")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--section", metavar="NUMBER_OR_TITLE", help="a section number (2.1) or title")
    where.add_argument("--quote", metavar="TEXT", help="a passage copied from the draft")


def run_new(args: argparse.Namespace) -> int:
    from panelreview.ingest.opener import read_document_bytes, read_file
    from panelreview.storage import ReviewFileError, create_review
    from panelreview.storage.review import review_path

    target = review_path(args.review)
    if target.exists():  # say so before spending time reading the draft
        raise ReviewFileError(f"“{target.name}” already exists. Choose another name, or open it instead.")
    draft = Path(args.draft)
    data = read_file(draft)  # read once: the review file keeps these same bytes
    document = read_document_bytes(data, draft.name)
    review = create_review(
        target,
        data,
        document,
        member_name=args.member,
        role=args.role,
        council=args.council,
        panel_name=args.panel,
        plan_title=args.plan_title,
    )
    with review:
        print(
            f"Started “{review.path.name}” for {review.owner.name}: a review of “{document.file_name}” "
            f"({len(document.sections)} sections found)."
        )
    return 0


def run_note(args: argparse.Namespace) -> int:
    from panelreview.storage import open_review

    with open_review(args.review) as review:
        anchor = review.anchor_for(section=args.section, quote=args.quote)
        change = review.add_annotation(anchor, args.kind, args.text, visibility=args.visibility)
        note = review.annotation(str(change.item_id))
        where = note.section.label if note else ""
        print(f"Saved {args.kind} on {where} ({change.item_id}).")
    return 0


def run_recommend(args: argparse.Namespace) -> int:
    from panelreview.storage import open_review

    with open_review(args.review) as review:
        anchor = review.anchor_for(section=args.section, quote=args.quote)
        change = review.add_recommendation(
            args.text, anchor=anchor, rationale=args.rationale, visibility=args.visibility
        )
        print(f"Saved recommendation ({change.item_id}).")
    return 0


def annotation_json(a: Annotation) -> dict[str, Any]:
    return {
        "id": a.id,
        "kind": a.kind.value,
        "text": a.body,
        "visibility": a.visibility.value,
        "author": a.author.name,
        "author_id": a.author.id,
        "section_number": a.section.number,
        "section_title": a.section.title,
        "heading_path": list(a.anchor.heading_path),
        "quote": a.anchor.quote,
        "page_label": a.anchor.page_label,
        "page": a.anchor.page_index + 1 if a.anchor.page_index is not None else None,
        "tags": list(a.tags),
        "created": a.created,
        "updated": a.updated,
        "replies": [
            {"id": r.id, "author": r.author.name, "text": r.body, "created": r.created} for r in a.replies
        ],
    }


def recommendation_json(r: Recommendation) -> dict[str, Any]:
    return {
        "id": r.id,
        "kind": "recommendation",
        "text": r.wording,
        "rationale": r.rationale,
        "visibility": r.visibility.value,
        "author": r.author.name,
        "author_id": r.author.id,
        "section_number": r.section.number,
        "section_title": r.section.title,
        "heading_path": list(r.anchor.heading_path),
        "quote": r.anchor.quote,
        "panel_status": r.panel_status.value,
        "theme": r.theme,
        "priority": r.priority,
        "supporters": list(r.supporters),
        "response_status": r.response_status,
        "response_text": r.response_text,
        "linked_annotations": list(r.linked_annotations),
        "created": r.created,
        "updated": r.updated,
    }


def _imported(item: dict[str, Any], sources: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A note (and its replies) brought in from an annotated PDF or Word file says which, and as what."""
    item["imported_from"] = sources.get(item["id"])
    for reply in item["replies"]:
        reply["imported_from"] = sources.get(reply["id"])
    return item


def _listing(review: Review) -> dict[str, Any]:
    settings = review.settings
    carried = {c.item_id: c for c in review.carry_records()}
    sources = review.imported_sources()
    return {
        "review": {
            "file": review.path.name,
            "panel_name": settings.panel_name,
            "plan_title": settings.plan_title,
            "owner": review.owner.name,
        },
        "draft": review.version().name,
        "annotations": [
            _imported(_carried(annotation_json(a), carried), sources) for a in review.annotations()
        ],
        "recommendations": [_carried(recommendation_json(r), carried) for r in review.recommendations()],
    }


def _carried(item: dict[str, Any], carried: dict[str, CarryRecord]) -> dict[str, Any]:
    """An item's carry-over: ``carry_status`` (None when written on the current version) and the
    section it had in the version it was carried from."""
    c = carried.get(item["id"])
    item["carry_status"] = c.status.value if c else None
    item["carried_from_section"] = (
        {"number": c.old_section.number, "title": c.old_section.title, "page": c.old_page} if c else None
    )
    return item


def _one_line(text: str | None, width: int = 70) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def run_list(args: argparse.Namespace) -> int:
    from panelreview.storage import open_review

    with open_review(args.review, read_only=True) as review:
        listing = _listing(review)
    if args.json:
        return print_json(listing)
    groups = (("Notes", listing["annotations"]), ("Recommendations", listing["recommendations"]))
    for heading, items in groups:
        print(f"{heading} ({len(items)})")
        for item in items:
            where = " ".join(p for p in (item["section_number"], item["section_title"]) if p) or "whole draft"
            carried = item.get("carry_status")
            mark = f", {carried}" if carried in ("orphaned", "edited") else ""
            print(f"  [{item['kind']}, {item['visibility']}{mark}] {where} — {item['author']}")
            if item["quote"]:
                print(f"      “{_one_line(item['quote'])}”")
            if item["text"]:
                print(f"      {_one_line(item['text'])}")
    return 0


def run_search(args: argparse.Namespace) -> int:
    from panelreview.storage import open_review

    with open_review(args.review, read_only=True) as review:
        hits = review.search(" ".join(args.terms))
    if not hits:
        print("Nothing found.")
        return 0
    names = {"block": "draft", "annotation": "note", "reply": "reply", "recommendation": "recommendation"}
    for hit in hits:
        what = names.get(hit.item_type, hit.item_type)
        print(f"{hit.section.label} ({what}): {_one_line(hit.snippet, 90)}")
    return 0
