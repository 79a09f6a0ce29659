"""Sentence units for the parser: masked quotes, cue filtering and offset maps."""

from __future__ import annotations

import pytest

from streams.stages.quotes.marks import scan_marks
from streams.stages.quotes.units import PLACEHOLDER, Unit, sentence_units

TEXT = (
    "The weather was mild.\n\n"
    '"We will keep talking to our partners about every option," Patel said.\n\n'
    "He added that talks go on."
)


def _units(text: str, max_chars: int = 400) -> list[Unit]:
    return sentence_units(text, scan_marks(text), max_chars)


def test_only_quote_and_cue_sentences_with_quotes_masked() -> None:
    units = _units(TEXT)
    assert [u.text for u in units] == [
        f'"{PLACEHOLDER}" Patel said.',
        "He added that talks go on.",
    ]


def test_offsets_map_back_to_the_article() -> None:
    (part,) = scan_marks(TEXT)
    unit = _units(TEXT)[0]
    at = unit.text.index(PLACEHOLDER)
    assert unit.part_at(at) == 0
    assert unit.part_at(at + 1) == -1
    assert unit.to_orig(at) == part.start
    assert unit.to_orig(at + len(PLACEHOLDER)) == part.end
    name = unit.text.index("Patel")
    assert TEXT[unit.to_orig(name) : unit.to_orig(name + 5)] == "Patel"


def test_a_quote_ending_its_sentence_splits_unless_a_cue_follows() -> None:
    split = 'He spoke of "knuckleheaded politicians." His comments came late.'
    assert [u.text for u in _units(split)] == [f'He spoke of "{PLACEHOLDER}." ']
    kept = '"We will win." Smith said.'
    assert [u.text for u in _units(kept)] == [f'"{PLACEHOLDER}" Smith said.']


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Cue forms used as nouns ("the report", "for comment") are no cue.
        ("The report was long. The plan for comment was ready.", []),
        # Abbreviations do not end a sentence; a dateline is left out.
        (
            "RENO, Nev. (AP) — Dr. Smith said the bridge would reopen.",
            ["Dr. Smith said the bridge would reopen."],
        ),
        # A sentence ending in a colon opens a quote block.
        ("Her words were these:\nNothing more.", ["Her words were these:"]),
    ],
)
def test_which_sentences_become_units(text: str, expected: list[str]) -> None:
    assert [u.text for u in _units(text)] == expected


def test_max_chars_counts_the_masked_sentence() -> None:
    assert len(_units(TEXT, max_chars=20)) == 1  # the 56-char quote is masked
    assert len(_units(TEXT, max_chars=16)) == 0
