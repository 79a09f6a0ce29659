"""A worker's start: quiet Kafka's transient start-up errors, then say it is ready.

While a worker joins its group, the broker may not have elected a group coordinator
or partition leaders for topics created moments before: aiokafka logs each retry
(``Group Coordinator Request failed``, ``Topic ... not found in cluster metadata``,
``NotLeaderForPartitionError``) at ERROR or WARNING, then succeeds. Until the first
rebalance completes those records go to DEBUG; afterwards they are logged as usual,
and any other record is never touched.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import faust

from streams.settings import Settings

__all__ = ["TRANSIENT", "StartupNoise", "install", "ready_line"]

logger = logging.getLogger(__name__)

# (logger, message start) of the retries aiokafka logs while a new group and new
# topics settle; each is retried by aiokafka itself.
TRANSIENT = (
    ("aiokafka.consumer.group_coordinator", "Group Coordinator Request failed"),
    ("aiokafka.consumer.group_coordinator", "Marking the coordinator dead"),
    ("aiokafka.cluster", "Topic %s not found in cluster metadata"),
    ("aiokafka.cluster", "Topic %s is not available during auto-create"),
)
# Leader elections for new partitions, wherever aiokafka reports them.
_TRANSIENT_ERRORS = ("NotLeaderForPartitionError", "LeaderNotAvailableError")


class StartupNoise(logging.Filter):
    """Send aiokafka's known start-up retries to DEBUG until ``done()``."""

    def __init__(self) -> None:
        super().__init__()
        self.active = True
        self.quieted = 0

    def _transient(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.ERROR:
            return False
        message = str(record.msg)
        if any(record.name == n and message.startswith(m) for n, m in TRANSIENT):
            return True
        if not record.name.startswith("aiokafka"):
            return False
        try:
            text = record.getMessage()
        except (TypeError, ValueError):  # the handler reports a bad format
            return False
        return any(e in text for e in _TRANSIENT_ERRORS)

    def filter(self, record: logging.LogRecord) -> bool:
        """Pass every record; a transient one only if its logger shows DEBUG."""
        if not self.active or not self._transient(record):
            return True
        self.quieted += 1
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)

    def done(self) -> None:
        """Start-up is over: log everything as usual again."""
        self.active = False


def _attach(noise: StartupNoise) -> None:
    # A logger's filters see only records logged on that logger, not its children.
    names = {name for name, _ in TRANSIENT} | {
        "aiokafka",
        "aiokafka.consumer.fetcher",
        "aiokafka.producer.sender",
        "aiokafka.consumer.group_coordinator",
    }
    for name in names:
        logging.getLogger(name).addFilter(noise)


def ready_line(app: faust.App, settings: Settings) -> str:
    """The line a worker prints once it is ready."""
    return (
        f"news-streams worker ready: broker {settings.bootstrap_servers}, "
        f"app id {settings.app_id}, "
        f"http://{settings.web_bind_host}:{settings.web_port}"
    )


def install(app: faust.App, settings: Settings) -> StartupNoise:
    """Quiet start-up retries and print one ready line after the first rebalance."""
    noise = StartupNoise()
    _attach(noise)

    @app.on_rebalance_complete.connect
    async def on_ready(app: faust.App, **kwargs: Any) -> None:
        if not noise.active:
            return
        noise.done()
        # mode redirects sys.stdout to its logger; the line goes to the real one.
        out = sys.__stdout__
        if out is not None:
            out.write(ready_line(app, settings) + "\n")
            out.flush()
        logger.info("start-up retries logged at DEBUG: %d", noise.quieted)

    return noise
