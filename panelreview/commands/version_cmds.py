"""``panelreview carry-over | versions | changes | addressed``: a new version of the draft.

    panelreview carry-over Plan.pcpr --to "Plan v2.pdf" [--label "Final draft"] [--dated 2025-02-06] [--json]
    panelreview carry-over Plan.pcpr --undo
    panelreview versions Plan.pcpr [--json]
    panelreview changes Plan.pcpr [--section 2.3] [--json]
    panelreview addressed Plan.pcpr REC --status partly --text "Baseline added, no target."

Thin layers over :class:`panelreview.storage.Review` (see :mod:`panelreview.core.versions`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from panelreview.commands import print_json

if TYPE_CHECKING:
    from panelreview.core.review import SectionRef
    from panelreview.core.versions import CarryRecord
    from panelreview.storage import Review

STATUSES = ("addressed", "partly", "not-addressed", "no-longer-relevant")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "carry-over",
        help="carry a review over to a new version of the draft",
        description="Add a new version of the draft to a review and carry every note and "
        "recommendation over to it. Each item is unchanged, moved, edited or orphaned (listed for "
        "you to look at); nothing is lost. Undo with --undo.",
    )
    p.add_argument("review", metavar="REVIEW")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--to", metavar="NEW_DRAFT", help="the new version of the draft (PDF, Word or text)")
    what.add_argument("--undo", action="store_true", help="undo the last carry-over")
    p.add_argument("--label", metavar="LABEL", help='what the draft calls itself, e.g. "Final draft"')
    p.add_argument("--dated", metavar="DATE", help="the date the draft bears (YYYY-MM-DD)")
    p.add_argument("--json", action="store_true", help="print every item's id, kind, status and sections")
    p.add_argument(
        "--anyway", action="store_true", help="carry over even if the draft looks like another plan"
    )
    p.set_defaults(handler=run_carry_over)

    p = sub.add_parser("versions", help="list the versions of the draft in a review")
    p.add_argument("review", metavar="REVIEW")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_versions)

    p = sub.add_parser(
        "changes",
        help="what changed between versions of the draft",
        description="List the sections that changed since the previous version of the draft, or "
        "with --section show one section's changes word by word ([-removed-] {+added+}).",
    )
    p.add_argument("review", metavar="REVIEW")
    p.add_argument("--section", metavar="NUMBER_OR_TITLE", help="a section of the current version")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_changes)

    p = sub.add_parser(
        "addressed",
        help="was a recommendation addressed in the new version?",
        description="Show how the sections a recommendation cites changed, and record whether the "
        "current version of the draft addressed it.",
    )
    p.add_argument("review", metavar="REVIEW")
    p.add_argument(
        "recommendation", metavar="REC", help="the recommendation's id (or its start), or panel number"
    )
    p.add_argument("--status", choices=STATUSES, help="your judgement")
    p.add_argument("--text", default="", help="a comment on the judgement")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_addressed)


def _section(ref: SectionRef | None, page: str | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {"id": ref.id, "number": ref.number, "title": ref.title, "page": page}


def record_json(c: CarryRecord) -> dict[str, Any]:
    return {
        "id": c.item_id,
        "kind": c.kind,
        "status": c.status.value,
        "evidence": c.evidence,
        "old_section": _section(c.old_section, c.old_page),
        "new_section": _section(c.new_section, c.new_page),
        "old_quote": c.old_quote,
        "new_quote": c.new_quote,
        "resolution": c.resolution,
    }


def _where(ref: SectionRef | None, page: str | None) -> str:
    if ref is None:
        return "no place in this version"
    return ref.label + (f" (p. {page})" if page else "")


def run_carry_over(args: argparse.Namespace) -> int:
    from panelreview.ingest.opener import read_document_bytes, read_file
    from panelreview.storage import open_review

    with open_review(args.review) as review:
        if args.undo:
            review.undo_last_carry_over()
            print(f"Undone: the review is back on {review.version().name}.")
            return 0
        path = Path(args.to)
        data = read_file(path)
        document = read_document_bytes(data, path.name)
        change = review.add_draft_version(
            data, document, label=args.label, dated=args.dated, different_plan=args.anyway
        )
        version = review.version(change.item_id)
        records = review.carry_records(version.id)
        summary = review.carry_summary(version.id)
        if args.json:
            return print_json(
                {
                    "draft": {"id": version.id, "version": version.version_no, "label": version.label,
                              "dated": version.dated, "file": version.file_name},
                    "already_current": change.is_empty,
                    "summary": summary.counts,
                    "items": [record_json(c) for c in records],
                }
            )  # fmt: skip
        if change.is_empty:
            print(f"{version.name} is already the current version of the draft. Nothing changed.")
            return 0
        counts = ", ".join(f"{n} {status}" for status, n in summary.counts.items() if n) or "no items"
        print(f"Carried {summary.total} items over to {version.name}: {counts}.")
        for c in records:
            if not c.needs_attention:
                continue
            print(
                f"  [{c.status.value}] {c.kind} on {_where(c.old_section, c.old_page)}: {_one_line(c.text)}"
            )
            if c.status.value == "edited":
                print(f"      now at {_where(c.new_section, c.new_page)}")
                if c.old_quote and c.new_quote and c.old_quote != c.new_quote:
                    print(f"      was “{_one_line(c.old_quote)}”")
                    print(f"      now “{_one_line(c.new_quote)}”")
            elif c.old_quote:
                print(f"      was “{_one_line(c.old_quote)}”")
        if summary.needs_attention:
            print(f"{summary.needs_attention} items need a look (listed above). Undo with --undo.")
    return 0


def _one_line(text: str | None, width: int = 70) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def run_versions(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from panelreview.storage import open_review

    with open_review(args.review, read_only=True) as review:
        versions = review.versions()
    if args.json:
        return print_json([asdict(v) for v in versions])
    for v in versions:
        mark = "*" if v.is_current else " "
        dated = f", dated {v.dated}" if v.dated else ""
        print(f"{mark} {v.name}: {v.file_name}{dated}")
    return 0


def _changes(review: Review, section: str | None) -> dict[str, Any]:
    from panelreview.core.anchor import find_section
    from panelreview.core.compare import compare_sections

    new_id = review.current_draft_id
    old_id = review.previous_version_id()
    if old_id is None:
        from panelreview.core.errors import UserError

        raise UserError("This review has only one version of the draft, so nothing has changed yet.")
    old_v, new_v = review.version(old_id), review.version(new_id)
    head = {"old": old_v.name, "new": new_v.name}
    old_sections = {s.id: s for s in review.sections(old_id)}
    if section is None:
        changes = review.section_changes(old_id, new_id)
        rows = []
        for s in review.sections(new_id):
            c = changes.get(s.id)
            if c is not None:
                old = old_sections.get(c.old_section_id) if c.old_section_id is not None else None
                rows.append({"section": s.label, "page": s.page_start, "how": c.how,
                             "was": old.label if old else None})  # fmt: skip
        for sid in review.removed_sections(old_id, new_id):
            old = old_sections[sid]
            rows.append({"section": None, "page": None, "how": "removed", "was": old.label})
        return {**head, "sections": rows}
    new_section = find_section(review.sections(new_id), section)
    counterpart = review.section_counterparts(old_id, new_id).get(new_section.id)
    old_section = old_sections.get(counterpart) if counterpart is not None else None
    comparison = compare_sections(review.document(old_id), old_section, review.document(new_id), new_section)
    return {
        **head,
        "section": new_section.label,
        "was": old_section.label if old_section else None,
        "summary": comparison.summary(),
        "text": comparison.plain_text(),
    }


def run_changes(args: argparse.Namespace) -> int:
    from panelreview.storage import open_review

    with open_review(args.review, read_only=True) as review:
        found = _changes(review, args.section)
    if args.json:
        return print_json(found)
    print(f"From {found['old']} to {found['new']}:")
    if "sections" in found:
        if not found["sections"]:
            print("  No section changed.")
        for row in found["sections"]:
            if row["how"] == "removed":
                print(f"  removed: {row['was']}")
            elif row["how"] == "added":
                print(f"  added: {row['section']}")
            else:
                was = f" (was “{row['was']}”)" if row["was"] and row["was"] != row["section"] else ""
                print(f"  {row['how']}: {row['section']}{was}")
        return 0
    was = found["was"] or "(not in the previous version)"
    print(f"{found['section']} (was {was}): {found['summary']}")
    print()
    print(found["text"])
    return 0


def _find_recommendation(review: Review, wanted: str) -> str:
    from panelreview.core.review import InvalidValue

    key = wanted.strip().lower()
    recs = review.recommendations()
    exact = [r for r in recs if r.id == key or (r.number or "").lower() == key]
    found = exact or [r for r in recs if len(key) >= 6 and r.id.startswith(key)]
    if len(found) == 1:
        return found[0].id
    if not found:
        raise InvalidValue(
            f"There is no recommendation “{wanted}” in this review. `panelreview list` shows their ids."
        )
    raise InvalidValue(f"“{wanted}” matches {len(found)} recommendations. Give more of its id.")


def run_addressed(args: argparse.Namespace) -> int:
    from panelreview.storage import open_review

    with open_review(args.review, read_only=args.status is None) as review:
        rec_id = _find_recommendation(review, args.recommendation)
        if args.status is not None:
            review.record_addressed(rec_id, args.status, args.text)
        view = review.addressed_view(rec_id)
        old_v, new_v = review.version(view.old_draft_id), review.version(view.new_draft_id)
    cited = [
        {"old": _section(c.old, c.old_page), "new": _section(c.new, c.new_page), "how": c.how}
        for c in view.cited
    ]
    judgement = view.judgement
    found = {
        "recommendation": rec_id,
        "old_version": old_v.name,
        "new_version": new_v.name,
        "cited": cited,
        "status": judgement.status.value if judgement else None,
        "comment": judgement.comment if judgement else None,
    }
    if args.json:
        return print_json(found)
    print(f"From {old_v.name} to {new_v.name}:")
    for c in view.cited:
        print(f"  {_where(c.old, c.old_page)} → {_where(c.new, c.new_page)}: {c.how}")
    if not view.cited:
        print("  (it cites no section)")
    if judgement is not None:
        comment = f" — {judgement.comment}" if judgement.comment else ""
        print(f"Judged: {judgement.status.value}{comment}")
    return 0
