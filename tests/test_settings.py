from __future__ import annotations

import pytest

from streams.errors import ConfigError
from streams.settings import Settings


def test_from_env_reads_prefixed_variables_with_types():
    s = Settings.from_env(
        {
            "STREAMS_BROKER": "kafka://a:1;kafka://b:2",
            "STREAMS_WEB_PORT": "7001",
            "STREAMS_BATCH_WITHIN_S": "0.5",
            "STREAMS_SASL_PASSWORD": "secret",
            "UNRELATED": "x",
        }
    )
    assert s.web_port == 7001
    assert s.batch_within_s == 0.5
    assert s.bootstrap_servers == "a:1,b:2"
    assert "secret" not in repr(s)


def test_overrides_win_and_none_is_ignored():
    s = Settings.from_env({"STREAMS_APP_ID": "env"}, app_id="cli", broker=None)
    assert s.app_id == "cli"
    assert s.broker == Settings().broker


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("STREAMS_WEB_PORT", "6066x"),
        ("STREAMS_BATCH_WITHIN_S", "soon"),
        ("STREAMS_PARSE_PROCESS", "maybe"),
    ],
)
def test_bad_values_raise_config_error_naming_the_variable(name, value):
    with pytest.raises(ConfigError, match=name):
        Settings.from_env({name: value})


def test_booleans_read_common_spellings():
    assert Settings.from_env({"STREAMS_PARSE_PROCESS": "off"}).parse_process is False
    assert Settings.from_env({"STREAMS_PARSE_PROCESS": "YES"}).parse_process is True
