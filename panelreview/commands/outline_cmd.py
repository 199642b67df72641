"""``panelreview outline DRAFT [--json]``: print the sections found in a draft."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any


def register(sub: Any) -> None:
    parser = sub.add_parser("outline", help="print the sections found in a draft plan")
    parser.add_argument("draft", help="a PDF, Word .docx, text or Markdown file")
    parser.add_argument("--json", action="store_true", help="print the outline as JSON")
    parser.add_argument("--password", help="the password of an encrypted PDF")
    parser.add_argument(
        "--ask-password", action="store_true", help="ask for the PDF's password on the terminal"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from panelreview.ingest import open_document
    from panelreview.ingest.opener import default_workers

    password = args.password
    if args.ask_password and password is None and sys.stdin.isatty():
        password = getpass.getpass("Password: ")
    document = open_document(args.draft, password=password, workers=default_workers())
    for warning in document.warnings:
        print(f"panelreview: note: {warning}", file=sys.stderr)
    if args.json:
        json.dump(document.outline(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for section in document.sections:
        page = f"  (page {section.page_start})" if section.page_start else ""
        sys.stdout.write(f"{'  ' * (section.level - 1)}{section.label}{page}\n")
    if not document.sections:
        sys.stdout.write("No sections were found in this draft.\n")
    return 0
