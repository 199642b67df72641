"""Killing "Send to clerk" (SIGKILL) at any moment leaves the old pack or the new one, whole: never a
pack the clerk's copy would call damaged."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from panelreview.storage import open_review
from panelreview.storage.pack_file import read_pack
from tests.clerk.conftest import MakeReview, pack_of
from tests.crashing import start_writer, stop, wait_for

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="kills a child process with POSIX signals"),
    pytest.mark.slow,
]


def _notes_in(pack: Path) -> int:
    """How many notes the pack carries, after checking every checksum in it (as the clerk's copy does)."""
    return sum(1 for row in read_pack(pack).rows["annotations"] if not row["deleted"])


@pytest.fixture
def old_pack(make_review: MakeReview, tmp_path: Path) -> tuple[Path, Path]:
    """A member's review with two shared notes, and a pack in ``out/`` sent when it had one."""
    ann = make_review("Cllr Ann Jones")
    ann.add_annotation(ann.anchor_for(section="2.1"), "question", "Who was asked?", visibility="panel")
    out = tmp_path / "out"
    out.mkdir()
    pack = pack_of(ann, out)
    ann.add_annotation(ann.anchor_for(section="3.1"), "concern", "The budget is thin.", visibility="panel")
    ann.close()  # the writer in the child process opens it
    assert _notes_in(pack) == 1
    return ann.path, pack


@pytest.mark.parametrize(("point", "notes"), [("mid-write", 1), ("before-replace", 1), ("after-replace", 2)])
def test_writer_killed_at_each_step_leaves_a_whole_pack(
    old_pack: tuple[Path, Path], point: str, notes: int
) -> None:
    review, pack = old_pack
    child = start_writer("pack", review, pack, point)
    wait_for(child, point)
    assert stop(child, signal.SIGKILL) == -signal.SIGKILL
    assert _notes_in(pack) == notes


def test_writer_killed_at_random_moments_always_leaves_the_old_or_the_new_pack(
    old_pack: tuple[Path, Path],
) -> None:
    review, pack = old_pack
    moments = random.Random(16)
    seen = set()
    for _ in range(12):
        child = start_writer("pack", review, pack, "loop")
        wait_for(child, "ready")  # the review is open; it now writes the pack again and again
        time.sleep(moments.uniform(0, 0.05))  # where the kill lands varies; nothing depends on it
        stop(child, signal.SIGKILL)
        seen.add(_notes_in(pack))  # raises if the pack is damaged
        assert seen <= {1, 2}
    with open_review(review) as ann:  # and sending again afterwards works and tidies nothing away
        ann.share(pack)
    assert _notes_in(pack) == 2
