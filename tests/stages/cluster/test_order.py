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


def test_reorder_buffer_releases_a_burst_in_order_once_the_lanes_go_idle() -> None:
    buf: ReorderBuffer[str] = ReorderBuffer(lateness_s=0.25, max_items=100)
    # Produced together, read from two partitions 0.3 s apart.
    buf.add((True, 0.0, "oboz"), "oboz", now=0.0, lane=1, position=100.0)
    assert buf.release(now=0.3) == []  # a lane may still bring a peer
    buf.add((False, 10.0, "turan"), "turan", now=0.3, lane=0, position=100.001)
    assert not buf.due(now=0.79)
    assert buf.release(now=0.79) == []
    # No arrival for twice the lateness: both go, sorted (unknown time last).
    assert buf.due(now=0.8)
    assert buf.release(now=0.8) == ["turan", "oboz"]
    assert len(buf) == 0
    assert not buf.due(now=10.0)


def test_reorder_buffer_releases_a_steady_stream_without_a_pause() -> None:
    buf: ReorderBuffer[int] = ReorderBuffer(lateness_s=0.25, max_items=100)
    released: dict[int, float] = {}
    out: list[list[int]] = []
    # 40 a second over four partitions, each read 0.1 s after it was produced:
    # arrivals never pause, and every article leaves within about the lateness.
    for k in range(200):
        t = k * 0.025
        buf.add((False, float(-k), str(k)), k, now=t + 0.1, lane=k % 4, position=t)
        got = buf.release(now=t + 0.1)
        for item in got:
            released[item] = t + 0.1 - item * 0.025
        if got:
            out.append(got)
    assert len(released) > 180
    # Read 0.1 s late, the lateness, the partitions 0.075 s apart, and the next
    # arrival that moves the watermark.
    assert max(released.values()) <= 0.1 + 0.25 + 0.075 + 0.025 + 1e-9
    # Each release is what the watermark passed, sorted: here newest first.
    for got in out:
        assert got == sorted(got, reverse=True)
        assert len(got) < 10


def test_reorder_buffer_order_does_not_depend_on_the_interleaving() -> None:
    # A burst of 12 articles on four partitions, within a steady stream; each
    # run reads the partitions in another interleaving, up to 0.2 s late.
    burst = [(k, 50.0 + 0.002 * k, (False, float(k % 5), f"b{k}")) for k in range(12)]
    stream = [(100 + k, 0.05 * k, (False, 0.0, f"s{k:03d}")) for k in range(120)]
    outcomes = set()
    for seed in range(6):
        rng = random.Random(seed)
        buf: ReorderBuffer[str] = ReorderBuffer(lateness_s=0.25, max_items=1000)
        delays = {k: rng.uniform(0.0, 0.2) for k, _, _ in burst + stream}
        arrivals = sorted(
            (pos + delays[k], k % 4, pos, key) for k, pos, key in burst + stream
        )
        # Within a partition, arrival follows production.
        last: dict[int, float] = {}
        ordered = []
        for arrive, lane, pos, key in sorted(arrivals, key=lambda a: a[2]):
            arrive = max(arrive, last.get(lane, 0.0))
            last[lane] = arrive
            ordered.append((arrive, lane, pos, key))
        ordered.sort()
        seq: list[str] = []
        for arrive, lane, pos, key in ordered:
            seq += buf.release(now=arrive)
            buf.add(key, key[2], now=arrive, lane=lane, position=pos)
        seq += buf.release(now=1e9)
        burst_ids = [x for x in seq if x.startswith("b")]
        outcomes.add(tuple(burst_ids))
    assert len(outcomes) == 1
    (burst_ids,) = outcomes
    # The burst goes in canonical order, not in production order.
    assert list(burst_ids) == [
        f"b{k}" for k in sorted(range(12), key=lambda k: (k % 5, f"b{k}"))
    ]


def test_reorder_buffer_releases_a_prefix_of_each_lane_and_is_bounded() -> None:
    buf: ReorderBuffer[str] = ReorderBuffer(lateness_s=0.25, max_items=100)
    # Lane 0 holds a late-produced article before an early one: the early one
    # waits behind it, so the partition's offset is never passed over.
    buf.add((False, 0.0, "a"), "a", now=0.0, lane=0, position=5.0)
    buf.add((False, 0.0, "b"), "b", now=0.0, lane=0, position=1.0)
    buf.add((False, 0.0, "c"), "c", now=0.0, lane=1, position=3.0)
    assert buf.release(now=0.1) == []  # watermark 3 - 0.25
    buf.add((False, 0.0, "d"), "d", now=0.2, lane=1, position=5.3)
    assert buf.release(now=0.2) == ["c"]  # watermark 5 - 0.25 passes c only
    buf.add((False, 0.0, "e"), "e", now=0.3, lane=0, position=5.6)
    assert buf.release(now=0.3) == ["a", "b"]  # watermark 5.3 - 0.25
    # A lagging partition holds the watermark back at most max_wait_s.
    lag: ReorderBuffer[int] = ReorderBuffer(lateness_s=0.25, max_items=100)
    for k in range(40):
        lag.add((False, 0.0, f"{k:02d}"), k, now=0.2 * k, lane=0, position=0.2 * k)
        lag.add((False, 0.0, f"x{k:02d}"), -1, now=0.2 * k, lane=1, position=0.0)
    assert lag.release(now=4.9) == []
    assert 0 in lag.release(now=5.0)
    small: ReorderBuffer[int] = ReorderBuffer(lateness_s=60.0, max_items=3)
    keys = list(range(3))
    random.Random(1).shuffle(keys)
    for k in keys:
        small.add((False, float(k), str(k)), k, now=0.0, lane=k, position=0.0)
    assert small.release(now=0.0) == [0, 1, 2]


def test_zero_lateness_keeps_arrival_order() -> None:
    buf: ReorderBuffer[str] = ReorderBuffer(lateness_s=0.0, max_items=100)
    buf.add((False, 2.0, "b"), "b", now=0.0, lane=0, position=1.0)
    buf.add((False, 1.0, "a"), "a", now=0.0, lane=1, position=0.0)
    assert buf.release(now=0.0) == ["b", "a"]
