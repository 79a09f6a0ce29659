"""Canonical order and the reorder buffer: same articles, same order."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from streams.stages.cluster.order import ReorderBuffer, order_key
from tests.stages.cluster.articles import art, oboz, turan


def test_order_key_sorts_by_time_then_id_unknown_last() -> None:
    undated = art("a-undated", None, "No date anywhere.", None)
    late = art("b", None, "x", datetime(2023, 7, 27, tzinfo=UTC))
    same_time = art("a", None, "y", datetime(2023, 7, 27, tzinfo=UTC))
    items = [undated, late, turan(), same_time, oboz()]
    ordered = sorted(items, key=order_key)
    assert [a.article_id for a in ordered] == [
        oboz().article_id,
        turan().article_id,
        "a",
        "b",
        "a-undated",
    ]


def test_reorder_buffer_releases_a_burst_in_order_after_a_pause() -> None:
    buf: ReorderBuffer[str] = ReorderBuffer(wait_s=2.0, max_items=100)
    buf.add((True, 0.0, "oboz"), "oboz", now=0.0)  # unknown time: sorts last
    buf.add((False, 10.0, "turan"), "turan", now=1.5)
    assert buf.release(now=2.0) == []  # the burst may go on
    assert buf.next_due() == 3.5
    assert buf.release(now=3.5) == ["turan", "oboz"]
    assert len(buf) == 0
    assert buf.next_due() is None


def test_reorder_buffer_cuts_a_steady_stream_and_is_bounded() -> None:
    buf: ReorderBuffer[int] = ReorderBuffer(wait_s=1.0, max_items=100)
    released = []
    for k in range(12):  # one every 0.5 s: never a pause
        buf.add((False, float(-k), str(k)), k, now=0.5 * k)
        released.append(buf.release(now=0.5 * k))
    # At 5 s the oldest has waited five times the wait: all held go, sorted.
    assert released[10] == list(range(10, -1, -1))
    assert not any(released[:10])
    assert released[11] == []
    small: ReorderBuffer[int] = ReorderBuffer(wait_s=60.0, max_items=3)
    keys = list(range(3))
    random.Random(1).shuffle(keys)
    for k in keys:
        small.add((False, float(k), str(k)), k, now=0.0)
    assert small.release(now=0.0) == [0, 1, 2]


def test_zero_wait_keeps_arrival_order() -> None:
    buf: ReorderBuffer[str] = ReorderBuffer(wait_s=0.0, max_items=100)
    buf.add((False, 2.0, "b"), "b", now=0.0)
    buf.add((False, 1.0, "a"), "a", now=0.0)
    assert buf.release(now=0.0) == ["b", "a"]
