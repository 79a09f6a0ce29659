"""Drive a worker over a fixed input and read back everything it produced.

Used by the crash-recovery, exactly-once and broker-restart tests and by
``benchmarks/soak.py``: produce articles, follow progress on ``articles.clusters``,
wait until every agent has committed the end of its input, then read the output
topics (optionally ``read_committed``) and compare runs.
"""

from __future__ import annotations

import asyncio
import re
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from streams.kafka_io import client_options, create_topics, key_for, produce
from streams.settings import Settings
from streams.testing import WorkerProcess, running

__all__ = [
    "Outputs",
    "Progress",
    "compare_runs",
    "describe_stall",
    "ensure_all_topics",
    "produce_articles",
    "read_outputs",
    "wait_until_drained",
]


def internal(settings: Settings, name: str) -> str:
    """The name of an internal topic of the worker's app."""
    return f"{settings.app_id}.{name}"


def agent_inputs(settings: Settings) -> list[str]:
    """Every topic an agent consumes, in pipeline order."""
    return [
        settings.topic_raw,
        internal(settings, "articles.by-source"),
        settings.topic_cleaned,
        internal(settings, "articles.analyzed"),
        internal(settings, "quotes.by-speaker"),
    ]


def ensure_all_topics(settings: Settings) -> None:
    """Create the public topics (the worker declares the rest)."""
    names = [
        settings.topic_raw,
        settings.topic_cleaned,
        settings.topic_quotes,
        settings.topic_clusters,
        settings.topic_dead_letter,
    ]
    asyncio.run(create_topics(settings, names))


def processes_of(settings: Settings, grace: float = 10.0) -> list[int]:
    """Live processes started for ``settings`` (workers and their quote processes).

    Waits up to ``grace`` seconds for them to go; every process of a worker
    carries its ``STREAMS_APP_ID`` in its environment.
    """
    marker = f"STREAMS_APP_ID={settings.app_id}".encode()
    deadline = time.monotonic() + grace
    while True:
        live = []
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                environ = (proc / "environ").read_bytes().split(b"\0")
            except OSError:  # gone, or not ours to read
                continue
            if marker in environ and running(int(proc.name)):
                live.append(int(proc.name))
        if not live or time.monotonic() >= deadline:
            return live
        time.sleep(0.2)


def produce_articles(settings: Settings, articles: Iterable[dict[str, Any]]) -> int:
    """Produce RawArticle dicts to the raw topic keyed by article id."""
    messages = [(key_for(a), orjson.dumps(a)) for a in articles]
    return asyncio.run(produce(settings, settings.topic_raw, messages))


def _consumer(settings: Settings, topics: list[str], **kw: Any) -> AIOKafkaConsumer:
    return AIOKafkaConsumer(
        *topics,
        **client_options(settings),
        group_id=None,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        fetch_max_bytes=settings.max_message_bytes,
        max_partition_fetch_bytes=settings.max_message_bytes,
        metadata_max_age_ms=1000,
        **kw,
    )


class Progress:
    """Counts distinct keys on ``articles.clusters`` in a background thread."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.keys: set[str] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Progress:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(30)

    @property
    def done(self) -> int:
        """Distinct articles assigned so far."""
        return len(self.keys)

    def wait_for(self, count: int, timeout: float, stall: float = 240.0) -> bool:
        """Block until ``count`` distinct articles are assigned.

        Gives up at ``timeout``, or earlier when no new article was assigned for
        ``stall`` seconds (longer than a restart plus a rebalance takes).
        """
        deadline = time.monotonic() + timeout
        last, moved = self.done, time.monotonic()
        while time.monotonic() < deadline:
            done = self.done
            if done >= count:
                return True
            if done != last:
                last, moved = done, time.monotonic()
            elif time.monotonic() - moved > stall:
                return False
            time.sleep(0.2)
        return self.done >= count

    def _run(self) -> None:
        async def follow() -> None:
            consumer = _consumer(self.settings, [self.settings.topic_clusters])
            while not self._stop.is_set():
                try:
                    await consumer.start()
                    break
                except Exception:  # broker may be restarting
                    await asyncio.sleep(1)
            try:
                while not self._stop.is_set():
                    try:
                        batch = await consumer.getmany(timeout_ms=300)
                    except Exception:  # broker restarts are expected
                        await asyncio.sleep(1)
                        continue
                    for records in batch.values():
                        self.keys.update(r.key.decode() for r in records if r.key)
            finally:
                await consumer.stop()

        asyncio.run(follow())


async def _lags(settings: Settings, eos: bool) -> dict[str, int]:
    """Messages the worker's group has not committed yet, per input topic."""
    admin = AIOKafkaAdminClient(**client_options(settings))
    consumer = _consumer(settings, [])
    await admin.start()
    await consumer.start()
    try:
        committed = await admin.list_consumer_group_offsets(settings.app_id)
        tps = []
        for topic in agent_inputs(settings):
            parts = await consumer._client.fetch_all_metadata()
            for p in parts.partitions_for_topic(topic) or ():
                tps.append(TopicPartition(topic, p))
        ends = await consumer.end_offsets(tps)
        lags: dict[str, int] = {}
        for tp in tps:
            done = committed[tp].offset if tp in committed else 0
            behind = max(0, ends[tp] - done)
            # Under transactions the last offset of a partition is a commit marker
            # that no consumer ever reads.
            lags[tp.topic] = lags.get(tp.topic, 0) + (
                max(0, behind - 1) if eos else behind
            )
        return lags
    finally:
        await consumer.stop()
        await admin.close()


def wait_until_drained(settings: Settings, timeout: float, settle: float = 6.0) -> None:
    """Block until every agent committed the end of its input for ``settle`` seconds."""
    eos = settings.processing_guarantee == "exactly_once"
    deadline = time.monotonic() + timeout
    quiet_since: float | None = None
    last = None
    while time.monotonic() < deadline:
        try:
            lag = sum(asyncio.run(_lags(settings, eos)).values())
        except Exception:  # broker or group coordinator moving
            lag = -1
        if lag == 0:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since >= settle:
                return
        else:
            quiet_since = None
        last = lag
        time.sleep(1.0)
    raise TimeoutError(f"worker did not drain its input: lag {last}")


def describe_stall(settings: Settings, worker: WorkerProcess) -> str:
    """What a stuck run looks like: process state, lag per input, the log's tail."""
    try:
        lags: Any = asyncio.run(_lags(settings, False))
    except Exception as exc:  # the broker may be the problem
        lags = f"unavailable: {exc!r}"
    alive = worker.proc is not None and worker.proc.poll() is None
    try:
        log = worker.log.read_text(errors="replace")
    except OSError:
        log = ""
    # rich's cursor codes make the log unreadable in a CI transcript
    log = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", log)
    return (
        f"worker alive={alive} restarts={worker.restarts} lag per input={lags}\n"
        f"worker log tail:\n{log[-6000:]}"
    )


@dataclass
class Outputs:
    """Every record of a run's output topics, in topic order."""

    records: dict[str, list[tuple[str, Any]]] = field(default_factory=dict)

    def keys(self, topic: str) -> list[str]:
        """Keys in order (duplicates included)."""
        return [k for k, _ in self.records.get(topic, [])]

    def duplicates(self, topic: str, ident: str | None = None) -> int:
        """Records beyond the first per key (or per value field ``ident``)."""
        ids = [
            (v or {}).get(ident) if ident else k for k, v in self.records.get(topic, [])
        ]
        return len(ids) - len(set(ids))

    def last_values(self, topic: str) -> dict[str, Any]:
        """The compacted view: last value per key, tombstones removed."""
        out: dict[str, Any] = {}
        for key, value in self.records.get(topic, []):
            if value is None:
                out.pop(key, None)
            else:
                out[key] = value
        return out

    def first_values(self, topic: str) -> dict[str, Any]:
        """The first value per key."""
        out: dict[str, Any] = {}
        for key, value in self.records.get(topic, []):
            out.setdefault(key, value)
        return out


async def _read_all(settings: Settings, topics: list[str], committed: bool) -> Outputs:
    kw = {"isolation_level": "read_committed"} if committed else {}
    consumer = _consumer(settings, [], **kw)
    await consumer.start()
    out = Outputs({t: [] for t in topics})
    try:
        meta = await consumer._client.fetch_all_metadata()
        tps = [
            TopicPartition(t, p)
            for t in topics
            for p in sorted(meta.partitions_for_topic(t) or ())
        ]
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        ends = await consumer.end_offsets(tps)
        remaining = {tp for tp in tps if ends[tp] > 0}
        deadline = time.monotonic() + 300
        while remaining and time.monotonic() < deadline:
            batch = await consumer.getmany(*remaining, timeout_ms=1000)
            for tp, records in batch.items():
                for r in records:
                    key = r.key.decode("utf-8", "replace") if r.key else ""
                    value = orjson.loads(r.value) if r.value else None
                    out.records[tp.topic].append((key, value))
            for tp in list(remaining):
                # Transaction markers and aborted records are skipped, so position
                # (not the last record seen) tells when a partition is done.
                if await consumer.position(tp) >= ends[tp]:
                    remaining.discard(tp)
        if remaining:
            raise TimeoutError(f"could not read to the end of {remaining}")
    finally:
        await consumer.stop()
    return out


def read_outputs(
    settings: Settings, topics: list[str], *, read_committed: bool = False
) -> Outputs:
    """Read ``topics`` from the beginning to their current end."""
    return asyncio.run(_read_all(settings, topics, read_committed))


def output_topics(settings: Settings) -> list[str]:
    """Public outputs, the claims changelog and the clustering order topic."""
    return [
        settings.topic_cleaned,
        settings.topic_quotes,
        settings.topic_clusters,
        settings.table_claims,
        settings.topic_dead_letter,
        internal(settings, "articles.analyzed"),
    ]


def _partition(assignments: dict[str, Any]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for article_id, value in assignments.items():
        groups[value["cluster_id"]].add(article_id)
    return {frozenset(g) for g in groups.values()}


def _first_seen_order(keys: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for key in keys:
        seen.setdefault(key, None)
    return list(seen)


def compare_runs(
    settings: Settings, run: Outputs, ref_settings: Settings, ref: Outputs
) -> dict[str, Any]:
    """Compare a run with a reference run over the same input; JSON-able report."""
    s, r = settings, ref_settings
    ref_quotes: dict[str, set[str]] = defaultdict(set)
    for k, v in ref.records[r.topic_quotes]:
        ref_quotes[k].add(v["quote_id"])
    run_quotes: dict[str, set[str]] = defaultdict(set)
    for k, v in run.records[s.topic_quotes]:
        run_quotes[k].add(v["quote_id"])
    clusters = run.first_values(s.topic_clusters)
    ref_clusters = ref.first_values(r.topic_clusters)
    # A re-delivered article must get the very same assignment again.
    changed_on_replay = 0
    for key, value in run.records[s.topic_clusters]:
        if value["cluster_id"] != clusters[key]["cluster_id"]:
            changed_on_replay += 1
    claims = run.last_values(s.table_claims)
    ref_claims = ref.last_values(r.table_claims)
    claims_diff = sorted(
        k for k in set(claims) | set(ref_claims) if claims.get(k) != ref_claims.get(k)
    )
    order = _first_seen_order(run.keys(internal(s, "articles.analyzed")))
    ref_order = _first_seen_order(ref.keys(internal(r, "articles.analyzed")))
    counts = Counter(run.keys(s.topic_clusters))
    return {
        "articles": len(ref_clusters),
        "cleaned_missing": len(
            set(ref.first_values(r.topic_cleaned))
            - set(run.first_values(s.topic_cleaned))
        ),
        "clusters_missing": len(set(ref_clusters) - set(clusters)),
        "clusters_extra": len(set(clusters) - set(ref_clusters)),
        "quotes_missing": len(set(ref_quotes) - set(run_quotes)),
        "quotes_differ": sum(
            1
            for k in set(ref_quotes) | set(run_quotes)
            if ref_quotes[k] != run_quotes[k]
        ),
        "duplicates": {
            "cleaned": run.duplicates(s.topic_cleaned),
            "quotes": run.duplicates(s.topic_quotes, "quote_id"),
            "clusters": run.duplicates(s.topic_clusters),
            "analyzed": run.duplicates(internal(s, "articles.analyzed")),
            "max_per_article": max(counts.values(), default=0),
        },
        "assignment_changed_on_replay": changed_on_replay,
        "same_cluster_partition": _partition(clusters) == _partition(ref_clusters),
        "clusters": len(_partition(clusters)),
        "ref_clusters": len(_partition(ref_clusters)),
        "same_clustering_order": order == ref_order,
        "claims_speakers": len(claims),
        "ref_claims_speakers": len(ref_claims),
        "claims_differ": len(claims_diff),
        "claims_differ_examples": claims_diff[:5],
        # Both records of the first speaker that differs (run, reference): what
        # a failing run needs to tell an order difference from lost content.
        "claims_differ_first": (
            [claims.get(claims_diff[0]), ref_claims.get(claims_diff[0])]
            if claims_diff
            else None
        ),
        "dead_letters": len(run.records[s.topic_dead_letter]),
    }
