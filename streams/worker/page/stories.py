"""JSON views of live stories for the analyst page: the newest first, and one story.

``GET /stories`` pages the recent-stories index (no table scan) and reads one
summary per story shown; ``GET /stories/{id}`` reads the story's summary and its
articles from ``article_index``. The summaries live in the rows of
``story_clusters``. Both run on the worker that owns that table (one partition)
and only read.
"""

from __future__ import annotations

import logging
from typing import Any

import faust
from faust.web import Request, Response, View

from streams.errors import SchemaError
from streams.records import Quote
from streams.worker.http import (
    MAX_PAGE,
    BadRequestError,
    error_response,
    json_response,
    page_params,
    search_param,
)
from streams.worker.routing import table_route
from streams.worker.story_index import (
    RecentStories,
    main_speakers,
    merge_story,
    reported_at,
    speaker_ref,
    story_of,
)
from streams.worker.tables import Tables

__all__ = ["register_story_views", "story_detail", "story_item"]

logger = logging.getLogger(__name__)

_ARTICLE_KEYS = ("article_id", "source", "url", "title", "published_at", "indexed_at")
_QUOTE_KEYS = ("quote_id", "article_id", "text", "kind", "cue_class")


def story_item(story: dict[str, Any]) -> dict[str, Any]:
    """What the stories list shows of one story."""
    outlets = sorted(
        (story.get("outlets") or {}).items(), key=lambda kv: (-kv[1], kv[0])
    )
    first = story.get("first") or {}
    return {
        "cluster_id": story["cluster_id"],
        "headline": story.get("headline") or "",
        "article_count": int(story.get("article_count") or 0),
        "outlet_count": len(outlets),
        "outlets": [{"source": s, "articles": n} for s, n in outlets],
        "first": first,
        "first_at": reported_at(first),
        "last_activity": story.get("last_activity"),
        "speakers": main_speakers(story),
    }


def _is_claim(quote: dict[str, Any]) -> bool:
    """Whether the claims table took this quote (``Quote.is_claim``)."""
    try:
        return Quote.from_dict(quote).is_claim
    except (KeyError, TypeError, ValueError, SchemaError):
        return False


def _group_quotes(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The articles' quotes by resolved speaker, most quoted first."""
    groups: dict[str, dict[str, Any]] = {}
    for article in articles:
        for quote in article.get("quotes") or ():
            ref = speaker_ref(quote)
            if ref is None:
                continue
            speaker_id, name = ref
            group = groups.setdefault(
                speaker_id,
                {
                    "speaker_id": speaker_id,
                    "name": name,
                    "roles": [],
                    "organizations": [],
                    "has_claims": False,
                    "quotes": [],
                },
            )
            group["has_claims"] = group["has_claims"] or _is_claim(quote)
            speaker = quote.get("speaker") or {}
            for field, key in (("roles", "role"), ("organizations", "organization")):
                value = speaker.get(key)
                if value and value not in group[field]:
                    group[field].append(value)
            group["quotes"].append(
                {k: quote.get(k) for k in _QUOTE_KEYS}
                | {"source": article.get("source")}
            )
    return sorted(groups.values(), key=lambda g: (-len(g["quotes"]), g["speaker_id"]))


def story_detail(
    cluster_id: str, story: dict[str, Any] | None, articles: list[dict[str, Any]]
) -> dict[str, Any]:
    """One story: its summary, its articles in order of reporting, quotes by speaker.

    ``articles`` are ``article_index`` summaries (an expired one has only its
    ``article_id``); without a stored summary the story is summarised from them.
    """
    known = [a for a in articles if "cluster" in a]
    if story is None:
        for article in known:
            story = merge_story(story, article)
    item = story_item(story or {"cluster_id": cluster_id})
    first_id = item["first"].get("article_id")
    timeline = sorted(
        known, key=lambda a: (reported_at(a) or "", a.get("indexed_at") or "")
    )
    item["articles"] = [
        {k: a.get(k) for k in _ARTICLE_KEYS}
        | {
            "reported_at": reported_at(a),
            "first": a["article_id"] == first_id,
            "quote_count": len(a.get("quotes") or ()),
        }
        for a in timeline
    ]
    item["quotes_by_speaker"] = _group_quotes(timeline)
    return item


def register_story_views(app: faust.App, tables: Tables, recent: RecentStories) -> None:
    """Add ``/stories`` and ``/stories/{cluster_id}`` to the worker's web server."""
    stories = tables.story_clusters

    @app.page("/stories")
    @table_route(app, stories, exact_key="stories")
    async def list_stories(web: View, request: Request) -> Response:
        """Live stories, newest activity first; ``q`` searches headlines, speakers."""
        try:
            offset, limit = page_params(request)
            query = search_param(request)
        except BadRequestError as exc:
            return error_response(web, 400, str(exc))
        total, ids = recent.page(offset, limit, query)
        items = []
        for cluster_id in ids:
            story = story_of(stories.get(cluster_id.encode()))
            if story is not None:
                items.append(story_item(story))
        return json_response(
            web,
            {"total": total, "offset": offset, "limit": limit, "stories": items},
        )

    @app.page("/stories/{cluster_id}")
    @table_route(app, stories, "cluster_id")
    async def get_story(web: View, request: Request, cluster_id: str) -> Response:
        """A story: summary, articles in order of reporting, quotes by speaker."""
        key = cluster_id.encode()
        state = stories.get(key)
        story = story_of(state)
        if state is None:
            return error_response(web, 404, f"unknown story {cluster_id!r}")
        members = [str(m) for m in (state or {}).get("members", [])][:MAX_PAGE]
        articles = [
            tables.article_index.get(m.encode()) or {"article_id": m} for m in members
        ]
        return json_response(web, story_detail(cluster_id, story, articles))
