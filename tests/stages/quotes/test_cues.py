"""Cue classes: what an attribution reports, and which ones become claims."""

import pytest

from streams.records import CleanedArticle
from streams.stages.quotes import extract_quotes


def _quotes(text: str) -> list:
    return extract_quotes(CleanedArticle(article_id="c", text=text))


@pytest.mark.parametrize(
    ("text", "cue", "cue_class"),
    [
        ("The minister said the deal was signed on Friday.", "said", "speech"),
        ("Analysts believe the bank will cut rates soon.", "believe", "cognition"),
        ("The inspectors saw that the mines had been moved.", "saw", "perception"),
        ("Researchers found that the drug cut deaths by half.", "found", "perception"),
        ("The company plans to open two new stores.", "plans", "intention"),
        ("The senator criticized the budget for its cuts.", "criticized", "stance"),
        ("The city will add extra ferry crossings.", "add", "stance"),
        ("The firm announced 7,000 job losses on Monday.", "announced", "speech"),
        ("The singer did not reveal the album's title.", "reveal", "stance"),
        ("The opposition leader is calling for fresh elections.", "calling", "stance"),
        ("Toyota said Thursday it will recall 1.1 million cars.", "recall", "stance"),
        (
            "According to the police, two men were arrested.",
            "According to",
            "according_to",
        ),
    ],
)
def test_every_attribution_has_a_cue_class(text: str, cue: str, cue_class: str) -> None:
    quotes = _quotes(text)
    hit = [q for q in quotes if q.cue and q.cue.text == cue]
    assert hit, [(q.cue, q.text) for q in quotes]
    assert hit[0].cue_class == cue_class


def test_quote_classes_follow_the_lemma_and_the_colon_form_has_none() -> None:
    text = (
        '"We will win this," Mayor Linda Okafor added.\n\n'
        'Okafor: "The ferries run again next week."'
    )
    quotes = _quotes(text)
    assert [q.cue_class for q in quotes] == ["speech", "none"]
    assert all(q.is_claim for q in quotes)


def test_only_speech_and_direct_quotes_are_claims() -> None:
    text = (
        "Finance Minister Ana Ruiz said the budget would balance next year. "
        "Ruiz believes the economy will grow. Ruiz plans to visit Lisbon."
    )
    quotes = _quotes(text)
    claims = [q.cue.text for q in quotes if q.is_claim]
    assert claims == ["said"]
    assert {q.cue_class for q in quotes if not q.is_claim} == {"cognition", "intention"}


def test_a_question_put_to_someone_is_not_their_attribution() -> None:
    text = (
        "Patel was asked to comment on reports that Iran is helping Russia build "
        "a drone plant.\n\n"
        '"Iran remains Russia\'s top military backer," Patel said.'
    )
    quotes = _quotes(text)
    assert [q.cue.text for q in quotes] == ["said"]
