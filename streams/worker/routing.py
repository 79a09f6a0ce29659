"""Route a keyed HTTP request to the worker that owns the key's table partition."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any

import faust
from faust.web import Request, Response, View

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
    The worker declares every changelog before its web server starts
    (``main.declare_topics``): asking for the metadata of a missing topic would
    have the broker create it with its default partition count.
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
            producer = app.producer._ensure_producer()  # noqa: SLF001 - no public getter
            await producer.partitions_for(changelog)
            return await routed(web, request, **kwargs)

        return view

    return decorate
