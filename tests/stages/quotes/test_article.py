"""One article's extraction state: marks and units in, Quote records out."""

from __future__ import annotations

from typing import Any

import pytest

from streams.records import CleanedArticle
from streams.stages.common.nlp import get_nlp
from streams.stages.quotes.article import ArticleQuotes
from streams.stages.quotes.config import QuoteConfig
from streams.stages.quotes.entities import tag_mentions

TEXT = (
    "The weather was mild.\n\n"
    '"We will keep talking to our partners in the region," Vedant Patel said.\n\n'
    "He added that the talks would go on for several more weeks."
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return get_nlp()


def _state(nlp: Any, text: str, article_id: str = "a1") -> ArticleQuotes:
    """The state of one article with its units parsed, as the extractor does."""
    state = ArticleQuotes(
        CleanedArticle(article_id=article_id, text=text), QuoteConfig()
    )
    docs = nlp.pipe([u.text for u in state.units], disable=["ner"])
    for unit, doc in zip(state.units, docs, strict=True):
        unit.doc = doc
    tag_mentions([u.doc for u in state.units], nlp)
    return state


def test_direct_and_indirect_quotes_with_speakers_and_offsets(nlp: Any) -> None:
    quotes = _state(nlp, TEXT).run()
    assert [
        (q.kind, q.text, q.speaker.name, q.speaker.resolved_by) for q in quotes
    ] == [
        (
            "direct",
            "We will keep talking to our partners in the region",
            "Vedant Patel",
            "explicit",
        ),
        (
            "indirect",
            "the talks would go on for several more weeks",
            "Vedant Patel",
            "pronoun",
        ),
    ]
    assert [q.cue.text for q in quotes if q.cue] == ["said", "added"]
    for q in quotes:
        assert TEXT[q.start : q.end] == q.text
        assert q.cue is not None
        assert TEXT[q.cue.start : q.cue.end] == q.cue.text


def test_confidence_by_resolution_less_a_penalty_for_indirect(nlp: Any) -> None:
    cfg = QuoteConfig()
    direct, indirect = _state(nlp, TEXT).run()
    assert direct.confidence == pytest.approx(cfg.confidence["explicit"])
    assert indirect.confidence == pytest.approx(
        cfg.confidence["pronoun"] - cfg.indirect_penalty
    )


def test_quote_ids_depend_on_article_and_offsets(nlp: Any) -> None:
    first = [q.quote_id for q in _state(nlp, TEXT).run()]
    again = [q.quote_id for q in _state(nlp, TEXT).run()]
    other = [q.quote_id for q in _state(nlp, TEXT, article_id="a2").run()]
    assert first == again
    assert len(set(first)) == 2
    assert not set(first) & set(other)


def test_a_colon_sentence_gives_its_speaker_to_the_next_quote(nlp: Any) -> None:
    text = 'Patel told reporters:\n\n"We will keep talking to our partners."'
    (quote,) = _state(nlp, text).run()
    assert quote.kind == "direct"
    assert quote.text == "We will keep talking to our partners."
    assert quote.speaker.name == "Patel"
    assert quote.cue is not None
    assert quote.cue.text == "told"


def test_a_title_in_marks_is_no_quote(nlp: Any) -> None:
    text = 'He appeared on "Meet the Press." The senator said nothing new.'
    state = _state(nlp, text)
    (title,) = state.parts
    assert title.title
    quotes = state.run()
    assert quotes  # the senator's sentence
    assert all(q.end <= title.open or q.start >= title.end for q in quotes)
