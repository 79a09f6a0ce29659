"""Project exceptions: messages, attributes, pickling and the class tree."""

from __future__ import annotations

import pickle

import pytest

from streams.errors import (
    CommandError,
    ConfigError,
    SchemaError,
    StageError,
    StreamsError,
)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (StageError("clean", "empty_body"), "clean: empty_body"),
        (StageError("quotes", "too_large", "12 MB"), "quotes: too_large: 12 MB"),
        (SchemaError("bad_json"), "bad_json"),
        (
            SchemaError("wrong_type", "id must be a string"),
            "wrong_type: id must be a string",
        ),
    ],
)
def test_messages_join_stage_reason_and_detail(
    error: StreamsError, message: str
) -> None:
    assert str(error) == message


def test_schema_errors_belong_to_the_decode_stage() -> None:
    error = SchemaError("schema_violation", "text: 1 is not of type 'string'")
    assert (error.stage, error.reason) == ("decode", "schema_violation")
    assert error.detail == "text: 1 is not of type 'string'"


@pytest.mark.parametrize(
    "error",
    [
        StageError("quotes", "model_missing", "pip install"),
        SchemaError("bad_json", "x"),
    ],
)
def test_errors_survive_pickling(error: StageError | SchemaError) -> None:
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert type(copy) is type(error)
    assert (copy.stage, copy.reason, copy.detail) == (
        error.stage,
        error.reason,
        error.detail,
    )
    assert str(copy) == str(error)


def test_class_tree_and_command_exit_codes() -> None:
    for cls in (StageError, SchemaError, ConfigError, CommandError):
        assert issubclass(cls, StreamsError)
    assert issubclass(ConfigError, ValueError)
    assert CommandError("no inputs").code == 1
    usage = CommandError("bad argument", code=2)
    assert (str(usage), usage.code) == ("bad argument", 2)
