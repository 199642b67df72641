"""``pip install .`` gives a working PanelReview: the wheel carries every resource and finds it.

The wheel is built from a copy of the checkout (nothing is written into the checkout), installed into
a fresh virtual environment (without network: the dependencies come from this environment through a
``.pth`` line), and its own ``panelreview --smoke-test`` is run from outside the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

from panelreview.resources import ICON_SIZES
from tests.conftest import skip_or_fail_in_ci

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "build",
    "dist",
    "__pycache__",
    "*.egg-info",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
    "*.pcpr-wal",
    "*.pcpr-shm",
)


def _setuptools_major() -> int:
    try:
        return int(version("setuptools").split(".")[0])
    except (PackageNotFoundError, ValueError):
        return 0


def _run(command: list[str | Path], cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", TMPDIR=str(cwd))
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if _setuptools_major() < 77:
        skip_or_fail_in_ci(
            "building the wheel offline needs setuptools >= 77 in this environment "
            "(pip install -e '.[packaging]'); packaging/check-wheel.sh builds it with network access"
        )
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            source,
            "--no-deps",
            "--no-build-isolation",
            "-w",
            work / "out",
        ],
        cwd=work,
    )
    (built,) = (work / "out").glob("panelreview-*.whl")
    return built


def test_the_wheel_carries_every_resource(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    expected = {
        "panelreview/_resources/" + path.relative_to(ROOT / "resources").as_posix()
        for path in (ROOT / "resources").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith(".")
    }
    assert "panelreview/_resources/samples/westshire-draft-plan.pdf" in expected
    assert expected <= names, sorted(expected - names)
    assert "panelreview/ui/app/smoke.py" in names


def test_the_installed_wheel_works_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp_path)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    site = Path(
        _run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=tmp_path
        ).stdout.strip()
    )
    # The dependencies (PySide6, PyMuPDF, ...) come from this environment: a plain path line, so the
    # checkout's editable install, which lives beside them, is not loaded.
    (site / "panelreview-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", wheel], cwd=tmp_path)

    where = _run(
        [
            python,
            "-c",
            "import panelreview.resources as r; print(r.__file__); print(r.resources_origin()); "
            "print(r.sample_draft_path()); print(len(r.app_icon_paths()))",
        ],
        cwd=tmp_path,
    ).stdout.split("\n")
    assert Path(where[0]).is_relative_to(venv)
    assert where[1] == "installed"
    assert Path(where[2]).is_relative_to(venv)
    assert int(where[3]) == len(ICON_SIZES)  # every size of the application icon

    smoke = _run([bin_dir / "panelreview", "--smoke-test"], cwd=tmp_path)
    assert "(installed)" in smoke.stdout
    assert "passed" in smoke.stdout
