"""End-to-end throughput and latency through the real broker, as ratios to ceilings.

In one run, on the same broker and the same articles (text input: the gold bodies of
the article-extraction benchmark plus the seeds, repeated with fresh ids):

- ceiling_aiokafka: plain aiokafka producer -> consumer, messages/s;
- ceiling_faust: a Faust passthrough agent (benchmarks/passthrough_app.py), messages/s;
- pipeline: N articles produced at full speed, articles/s from first produce to the
  last ClusterAssignment, for 1 and for 2 workers on 4 partitions;
- latency: articles paced at --rate per second, p50/p95/p99 from produce to the first
  record of each article on articles.cleaned, articles.quotes and articles.clusters;
- messages: after the 1-worker run, the end offsets of every topic of its app
  (changelogs included) divided by the articles on articles.raw (warm-up included),
  split into public outputs (DESIGN.md's topics) and internal hops.

    .venv/bin/python benchmarks/bench_e2e.py [--count 1000] [--rate 50] [--paced 500]
    .venv/bin/python benchmarks/bench_e2e.py --messages --count 200   # that run only
    .venv/bin/python benchmarks/bench_e2e.py --latency --paced 60 --rate 2  # paced only

The broker must be up (`news-streams kafka up`). Prints JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from streams.inputs import iter_input_payloads  # noqa: E402
from streams.kafka_io import client_options, create_topics  # noqa: E402
from streams.settings import Settings  # noqa: E402
from streams.testing import WorkerProcess, free_port  # noqa: E402

SHARED = REPO.parent / "shared"


def articles(count: int) -> list[dict[str, Any]]:
    """Text articles with fresh ids: benchmark gold bodies and the seeds, repeated."""
    gold = orjson.loads(
        (
            SHARED / "data" / "article-extraction-benchmark" / "ground-truth.json"
        ).read_bytes()
    )
    base = [
        {"source": "aeb", "url": v.get("url"), "text": v["articleBody"]}
        for _, v in sorted(gold.items())
        if v.get("articleBody", "").strip()
    ]
    base += [
        {k: v for k, v in p.items() if k != "id"}
        for p in iter_input_payloads([SHARED / "seeds"])
    ]
    run = uuid.uuid4().hex[:6]
    # Each round through the bodies comes from other outlets: one outlet sending
    # the same bodies again would teach the cleaner they are boilerplate.
    return [
        {
            **base[i % len(base)],
            "id": f"{run}-{i}",
            "url": None,
            "source": f"{base[i % len(base)]['source']}-{i // len(base)}",
        }
        for i in range(count)
    ]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    idx = min(len(ordered) - 1, round(q * (len(ordered) - 1)))
    return round(ordered[idx] * 1000, 1)


def _dead_letter_id(value: bytes) -> bytes | None:
    """The article id inside a dead letter's original payload, if it has one."""
    try:
        payload = orjson.loads(orjson.loads(value)["payload"])
        return str(payload["id"]).encode()
    except (orjson.JSONDecodeError, KeyError, TypeError):
        return None


async def _consume_until(
    settings: Settings,
    topics: list[str],
    keys: set[bytes],
    deadline_s: float,
    dead_letter: str | None = None,
) -> dict[str, dict[bytes, float]]:
    """Arrival time of the first record per key, per topic, until all keys arrive.

    Keys whose article went to ``dead_letter`` (ids read from the letters'
    payloads) are not waited for; they are listed under that topic.
    """
    if dead_letter:
        topics = [*topics, dead_letter]
    consumer = AIOKafkaConsumer(
        *topics,
        **client_options(settings),
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        fetch_max_bytes=settings.max_message_bytes,
        max_partition_fetch_bytes=settings.max_message_bytes,
        metadata_max_age_ms=1000,
    )
    await consumer.start()
    seen: dict[str, dict[bytes, float]] = {t: {} for t in topics}
    deadline = time.monotonic() + deadline_s
    try:
        while time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=200, max_records=5000)
            now = time.time()
            for records in batch.values():
                for r in records:
                    if r.topic == dead_letter:
                        key = _dead_letter_id(r.value)
                        if key is not None:
                            seen[r.topic].setdefault(key, now)
                    else:
                        seen[r.topic].setdefault(r.key, now)
            last = topics[-2] if dead_letter else topics[-1]
            dead = set(seen[dead_letter]) if dead_letter else set()
            if keys - dead <= set(seen[last]):
                return seen
    finally:
        await consumer.stop()
    return seen


async def _produce(
    settings: Settings, topic: str, payloads: list[dict[str, Any]], rate: float | None
) -> dict[bytes, float]:
    producer = AIOKafkaProducer(
        **client_options(settings),
        max_request_size=settings.max_message_bytes,
        linger_ms=5,
    )
    await producer.start()
    sent: dict[bytes, float] = {}
    started = time.perf_counter()
    try:
        futures = []
        for i, payload in enumerate(payloads):
            if rate:
                delay = started + i / rate - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
            key = payload["id"].encode()
            sent[key] = time.time()
            futures.append(await producer.send(topic, orjson.dumps(payload), key=key))
        await asyncio.gather(*futures)
    finally:
        await producer.stop()
    return sent


async def _run_flow(
    settings: Settings,
    in_topic: str,
    out_topics: list[str],
    payloads: list[dict[str, Any]],
    rate: float | None,
    deadline_s: float,
    dead_letter: str | None = None,
) -> tuple[dict[bytes, float], dict[str, dict[bytes, float]]]:
    keys = {p["id"].encode() for p in payloads}
    consumer = asyncio.create_task(
        _consume_until(settings, out_topics, keys, deadline_s, dead_letter)
    )
    await asyncio.sleep(1.0)  # let the consumer join before the first message
    sent = await _produce(settings, in_topic, payloads, rate)
    return sent, await consumer


def throughput(sent: dict[bytes, float], arrived: dict[bytes, float]) -> dict[str, Any]:
    done = [k for k in sent if k in arrived]
    if not done:
        return {"completed": 0}
    span = max(arrived[k] for k in done) - min(sent.values())
    return {
        "completed": len(done),
        "of": len(sent),
        "seconds": round(span, 2),
        "per_s": round(len(done) / span, 1),
    }


def ceiling_aiokafka(
    settings: Settings, payloads: list[dict[str, Any]]
) -> dict[str, Any]:
    topic = f"bench-{uuid.uuid4().hex[:8]}.plain"
    asyncio.run(create_topics(settings, [topic], partitions=4))
    sent, seen = asyncio.run(_run_flow(settings, topic, [topic], payloads, None, 120))
    return throughput(sent, seen[topic])


def _wait_http(url: str, seconds: float) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - localhost
                return
        except OSError:
            time.sleep(0.3)


def ceiling_faust(settings: Settings, payloads: list[dict[str, Any]]) -> dict[str, Any]:
    run = uuid.uuid4().hex[:8]
    src, dst = f"bench-{run}.in", f"bench-{run}.out"
    asyncio.run(create_topics(settings, [src, dst], partitions=4))
    env = {
        **os.environ,
        "BENCH_BROKER": settings.broker,
        "BENCH_IN": src,
        "BENCH_OUT": dst,
        "BENCH_APP_ID": f"bench-pass-{run}",
        "BENCH_WEB_PORT": str(free_port()),
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            str(REPO / "benchmarks" / "passthrough_app.py"),
            "worker",
            "-l",
            "warn",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # Join the group and finish the first rebalance before timing starts.
        _wait_http(f"http://127.0.0.1:{env['BENCH_WEB_PORT']}/", 60)
        time.sleep(5)
        if proc.poll() is not None:
            return {
                "completed": 0,
                "error": f"passthrough exited with {proc.returncode}",
            }
        sent, seen = asyncio.run(_run_flow(settings, src, [dst], payloads, None, 300))
    finally:
        proc.terminate()
        proc.wait(30)
    return throughput(sent, seen[dst])


def pipeline_settings(broker: str, tmp: str) -> Settings:
    run = uuid.uuid4().hex[:8]
    prefix = f"bench-{run}."
    return Settings(
        broker=broker,
        app_id=f"news-streams-bench-{run}",
        store="memory://",
        data_dir=f"{tmp}/{run}",
        web_port=free_port(),
        topic_raw=prefix + "articles.raw",
        topic_cleaned=prefix + "articles.cleaned",
        topic_quotes=prefix + "articles.quotes",
        topic_clusters=prefix + "articles.clusters",
        topic_dead_letter=prefix + "articles.dead-letter",
        table_claims=prefix + "claims",
    )


async def _end_offsets(settings: Settings, prefixes: tuple[str, ...]) -> dict[str, int]:
    """Sum of the partitions' end offsets of every topic whose name has a prefix."""
    admin = AIOKafkaAdminClient(**client_options(settings))
    await admin.start()
    try:
        names = [t for t in await admin.list_topics() if t.startswith(prefixes)]
        described = await admin.describe_topics(names) if names else []
    finally:
        await admin.close()
    tps = [
        TopicPartition(d["topic"], p["partition"])
        for d in described
        for p in d["partitions"]
    ]
    consumer = AIOKafkaConsumer(**client_options(settings), enable_auto_commit=False)
    await consumer.start()
    try:
        ends = await consumer.end_offsets(tps) if tps else {}
    finally:
        await consumer.stop()
    totals = dict.fromkeys(names, 0)
    for tp, end in ends.items():
        totals[tp.topic] += end
    return totals


def message_counts(settings: Settings, settle_s: float = 3.0) -> dict[str, Any]:
    """Messages per article on every topic of the app, once the offsets settle.

    The run waits for articles.clusters only; claims and changelog records follow,
    so the offsets are read until two readings ``settle_s`` apart agree.
    """
    prefixes = (settings.app_id, settings.topic_raw.rsplit("articles.raw", 1)[0])
    ends = asyncio.run(_end_offsets(settings, prefixes))
    while True:
        time.sleep(settle_s)
        again = asyncio.run(_end_offsets(settings, prefixes))
        if again == ends:
            break
        ends = again
    articles_in = ends.pop(settings.topic_raw, 0)
    public = {
        settings.topic_cleaned,
        settings.topic_quotes,
        settings.topic_clusters,
        settings.topic_dead_letter,
        settings.table_claims,
    }

    def short(topic: str) -> str:
        for prefix in (f"{settings.app_id}.", f"{settings.app_id}-", *prefixes):
            if topic.startswith(prefix):
                return topic[len(prefix) :]
        return topic

    split: dict[str, dict[str, float]] = {"public": {}, "internal": {}}
    for topic, end in sorted(ends.items()):
        group = "public" if topic in public else "internal"
        split[group][short(topic)] = round(end / max(1, articles_in), 2)
    return {
        "articles": articles_in,
        "public_per_article": round(sum(split["public"].values()), 2),
        "internal_per_article": round(sum(split["internal"].values()), 2),
        **split,
    }


def run_pipeline(
    broker: str,
    tmp: str,
    payloads: list[dict[str, Any]],
    workers: int,
    rate: float | None,
    warmup: list[dict[str, Any]],
    count_messages: bool = False,
) -> dict[str, Any]:
    settings = pipeline_settings(broker, tmp)
    procs = []
    for i in range(workers):
        w = WorkerProcess(
            settings.with_(web_port=free_port()),
            Path(tmp) / f"w{i}-{settings.app_id}.log",
        )
        w.start()
        procs.append(w)
    outs = [settings.topic_cleaned, settings.topic_quotes, settings.topic_clusters]
    try:
        # Warm up: the spaCy model loads on the first batch; keep it out of the timing.
        dead = settings.topic_dead_letter
        asyncio.run(
            _run_flow(settings, settings.topic_raw, outs, warmup, None, 300, dead)
        )
        sent, seen = asyncio.run(
            _run_flow(settings, settings.topic_raw, outs, payloads, rate, 900, dead)
        )
        counts = message_counts(settings) if count_messages else None
    finally:
        for w in procs:
            w.stop()
    result: dict[str, Any] = {
        "workers": workers,
        "throughput": throughput(sent, seen[settings.topic_clusters]),
        "dead_lettered": len(set(sent) & set(seen[settings.topic_dead_letter])),
    }
    if counts is not None:
        result["messages"] = counts
    if rate:
        result["rate"] = rate
        latency = {}
        for topic in outs:
            lat = [seen[topic][k] - t for k, t in sent.items() if k in seen[topic]]
            latency[topic.rsplit(".", 1)[-1] if "quotes" not in topic else "quotes"] = {
                "n": len(lat),
                "p50_ms": pct(lat, 0.50),
                "p95_ms": pct(lat, 0.95),
                "p99_ms": pct(lat, 0.99),
            }
        result["latency"] = latency
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--broker", default="kafka://127.0.0.1:9092")
    ap.add_argument("--count", type=int, default=1000, help="articles for throughput")
    ap.add_argument("--paced", type=int, default=500, help="articles for latency")
    ap.add_argument("--rate", type=float, default=50.0, help="paced articles/s")
    ap.add_argument("--no-scale", action="store_true", help="skip the 2-worker run")
    ap.add_argument(
        "--messages",
        action="store_true",
        help="only the 1-worker run, with messages per article on every topic",
    )
    ap.add_argument(
        "--latency", action="store_true", help="only the paced 1-worker run"
    )
    args = ap.parse_args()
    settings = Settings(broker=args.broker)
    payloads = articles(args.count)
    out: dict[str, Any] = {
        "cpu_count": os.cpu_count(),
        "load_avg_1m": round(os.getloadavg()[0], 2),
        "articles": args.count,
        "mean_article_bytes": round(
            sum(len(orjson.dumps(p)) for p in payloads) / len(payloads)
        ),
    }
    if args.messages:
        with tempfile.TemporaryDirectory() as tmp:
            out["pipeline_1_worker"] = run_pipeline(
                args.broker, tmp, payloads, 1, None, articles(20), count_messages=True
            )
        print(json.dumps(out, indent=2))
        return
    if args.latency:
        with tempfile.TemporaryDirectory() as tmp:
            out["paced"] = run_pipeline(
                args.broker, tmp, articles(args.paced), 1, args.rate, articles(20)
            )
        print(json.dumps(out, indent=2))
        return
    out["ceiling_aiokafka"] = ceiling_aiokafka(settings, payloads)
    out["ceiling_faust"] = ceiling_faust(settings, payloads)
    with tempfile.TemporaryDirectory() as tmp:
        warm = articles(20)
        out["pipeline_1_worker"] = run_pipeline(
            args.broker, tmp, payloads, 1, None, warm, count_messages=True
        )
        if not args.no_scale:
            out["pipeline_2_workers"] = run_pipeline(
                args.broker, tmp, articles(args.count), 2, None, articles(20)
            )
        out["paced"] = run_pipeline(
            args.broker, tmp, articles(args.paced), 1, args.rate, articles(20)
        )
    one = out["pipeline_1_worker"]["throughput"].get("per_s")
    if one and out["ceiling_faust"].get("per_s"):
        out["ratio_to_faust_ceiling"] = round(one / out["ceiling_faust"]["per_s"], 3)
        out["ratio_to_aiokafka_ceiling"] = round(
            one / out["ceiling_aiokafka"]["per_s"], 4
        )
        two = out.get("pipeline_2_workers", {}).get("throughput", {}).get("per_s")
        if two:
            out["scale_out_2_vs_1"] = round(two / one, 2)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
