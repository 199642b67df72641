"""``panelreview --smoke-test`` works, and PanelReview never tries to use the network.

The smoke test runs as a member would start it (``python -m panelreview --smoke-test``) in a
separate process whose every Python-level socket operation (creating a socket, looking up a name,
connecting, binding, sending) is refused and recorded by an audit hook that a ``sitecustomize``
module installs. Where ``strace`` works, a second run also watches the process's system calls, so a
socket opened by Qt or any other native library is caught too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require_tools

pytestmark = pytest.mark.slow

SMOKE_TIMEOUT_S = 180

# Loaded at interpreter start-up (PYTHONPATH puts it first): refuses and records every socket operation
# (creating a socket, name lookups, connecting, binding, sending).
SITECUSTOMIZE = """\
import os
import sys

_LOG = os.environ["PANELREVIEW_NET_LOG"]
# Reading this computer's own name (the review lock records it) is a local call, not network use.
_LOCAL = {"socket.gethostname"}


def _refuse_network(event, args):
    if event.startswith("socket.") and event not in _LOCAL:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{event} {args!r}\\n")
        raise PermissionError(f"PanelReview tests refuse all network use ({event})")


sys.addaudithook(_refuse_network)
"""


def _blocked_env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    hook_dir = tmp_path / "netblock"
    hook_dir.mkdir()
    (hook_dir / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    net_log = tmp_path / "network-attempts.txt"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(hook_dir), *filter(None, [env.get("PYTHONPATH")])])
    env["PANELREVIEW_NET_LOG"] = str(net_log)
    env["TMPDIR"] = str(tmp_path)  # the smoke test's own temporary folder goes here too
    return env, net_log


def _smoke(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, env=env, cwd=cwd, capture_output=True, text=True, timeout=SMOKE_TIMEOUT_S, check=False
    )


def test_the_blocker_catches_a_socket(tmp_path: Path) -> None:
    """The guard the next test relies on does refuse and record a socket."""
    env, net_log = _blocked_env(tmp_path)
    code = (
        "import socket\n"
        "for attempt in (socket.socket, lambda: socket.create_connection(('127.0.0.1', 9))):\n"
        "    try:\n"
        "        attempt()\n"
        "    except PermissionError:\n"
        "        pass\n"
        "    else:\n"
        "        raise SystemExit('a socket was allowed')\n"
    )
    result = _smoke([sys.executable, "-c", code], env, tmp_path)
    assert result.returncode == 0, result.stderr
    attempts = net_log.read_text(encoding="utf-8")
    assert "socket.__new__" in attempts
    assert "socket.getaddrinfo" in attempts


def test_smoke_test_passes_without_touching_the_network(tmp_path: Path) -> None:
    env, net_log = _blocked_env(tmp_path)
    result = _smoke([sys.executable, "-m", "panelreview", "--smoke-test"], env, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert not net_log.exists(), f"PanelReview tried to use the network:\n{net_log.read_text('utf-8')}"
    for step in (
        "window shown",
        "opened the sample draft",
        "review created",
        "added a note and a recommendation",
        "exported Panel report.docx",
        "exported Panel report.pdf",
        "passed",
    ):
        assert step in result.stdout, output
    # Passing cleans up after itself: nothing is left in the temporary folder it used.
    assert not list(tmp_path.glob("panelreview-smoke-*"))


NETWORK_SYSCALL = re.compile(r"AF_INET6?\b|AF_PACKET|sin6?_port")


def _strace_sees_sockets(tmp_path: Path) -> bool:
    """strace is there, permitted, and shows a deliberately opened internet socket as one."""
    if shutil.which("strace") is None:
        return False
    trace = tmp_path / "probe.txt"
    code = "import socket; socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()"
    probe = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=socket", "-o", str(trace), sys.executable, "-c", code],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0 and bool(NETWORK_SYSCALL.search(trace.read_text(encoding="utf-8")))


def test_no_native_code_opens_a_network_socket(tmp_path: Path) -> None:
    """Qt and the other native libraries open no internet socket either (seen by strace)."""
    require_tools("strace", package="strace")
    if not _strace_sees_sockets(tmp_path):
        pytest.skip("strace is not permitted here (no ptrace); the Python-level check still runs")
    env, net_log = _blocked_env(tmp_path)
    trace = tmp_path / "syscalls.txt"
    command = ["strace", "-f", "-qq", "-e", "trace=socket,connect,sendto,bind", "-o", str(trace)]
    result = _smoke([*command, sys.executable, "-m", "panelreview", "--smoke-test"], env, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    calls = trace.read_text(encoding="utf-8").splitlines()
    network = [line for line in calls if NETWORK_SYSCALL.search(line)]
    assert network == [], "\n".join(network)
    assert not net_log.exists()


FAULTS = {
    "Qt warning": "from PySide6.QtCore import qWarning\nqWarning('a warning from Qt')",
    "exception in a slot": "from PySide6.QtCore import QTimer\nQTimer.singleShot(0, lambda: 1 / 0)",
    "exception on a thread": "import threading\nthreading.Thread(target=lambda: 1 / 0).start()",
    "Python warning": "import warnings\nwarnings.warn('a Python warning', UserWarning)",
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_smoke_test_fails_on_any_warning_or_uncaught_exception(tmp_path: Path, fault: str) -> None:
    """The same smoke test, with one fault injected while the member's steps run: it must exit 1."""
    code = (
        "import sys\n"
        "import panelreview.ui.app.smoke_steps as steps\n"
        "original = steps.exercise\n"
        "def faulty(harness, window, folder):\n"
        + "".join(f"    {line}\n" for line in FAULTS[fault].splitlines())
        + "    original(harness, window, folder)\n"
        "steps.exercise = faulty\n"
        "from panelreview.cli import main\n"
        "sys.exit(main(['--smoke-test']))\n"
    )
    env = dict(os.environ, TMPDIR=str(tmp_path))
    result = _smoke([sys.executable, "-c", code], env, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "PROBLEM" in result.stderr
    assert "FAILED" in result.stderr
    # A failed run keeps its files (log, review, settings) for whoever investigates.
    kept = list(tmp_path.glob("panelreview-smoke-*"))
    assert len(kept) == 1
    assert (kept[0] / "panelreview.log").is_file()
