"""``panelreview checklist | measures | checklist-decide``: scrutiny aids from the command line.

``checklist`` proposes, for each item of the statutory checklist (what s.7 of the Police Reform and
Social Responsibility Act 2011 asks a plan to set out), the sections of the current draft that
address it, with the words that matched; ``measures`` lists each priority's outcomes and
commitments and whether each has a measure; ``checklist-decide`` records the member's own view of
an item (and can draft a recommendation from it).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from panelreview.commands import print_json

if TYPE_CHECKING:
    from panelreview.core.checklist import ItemResult
    from panelreview.core.measures import MeasuresResult
    from panelreview.storage.checklist_ops import Decision

DECISIONS = ("confirmed", "changed", "weak", "missing")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "checklist",
        help="check the draft against what the law asks a plan to set out",
        description="For each item a police and crime plan must set out, the sections of the draft that "
        "address it and the words that show it; items not found are said plainly.",
    )
    p.add_argument("review", metavar="REVIEW")
    p.add_argument("--json", action="store_true", help='print JSON: {"items": [...]}')
    p.add_argument("--checklist", metavar="FILE", help="a panel's own adjusted checklist (JSON)")
    p.set_defaults(handler=run_checklist_cmd)

    p = sub.add_parser(
        "measures",
        help="the outcomes and commitments under each priority, and which have a measure",
        description="Under each priority, the outcomes and commitments, which have a measure (a number, "
        "a percentage, a date, a KPI) and which do not, and the KPI tables with baselines and targets.",
    )
    p.add_argument("review", metavar="REVIEW")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=run_measures)

    p = sub.add_parser(
        "checklist-decide",
        help="record your view of a checklist item (confirm, change sections, weak, missing)",
        description="Record your own view of one checklist item. It is shared with the panel (sent to the "
        "clerk with your other shared items) unless you say --private.",
    )
    p.add_argument("review", metavar="REVIEW")
    p.add_argument("item", metavar="ITEM", help="the item's id, as `panelreview checklist` shows it")
    p.add_argument("decision", choices=DECISIONS, help="your view of it")
    p.add_argument(
        "--sections",
        metavar="LIST",
        help="for 'changed': the sections that address it, by number or title, separated by ';'",
    )
    p.add_argument("--note", default="", help="why (shown to the clerk with your view)")
    p.add_argument("--private", action="store_true", help="keep this view to yourself")
    p.add_argument(
        "--recommend",
        action="store_true",
        help="also draft a recommendation asking the final plan to set the item out",
    )
    p.set_defaults(handler=run_decide)


def _sections_json(result: ItemResult) -> list[dict[str, Any]]:
    return [
        {"number": p.section.number, "title": p.section.title, "page": p.section.page_start}
        for p in result.proposals
    ]


def _evidence_json(result: ItemResult, labels: dict[int, str]) -> list[dict[str, Any]]:
    return [
        {
            "section": labels.get(e.section_id, ""),
            "page": e.page,
            "in": e.where,
            "phrase": e.phrase,
            "words": e.words,
            "quote": e.quote,
        }
        for p in result.proposals
        for e in p.evidence
    ]


def _decision_json(decision: Decision | None) -> dict[str, Any] | None:
    if decision is None:
        return None
    return {
        "decision": decision.decision,
        "sections": [{"number": s.number, "title": s.title, "page": s.page_start} for s in decision.sections],
        "note": decision.note,
        "visibility": decision.visibility,
    }


def run_checklist_cmd(args: argparse.Namespace) -> int:
    from panelreview.resources import load_checklist
    from panelreview.storage import open_review

    checklist = load_checklist(args.checklist)
    with open_review(args.review, read_only=True) as review:
        result = review.checklist(checklist)
        decisions = review.checklist_decisions_mine()
        labels = {s.id: s.label for s in review.sections()}
    if args.json:
        items = []
        for item in result.items:
            decision = decisions.get(item.item.id)
            items.append(
                {
                    "id": item.item.id,
                    "title": item.title,
                    "found": item.found,
                    "sections": _sections_json(item),
                    "evidence": _evidence_json(item, labels),
                    "status": item.status.value,
                    "law": item.item.law,
                    "summary": item.summary,
                    "gaps": list(item.gaps),
                    "decision": _decision_json(decision),
                }
            )
        return print_json({"items": items})
    for item in result.items:
        mark = {"clear": "✓", "weak": "~", "missing": "✗"}[item.status.value]
        print(f"{mark} {item.title}  [{item.item.id}, {item.item.law}]")
        print(f"    {item.summary}")
        for proposal in item.proposals[:6]:
            words = ", ".join(f"“{w}”" for w in proposal.matched[:5])
            print(f"    - {proposal.section.label}{_page(proposal.section.page_start)}: {words}")
        decision = decisions.get(item.item.id)
        if decision is not None:
            where = "; ".join(s.label for s in decision.sections)
            print(f"    Your view: {decision.decision}" + (f" ({where})" if where else ""))
            if decision.note:
                print(f"    Note: {decision.note}")
    return 0


def _page(page: int | None) -> str:
    return f" (p.{page})" if page else ""


def _measures_json(result: MeasuresResult) -> dict[str, Any]:
    def table(t: Any) -> dict[str, Any]:
        return {
            "page": t.page,
            "headers": list(t.headers),
            "rows": [
                {"indicator": r.indicator, "baseline": r.baseline, "target": r.target, "cells": list(r.cells)}
                for r in t.rows
            ],
        }

    return {
        "summary": result.summary,
        "priorities": [
            {
                "number": p.section.number if p.section else None,
                "title": p.section.title if p.section else p.title,
                "page": p.section.page_start if p.section else None,
                "items": [
                    {
                        "kind": i.kind,
                        "number": i.number,
                        "text": i.text,
                        "page": i.page,
                        "measured": i.measured,
                        "measures": [{"kind": m.kind, "text": m.text} for m in i.measures],
                    }
                    for i in p.items
                ],
                "kpis": [table(t) for t in p.kpis],
            }
            for p in result.priorities
        ],
        "other_kpis": [table(t) for t in result.other_kpis],
    }


def run_measures(args: argparse.Namespace) -> int:
    from panelreview.storage import open_review

    with open_review(args.review, read_only=True) as review:
        result = review.measures()
    if args.json:
        return print_json(_measures_json(result))
    print(result.summary)
    for priority in result.priorities:
        print()
        print(
            f"{priority.title}{_page(priority.section.page_start if priority.section else None)}: "
            f"{priority.measured} of {len(priority.items)} measured"
        )
        for item in priority.items:
            label = "Outcome" if item.kind == "outcome" else "Commitment"
            number = f" {item.number}" if item.number else ""
            print(f"  {'✓' if item.measured else '✗'} {label}{number}: {item.text}")
            if item.measured:
                print("      measure: " + "; ".join(m.text for m in item.measures))
            else:
                print("      no measure: a target could be asked for")
        for t in priority.kpis:
            print(f"  KPI table{_page(t.page)}:")
            for row in t.rows:
                print(f"    {row.describe()}")
    for t in result.other_kpis:
        print(f"\nKPI table outside the priorities{_page(t.page)}:")
        for row in t.rows:
            print(f"    {row.describe()}")
    return 0


def run_decide(args: argparse.Namespace) -> int:
    from panelreview.storage import open_review

    with open_review(args.review) as review:
        sections = [s.strip() for s in (args.sections or "").split(";") if s.strip()]
        change = review.decide_checklist_item(
            args.item,
            args.decision,
            sections=sections or None,
            note=args.note,
            visibility="private" if args.private else "panel",
        )
        decision = review.checklist_decisions_mine()[args.item.strip().lower()]
        where = "; ".join(s.label for s in decision.sections)
        shared = "kept private" if decision.visibility == "private" else "shared with the panel"
        print(
            f"Recorded: {args.item} {decision.decision}" + (f" ({where})" if where else "") + f", {shared}."
        )
        if args.recommend:
            rec = review.draft_checklist_recommendation(args.item)
            print(f"Drafted recommendation ({rec.item_id}).")
        del change
    return 0
