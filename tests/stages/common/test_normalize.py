"""Tests of whitespace normalisation with an offset map and of line keys."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.stages.common.normalize import fold_key, normalize_text, normalize_with_map

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
