"""Topic definitions: the public topics of DESIGN.md plus internal repartitions."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import faust

from streams.settings import Settings

__all__ = ["Topics", "define_topics"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Topics:
    """Every topic the worker reads or writes."""

    raw: faust.TopicT
    by_source: faust.TopicT
    cleaned: faust.TopicT
    quotes: faust.TopicT
    analyzed: faust.TopicT
    clusters: faust.TopicT
    quotes_by_speaker: faust.TopicT
    dead_letter: faust.TopicT


def define_topics(app: faust.App, settings: Settings) -> Topics:
    """Declare the topics on ``app``.

    ``articles.raw`` is read as raw bytes so that undecodable messages reach the
    dead-letter topic instead of failing inside the consumer.
    """
    parts = settings.partitions
    max_bytes = {"max.message.bytes": str(settings.max_message_bytes)}
    internal = f"{settings.app_id}."
    return Topics(
        raw=app.topic(
            settings.topic_raw,
            value_serializer="raw",
            partitions=parts,
            config=max_bytes,
        ),
        by_source=app.topic(
            internal + "articles.by-source",
            partitions=parts,
            config=max_bytes,
            internal=True,
        ),
        cleaned=app.topic(settings.topic_cleaned, partitions=parts, config=max_bytes),
        quotes=app.topic(settings.topic_quotes, partitions=parts),
        # Story clustering needs one view of the whole stream: its input topic has a
        # single partition (README, "Scaling").
        analyzed=app.topic(
            internal + "articles.analyzed",
            partitions=1,
            config=max_bytes,
            internal=True,
        ),
        clusters=app.topic(settings.topic_clusters, partitions=parts),
        quotes_by_speaker=app.topic(
            internal + "quotes.by-speaker", partitions=parts, internal=True
        ),
        dead_letter=app.topic(
            settings.topic_dead_letter, partitions=parts, config=max_bytes
        ),
    )
