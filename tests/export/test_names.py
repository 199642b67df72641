"""Titles as clerks type them read right in a sentence: the area is never doubled."""

from __future__ import annotations

import pytest

from panelreview.core.review import Settings
from panelreview.export.facts import counted, names_from, title_preview


@pytest.mark.parametrize(
    ("panel_name", "commissioner_title", "panel_title", "panel", "commissioner", "short"),
    [
        ("Westshire", "Police and Crime Commissioner", "Police and Crime Panel",
         "Westshire Police and Crime Panel", "Police and Crime Commissioner for Westshire", "Commissioner"),
        ("Westshire Police and Crime Panel", "Police and Crime Commissioner for Westshire",
         "Police and Crime Panel", "Westshire Police and Crime Panel",
         "Police and Crime Commissioner for Westshire", "Commissioner"),
        ("Westshire", "Police and Crime Commissioner", "Westshire Police and Crime Panel",
         "Westshire Police and Crime Panel", "Police and Crime Commissioner for Westshire", "Commissioner"),
        ("Greater Manchester", "Mayor", "Police, Fire and Crime Panel",
         "Greater Manchester Police, Fire and Crime Panel", "Mayor of Greater Manchester", "Mayor"),
        ("Greater Manchester Police, Fire and Crime Panel", "Mayor of Greater Manchester",
         "Police, Fire and Crime Panel", "Greater Manchester Police, Fire and Crime Panel",
         "Mayor of Greater Manchester", "Mayor"),
    ],
)  # fmt: skip
def test_titles_read_once(
    panel_name: str, commissioner_title: str, panel_title: str, panel: str, commissioner: str, short: str
) -> None:
    settings = Settings(
        panel_name=panel_name, plan_title="Police and Crime Plan", commissioner_title=commissioner_title,
        panel_title=panel_title,
    )  # fmt: skip
    names = names_from(settings)
    assert (names.panel, names.commissioner, names.commissioner_short) == (panel, commissioner, short)
    preview = " ".join(title_preview(settings))
    assert f"The {panel} has reviewed" in preview and f"asks the {commissioner} for" in preview


def test_small_numbers_are_words() -> None:
    assert counted(1, "recommendation") == "one recommendation"
    assert counted(6, "recommendation") == "six recommendations"
    assert counted(0, "note") == "no notes"
    assert counted(15, "comment") == "15 comments"
