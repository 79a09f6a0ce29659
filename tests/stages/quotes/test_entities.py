"""Named entities recognised on speaker phrases only, with a phrase cache."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from streams.stages.common.nlp import get_nlp
from streams.stages.quotes.entities import cache_snapshot, restore_cache, tag_mentions


@pytest.fixture(scope="module")
def nlp() -> Any:
    return get_nlp()


@pytest.fixture
def empty_cache() -> Iterator[None]:
    """Start from an empty phrase cache and put the previous one back after."""
    before = cache_snapshot()
    restore_cache({})
    yield
    restore_cache(before)


def _parse(nlp: Any, *texts: str) -> list[Any]:
    return list(nlp.pipe(texts, disable=["ner"]))


def test_entities_are_tagged_on_speaker_phrases_only(nlp: Any) -> None:
    (doc,) = _parse(nlp, "Vedant Patel said the talks in Paris went well.")
    assert not doc.ents
    tag_mentions([doc], nlp)
    assert [(e.text, e.label_) for e in doc.ents] == [("Vedant Patel", "PERSON")]


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("The plan was announced by Mayor Anna Berg.", [("Anna Berg", "PERSON")]),
        ("According to Reuters, talks went well.", [("Reuters", "ORG")]),
        (
            "The State Department said on Tuesday that talks went well.",
            [("The State Department", "ORG")],
        ),
        ("The talks in Paris went well on Monday.", []),
    ],
)
def test_speaker_places(nlp: Any, text: str, ents: list[tuple[str, str]]) -> None:
    (doc,) = _parse(nlp, text)
    tag_mentions([doc], nlp)
    assert [(e.text, e.label_) for e in doc.ents] == ents


@pytest.mark.usefixtures("empty_cache")
def test_phrases_are_recognised_with_one_word_of_context(nlp: Any) -> None:
    docs = _parse(
        nlp,
        "On Tuesday, Vedant Patel said the talks went well.",
        "The talks in Paris went well on Monday.",
    )
    tag_mentions(docs, nlp)
    assert cache_snapshot() == {(",", "Vedant", "Patel", "said"): ((1, 3, "PERSON"),)}


@pytest.mark.usefixtures("empty_cache")
def test_a_cached_phrase_is_not_recognised_again(nlp: Any) -> None:
    tag_mentions(_parse(nlp, "Vedant Patel said so."), nlp)  # binds the cache
    restore_cache({("Vedant", "Patel", "said"): ((0, 1, "ORG"),)})
    (doc,) = _parse(nlp, "Vedant Patel said the talks went well.")
    tag_mentions([doc], nlp)
    assert [(e.text, e.label_) for e in doc.ents] == [("Vedant", "ORG")]
