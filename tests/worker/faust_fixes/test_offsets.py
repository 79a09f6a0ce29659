"""The at-least-once commit rule: never commit past an unprocessed message."""

from __future__ import annotations

import faust
import pytest

from streams.worker.faust_fixes.offsets import SeekPositions, committable_run, install


def test_the_run_at_the_committed_position_is_committed():
    acked = [12, 10, 11, 14]
    assert committable_run(acked, 10) == [10, 11, 12]
    assert acked == [14]  # 13 is still in flight


@pytest.mark.parametrize("start", [9, 8])
def test_nothing_is_committed_while_the_head_is_missing(start):
    # Faust 0.15 commits here when exactly one offset is missing (start 9) and,
    # before its first commit, whatever the gap; offset 9 would be lost.
    acked = [10, 11, 12]
    assert committable_run(acked, start) == []
    assert acked == [10, 11, 12]


def test_unknown_start_commits_the_first_run():
    assert committable_run([3, 4, 6], None) == [3, 4]
    assert committable_run([], 5) == []


def test_seek_positions_hide_read_offsets_but_keep_seeks():
    positions = SeekPositions()
    positions.update({"tp": 42})  # what Consumer.perform_seek does
    positions["tp"] = 50  # the fetch loop's per-record write is ignored
    assert positions["tp"] is None  # so no record is ever dropped as "read"
    assert positions.start("tp") == 42
    assert positions.start("other") is None


def _app(guarantee: str) -> faust.App:
    return faust.App(
        f"offsets-test-{guarantee}",
        broker="kafka://127.0.0.1:1",
        processing_guarantee=guarantee,
        autodiscover=False,
    )


def test_installed_only_under_at_least_once():
    app = _app("at_least_once")
    install(app)
    consumer = app.consumer
    assert isinstance(consumer._read_offset, SeekPositions)
    tp = faust.types.TP("t", 0)
    consumer._committed_offset[tp] = 5
    consumer._acked[tp].extend([6, 7])
    consumer._acked_index[tp].update([6, 7])
    assert consumer._new_offset(tp) is None  # offset 5 not processed yet
    consumer._acked[tp].append(5)
    consumer._acked_index[tp].add(5)
    assert consumer._new_offset(tp) == 8
    assert not consumer._acked_index[tp]

    eos = _app("exactly_once")
    install(eos)
    assert not isinstance(eos.consumer._read_offset, SeekPositions)
