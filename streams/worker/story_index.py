"""Live story summaries for the analyst page, and the index that orders them.

A story summary is a small JSON-able dict per story cluster, folded from the
article summaries of ``article_index`` as articles arrive (``merge_story``): the
headline, articles and outlets counted, the first reporter, the last activity
and the speakers quoted most. ``RecentStories`` keeps the ids of the most
recently active stories in order, bounded, so a page of "stories now" or a
search never scans a table. No Faust here: the agent writes each summary into
its cluster's row of ``story_clusters`` (``cluster_row``) and updates the index;
the views read both.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Iterable
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from streams.errors import SchemaError
from streams.records import parse_time
from streams.stages.claims.aliases import speaker_id_for, split_name

__all__ = [
    "MAX_INDEXED_STORIES",
    "MAX_OUTLETS",
    "MAX_SPEAKERS",
    "RecentStories",
    "cluster_part",
    "cluster_row",
    "main_speakers",
    "merge_story",
    "reported_at",
    "speaker_ref",
    "story_of",
]

logger = logging.getLogger(__name__)

# Outlets and speakers kept per story: a page shows a handful; a story carried
# by more outlets than this keeps counting articles but lists the first 50.
MAX_OUTLETS = 50
MAX_SPEAKERS = 30
# Stories the index orders: the list pages back this far; older stories stay
# reachable by id. A search scans at most this many short strings (about 2 ms
# for 10,000 stories, tests/worker/test_story_index.py).
MAX_INDEXED_STORIES = 20_000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def cluster_row(
    cluster_state: dict[str, Any], story: dict[str, Any] | None
) -> dict[str, Any]:
    """A ``story_clusters`` row: the clusterer's state, the story under "story"."""
    return {**cluster_state, "story": story} if story else dict(cluster_state)


def cluster_part(row: dict[str, Any] | None) -> dict[str, Any] | None:
    """The clusterer's state in a ``story_clusters`` row (None for none)."""
    if row is None:
        return None
    return {key: value for key, value in row.items() if key != "story"}


def story_of(row: dict[str, Any] | None) -> dict[str, Any] | None:
    """The story summary in a ``story_clusters`` row, if it has one."""
    return (row or {}).get("story") or None


def speaker_ref(quote: dict[str, Any]) -> tuple[str, str] | None:
    """A quote's speaker as (speaker id, name), as the claims table keys it."""
    speaker = quote.get("speaker") or {}
    words = split_name(speaker.get("name") or "")
    if not words:
        return None
    name = " ".join(words)
    return speaker_id_for(name), name


def reported_at(article: dict[str, Any]) -> str | None:
    """When an article reported: its published time, else when it arrived."""
    return article.get("published_at") or article.get("indexed_at")


def _sort_time(value: str | None) -> datetime | None:
    try:
        return parse_time(value) if value else None
    except SchemaError:
        return None


def _earlier(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether article ``a`` reported before ``b`` (arrival breaks ties)."""
    ta, tb = _sort_time(reported_at(a)), _sort_time(reported_at(b))
    if ta is not None and tb is not None and ta != tb:
        return ta < tb
    if ta is not None and tb is None:
        return True
    return False


def _article_ref(article: dict[str, Any]) -> dict[str, Any]:
    return {
        key: article.get(key)
        for key in ("article_id", "source", "url", "title", "published_at")
    } | {"indexed_at": article.get("indexed_at")}


def merge_story(
    story: dict[str, Any] | None, article: dict[str, Any]
) -> dict[str, Any]:
    """Fold one article summary into its story's summary (a new dict).

    Reads the article's ``cluster``, ``source``, ``title``, times and quotes
    (each quote's speaker counts once per quote). An article already folded in
    (``last_article``) leaves the story unchanged, so a replay is harmless.
    """
    cluster_id = article["cluster"]["cluster_id"]
    if story is not None and story.get("last_article") == article["article_id"]:
        return story
    story = dict(story or {"cluster_id": cluster_id, "article_count": 0})
    source = article.get("source") or "unknown"
    outlets = dict(story.get("outlets") or {})
    if source in outlets or len(outlets) < MAX_OUTLETS:
        outlets[source] = outlets.get(source, 0) + 1
    speakers = {k: dict(v) for k, v in (story.get("speakers") or {}).items()}
    for quote in article.get("quotes") or ():
        ref = speaker_ref(quote)
        if ref is None:
            continue
        speaker_id, name = ref
        if speaker_id in speakers:
            speakers[speaker_id]["quotes"] += 1
        elif len(speakers) < MAX_SPEAKERS:
            speakers[speaker_id] = {"name": name, "quotes": 1}
    first = story.get("first")
    if first is None or _earlier(article, first):
        story["first"] = _article_ref(article)
    if not story.get("headline") and article.get("title"):
        story["headline"] = article["title"]
    story["headline"] = story.get("headline") or ""
    story["article_count"] = int(story["article_count"]) + 1
    story["outlets"] = outlets
    story["speakers"] = speakers
    story["last_activity"] = article.get("indexed_at")
    story["last_article"] = article["article_id"]
    return story


def main_speakers(story: dict[str, Any], k: int = 5) -> list[dict[str, Any]]:
    """The k speakers quoted most in a story, as {speaker_id, name, quotes}."""
    speakers = story.get("speakers") or {}
    ranked = sorted(speakers.items(), key=lambda kv: (-kv[1]["quotes"], kv[0]))
    return [{"speaker_id": sid, **value} for sid, value in ranked[:k]]


def _haystack(story: dict[str, Any]) -> str:
    names = " ".join(v["name"] for v in (story.get("speakers") or {}).values())
    return f"{story.get('headline') or ''}\n{names}".lower()


class RecentStories:
    """Ids of the most recently active stories, newest last, at most ``cap``.

    ``touch`` moves a story to the front of the list; ``page`` reads newest first
    and, with a query, keeps the stories whose headline or speaker names contain
    it. Each entry keeps only its id, activity time and a lower-cased search text.
    """

    def __init__(self, cap: int = MAX_INDEXED_STORIES) -> None:
        self.cap = cap
        self._order: OrderedDict[str, str] = OrderedDict()

    def __len__(self) -> int:
        return len(self._order)

    def touch(self, story: dict[str, Any]) -> None:
        """Record new activity in a story."""
        cluster_id = story["cluster_id"]
        self._order.pop(cluster_id, None)
        self._order[cluster_id] = _haystack(story)
        while len(self._order) > self.cap:
            self._order.popitem(last=False)

    def remove(self, cluster_id: str) -> None:
        """Forget a story that left the window."""
        self._order.pop(cluster_id, None)

    def rebuild(self, stories: Iterable[dict[str, Any]]) -> None:
        """Start again from stored summaries (after a rebalance)."""
        self._order.clear()
        self.touch_all(stories)

    def touch_all(self, stories: Iterable[dict[str, Any]]) -> None:
        """Record activity in several stories, in order of their last activity."""
        keyed = sorted(
            stories,
            key=lambda s: (
                _sort_time(s.get("last_activity")) or _EPOCH,
                s["cluster_id"],
            ),
        )
        for story in keyed:
            self.touch(story)

    def page(self, offset: int, limit: int, query: str = "") -> tuple[int, list[str]]:
        """(total matching, ids of one page), newest activity first."""
        newest_first = reversed(self._order.items())
        if not query:
            ids = [cid for cid, _ in islice(newest_first, offset, offset + limit)]
            return len(self._order), ids
        needle = query.lower()
        matching = [cid for cid, text in newest_first if needle in text]
        return len(matching), matching[offset : offset + limit]
