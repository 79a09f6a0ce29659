"""Phrases read from the parse: names, groups, relatives and documents."""

from __future__ import annotations

import pytest

from streams.stages.common.nlp import get_nlp
from streams.stages.quotes.mentions import mention_tokens
from streams.stages.quotes.phrases import (
    compound_span,
    group_name,
    proper_name,
    redirect,
)


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def _subject(nlp, text: str):
    doc = nlp(text)
    return next(t for t in doc if t.dep_ in ("nsubj", "nsubjpass"))


def test_proper_name_without_its_description(nlp) -> None:
    head = _subject(nlp, "South Korean tech giant Samsung said on Monday it grew.")
    assert proper_name(head) == "Samsung"


def test_proper_name_across_an_unspaced_dot(nlp) -> None:
    doc = nlp("According to Censor.NET, the briefing was held.")
    head = next(t for t in doc if t.text == "Censor")
    assert proper_name(head) == "Censor.NET"


def test_compound_span_keeps_a_hyphenated_family_name(nlp) -> None:
    doc = nlp("The secretary, Mr. Abubakar Al-Sadique, confirmed it.")
    name = next(t for t in doc if t.text == "Sadique")
    assert compound_span(name).text == "Mr. Abubakar Al-Sadique"


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Some economic experts said growth slowed.", "economic experts"),
        (
            "Senior officials in the Trump administration said talks stalled.",
            "Senior officials in the Trump administration",
        ),
    ],
)
def test_group_name(nlp, text: str, group: str) -> None:
    head = _subject(nlp, text)
    assert group_name(mention_tokens(head)) == group


def test_a_relative_speaks_for_its_antecedent(nlp) -> None:
    doc = nlp("The mayor, who said the budget was tight, left early.")
    who = next(t for t in doc if t.lower_ == "who")
    target = redirect(who)
    assert target is not None
    assert target.text == "mayor"


def test_a_document_without_an_issuer_names_no_one(nlp) -> None:
    head = _subject(nlp, "A statement said the plant was closed.")
    assert redirect(head) is None
