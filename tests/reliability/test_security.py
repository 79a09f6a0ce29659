"""Security settings reach Faust and aiokafka; views are read-only; no text in logs.

No broker: these build the Faust app and the aiokafka options from STREAMS_* env.
"""

from __future__ import annotations

import ast
import ssl
import subprocess
from pathlib import Path

import faust
import pytest
from faust.transport.drivers.aiokafka import credentials_to_aiokafka_auth
from faust.types.enums import ProcessingGuarantee

from streams.kafka_io import client_options
from streams.settings import Settings
from streams.worker import views
from streams.worker.app import broker_credentials, build_app

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory) -> dict[str, str]:
    """A throwaway self-signed certificate and key (also used as the CA file)."""
    d = tmp_path_factory.mktemp("tls")
    cert, key = d / "cert.pem", d / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
            "-keyout", str(key), "-out", str(cert), "-days", "1",
            "-subj", "/CN=localhost",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return {"cafile": str(cert), "certfile": str(cert), "keyfile": str(key)}


def _env(protocol: str, tls: dict[str, str], **extra: str) -> dict[str, str]:
    env = {
        "STREAMS_BROKER": "kafka://broker-1:9094;kafka://broker-2:9094",
        "STREAMS_SECURITY_PROTOCOL": protocol,
        "STREAMS_SASL_MECHANISM": "SCRAM-SHA-512",
        "STREAMS_SASL_USERNAME": "news",
        "STREAMS_SASL_PASSWORD": "s3cret-pass",
    }
    if "SSL" in protocol:
        env |= {
            "STREAMS_SSL_CAFILE": tls["cafile"],
            "STREAMS_SSL_CERTFILE": tls["certfile"],
            "STREAMS_SSL_KEYFILE": tls["keyfile"],
        }
    return env | extra


@pytest.mark.parametrize(
    ("protocol", "sasl", "tls"),
    [
        ("PLAINTEXT", False, False),
        ("SSL", False, True),
        ("SASL_PLAINTEXT", True, False),
        ("SASL_SSL", True, True),
    ],
)
def test_security_settings_reach_faust_and_aiokafka(protocol, sasl, tls, tls_files):
    settings = Settings.from_env(_env(protocol, tls_files))
    assert settings.security_protocol == protocol
    assert "s3cret-pass" not in repr(settings)

    # What Faust's aiokafka driver hands to every consumer and producer it builds.
    app = build_app(settings)
    auth = credentials_to_aiokafka_auth(app.conf.broker_credentials)
    assert auth["security_protocol"] == protocol
    opts = client_options(settings)
    assert opts["bootstrap_servers"] == "broker-1:9094,broker-2:9094"
    assert opts.get("security_protocol", "PLAINTEXT") == protocol
    for options in (auth, opts):
        if sasl:
            assert options["sasl_mechanism"] == "SCRAM-SHA-512"
            assert options["sasl_plain_username"] == "news"
            assert options["sasl_plain_password"] == "s3cret-pass"  # noqa: S105
        else:
            assert "sasl_mechanism" not in options
        context = options.get("ssl_context")
        if tls:
            assert isinstance(context, ssl.SSLContext)
            assert context.verify_mode == ssl.CERT_REQUIRED
            assert context.get_ca_certs(), "CA file not loaded"
        else:
            assert context is None


def test_ssl_without_files_uses_system_trust_and_verifies():
    settings = Settings.from_env({"STREAMS_SECURITY_PROTOCOL": "SSL"})
    context = broker_credentials(settings)
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname


def test_plaintext_has_no_credentials():
    assert broker_credentials(Settings()) is None
    assert "security_protocol" not in client_options(Settings())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("at_least_once", ProcessingGuarantee.AT_LEAST_ONCE),
        ("exactly_once", ProcessingGuarantee.EXACTLY_ONCE),
    ],
)
def test_processing_guarantee_from_env(value, expected):
    settings = Settings.from_env({"STREAMS_PROCESSING_GUARANTEE": value})
    assert build_app(settings).conf.processing_guarantee is expected


def test_size_limits_reach_producer_consumer_and_topics():
    settings = Settings.from_env(
        {"STREAMS_MAX_MESSAGE_BYTES": "4194304", "STREAMS_MAX_ARTICLE_BYTES": "1048576"}
    )
    conf = build_app(settings).conf
    assert conf.producer_max_request_size == 4 * 1024 * 1024
    assert conf.consumer_max_fetch_size == 4 * 1024 * 1024
    assert settings.max_article_bytes < settings.max_message_bytes


def test_http_views_are_read_only_with_bounded_pages(tmp_path):
    from streams.worker.main import create_worker

    worker = create_worker(Settings(store="memory://", data_dir=str(tmp_path)))
    paths = dict(worker.app.web.views)
    assert {"/speakers", "/articles/{article_id}", "/clusters/{cluster_id}"} <= set(
        paths
    )
    for path, view in paths.items():
        if path.startswith(("/speakers", "/clusters", "/articles")):
            assert view.get_methods() <= {"HEAD", "GET"}, path
    assert views.MAX_PAGE == 100

    class Request:
        def __init__(self, **query: str) -> None:
            self.query = query

    assert views._page(Request()) == (0, 20)
    assert views._page(Request(limit="100", offset="5")) == (5, 100)
    for bad in ({"limit": "101"}, {"limit": "0"}, {"offset": "-1"}, {"limit": "x"}):
        with pytest.raises(views.BadRequestError):
            views._page(Request(**bad))


_TEXT_NAMES = {"text", "html", "body", "payload", "paragraphs", "value", "title"}
_LOUD = {"info", "warning", "warn", "error", "exception", "critical"}


def _logged_text(path: Path) -> list[str]:
    """Logging calls at INFO or above whose arguments mention article text."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _LOUD
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in {"logger", "logging", "log"}
        ):
            continue
        for arg in node.args[1:]:
            for sub in ast.walk(arg):
                name = (
                    sub.attr
                    if isinstance(sub, ast.Attribute)
                    else sub.id
                    if isinstance(sub, ast.Name)
                    else None
                )
                if name in _TEXT_NAMES:
                    found.append(f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def test_log_scan_finds_text_in_a_log_call(tmp_path, monkeypatch):
    monkeypatch.setattr("tests.reliability.test_security.REPO", tmp_path, raising=True)
    bad = tmp_path / "bad.py"
    bad.write_text('logger.info("got %s", article.text)\nlogger.debug("%s", text)\n')
    assert _logged_text(bad) == ["bad.py:1"]


def test_no_article_text_logged_at_info_or_above():
    offenders = [
        hit
        for path in sorted((REPO / "streams").rglob("*.py"))
        for hit in _logged_text(path)
    ]
    assert offenders == []


def test_faust_app_type():
    assert isinstance(build_app(Settings()), faust.App)


def test_worker_runner_keeps_the_log_level(tmp_path):
    """Faust's spinner would lower the root logger to DEBUG (a record per call)."""
    import logging

    from streams.worker.main import make_runner

    app = build_app(Settings(store="memory://", data_dir=str(tmp_path)))
    runner = make_runner(app, "WARNING")
    logger = logging.getLogger("streams.test.root")
    logger.addHandler(logging.NullHandler())
    logger.setLevel(logging.WARNING)
    runner.on_setup_root_logger(logger, logging.WARNING)
    assert logger.level == logging.WARNING
    assert not logger.isEnabledFor(logging.DEBUG)
