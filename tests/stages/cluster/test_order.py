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


def test_reorder_buffer_releases_due_items_in_order() -> None:
    buf: ReorderBuffer[str] = ReorderBuffer(wait_s=2.0, max_items=100)
    buf.add((False, 20.0, "late"), "late", now=0.0)
    buf.add((False, 10.0, "early"), "early", now=1.0)
    assert buf.release(now=1.5) == []
    assert buf.next_due() == 2.0
    # "late" is due; "early" sorts before it, so it goes too
    assert buf.release(now=2.0) == ["early", "late"]
    assert len(buf) == 0
    assert buf.next_due() is None


def test_reorder_buffer_is_bounded_and_flushes() -> None:
    buf: ReorderBuffer[int] = ReorderBuffer(wait_s=60.0, max_items=3)
    keys = list(range(6))
    random.Random(1).shuffle(keys)
    for k in keys:
        buf.add((False, float(k), str(k)), k, now=0.0)
    assert buf.release(now=0.0) == [0, 1, 2]
    assert buf.release(now=0.0, flush=True) == [3, 4, 5]
