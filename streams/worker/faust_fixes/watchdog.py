"""Re-read partitions whose fetched records no agent will process (at-least-once).

faust-streaming 0.15 drops fetched records when the consumer generation changes
under them: ``Consumer.getmany`` cancels the rest of a fetch, and streams skip
records stamped with an older generation. A rebalance normally re-reads them from
the committed offset, but records fetched around the rebalance itself can be
dropped after that seek. Their partition then keeps uncommitted records that its
worker has already fetched past, and nothing reads them until the next rebalance:
two workers started together stalled that way in 3 of 4 runs
(``benchmarks/bench_e2e.py``, 2 workers; the articles never reached
``articles.clusters``).

Faust has no hook to re-read a partition that fell into this gap, so a timer
watches for it. When the worker is idle (no event in flight, nothing received and
no offset committed since the last check) and not rebalancing, every assigned
agent input partition whose committed offset is short of its end is sought back to
that offset, or to the log start when nothing was committed yet. Re-read records
are duplicates at worst, which at-least-once allows and the agents absorb.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import faust
from faust.types import TP

from streams.worker import metrics
from streams.worker.faust_fixes.offsets import partition_ends

__all__ = ["Watchdog", "install", "stalled_partitions"]

logger = logging.getLogger(__name__)

_AT_LEAST_ONCE = faust.types.enums.ProcessingGuarantee.AT_LEAST_ONCE
INTERVAL_S = 5.0


def stalled_partitions(
    assigned: Iterable[TP],
    committed: Mapping[TP, int | None],
    ends: Mapping[TP, int | None],
    topics: set[str],
) -> dict[TP, int | None]:
    """Assigned partitions of ``topics`` with records past their committed offset.

    Returns each such partition with its committed offset (None: never committed).
    """
    out: dict[TP, int | None] = {}
    for tp in assigned:
        end = ends.get(tp)
        if tp.topic not in topics or not end:
            continue
        done = committed.get(tp)
        if (done or 0) < end:
            out[tp] = done
    return out


@dataclass
class Watchdog:
    """Idle detection between two checks, and the re-seek itself."""

    app: faust.App
    topics: set[str]
    _last: tuple[Any, ...] | None = field(default=None, init=False)

    def _activity(self) -> tuple[Any, ...]:
        consumer = self.app.consumer
        monitor = self.app.monitor
        committed = getattr(consumer, "_committed_offset", {})
        return (
            getattr(monitor, "messages_received_total", 0),
            getattr(monitor, "events_total", 0),
            tuple(sorted((str(tp), off) for tp, off in committed.items())),
        )

    def idle(self) -> bool:
        """Whether nothing moved since the previous call and nothing is in flight."""
        app = self.app
        now = self._activity()
        quiet = now == self._last
        self._last = now
        if app.rebalancing or getattr(app, "in_recovery", False):
            return False
        consumer = app.consumer
        return quiet and not consumer.unacked and consumer.flow_active

    async def check(self) -> dict[TP, int]:
        """Seek stalled partitions back; returns where each was sought to."""
        if not self.idle():
            return {}
        consumer = self.app.consumer
        assigned, ends = partition_ends(consumer)
        committed = getattr(consumer, "_committed_offset", {})
        stalled = stalled_partitions(assigned, committed, ends, self.topics)
        if not stalled:
            return {}
        fresh = [tp for tp, off in stalled.items() if off is None]
        starts = await consumer.earliest_offsets(*fresh) if fresh else {}
        sought: dict[TP, int] = {}
        for tp, off in stalled.items():
            offset = off if off is not None else starts.get(tp, 0)
            await consumer.seek(tp, offset)
            positions = consumer._read_offset  # noqa: SLF001 - offsets.SeekPositions
            if hasattr(positions, "set_start"):
                positions.set_start(tp, offset)
            sought[tp] = offset
            metrics.partition_reseeks.labels(topic=tp.topic).inc()
        logger.warning(
            "re-reading %d stalled partition(s) from their committed offsets: %s",
            len(sought),
            ", ".join(
                f"{tp.topic}[{tp.partition}]@{off}" for tp, off in sought.items()
            ),
        )
        self._last = None
        return sought


def install(app: faust.App, topics: Iterable[str]) -> Watchdog | None:
    """Run the watchdog on ``app`` every few seconds (at-least-once only)."""
    if app.conf.processing_guarantee != _AT_LEAST_ONCE:
        return None
    dog = Watchdog(app, set(topics))

    @app.timer(interval=INTERVAL_S)
    async def reread_stalled_partitions() -> None:
        """Seek partitions whose fetched records were dropped back to their commit."""
        await dog.check()

    return dog
