"""Article features: terms, entities, numbers and dates, shingles."""

from __future__ import annotations

import pytest

from streams.stages.cluster.features import extract_features
from tests.stages.cluster.articles import oboz


def test_features_catch_entities_numbers_and_dates() -> None:
    f = extract_features(oboz().title, oboz().text)
    assert "e:vedant patel" in f.entities
    assert "e:patel" in f.entities
    assert "d:07-25" in f.numbers
    assert "the" not in f.terms
    empty = extract_features(None, "")
    assert empty.terms == {}
    assert empty.shingles == []


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Talks resumed on 25 July in Baku.", {"d:07-25"}, set()),
        ("Talks resumed on July 25 in Baku.", {"d:07-25"}, set()),
        ("Filed 25/07/2023 at noon.", {"d:07-25", "n:2023"}, set()),
        ("Code a25 July and x12/05/2023 are no dates.", set(), {"d:07-25"}),
        ("Serial 190/3/06/59 logged.", {"d:06-03"}, {"d:03-90"}),
        ("It cost 1,250,000 dollars, up 3.5 points.", {"n:1250000", "n:3.5"}, set()),
        ("Version v12 and build_34 carry no numbers.", set(), {"n:12", "n:34"}),
        ("", set(), {"n:"}),
    ],
)
def test_numbers_and_dates_respect_word_boundaries(
    text: str, present: set[str], absent: set[str]
) -> None:
    numbers = extract_features(None, text).numbers
    assert present <= set(numbers)
    assert not absent & set(numbers)
