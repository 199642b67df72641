"""``panelreview export``: the panel's report, a member's notes, or the annotated draft.

    panelreview export REVIEW -o Report.docx [--shape report|letter|table] [--template FILE]
                                             [--appendix named|anonymous|none] [--numbering 1|R1|theme]
    panelreview export REVIEW --my-notes -o "My notes.pdf"
    panelreview export REVIEW --annotated-draft -o "Draft with notes.pdf"
    panelreview export --save-template "Council template.docx"

The format follows the output's extension. The review is only read, never changed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from panelreview.core.errors import UserError

SHAPES = ("report", "letter", "table")
APPENDIX = ("named", "anonymous", "none")
NUMBERING = ("1", "R1", "theme")
REPORT_ONLY = ("shape", "template", "appendix", "numbering", "statutory_content")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "export",
        help="write the panel's report, your notes or the annotated draft (.docx or .pdf)",
        description="Write the panel's report to the commissioner, your own notes, or the draft PDF with "
        "the notes on it. The format follows the output file's extension (.docx or .pdf).",
    )
    p.add_argument("review", nargs="?", metavar="REVIEW", help="the review file (.pcpr)")
    p.add_argument("-o", "--output", metavar="OUT", help="the file to write: .docx or .pdf")
    what = p.add_mutually_exclusive_group()
    what.add_argument(
        "--my-notes", action="store_true", help="your own notes and recommendations, by section"
    )
    what.add_argument(
        "--annotated-draft", action="store_true", help="the draft PDF with the notes as PDF comments"
    )
    what.add_argument(
        "--save-template", metavar="FILE", help="write the default report template (.docx) to adapt"
    )
    p.add_argument(
        "--shape", choices=SHAPES, help="report (default), letter from the chair, or comment table"
    )
    p.add_argument("--template", metavar="FILE", help="your council's Word template (.docx or .dotx)")
    p.add_argument(
        "--appendix", choices=APPENDIX, help="members' comments: named, anonymous (default) or none"
    )
    p.add_argument(
        "--numbering", choices=NUMBERING, type=_numbering, help="1, 2, 3 (default); R1, R2; or 2.1 by theme"
    )
    p.add_argument(
        "--statutory-content",
        action="store_true",
        default=None,
        help="add an appendix on what the draft sets out of what the law asks (the statutory checklist)",
    )
    private = p.add_mutually_exclusive_group()
    private.add_argument(
        "--without-private",
        action="store_true",
        help="leave your private working notes out of --my-notes (always so for --annotated-draft "
        "unless --with-private)",
    )
    private.add_argument(
        "--with-private",
        action="store_true",
        help="put your private working notes in --annotated-draft too (each marked private)",
    )
    p.set_defaults(handler=run)


def _numbering(value: str) -> str:
    return "R1" if value.strip().lower() == "r1" else value.strip().lower()


def run(args: argparse.Namespace) -> int:
    from panelreview import export

    if args.save_template:
        written = export.save_default_template(Path(args.save_template))
        where = "{{report}}"
        print(
            f"Wrote the default report template to “{written.name}”. The report goes where it says {where}."
        )
        return 0
    if not args.review:
        raise UserError(
            "Name the review file to export from, for example: panelreview export Plan.pcpr -o Report.docx"
        )
    if not args.output:
        raise UserError("Say where to write it with -o, for example: -o Report.docx or -o Report.pdf")
    given = [f"--{name.replace('_', '-')}" for name in REPORT_ONLY if getattr(args, name) is not None]
    if (args.my_notes or args.annotated_draft) and given:
        raise UserError(f"{', '.join(given)}: only for the panel's report, not for your notes or the draft.")
    if (args.without_private or args.with_private) and not (args.my_notes or args.annotated_draft):
        raise UserError(
            "--with-private and --without-private are for --my-notes and --annotated-draft: a report "
            "never has private notes."
        )
    from panelreview.storage import open_review

    out = Path(args.output)
    with open_review(args.review, read_only=True) as review:
        if args.my_notes:
            written = export.export_my_notes(review, out, include_private=not args.without_private)
            print(f"Wrote your notes to “{written.name}”.")
        elif args.annotated_draft:
            from panelreview.export.annotated_draft import private_count

            private = private_count(review) if args.with_private else 0
            written = export.export_annotated_draft(review, out, include_private=args.with_private)
            print(f"Wrote the draft with the notes on it to “{written.name}”.")
            if private:
                print(
                    f"panelreview: warning: “{written.name}” includes your private working notes "
                    f"({private}), each marked private. Do not share or publish it.",
                    file=sys.stderr,
                )
            elif (left_out := private_count(review)) and not args.with_private:
                print(
                    f"Your private working notes ({left_out}) are not in it; "
                    "add --with-private to include them.",
                    file=sys.stderr,
                )
        else:
            template = Path(args.template) if args.template else None
            if template is not None and out.suffix.lower() == ".pdf":
                note = "a template applies to Word (.docx) output; the PDF has PanelReview's own layout."
                print(f"panelreview: note: {note}", file=sys.stderr)
            written = export.export_report(
                review,
                out,
                shape=args.shape or "report",
                template=template,
                appendix=args.appendix or "anonymous",
                numbering=args.numbering or "1",
                statutory_content=bool(args.statutory_content),
            )
            print(f"Wrote the panel’s report ({args.shape or 'report'}) to “{written.name}”.")
            _check_report(review)
    return 0


def _check_report(review: Any) -> None:
    """What a clerk should look at before sending: dates that contradict each other, a draft whose
    own label and date are unknown, recommendations withdrawn after numbering."""
    from panelreview.export.facts import report_checks

    for check in report_checks(review):
        print(f"panelreview: check: {check}", file=sys.stderr)
