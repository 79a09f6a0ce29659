"""People named in an article: canonical forms, pronoun targets, misspellings."""

from __future__ import annotations

from dataclasses import replace

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


def test_a_pronoun_takes_a_person_named_in_full_just_before() -> None:
    text = (
        "Croatia coach Niko Kovac said it was fine. "
        "Belgium seem calm with coach Marc Wilmots putting things into perspective. "
        '"Pressure, you know," he said. '
        'Kovac said he had sent a letter to Marc Wilmots. "We wait," he said.'
    )
    people = People(TextNames(text))
    people.note("Niko Kovac", text.index("Niko"))
    people.last_speaker = people.persons[-1]
    target = people.pronoun_target(text.index("he said"), "m")
    assert target is not None
    assert target.name == "Marc Wilmots"
    # '"...," he added' goes on with the last speaker.
    target = people.pronoun_target(text.index("he said"), "m", continues=True)
    assert target is not None
    assert target.name == "Niko Kovac"
    # A name in the last speaker's own sentence is what was said, not who.
    people.last_speaker = replace(people.persons[-1], pos=text.index("Kovac said"))
    target = people.pronoun_target(text.rindex("he said"), "m")
    assert target is not None
    assert target.name == "Niko Kovac"


def test_a_pronoun_with_no_one_of_its_gender_takes_a_surname_met_in_full() -> None:
    text = (
        "Super Eagles handler, Sunday Oliseh, may incur the wrath of the federation. "
        "Though Oliseh apologised to Nigerians, he stressed that his players were "
        "not motivated. The Mobile World Congress opened."
    )
    people = People(TextNames(text))
    target = people.pronoun_target(text.index("he stressed"), "m")
    assert target is not None
    assert target.name == "Sunday Oliseh"
    assert people.pronoun_target(len(text), "f") is None or (
        people.pronoun_target(len(text), "f").name != "Mobile World"
    )
