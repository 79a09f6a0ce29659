"""Who speaks for a cue: subjects, agents, inverted names and headed quotes."""

from __future__ import annotations

from typing import Any

import pytest

from streams.stages.common.nlp import get_nlp
from streams.stages.quotes.subjects import (
    before_marks,
    clause_subject,
    find_subject,
    headed_name,
)
from streams.stages.quotes.units import PLACEHOLDER


@pytest.fixture(scope="module")
def nlp() -> Any:
    return get_nlp()


def _parse(nlp: Any, text: str) -> Any:
    return next(nlp.pipe([text], disable=["ner"]))


def _token(doc: Any, text: str) -> Any:
    return next(t for t in doc if t.text == text)


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        ("The minister said the deal was signed.", "said", "minister"),
        (f'"{PLACEHOLDER}," said Skelly.', "said", "Skelly"),
        ("According to the police, two men were arrested.", "According", "police"),
        ("The plan was announced by Mayor Anna Berg on Monday.", "announced", "Berg"),
        ("Dawn quoted Minister Baloch as saying talks failed.", "saying", "Baloch"),
        ("Sen. Elizabeth Warren (D-MA) said the bill was weak.", "said", "Warren"),
        (
            "Col. Steven H. Warren, a military spokesman in Baghdad, said the "
            "strikes continued.",
            "said",
            "Warren",
        ),
    ],
)
def test_find_subject(nlp: Any, text: str, cue: str, speaker: str) -> None:
    doc = _parse(nlp, text)
    subject = find_subject(_token(doc, cue))
    assert subject is not None
    assert subject.text == speaker


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("It was reported that the talks failed.", "reported"),
        ("There is said to be a deal.", "said"),
    ],
)
def test_no_one_speaks_in_impersonal_cues(nlp: Any, text: str, cue: str) -> None:
    assert find_subject(_token(_parse(nlp, text), cue)) is None


def test_headed_name_after_a_dash_but_not_after_a_cue(nlp: Any) -> None:
    doc = _parse(nlp, f'Pollsters agree - Carl Bialik: "{PLACEHOLDER}"')
    hole = _token(doc, PLACEHOLDER)
    assert [t.text for t in before_marks(doc, hole)] == ["Carl", "Bialik", ":"]
    name = headed_name(doc, hole)
    assert name is not None
    assert name.text == "Bialik"
    doc = _parse(nlp, f'Trump told CNN: "{PLACEHOLDER}"')
    assert headed_name(doc, _token(doc, PLACEHOLDER)) is None


def test_clause_subject_of_a_colon_sentence(nlp: Any) -> None:
    doc = _parse(nlp, "The supporter retorted:")
    subject = clause_subject(doc[-1])
    assert subject is not None
    assert subject.text == "supporter"
    assert clause_subject(_parse(nlp, "It was clear:")[-1]) is None


def test_a_date_line_is_no_subject() -> None:
    from streams.records import CleanedArticle
    from streams.stages.quotes import extract_quotes

    text = (
        "Measles in three states\n\nJun 8, 2011 (CIDRAP News) – Vermont health "
        "officials said yesterday that they have confirmed the first case."
    )
    quotes = extract_quotes(CleanedArticle(article_id="t", text=text))
    assert quotes[0].speaker.name == "Vermont health officials"
