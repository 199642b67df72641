"""Mutation testing: plant small bugs in the code one at a time and see whether the tests notice.

Runs mutmut (3.x; ``pip install -e '.[mutation]'``, never in CI: a full run takes hours on two
cores) over modules of ``panelreview/core``, ``storage`` and ``ingest``, in a scratch copy of the
checkout so that the working tree is never touched. Each module is run with the tests that exercise
it (mutmut then picks, for each mutant, only the tests that reach the mutated function).

    python bench/mutation.py                          # the usual subset (SUBSET below)
    python bench/mutation.py core.merge fileio        # chosen modules (dotted, under panelreview)
    python bench/mutation.py --all                    # every module of core, storage and ingest
    python bench/mutation.py --budget 20 --jobs 1     # stop after 20 minutes; one test process
    python bench/mutation.py --keep DIR               # keep the work in DIR; run again to carry on

It prints the share of mutants killed, per module and in all, and lists the survivors with
``mutmut show``'s diff. Survivors that are accepted (equivalent mutants, or changes no user can see)
are kept with their reason in ``bench/mutation-survivors.txt``; the rest are gaps to close with a test.
The figure for the last run is in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PANELREVIEW_SHARED", ROOT.parent / "shared"))
# The modules issue 16 found gaps in, with the tests that exercise each.
TESTS: dict[str, list[str]] = {
    "ingest.docx_numbering": [
        "tests/ingest/test_docx_numbering.py",
        "tests/ingest/test_docx_numbering_rules.py",
        "tests/ingest/test_docx_reader.py",
        "tests/ingest/test_sample_outlines.py",
    ],
    "fileio": ["tests/test_fileio.py", "tests/test_fileio_crash.py", "tests/export/test_atomic.py"],
    "storage.pack_file": [
        "tests/clerk/test_pack_integrity.py",
        "tests/clerk/test_share.py",
        "tests/clerk/test_pack_crash.py",
    ],
    "core.merge": ["tests/clerk/test_properties.py", "tests/clerk/test_combine.py"],
    "core.anchor": ["tests/core", "tests/storage/test_review_api.py"],
}
SUBSET = list(TESTS)
PACKAGES = ("core", "storage", "ingest")


def _all_modules() -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / "panelreview" / package).glob("*.py")):
            if path.name != "__init__.py":
                found.append(f"{package}.{path.stem}")
    return found


def _tests_for(module: str) -> list[str]:
    if module in TESTS:
        return TESTS[module]
    package = module.split(".")[0]
    guess = {"core": ["tests/core", "tests/clerk"], "storage": ["tests/storage", "tests/clerk"]}
    return guess.get(package, ["tests/ingest"])


def _scratch_copy(folder: Path, modules: list[str], tests: list[str]) -> None:
    for name in ("panelreview", "tests", "resources"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("setup.py", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, folder / name)
    only = [f"panelreview/{m.replace('.', '/')}.py" for m in modules]
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pyproject += (
        "\n[tool.mutmut]\n"
        'source_paths = ["panelreview/"]\n'
        f"only_mutate = {only!r}\n"
        f"pytest_add_cli_args_test_selection = {sorted(set(tests))!r}\n"
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-x", "-q"]\n'
        'also_copy = ["resources/", "setup.py"]\n'
    )
    (folder / "pyproject.toml").write_text(pyproject, encoding="utf-8")


def _results(folder: Path) -> dict[str, str]:
    out = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"],
        cwd=folder,
        capture_output=True,
        text=True,
    ).stdout
    found = {}
    for line in out.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep and name:
            found[name] = status.strip()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description="Mutation testing of core, storage and ingest (mutmut).")
    parser.add_argument("modules", nargs="*", help="dotted modules under panelreview (default: the subset)")
    parser.add_argument("--all", action="store_true", help="every module of core, storage and ingest")
    parser.add_argument("--budget", type=float, default=0, help="stop after this many minutes (0: no limit)")
    parser.add_argument("--jobs", type=int, default=1, help="test processes at once (default 1)")
    parser.add_argument(
        "--keep", type=Path, help="work in this folder and keep it (default: a temporary one)"
    )
    parser.add_argument("--fresh", action="store_true", help="with --keep: start again, do not carry on")
    args = parser.parse_args()
    modules = _all_modules() if args.all else (args.modules or SUBSET)
    tests = [t for m in modules for t in _tests_for(m)]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="panelreview-mutation-"))
    if (folder / "mutants").is_dir() and not args.fresh:
        print("carrying on with the run already in that folder (--fresh to start again)")
    else:
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        _scratch_copy(folder, modules, tests)
    env = {**os.environ, "PANELREVIEW_SHARED": str(SHARED), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("CI", None)
    command = [sys.executable, "-m", "mutmut", "run", "--max-children", str(args.jobs)]
    started = time.monotonic()
    print(f"mutating {', '.join(modules)} in {folder}", flush=True)
    log = (folder / "mutmut-run.log").open("w", encoding="utf-8")
    with log, subprocess.Popen(command, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT) as run:
        try:
            run.wait(timeout=args.budget * 60 or None)
        except subprocess.TimeoutExpired:
            run.terminate()
            run.wait()
            print(f"stopped at the budget of {args.budget:g} minutes: the figures cover the mutants tried")
    minutes = (time.monotonic() - started) / 60
    results = _results(folder)
    by_module: dict[str, Counter[str]] = {}
    for name, status in results.items():
        module = ".".join(name.split(".")[1:-1]).split(".x_")[0]
        by_module.setdefault(module or name, Counter())[status] += 1
    total: Counter[str] = Counter()
    print(f"\n{'module':32} {'killed':>7} {'survived':>9} {'other':>6}  share killed")
    for module, counts in sorted(by_module.items()):
        total += counts
        _line(module, counts)
    _line("all", total)
    print(f"({minutes:.0f} minutes; 'other' is timeouts, suspicious and not-yet-run mutants)")
    survivors = sorted(n for n, s in results.items() if s == "survived")
    if survivors:
        print("\nsurvivors (see bench/mutation-survivors.txt for the accepted ones):")
        for name in survivors:
            print(" ", name)
    if not args.keep:
        print(f"(the scratch copy {folder} is kept for `mutmut show NAME` there; delete it when done)")
    return 0


def _line(module: str, counts: Counter[str]) -> None:
    killed, survived = counts["killed"], counts["survived"]
    other = sum(counts.values()) - killed - survived
    tried = killed + survived
    share = f"{100 * killed / tried:.0f}%" if tried else "-"
    print(f"{module:32} {killed:7} {survived:9} {other:6}  {share}")


if __name__ == "__main__":
    sys.exit(main())
