"""Route a keyed HTTP request to the worker that owns the key's table partition."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any

import faust
from faust.web import Request, Response, View

from streams.worker.http import error_response

__all__ = ["Handler", "table_route"]

Handler = Callable[..., Awaitable[Response]]


def table_route(
    app: faust.App,
    table: faust.Table,
    match_info: str | None = None,
    *,
    exact_key: str | None = None,
) -> Callable[[Handler], Handler]:
    """``app.table_route`` that first makes sure the key's partition is known.

    Faust hashes the key with the producer's metadata of the table's changelog
    topic, which the producer only has once it has written to that topic: until
    then routing raises and the view answers 500. aiokafka's ``partitions_for``
    fetches the metadata (and returns at once when it is known already).
    Before the worker's first recovery the changelog may not be declared yet, and
    asking for its metadata would have the broker create it with its default
    partition count, which the table then refuses: such a request gets 503.
    ``exact_key`` routes every request to the owner of that one key (a view over
    a single-partition table that takes no key).
    """

    def decorate(handler: Handler) -> Handler:
        routed = app.table_route(
            table=table, match_info=match_info, exact_key=exact_key
        )(handler)
        changelog = table.changelog_topic.get_topic_name()

        @wraps(handler)
        async def view(web: View, request: Request, **kwargs: Any) -> Response:
            if not app.tables.recovery.completed.is_set():
                return error_response(web, 503, "the worker is starting")
            producer = app.producer._ensure_producer()  # noqa: SLF001 - no public getter
            await producer.partitions_for(changelog)
            return await routed(web, request, **kwargs)

        return view

    return decorate
