"""The ``news-streams`` command line: worker, produce, tail, process, demo, kafka."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import orjson
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

from streams.errors import (
    CommandError,
    ConfigError,
    SchemaError,
    StreamsError,
)
from streams.settings import Settings

__all__ = ["main"]

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
KAFKA_SCRIPT = REPO_ROOT / "deploy" / "kafka" / "kafka.sh"
SEEDS_DIR = REPO_ROOT / "examples" / "seeds"

console = Console(stderr=True)

PROG = "news-streams"


def _fail(message: str, code: int) -> int:
    # Plain stderr, not rich: rich wraps long lines to the terminal width.
    sys.stderr.write(f"{PROG}: error: {message}\n")
    return code


@contextlib.contextmanager
def broker_errors(settings: Settings) -> Iterator[None]:
    """Turn an unreachable or failing broker into a CommandError."""
    from aiokafka.errors import KafkaConnectionError, KafkaError

    try:
        yield
    except KafkaConnectionError as exc:
        raise CommandError(
            f"cannot reach the Kafka broker at {settings.bootstrap_servers} "
            f"({_kafka_message(exc)}); `news-streams kafka up` starts a local one"
        ) from None
    except KafkaError as exc:
        raise CommandError(f"Kafka: {_kafka_message(exc)}") from None


def _kafka_message(exc: BaseException) -> str:
    text = str(exc)
    prefix = f"{type(exc).__name__}: "
    return text[len(prefix) :] if text.startswith(prefix) else text or prefix[:-2]


def check_inputs(paths: list[str]) -> None:
    """Raise a usage error unless every path is a readable input with articles."""
    from streams.inputs import list_input_files

    try:
        files = list_input_files(paths)
    except FileNotFoundError as exc:
        raise CommandError(f"no such file or directory: {exc.args[0]}", 2) from None
    except SchemaError as exc:
        raise CommandError(exc.detail, 2) from None
    if not files:
        raise CommandError(
            f"no .jsonl, .txt or .html files in {' '.join(paths)}", 2
        ) from None


def _read_payloads(paths: list[str]) -> list[dict[str, Any]]:
    """Every input article, or a CommandError for an unreadable file or line."""
    from streams.inputs import iter_input_payloads

    check_inputs(paths)
    try:
        return list(iter_input_payloads(paths))
    except SchemaError as exc:
        raise CommandError(f"bad input: {exc.detail}") from None
    except OSError as exc:
        raise CommandError(f"cannot read {exc.filename}: {exc.strerror}") from None


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


def kafka_command(action: str, quiet: bool = False) -> int:
    """Run the local broker script (fetch|up|down|status|reset)."""
    out = subprocess.DEVNULL if quiet else None
    return subprocess.call(  # noqa: S603 - our script
        ["bash", str(KAFKA_SCRIPT), action],  # noqa: S607
        stdout=out,
        stderr=out,
    )


# -- produce ---------------------------------------------------------------------


def _encode_payloads(paths: list[str]) -> list[tuple[bytes, bytes]]:
    from streams.kafka_io import key_for

    return [(key_for(p), orjson.dumps(p)) for p in _read_payloads(paths)]


def produce_command(settings: Settings, paths: list[str], rate: float | None) -> int:
    """Produce articles from files to articles.raw, keyed by article id."""
    from streams.kafka_io import produce

    messages = _encode_payloads(paths)
    progress = _progress()
    task = progress.add_task(settings.topic_raw, total=len(messages))

    def on_sent(count: int) -> None:
        # Shown from the first send, so an unreachable broker prints only its error.
        if not progress.live.is_started:
            progress.start()
        progress.update(task, completed=count)

    try:
        with broker_errors(settings):
            sent = asyncio.run(
                produce(
                    settings, settings.topic_raw, messages, rate=rate, on_sent=on_sent
                )
            )
    finally:
        progress.stop()
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

    with broker_errors(settings):
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
    from streams.pipeline import Pipeline
    from streams.records import RawArticle

    payloads = _read_payloads(paths)
    for target in (out, claims_out):
        if target and not Path(target).parent.is_dir():
            raise CommandError(f"no such directory for {target}", 2)
    try:
        sink = open(out, "wb") if out else sys.stdout.buffer
    except OSError as exc:
        raise CommandError(f"cannot write {out}: {exc.strerror}") from None
    pipeline = Pipeline(settings, no_clean=no_clean)
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
    try:
        for line in lines:
            sink.write(orjson.dumps(line) + b"\n")
    finally:
        if out:
            sink.close()
        else:
            sink.flush()
    if claims_out:
        try:
            Path(claims_out).write_bytes(
                orjson.dumps(pipeline.claims_snapshot(), option=orjson.OPT_INDENT_2)
            )
        except OSError as exc:
            raise CommandError(f"cannot write {claims_out}: {exc.strerror}") from None
    if failures:
        console.print(f"{failures} article(s) rejected")
    return 0


# -- worker ----------------------------------------------------------------------


def check_web_port(settings: Settings) -> None:
    """Raise a CommandError unless the worker's web address can be bound."""
    host, port = settings.web_bind_host, settings.web_port
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise CommandError(f"cannot resolve STREAMS_WEB_HOST {host!r}: {exc}") from None
    for family, kind, proto, _, address in infos:
        with socket.socket(family, kind, proto) as sock:
            # As the web server does, so a port in TIME_WAIT counts as free.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(address)
            except OSError as exc:
                raise CommandError(
                    f"cannot listen on {host}:{port} ({exc.strerror}); "
                    "set STREAMS_WEB_PORT to a free port"
                ) from None


def worker_command(settings: Settings) -> int:
    """Run one Faust worker process."""
    from streams.worker.main import create_worker, declare_topics, make_runner

    check_web_port(settings)
    worker = create_worker(settings)
    with broker_errors(settings):
        declare_topics(worker)
    make_runner(worker.app, settings.log_level).execute_from_commandline()
    return 0


# -- main ------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line (exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _positive(kind: type[int] | type[float]) -> Any:
    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be above 0: {text!r}")
        return value

    parse.__name__ = kind.__name__
    return parse


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``news-streams``."""
    parser = _Parser(prog=PROG, description="Streaming news processor on Kafka.")
    parser.add_argument("--broker", help="Kafka broker URL (env STREAMS_BROKER)")
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("worker", help="run a Faust worker")

    p = sub.add_parser("produce", help="produce articles to articles.raw")
    p.add_argument("paths", nargs="+", help=".jsonl, .txt, .html files or directories")
    p.add_argument(
        "--rate",
        type=_positive(float),
        help="articles per second (default: full speed)",
    )
    p.add_argument("--topic", help="topic (default: articles.raw)")

    p = sub.add_parser("tail", help="print a topic's messages as JSON lines")
    p.add_argument("topics", nargs="+")
    p.add_argument(
        "--idle", type=_positive(float), default=5.0, help="stop after this many idle s"
    )
    p.add_argument(
        "--max", type=_positive(int), dest="max_messages", help="stop after N records"
    )

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
    """Entry point of the ``news-streams`` console script.

    A mistake the user can fix (a missing input, a bad setting, an unreachable
    broker) ends with one line on stderr and a non-zero exit: 2 for usage errors.
    """
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env(broker=args.broker)
    except ConfigError as exc:
        return _fail(str(exc), 2)
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return _run(args, settings)
    except CommandError as exc:
        return _fail(str(exc), exc.code)
    except KeyboardInterrupt:
        return 130


def _run(args: argparse.Namespace, settings: Settings) -> int:
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
        from streams.demo import demo_command

        return demo_command(settings, args.stop, Path(args.seeds))
    if args.command == "kafka":
        return kafka_command(args.action)
    return 2


if __name__ == "__main__":
    sys.exit(main())
