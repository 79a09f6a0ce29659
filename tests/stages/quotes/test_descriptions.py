"""Descriptions of people and titles alone."""

from __future__ import annotations

from streams.records import CleanedArticle
from streams.stages.common.nlp import get_nlp
from streams.stages.quotes import extract_quotes
from streams.stages.quotes.descriptions import person_noun


def _quotes(text: str) -> list:
    return extract_quotes(CleanedArticle(article_id="s", text=text))


def _speakers(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker.name, q.speaker.resolved_by) for q in _quotes(text)]


def test_a_description_set_off_after_an_opening_name_is_that_person() -> None:
    text = (
        "Zbigniew Ziobro told the weekly that the truth is sad.\n\n"
        "The statement by Piotr Mueller shows the rift.\n\n"
        "On Tuesday Mueller, the government spokesman, responded by criticising "
        'Ziobro.\n\n"There is a principal difference," he said.'
    )
    names = [q.speaker.name for q in _quotes(text) if q.kind == "direct"]
    assert names == ["Piotr Mueller"]


def test_a_capitalised_title_is_no_name() -> None:
    text = (
        'Health Minister Andrew Little set up a taskforce. "I expect a national '
        'review," the Health Minister said on Wednesday.'
    )
    assert _quotes(text)[0].speaker.name == "Andrew Little"


def test_person_nouns() -> None:
    doc = get_nlp()("The 32-year-old and the Serbian met the coach near the table.")
    heads = {t.text: person_noun(t) for t in doc}
    assert heads["old"]
    assert heads["Serbian"]
    assert heads["coach"]
    assert not heads["table"]
