"""Tests of datelines: split from a first paragraph, dates parsed."""

from __future__ import annotations

import pytest

from streams.stages.clean.dateline import parse_date, split_dateline


@pytest.mark.parametrize(
    ("paragraph", "place", "date", "rest"),
    [
        (
            "Washington D.C./26.07.23/Turan: The State Department said.",
            "Washington D.C.",
            "2023-07-26",
            "The State Department said.",
        ),
        ("KYIV, July 25 (Reuters) - Officials said.", "KYIV", None, "Officials said."),
        ("LONDON (AP) — Officials said.", "LONDON", None, "Officials said."),
        (
            "Baku, 26 July 2023 - Officials said.",
            "Baku",
            "2023-07-26",
            "Officials said.",
        ),
        ("The State Department said on Tuesday.", None, None, None),
        ("Washington D.C./26.07.23/Turan:", None, None, None),  # nothing after it
    ],
)
def test_split_dateline(
    paragraph: str, place: str | None, date: str | None, rest: str | None
) -> None:
    out, dl = split_dateline(paragraph)
    if place is None:
        assert dl is None
        assert out == paragraph
        return
    assert dl is not None
    assert dl.place == place
    assert dl.date == date
    assert out == rest


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("26.07.23", "2023-07-26"),
        ("2023-07-26", "2023-07-26"),
        ("25 July 2023", "2023-07-25"),
        ("July 25, 2023", "2023-07-25"),
        ("31.02.23", None),
        ("someday", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso
