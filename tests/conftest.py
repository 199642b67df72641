"""Shared fixtures: where ../shared is, and how to skip (or fail in CI) when it is missing."""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests: more examples in CI (set by .ci/run), and on failure the blob to replay the failing
# example (``@reproduce_failure``). CI runs also use a fresh seed each time, printed in the header
# and in each failure's report, so a failure seen once can be run again: --hypothesis-seed=N.
CI_EXAMPLES_FACTOR = 5
settings.register_profile("dev", print_blob=True)
settings.register_profile("ci", print_blob=True, max_examples=100 * CI_EXAMPLES_FACTOR, deadline=None)
settings.load_profile(
    os.environ.get("PANELREVIEW_HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


def more_in_ci(examples: int) -> int:
    """``max_examples`` for a test that sets its own: the same locally, several times more in CI."""
    return examples * CI_EXAMPLES_FACTOR if settings().max_examples > 100 else examples


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("CI") and config.getoption("hypothesis_seed", None) is None:
        config.option.hypothesis_seed = str(random.SystemRandom().randrange(2**32))


def pytest_report_header(config: pytest.Config) -> str | None:
    seed = config.getoption("hypothesis_seed", None)
    return f"hypothesis seed: {seed} (run again with --hypothesis-seed={seed})" if seed else None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    seed = item.config.getoption("hypothesis_seed", None)
    if report.failed and seed and getattr(item.obj, "is_hypothesis_test", False):  # type: ignore[attr-defined]
        report.sections.append(("hypothesis seed", f"--hypothesis-seed={seed}"))


ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PANELREVIEW_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skip the test with a message if it is missing, fail under CI."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        skip_or_fail_in_ci(f"{path} is missing: the shared samples and corpus sit beside the checkout")
    return path


def skip_or_fail_in_ci(message: str) -> None:
    """Skip a test whose tool or data is missing, with a message; under CI (``CI`` set) fail instead.

    The test command installs everything its tests need (``scripts/setup-env`` with
    ``PANELREVIEW_TEST_TOOLS=1``), so in CI something missing is a broken set-up, never a reason to skip.
    """
    if os.environ.get("CI"):
        pytest.fail(message + " (CI must have it: the test command installs it)")
    pytest.skip(message)


def require_tools(*tools: str, package: str) -> None:
    """Skip (fail under CI) unless every command in ``tools`` is on the PATH; ``package`` provides them."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        skip_or_fail_in_ci(f"{' and '.join(missing)} not installed (apt-get install {package})")


@pytest.fixture
def samples() -> Path:
    return shared_path("samples")


@pytest.fixture
def corpus() -> Path:
    return shared_path("corpus")


def _ours(path: Path) -> bool:
    """A PDF PanelReview laid out itself (a report, My notes, the tracker), not a draft or a copy."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            info = pdf.docinfo
            return str(info.get("/Creator", "")).startswith(("Typst", "PanelReview"))
    except Exception:  # a damaged, encrypted or half-written file a test made on purpose: not ours
        return False


@pytest.fixture(autouse=True)
def every_pdf_we_write_is_accessible(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """After each test, every PDF PanelReview wrote in its temporary folder passes the PDF/UA checks."""
    yield
    base = tmp_path_factory.getbasetemp()
    from tests.export.pdfua import assert_accessible

    for path in base.rglob("*.pdf"):
        checked = path.with_name(path.name + ".ua-checked")
        if checked.exists():
            continue
        if _ours(path):
            assert_accessible(path)
        checked.touch()  # (a draft or a copy: looked at once)
