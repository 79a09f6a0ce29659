"""The canonical order of articles for clustering, and a bounded reorder buffer.

Reads a CleanedArticle's event time (``event_time``) and ``article_id``. An online
clusterer's stories depend on the order it sees articles in; the worker's
partitions interleave articles in a different order on every run. Sorting by
(event time, article id), unknown times last, gives one order for the same
articles: batch mode sorts its whole input, the worker what arrives within a
bounded wait (:class:`ReorderBuffer`), so both give the same stories and ids
whenever the articles concerned arrive in one burst.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Generic, TypeVar

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
class ReorderBuffer(Generic[T]):
    """Items held until arrivals pause, then released together in canonical order.

    Everything held goes at once, once no item has arrived for ``wait_s``, or
    the oldest has waited ``max_wait_s``, or ``max_items`` are held. A release is
    thus always a prefix of the arrival order: nothing that arrived later is
    processed before something held, so a consumer can commit its offset up to
    the release and no further (exactly-once stays exact). Articles produced
    together (a burst) are sorted together; a steady stream is cut every
    ``max_wait_s``. ``wait_s`` 0 keeps arrival order: no reordering at all.
    Time is the caller's (a monotonic clock in the worker): the buffer is pure.
    """

    wait_s: float
    max_items: int
    max_wait_s: float = 0.0  # 0: five times ``wait_s``
    _items: list[tuple[OrderKey, float, T]] = field(default_factory=list)
    _last: float = 0.0

    def __len__(self) -> int:
        return len(self._items)

    def add(self, key: OrderKey, item: T, now: float) -> None:
        """Hold an item that arrived at ``now``."""
        self._items.append((key, now, item))
        self._last = now

    def due(self, now: float) -> bool:
        """Whether what is held should go now."""
        if not self._items:
            return False
        longest = self.max_wait_s or 5.0 * self.wait_s
        return (
            now - self._last >= self.wait_s
            or now - self._items[0][1] >= longest
            or len(self._items) >= self.max_items
        )

    def release(self, now: float, *, flush: bool = False) -> list[T]:
        """Everything held when due at ``now`` (or with ``flush``); else nothing."""
        if not (flush or self.due(now)):
            return []
        items = self._items
        if self.wait_s > 0:
            items.sort(key=lambda kv: kv[0])
        out = [item for _, _, item in items]
        self._items = []
        return out

    def next_due(self) -> float | None:
        """When what is held is due at the latest, arrivals pausing (None: empty)."""
        if not self._items:
            return None
        return self._last + self.wait_s
