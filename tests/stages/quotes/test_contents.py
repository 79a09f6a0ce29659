"""Contents: what was said, without the reporting clause."""

import pytest

from streams.records import CleanedArticle
from streams.stages.quotes import extract_quotes


def test_a_closing_reporting_clause_is_not_part_of_the_content() -> None:
    text = (
        "The State Department said on Tuesday Iran remains Russia's main backer, "
        "and the partnership is only deepening, TURAN's Washington correspondent "
        "reports."
    )
    quotes = extract_quotes(CleanedArticle(article_id="t", text=text))
    said = next(q for q in quotes if q.cue and q.cue.text == "said")
    assert said.text.endswith("is only deepening")
    assert "correspondent" not in said.text


def _quotes(text: str) -> list:
    return extract_quotes(CleanedArticle(article_id="t", text=text))


def test_a_set_off_reporting_clause_attributes_what_follows() -> None:
    text = (
        "The goal of the asteroid initiative, he said, is to redirect an asteroid "
        "to an orbit closer to Earth."
    )
    (said,) = _quotes(text)
    assert said.text == "is to redirect an asteroid to an orbit closer to Earth"
    assert said.kind == "indirect"


def test_quoted_words_inside_a_content_are_no_second_quote() -> None:
    text = (
        "The chairman, Kurt Jansson, said they are happy that the court "
        '"confirmed our interpretation of the law completely" and hoped for calm.'
    )
    quotes = [q for q in _quotes(text) if q.cue_class == "speech"]
    assert [q.kind for q in quotes] == ["mixed"]  # not the court's, not direct
    assert "confirmed our interpretation" in quotes[0].text


def test_a_quote_right_after_a_colon_has_its_cue() -> None:
    text = (
        "Chief Executive Rod Eddington said:'We face exceptional conditions which "
        "have forced us to take very tough decisions."
    )
    (q,) = _quotes(text)
    assert q.kind == "direct"
    assert q.speaker.name == "Rod Eddington"
    assert q.cue is not None
    assert q.cue.text == "said"


def test_a_headline_announcement_is_no_claim() -> None:
    text = (
        "Congo Announces 11 New Ebola Cases\n\n"
        "The health ministry said that two more people had died."
    )
    assert [q.cue.text for q in _quotes(text) if q.cue] == ["said"]


def test_a_joined_speech_cue_starts_a_content_of_its_own() -> None:
    text = (
        "Dr Noor Hisham Abdullah spoke. He said that there have been 84 deaths so "
        "far this year and added that 11 per cent of them were late in seeking "
        "treatment."
    )
    quotes = _quotes(text)
    said = next(q for q in quotes if q.cue and q.cue.text == "said")
    added = next(q for q in quotes if q.cue and q.cue.text == "added")
    assert said.text == "there have been 84 deaths so far this year"
    assert added.speaker.name == "Noor Hisham Abdullah"
    # "asked" is part of what was claimed, not a report of its own.
    text = (
        "Dr Cannold claims a party member rang two volunteers and asked for the "
        "review to be delayed."
    )
    claims = next(q for q in _quotes(text) if q.cue and q.cue.text == "claims")
    assert claims.text.endswith("delayed")


def test_said_in_a_statement_that_reports_the_clause() -> None:
    text = (
        "Chief executive Ed Sims said in a statement that those leaving include "
        "early retirements, resignations and layoffs."
    )
    said = next(q for q in _quotes(text) if q.cue and q.cue.text == "said")
    assert said.text.startswith("those leaving include")
    assert said.speaker.name == "Ed Sims"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            'Blogger Jane Smith called the verdict "shameful" on Monday.',
            'the verdict "shameful',
        ),
        (
            "Malone described the play of his starting unit as selfish.",
            "the play of his starting unit as selfish",
        ),
        (
            "Virat Kohli termed the second Test win as the best of his career.",
            "the second Test win as the best of his career",
        ),
    ],
)
def test_saying_what_something_is_is_speech(text: str, content: str) -> None:
    quote = _quotes(text)[0]
    assert quote.text == content
    assert quote.cue_class == "speech"


def test_calling_for_something_is_no_claim() -> None:
    quote = _quotes("Protesters called for fresh elections.")[0]
    assert quote.cue_class == "stance"
