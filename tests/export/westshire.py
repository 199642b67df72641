"""A realistic combined review of the Westshire final draft, built with the command line as a clerk would.

Four members review the draft (one keeps a private note), share packs; the clerk combines them
without ``--panel``, drafts seven panel recommendations (two members' alike recommendations
merged into one), numbers them, the panel agrees five, amends one and withdraws one after
numbering, and the Commissioner's responses are recorded.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

from panelreview.cli import main

PANEL = "Westshire Police and Crime Panel"

# (member, council, role, [(section, kind, text, visibility, rationale)])
VIEWS: list[tuple[str, str | None, str, list[tuple[str, str, str, str, str]]]] = [
    ("Cllr Ann Jones", "Northtown", "member", [
        ("2.1", "recommendation", "Set a baseline and a yearly target for violence with injury",
         "panel", "Without a baseline the Panel cannot judge whether violence is falling."),
        ("1.2", "recommendation", "Publish 999 and 101 answer times every quarter", "panel",
         "Residents told the consultation that 101 waits were their main concern."),
        ("2.3", "comment", "The Panel welcomed the focus on women's safety at night.", "report", ""),
    ]),
    ("Cllr Bob Smith", "Southby", "member", [
        ("2.1", "recommendation", "The plan should give a baseline and target for violence with injury",
         "panel", ""),
        ("3.3", "recommendation", "Name a lead officer for rural and wildlife crime", "panel",
         "Rural parishes asked for one point of contact."),
        ("Revenue budget 2025/26", "concern", "Reserves fall by a third over the plan", "panel", ""),
    ]),
    ("Mrs Cat Lee", None, "independent-member", [
        ("4.2", "recommendation", "Report victim satisfaction by crime type", "panel",
         "An average hides the low satisfaction of domestic abuse victims."),
        ("4.1", "question", "How will compliance with the Victims' Code be checked?", "report", ""),
        ("4.1", "comment", "PRIVATE-NOTE: ask the officer about the complainant in case 12", "private", ""),
    ]),
    ("Cllr Dan Brown", "Eastmere", "member", [
        ("Holding the Chief Constable to account", "recommendation",
         "Bring the performance framework to the Panel each year", "panel",
         "The Panel needs to see measures before the annual report."),
        ("3.4", "recommendation", "Include a target for people killed or seriously injured on roads",
         "panel", ""),
    ]),
]  # fmt: skip

# The panel's seven recommendations: (sources as (member index, item index), wording, rationale, theme)
PANEL_RECS: list[tuple[list[tuple[int, int]], str, str, str]] = [
    ([(0, 0), (1, 0)], "The Panel recommends that the Commissioner sets out a baseline and a yearly target "
     "for violence with injury.", "Without a baseline the Panel cannot judge whether violence is falling.",
     "Measuring progress"),
    ([(0, 1)], "The Panel recommends that 999 and 101 answer times are published every quarter.",
     "Residents told the consultation that 101 waits were their main concern.", "Measuring progress"),
    ([(1, 1)], "The Panel recommends that the plan names a lead officer for rural and wildlife crime.",
     "Rural parishes asked for one point of contact.", "Rural communities"),
    ([(2, 0)], "The Panel recommends that victim satisfaction is reported by crime type.",
     "An average hides the low satisfaction of domestic abuse victims.", "Victims"),
    ([(3, 0)], "The Panel recommends that the performance framework comes to the Panel each year.",
     "The Panel needs to see measures before the annual report.", "Accountability"),
    ([(3, 1)], "The Panel recommends a target for people killed or seriously injured on the roads.",
     "Road safety was the third most raised issue in the consultation.", "Rural communities"),
    ([(1, 2)], "The Panel recommends that the plan explains how reserves will be used.",
     "Reserves fall by a third over the plan period.", "Resources"),
]  # fmt: skip


GENERAL = (
    "The Panel welcomed the clear structure of the final draft and the changes made after the "
    "consultation, in particular the new priority on rural crime. | The Panel would like to see "
    "baselines and targets for every measure, so that it can scrutinise progress through the year."
)


def run(*argv: str) -> str:
    """Run ``panelreview argv`` in-process; what it printed. Fails loudly if it refuses."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    if code != 0:
        raise AssertionError(f"panelreview {' '.join(argv)} failed: {err.getvalue()}")
    return out.getvalue()


def _id(printed: str) -> str:
    found = re.search(r"\(([0-9a-f-]{36})\)", printed)
    assert found, printed
    return found[1]


def build_westshire(folder: Path, draft: Path) -> Path:
    """The clerk's combined review of ``draft`` (the Westshire final draft) in ``folder``."""
    packs: list[str] = []
    item_ids: list[list[str]] = []
    for name, council, role, views in VIEWS:
        review = folder / f"{name.split()[-1].lower()}.pcpr"
        extra = ["--council", council] if council else []
        run("new", str(review), "--draft", str(draft), "--member", name, "--role", role,
            "--panel", PANEL, *extra)  # fmt: skip
        ids = []
        for section, kind, text, visibility, rationale in views:
            if kind == "recommendation":
                more = ["--rationale", rationale] if rationale else []
                printed = run("recommend", str(review), "--section", section, "--text", text,
                              "--visibility", visibility, *more)  # fmt: skip
            else:
                printed = run("note", str(review), "--section", section, "--kind", kind, "--text", text,
                              "--visibility", visibility)  # fmt: skip
            ids.append(_id(printed))
        item_ids.append(ids)
        pack = folder / f"{review.stem}.pcpack"
        run("share", str(review), "-o", str(pack))
        packs.append(str(pack))
    clerk = folder / "clerk.pcpr"
    run("combine", str(clerk), *packs, "--new-clerk", "Sam Clerk")  # no --panel: the packs carry it
    for sources, wording, rationale, theme in PANEL_RECS:
        proposed = [item_ids[m][i] for m, i in sources]
        run("consolidate", str(clerk), "--text", wording, "--proposed", *proposed, "--rationale", rationale,
            "--theme", theme)  # fmt: skip
    run("settings", str(clerk), "--meeting-date", "13 February 2025", "--response-deadline", "14 March 2025",
        "--report-date", "17 February 2025", "--chair-name", "Cllr Margaret Hale",
        "--contact-officer", "Sam Clerk, Democratic Services, Westshire County Council, 01632 960 123",
        "--commissioner-name", "Helen Whitlock",
        "--commissioner-address",
        "Office of the Police and Crime Commissioner | Hallam House | Brackenford WS1 2AB",
        "--general-comments", GENERAL)  # fmt: skip
    run("number", str(clerk), "--scheme", "R1")
    panel = json.loads(run("panel", str(clerk), "--json"))
    recs = (
        [p["id"] for p in panel] if isinstance(panel, list) else [p["id"] for p in panel["recommendations"]]
    )
    for i, rec in enumerate(recs):
        if i == 2:
            run("decide", str(clerk), rec, "--decision", "withdrawn")
        elif i == 3:
            run("decide", str(clerk), rec, "--decision", "amended", "--text",
                "The Panel recommends that victim satisfaction is reported by crime type, with domestic "
                "abuse shown separately.")  # fmt: skip
        else:
            run("decide", str(clerk), rec, "--decision", "agreed")
    responses = ["accepted", "accepted", None, "partly accepted", "accepted", "not accepted", "accepted"]
    for rec, status in zip(recs, responses, strict=True):
        if status:
            run("respond", str(clerk), rec, "--status", status, "--text",
                f"The Commissioner has {status} this recommendation; the final plan says how.",
                "--received", "10 March 2025")  # fmt: skip
    return clerk
