"""Soak a real worker with generated articles and sample its RSS; print JSON.

    python benchmarks/soak.py [--count 100000] [--max-seconds 7200]
        [--interval 10] [--store rocksdb://] [--max-indexed 20000]

Needs a broker (``STREAMS_BROKER``, default the local one: ``news-streams kafka
up``). Articles come from tests/reliability/articles.py (recombined at run time
from the seeds and the benchmark pages, published over the last days so the
cluster window and claim TTL behave as in production). The worker is a real
``news-streams worker`` subprocess; its RSS plus its quote process's is read
from /proc every ``--interval`` seconds together with the number of articles
assigned to a story. The figures include the RSS curve and the growth per 10k
articles in the first and second half of the run: bounded tables and windows show
as a second half that grows much less than the first.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from streams.settings import Settings  # noqa: E402 - after the path fix
from streams.testing import WorkerProcess, free_port  # noqa: E402
from tests.reliability.articles import generate_articles  # noqa: E402
from tests.reliability.harness import (  # noqa: E402
    Progress,
    ensure_all_topics,
    produce_articles,
)


def rss_mb(pid: int) -> float:
    """Resident set size of a process in MiB (Linux /proc); 0 once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    """Child processes of ``pid`` (the worker's quote process)."""
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            out += [int(c) for c in task.read_text().split()]
        except OSError:
            continue
    return out


async def delete_topics(settings: Settings, prefix: str) -> None:
    from aiokafka.admin import AIOKafkaAdminClient

    from streams.kafka_io import client_options

    admin = AIOKafkaAdminClient(**client_options(settings))
    await admin.start()
    try:
        names = [
            t
            for t in await admin.list_topics()
            if t.startswith((prefix, settings.app_id))
        ]
        if names:
            await admin.delete_topics(names)
    finally:
        await admin.close()


def growth_per_10k(samples: list[dict[str, Any]], lo: float, hi: float) -> float | None:
    """RSS growth (MiB per 10k articles) between two fractions of the work."""
    done = samples[-1]["articles"] if samples else 0
    window = [s for s in samples if lo * done <= s["articles"] <= hi * done]
    if len(window) < 2 or window[-1]["articles"] == window[0]["articles"]:
        return None
    d_rss = window[-1]["rss_mb"] - window[0]["rss_mb"]
    d_art = window[-1]["articles"] - window[0]["articles"]
    return round(d_rss / d_art * 10_000, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--max-seconds", type=float, default=7200)
    parser.add_argument("--interval", type=float, default=10.0)
    parser.add_argument("--store", default="rocksdb://")
    parser.add_argument("--max-indexed", type=int, default=20_000)
    parser.add_argument("--partitions", type=int, default=4)
    args = parser.parse_args()

    base = Settings.from_env()
    run = uuid.uuid4().hex[:8]
    prefix = f"soak-{run}."
    workdir = Path(tempfile.mkdtemp(prefix="news-streams-soak-"))
    settings = base.with_(
        app_id=f"news-streams-soak-{run}",
        store=args.store,
        data_dir=str(workdir / "data"),
        web_port=free_port(),
        partitions=args.partitions,
        topic_raw=prefix + "articles.raw",
        topic_cleaned=prefix + "articles.cleaned",
        topic_quotes=prefix + "articles.quotes",
        topic_clusters=prefix + "articles.clusters",
        topic_dead_letter=prefix + "articles.dead-letter",
        table_claims=prefix + "claims",
        max_indexed_articles=args.max_indexed,
    )
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    # A new story every 20 minutes: the run's articles end about now.
    start -= timedelta(minutes=20 * args.count // 6)
    ensure_all_topics(settings)
    produced_at = time.monotonic()
    produce_articles(settings, generate_articles(args.count, seed=5, start=start))
    produce_s = time.monotonic() - produced_at

    worker = WorkerProcess(settings, workdir / "worker.log")
    samples: list[dict[str, Any]] = []
    started = time.monotonic()
    try:
        worker.start()
        if worker.proc is None:
            raise RuntimeError("worker did not start")
        pid = worker.proc.pid
        with Progress(settings) as progress:
            while time.monotonic() - started < args.max_seconds:
                worker_mb = rss_mb(pid)
                samples.append(
                    {
                        "t_s": round(time.monotonic() - started, 1),
                        "articles": progress.done,
                        "rss_mb": round(
                            worker_mb + sum(rss_mb(c) for c in children(pid)), 1
                        ),
                        "worker_rss_mb": round(worker_mb, 1),
                    }
                )
                print(json.dumps(samples[-1]), file=sys.stderr, flush=True)
                if progress.done >= args.count or worker.proc.poll() is not None:
                    break
                # Dead-lettered articles never get a story: stop once nothing moved
                # for a minute with (nearly) everything done.
                window = int(60 / args.interval) + 1
                recent = {s["articles"] for s in samples[-window:]}
                if progress.done >= 0.99 * args.count and len(recent) == 1:
                    break
                time.sleep(args.interval)
        exited = worker.proc.poll()
    finally:
        worker.stop()
        asyncio.run(delete_topics(settings, prefix))
    elapsed = time.monotonic() - started
    done = samples[-1]["articles"] if samples else 0
    rss = [s["rss_mb"] for s in samples]
    print(
        json.dumps(
            {
                "count": args.count,
                "articles_processed": done,
                "seconds": round(elapsed, 1),
                "articles_per_s": round(done / elapsed, 1) if elapsed else None,
                "produce_seconds": round(produce_s, 1),
                "store": args.store,
                "max_indexed_articles": args.max_indexed,
                "worker_exited": exited,
                "rss_mb_start": rss[0] if rss else None,
                "rss_mb_max": max(rss, default=None),
                "rss_mb_end": rss[-1] if rss else None,
                "growth_mb_per_10k_first_half": growth_per_10k(samples, 0.0, 0.5),
                "growth_mb_per_10k_second_half": growth_per_10k(samples, 0.5, 1.0),
                "samples": samples,
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
