"""Offset commits that never pass an unprocessed message (at-least-once).

faust-streaming 0.15 decides what to commit from two pieces of bookkeeping that
can skip messages around a seek (every restart and rebalance seeks to the
committed offsets):

* its fetch loop remembers the last offset it handed to the streams. Records
  fetched just before the seek are still handed over after it, so the offsets
  re-read from the committed position look "already read" and are dropped, and
  the jump from the committed offset to the stale record is booked as a *gap*
  (offsets that cannot be read, such as transaction markers), which counts as
  acknowledged;
* the commit lets one unacknowledged offset through at the head of the acked
  list, and any number of them before the worker's first commit.

Together they committed past messages no agent had processed: a run killed five
times lost 136 consecutive articles between ``articles.cleaned`` and
``articles.analyzed`` with nothing in the logs. Our agent inputs are neither
compacted nor written in transactions under at-least-once, so their offsets are
contiguous and a gap can only mean "not processed yet". The fix:

* a record is never dropped as "already read": a re-read is a duplicate, which
  at-least-once allows and the agents absorb (a record fetched just before a
  seek may so be processed ahead of the records the seek re-reads);
* only the run of acknowledged offsets that starts exactly at the committed (or
  sought) position is committed.

Dropping the rest of a fetch that a seek overtook would keep the order, but a
partition with no committed offset is not sought at all (aiokafka's
``seek_to_committed`` skips it), so the dropped records would never be read
again. Faust exposes no hook for any of this, so two members of the consumer
instance are replaced; :func:`install` is called once per app.
"""

from __future__ import annotations

import types
from typing import Any

import faust
from faust.types import TP
from faust.utils.functional import consecutive_numbers

__all__ = ["SeekPositions", "committable_run", "install", "partition_ends"]


_AT_LEAST_ONCE = faust.types.enums.ProcessingGuarantee.AT_LEAST_ONCE


class SeekPositions(dict):
    """Stands in for the consumer's read offsets.

    Reads return None, so the fetch loop neither drops a re-read record nor books
    a gap; per-record writes are ignored; ``update`` (used when seeking to the
    committed offsets) keeps each partition's starting position.
    """

    def __getitem__(self, tp: Any) -> None:
        return None

    def __setitem__(self, tp: Any, offset: Any) -> None:
        return None

    def start(self, tp: Any) -> int | None:
        """The offset the partition was last sought to, if known."""
        return dict.get(self, tp)

    def set_start(self, tp: Any, offset: int) -> None:
        """Record a seek made outside ``perform_seek`` (see ``watchdog.py``)."""
        dict.__setitem__(self, tp, offset)


def committable_run(acked: list[int], start: int | None) -> list[int]:
    """The acknowledged offsets that can be committed now, in order.

    That is the run of consecutive offsets at the head of ``acked``, provided it
    begins at ``start`` (the committed or sought position, when known); the run
    is removed from ``acked``, which is sorted in place. Commit ``run[-1] + 1``.
    """
    if not acked:
        return []
    acked.sort()
    if start is not None and acked[0] > start:
        return []  # an earlier message is still in flight (or being re-read)
    run = next(consecutive_numbers(acked))
    del acked[: len(run)]
    return run


def _new_offset(self: Any, tp: TP) -> int | None:
    start = self._committed_offset[tp]
    if start is None:
        start = self._read_offset.start(tp)
    run = committable_run(self._acked[tp], start)
    if not run:
        return None
    self._acked_index[tp].difference_update(run)
    return run[-1] + 1


def partition_ends(consumer: Any) -> tuple[set[TP], dict[TP, int | None]]:
    """The assigned partitions and their fetched ends (highwater marks).

    Partitions not fetched yet are left out of the ends. With the consumer's
    ``_committed_offset`` (the next offset to read, per partition) this gives the
    lag gauge and the watchdog their committed-to-end gap.
    """
    assigned = consumer.assignment()
    ends: dict[TP, int | None] = {}
    for tp in assigned:
        try:
            ends[tp] = consumer.highwater(tp)
        except Exception:  # noqa: S112 - partition not fetched yet
            continue
    return assigned, ends


def install(app: faust.App) -> None:
    """Use the contiguous commit rule on ``app``'s consumer (at-least-once only).

    Under exactly-once, transaction markers do leave real gaps in the internal
    topics, so Faust's own bookkeeping stays in place there.
    """
    if app.conf.processing_guarantee != _AT_LEAST_ONCE:
        return
    consumer = app.consumer
    consumer._read_offset = SeekPositions()  # noqa: SLF001 - no public hook
    consumer._new_offset = types.MethodType(_new_offset, consumer)  # noqa: SLF001
