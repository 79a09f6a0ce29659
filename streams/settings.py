"""Settings for every news-streams process; the only reader of ``os.environ``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any

from streams.errors import ConfigError

__all__ = ["Settings"]

_PREFIX = "STREAMS_"


@dataclass(frozen=True, slots=True)
class Settings:
    """Configuration, read from ``STREAMS_*`` environment variables.

    Each field maps to ``STREAMS_<FIELD NAME IN UPPER CASE>``, e.g. ``STREAMS_BROKER``.
    """

    broker: str = "kafka://127.0.0.1:9092"
    app_id: str = "news-streams"
    store: str = "rocksdb://"  # memory:// in tests
    data_dir: str = "/tmp/news-streams-worker"  # noqa: S108 - local default; set in prod
    # The name other workers use to reach this one's HTTP API (keyed requests are
    # routed to the worker that owns the key); the API listens on it unless
    # web_bind names another address (0.0.0.0: every interface, as in Docker).
    web_host: str = "127.0.0.1"
    web_port: int = 6066
    web_bind: str = ""
    partitions: int = 4

    topic_raw: str = "articles.raw"
    topic_cleaned: str = "articles.cleaned"
    topic_quotes: str = "articles.quotes"
    topic_clusters: str = "articles.clusters"
    topic_dead_letter: str = "articles.dead-letter"
    table_claims: str = "claims"

    # Batches trade latency for throughput: up to 50 articles, or what arrived
    # within 0.1 s (latency by rate in README, from benchmarks/bench_e2e.py).
    batch_size: int = 50
    batch_within_s: float = 0.1
    # Articles whose raw text/html is above this many bytes go to the dead-letter
    # topic; the broker and producer carry up to 16 MiB so the limit is ours.
    max_article_bytes: int = 2 * 1024 * 1024
    max_message_bytes: int = 16 * 1024 * 1024

    # Run the quote stage's parse in a child process of each worker (one core for
    # the parse, one for the event loop) instead of a thread sharing the GIL.
    parse_process: bool = True
    # Parse children per worker: 0 takes every core but the event loop's
    # (os.cpu_count() - 1, at least 1); a batch is split across them.
    parse_processes: int = 0

    processing_guarantee: str = "at_least_once"  # or exactly_once
    # Seconds before the broker gives a dead worker's partitions (kill -9, lost
    # host) to the others; Faust's default. Heartbeats go every 3 s, so keep it
    # above 9 s; 10 s cut a restart after kill -9 from ~60 s to ~12 s in
    # tests/reliability.
    session_timeout_s: float = 60.0
    # Story clusters older than this (by last article) leave the window.
    cluster_window_hours: float = 72.0
    # The clustering agent holds what arrives until arrivals pause this long
    # (at most five times this), then clusters it in the canonical order (event
    # time, article id), so that articles produced together and interleaved
    # differently by the partitions on each run give the same stories and ids.
    # Two seconds span a burst such as the demo's seeds (well under a second
    # apart at the agent); it adds as much latency to articles.clusters. 0:
    # arrival order, no wait.
    cluster_reorder_s: float = 2.0
    cluster_reorder_max: int = 10_000
    # Claims not seen for this long (in event time) expire from the claims table,
    # checked this often.
    claim_ttl_days: float = 30.0
    claim_expiry_interval_s: float = 60.0
    # Article summaries kept for /articles and /clusters (also bounded by the window).
    max_indexed_articles: int = 200_000

    security_protocol: str = "PLAINTEXT"  # PLAINTEXT | SSL | SASL_PLAINTEXT | SASL_SSL
    sasl_mechanism: str = "PLAIN"  # PLAIN | SCRAM-SHA-256 | SCRAM-SHA-512
    sasl_username: str = ""
    sasl_password: str = field(default="", repr=False)
    ssl_cafile: str = ""
    ssl_certfile: str = ""
    ssl_keyfile: str = ""

    log_level: str = "WARNING"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from the environment, then apply explicit overrides.

        Raises:
            ConfigError: a variable cannot be read as its setting's type.
        """
        env = dict(os.environ if env is None else env)
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(_PREFIX + f.name.upper())
            if raw is None:
                continue
            values[f.name] = _parse(_PREFIX + f.name.upper(), raw, f.default)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def to_env(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """An environment that reproduces these settings in a child process.

        ``base`` (default: this process's environment) keeps its other variables;
        its ``STREAMS_*`` variables are replaced.
        """
        env = dict(os.environ if base is None else base)
        env = {k: v for k, v in env.items() if not k.startswith(_PREFIX)}
        for f in fields(self):
            env[_PREFIX + f.name.upper()] = str(getattr(self, f.name))
        return env

    def with_(self, **changes: Any) -> Settings:
        """Return a copy with some fields changed."""
        return replace(self, **changes)

    @property
    def web_bind_host(self) -> str:
        """The address the HTTP API listens on: ``web_bind``, else ``web_host``."""
        return self.web_bind or self.web_host

    @property
    def bootstrap_servers(self) -> str:
        """The broker list without the ``kafka://`` scheme, for aiokafka."""
        return ";".join(
            part.split("://", 1)[-1]
            for part in self.broker.replace(",", ";").split(";")
        ).replace(";", ",")


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _parse(name: str, raw: str, default: Any) -> Any:
    """Read one variable as the type of its default."""
    text = raw.strip().lower()
    if isinstance(default, bool):
        if text not in _TRUE | _FALSE:
            raise ConfigError(f"{name} must be true or false, not {raw!r}")
        return text in _TRUE
    try:
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
    except ValueError:
        kind = "an integer" if isinstance(default, int) else "a number"
        raise ConfigError(f"{name} must be {kind}, not {raw!r}") from None
    return raw
