"""Organisations a description or a pronoun refers to."""

from __future__ import annotations

import pytest

from streams.records import CleanedArticle
from streams.stages.quotes import extract_quotes


def _quotes(text: str) -> list:
    return extract_quotes(CleanedArticle(article_id="s", text=text))


def _speakers(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker.name, q.speaker.resolved_by) for q in _quotes(text)]


def test_descriptions_of_people_and_bodies() -> None:
    text = (
        "Shares of Royal Mail fell after the U.K. communications-industry regulator "
        "Ofcom said there is no need to tighten rules. Goldman Sachs said in a note "
        "that competition will suffer. “The service is not under threat,” the "
        "regulator said in a statement.\n\n"
        "Andy Murray won the title. The Dunblane native admitted it was a thrill."
    )
    assert [q.speaker.name for q in _quotes(text)] == [
        "Ofcom",
        "Goldman Sachs",
        "Ofcom",
        "Andy Murray",
    ]


def test_the_company_with_no_company_named_is_no_one() -> None:
    assert _speakers("The company said the plant would close.") == [
        (None, "unresolved")
    ]


def test_his_office_is_the_office_of_whom_his_means() -> None:
    text = (
        "Ontario Premier Doug Ford met workers. His office said the premier was "
        "disappointed."
    )
    assert _quotes(text)[0].speaker.name == "Doug Ford's office"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Ali's defence team told the court that the tumour was to blame.",
            "Ali's defence team",
        ),
        ("Trump's lawyers said the case was weak.", "Trump's lawyers"),
    ],
)
def test_someones_team_speaks_not_them(text: str, name: str) -> None:
    assert _quotes(text)[0].speaker.name == name
