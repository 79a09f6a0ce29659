"""Speaker resolution: canonical names, pronouns, titles, roles, organisations."""

from __future__ import annotations

import pytest

from streams.records import CleanedArticle
from streams.stages.quotes import extract_quotes
from streams.stages.quotes.resolution import SpeakerResolver


def _quotes(text: str) -> list:
    return extract_quotes(CleanedArticle(article_id="s", text=text))


@pytest.mark.parametrize(
    ("text", "name", "how"),
    [
        (
            "Spokesperson Vedant Patel spoke on Tuesday.\n\n"
            '"Prices are rising fast," Patel said.',
            "Vedant Patel",
            "alias",
        ),
        (
            "Vedant Patel said that talks went well.\n\n"
            '"We remain hopeful about it," he said.',
            "Vedant Patel",
            "pronoun",
        ),
        (
            "Vedant Patel said that talks went well.\n\n"
            '"We remain hopeful about it," the State Department spokesman said.',
            "Vedant Patel",
            "title",
        ),
    ],
)
def test_resolution(text: str, name: str, how: str) -> None:
    last = _quotes(text)[-1]
    assert last.speaker.name == name
    assert last.speaker.resolved_by == how


def test_role_and_organisation_from_the_mention() -> None:
    q = _quotes(
        '"We are watching closely," said Principal Deputy Spokesperson Vedant Patel.'
    )[0]
    assert q.speaker.name == "Vedant Patel"
    assert q.speaker.role == "Principal Deputy Spokesperson"
    assert q.speaker.mention == "Principal Deputy Spokesperson Vedant Patel"


def test_organisation_speaker() -> None:
    q = _quotes(
        "U.S. Defense Intelligence Agency officials said that the plant is growing."
    )[0]
    assert q.speaker.name == "U.S. Defense Intelligence Agency officials"
    assert q.speaker.organization == "U.S. Defense Intelligence Agency"


def test_unresolved_pronoun_has_no_name() -> None:
    q = _quotes('"It is far too early to tell," he said.')[0]
    assert q.speaker.name is None
    assert q.speaker.resolved_by == "unresolved"
    assert q.speaker.mention == "he"


@pytest.mark.parametrize(
    ("short", "full"),
    [("Patel", "Vedant Patel"), ("Clinton", "Hillary Clinton"), ("Nobody", "Nobody")],
)
def test_canonical_takes_the_fullest_form(short: str, full: str) -> None:
    text = (
        "Deputy Spokesperson Vedant Patel met Secretary Hillary Clinton in Washington. "
        "Patel and Clinton spoke."
    )
    resolver = SpeakerResolver(text)
    assert resolver.canonical(short, len(text)) == full


def test_pronoun_takes_the_person_of_its_gender() -> None:
    text = (
        "Hillary Clinton met Bernie Sanders on Monday. Sanders said that talks "
        "went well.\n\n"
        "“We remain hopeful about it,” she said.\n\n"
        "“We will win the state,” he said."
    )
    quotes = [q for q in _quotes(text) if q.kind == "direct"]
    assert [(q.speaker.mention, q.speaker.name) for q in quotes] == [
        ("she", "Hillary Clinton"),
        ("he", "Bernie Sanders"),
    ]
    assert {q.speaker.resolved_by for q in quotes} == {"pronoun"}


def test_entities_are_tagged_on_speaker_phrases_only() -> None:
    from streams.stages.nlp import get_nlp
    from streams.stages.quotes.entities import tag_mentions

    nlp = get_nlp()
    doc = next(
        nlp.pipe(["Vedant Patel said the talks in Paris went well."], disable=["ner"])
    )
    assert not doc.ents
    tag_mentions([doc], nlp)
    assert [(e.text, e.label_) for e in doc.ents] == [("Vedant Patel", "PERSON")]


def _speakers(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker.name, q.speaker.resolved_by) for q in _quotes(text)]


def test_a_pronoun_agrees_in_gender_with_a_name_never_parsed_as_a_subject() -> None:
    text = (
        "Team captain Aisha Rahman, 17, won all five of her games on Saturday.\n\n"
        '"We trained for this all year," she said.'
    )
    assert _speakers(text)[-1] == ("Aisha Rahman", "pronoun")


def test_she_skips_the_last_man_named() -> None:
    text = (
        "Senator Maria Lopez met Governor John Hale in Austin.\n\n"
        '"The bill will pass," she said.'
    )
    assert _speakers(text)[-1][0] == "Maria Lopez"


def test_he_after_a_quote_is_its_speaker() -> None:
    text = (
        '"We started well," the former Nurnberg coach Dieter Hecking said. '
        "Daniel Caligiuri scored twice.\n\n"
        '"In the last minutes we pressed them," he added.'
    )
    assert _speakers(text)[-1][0] == "Dieter Hecking"


def test_a_relative_pronoun_speaks_for_its_antecedent() -> None:
    text = (
        "The report was welcomed by Mayor Linda Okafor, who said the ferries would run."
    )
    names = [q.speaker.name for q in _quotes(text) if q.cue and q.cue.text == "said"]
    assert names == ["Linda Okafor"]


def test_a_document_speaks_for_its_issuer_or_for_no_one() -> None:
    issued = _quotes(
        "Acme Corp. said it lost data in July. The company's statement said no "
        "card numbers were taken."
    )
    assert [q.speaker.name for q in issued][-1] == "Acme Corp"
    anonymous = _quotes("A statement said no card numbers were taken.")
    assert [q.speaker.name for q in anonymous] == [None]
    assert not anonymous[0].is_claim


def test_things_and_quantifiers_are_no_speakers() -> None:
    quotes = _quotes(
        "Fear said nothing about the vote. Many said the vote was rigged. "
        "Some of the residents said the water was unsafe."
    )
    names = {q.text: q.speaker.name for q in quotes}
    assert names.get("the vote was rigged") is None
    assert names.get("the water was unsafe") == "residents"


def test_a_surname_tagged_as_an_organisation_is_still_the_person() -> None:
    text = (
        "Ukrainian Foreign Minister Dmytro Kuleba is also attending the meeting.\n\n"
        '"We see a positive dynamic," - said Kuleba.'
    )
    assert _speakers(text)[-1][0] == "Dmytro Kuleba"


def test_titles_split_from_names_the_same_way_for_every_holder() -> None:
    text = (
        'Councillor James Whitfield said the budget was tight. "We will cope," '
        "Mayor Linda Okafor said."
    )
    quotes = _quotes(text)
    assert [q.speaker.name for q in quotes] == ["James Whitfield", "Linda Okafor"]
