"""A real Prometheus scrapes a real worker on the real broker; metrics move as expected.

Prometheus comes from the Debian package (deploy/prometheus/install.sh). Without it
the test skips, unless ``STREAMS_REQUIRE_PROMTOOL=1`` (CI), where it fails.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
import pytest
import yaml

from streams.inputs import iter_input_payloads
from tests.conftest import REPO, SEEDS, free_port
from tests.integration.helpers import ensure_topics, produce_payloads

pytestmark = pytest.mark.kafka

PROM_DIR = REPO / "deploy" / "prometheus"
DASHBOARD = REPO / "deploy" / "grafana" / "dashboards" / "news-streams.json"
PREFIXES = ("streams_", "python_", "process_")

EXTRA = [
    {
        "id": f"prometheus-{n}",
        "source": source,
        "title": f"Minister {n} says the budget will pass",
        "text": (
            f"The finance minister said on day {n} that the budget would pass "
            'parliament before the summer recess.\n\n"We have the votes and we will '
            f'use them," the minister told reporters in capital number {n}.'
        ),
    }
    for n, source in enumerate(["example-a", "example-b", "example-a"], start=1)
]


class PrometheusServer:
    """A ``prometheus`` subprocess with its HTTP query API."""

    def __init__(self, url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
        self.url = url
        self.proc = proc
        self.log = log

    def api(self, path: str, **params: str) -> dict:
        query = urllib.parse.urlencode(params)
        url = f"{self.url}{path}?{query}"
        with urllib.request.urlopen(url, timeout=5) as resp:  # noqa: S310 - http
            body = orjson.loads(resp.read())
        assert body["status"] == "success", body
        return body["data"]

    def value(self, expr: str) -> float | None:
        """The value of a scalar-like instant query (one series), or None if empty."""
        result = self.api("/api/v1/query", query=expr)["result"]
        if not result:
            return None
        assert len(result) == 1, (expr, result)
        return float(result[0]["value"][1])

    def wait_for(
        self, expr: str, check: Callable[[float], bool], timeout: float = 45.0
    ) -> float:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            last = self.value(expr)
            if last is not None and check(last):
                return last
            time.sleep(0.5)
        up = self.value('up{job="news-streams"}')
        raise AssertionError(f"{expr} = {last} after {timeout}s (worker up: {up})")


@pytest.fixture
def prometheus_for(tmp_path: Path) -> Iterator[Callable[[int], PrometheusServer]]:
    """Start Prometheus with deploy/prometheus/prometheus.local.yml on a worker port."""
    binary = shutil.which("prometheus")
    if binary is None:
        message = "prometheus not found: run deploy/prometheus/install.sh"
        if os.environ.get("STREAMS_REQUIRE_PROMTOOL") == "1":
            pytest.fail(message)
        pytest.skip(message)
    servers: list[subprocess.Popen[bytes]] = []

    def start(web_port: int) -> PrometheusServer:
        config = yaml.safe_load((PROM_DIR / "prometheus.local.yml").read_text())
        config["global"].update(scrape_interval="1s", evaluation_interval="1s")
        config["rule_files"] = [str(PROM_DIR / f) for f in config["rule_files"]]
        job = config["scrape_configs"][0]
        job["static_configs"] = [{"targets": [f"127.0.0.1:{web_port}"]}]
        path = tmp_path / "prometheus.yml"
        path.write_text(yaml.safe_dump(config))
        url = f"http://127.0.0.1:{free_port()}"
        log = tmp_path / "prometheus.log"
        proc = subprocess.Popen(
            [
                binary,
                f"--config.file={path}",
                f"--storage.tsdb.path={tmp_path / 'tsdb'}",
                f"--web.listen-address={url.removeprefix('http://')}",
            ],
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        servers.append(proc)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"prometheus exited: {log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(url + "/-/ready", timeout=1):  # noqa: S310
                    return PrometheusServer(url, proc, log)
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(f"prometheus not ready: {log.read_text()[-2000:]}")

    yield start
    for proc in servers:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def test_prometheus_sees_counters_and_histograms_move(
    test_settings, worker_factory, prometheus_for
):
    settings = test_settings
    ensure_topics(settings)
    worker = worker_factory(settings)
    prom = prometheus_for(settings.web_port)

    # Our series and Faust's are streams_*; python_* and process_* are
    # prometheus_client's own (README, Metrics).
    with urllib.request.urlopen(worker.url + "/metrics", timeout=10) as resp:  # noqa: S310
        names = {
            line.split()[2]
            for line in resp.read().decode().splitlines()
            if line.startswith("# TYPE ")
        }
    assert names
    assert {n for n in names if not n.startswith(PREFIXES)} == set()

    # The worker is a healthy target and its per-stage series start at zero.
    prom.wait_for('up{job="news-streams"}', lambda v: v == 1)
    # Per-stage series exist in the new process before it handles anything.
    assert prom.value('streams_records_out_total{stage="clean"}') is not None
    assert prom.value('sum(streams_stage_latency_seconds_count{stage="clean"})') == 0

    seeds = list(iter_input_payloads([SEEDS]))
    articles = [*seeds, *EXTRA]
    produce_payloads(settings, [*articles, b"{not json"])
    n = len(articles)

    prom.wait_for("sum(streams_articles_in_total)", lambda v: v >= n)
    assert prom.value('streams_articles_in_total{source="example-a"}') == 2
    prom.wait_for('streams_records_out_total{stage="clean"}', lambda v: v >= n)
    prom.wait_for('streams_records_out_total{stage="cluster"}', lambda v: v >= n)
    prom.wait_for(
        'increase(streams_records_out_total{stage="clean"}[5m])', lambda v: v > 0
    )
    dead = prom.wait_for(
        'streams_dead_letters_total{stage="decode", reason="bad_json"}',
        lambda v: v >= 1,
    )
    assert dead == 1

    # Histograms: a latency quantile per stage, end-to-end from the produce time.
    for stage in ("clean", "quotes", "cluster"):
        p99 = prom.wait_for(
            "histogram_quantile(0.99, sum by (le) (rate("
            f'streams_stage_latency_seconds_bucket{{stage="{stage}"}}[1m])))',
            lambda v: not math.isnan(v),
        )
        assert 0 < p99 <= 10, (stage, p99)
    e2e = prom.wait_for(
        "histogram_quantile(0.5, sum by (le) (rate("
        'streams_end_to_end_latency_seconds_bucket{stage="cluster"}[1m])))',
        lambda v: not math.isnan(v),
    )
    assert 0 < e2e < 120
    prom.wait_for("streams_quotes_per_article_count", lambda v: v >= n)
    assert prom.value("streams_quotes_per_article_sum") > 0
    assert prom.value("streams_cluster_size_articles_count") >= n
    assert 1 <= prom.value("streams_clusters_created_total") <= n

    # Gauges sampled every 5 s by the worker: tables, speakers, claims, lag, recovery.
    prom.wait_for("streams_speakers_tracked", lambda v: v >= 1, timeout=20)
    prom.wait_for("streams_claims_tracked", lambda v: v >= 1, timeout=20)
    prom.wait_for(
        'streams_table_entries{table="article_index"}', lambda v: v >= n, timeout=20
    )
    lag = prom.api(
        "/api/v1/query",
        query=f'streams_consumer_lag_messages{{topic="{settings.topic_raw}"}}',
    )["result"]
    assert len(lag) == settings.partitions
    assert prom.value("streams_table_recovery_seconds") >= 0

    # Faust's own sensors share the prefix.
    assert prom.value("streams_messages_received_total") >= n

    # The alert rules load and evaluate against live data.
    groups = prom.api("/api/v1/rules")["groups"]
    rules = [rule for group in groups for rule in group["rules"]]
    assert len(rules) == 7
    deadline = time.monotonic() + 10
    while any(r.get("lastEvaluation", "").startswith("0001") for r in rules):
        assert time.monotonic() < deadline, rules
        time.sleep(0.5)
        rules = [r for g in prom.api("/api/v1/rules")["groups"] for r in g["rules"]]
    assert {r["health"] for r in rules} == {"ok"}, rules
    firing = {r["name"] for r in rules if r["state"] != "inactive"}
    assert "NewsStreamsWorkerDown" not in firing
    assert worker.proc is not None
    assert worker.proc.poll() is None

    # Every dashboard query parses and has data once articles went through.
    dashboard = orjson.loads(DASHBOARD.read_bytes())
    for panel in dashboard["panels"]:
        for target in panel.get("targets", []):
            expr = target["expr"].replace("$__rate_interval", "1m")
            result = prom.api("/api/v1/query", query=expr)["result"]
            assert result, (panel["title"], expr)

    # After a restart the tables come back from their changelogs, and the time that
    # took is exported.
    started = prom.value("process_start_time_seconds")
    worker.restart()
    prom.wait_for("process_start_time_seconds", lambda v: v > started, timeout=30)
    prom.wait_for(
        'streams_table_entries{table="article_index"}', lambda v: v >= n, timeout=30
    )
    assert 0 < prom.value("streams_table_recovery_seconds") < 60
    # Per-stage series exist in the new process before it handles anything.
    assert prom.value('streams_records_out_total{stage="clean"}') is not None
