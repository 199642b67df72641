"""The lock of exact versions covers everything we install, and we test with what it says.

``packaging/requirements-lock.txt`` is what ``scripts/setup-env`` and ``packaging/build-linux.sh`` install
with; a dependency added to ``pyproject.toml`` but not to the lock would be installed at whatever version
is newest that day, which is what the lock exists to prevent.
"""

from __future__ import annotations

import tomllib
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "packaging" / "requirements-lock.txt"


def _locked() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    lines = [*project["dependencies"], *(r for v in project["optional-dependencies"].values() for r in v)]
    return [Requirement(line) for line in lines]


def _installed_closure(roots: list[Requirement]) -> dict[str, str]:
    """Every package installed here because of ``roots``, with its version (following dependencies)."""
    found: dict[str, str] = {}
    todo = list(roots)
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if name in found or (req.marker and not req.marker.evaluate({**default_environment(), "extra": ""})):
            continue
        try:
            dist = distribution(req.name)
        except PackageNotFoundError:
            continue  # an extra this environment was not set up with (./scripts/run leaves out packaging)
        found[name] = dist.version
        todo += [Requirement(line) for line in dist.requires or []]
    return found


def test_every_installed_dependency_is_locked_at_the_version_installed() -> None:
    locked = _locked()
    installed = _installed_closure(_declared())
    assert {"pyside6-essentials", "pytest", "mypy"} <= installed.keys()  # the walk did find the tree
    installed.pop("pip", None)  # the virtual environment's own pip (sqlite-utils asks for one)
    missing = sorted(name for name in installed if name not in locked)
    assert not missing, f"add to {LOCK.name} (scripts/update-lock): {missing}"
    different = {name: (v, locked[name]) for name, v in installed.items() if v != locked[name]}
    assert not different, f"installed (left) is not what {LOCK.name} says (right): {different}"


def test_the_locked_versions_are_within_the_ranges_pip_install_users_get() -> None:
    locked = _locked()
    for req in _declared():
        version = locked.get(canonicalize_name(req.name))
        assert version is not None, f"{req.name} is not in {LOCK.name}"
        assert req.specifier.contains(version, prereleases=True), f"{req.name}=={version} is outside {req}"
