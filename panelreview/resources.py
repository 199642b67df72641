"""Find bundled resources (samples, icons, translations) in a checkout or a frozen bundle.

One resolver for every way PanelReview runs: from a source checkout (``resources/`` beside the
package) and from a PyInstaller bundle (``sys._MEIPASS/resources``). No Qt here.
"""

from __future__ import annotations

import sys
from pathlib import Path

SAMPLE_DRAFT = ("samples", "westshire-draft-plan.pdf")


def resources_dir() -> Path:
    """The folder holding the bundled resources (it may not exist in a bare wheel install)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def resource_path(*parts: str) -> Path | None:
    """The path of a bundled resource, or None when it is not shipped with this build."""
    path = resources_dir().joinpath(*parts)
    return path if path.exists() else None


def sample_draft_path() -> Path | None:
    """The bundled sample draft plan members can try the application on."""
    return resource_path(*SAMPLE_DRAFT)
