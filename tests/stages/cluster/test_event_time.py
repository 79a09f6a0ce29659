"""Event time: publication, dateline, url, text; lead phrases; unknown, never now."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from streams.records import Dateline
from streams.stages.cluster.event_time import event_time, text_dates
from tests.stages.cluster.articles import art


def day_of(t: float | None) -> date | None:
    return None if t is None else datetime.fromtimestamp(t, UTC).date()


BODY = "The ministry said the talks would resume."


@pytest.mark.parametrize(
    ("published", "dateline", "url", "text", "source", "day"),
    [
        # published_at wins, exactly, whatever the lead says
        (
            datetime(2023, 7, 26, 6, 10, tzinfo=UTC),
            "2023-07-01",
            None,
            "Patel said on Tuesday ...",
            "published",
            date(2023, 7, 26),
        ),
        # dateline, moved to the weekday the lead names (Tuesday 25 July)
        (
            None,
            "2023-07-26",
            None,
            "Patel said on Tuesday that ...",
            "dateline",
            date(2023, 7, 25),
        ),
        # url date, moved to the day-month of the lead
        (
            None,
            None,
            "https://x.org/2021/04/21/verdict",
            "A jury on 20 April found",
            "url",
            date(2021, 4, 20),
        ),
        # the latest full date written in the text
        (
            None,
            None,
            "https://x.org/a",
            "Posted July 25, 2019. Unlike 3 May 2018.",
            "text",
            date(2019, 7, 25),
        ),
        # a full date in the text anchors a weekday phrase of the lead
        (
            None,
            None,
            None,
            "Updated 2019-07-26. Officials said on Thursday ...",
            "text",
            date(2019, 7, 25),
        ),
        # a lead phrase more than six days back is not the event's day
        (
            None,
            "2023-07-26",
            None,
            "Talks began on 2 July and ...",
            "dateline",
            date(2023, 7, 26),
        ),
        # nothing anchors "Tuesday, 25 July": unknown, not today
        (None, None, None, "Patel said on Tuesday, 25 July, that ...", "unknown", None),
        (None, None, None, BODY, "unknown", None),
    ],
)
def test_event_time_sources(
    published: datetime | None,
    dateline: str | None,
    url: str | None,
    text: str,
    source: str,
    day: date | None,
) -> None:
    a = art("a", "Title", text, published)
    a = replace(a, url=url, dateline=Dateline("Baku", dateline) if dateline else None)
    et = event_time(a)
    assert et.source == source
    assert day_of(et.t) == day
    assert et.known is (day is not None)


def test_event_time_is_pure() -> None:
    a = art("a", None, "Patel said on Tuesday.", None)
    assert event_time(a) == event_time(a)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("on 3rd of March 2020", [date(2020, 3, 3)]),
        ("March 3, 2020 and 2021-01-02", [date(2020, 3, 3), date(2021, 1, 2)]),
        ("25.07.2019", [date(2019, 7, 25)]),
        ("in 1850 and on July 4, 1776", []),  # out of range: history, not events
        ("", []),
    ],
)
def test_text_dates(text: str, days: list[date]) -> None:
    assert text_dates(text) == days
