"""Which partitions the watchdog re-reads (pure part; the broker test is
tests/integration/test_two_workers.py)."""

from __future__ import annotations

from faust.types import TP

from streams.worker.faust_fixes.offsets import SeekPositions
from streams.worker.faust_fixes.watchdog import stalled_partitions

IN = TP("articles.cleaned", 0)
IN2 = TP("articles.cleaned", 1)
FRESH = TP("articles.raw", 2)
OTHER = TP("some-changelog", 0)
TOPICS = {"articles.cleaned", "articles.raw"}


def test_partitions_short_of_their_end_are_stalled_with_their_commit() -> None:
    stalled = stalled_partitions(
        [IN, IN2, FRESH],
        {IN: 4, IN2: 9},
        {IN: 5, IN2: 9, FRESH: 6},
        TOPICS,
    )
    assert stalled == {IN: 4, FRESH: None}


def test_unfetched_empty_and_foreign_partitions_are_left_alone() -> None:
    stalled = stalled_partitions(
        [IN, IN2, OTHER],
        {IN: None, OTHER: 0},
        {IN: None, IN2: 0, OTHER: 50},
        TOPICS,
    )
    assert stalled == {}


def test_a_watchdog_seek_sets_the_commit_start() -> None:
    positions = SeekPositions()
    positions[IN] = 7  # per-record writes are ignored
    assert positions.start(IN) is None
    positions.set_start(IN, 4)
    assert positions.start(IN) == 4
    assert positions[IN] is None  # reads still never drop a record
