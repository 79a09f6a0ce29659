"""Tests of whitespace normalisation with an offset map and of datelines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.stages.dateline import parse_date, split_dateline
from streams.stages.normalize import fold_key, normalize_text, normalize_with_map

_CHARS = st.text(
    alphabet=st.sampled_from(
        [*list("ab “”«»—-\xa0\t\r\n\u200b\x00\x1b\u2028"), "\ue000", "é"]
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_CHARS, st.text(max_size=60)))
def test_map_points_at_source_characters(text: str) -> None:
    out, offs = normalize_with_map(text)
    assert out == normalize_text(text)
    assert len(offs) == len(out) + 1
    assert offs[-1] == len(text)
    assert offs == sorted(offs)
    for ch, i in zip(out, offs, strict=False):
        if ch == " ":
            assert (
                text[i].isspace() or ord(text[i]) < 0x20 or 0x7F <= ord(text[i]) <= 0x9F
            )
        elif ch == "\n":
            assert text[i] in "\n\r\u2028\u2029\x85\x0b\x0c"
        else:
            assert text[i] == ch
    assert normalize_text(out) == out  # idempotent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("  a\u00a0\u00a0b \r\n c\u200b ", "a b\nc"),
        ("“Quote” — «кавычки»", "“Quote” — «кавычки»"),  # quote marks are kept
        ("x\x00y", "x y"),
    ],
)
def test_normalize_table(text: str, expected: str) -> None:
    assert normalize_text(text) == expected


def test_fold_punctuation_keeps_offsets() -> None:
    out, offs = normalize_with_map("“a” — b", fold_punctuation=True)
    assert out == '"a" - b'
    assert offs[:3] == [0, 1, 2]


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


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("", ""),
        ("Read  MORE 2023", "read more 0"),
        ("“Quote” — ‘x’ «y» 12 and 345", '"quote" - \'x\' "y" 0 and 0'),
        ("Ünïcode   Straße", "ünïcode strasse"),
    ],
)
def test_fold_key(line: str, key: str) -> None:
    assert fold_key(line) == key
