"""Names in the article text: full forms, sentence subjects, titles, headlines."""

from __future__ import annotations

from streams.stages.quotes.names import TextNames


def test_full_forms_skip_a_headline() -> None:
    names = TextNames(
        "US Track Runners Harper, Richards Reflect on Joy\n\n"
        "Dawn Harper won the hurdles."
    )
    assert [form for _, form in names.full_forms("Harper")] == ["Dawn Harper"]


def test_sentence_subjects_with_titles_and_roles() -> None:
    names = TextNames(
        "It rained. Finance minister Nirmala Sitharaman criticised the Opposition.\n"
        "Tonderai Bosha, a ZANU-PF youth spokesman, dismissed claims.\n"
        "But Mickelson won. Every time he tried."
    )
    subjects = [(name, role) for _, name, role in names.sentence_subjects()]
    assert subjects == [("Nirmala Sitharaman", True), ("Tonderai Bosha", True)]


def test_titled_after_finds_the_holder() -> None:
    text = "Judge says staff can return\n\nU.S. District Judge Royce Lamberth ruled."
    assert TextNames(text).titled_after("judge", 0) == "Royce Lamberth"
    assert TextNames("The judge ruled.").titled_after("judge", 0) is None


def test_given_after_a_family_name() -> None:
    names = TextNames("It is led by mobile chief Shin Jong-kyun.")
    assert names.given_after("Shin") == "Shin Jong-kyun"
    assert names.given_after("Lee") is None


def test_first_last_names_end_where_the_name_ends() -> None:
    names = TextNames("from the Kennedy Space Center, said Mary Smith.")
    assert [name for _, name, _ in names.first_last()] == ["Mary Smith"]


def test_in_title_line() -> None:
    names = TextNames("Panel Backs Prosecutors on Sentence Deals\n\nThe panel said no.")
    assert names.in_title_line(3)
    assert not names.in_title_line(50)
