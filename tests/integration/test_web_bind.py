"""The worker's HTTP API listens where STREAMS_WEB_HOST says, not on every interface."""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import pytest

from streams.settings import Settings
from streams.worker.app import build_app

LISTEN = "0A"  # TCP state in /proc/net/tcp


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket listening on ``port`` (Linux /proc/net/tcp*)."""
    found = set()
    for name, size in (("tcp", 4), ("tcp6", 16)):
        table = Path("/proc/net") / name
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if fields[3] != LISTEN or int(hex_port, 16) != port:
                continue
            raw = bytes.fromhex(address)
            # The kernel prints each 32-bit word in host (little-endian) order.
            ordered = b"".join(raw[i : i + 4][::-1] for i in range(0, size, 4))
            found.add(str(ipaddress.ip_address(ordered)))
    return found


def test_app_binds_web_host_unless_web_bind_is_set():
    settings = Settings(app_id="web-bind-test", store="memory://")
    assert build_app(settings).conf.web_bind == "127.0.0.1"
    both = settings.with_(web_host="worker-1", web_bind="0.0.0.0")  # noqa: S104
    conf = build_app(both).conf
    assert (conf.web_bind, conf.web_host) == ("0.0.0.0", "worker-1")  # noqa: S104


@pytest.mark.kafka
def test_worker_listens_on_loopback_only(test_settings, worker_factory):
    worker_factory(test_settings)
    assert listening_addresses(test_settings.web_port) == {"127.0.0.1"}
    # And so it is not reachable on the machine's other addresses.
    for address in _other_addresses():
        with socket.socket() as sock:
            sock.settimeout(2)
            assert sock.connect_ex((address, test_settings.web_port)) != 0


def _other_addresses() -> list[str]:
    """This machine's IPv4 addresses outside 127.0.0.0/8 (may be none)."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return []
    return sorted({info[4][0] for info in infos if not info[4][0].startswith("127.")})
