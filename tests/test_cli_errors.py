"""A mistake a user can make on the command line: one line on stderr, no traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from streams.testing import REPO, free_port


def run_cli(*args: str, env: dict[str, str] | None = None):
    base = {k: v for k, v in os.environ.items() if not k.startswith("STREAMS_")}
    return subprocess.run(
        [sys.executable, "-m", "streams.cli", *args],
        env={**base, **(env or {})},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def assert_one_line(done: subprocess.CompletedProcess, code: int, *words: str) -> None:
    lines = done.stderr.strip().splitlines()
    assert done.returncode == code, done.stderr
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert lines[0].startswith("news-streams")
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["produce", "/no/such/dir"], ["no such file or directory", "/no/such/dir"]),
        (["process", "/no/such/file.jsonl"], ["no such file or directory"]),
        (["process", "pyproject.toml"], ["not .jsonl, .txt or .html"]),
        (["process", "examples/seeds", "-o", "/no/such/dir/out.jsonl"], ["/no/such"]),
        (["process"], ["required"]),
        (["tail", "t", "--max", "0"], ["--max"]),
        (["tail", "t", "--max", "two"], ["--max"]),
        (["produce", "examples/seeds", "--rate", "-1"], ["--rate"]),
        (["no-such-command"], ["invalid choice"]),
        (["kafka", "explode"], ["invalid choice"]),
    ],
)
def test_usage_errors_exit_2_with_one_line(args, words):
    assert_one_line(run_cli(*args), 2, *words)


def test_empty_input_directory_is_a_usage_error(tmp_path):
    assert_one_line(run_cli("process", str(tmp_path)), 2, "no .jsonl")


def test_bad_jsonl_line_is_reported_with_its_place(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "fine"}\n{not json\n')
    assert_one_line(run_cli("process", str(src)), 1, f"{src}:2")


@pytest.mark.parametrize(
    ("name", "value"),
    [("STREAMS_WEB_PORT", "abc"), ("STREAMS_PARSE_PROCESS", "maybe")],
)
def test_bad_setting_is_a_usage_error(name, value):
    done = run_cli("process", "examples/seeds", env={name: value})
    assert_one_line(done, 2, name, repr(value))


def _refused_broker() -> str:
    return f"kafka://127.0.0.1:{free_port()}"  # nothing listens there


@pytest.mark.parametrize(
    "args",
    [["produce", "examples/seeds"], ["tail", "articles.raw"], ["worker"]],
)
def test_unreachable_broker_is_one_line(args):
    broker = _refused_broker()
    done = run_cli(
        "--broker", broker, *args, env={"STREAMS_WEB_PORT": str(free_port())}
    )
    assert_one_line(done, 1, "cannot reach the Kafka broker", broker[8:])
    assert not done.stdout


def test_worker_on_a_taken_web_port_is_one_line():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_cli(
            "worker",
            env={"STREAMS_WEB_PORT": str(port), "STREAMS_BROKER": _refused_broker()},
        )
    assert_one_line(done, 1, f"127.0.0.1:{port}", "STREAMS_WEB_PORT")
