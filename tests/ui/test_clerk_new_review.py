"""New Panel Review…: the clerk's review started from the draft, or from a member's pack carrying it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from panelreview.core.review import Role
from panelreview.storage import open_review
from panelreview.ui.clerk.new_review import NewPanelReviewDialog, new_panel_review
from tests.ui import clerk_helpers
from tests.ui.clerk_helpers import DRAFT_NAME, DRAFT_TEXT, Panel, fill_dialog

panel = clerk_helpers.panel  # the shared fixture


def _fill(qtbot: Any, draft: Path, target: Path, title: str = "") -> Any:
    def fill(dialog: NewPanelReviewDialog) -> None:
        dialog.draft_edit.setText(str(draft))
        dialog.panel_edit.setText("Westshire Police and Crime Panel")
        dialog.title_edit.setText(title)
        dialog.name_edit.setText("Jo Clerk")
        dialog.path_edit.setText(str(target))
        dialog.ok_button.click()
        assert not dialog.fields.isEnabled(), "the form waits while the draft is read"
        qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)

    return fill


def test_new_panel_review_from_the_draft(qtbot: Any, monkeypatch: Any, tmp_path: Path) -> None:
    draft = tmp_path / DRAFT_NAME
    draft.write_text(DRAFT_TEXT, encoding="utf-8")
    target = tmp_path / "Panel review.pcpr"
    fill_dialog(monkeypatch, NewPanelReviewDialog, _fill(qtbot, draft, target, "Police and Crime Plan 2026"))
    assert new_panel_review(None) == target
    with open_review(target, read_only=True) as review:
        assert review.owner.role is Role.CLERK and review.owner.name == "Jo Clerk"
        assert review.settings.panel_name == "Westshire Police and Crime Panel"
        assert review.settings.plan_title == "Police and Crime Plan 2026"
        assert [s.number for s in review.sections()][:2] == ["1", "1.1"]


def test_new_panel_review_from_a_members_pack(
    qtbot: Any, monkeypatch: Any, tmp_path: Path, panel: Panel
) -> None:
    target = tmp_path / "From a pack.pcpr"
    fill_dialog(monkeypatch, NewPanelReviewDialog, _fill(qtbot, panel.packs["ann"], target))
    assert new_panel_review(None) == target
    with open_review(target, read_only=True) as review:
        assert review.owner.role is Role.CLERK
        assert review.annotations() == [], "nothing is imported yet"
        assert review.check_pack(panel.packs["bob"]).member_name == "Councillor Bob Smith"


def test_problems_are_shown_in_the_dialog(qtbot: Any, tmp_path: Path) -> None:
    dialog = NewPanelReviewDialog()
    qtbot.addWidget(dialog)
    assert dialog.name_edit.text() == "Cllr Test Member", "the name given at setup"
    assert Path(dialog.path_edit.text()).parent == tmp_path / "reviews", "in the reviews folder"
    dialog.ok_button.click()
    assert dialog.error_label.text() == "Choose the draft plan (or a member's review pack that carries it)."
    existing = tmp_path / "taken.pcpr"
    existing.write_bytes(b"x")
    draft = tmp_path / DRAFT_NAME
    draft.write_text(DRAFT_TEXT, encoding="utf-8")
    dialog.draft_edit.setText(str(draft))
    dialog.name_edit.setText("Jo Clerk")
    dialog.path_edit.setText(str(existing))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)
    assert (
        dialog.error_label.text() == "“taken.pcpr” already exists. Choose another name, or open it instead."
    )
    assert dialog.created_path is None and dialog.fields.isEnabled()
