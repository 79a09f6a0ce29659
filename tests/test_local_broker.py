"""Test sessions run a private broker; the broker script refuses ports in use."""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import pytest

from streams.testing import KAFKA_SCRIPT, LocalBroker, free_port_pair, listens


@pytest.mark.kafka
def test_session_runs_its_own_broker(session_broker, kafka_broker):
    if os.environ.get("STREAMS_TEST_BROKER"):
        pytest.skip("STREAMS_TEST_BROKER names the broker")
    assert isinstance(session_broker, LocalBroker)
    assert kafka_broker == session_broker.url
    assert session_broker.port != 9092
    assert session_broker.home != Path("/tmp/news-streams-kafka")  # noqa: S108
    assert (session_broker.home / "kafka.pid").is_file()
    assert session_broker.serving()  # its own process holds the port
    with socket.create_connection(("127.0.0.1", session_broker.port), timeout=2):
        pass


def test_free_port_pair_is_free_and_outside_the_ephemeral_range():
    low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    port = free_port_pair()
    if low > 21000:
        assert port + 1 < low
    for p in (port, port + 1):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", p))


def test_listens_names_the_process_holding_a_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        assert listens(os.getpid(), port)
        assert not listens(os.getpid(), free_port_pair())


def test_broker_script_refuses_a_port_in_use(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "KAFKA_PORT": str(port), "KAFKA_HOME": str(tmp_path)}
        done = subprocess.run(
            ["bash", str(KAFKA_SCRIPT), "up"],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    assert done.returncode == 1
    assert f"port {port} is in use" in done.stderr
    assert not (tmp_path / "kafka.pid").exists()
