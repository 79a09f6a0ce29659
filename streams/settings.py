"""Settings for every news-streams process; the only reader of ``os.environ``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any

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
    web_host: str = "127.0.0.1"
    web_port: int = 6066
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
    # Claims not seen for this long expire from the claims table.
    claim_ttl_days: float = 30.0
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
        """Build settings from the environment, then apply explicit overrides."""
        env = dict(os.environ if env is None else env)
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(_PREFIX + f.name.upper())
            if raw is None:
                continue
            default = f.default
            if isinstance(default, bool):
                values[f.name] = raw.strip().lower() in {"1", "true", "yes", "on"}
            elif isinstance(default, int):
                values[f.name] = int(raw)
            elif isinstance(default, float):
                values[f.name] = float(raw)
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        """Return a copy with some fields changed."""
        return replace(self, **changes)

    @property
    def bootstrap_servers(self) -> str:
        """The broker list without the ``kafka://`` scheme, for aiokafka."""
        return ";".join(
            part.split("://", 1)[-1]
            for part in self.broker.replace(",", ";").split(";")
        ).replace(";", ",")
