"""The ``news-streams`` command line: worker, produce, tail, process, demo, kafka."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

from streams.errors import SchemaError, StreamsError
from streams.settings import Settings

__all__ = ["main"]

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
KAFKA_SCRIPT = REPO_ROOT / "deploy" / "kafka" / "kafka.sh"
SEEDS_DIR = REPO_ROOT / "examples" / "seeds"

console = Console(stderr=True)


def _progress() -> Progress:
    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


# -- kafka ---------------------------------------------------------------------


def kafka_command(action: str) -> int:
    """Run the local broker script (fetch|up|down|status|reset)."""
    return subprocess.call(["bash", str(KAFKA_SCRIPT), action])  # noqa: S603, S607 - our script


# -- produce ---------------------------------------------------------------------


def _encode_payloads(paths: list[str]) -> list[tuple[bytes, bytes]]:
    from streams.inputs import iter_input_payloads
    from streams.kafka_io import key_for

    return [(key_for(p), orjson.dumps(p)) for p in iter_input_payloads(paths)]


def produce_command(settings: Settings, paths: list[str], rate: float | None) -> int:
    """Produce articles from files to articles.raw, keyed by article id."""
    from streams.kafka_io import produce

    messages = _encode_payloads(paths)
    with _progress() as progress:
        task = progress.add_task(settings.topic_raw, total=len(messages))
        sent = asyncio.run(
            produce(
                settings,
                settings.topic_raw,
                messages,
                rate=rate,
                on_sent=lambda n: progress.update(task, completed=n),
            )
        )
    console.print(f"produced {sent} articles to {settings.topic_raw}")
    return 0


# -- tail ------------------------------------------------------------------------


def tail_command(
    settings: Settings, topics: list[str], idle: float, max_messages: int | None
) -> int:
    """Print messages of topics as JSON lines until idle."""
    from streams.kafka_io import consume

    async def run() -> None:
        async for topic, key, value in consume(
            settings, topics, idle_timeout=idle, max_messages=max_messages
        ):
            line = {
                "topic": topic,
                "key": key.decode("utf-8", "replace") if key else None,
                "value": value
                if not isinstance(value, bytes)
                else value.decode("utf-8", "replace"),
            }
            sys.stdout.buffer.write(orjson.dumps(line) + b"\n")
            sys.stdout.flush()

    asyncio.run(run())
    return 0


# -- process ---------------------------------------------------------------------


def process_command(
    settings: Settings,
    paths: list[str],
    out: str | None,
    no_clean: bool,
    claims_out: str | None,
) -> int:
    """Batch mode: run the pipeline over files and write one JSON line per article."""
    from streams.inputs import iter_input_payloads
    from streams.pipeline import Pipeline
    from streams.records import RawArticle

    pipeline = Pipeline(settings, no_clean=no_clean)
    payloads = list(iter_input_payloads(paths))
    failures = 0

    def rejected(exc: StreamsError) -> None:
        nonlocal failures
        failures += 1
        console.print(f"[yellow]skipped[/]: {exc}")

    def raws() -> Iterator[RawArticle]:
        for payload in payloads:
            try:
                yield RawArticle.from_dict(payload)
            except SchemaError as exc:
                rejected(exc)
                progress.advance(task)

    with _progress() as progress:
        task = progress.add_task("process", total=len(payloads))
        lines = pipeline.process_all(
            raws(), on_error=rejected, on_done=lambda: progress.advance(task)
        )
    sink = open(out, "wb") if out else sys.stdout.buffer
    try:
        for line in lines:
            sink.write(orjson.dumps(line) + b"\n")
    finally:
        if out:
            sink.close()
        else:
            sink.flush()
    if claims_out:
        Path(claims_out).write_bytes(
            orjson.dumps(pipeline.claims_snapshot(), option=orjson.OPT_INDENT_2)
        )
    if failures:
        console.print(f"{failures} article(s) rejected")
    return 0


# -- worker ----------------------------------------------------------------------


def worker_command(settings: Settings) -> int:
    """Run one Faust worker process."""
    from streams.worker.main import run_worker

    run_worker(settings, loglevel=settings.log_level)
    return 0


# -- demo ------------------------------------------------------------------------


def _wait_http(url: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:  # noqa: S310 - localhost
                if resp.status < 500:
                    return True
        except OSError:
            time.sleep(0.5)
    return False


def demo_command(settings: Settings, stop: bool, seeds: Path) -> int:
    """Start the broker and a worker, produce the seeds, print what comes back."""
    if kafka_command("up") != 0:
        return 1
    run_id = f"{int(time.time())}"
    env = {**os.environ, "STREAMS_APP_ID": f"news-streams-demo-{run_id}"}
    prefix = f"demo-{run_id}."
    names = {
        "STREAMS_TOPIC_RAW": prefix + "articles.raw",
        "STREAMS_TOPIC_CLEANED": prefix + "articles.cleaned",
        "STREAMS_TOPIC_QUOTES": prefix + "articles.quotes",
        "STREAMS_TOPIC_CLUSTERS": prefix + "articles.clusters",
        "STREAMS_TOPIC_DEAD_LETTER": prefix + "articles.dead-letter",
        "STREAMS_TABLE_CLAIMS": prefix + "claims",
        "STREAMS_DATA_DIR": f"/tmp/news-streams-demo-{run_id}",  # noqa: S108 - demo scratch
    }
    env.update(names)
    demo = Settings.from_env(env)
    worker = subprocess.Popen(
        [sys.executable, "-m", "streams.cli", "worker"],
        env=env,
    )
    try:
        url = f"http://{demo.web_host}:{demo.web_port}/metrics"
        if not _wait_http(url, 120):
            console.print("[red]worker did not start[/]")
            return 1
        produce_command(demo, [str(seeds)], rate=None)
        _print_demo(demo, expected=len(list(seeds.glob("*.txt"))))
        _print_claims(demo)
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
    if stop:
        kafka_command("down")
    else:
        console.print("broker left running: `news-streams kafka down` stops it")
    return 0


def _print_demo(settings: Settings, expected: int) -> None:
    from streams.kafka_io import consume

    async def collect() -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        deadline = time.monotonic() + 180
        topics = [
            settings.topic_cleaned,
            settings.topic_quotes,
            settings.topic_clusters,
        ]
        while time.monotonic() < deadline:
            found.clear()
            async for topic, key, value in consume(settings, topics, idle_timeout=3):
                art = found.setdefault(key.decode(), {"quotes": []})
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

    found = asyncio.run(collect())
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


def _print_claims(settings: Settings) -> None:
    url = f"http://{settings.web_host}:{settings.web_port}/speakers"
    deadline = time.monotonic() + 30
    data: dict[str, Any] = {}
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                data = orjson.loads(resp.read())
        except OSError:
            data = {}
        if data.get("total"):
            break
        time.sleep(1)
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


# -- main ------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``news-streams``."""
    parser = argparse.ArgumentParser(
        prog="news-streams", description="Streaming news processor on Kafka."
    )
    parser.add_argument("--broker", help="Kafka broker URL (env STREAMS_BROKER)")
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("worker", help="run a Faust worker")

    p = sub.add_parser("produce", help="produce articles to articles.raw")
    p.add_argument("paths", nargs="+", help=".jsonl, .txt, .html files or directories")
    p.add_argument(
        "--rate", type=float, help="articles per second (default: full speed)"
    )
    p.add_argument("--topic", help="topic (default: articles.raw)")

    p = sub.add_parser("tail", help="print a topic's messages as JSON lines")
    p.add_argument("topics", nargs="+")
    p.add_argument(
        "--idle", type=float, default=5.0, help="stop after this many idle s"
    )
    p.add_argument("--max", type=int, dest="max_messages")

    p = sub.add_parser("process", help="batch mode: run the pipeline without a broker")
    p.add_argument("paths", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--out", help="output .jsonl (default: stdout)")
    p.add_argument("--no-clean", action="store_true", help="take input text as clean")
    p.add_argument("--claims-out", help="write the final claims table as JSON")

    p = sub.add_parser("demo", help="local broker + worker + the two seed articles")
    p.add_argument("--stop", action="store_true", help="stop the broker afterwards")
    p.add_argument(
        "--seeds", default=str(SEEDS_DIR), help="directory of seed .txt files"
    )

    p = sub.add_parser("kafka", help="the local single-node Kafka broker")
    p.add_argument("action", choices=["up", "down", "status", "fetch", "reset"])
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``news-streams`` console script."""
    args = build_parser().parse_args(argv)
    settings = Settings.from_env(broker=args.broker)
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.command == "worker":
        return worker_command(settings)
    if args.command == "produce":
        if args.topic:
            settings = settings.with_(topic_raw=args.topic)
        return produce_command(settings, args.paths, args.rate)
    if args.command == "tail":
        return tail_command(settings, args.topics, args.idle, args.max_messages)
    if args.command == "process":
        return process_command(
            settings, args.paths, args.out, args.no_clean, args.claims_out
        )
    if args.command == "demo":
        return demo_command(settings, args.stop, Path(args.seeds))
    if args.command == "kafka":
        return kafka_command(args.action)
    return 2


if __name__ == "__main__":
    sys.exit(main())
