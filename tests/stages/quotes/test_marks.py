"""Pairing quote marks into quoted parts: styles, paragraphs, titles, scare quotes."""

from __future__ import annotations

import pytest

from streams.stages.quotes.marks import scan_marks


def _contents(text: str) -> list[str]:
    return [text[p.start : p.end] for p in scan_marks(text)]


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        ("“We will win,” she said. “And soon.”", ["We will win,", "And soon."]),
        ("„Wir gewinnen“, sagte er.", ["Wir gewinnen"]),
        ("« Nous gagnerons », a-t-il dit.", [" Nous gagnerons "]),
        ("'We will win,' she said. It's Smith's view.", ["We will win,"]),
        ("”Mr. Trump embodies the worst,” he said.", ["Mr. Trump embodies the worst,"]),
        ("“It’s unusual,“ said Smith.", ["It’s unusual,"]),
    ],
)
def test_mark_styles_pair_into_parts(text: str, contents: list[str]) -> None:
    parts = scan_marks(text)
    assert _contents(text) == contents
    assert all(p.closed and p.candidate and not p.title for p in parts)


def test_an_open_quote_continues_in_the_next_paragraph() -> None:
    text = "He said: “We will fight on.\n“And we will win.”"
    first, second = scan_marks(text)
    assert not first.closed
    assert first.end == text.index("\n")
    assert second.closed
    assert second.prev == 0


def test_a_paragraph_between_breaks_the_continuation() -> None:
    text = "He said: “We will fight on.\nThen he left.\n“And we will win.”"
    first, second = scan_marks(text)
    assert not first.closed
    assert second.prev is None


@pytest.mark.parametrize(
    "text",
    [
        "He appeared on “Meet the Press.”",
        'He cited "The Art of the Deal" in the speech.',
        '<time datetime="2016-06-29">',
    ],
)
def test_titles_and_markup_values_are_set_aside(text: str) -> None:
    (part,) = scan_marks(text)
    assert part.title
    assert not part.candidate


def test_unpunctuated_phrase_mid_sentence_is_left_to_the_parser() -> None:
    text = 'Iran "remains" a backer, and "We will never give up!" he said.'
    scare, quote = scan_marks(text)
    assert (scare.candidate, scare.title) == (False, False)
    assert (quote.candidate, quote.title) == (True, False)


def test_two_apostrophes_close_a_straight_quote() -> None:
    text = "\"I guess I'm stating the obvious,'' he said. \"We will see,'' Toma said."
    parts = scan_marks(text)
    assert [text[p.start : p.end] for p in parts] == [
        "I guess I'm stating the obvious,",
        "We will see,",
    ]
    assert all(p.closed for p in parts)
