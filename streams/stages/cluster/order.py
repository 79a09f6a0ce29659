"""The canonical order of articles for clustering, and a bounded reorder buffer.

Reads a CleanedArticle's event time (``event_time``) and ``article_id``. An online
clusterer's stories depend on the order it sees articles in; the worker's
partitions interleave articles in a different order on every run. Sorting by
(event time, article id), unknown times last, gives one order for the same
articles: batch mode sorts its whole input, the worker what its watermark
releases together (:class:`ReorderBuffer`), so both give the same stories and
ids whenever the articles concerned are produced close together (a burst).
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from streams.records import CleanedArticle
from streams.stages.cluster.event_time import event_time

__all__ = ["OrderKey", "ReorderBuffer", "order_key"]

logger = logging.getLogger(__name__)

# (time unknown, event time or 0, article id): unknown times sort last.
OrderKey = tuple[bool, float, str]
T = TypeVar("T")


def order_key(article: CleanedArticle) -> OrderKey:
    """The article's place in the canonical order."""
    t = event_time(article).t
    return (t is None, 0.0 if t is None else t, article.article_id)


@dataclass(slots=True)
class _Held(Generic[T]):
    key: OrderKey
    position: float
    arrived: float
    item: T


@dataclass(slots=True)
class ReorderBuffer(Generic[T]):
    """Items held until a watermark passes them, released in canonical order.

    Each item comes with a lane (the partition it was read from), a position
    (its produce time, in seconds) and its arrival time ``now``. Within a lane
    items arrive in position order; lanes interleave differently on every run.
    The watermark is the smallest newest position among the lanes that had an
    arrival in the last ``idle_s``, minus ``lateness_s``: whatever is held at or
    below it goes, sorted by its order key, without waiting for arrivals to
    pause. An item whose peers (produced up to ``lateness_s`` before or after
    it) reach the buffer within ``lateness_s`` of one another is released with
    them, so their order does not depend on the interleaving. Once no lane has
    had an arrival for ``idle_s`` (a lone article, the end of a burst) all that
    is held goes; so does an item held ``max_wait_s`` (a lane lagging behind the
    others) and everything once ``max_items`` are held.

    A release takes a prefix of each lane's arrivals: nothing that arrived later
    in a lane is processed before something held in it, so a consumer can commit
    a partition's offset up to its release and no further (exactly-once stays
    exact). ``lateness_s`` 0 keeps arrival order: no reordering, no wait. Time is
    the caller's (a monotonic clock in the worker): the buffer is pure.
    """

    lateness_s: float
    max_items: int
    idle_s: float = 0.0  # 0: twice ``lateness_s``
    max_wait_s: float = 0.0  # 0: twenty times ``lateness_s``
    _lanes: dict[Any, deque[_Held[T]]] = field(default_factory=dict)
    _newest: dict[Any, float] = field(default_factory=dict)
    _last: dict[Any, float] = field(default_factory=dict)
    _count: int = 0

    def __len__(self) -> int:
        return self._count

    def add(
        self,
        key: OrderKey,
        item: T,
        now: float,
        lane: Any = None,
        position: float | None = None,
    ) -> None:
        """Hold an item of ``lane`` produced at ``position`` that arrived at ``now``."""
        pos = now if position is None else position
        self._lanes.setdefault(lane, deque()).append(_Held(key, pos, now, item))
        self._newest[lane] = max(pos, self._newest.get(lane, pos))
        self._last[lane] = now
        self._count += 1

    def watermark(self, now: float) -> float | None:
        """The position up to which items go at ``now``; None: all of them."""
        idle = self.idle_s or 2.0 * self.lateness_s
        active = [
            self._newest[lane] for lane, last in self._last.items() if now - last < idle
        ]
        if not active or self._count >= self.max_items or self.lateness_s <= 0:
            return None
        return min(active) - self.lateness_s

    def due(self, now: float) -> bool:
        """Whether :meth:`release` would release anything at ``now``."""
        if not self._count:
            return False
        mark = self.watermark(now)
        oldest = now - (self.max_wait_s or 20.0 * self.lateness_s)
        return any(
            mark is None or held[0].position <= mark or held[0].arrived <= oldest
            for held in self._lanes.values()
        )

    def release(self, now: float, *, flush: bool = False) -> list[T]:
        """What is due at ``now`` (everything with ``flush``), in canonical order."""
        if not self._count:
            return []
        mark = None if flush else self.watermark(now)
        oldest = now - (self.max_wait_s or 20.0 * self.lateness_s)
        out: list[_Held[T]] = []
        for lane in list(self._lanes):
            held = self._lanes[lane]
            while held and (
                mark is None or held[0].position <= mark or held[0].arrived <= oldest
            ):
                out.append(held.popleft())
            if not held:
                del self._lanes[lane]
        self._count -= len(out)
        if self.lateness_s > 0:
            out.sort(key=lambda h: h.key)
        return [h.item for h in out]

    def clear(self) -> None:
        """Forget everything held and every lane."""
        self._lanes.clear()
        self._newest.clear()
        self._last.clear()
        self._count = 0
