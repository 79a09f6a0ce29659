"""A worker's start-up: aiokafka's transient retries go to DEBUG until it is ready."""

from __future__ import annotations

import logging

import pytest

from streams.worker.startup import StartupNoise


def _record(name: str, level: int, msg: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, msg, args, None)


TRANSIENT = [
    (
        "aiokafka.consumer.group_coordinator",
        logging.ERROR,
        "Group Coordinator Request failed: %s",
        "[Error 15] GroupCoordinatorNotAvailableError",
    ),
    ("aiokafka.cluster", logging.ERROR, "Topic %s not found in cluster metadata", "t"),
    (
        "aiokafka.producer.sender",
        logging.WARNING,
        "Got error produce response: %s",
        "NotLeaderForPartitionError",
    ),
]


@pytest.mark.parametrize(("name", "level", "msg", "arg"), TRANSIENT)
def test_transient_retries_go_to_debug_until_ready(name, level, msg, arg):
    noise = StartupNoise()
    record = _record(name, level, msg, arg)
    assert noise.filter(record) is logging.getLogger(name).isEnabledFor(logging.DEBUG)
    assert record.levelno == logging.DEBUG
    noise.done()
    later = _record(name, level, msg, arg)
    assert noise.filter(later) is True
    assert later.levelno == level


@pytest.mark.parametrize(
    ("name", "msg"),
    [
        ("aiokafka.consumer.group_coordinator", "Error sending JoinGroupRequest"),
        ("aiokafka.cluster", "Topic t is not authorized for this client"),
        ("faust.tables", "Group Coordinator Request failed"),
        ("streams.worker.agents", "NotLeaderForPartitionError in our own code"),
    ],
)
def test_other_records_are_never_touched(name, msg):
    noise = StartupNoise()
    record = _record(name, logging.ERROR, msg)
    assert noise.filter(record) is True
    assert record.levelno == logging.ERROR
