"""Send what a stage could not handle to the dead-letter topic, counted by reason."""

from __future__ import annotations

import logging
from typing import Any

import faust

from streams.records import DeadLetter
from streams.worker import metrics

__all__ = ["send_dead_letter"]

logger = logging.getLogger(__name__)


async def send_dead_letter(
    topic: faust.TopicT,
    stage: str,
    event: faust.EventT,
    exc: BaseException,
    payload: Any = None,
) -> None:
    """Wrap the event's original payload with the error and where it came from."""
    message = event.message
    letter = DeadLetter.from_bytes(
        stage,
        exc,
        event.value if payload is None else payload,
        key=message.key if isinstance(message.key, bytes) else event.key,
        topic=message.topic,
        partition=message.partition,
        offset=message.offset,
    )
    metrics.dead_letters.labels(stage=stage, reason=letter.reason).inc()
    # Payloads are article text: never log them above DEBUG.
    logger.warning(
        "dead letter: stage=%s reason=%s topic=%s partition=%s offset=%s",
        stage,
        letter.reason,
        message.topic,
        message.partition,
        message.offset,
    )
    key = message.key if isinstance(message.key, bytes) else None
    await topic.send(key=key, value=letter.to_dict(), key_serializer="raw")
