"""Run real worker processes for tests and benchmarks (no mocks: real subprocesses)."""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from streams.settings import Settings

__all__ = [
    "LocalBroker",
    "WorkerProcess",
    "free_port",
    "free_port_pair",
    "listens",
    "running",
    "settings_env",
]

REPO = Path(__file__).resolve().parent.parent
KAFKA_SCRIPT = REPO / "deploy" / "kafka" / "kafka.sh"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _ephemeral_low() -> int:
    """The first port of the kernel's range for the local end of outgoing sockets."""
    try:
        text = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text()
        return int(text.split()[0])
    except (OSError, ValueError, IndexError):
        return 32768  # Linux's default


def free_port_pair() -> int:
    """A port p with p and p + 1 free on 127.0.0.1 (broker and controller).

    Picked below the ephemeral range when there is room: a port from that range can
    become the local end of any outgoing connection before the broker binds it.
    """
    low = _ephemeral_low()
    pick = random.SystemRandom()
    for _ in range(200):
        port = pick.randrange(20000, low - 1) if low > 21000 else free_port()
        if _bindable(port) and _bindable(port + 1):
            return port
    raise RuntimeError("no free port pair")


def listens(pid: int, port: int) -> bool:
    """Whether process ``pid`` holds the socket listening on ``port`` (Linux /proc)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(f"socket:[{fields[9]}]")
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(fd) in inodes:
                return True
        except OSError:
            continue
    return False


@dataclass
class LocalBroker:
    """A private broker run by deploy/kafka/kafka.sh on free ports.

    Its data, pid file and logs live in ``home``; the jar cache is shared. Nothing
    of the default broker (port 9092, /tmp/news-streams-kafka) is touched.
    """

    home: Path
    heap: str = "512m"
    port: int = field(default_factory=free_port_pair)

    @property
    def url(self) -> str:
        """The broker URL for Settings.broker."""
        return f"kafka://127.0.0.1:{self.port}"

    @property
    def env(self) -> dict[str, str]:
        """The environment kafka.sh reads for this broker."""
        return {
            **os.environ,
            "KAFKA_PORT": str(self.port),
            "KAFKA_HOME": str(self.home),
            "KAFKA_HEAP": self.heap,
        }

    def run(self, command: str, check: bool = True) -> int:
        """Run ``kafka.sh command`` for this broker; returns its exit code."""
        done = subprocess.run(  # noqa: S603 - our script
            ["bash", str(KAFKA_SCRIPT), command],  # noqa: S607
            env=self.env,
            check=check,
        )
        return done.returncode

    def start(self, attempts: int = 3) -> None:
        """Start the broker, on another free pair if its ports were taken meanwhile.

        The broker counts as started when its own process holds the listening
        socket: another process that took the port first would also answer.
        """
        for attempt in range(attempts):
            if self.run("up", check=False) == 0 and self.serving():
                return
            self.run("down", check=False)
            if attempt + 1 < attempts:
                self.port = free_port_pair()
        raise RuntimeError(f"the broker did not start; see {self.home}/kafka.log")

    def serving(self) -> bool:
        """Whether this broker's process is alive and listening on its port."""
        try:
            pid = int((self.home / "kafka.pid").read_text())
        except (OSError, ValueError):
            return False
        return running(pid) and listens(pid, self.port)

    def stop(self) -> None:
        """Stop the broker (its data stays in ``home``)."""
        self.run("down", check=False)


def running(pid: int) -> bool:
    """Whether a process exists and is not a zombie (Linux /proc)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(") ", 1)[1][:1] != "Z"  # the state follows the name


def settings_env(settings: Settings) -> dict[str, str]:
    """The STREAMS_* environment that reproduces ``settings`` in a subprocess."""
    return settings.to_env()


@dataclass
class WorkerProcess:
    """A ``news-streams worker`` subprocess with its log file."""

    settings: Settings
    log: Path
    proc: subprocess.Popen[bytes] | None = None
    restarts: int = field(default=0)

    @property
    def url(self) -> str:
        """Base URL of the worker's web server."""
        return f"http://127.0.0.1:{self.settings.web_port}"

    def start(self, timeout: float = 120.0) -> None:
        """Start the worker and wait until its web server answers."""
        logfile = self.log.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streams.cli", "worker"],
            env=settings_env(self.settings),
            stdout=logfile,
            stderr=subprocess.STDOUT,
            cwd=REPO,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"worker exited: {self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.url + "/metrics", timeout=2):  # noqa: S310
                    return
            except OSError:
                time.sleep(0.3)
        raise TimeoutError(f"worker did not start: {self.log.read_text()[-3000:]}")

    def stop(self, kill: bool = False) -> None:
        """Stop the worker (SIGTERM, or SIGKILL with ``kill``)."""
        if self.proc is None or self.proc.poll() is not None:
            return
        if kill:
            self.proc.kill()
        else:
            self.proc.terminate()
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)

    def restart(self, kill: bool = False) -> None:
        """Stop (or kill) the worker and start it again."""
        self.stop(kill=kill)
        self.restarts += 1
        self.start()
