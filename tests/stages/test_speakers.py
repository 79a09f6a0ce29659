"""Speaker resolution: canonical names, pronouns, titles, roles, organisations."""

from __future__ import annotations

import pytest

from streams.records import CleanedArticle
from streams.stages.quotes import extract_quotes
from streams.stages.speakers import SpeakerResolver


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
