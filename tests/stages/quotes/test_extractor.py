"""Quote extraction: mark styles, split and multi-paragraph quotes, indirect speech."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from streams.errors import StageError
from streams.records import CleanedArticle
from streams.settings import Settings
from streams.stages import STAGES
from streams.stages.quotes import QuoteConfig, QuoteExtractor, extract_quotes
from tests.conftest import SEEDS

EXTRACTOR = QuoteExtractor(QuoteConfig())


def _article(text: str, aid: str = "a1") -> CleanedArticle:
    paras = tuple(p for p in text.split("\n\n") if p.strip())
    return CleanedArticle(article_id=aid, text=text, paragraphs=paras)


def _seed(name: str, first: str, stop: str) -> CleanedArticle:
    lines = (SEEDS / name).read_text(encoding="utf-8").split("\n")
    i = next(k for k, line in enumerate(lines) if line.startswith(first))
    j = next(k for k, line in enumerate(lines) if line.startswith(stop))
    paras = [line.strip() for line in lines[i:j] if line.strip()]
    return CleanedArticle(
        article_id=name, text="\n\n".join(paras), paragraphs=tuple(paras)
    )


@pytest.fixture(scope="module")
def seeds() -> dict[str, list]:
    arts = {
        "obozrevatel": _seed(
            "obozrevatel-2023-07-25.txt", "Iran remains one of", "Only verified"
        ),
        "turan": _seed("turan-2023-07-26.txt", "Washington D.C.", "Alex Raufoglu"),
    }
    out = EXTRACTOR.batch(list(arts.values()))
    return dict(zip(arts, out, strict=True))


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            '"Taxes will fall next year," Smith said.',
            "Taxes will fall next year",
            "Smith",
        ),
        (
            "“Taxes will fall next year,” said Anna Smith.",
            "Taxes will fall next year",
            "Anna Smith",
        ),
        (
            "‘Taxes will fall next year,’ Smith said.",
            "Taxes will fall next year",
            "Smith",
        ),
        (
            "«Taxes will fall next year», Smith said.",
            "Taxes will fall next year",
            "Smith",
        ),
        (
            "„Taxes will fall next year“, Smith said.",
            "Taxes will fall next year",
            "Smith",
        ),
        (
            'John Smith said: "Taxes will fall next year."',
            "Taxes will fall next year.",
            "John Smith",
        ),
        (
            '"Taxes will fall next year." – John Smith',
            "Taxes will fall next year.",
            "John Smith",
        ),
        # signatures with the dash glued to the mark or after a no-break space
        (
            "“Taxes will fall next year.”― John Smith\u00a0",
            "Taxes will fall next year.",
            "John Smith",
        ),
        (
            "“Taxes will fall next year.” ―\u00a0John Smith.",
            "Taxes will fall next year.",
            "John Smith",
        ),
        # curly marks set the wrong way round
        (
            "”Taxes will fall next year.” ― John Smith",
            "Taxes will fall next year.",
            "John Smith",
        ),
        (
            "“Taxes will fall next year,“ said John Smith.",
            "Taxes will fall next year",
            "John Smith",
        ),
        # inverted subjects the parser leaves out
        (
            "“Taxes will fall next year,” said Skelly, explaining the plan.",
            "Taxes will fall next year",
            "Skelly",
        ),
        (
            "The plan is new. Said Ellis: “Taxes will fall next year.”",
            "Taxes will fall next year.",
            "Ellis",
        ),
        (
            "The plan is new.\n\nStated Stone:\n\n“Taxes will fall next year.”",
            "Taxes will fall next year.",
            "Stone",
        ),
    ],
)
def test_mark_styles_and_speaker_position(
    text: str, content: str, speaker: str
) -> None:
    quotes = [q for q in extract_quotes(_article(text)) if q.kind == "direct"]
    assert [q.text for q in quotes] == [content]
    assert quotes[0].speaker.name == speaker


def test_split_quote_gives_two_parts_with_one_speaker() -> None:
    text = '"Iran remains a backer," Vedant Patel said, "and the partnership grows."'
    quotes = extract_quotes(_article(text))
    assert [q.text for q in quotes] == [
        "Iran remains a backer",
        "and the partnership grows.",
    ]
    assert {q.speaker.name for q in quotes} == {"Vedant Patel"}
    assert {q.cue.text for q in quotes if q.cue} == {"said"}


def test_multi_paragraph_quote() -> None:
    text = (
        "Mayor Jane Doe said on Monday that the city was ready.\n\n"
        '"We will rebuild the bridge this year.\n\n'
        '"And we will pay for it without new taxes," she said.'
    )
    quotes = [q for q in extract_quotes(_article(text)) if q.kind == "direct"]
    assert len(quotes) == 2
    assert {q.speaker.name for q in quotes} == {"Jane Doe"}
    assert quotes[0].text == "We will rebuild the bridge this year."


def test_quote_after_a_cue_in_its_paragraph_takes_that_speaker() -> None:
    text = (
        "Ann Lee spoke first.\n\n"
        "Mary Smith runs the lab because “most people do not know about that "
        "loop-hole,” Lee said. “We have no context for the current moment.”"
    )
    quotes = [q for q in extract_quotes(_article(text)) if q.kind == "direct"]
    last = quotes[-1]
    assert last.text == "We have no context for the current moment."
    assert (last.speaker.name, last.speaker.mention) == ("Ann Lee", "Lee")


def test_it_as_the_speaker_of_a_publication() -> None:
    text = (
        "The Times ran a profile.\n\n“His fortunes have changed since then,” it wrote."
    )
    quotes = [q for q in extract_quotes(_article(text)) if q.kind == "direct"]
    assert quotes[0].speaker.mention == "it"


def test_nested_quote_is_one_quote() -> None:
    text = "“The sign said ‘keep out’ and we obeyed it at once,” Smith said."
    quotes = extract_quotes(_article(text))
    assert [q.text for q in quotes] == [
        "The sign said ‘keep out’ and we obeyed it at once"
    ]


@pytest.mark.parametrize(
    "text",
    [
        'The so-called "peace plan" collapsed on Monday.',
        'She reviewed the novel "War and Peace" for the paper.',
    ],
)
def test_scare_quotes_and_titles_are_not_quotes(text: str) -> None:
    assert extract_quotes(_article(text)) == []


@pytest.mark.parametrize(
    ("text", "kind", "speaker", "content_start"),
    [
        (
            "Anna Smith said that the bridge would open in May.",
            "indirect",
            "Anna Smith",
            "the bridge",
        ),
        (
            "Anna Smith warned the bridge would open late.",
            "indirect",
            "Anna Smith",
            "the bridge",
        ),
        (
            "According to Anna Smith, the bridge will open in May.",
            "according_to",
            "Anna Smith",
            "the bridge",
        ),
        (
            "The bridge will open in May, officials told reporters.",
            "indirect",
            "officials",
            "The bridge",
        ),
    ],
)
def test_indirect_speech(
    text: str, kind: str, speaker: str, content_start: str
) -> None:
    quotes = extract_quotes(_article(text))
    assert [q.kind for q in quotes] == [kind]
    assert quotes[0].speaker.name == speaker
    assert quotes[0].text.startswith(content_start)


def test_empty_article_gives_no_quotes() -> None:
    assert extract_quotes(_article("")) == []
    assert EXTRACTOR.batch([]) == []


def test_bad_input_raises_stage_error() -> None:
    with pytest.raises(StageError):
        EXTRACTOR.batch(["not an article"])  # type: ignore[list-item]


def test_stage_registry_builds_the_extractor() -> None:
    stage = STAGES["quotes"](Settings())
    assert isinstance(stage, QuoteExtractor)
    quotes = stage(_article('"Prices will rise again soon," Smith said.'))
    assert (
        quotes[0].quote_id
        == extract_quotes(_article('"Prices will rise again soon," Smith said.'))[
            0
        ].quote_id
    )


def test_seeds_every_patel_quote(seeds: dict[str, list]) -> None:
    for name, quotes in seeds.items():
        patel = [q for q in quotes if q.speaker.name == "Vedant Patel"]
        assert len([q for q in patel if q.kind == "direct"]) >= 3, name
        how = {q.speaker.resolved_by for q in patel}
        assert "pronoun" in how, name
        assert {"alias", "title"} & how, name
    obo = {q.speaker.mention: q.speaker.name for q in seeds["obozrevatel"]}
    for mention in (
        "the State Department official",
        "He",
        "the State Department representative",
        "the State Department spokesman",
        "Patel",
        "Vedant Patel",
    ):
        assert obo.get(mention) == "Vedant Patel", mention
    turan = seeds["turan"]
    first = next(q for q in turan if q.text.startswith("Iran remains Russia's top"))
    assert first.speaker.role == "Principal Deputy Spokesperson"
    last = next(
        q for q in turan if "nuclear power plant" in q.text and q.kind == "direct"
    )
    assert last.speaker.name == "Vedant Patel"
    dia = next(q for q in turan if q.kind == "according_to")
    assert dia.speaker.name == "U.S. Defense Intelligence Agency officials"
    assert dia.speaker.organization == "U.S. Defense Intelligence Agency"
    # The dia clause holds the "orders of magnitude larger" phrase; the facility
    # that "is expected to" do something and the correspondent who "reports" what
    # the State Department said are not speakers.
    assert '"orders of magnitude larger"' in dia.text
    speakers = {q.speaker.name for q in turan}
    assert speakers.isdisjoint({"drone-manufacturing facility", "remains"})
    assert sum(q.speaker.name == "State Department" for q in turan) == 1


def test_seed_offsets_slice_to_text(seeds: dict[str, list]) -> None:
    for quotes in seeds.values():
        for q in quotes:
            assert q.start < q.end
            assert 0.0 <= q.confidence <= 1.0


_TEXT = st.lists(
    st.sampled_from([*"ab Xy.,;:!?\n\"“”‘’'«»„-–", "said", " He ", "that", "Ann Lee"]),
    max_size=120,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
@example("”a“")  # a turned opening mark meeting a turned closing one
def test_never_raises_and_offsets_slice(text: str) -> None:
    article = _article(text)
    for q in EXTRACTOR(article):
        assert article.text[q.start : q.end] == q.text
        assert q.text


@pytest.mark.parametrize(
    ("text", "kind", "speaker", "content_start"),
    [
        (
            "Cruz is praising Jeb Bush as a man who did not go to the gutter.",
            "indirect",
            "Cruz",
            "a man",
        ),
        (
            "Sen. Elizabeth Warren said Donald Trump was a “proven failure” in "
            "business.",
            "mixed",
            "Elizabeth Warren",
            "Donald Trump",
        ),
        (
            "RENO, Nev. (AP) — Republican hopeful Donald Trump says he does not "
            "watch football much.",
            "indirect",
            "Donald Trump",
            "he does not",
        ),
        (
            'Senator Ted Cruz continued:\n\n"You look at the questions and see '
            'the bias."',
            "direct",
            "Ted Cruz",
            "You look",
        ),
        (
            "The Christie supporter retorted: “There is a special place for them.”",
            "direct",
            "Christie supporter",
            "There is",
        ),
    ],
)
def test_stance_cues_partial_quotes_datelines_and_colons(
    text: str, kind: str, speaker: str, content_start: str
) -> None:
    quotes = extract_quotes(_article(text))
    assert [q.kind for q in quotes] == [kind]
    assert quotes[0].speaker.name == speaker
    assert quotes[0].text.startswith(content_start)


@pytest.mark.parametrize(
    "text",
    [
        "He said so on “Meet the Press.” She spoke on “Face the Nation,” too.",
        '<tweet author="@someone" datetime="2016-06-29">A post about it.</tweet>',
    ],
)
def test_titles_and_markup_values_are_not_quotes(text: str) -> None:
    assert [q for q in extract_quotes(_article(text)) if q.kind == "direct"] == []


@pytest.mark.parametrize(
    ("text", "phrase", "speaker"),
    [
        (
            "Trump blasted Disney for its “outrageous practices” in Florida, he said.",
            "outrageous practices",
            None,
        ),
        (
            "Cruz blamed the law on “knuckleheaded Democratic politicians.” "
            "His comments came after a debate.",
            "knuckleheaded Democratic politicians.",
            "Cruz",
        ),
    ],
)
def test_quoted_phrase_in_a_cued_sentence(
    text: str, phrase: str, speaker: str | None
) -> None:
    quotes = extract_quotes(_article(text))
    assert any(phrase in q.text and q.kind in ("direct", "mixed") for q in quotes)
    if speaker:
        hit = next(q for q in quotes if q.text == phrase)
        assert hit.speaker.name == speaker


@pytest.mark.parametrize(
    ("text", "content_start", "speaker"),
    [
        # NYT doubled apostrophes after a colon.
        (
            "And Mr. Christie gloated: ''I told you he wouldn't be ready.''",
            "I told",
            "Christie",
        ),
        # A sentence opening with '' is split from the one before it.
        (
            "Beijing cannot steer the economy as it once did, Mr. Lou said. ''So it's "
            "very hard to estimate how many people you reduce,'' he said.",
            "So it's",
            "Lou",
        ),
        # A verb that is no cue word after a quote ending in a comma.
        (
            "“France will always be France,” an angry Hollande retaliated.",
            "France will",
            "Hollande",
        ),
        # An inverted cue parsed as a modifier of the name.
        (
            'Yet, "it is hard to make a causal link," added Zarate, the former '
            "deputy national security adviser for counterterrorism.",
            "it is hard",
            "Zarate",
        ),
        # A name before a comma-set insert the parser left without a subject role.
        (
            "Speaking to reporters on Dec. 2, Col. Steven H. Warren, a military "
            "spokesman in Baghdad, said, ''I mean, a raid is a combat operation.''",
            "I mean",
            "Steven H. Warren",
        ),
        # A participle cue takes the subject of the clause above it.
        (
            "Mr. McConnell deflected questions about Mr. Trump before saying, ''It's "
            "time to quit attacking various people that you competed with.''",
            "It's time",
            "McConnell",
        ),
        # "as X put it".
        (
            "Or, as Tom Ridge, a former secretary of homeland security, put it: "
            "''The barbarians are no longer at the gate.''",
            "The barbarians",
            "Tom Ridge",
        ),
        # A name after a dash and before a colon, though a cue comes first.
        (
            "Pollsters agree - Carl Bialik: “One of the biggest lessons was a simple "
            "one: keep on contacting voters.” [538.]",
            "One of",
            "Carl Bialik",
        ),
    ],
)
def test_speakers_of_hard_attributions(
    text: str, content_start: str, speaker: str
) -> None:
    quotes = extract_quotes(_article(text))
    hit = next(q for q in quotes if q.text.startswith(content_start))
    assert hit.kind == "direct"
    assert hit.speaker.name == speaker


def test_the_parser_sees_masked_cue_sentences_only():
    text = (
        'The weather was mild.\n\n"We will keep talking to our partners in the '
        'region about every option," Patel said.\n\nHe added that talks go on.'
    )
    sents = EXTRACTOR.parsed_sentences(_article(text))
    assert len(sents) == 2
    assert "partners" not in sents[0]
    assert sents[0].endswith("Patel said.")
    assert sents[1] == "He added that talks go on."
