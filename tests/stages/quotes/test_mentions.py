"""Speaker mentions: names without glued words or titles, genders, who can speak."""

import pytest

from streams.stages.quotes.mentions import (
    can_speak,
    clean_name,
    first_name_gender,
    gender_of,
    split_title,
)


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("But Mickelson", "Mickelson"),
        ("With Hadwin", "Hadwin"),
        ("Perhaps Tracy", "Tracy"),
        ("Having Billy Eichner", "Billy Eichner"),
        ("Unlike McCallum", "McCallum"),
        ("Said Ellis", "Ellis"),
        ("Patel's", "Patel"),
        ("Mr. Smith", "Smith"),
    ],
)
def test_clean_name_drops_glued_words(raw: str, name: str) -> None:
    assert clean_name(raw) == name


@pytest.mark.parametrize(
    ("raw", "name", "role"),
    [
        ("Councillor James Whitfield", "James Whitfield", "Councillor"),
        ("Mayor Linda Okafor", "Linda Okafor", "Mayor"),
        ("NASA Administrator Charles Bolden", "Charles Bolden", "NASA Administrator"),
        ("United Louis van Gaal", "Louis van Gaal", "United"),
        ("Vedant Patel", "Vedant Patel", None),
        ("Steve St. Angelo", "Steve St. Angelo", None),
    ],
)
def test_split_title_keeps_titles_out_of_names(
    raw: str, name: str, role: str | None
) -> None:
    assert split_title(raw) == (name, role)


def test_first_name_genders_come_from_the_lexicon() -> None:
    assert first_name_gender("Aisha") == "f"
    assert first_name_gender("Vedant") == "m"
    assert first_name_gender("Taylor") is None  # given to both
    assert gender_of("Aisha Rahman") == "f"
    assert gender_of("Rahman", "Mrs. Rahman") == "f"


@pytest.mark.parametrize(
    ("noun", "speaks"),
    [
        ("officials", True),
        ("residents", True),
        ("47-year-old", True),
        ("scientist", True),
        ("company", True),
        ("fear", False),
        ("waviness", False),
        ("loops", False),
        ("target", False),
        ("statement", False),
        ("who", False),
        ("many", False),
    ],
)
def test_can_speak(noun: str, speaks: bool) -> None:
    assert can_speak(noun) is speaks
