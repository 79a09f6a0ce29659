"""The canonical order of articles for clustering, and a bounded reorder buffer.

Reads a CleanedArticle's event time (``event_time``) and ``article_id``. An online
clusterer's stories depend on the order it sees articles in; the worker's
partitions interleave articles in a different order on every run. Sorting by
(event time, article id), unknown times last, gives one order for the same
articles: batch mode sorts its whole input, the worker what arrives within a
bounded wait (:class:`ReorderBuffer`), so both give the same stories and ids
whenever arrival is out of order by less than that wait.
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
    """Items held until ``wait_s`` after arrival, released in canonical order.

    Time is the caller's (a monotonic clock in the worker), so the buffer itself
    is pure. ``max_items`` bounds memory: beyond it the oldest keys go at once.
    """

    wait_s: float
    max_items: int
    _items: list[tuple[OrderKey, float, T]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self._items)

    def add(self, key: OrderKey, item: T, now: float) -> None:
        """Hold an item that arrived at ``now``."""
        self._items.append((key, now, item))

    def release(self, now: float, *, flush: bool = False) -> list[T]:
        """Items due at ``now`` (all with ``flush``), in canonical order.

        An item is due once it has waited ``wait_s``; an item that sorts before a
        due one goes with it, so the release never passes an item it holds back.
        """
        if not self._items:
            return []
        self._items.sort(key=lambda kv: kv[0])
        if flush:
            cut = len(self._items)
        else:
            items = self._items
            due = [i for i, (_, at, _) in enumerate(items) if now - at >= self.wait_s]
            cut = due[-1] + 1 if due else 0
            cut = max(cut, len(self._items) - self.max_items)
        out = [item for _, _, item in self._items[:cut]]
        del self._items[:cut]
        return out

    def next_due(self) -> float | None:
        """When the earliest held item is due (None: nothing held)."""
        first = min((at for _, at, _ in self._items), default=None)
        return None if first is None else first + self.wait_s
