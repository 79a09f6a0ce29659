"""``news-streams demo``: the seeds through a worker of its own, then clean up.

The demo starts the local broker if needed and a worker with its own app id, topic
names, web port (a free one) and data directory (a temporary one), so it never
reads another worker's results nor disturbs one. At the end it stops its worker,
deletes its topics and its directory. Any failure is one line and a non-zero exit.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import orjson
from rich.console import Console

from streams.cli import console, kafka_command, produce_command
from streams.errors import CommandError
from streams.settings import Settings

__all__ = ["delete_topics", "demo_command", "demo_settings"]

logger = logging.getLogger(__name__)

READY = "news-streams worker ready:"
START_TIMEOUT_S = 120.0
RESULTS_TIMEOUT_S = 180.0


def demo_settings(settings: Settings, scratch: Path) -> Settings:
    """Settings for a demo run: its own app id, topics, web port and data dir."""
    from streams.testing import free_port

    run = uuid.uuid4().hex[:8]
    prefix = f"demo-{run}."
    return settings.with_(
        app_id=f"news-streams-demo-{run}",
        topic_raw=prefix + "articles.raw",
        topic_cleaned=prefix + "articles.cleaned",
        topic_quotes=prefix + "articles.quotes",
        topic_clusters=prefix + "articles.clusters",
        topic_dead_letter=prefix + "articles.dead-letter",
        table_claims=prefix + "claims",
        data_dir=str(scratch / "data"),
        web_port=free_port(),
    )


def demo_command(settings: Settings, stop: bool, seeds: Path) -> int:
    """Start the broker and a worker, produce the seeds, print what comes back."""
    expected = len(list(seeds.glob("*.txt"))) if seeds.is_dir() else 0
    if not expected:
        raise CommandError(f"no seed .txt files in {seeds}", 2)
    was_running = kafka_command("status", quiet=True) == 0
    if kafka_command("up") != 0:
        raise CommandError("the local Kafka broker did not start (see above)")
    scratch = Path(tempfile.mkdtemp(prefix="news-streams-demo-"))
    demo = demo_settings(settings, scratch)
    log = scratch / "worker.log"
    worker: subprocess.Popen[bytes] | None = None
    done = False
    try:
        worker = _start_worker(demo, log)
        # Plain stderr: rich would wrap the line at the terminal width.
        sys.stderr.write(_wait_ready(worker, log) + "\n")
        produce_command(demo, [str(seeds)], rate=None)
        found = asyncio.run(_collect(demo, expected))
        _print_articles(found)
        clustered = sum("cluster" in a for a in found.values())
        if clustered < expected:
            raise CommandError(
                f"{clustered} of {expected} seed articles came back within "
                f"{RESULTS_TIMEOUT_S:.0f} s; the worker's log is {log}"
            )
        _print_claims(demo, worker, log)
        done = True
    finally:
        _stop(worker)
        asyncio.run(delete_topics(demo))
        if done:
            shutil.rmtree(scratch, ignore_errors=True)
        else:
            shutil.rmtree(scratch / "data", ignore_errors=True)
    if stop and not was_running:
        kafka_command("down")
    elif stop:
        console.print("the broker was running before the demo: left running")
    else:
        console.print("broker left running: `news-streams kafka down` stops it")
    return 0


def _start_worker(settings: Settings, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "streams.cli", "worker"],
            env=settings.to_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def _wait_ready(worker: subprocess.Popen[bytes], log: Path) -> str:
    """The worker's ready line, or a CommandError saying why it did not start."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        lines = log.read_text(errors="replace").splitlines()
        ready = next((x for x in lines if x.startswith(READY)), None)
        if ready:
            return ready
        if worker.poll() is not None:
            # The worker's own one-line error, when it gave one.
            error = next((x for x in reversed(lines) if ": error: " in x), None)
            reason = error.split(": error: ", 1)[1] if error else "it exited"
            raise CommandError(
                f"the demo worker did not start: {reason} (log: {log})",
                worker.returncode if error and worker.returncode == 2 else 1,
            )
        time.sleep(0.3)
    raise CommandError(
        f"the demo worker was not ready after {START_TIMEOUT_S:.0f} s (log: {log})"
    )


def _stop(worker: subprocess.Popen[bytes] | None) -> None:
    if worker is None or worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(30)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(10)


async def delete_topics(settings: Settings) -> None:
    """Delete the topics of a run: its named topics and the app's internal ones."""
    from aiokafka.admin import AIOKafkaAdminClient
    from aiokafka.errors import KafkaError

    from streams.kafka_io import client_options, start_client

    prefix = settings.topic_raw.removesuffix("articles.raw")
    admin = AIOKafkaAdminClient(**client_options(settings))
    try:
        await start_client(admin)
    except KafkaError:
        logger.warning("could not delete the demo's topics: broker unreachable")
        return
    try:
        names = [
            t
            for t in await admin.list_topics()
            if t.startswith((prefix, settings.app_id))
        ]
        if names:
            await admin.delete_topics(names)
    except KafkaError as exc:
        logger.warning("could not delete the demo's topics: %s", exc)
    finally:
        await admin.close()


async def _collect(settings: Settings, expected: int) -> dict[str, dict[str, Any]]:
    """Each article's cleaned record, quotes and cluster from the demo's topics."""
    from streams.kafka_io import consume

    topics = [settings.topic_cleaned, settings.topic_quotes, settings.topic_clusters]
    found: dict[str, dict[str, Any]] = {}
    deadline = time.monotonic() + RESULTS_TIMEOUT_S
    while time.monotonic() < deadline:
        found.clear()
        async for topic, key, value in consume(settings, topics, idle_timeout=3):
            art = found.setdefault((key or b"").decode(), {"quotes": []})
            if topic == settings.topic_cleaned:
                art["cleaned"] = value
            elif topic == settings.topic_quotes:
                art["quotes"].append(value)
            else:
                art["cluster"] = value
        if sum("cluster" in a for a in found.values()) >= expected:
            break
        await asyncio.sleep(1)
    return found


def _print_articles(found: dict[str, dict[str, Any]]) -> None:
    out = Console()
    for article_id, art in sorted(found.items()):
        cleaned = art.get("cleaned") or {}
        out.rule(f"[bold]{article_id}")
        out.print(f"[bold]title[/]: {cleaned.get('title')}")
        out.print(
            f"[bold]dateline[/]: {cleaned.get('dateline')}  [bold]byline[/]: "
            f"{cleaned.get('byline')}  [bold]language[/]: {cleaned.get('language')}"
        )
        out.print(
            f"[bold]clean text[/] ({len(cleaned.get('paragraphs', []))} paragraphs, "
            f"{len(cleaned.get('removed', []))} lines removed):"
        )
        out.print(cleaned.get("text", ""), markup=False, highlight=False)
        out.print(f"[bold]quotes[/] ({len(art['quotes'])}):")
        for q in sorted(art["quotes"], key=lambda q: q["start"]):
            sp = q["speaker"]
            out.print(
                f"  [{q['kind']}, {q.get('cue_class')}] {sp.get('name')} "
                f"(as {sp.get('mention')!r}, {sp.get('resolved_by')}): {q['text']!r}",
                markup=False,
                highlight=False,
            )
        cluster = art.get("cluster") or {}
        out.print(
            f"[bold]cluster[/]: {cluster.get('cluster_id')} "
            f"(new={cluster.get('new_cluster')}, "
            f"size={cluster.get('cluster_size')}, score={cluster.get('score')})"
        )


def _print_claims(
    settings: Settings, worker: subprocess.Popen[bytes], log: Path
) -> None:
    """GET /speakers of the demo's own worker (alive, so the port is its own)."""
    url = f"http://{settings.web_host}:{settings.web_port}/speakers"
    deadline = time.monotonic() + 30
    data: dict[str, Any] = {}
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise CommandError(f"the demo worker exited (log: {log})")
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                data = orjson.loads(resp.read())
        except OSError:
            data = {}
        if data.get("total"):
            break
        time.sleep(1)
    if worker.poll() is not None:
        raise CommandError(f"the demo worker exited (log: {log})")
    out = Console()
    out.rule("[bold]speakers (GET /speakers)")
    for speaker in data.get("speakers", []):
        out.print(
            f"{speaker['name']} [{speaker['speaker_id']}]: "
            f"{speaker['claim_count']} claims, "
            f"roles={speaker['roles']}",
            markup=False,
            highlight=False,
        )
