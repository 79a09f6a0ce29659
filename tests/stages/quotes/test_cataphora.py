"""A lead's unnamed speaker takes the name the next attribution gives."""

from __future__ import annotations

from streams.records import CleanedArticle
from streams.stages.quotes import extract_quotes


def _speakers(text: str) -> list[str | None]:
    quotes = extract_quotes(CleanedArticle(article_id="s", text=text))
    return [q.speaker.name for q in quotes]


def test_a_lead_description_takes_the_name_that_follows() -> None:
    text = (
        "New Zealand's health minister says his country has 11 confirmed cases.\n\n"
        'Tony Ryall told reporters in Wellington that "we have 11 cases".'
    )
    assert _speakers(text) == ["Tony Ryall", "Tony Ryall"]


def test_an_official_takes_the_office_holder_named_next() -> None:
    text = (
        "An Indonesian man died of bird flu, a senior health official said today.\n\n"
        "A sample has been sent to a laboratory in Hong Kong, said Hariadi "
        "Wibisono, a director at the Health Ministry."
    )
    assert _speakers(text) == ["Hariadi Wibisono", "Hariadi Wibisono"]


def test_a_description_of_another_place_keeps_its_own() -> None:
    text = (
        "OPEC has reached a consensus to hold output, Kuwait's oil minister said.\n\n"
        "Iraq's oil minister Hussein al-Shahristani said the market was supplied."
    )
    assert _speakers(text) == ["Kuwait's oil minister", "Hussein al-Shahristani"]


def test_no_description_is_renamed_once_someone_is_named() -> None:
    text = (
        "Mayor Linda Okafor said the ferry would run.\n\n"
        "The budget is tight, a city official said.\n\n"
        "Councillor James Whitfield said the plan was sound."
    )
    assert _speakers(text)[1] != "James Whitfield"


def test_a_resident_described_first_is_named_next() -> None:
    text = (
        "A Franklin County resident says the bridge has been closed too long.\n\n"
        '"We drive miles around it," said Joe Schindler, who lives on Bend Road.'
    )
    assert _speakers(text) == ["Joe Schindler", "Joe Schindler"]


def test_a_company_is_never_named_after_a_person() -> None:
    text = (
        "The company said profits fell.\n\n"
        '"It was a hard year," chief executive John Smith said.'
    )
    assert _speakers(text)[0] != "John Smith"
