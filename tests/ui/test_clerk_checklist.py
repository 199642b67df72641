"""The clerk's synthesis shows members' views of the statutory checklist: how many marked each
item missing, and who said what (a private view never arrives)."""

from __future__ import annotations

from typing import Any

import pytest

from panelreview.ui.clerk.common import children, top_items
from tests.ui import clerk_helpers
from tests.ui.clerk_helpers import Desk, Panel, import_all, make_review

panel, desk = clerk_helpers.panel, clerk_helpers.desk  # the shared fixtures

pytestmark = pytest.mark.gui


def test_the_synthesis_counts_members_who_marked_an_item_missing(
    desk: Desk, panel: Panel, monkeypatch: Any
) -> None:
    dan = make_review(panel.folder, "Cllr Dan Brown")
    dan.decide_checklist_item("grants", "missing", note="No grants are named.")
    dan.decide_checklist_item("spr", "missing", note="Dan's private doubt", visibility="private")
    panel.packs["dan"] = panel.folder / "Cllr Dan Brown.pcpack"
    dan.share(panel.packs["dan"])
    dan.close()
    import_all(desk, panel, monkeypatch)
    tab = desk.ui.desk.synthesis
    desk.ui.desk.tabs.setCurrentWidget(tab)
    node = next(n for n in top_items(tab.tree) if n.text(0) == "Statutory checklist — members' views")
    lines = {line.text(0): [v.text(0) for v in children(line)] for line in children(node)}
    grants = "Crime and disorder reduction grants and their conditions: 1 of 4 members marked it missing"
    assert lines[grants] == ["Cllr Dan Brown: missing — No grants are named."]
    assert "Regard to the Strategic Policing Requirement: No member has given a view" in lines
    assert "private doubt" not in " ".join(v for views in lines.values() for v in views)
