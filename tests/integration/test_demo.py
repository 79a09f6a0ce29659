"""``news-streams demo`` on the session's broker: its own port, results and clean-up."""

from __future__ import annotations

import asyncio
import http.server
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator

import orjson
import pytest
from aiokafka.admin import AIOKafkaAdminClient

from streams.kafka_io import client_options, start_client
from streams.settings import Settings
from streams.testing import REPO, LocalBroker

pytestmark = pytest.mark.kafka

ANSI = re.compile(r"\x1b\[")


class _Impostor(http.server.BaseHTTPRequestHandler):
    """Another worker's API on the port the demo would use by default."""

    def do_GET(self) -> None:
        body = orjson.dumps(
            {
                "total": 1,
                "speakers": [
                    {
                        "speaker_id": "impostor",
                        "name": "Someone Else Entirely",
                        "claim_count": 9,
                        "roles": [],
                    }
                ],
            }
        )
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def impostor() -> Iterator[int]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Impostor)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture
def demo_env(session_broker: LocalBroker | None, tmp_path) -> dict[str, str]:
    if session_broker is None:
        pytest.skip("the demo runs the local broker script; STREAMS_TEST_BROKER is set")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {k: v for k, v in session_broker.env.items() if not k.startswith("STREAMS_")}
    env.update(
        STREAMS_BROKER=session_broker.url,
        STREAMS_STORE="memory://",
        TMPDIR=str(scratch),
        COLUMNS="200",
    )
    return env


def _topics(broker: str) -> set[str]:
    async def run() -> set[str]:
        admin = AIOKafkaAdminClient(**client_options(Settings(broker=broker)))
        await start_client(admin)
        try:
            # Without the broker's own (__consumer_offsets, created on first use).
            return {t for t in await admin.list_topics() if not t.startswith("__")}
        finally:
            await admin.close()

    return asyncio.run(run())


def _demo(env: dict[str, str], timeout: float = 400) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "streams.cli", "demo"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_demo_prints_its_own_results_quietly_and_cleans_up(demo_env, impostor):
    demo_env["STREAMS_WEB_PORT"] = str(impostor)  # taken by another "worker"
    before = _topics(demo_env["STREAMS_BROKER"])
    done = _demo(demo_env)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    # Its own worker on a free port, which says when it is ready.
    (ready,) = [x for x in done.stderr.splitlines() if "worker ready" in x]
    assert demo_env["STREAMS_BROKER"].removeprefix("kafka://") in ready
    assert "news-streams-demo-" in ready
    assert f":{impostor}" not in ready
    # Its own results: the seeds' speaker, never the other worker's.
    assert "Vedant Patel [vedant-patel]" in done.stdout
    assert "Someone Else Entirely" not in output
    # Quiet: no ERROR line and no colour codes.
    assert not [x for x in output.splitlines() if "ERROR" in x]
    assert not ANSI.search(output)
    # Clean: no topic and no directory left behind.
    assert _topics(demo_env["STREAMS_BROKER"]) == before
    assert os.listdir(demo_env["TMPDIR"]) == []


def test_demo_whose_worker_cannot_start_fails_in_one_line(demo_env):
    demo_env["STREAMS_WEB_HOST"] = "192.0.2.1"  # TEST-NET-1: not this machine's
    done = _demo(demo_env, timeout=200)
    assert done.returncode == 1
    errors = [x for x in done.stderr.splitlines() if "error" in x.lower()]
    assert len(errors) == 1, done.stderr
    assert "the demo worker did not start: cannot listen on 192.0.2.1" in errors[0]
    assert "Traceback" not in done.stderr
    # Only the worker's log is kept, for the user to read.
    (kept,) = os.listdir(demo_env["TMPDIR"])
    assert os.listdir(os.path.join(demo_env["TMPDIR"], kept)) == ["worker.log"]
