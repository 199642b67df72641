"""Every acknowledged edit survives a crash; two processes cannot both edit; any text round-trips."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panelreview.core.model import Document
from panelreview.storage import Review, ReviewInUse, open_review

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys
from panelreview.storage import open_review
review = open_review(sys.argv[1])
anchor = review.anchor_for(section="2.1")
print("ready", flush=True)
i = 0
while True:
    change = review.add_annotation(anchor, "comment", f"note {sys.argv[2]}-{i} " + "x" * (i % 7) * 300)
    print(change.item_id, flush=True)
    i += 1
"""

HOLDER = """
import sys
from panelreview.storage import open_review
review = open_review(sys.argv[1], member="Cllr Holder")
print("ready", flush=True)
sys.stdin.read()
"""


def _spawn(script: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_acknowledged_edit(review_path: Path) -> None:
    rng = random.Random(20260509)
    acknowledged: list[str] = []
    for run in range(50):
        child = _spawn(WRITER, str(review_path), str(run))
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready", child.communicate()[1]
        time.sleep(rng.uniform(0.0, 0.03))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        assert child.returncode == -signal.SIGKILL
        acknowledged += [line for line in out.splitlines() if line.strip()]
        if run % 10 == 9:  # check as we go too: a later open must not lose earlier edits
            conn = sqlite3.connect(review_path)
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            conn.close()
    assert len(acknowledged) > 50  # the kills did land mid-stream
    conn = sqlite3.connect(review_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with open_review(review_path) as review:
        stored = {a.id for a in review.annotations()}
        assert set(acknowledged) <= stored
        assert len(review.search("note")) > 0


def test_second_process_is_told_the_review_is_in_use(review_path: Path) -> None:
    holder = _spawn(HOLDER, str(review_path))
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(ReviewInUse, match="already open for editing by Cllr Holder"):
            open_review(review_path)
        with open_review(review_path, read_only=True) as look:  # looking is fine
            assert look.owner.name == "Cllr Ann Jones"
    finally:
        holder.communicate("")
    with open_review(review_path) as review:  # released when the holder exits
        review.add_annotation(review.anchor_for(section="2"), "comment", "mine now")
        assert not review.read_only


def test_second_open_in_the_same_process_is_refused_too(review: Review, review_path: Path) -> None:
    with pytest.raises(ReviewInUse):
        open_review(review_path)
    review.add_annotation(review.anchor_for(section="2"), "comment", "still works")
    assert len(review.annotations()) == 1


@pytest.fixture(scope="module")
def shared_review(
    tmp_path_factory: pytest.TempPathFactory, draft_bytes: bytes, document: Document
) -> Iterator[Review]:
    from panelreview.storage import create_review

    folder = tmp_path_factory.mktemp("unicode")
    review = create_review(folder / "u.pcpr", draft_bytes, document, member_name="Cllr ✓")
    yield review
    review.close()


ANY_TEXT = st.text(st.characters(codec="utf-8"), min_size=1).filter(lambda s: s.strip() != "")
SPECIAL = st.sampled_from(
    [
        "🚓👮🏽‍♀️ emoji with ZWJ",
        "مراجعة الخطة \u200f right-to-left",
        "control \x00 \x01 \x1b[31m \x7f chars",
        "Cymraeg: Comisiynydd Heddlu a Throseddu ŵŷ",
        "a" * 100_000,
        "\ufeffBOM and \r\n line endings\r",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(ANY_TEXT, SPECIAL))
def test_any_unicode_in_a_note_is_stored_and_returned_exactly(shared_review: Review, text: str) -> None:
    change = shared_review.add_annotation(shared_review.anchor_for(section="1"), "comment", text, tags=["✓"])
    reply = shared_review.add_reply(str(change.item_id), text)
    note = shared_review.annotation(str(change.item_id))
    assert note is not None and note.body == text and note.replies[0].body == text
    conn = sqlite3.connect(shared_review.path)  # and it is on disk, not only in memory
    assert conn.execute("SELECT body FROM replies WHERE id = ?", [reply.item_id]).fetchone()[0] == text
    conn.close()
