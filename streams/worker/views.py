"""Read-only HTTP views over the live tables, routed to the worker that owns the key."""

from __future__ import annotations

import logging
from typing import Any

import faust
import orjson
from aiohttp import web as aiohttp_web
from faust.web import Request, Response, View

from streams.errors import SchemaError
from streams.records import format_time, parse_time
from streams.settings import Settings
from streams.worker.http import MAX_PAGE, BadRequestError
from streams.worker.http import error_response as _error
from streams.worker.http import json_response as _json
from streams.worker.http import page_params as _page
from streams.worker.routing import table_route
from streams.worker.tables import Tables

__all__ = ["MAX_PAGE", "BadRequestError", "json_errors", "register_views"]

logger = logging.getLogger(__name__)


def _iso(epoch: Any) -> str | None:
    """Epoch seconds as ISO time; None for 0, a story with no dated article yet."""
    if not isinstance(epoch, int | float) or epoch <= 0:
        return None
    try:
        return format_time(parse_time(epoch))
    except SchemaError:
        return None


@aiohttp_web.middleware
async def json_errors(request: aiohttp_web.Request, handler: Any) -> Any:
    """Answer an unknown route or method in JSON, like the views' own errors."""
    try:
        return await handler(request)
    except aiohttp_web.HTTPException as exc:
        if exc.status < 400:
            raise
        body = {"error": exc.reason.lower(), "status": exc.status}
        return aiohttp_web.json_response(body, status=exc.status, dumps=_dumps)


def _dumps(data: Any) -> str:
    return orjson.dumps(data).decode()


def _speaker_summary(value: dict[str, Any]) -> dict[str, Any]:
    claims = value.get("claims") or []
    return {
        "speaker_id": value["speaker_id"],
        "name": value["name"],
        "aliases": value.get("aliases", []),
        "roles": value.get("roles", []),
        "organizations": value.get("organizations", []),
        "claim_count": len(claims),
        "report_count": sum(int(c.get("count") or 0) for c in claims),
        "last_seen": max((c.get("last_seen") or "" for c in claims), default=None),
    }


def register_views(app: faust.App, settings: Settings, tables: Tables) -> None:
    """Add the JSON views to the worker's web server."""
    claims = tables.claims

    @app.page("/speakers")
    async def list_speakers(web: View, request: Request) -> Response:
        """Speakers on this worker, optionally filtered by name (``q``), paged."""
        try:
            offset, limit = _page(request)
        except BadRequestError as exc:
            return _error(web, 400, str(exc))
        query = (request.query.get("q") or "").strip().lower()
        if len(query) > 200:
            return _error(web, 400, "q is too long")
        matches = []
        for value in claims.values():
            names = [value.get("name", ""), *value.get("aliases", [])]
            if not query or any(query in n.lower() for n in names):
                matches.append(_speaker_summary(value))
        matches.sort(key=lambda s: (-s["claim_count"], s["speaker_id"]))
        return _json(
            web,
            {
                "total": len(matches),
                "offset": offset,
                "limit": limit,
                "speakers": matches[offset : offset + limit],
            },
        )

    @app.page("/speakers/{speaker_id}")
    @table_route(app, claims, "speaker_id")
    async def get_speaker(web: View, request: Request, speaker_id: str) -> Response:
        """One speaker: names, roles, organisations and claim count."""
        value = claims.get(speaker_id.encode())
        if value is None:
            return _error(web, 404, f"unknown speaker {speaker_id!r}")
        return _json(web, _speaker_summary(value))

    @app.page("/speakers/{speaker_id}/claims")
    @table_route(app, claims, "speaker_id")
    async def get_speaker_claims(
        web: View, request: Request, speaker_id: str
    ) -> Response:
        """A speaker's claims, most widely reported first, paged."""
        try:
            offset, limit = _page(request)
        except BadRequestError as exc:
            return _error(web, 400, str(exc))
        value = claims.get(speaker_id.encode())
        if value is None:
            return _error(web, 404, f"unknown speaker {speaker_id!r}")
        items = sorted(
            value.get("claims") or [],
            key=lambda c: (-c.get("count", 0), c.get("first_seen") or ""),
        )
        return _json(
            web,
            {
                "speaker_id": speaker_id,
                "name": value["name"],
                "total": len(items),
                "offset": offset,
                "limit": limit,
                "claims": items[offset : offset + limit],
            },
        )

    @app.page("/clusters/{cluster_id}")
    @table_route(app, tables.story_clusters, "cluster_id")
    async def get_cluster(web: View, request: Request, cluster_id: str) -> Response:
        """A story: its articles with their quotes."""
        state = tables.story_clusters.get(cluster_id.encode())
        if state is None:
            return _error(web, 404, f"unknown cluster {cluster_id!r}")
        members = [str(m) for m in state.get("members", [])]
        articles = []
        for article_id in members[:MAX_PAGE]:
            summary = tables.article_index.get(article_id.encode())
            articles.append(summary or {"article_id": article_id})
        return _json(
            web,
            {
                "cluster_id": cluster_id,
                "size": int(state.get("size") or len(members)),
                # Stored as epoch seconds; ISO like every other time in the API.
                "first_seen": _iso(state.get("t_first")),
                "last_seen": _iso(state.get("t_last")),
                "articles": articles,
            },
        )

    @app.page("/articles/{article_id}")
    @table_route(app, tables.article_index, "article_id")
    async def get_article(web: View, request: Request, article_id: str) -> Response:
        """One recent article: metadata, cluster and quotes."""
        summary = tables.article_index.get(article_id.encode())
        if summary is None:
            return _error(web, 404, f"unknown article {article_id!r}")
        return _json(web, summary)
