"""The clerk's desk from the command line: share, combine, members, synthesis, the panel's
recommendations, decisions, responses and the response tracker.

    panelreview share "Ann's review.pcpr" -o ann.pcpack          # a member sends their shared items
    panelreview combine panel.pcpr ann.pcpack bob.pcpack         # the clerk imports packs
    panelreview members panel.pcpr --expect "Cllr Ann Jones"     # who is expected, who has sent
    panelreview synthesis panel.pcpr --kind question             # everything said, by section
    panelreview add-view panel.pcpr --member "Cllr Dan Brown" --kind concern --section 2.2 --text "…"
    panelreview consolidate panel.pcpr --text "…" --proposed 3f2a9c1e --supported 9d81 --theme Victims
    panelreview number panel.pcpr --scheme theme                 # 1.1, 1.2, 2.1 (or 1 / R1)
    panelreview decide panel.pcpr R1 --decision agreed --meeting 2026-02-03
    panelreview respond panel.pcpr R1 --status accepted --text "…" --received 2026-03-10
    panelreview tracker panel.pcpr -o tracker.docx

Items are named by the start of their id (as ``synthesis`` and ``panel`` print them), the panel's
recommendations also by their number ("R1"). Each command is one call on the same API the
desktop app uses; a problem the user can fix prints one plain line and exits 2.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from panelreview.commands import print_json
from panelreview.core.errors import UserError

if TYPE_CHECKING:
    from panelreview.core.review import Annotation, Recommendation
    from panelreview.core.similarity import MergeSuggestion
    from panelreview.core.synthesis import KindGroup, Synthesis
    from panelreview.storage import Review

KINDS = ("question", "concern", "recommendation", "comment", "support", "highlight")
VIEW_KINDS = ("question", "concern", "recommendation", "comment", "support")
NUMBERING_SCHEMES = ("1", "R1", "theme")  # as panelreview.storage.consolidate.NUMBERING_SCHEMES
SHORT = 8


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    def add(name: str, help_text: str, handler: Any, review: str = "CLERK_REVIEW") -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".")
        p.add_argument("review", metavar=review)
        p.set_defaults(handler=handler)
        return p

    p = add("share", "write a review pack of your shared items for the clerk", run_share, "REVIEW")
    p.add_argument("-o", "--output", required=True, metavar="PACK", help="the pack to write (.pcpack)")
    p.add_argument("--without-draft", action="store_true", help="leave the draft out (the clerk has it)")

    p = add("combine", "import members' review packs into the clerk's review", run_combine)
    p.add_argument("packs", nargs="+", metavar="PACK")
    p.add_argument("--new-clerk", metavar="NAME", help="start CLERK_REVIEW from the first pack's draft")
    p.add_argument("--panel", default="", metavar="NAME", help="the panel's name (with --new-clerk)")

    add("undo-import", "undo the last import of members' reviews", run_undo_import)

    p = add("members", "the members list: who is expected, who has sent views", run_members)
    p.add_argument("--expect", action="append", default=[], metavar="NAME", help="add a member to the list")
    p.add_argument("--council", metavar="NAME", help="their council (with one --expect)")
    p.add_argument("--remove", action="append", default=[], metavar="NAME", help="take a member off the list")
    p.add_argument("--json", action="store_true")

    p = add("add-view", "record a member's view received on paper or by email", run_add_view)
    p.add_argument(
        "--member", required=True, metavar="NAME", help="whose view it is (as on the members list)"
    )
    p.add_argument(
        "--kind", default="comment", choices=VIEW_KINDS, help="what sort of view (default: comment)"
    )
    p.add_argument("--text", required=True, help="the member's words")
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--section", metavar="NUMBER_OR_TITLE", help="the section it is about (default: the whole draft)"
    )
    where.add_argument("--quote", metavar="TEXT", help="a passage copied from the draft")
    p.add_argument("--council", metavar="NAME", help="their council (for a member not yet known)")

    p = add("synthesis", "everything members said, by section then kind, with counts", run_synthesis)
    p.add_argument("--section", action="append", metavar="NUMBER_OR_TITLE", help="only this section")
    p.add_argument("--kind", action="append", choices=KINDS, help="only this kind")
    p.add_argument("--member", action="append", metavar="NAME", help="only this member")
    p.add_argument("--level", type=int, metavar="N", help="group by sections of this level (1 = top)")
    p.add_argument("--json", action="store_true")

    p = add("consolidate", "draft one of the panel's recommendations from members' items", run_consolidate)
    p.add_argument("--text", required=True, help="the panel's wording")
    p.add_argument("--proposed", nargs="+", default=[], metavar="ID", help="members' items that proposed it")
    p.add_argument("--supported", nargs="+", default=[], metavar="ID", help="members' items that support it")
    p.add_argument("--section", metavar="NUMBER_OR_TITLE", help="where it belongs (default: first source)")
    p.add_argument("--rationale", default="", help="why the panel makes it")
    p.add_argument("--theme", help="its theme (recommendations can be numbered by theme)")

    p = add("panel", "list the panel's recommendations with their origins", run_panel)
    p.add_argument("--json", action="store_true")

    p = add("reword", "change the wording of one of the panel's recommendations", run_reword)
    p.add_argument("recommendation", metavar="REC")
    p.add_argument("--text", required=True)

    p = add("theme", "set the theme of one of the panel's recommendations", run_theme)
    p.add_argument("recommendation", metavar="REC")
    p.add_argument("theme", metavar="THEME", help='the theme ("" for none)')

    p = add("order", "put the panel's recommendations in order", run_order)
    p.add_argument("recommendations", nargs="+", metavar="REC", help="in the order wanted")

    p = add("number", "number the panel's recommendations in order", run_number)
    how = p.add_mutually_exclusive_group()
    how.add_argument(
        "--scheme",
        choices=NUMBERING_SCHEMES,
        help="1 (1, 2, 3), R1 (R1, R2, R3) or theme (1.1, 1.2, 2.1: themes in order of first appearance)",
    )
    how.add_argument("--prefix", default="", help='any prefix, e.g. "PCP" for PCP1, PCP2, ...')
    p.add_argument("--start", type=int, default=1, help="the first number (of the first theme, by theme)")

    p = add("decide", "record the panel's decision on a recommendation", run_decide)
    p.add_argument("recommendation", metavar="REC")
    p.add_argument("--decision", required=True, choices=("agreed", "amended", "withdrawn"))
    p.add_argument("--meeting", metavar="DATE", help="the meeting date (default: the review's)")
    p.add_argument("--text", help="the amended wording")

    p = add("respond", "record the commissioner's response to a recommendation", run_respond)
    p.add_argument("recommendation", metavar="REC")
    p.add_argument("--status", help="one of the review's response statuses (may be left out)")
    p.add_argument("--text", help="the response's words")
    p.add_argument("--received", metavar="DATE", help="the date it was received")

    p = add("tracker", "write the response tracker (.docx or .csv)", run_tracker)
    p.add_argument("-o", "--output", required=True, metavar="FILE")


# -- finding things by what the user typed ---------------------------------------------------
def _item(review: Review, token: str, tables: tuple[str, ...], what: str) -> str:
    """The id of the live item whose id starts with ``token``."""
    prefix = token.strip().lower()
    if len(prefix) < 4:
        raise UserError(f"“{token}” is too short to name a {what}: give at least 4 characters of its id.")
    found = []
    for table in tables:
        rows = review._rows(f"SELECT id FROM {table} WHERE deleted = 0 AND id LIKE ?", [prefix + "%"])
        found += [r["id"] for r in rows]
    if len(found) != 1:
        problem = "matches no" if not found else "matches more than one"
        raise UserError(f"“{token}” {problem} {what} in this review. Check the id and try again.")
    return str(found[0])


def _panel_rec(review: Review, token: str) -> str:
    """One of the panel's recommendations, by its number ("R2") or the start of its id."""
    own = review.recommendations(author_id=review.owner_id)
    for rec in own:
        if rec.number and rec.number.lower() == token.strip().lower():
            return rec.id
    if len(token.strip()) < 4:
        raise UserError(
            f"None of the panel's recommendations is numbered “{token}”. "
            "`panelreview panel` lists their numbers and ids."
        )
    return _item(review, token, ("recommendations",), "recommendation")


def _member_id(review: Review, name: str) -> str:
    """The person (see ``Review.people``) a name the user typed is: from the members list, or an author."""
    from panelreview.core.clerk import name_key

    key = name_key(name)
    people = review.people()
    matches = {s.member_id for s in review.members_status() if s.member_id and name_key(s.name) == key}
    for author_id in people:
        if name_key(review.member(author_id).name) == key:
            matches.add(people[author_id])
    if len(matches) != 1:
        raise UserError(f"No member called “{name}” has sent views to this review.")
    return matches.pop()


def _author(review: Review, item: Annotation | Recommendation, by_clerk: frozenset[str]) -> str:
    """The author's name, marked when the clerk entered the view for them."""
    if item.author.id in by_clerk:
        return f"{item.author.name} (entered by the clerk)"
    return item.author.name


def _n(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _short(item_id: str) -> str:
    return item_id[:SHORT]


def _flat(text: str | None, width: int = 90) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


# -- member side -----------------------------------------------------------------------------
def run_share(args: argparse.Namespace) -> int:
    from panelreview.storage import open_review

    with open_review(args.review) as review:
        summary = review.share(args.output, include_draft=not args.without_draft)
    print(f"Wrote “{Path(summary.path).name}” for the clerk: {summary.description}")
    return 0


# -- clerk side ------------------------------------------------------------------------------
def run_combine(args: argparse.Namespace) -> int:
    from panelreview.storage import create_clerk_review, open_review

    path = Path(args.review)
    if not args.new_clerk and not path.exists():
        raise UserError(
            f"There is no clerk's review “{path.name}” yet. To start it from the draft in the first "
            'pack, add --new-clerk "Your name" (and --panel "The panel\'s name").'
        )
    if args.new_clerk and not path.exists():
        create_clerk_review(path, args.packs[0], clerk_name=args.new_clerk, panel_name=args.panel).close()
        print(f"Started the clerk's review “{path.name}” from the draft in “{Path(args.packs[0]).name}”.")
    with open_review(path) as review:
        change = review.import_packs(args.packs)
        record = review.import_record(change.item_id)
        if record is None:
            print("Every pack had been imported before; nothing changed.")
            return 0
        for pack in record.packs:
            print(pack.description)
        waiting = [s.name for s in review.members_status() if s.expected and not s.received]
    if waiting:
        print(f"Not yet received: {', '.join(waiting)}.")
    return 0


def run_undo_import(args: argparse.Namespace) -> int:
    from panelreview.storage import open_review

    with open_review(args.review) as review:
        change = review.undo_last_import()
        left = len(review.imports())
    remain = "no earlier imports remain" if not left else f"{_n(left, 'earlier import')} still in effect"
    print(f"Undid the last import ({_n(len(change.rows) - 1, 'row')} put back; {remain}).")
    return 0


def run_members(args: argparse.Namespace) -> int:
    from panelreview.core.clerk import name_key
    from panelreview.storage import open_review

    if args.council and len(args.expect) != 1:
        raise UserError("Give --council with exactly one --expect.")
    with open_review(args.review) as review:
        for name in args.expect:
            review.add_expected_member(name, council=args.council)
        for name in args.remove:
            listed = review.expected_members()
            entry = next((e for e in listed if name_key(str(e["name"])) == name_key(name)), None)
            if entry is None:
                raise UserError(f"{name} is not on the members list.")
            review.remove_expected_member(str(entry["id"]))
        lines = review.members_status()
    if args.json:
        rows = [asdict(s) | {"expected": s.expected} for s in lines]
        return print_json(rows)
    if not lines:
        print("No members listed and no views received yet. Add members with --expect NAME.")
    for s in lines:
        where = f" ({s.council})" if s.council else ""
        note = "" if s.expected else " [not on the list]"
        if s.received:
            counts = f"{_n(s.notes, 'note')} ({_n(s.questions, 'question')}, {_n(s.concerns, 'concern')})"
            recs = _n(s.recommendations, "recommendation")
            how = "received" if s.pack_received else "received on paper or by email"
            extra = ""
            if s.entered and s.pack_received:
                extra = f"; {s.entered} of them entered by the clerk"
            print(f"{s.name}{where}{note}: {how} {str(s.received_at)[:10]} — {counts}, {recs}{extra}")
        else:
            print(f"{s.name}{where}: not yet received")
    return 0


def run_synthesis(args: argparse.Namespace) -> int:
    from panelreview.core.review import Annotation
    from panelreview.core.synthesis import members_phrase
    from panelreview.storage import open_review

    with open_review(args.review, read_only=True) as review:
        sections = None
        if args.section:
            found = [review.anchor_for(section=token).section_id for token in args.section]
            sections = [s for s in found if s is not None]
        members = [_member_id(review, m) for m in args.member] if args.member else None
        synthesis = review.synthesis(
            kinds=args.kind, member_ids=members, section_ids=sections, level=args.level
        )
        suggestions = review.merge_suggestions()
        wording = {r.id: r for r in review.recommendations()}
        by_clerk = review.entered_by_clerk()
        tally = review.checklist_tally() if review.checklist_decisions() else []
        if args.json:
            data = _synthesis_json(synthesis, suggestions, by_clerk)
            data["checklist"] = [
                {"id": t.item_id, "title": t.title, "found": t.status.value, "members": t.counts}
                for t in tally
            ]
            return print_json(data)
        print(synthesis.headline + ".")
        if tally:
            print("\nStatutory checklist — members' views:")
            for t in tally:
                state = {"clear": "found", "weak": "found in part", "missing": "not found"}[t.status.value]
                print(f"  {t.title} ({state} in the draft): {t.headline}.")
        for part in synthesis.sections:
            where = part.section.label if part.section.title else "The draft as a whole"
            if part.parent:  # a title that recurs under each priority: say which one
                where += f" (in {part.parent})"
            raised = members_phrase(len(part.members), synthesis.total_members)
            print(f"\n{where} — {raised} raised points")
            for group in part.groups:
                print(f"  {group.heading} — {group.headline(synthesis.total_members)}")
                for item in group.items:
                    text = item.body if isinstance(item, Annotation) else item.wording
                    print(f"    [{_short(item.id)}] {_author(review, item, by_clerk)}: {_flat(text)}")
        if suggestions:
            print("\nSimilar recommendations you may want to merge:")
            for n, s in enumerate(suggestions, start=1):
                for first, i in enumerate(s.ids):
                    rec = wording[i]
                    mark = f"{n}." if first == 0 else ""
                    print(
                        f"  {mark:3} [{_short(i)}] {_author(review, rec, by_clerk)}: {_flat(rec.wording, 80)}"
                    )
            example = " ".join(_short(i) for i in suggestions[0].ids)
            print(
                f'Merge a group with: panelreview consolidate {args.review} --text "…" --proposed {example}'
            )
    return 0


def _synthesis_json(
    synthesis: Synthesis, suggestions: list[MergeSuggestion], by_clerk: frozenset[str]
) -> dict[str, Any]:
    from panelreview.core.review import Annotation

    def item(i: Annotation | Recommendation) -> dict[str, Any]:
        text = i.body if isinstance(i, Annotation) else i.wording
        found = {"id": i.id, "author": i.author.name, "author_id": i.author.id, "text": text}
        return found | {"entered_by_clerk": i.author.id in by_clerk}

    def group(g: KindGroup) -> dict[str, Any]:
        members = len(g.members)
        headline = g.headline(synthesis.total_members)
        return {"kind": g.kind, "headline": headline, "members": members, "items": [item(i) for i in g.items]}

    sections = [
        {
            "number": p.section.number,
            "title": p.section.title,
            "parent": p.parent or None,
            "headline": p.headline,
            "members": len(p.members),
            "groups": [group(g) for g in p.groups],
        }
        for p in synthesis.sections
    ]
    return {
        "total_members": synthesis.total_members,
        "headline": synthesis.headline,
        "sections": sections,
        "merge_suggestions": [{"ids": list(s.ids), "score": s.score} for s in suggestions],
    }


def run_add_view(args: argparse.Namespace) -> int:
    from panelreview.storage import open_review

    with open_review(args.review) as review:
        anchor = None
        if args.section or args.quote:
            anchor = review.anchor_for(section=args.section, quote=args.quote)
        change = review.record_member_view(
            args.member, args.kind, args.text, anchor=anchor, council=args.council
        )
        item_id = str(change.item_id)
        found = review.annotation(item_id) or review.recommendation(item_id)
        assert found is not None
        where = found.section.label if found.section.title else "the draft as a whole"
        person = review.people().get(found.author.id)
        line = next((m for m in review.members_status() if m.member_id == person), None)
    print(
        f"Saved {found.author.name}’s {args.kind} on {where} [{_short(item_id)}], "
        "entered by you on their behalf."
    )
    if line is not None and not line.expected:
        print(
            f"{line.name} is not on the members list; add them with "
            f'`panelreview members {args.review} --expect "{line.name}"` if they should be.'
        )
    return 0


def run_consolidate(args: argparse.Namespace) -> int:
    from panelreview.storage import open_review

    tables = ("recommendations", "annotations")
    with open_review(args.review) as review:
        proposed = [_item(review, t, tables, "member's item") for t in args.proposed]
        supported = [_item(review, t, tables, "member's item") for t in args.supported]
        anchor = review.anchor_for(section=args.section) if args.section else None
        change = review.add_panel_recommendation(
            args.text,
            proposed=proposed,
            supported=supported,
            anchor=anchor,
            rationale=args.rationale,
            theme=args.theme or None,
        )
        lineage = review.lineage(str(change.item_id))
    origin = _origin([m.name for m in lineage.proposers], [m.name for m in lineage.supporters])
    print(f"Saved the panel's recommendation [{_short(str(change.item_id))}], {origin}.")
    return 0


_DECISIONS = {"agreed": "agreed", "amended": "agreed as amended", "withdrawn": "withdrawn"}


def _origin(proposed: list[str], supported: list[str]) -> str:
    """ "proposed by A, B; supported by C", or what there is of it."""
    parts = []
    if proposed:
        parts.append(f"proposed by {', '.join(proposed)}")
    if supported:
        parts.append(f"supported by {', '.join(supported)}")
    return "; ".join(parts) or "not yet built from any member's views"


def run_panel(args: argparse.Namespace) -> int:
    from panelreview.storage import open_review

    with open_review(args.review, read_only=True) as review:
        recs = review.recommendations(author_id=review.owner_id)
        recs.sort(key=lambda r: (r.position is None, r.position or 0, r.created))
        lines: list[dict[str, Any]] = []
        for r in recs:
            lineage = review.lineage(r.id)
            line: dict[str, Any] = {"id": r.id, "number": r.number, "text": r.wording}
            line |= {"section": r.section.label}
            line |= {"decision": r.panel_status.value, "decided_on": r.decided_on}
            line |= {"proposed_by": [m.name for m in lineage.proposers]}
            line |= {"supported_by": [m.name for m in lineage.supporters]}
            line |= {"response_status": r.response_status, "response_text": r.response_text}
            lines.append(line | {"response_date": r.response_date})
    if args.json:
        return print_json(lines)
    if not lines:
        print("The panel has no recommendations yet. Draft one with `panelreview consolidate`.")
    for line in lines:
        label = line["number"] or "-"
        decided = _DECISIONS.get(line["decision"], "not yet decided")
        if line["decided_on"]:
            decided += f" {line['decided_on']}"
        print(f"{label} [{_short(line['id'])}] ({decided}) {_flat(line['text'])}")
        print(f"    {_origin(line['proposed_by'], line['supported_by'])}")
        if line["response_status"] or line["response_text"]:
            how = [
                line["response_status"] or "",
                f"received {line['response_date']}" if line["response_date"] else "",
            ]
            about = f" ({', '.join(h for h in how if h)})" if any(how) else ""
            print(f"    response{about}: {_flat(line['response_text'], 70) or '(no words recorded)'}")
    return 0


def _edit(args: argparse.Namespace, call: Any, done: str) -> int:
    from panelreview.storage import open_review

    with open_review(args.review) as review:
        call(review)
    print(done)
    return 0


def run_reword(args: argparse.Namespace) -> int:
    def call(review: Review) -> None:
        review.reword_panel_recommendation(_panel_rec(review, args.recommendation), args.text)

    return _edit(args, call, "Saved the new wording.")


def run_theme(args: argparse.Namespace) -> int:
    theme = " ".join(args.theme.split()) or None

    def call(review: Review) -> None:
        review.edit_recommendation(_panel_rec(review, args.recommendation), theme=theme)

    return _edit(args, call, f"Saved the theme “{theme}”." if theme else "Took the theme off.")


def run_order(args: argparse.Namespace) -> int:
    def call(review: Review) -> None:
        review.order_panel_recommendations([_panel_rec(review, t) for t in args.recommendations])

    return _edit(args, call, "Saved the order.")


def run_number(args: argparse.Namespace) -> int:
    from panelreview.storage import open_review

    with open_review(args.review) as review:
        review.number_panel_recommendations(prefix=args.prefix, start=args.start, scheme=args.scheme)
        recs = review.panel_recommendations()
    if not recs:
        print("The panel has no recommendations to number yet. Draft one with `panelreview consolidate`.")
        return 0
    numbers = [r.number or "-" for r in recs]
    shown = ", ".join(numbers) if len(numbers) <= 12 else ", ".join(numbers[:10]) + f", … {numbers[-1]}"
    print(f"Numbered the panel's {_n(len(recs), 'recommendation')} in order: {shown}.")
    return 0


def run_decide(args: argparse.Namespace) -> int:
    def call(review: Review) -> None:
        rec = _panel_rec(review, args.recommendation)
        if not args.meeting and not review.settings.meeting_date:
            raise UserError(
                "Give the date of the meeting at which the panel decided, with --meeting "
                "(for example --meeting 2026-02-03)."
            )
        review.record_decision(rec, args.decision, meeting_date=args.meeting, wording=args.text)

    return _edit(args, call, f"Recorded the panel's decision: {_DECISIONS[args.decision]}.")


def run_respond(args: argparse.Namespace) -> int:
    def call(review: Review) -> None:
        rec = _panel_rec(review, args.recommendation)
        review.record_response(rec, args.status, text=args.text, received=args.received)

    if not (args.status or args.text):
        raise UserError("Give the response's --status, its --text, or both.")
    return _edit(args, call, "Recorded the response.")


def run_tracker(args: argparse.Namespace) -> int:
    from panelreview.export.tracker import export_tracker
    from panelreview.storage import open_review

    with open_review(args.review, read_only=True) as review:
        out = export_tracker(review, Path(args.output))
        rows = len(review.panel_recommendations())
    if rows:
        print(f"Wrote the response tracker “{out.name}” ({_n(rows, 'recommendation')}).")
    else:
        print(
            f"Wrote the response tracker “{out.name}”, with headings only: "
            "the panel has no recommendations yet."
        )
    return 0
