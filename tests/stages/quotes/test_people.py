"""People named in an article: canonical forms, pronoun targets, misspellings."""

from __future__ import annotations

import pytest

from streams.stages.quotes.names import TextNames
from streams.stages.quotes.people import People, _one_edit


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        ("Morrision", "Morrison", True),
        ("Morrison", "Morrision", True),
        ("Smith", "Smyth", True),
        ("Smith", "Smith", False),
        ("Adams", "Adamson", False),
        ("Morrison", "Harrison", False),
    ],
)
def test_one_edit(a: str, b: str, close: bool) -> None:
    assert _one_edit(a, b) is close


def test_a_pronoun_takes_the_sentence_subject_after_the_last_speaker() -> None:
    text = (
        "Sanya Richards spoke first. Dawn Harper won. Harper was tired too. "
        "She said it."
    )
    people = People(TextNames(text))
    people.note("Sanya Richards", 0)
    people.last_speaker = people.persons[-1]
    people.note("Dawn Harper", text.index("Dawn"))
    target = people.pronoun_target(text.index("She"), "f")
    assert target is not None
    assert target.name == "Dawn Harper"
    # '"...," she added' goes on with the last speaker.
    target = people.pronoun_target(text.index("She"), "f", continues=True)
    assert target is not None
    assert target.name == "Sanya Richards"
