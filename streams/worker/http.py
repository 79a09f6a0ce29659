"""JSON responses and query parameters shared by the worker's HTTP views."""

from __future__ import annotations

from typing import Any

import orjson
from faust.web import Request, Response, View

__all__ = [
    "MAX_PAGE",
    "BadRequestError",
    "error_response",
    "int_param",
    "json_response",
    "page_params",
    "search_param",
]

MAX_PAGE = 100  # largest page a client may ask for; keeps responses bounded
MAX_QUERY = 200  # longest search string


class BadRequestError(ValueError):
    """A query parameter is out of range or malformed."""


def json_response(web: View, data: Any, status: int = 200) -> Response:
    """``data`` as a JSON response."""
    return web.bytes(orjson.dumps(data), content_type="application/json", status=status)


def error_response(web: View, status: int, message: str) -> Response:
    """An error as ``{"error", "status"}``."""
    return json_response(web, {"error": message, "status": status}, status=status)


def int_param(request: Request, name: str, default: int, lo: int, hi: int) -> int:
    """An integer query parameter within [lo, hi], else BadRequestError."""
    raw = request.query.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequestError(f"{name} must be an integer") from None
    if not lo <= value <= hi:
        raise BadRequestError(f"{name} must be between {lo} and {hi}")
    return value


def page_params(request: Request) -> tuple[int, int]:
    """``offset`` and ``limit`` of a paged request."""
    return (
        int_param(request, "offset", 0, 0, 10_000_000),
        int_param(request, "limit", 20, 1, MAX_PAGE),
    )


def search_param(request: Request) -> str:
    """The search string ``q``, stripped and lower-cased."""
    query = (request.query.get("q") or "").strip().lower()
    if len(query) > MAX_QUERY:
        raise BadRequestError("q is too long")
    return query
