"""References to the plan in the summary table point to one place the Commissioner's office can find."""

from __future__ import annotations

from panelreview.core.anchor import Anchor
from panelreview.core.review import SectionRef
from panelreview.export.facts import plan_reference


def test_a_heading_that_recurs_under_each_priority_names_its_priority() -> None:
    section = SectionRef(7, None, "What we will do")
    anchor = Anchor(7, ("Priority 1: Visible and responsive neighbourhood policing", "What we will do"))
    brief = plan_reference(section, anchor, None, brief=True)
    assert brief.startswith("“What we will do” in “Priority 1: Visible and responsive")


def test_numbered_and_top_level_sections_need_no_parent() -> None:
    numbered = plan_reference(
        SectionRef(3, "2.1", "Fewer victims"), Anchor(3, ("Priority 2", "2.1")), None, brief=True
    )
    assert numbered == "Section 2.1"
    top = SectionRef(2, None, "Resources and finance")
    assert (
        plan_reference(top, Anchor(2, ("Resources and finance",)), None, brief=True)
        == "“Resources and finance”"
    )
