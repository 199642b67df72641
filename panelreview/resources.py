"""Find bundled resources (sample draft, report templates, icons) wherever PanelReview runs.

One resolver for the three ways it runs, in this order:

* a frozen bundle (PyInstaller): ``<bundle>/panelreview/_resources``;
* an installed wheel (``pip install .``, ``pipx install .``): the same ``panelreview/_resources``
  folder, which ``setup.py`` maps from the checkout's ``resources/`` when the wheel is built;
* a source checkout (``./scripts/run``, an editable install): ``resources/`` beside the package.

Every caller goes through :func:`resource_path` (or the helpers below it), never through its own
``__file__`` arithmetic. No Qt here.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from panelreview.core.checklist_data import Checklist

PACKAGED_FOLDER = "_resources"  # inside the package, in a wheel and in a bundle
SAMPLE_DRAFT = ("samples", "westshire-draft-plan.pdf")
ICON_NAME = "panelreview"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

Origin = Literal["bundle", "installed", "checkout"]

_PACKAGE_DIR = Path(__file__).resolve().parent


def _locate() -> tuple[Path, Origin]:
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "panelreview" / PACKAGED_FOLDER, "bundle"
    packaged = _PACKAGE_DIR / PACKAGED_FOLDER
    if packaged.is_dir():
        return packaged, "installed"
    return _PACKAGE_DIR.parent / "resources", "checkout"


def resources_dir() -> Path:
    """The folder holding the bundled resources (it may be missing in a broken install)."""
    return _locate()[0]


def resources_origin() -> Origin:
    """How this copy of PanelReview was installed, as far as its resources tell (for About and logs)."""
    return _locate()[1]


def resource_path(*parts: str) -> Path | None:
    """The path of a bundled resource, or None when it is not shipped with this build."""
    path = resources_dir().joinpath(*parts)
    return path if path.exists() else None


def sample_draft_path() -> Path | None:
    """The bundled sample draft plan members can try the application on."""
    return resource_path(*SAMPLE_DRAFT)


def app_icon_paths() -> list[Path]:
    """The application icon's PNG files, smallest first (a window icon is built from all of them)."""
    found = (resource_path("icons", f"{ICON_NAME}-{size}.png") for size in ICON_SIZES)
    return [path for path in found if path is not None]


def translations_dir() -> Path | None:
    """The folder of the application's compiled translations (``panelreview_<language>.qm``), if shipped."""
    return resource_path("translations")


CHECKLIST = ("checklist", "statutory.json")


def checklist_path() -> Path | None:
    """The statutory checklist PanelReview ships (a panel may give its own adjusted copy instead)."""
    return resource_path(*CHECKLIST)


def load_checklist(path: str | Path | None = None) -> Checklist:
    """The statutory checklist: the one shipped, or a panel's own file at ``path``.

    Raises :class:`~panelreview.core.checklist_data.ChecklistError` (a UserError) with a plain
    message when the file is missing, unreadable or not a checklist.
    """
    import json

    from panelreview.core.checklist_data import ChecklistError, parse_checklist

    source = Path(path) if path is not None else checklist_path()
    if source is None:
        raise ChecklistError("This copy of PanelReview has lost its statutory checklist. Reinstall it.")
    cached = _CHECKLISTS.get(source)
    if cached is not None and path is None:
        return cached
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ChecklistError(f"There is no checklist file “{source}”.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ChecklistError(f"The checklist “{source.name}” could not be read ({exc}).") from None
    except ValueError as exc:
        raise ChecklistError(
            f"The checklist “{source.name}” is not valid JSON ({exc}). Check the commas and quotes."
        ) from None
    checklist = parse_checklist(data, f"The checklist “{source.name}”")
    if path is None:
        _CHECKLISTS[source] = checklist
    return checklist


_CHECKLISTS: dict[Path, Checklist] = {}
