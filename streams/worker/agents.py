"""Agents: move records between topics and tables; the stages do the work.

articles.raw --route_articles--> articles.by-source (keyed by outlet)
  --clean_articles [outlet_memories]--> articles.cleaned
  --extract_quotes--> articles.quotes, articles.analyzed (one partition)
  --cluster_stories [story_clusters, article_index, speaker_directory]-->
      articles.clusters, quotes.by-speaker (one message per article and partition
      with all the quotes of each speaker whose id the partition holds)
  --track_claims [claims]--> claims (the table's changelog)
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import faust
import orjson
from aiokafka.partitioner import DefaultPartitioner

from streams.errors import SchemaError, StageError
from streams.pipeline import article_ref
from streams.records import (
    CleanedArticle,
    ClusterAssignment,
    Quote,
    RawArticle,
    SpeakerClaims,
    parse_time,
)
from streams.schemas import validate
from streams.settings import Settings
from streams.stages.claims import ClaimTracker
from streams.worker import metrics
from streams.worker.deadletter import send_dead_letter
from streams.worker.faust_fixes.transactions import (
    CommitGate,
    batches,
    hold_event,
    release_event,
)
from streams.worker.state import WorkerState, bind_event
from streams.worker.tables import Tables
from streams.worker.topics import Topics

__all__ = [
    "by_partition",
    "by_speaker",
    "merge_quotes",
    "register_agents",
    "speaker_groups",
    "speaker_partition",
    "speaker_quotes",
]

logger = logging.getLogger(__name__)

PRODUCED_AT = "streams-produced-at"
_PROJECT_ERRORS = (StageError, SchemaError)
# Longest wait of the clustering agent for table recovery after an assignment.
RECOVERY_WAIT_S = 120.0


def _produced_at(event: faust.EventT) -> float:
    """The article's original produce time (seconds), carried in a header."""
    headers = event.headers or {}
    raw = headers.get(PRODUCED_AT) if isinstance(headers, dict) else None
    if raw is None and not isinstance(headers, dict):
        raw = next((v for k, v in headers if k == PRODUCED_AT), None)
    if raw is not None:
        try:
            return float(raw)
        except ValueError:
            pass
    return float(event.message.timestamp or time.time())


def _headers(produced_at: float) -> dict[str, bytes]:
    return {PRODUCED_AT: repr(produced_at).encode()}


def _observe_e2e(stage: str, produced_at: float) -> None:
    metrics.end_to_end_latency.labels(stage=stage).observe(
        max(0.0, time.time() - produced_at)
    )


def _already_merged(
    current: SpeakerClaims, quote: Quote, article: dict[str, Any]
) -> bool:
    """Whether this article's quote is already among the speaker's claims.

    Makes ``track_claims`` idempotent under at-least-once re-delivery: the tracker
    counts a source once per claim, but a text it cannot match even with itself
    (e.g. only stopwords: "to see") would be added as a new claim each time.
    """
    text = " ".join(quote.text.split())
    article_id = str(article.get("article_id")) if isinstance(article, dict) else ""
    return any(
        text in (claim.get("variants") or ())
        and any(s.get("article_id") == article_id for s in claim.get("sources") or ())
        for claim in current.claims
    )


def by_speaker(
    quotes: list[Quote], speaker_key: Callable[[Quote], str | None]
) -> list[tuple[str, list[Quote]]]:
    """An article's claim quotes grouped by speaker id, in order of first quote.

    One ``quotes.by-speaker`` message per (article, speaker) carries the group;
    ``speaker_key`` is called once per quote, in order (it may record the speaker).
    """
    groups: dict[str, list[Quote]] = {}
    for quote in quotes:
        speaker_id = speaker_key(quote)
        if speaker_id is not None:
            groups.setdefault(speaker_id, []).append(quote)
    return list(groups.items())


def speaker_partition(speaker_id: str, partitions: int) -> int:
    """The partition Kafka's default partitioner gives a speaker id as key.

    The claims table is keyed by speaker id and written in the partition of the
    message that carries the speaker, so a speaker's quotes go where its key would.
    """
    return DefaultPartitioner()(speaker_id.encode(), list(range(partitions)), None)


def by_partition(
    groups: list[tuple[str, list[Quote]]], partitions: int
) -> list[tuple[int, list[tuple[str, list[Quote]]]]]:
    """An article's speaker groups by their ``quotes.by-speaker`` partition.

    One message per (article, partition) carries the groups, in the order of
    each partition's first quote and each speaker's first quote within it.
    """
    out: dict[int, list[tuple[str, list[Quote]]]] = {}
    for speaker_id, said in groups:
        out.setdefault(speaker_partition(speaker_id, partitions), []).append(
            (speaker_id, said)
        )
    return list(out.items())


def speaker_groups(
    value: Any, key: bytes | None
) -> tuple[list[tuple[bytes, list[Quote]]], dict[str, Any]]:
    """The speaker groups and article reference of one ``quotes.by-speaker`` message.

    The value is ``{"speakers": [{"speaker_id", "quotes": [Quote]}], "article":
    ref}``; a message keyed by speaker id (one speaker per message, written
    before) is read as one group.
    """
    if isinstance(value, dict) and "speakers" in value:
        if not isinstance(value["speakers"], list):
            raise SchemaError("bad_record", "speakers is not a list")
        groups = []
        for group in value["speakers"]:
            quotes, _ = speaker_quotes({**group, "article": None})
            groups.append((str(group["speaker_id"]).encode(), quotes))
        return groups, value["article"]
    quotes, ref = speaker_quotes(value)
    if key is None:
        raise SchemaError("bad_record", "a speaker's quotes without a key")
    return [(key, quotes)], ref


def speaker_quotes(value: Any) -> tuple[list[Quote], dict[str, Any]]:
    """The quotes and article reference of one ``quotes.by-speaker`` message.

    The value is ``{"quotes": [Quote], "article": ref}``; a single ``"quote"``
    (the one-quote-per-message form written before) is read as a list of one.
    """
    if not isinstance(value, dict):
        raise SchemaError("bad_record", f"not an object: {type(value).__name__}")
    raw = value["quotes"] if "quotes" in value else [value["quote"]]
    if not isinstance(raw, list):
        raise SchemaError("bad_record", f"quotes is a {type(raw).__name__}")
    return [Quote.from_dict(q) for q in raw], value["article"]


def merge_quotes(
    tracker: ClaimTracker,
    current: SpeakerClaims | None,
    quotes: list[Quote],
    article: dict[str, Any],
    now: datetime,
) -> SpeakerClaims | None:
    """Merge one article's quotes by a speaker into their claims, in order.

    A quote already merged (a re-delivery after a crash) is left out, one quote
    at a time; returns ``current`` itself when every quote was.
    """
    for quote in quotes:
        if current is not None and _already_merged(current, quote, article):
            continue
        current = tracker.add(current, quote, article, now)
    return current


def _claims_of(
    speaker_id: bytes,
    updated: dict[bytes, SpeakerClaims | None],
    table: Any,
) -> SpeakerClaims | None:
    """A speaker's claims as the batch left them, else as the table holds them."""
    current = updated.get(speaker_id)
    if current is None and (stored := table.get(speaker_id)):
        current = SpeakerClaims.from_dict(stored)
    return current


def decode_raw(payload: Any, max_bytes: int) -> RawArticle:
    """Decode, validate and size-check one ``articles.raw`` message."""
    if payload is None:
        raise SchemaError("tombstone", "a message without a value")
    if not isinstance(payload, bytes | bytearray):
        raise SchemaError("not_bytes", type(payload).__name__)
    if len(payload) > max_bytes + 64 * 1024:  # room for metadata around the body
        raise StageError("decode", "too_large", f"{len(payload)} bytes > {max_bytes}")
    try:
        data = orjson.loads(payload)
    except orjson.JSONDecodeError as exc:
        raise SchemaError("bad_json", str(exc)[:200]) from exc
    if not isinstance(data, dict):
        raise SchemaError("not_an_object", type(data).__name__)
    validate("raw-article", data)
    raw = RawArticle.from_dict(data)
    body = raw.text if raw.text is not None else raw.html
    if body is None or not body.strip():
        raise StageError("decode", "empty_body")
    if len(body.encode("utf-8", "surrogatepass")) > max_bytes:
        raise StageError("decode", "too_large", f"body above {max_bytes} bytes")
    return raw


def register_agents(
    app: faust.App,
    settings: Settings,
    topics: Topics,
    tables: Tables,
    state: WorkerState,
    gate: CommitGate | None = None,
) -> dict[str, Any]:
    """Define the agents on ``app``; returns them by name (for tests).

    Every record an agent sends is sent with the event it comes from bound as
    the current event: exactly-once puts it in that input partition's
    transaction (``transactions.py``).
    """
    gate = gate or CommitGate(enabled=False)
    by_speaker_partitions = topics.quotes_by_speaker.partitions or settings.partitions
    take = settings.batch_size
    within = settings.batch_within_s

    @app.agent(topics.raw)
    async def route_articles(stream: faust.StreamT[bytes]) -> None:
        """Decode and validate raw articles, then key them by outlet."""
        async for events in batches(stream, take, within, gate):
            for event in events:
                started = time.perf_counter()
                bind_event(event)
                try:
                    raw = decode_raw(event.value, settings.max_article_bytes)
                except _PROJECT_ERRORS as exc:
                    await send_dead_letter(topics.dead_letter, "decode", event, exc)
                    continue
                metrics.articles_in.labels(
                    source=metrics.source_label(raw.source)
                ).inc()
                produced_at = float(event.message.timestamp or time.time())
                await topics.by_source.send(
                    key=raw.source or "unknown",
                    value=raw.to_dict(),
                    headers=_headers(produced_at),
                )
                metrics.stage_latency.labels(stage="decode").observe(
                    time.perf_counter() - started
                )
            metrics.records_out.labels(stage="decode").inc(len(events))

    @app.agent(topics.by_source)
    async def clean_articles(stream: faust.StreamT[dict[str, Any]]) -> None:
        """Clean articles with the per-outlet boilerplate memory kept in a table."""
        async for events in batches(stream, take, within, gate):
            touched: set[str] = set()
            sent = 0
            for event in events:
                started = time.perf_counter()
                source = (event.key or b"unknown").decode("utf-8", "replace")
                bind_event(event)  # the table read looks in its partition
                try:
                    raw = RawArticle.from_dict(event.value)
                    memory = state.outlet_memory(source, tables.outlet_memories)
                    cleaned = state.cleaner(raw, memory)
                    validate("cleaned-article", out := cleaned.to_dict())
                except _PROJECT_ERRORS as exc:
                    await send_dead_letter(topics.dead_letter, "clean", event, exc)
                    continue
                touched.add(source)
                state.remember_event(source, event)
                produced_at = _produced_at(event)
                await topics.cleaned.send(
                    key=cleaned.article_id, value=out, headers=_headers(produced_at)
                )
                sent += 1
                metrics.stage_latency.labels(stage="clean").observe(
                    time.perf_counter() - started
                )
                _observe_e2e("clean", produced_at)
            for source in touched:
                state.save_outlet_memory(source, tables.outlet_memories)
            metrics.records_out.labels(stage="clean").inc(sent)

    @app.agent(topics.cleaned)
    async def extract_quotes(stream: faust.StreamT[dict[str, Any]]) -> None:
        """Extract quotes and speakers, a batch of articles at a time."""
        async for events in batches(stream, take, within, gate):
            articles: list[tuple[faust.EventT, CleanedArticle]] = []
            for event in events:
                bind_event(event)
                try:
                    articles.append((event, CleanedArticle.from_dict(event.value)))
                except (KeyError, TypeError, *_PROJECT_ERRORS) as exc:
                    err = SchemaError("bad_record", f"{type(exc).__name__}: {exc}")
                    await send_dead_letter(topics.dead_letter, "quotes", event, err)
            started = time.perf_counter()
            results = await state.extract_quotes([a for _, a in articles])
            per_article = (time.perf_counter() - started) / max(1, len(articles))
            sent = 0
            for (event, article), result in zip(articles, results, strict=True):
                bind_event(event)
                metrics.stage_latency.labels(stage="quotes").observe(per_article)
                if isinstance(result, BaseException):
                    await send_dead_letter(topics.dead_letter, "quotes", event, result)
                    continue
                produced_at = _produced_at(event)
                headers = _headers(produced_at)
                for quote in result:
                    await topics.quotes.send(
                        key=article.article_id, value=quote.to_dict(), headers=headers
                    )
                metrics.quotes_per_article.observe(len(result))
                _observe_e2e("quotes", produced_at)
                await topics.analyzed.send(
                    key=article.article_id,
                    value={
                        "article": event.value,
                        "quotes": [q.to_dict() for q in result],
                    },
                    headers=headers,
                )
                sent += 1
            metrics.records_out.labels(stage="quotes").inc(sent)

    async def assign_stories(
        released: list[tuple[faust.EventT, CleanedArticle]],
    ) -> None:
        """Cluster released articles in their order, send the results, save tables."""
        sent = 0
        # Summaries of these articles, indexed after the clusters are saved (below).
        fresh: dict[str, dict[str, Any]] = {}
        for event, article in released:
            started = time.perf_counter()
            bind_event(event)
            try:
                # A re-delivery after a crash (at-least-once) finds the article
                # indexed: the clusterer and speaker directory already hold it,
                # so resend its results without changing state; feeding it again
                # would grow its cluster and re-resolve its speakers.
                done = fresh.get(article.article_id) or tables.article_index.get(
                    article.article_id.encode()
                )
                if done is not None:
                    quotes = [Quote.from_dict(q) for q in done["quotes"]]
                    assignment = ClusterAssignment.from_dict(done["cluster"])
                else:
                    quotes = [Quote.from_dict(q) for q in event.value["quotes"]]
                    assignment = state.clusterer(article)
            except (KeyError, TypeError, *_PROJECT_ERRORS) as exc:
                await send_dead_letter(topics.dead_letter, "cluster", event, exc)
                continue
            produced_at = _produced_at(event)
            headers = _headers(produced_at)
            await topics.clusters.send(
                key=article.article_id, value=assignment.to_dict(), headers=headers
            )
            metrics.stage_latency.labels(stage="cluster").observe(
                time.perf_counter() - started
            )
            _observe_e2e("cluster", produced_at)
            if done is None:
                if assignment.new_cluster:
                    metrics.clusters_created.inc()
                if assignment.duplicate_of:
                    metrics.duplicates_found.inc()
                metrics.cluster_size.observe(assignment.cluster_size)
                quotes = [
                    state.resolve_speaker(tables.speaker_directory, q) for q in quotes
                ]
                fresh[article.article_id] = state.article_summary(
                    article, quotes, assignment
                )
            ref = article_ref(article)
            groups = by_speaker(quotes, state.speaker_key)
            for partition, said_by in by_partition(groups, by_speaker_partitions):
                speakers = [
                    {"speaker_id": sid, "quotes": [q.to_dict() for q in said]}
                    for sid, said in said_by
                ]
                await topics.quotes_by_speaker.send(
                    key=article.article_id,
                    partition=partition,
                    value={"speakers": speakers, "article": ref},
                    headers=headers,
                )
            sent += 1
        if released:
            bind_event(released[-1][0])
        # Speaker directory and cluster state first, then the index that marks
        # articles as done, with no await in between: a crash must not leave an
        # article indexed (and so skipped on replay) while its state is lost.
        state.save_directory(tables.speaker_directory)
        state.save_clusters(tables.story_clusters, list(fresh.values()))
        for summary in fresh.values():
            state.index_article(tables.article_index, summary)
        state.expire_articles(tables.article_index)
        for event, _ in released:
            release_event(app, event, gate)
        metrics.records_out.labels(stage="cluster").inc(sent)

    @app.agent(topics.analyzed)
    async def cluster_stories(stream: faust.StreamT[dict[str, Any]]) -> None:
        """Assign stories in canonical order after a bounded reorder wait.

        Articles wait in the reorder buffer until arrivals pause for
        ``cluster_reorder_s`` (or the oldest waited five times that); then all
        of them go to the clusterer sorted by (event time, article id), so the
        partitions' interleaving does not decide stories or their ids. A held
        article stays unacknowledged, so no commit passes it; a release is a
        prefix of the partition, so exactly-once commits stay exact.
        """
        async for events in batches(stream, take, within, gate, held=state.held):
            # A batch buffered before a rebalance must not rebuild the clusterer
            # from tables that are still being recovered: wait for the recovery
            # that follows the last assignment (bounded, in case it never ends).
            if not state.tables_ready.is_set():
                try:
                    await asyncio.wait_for(
                        state.tables_ready.wait(), timeout=RECOVERY_WAIT_S
                    )
                except TimeoutError:
                    logger.warning("tables not recovered after %.0f s", RECOVERY_WAIT_S)
            state.ensure_clusters_loaded(
                tables.story_clusters, tables.article_index, tables.speaker_directory
            )
            async with state.cluster_lock:
                now = time.monotonic()
                for event in events:
                    bind_event(event)
                    try:
                        article = CleanedArticle.from_dict(event.value["article"])
                    except (KeyError, TypeError, *_PROJECT_ERRORS) as exc:
                        await send_dead_letter(
                            topics.dead_letter, "cluster", event, exc
                        )
                        continue
                    if state.hold_article(event, article, now):
                        hold_event(event)
                await assign_stories(state.release_articles(now))

    async def release_held_stories() -> None:
        """Cluster the held articles once arrivals have paused (no batch comes)."""
        due = state.reorder.next_due()
        if due is None or due > time.monotonic():
            return
        async with gate.batch(), state.cluster_lock:
            await assign_stories(state.release_articles(time.monotonic()))

    if settings.cluster_reorder_s > 0:
        # A quarter of the wait: an article leaves at most 25% after it is due.
        app.timer(interval=max(0.05, settings.cluster_reorder_s / 4))(
            release_held_stories
        )

    @app.agent(topics.quotes_by_speaker)
    async def track_claims(stream: faust.StreamT[dict[str, Any]]) -> None:
        """Merge each speaker's quotes into their claims in the claims table.

        A message holds one article's quotes by the speakers of one partition,
        each speaker's merged in order.
        """
        async for events in batches(stream, take, within, gate):
            updated: dict[bytes, SpeakerClaims | None] = {}
            last: dict[bytes, float] = {}
            carriers: dict[bytes, faust.EventT] = {}

            for event in events:
                started = time.perf_counter()
                bind_event(event)  # reads, too, look in the current partition
                try:
                    if "expire" in event.value:
                        # The command carries the table's event time (main.py).
                        speaker_id = event.key
                        current = _claims_of(speaker_id, updated, tables.claims)
                        now = parse_time(event.value["expire"])
                        if current is not None and now is not None:
                            updated[speaker_id] = state.tracker.expire(current, now)
                        carriers[speaker_id] = event
                        continue
                    groups, ref = speaker_groups(event.value, event.key)
                    for speaker_id, quotes in groups:
                        current = _claims_of(speaker_id, updated, tables.claims)
                        # Event time: an article without published_at takes the
                        # table's newest time, or its own produce time while the
                        # table is empty.
                        now = state.claims_now(tables.claims) or datetime.fromtimestamp(
                            _produced_at(event), UTC
                        )
                        merged = merge_quotes(state.tracker, current, quotes, ref, now)
                        if merged is current:
                            continue  # a re-delivery after a crash
                        state.saw_claims_at(state.tracker.event_time(ref, now))
                        updated[speaker_id] = merged
                        last[speaker_id] = _produced_at(event)
                        carriers[speaker_id] = event
                except (KeyError, TypeError, *_PROJECT_ERRORS) as exc:
                    await send_dead_letter(topics.dead_letter, "claims", event, exc)
                    continue
                metrics.stage_latency.labels(stage="claims").observe(
                    time.perf_counter() - started
                )
            for speaker_id, claims in updated.items():
                bind_event(carriers[speaker_id])
                if claims is None:
                    tables.claims.pop(speaker_id, None)
                    continue
                tables.claims[speaker_id] = claims.to_dict()
                if speaker_id in last:
                    _observe_e2e("claims", last[speaker_id])
            metrics.records_out.labels(stage="claims").inc(len(updated))

    return {
        "route_articles": route_articles,
        "clean_articles": clean_articles,
        "extract_quotes": extract_quotes,
        "cluster_stories": cluster_stories,
        "release_held_stories": release_held_stories,
        "track_claims": track_claims,
    }
