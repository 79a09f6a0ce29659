"""Deployment files: compose, Dockerfile, Prometheus config and alerts, Grafana.

No Docker engine is needed: the compose file is parsed (and validated with
``docker-compose config`` when that is installed), referenced files must exist, and
Prometheus files go through ``promtool``. With ``STREAMS_REQUIRE_PROMTOOL=1`` (CI) a
missing promtool fails instead of skipping.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import orjson
import pytest
import yaml
from faust.sensors.prometheus import FaustMetrics
from prometheus_client import REGISTRY, CollectorRegistry

from streams.worker import metrics

REPO = Path(__file__).resolve().parent.parent
COMPOSE = REPO / "docker-compose.yml"
PROM_DIR = REPO / "deploy" / "prometheus"
GRAFANA_DIR = REPO / "deploy" / "grafana"
DASHBOARD = GRAFANA_DIR / "dashboards" / "news-streams.json"
PROM_CONFIGS = [PROM_DIR / "prometheus.yml", PROM_DIR / "prometheus.local.yml"]

# Labels our metrics may carry; each has a bounded set of values (metrics.py).
ALLOWED_LABELS = {"stage", "reason", "source", "table", "topic", "partition"}


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text())


def _compose() -> dict:
    return _yaml(COMPOSE)


def _promtool() -> str:
    found = shutil.which("promtool")
    if found:
        return found
    message = "promtool not found: run deploy/prometheus/install.sh"
    if os.environ.get("STREAMS_REQUIRE_PROMTOOL") == "1":
        pytest.fail(message)
    pytest.skip(message)


def _run(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


# -- docker-compose.yml ------------------------------------------------------------


def test_compose_has_the_four_services():
    services = _compose()["services"]
    assert set(services) >= {"kafka", "worker", "prometheus", "grafana"}
    assert re.fullmatch(r"apache/kafka:4\.\d+\.\d+", services["kafka"]["image"])
    env = services["kafka"]["environment"]
    assert env["KAFKA_PROCESS_ROLES"] == "broker,controller"  # KRaft, no ZooKeeper
    assert services["worker"]["environment"]["STREAMS_BROKER"] == "kafka://kafka:9092"


def test_maven_runs_in_batch_mode_without_colours():
    script = (REPO / "deploy" / "kafka" / "kafka.sh").read_text()
    (mvn,) = [x for x in script.splitlines() if x.strip().startswith("mvn ")]
    assert " -B " in mvn
    assert "-Dstyle.color=never" in mvn


def test_compose_runs_the_kafka_version_of_the_local_broker():
    pom = (REPO / "deploy" / "kafka" / "pom.xml").read_text()
    local = re.search(r"<kafka\.version>([^<]+)</kafka\.version>", pom).group(1)
    image = _compose()["services"]["kafka"]["image"]
    assert image == f"apache/kafka:{local}"


def test_worker_is_scalable():
    worker = _compose()["services"]["worker"]
    assert "container_name" not in worker
    for port in worker.get("ports", []):
        # "6066" (ephemeral host port) is fine; "6066:6066" would collide on scale.
        assert ":" not in str(port), port


def _bind_sources(service: dict) -> list[str]:
    sources = []
    for volume in service.get("volumes", []):
        source = volume["source"] if isinstance(volume, dict) else volume.split(":")[0]
        if source.startswith((".", "/")):
            sources.append(source)
    return sources


@pytest.mark.parametrize("service", ["kafka", "worker", "prometheus", "grafana"])
def test_compose_files_exist(service):
    spec = _compose()["services"][service]
    for source in _bind_sources(spec):
        assert (REPO / source).exists(), f"{service}: {source} is missing"
    build = spec.get("build")
    if build:
        context = REPO / (
            build if isinstance(build, str) else build.get("context", ".")
        )
        dockerfile = context / (
            "Dockerfile" if isinstance(build, str) else build["dockerfile"]
        )
        assert dockerfile.is_file(), dockerfile


def test_compose_mounts_match_prometheus_rule_files():
    prometheus = _compose()["services"]["prometheus"]
    mounted = {
        Path(v.split(":")[1]).name: REPO / v.split(":")[0]
        for v in prometheus["volumes"]
        if v.startswith("./")
    }
    config = _yaml(mounted["prometheus.yml"])
    for rule_file in config["rule_files"]:
        assert rule_file in mounted, f"{rule_file} is not mounted next to the config"


def test_dockerfile_copies_existing_files_and_runs_the_worker():
    text = (REPO / "deploy" / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim$", text, re.MULTILINE)
    for line in re.findall(r"^COPY (.+)$", text, re.MULTILINE):
        *sources, _dest = line.split()
        for source in sources:
            assert (REPO / source).exists(), f"Dockerfile copies missing {source}"
    assert "requirements/model.txt" in text  # the English spaCy model
    # Dependencies from the lock, with hashes; the package adds nothing to them.
    assert "pip install --require-hashes --no-deps -r requirements/lock.txt" in text
    assert "pip install --no-deps ." in text
    assert "STREAMS_BROKER=kafka://kafka:9092" in text
    # Outside Docker the API listens on STREAMS_WEB_HOST (127.0.0.1); in the
    # container on every interface, for Prometheus and the other replicas.
    assert "STREAMS_WEB_BIND=0.0.0.0" in text
    assert 'CMD ["worker"]' in text


def test_docker_compose_config_validates():
    tool = shutil.which("docker-compose")
    if tool is None:
        pytest.skip("docker-compose (Debian 1.29) not installed; YAML checks above ran")
    result = _run(tool, "-f", COMPOSE, "config", "-q")
    assert result.returncode == 0, result.stderr


# -- Prometheus --------------------------------------------------------------------


def test_compose_prometheus_discovers_scaled_workers():
    config = _yaml(PROM_DIR / "prometheus.yml")
    job = next(j for j in config["scrape_configs"] if j["job_name"] == "news-streams")
    assert job["dns_sd_configs"] == [
        {"names": ["worker"], "type": "A", "port": 6066, "refresh_interval": "15s"}
    ]


def test_local_prometheus_scrapes_the_default_web_port():
    config = _yaml(PROM_DIR / "prometheus.local.yml")
    job = next(j for j in config["scrape_configs"] if j["job_name"] == "news-streams")
    assert job["static_configs"] == [{"targets": ["127.0.0.1:6066"]}]


@pytest.mark.parametrize("config", PROM_CONFIGS, ids=lambda p: p.name)
def test_promtool_check_config(config):
    result = _run(_promtool(), "check", "config", config)
    assert result.returncode == 0, result.stdout + result.stderr


def test_promtool_check_rules():
    result = _run(_promtool(), "check", "rules", PROM_DIR / "alerts.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS: 7 rules found" in result.stdout


def test_promtool_test_rules():
    result = _run(_promtool(), "test", "rules", "alerts_test.yml", cwd=PROM_DIR)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_alert_has_a_unit_test():
    rules = _yaml(PROM_DIR / "alerts.yml")["groups"][0]["rules"]
    tests = _yaml(PROM_DIR / "alerts_test.yml")["tests"]
    tested = {
        case["alertname"]
        for test in tests
        for case in test["alert_rule_test"]
        if case["exp_alerts"]
    }
    assert {rule["alert"] for rule in rules} == tested


def test_install_script_is_quick_when_installed():
    assert _run("bash", "-n", PROM_DIR / "install.sh").returncode == 0
    if not (shutil.which("prometheus") and shutil.which("promtool")):
        pytest.skip("Prometheus not installed; not installing it from a test")
    started = time.monotonic()
    result = _run("bash", PROM_DIR / "install.sh")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert time.monotonic() - started < 5


# -- Grafana -----------------------------------------------------------------------


def _panels() -> list[dict]:
    dashboard = orjson.loads(DASHBOARD.read_bytes())
    return [p for p in dashboard["panels"] if p["type"] != "row"]


def test_dashboard_uses_the_provisioned_datasource():
    datasources = _yaml(
        GRAFANA_DIR / "provisioning" / "datasources" / "prometheus.yml"
    )["datasources"]
    uids = {d["uid"] for d in datasources}
    assert datasources[0]["url"] == "http://prometheus:9090"  # the compose service
    panels = _panels()
    assert panels
    for panel in panels:
        assert panel["datasource"]["uid"] in uids, panel["title"]
        assert panel["targets"], panel["title"]
        for target in panel["targets"]:
            assert target["expr"].strip(), panel["title"]


def test_dashboard_provider_path_is_where_compose_mounts_the_json():
    provider = _yaml(GRAFANA_DIR / "provisioning" / "dashboards" / "news-streams.yml")[
        "providers"
    ][0]
    grafana = _compose()["services"]["grafana"]
    mounts = dict(v.split(":")[:2] for v in grafana["volumes"])
    assert mounts["./deploy/grafana/dashboards"] == provider["options"]["path"]
    assert (
        mounts["./deploy/grafana/provisioning/datasources"]
        == "/etc/grafana/provisioning/datasources"
    )


@pytest.mark.parametrize(
    "topic", ["articles in", "lag", "latency", "dead letter", "cluster", "claims"]
)
def test_dashboard_covers(topic):
    titles = " ".join(p["title"].lower() for p in _panels())
    assert topic in titles


# -- metric names and labels -------------------------------------------------------


def _exposed_names(registry: CollectorRegistry) -> set[str]:
    """Sample names a registry exposes, including families without children yet."""
    suffixes = {
        "counter": ["_total"],
        "histogram": ["_bucket", "_sum", "_count"],
        "gauge": [""],
    }
    names = set()
    for family in registry.collect():
        for suffix in suffixes.get(family.type, [""]):
            names.add(family.name + suffix)
    return names


def _referenced_names() -> set[str]:
    text = (PROM_DIR / "alerts.yml").read_text() + DASHBOARD.read_text()
    return set(re.findall(r"\bstreams_[a-z_]+", text))


def test_alerts_and_dashboard_use_exposed_metrics():
    faust_registry = CollectorRegistry()
    FaustMetrics.create(faust_registry, "streams")  # as main.py names them
    exposed = _exposed_names(REGISTRY) | _exposed_names(faust_registry)
    missing = _referenced_names() - exposed
    assert not missing


def test_project_metrics_are_prefixed_and_labels_bounded():
    for name in metrics.__all__:
        metric = getattr(metrics, name)
        if not hasattr(metric, "_labelnames"):
            continue
        assert metric._name.startswith("streams_"), metric._name
        assert set(metric._labelnames) <= ALLOWED_LABELS, metric._name


def test_sources_past_the_cap_share_one_label(monkeypatch):
    monkeypatch.setattr(metrics, "_sources", set())
    labels = {metrics.source_label(f"outlet-{i}") for i in range(metrics.MAX_SOURCES)}
    assert len(labels) == metrics.MAX_SOURCES
    assert metrics.source_label("one-too-many") == "other"
    assert metrics.source_label("outlet-0") == "outlet-0"  # known ones keep theirs
    assert metrics.source_label(None) == "other"  # "unknown" arrived past the cap
    assert len(metrics.source_label("x" * 500)) <= 64
