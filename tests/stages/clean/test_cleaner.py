"""Tests of the cleaning stage (clean/cleaner.py) on the seeds and properties."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.errors import StageError
from streams.records import RawArticle, Removed
from streams.settings import Settings
from streams.stages import STAGES
from streams.stages.clean import CleanConfig, Cleaner, OutletMemory, clean_article
from streams.stages.clean.boilerplate import BoilerplateConfig

# The repository is checked out with shared/ beside it (locally and in CI).
SEEDS = Path(__file__).resolve().parents[3] / "examples" / "seeds"


def _seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def _first_reasons(removed: tuple[Removed, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for r in removed:
        out.setdefault(r.text, r.reason)
    return out


def _body_paragraphs(text: str, drop: set[str]) -> list[str]:
    return [
        ln.strip() for ln in text.splitlines() if ln.strip() and ln.strip() not in drop
    ]


TURAN_DROP = {
    "Vedant Patel": "tag",
    "Iran Remains Russia's 'Top Military Backer', U.S. Says": "title",
    "Alex Raufoglu": "byline",
    "Politics": "section",
    "-": "separator",
    "Leave a review": "call_to_action",
}


TURAN_TEASER_STARTS = (
    "On 4 February, the Baku Court",
    "Afgan Sadygov, the head",
    "On February 5, a preparatory hearing",
    "The report on the investigation into the AZAL",
)


OBOZ_DROP = {
    "Iran remains Russia's main military backbone: US comments on military "
    "partnership between Moscow and Tehran": "title",
    "Nadiya DanyshchukWorld": "byline",
    "Russia and Iran deepen military partnership": "caption",
    "As reported by OBOZREVATEL:": "transition",
    "Only verified information is available in our Obozrevatel Telegram channel "
    "and Viber. Do not fall for fakes!": "call_to_action",
    "Other News": "teaser_header",
    "Classic truffle cake: how to prepare in 50 minutes": "teaser",
    "An easy way to make a truffle cake": "teaser",
}


def test_turan_seed() -> None:
    raw_text = _seed("turan-2023-07-26.txt")
    out = clean_article(RawArticle(id="turan", source="turan", text=raw_text))
    assert out.title == "Iran Remains Russia's 'Top Military Backer', U.S. Says"
    assert out.byline == "Alex Raufoglu"
    assert out.dateline is not None
    assert out.dateline.place == "Washington D.C."
    assert out.dateline.date == "2023-07-26"
    assert out.language == "en"
    reasons = _first_reasons(out.removed)
    for line, reason in TURAN_DROP.items():
        assert reasons.get(line) == reason, line
    teasers = [r for r in out.removed if r.text.startswith(TURAN_TEASER_STARTS)]
    assert len(teasers) == 4
    assert all(r.reason == "teaser" for r in teasers)
    assert reasons["Washington D.C./26.07.23/Turan:"] == "dateline"
    # Every body paragraph is kept word for word (the first without its dateline).
    body = [
        p
        for p in _body_paragraphs(raw_text, set(TURAN_DROP))
        if not p.startswith(TURAN_TEASER_STARTS)
    ]
    body[0] = body[0].removeprefix("Washington D.C./26.07.23/Turan: ")
    assert list(out.paragraphs) == body
    assert out.text == "\n\n".join(body)
    assert "Alex Raufoglu" not in out.text


def test_obozrevatel_seed() -> None:
    raw_text = _seed("obozrevatel-2023-07-25.txt")
    out = clean_article(RawArticle(id="oboz", source="obozrevatel", text=raw_text))
    assert out.title is not None
    assert out.title.startswith("Iran remains Russia's main military backbone")
    assert out.byline == "Nadiya Danyshchuk"
    assert out.dateline is None
    reasons = _first_reasons(out.removed)
    for line, reason in OBOZ_DROP.items():
        assert reasons.get(line) == reason, line
    assert [r.reason for r in out.removed].count("duplicate") == 1
    assert list(out.paragraphs) == _body_paragraphs(raw_text, set(OBOZ_DROP))
    assert len(out.paragraphs) == 12


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (RawArticle(id="a"), "empty_body"),
        (RawArticle(id="a", text=""), "empty_body"),
        (RawArticle(id="a", text=" \n\t\u00a0\n"), "empty_body"),
        (RawArticle(id="a", html="   "), "empty_body"),
        (RawArticle(id="a", text="x" * 101), "too_large"),
        (RawArticle(id="a", text="é" * 60), "too_large"),  # 120 bytes in UTF-8
    ],
)
def test_invalid_input(raw: RawArticle, reason: str) -> None:
    with pytest.raises(StageError) as info:
        clean_article(raw, CleanConfig(max_bytes=100))
    assert info.value.stage == "clean"
    assert info.value.reason == reason


def test_built_through_stages() -> None:
    cleaner = STAGES["clean"](Settings())
    assert isinstance(cleaner, Cleaner)
    out = cleaner(RawArticle(id="t", text=_seed("turan-2023-07-26.txt")))
    assert out.byline == "Alex Raufoglu"
    with pytest.raises(StageError):
        STAGES["clean"](Settings(max_article_bytes=10))(
            RawArticle(id="t", text="x" * 11)
        )


def test_html_path_keeps_metadata() -> None:
    paras = "".join(
        f"<p>Paragraph {i} of the story says that the council met on Tuesday and "
        f"agreed a budget that will be debated again next month by members.</p>"
        for i in range(6)
    )
    html = (
        "<html><head><title>Council agrees budget | Daily Example</title>"
        '<meta name="author" content="Jane Doe">'
        '<meta property="og:site_name" content="Daily Example">'
        '<meta property="article:published_time" content="2023-07-26T10:00:00Z">'
        "</head><body><nav><a href='/'>Home</a><a href='/w'>World</a></nav>"
        f"<article><h1>Council agrees budget</h1>{paras}</article>"
        "<footer>Copyright 2023 Daily Example</footer></body></html>"
    )
    out = clean_article(RawArticle(id="h", html=html))
    assert out.title == "Council agrees budget"
    assert out.byline == "Jane Doe"
    assert out.source == "Daily Example"
    assert out.published_at is not None
    assert out.published_at.year == 2023
    assert len(out.paragraphs) == 6
    assert "Copyright" not in out.text
    assert "Home" not in out.text


def _article(i: int, body: str) -> RawArticle:
    return RawArticle(
        id=f"a{i}",
        source="example",
        text=(
            f"Headline number {i} about the budget\n"
            "Subscribe to the Example Weekly digest today\n"
            f"{body}\n"
            f"{FOOTER}\n"
        ),
    )


FOOTER = (
    "The Example Media Group is registered in Springfield, and all of its stories "
    "are checked by the editors of the paper before they are published."
)


TOPICS = ["roads", "schools", "parks", "libraries", "housing", "buses"]


BODIES = [
    f"The council met on Monday and agreed that the budget for {t} would be debated "
    f"again next month, when members expect a long discussion about the {t} plan."
    for t in TOPICS
]


def test_outlet_memory_learns_footer() -> None:
    cleaner = Cleaner()
    memory = cleaner.new_memory()
    outs = [cleaner(_article(i, b), memory) for i, b in enumerate(BODIES)]
    footer = FOOTER
    assert footer in outs[0].text  # unknown on first sight
    last = outs[-1]
    assert footer not in last.text
    assert {"text": footer, "reason": "outlet_boilerplate"} in [
        r.to_dict() for r in last.removed
    ]
    assert last.paragraphs == (BODIES[-1],)
    # The same article again does not count twice.
    before = memory.snapshot()
    cleaner(_article(5, BODIES[5]), memory)
    assert memory.snapshot()["n"] == before["n"]


def test_batch_keeps_memories_per_source() -> None:
    cleaner = Cleaner()
    memories: dict[str, OutletMemory] = {}
    raws = [_article(i, b) for i, b in enumerate(BODIES)]
    raws.append(RawArticle(id="nosource", text=BODIES[0]))
    outs = cleaner.batch(raws, memories)
    assert set(memories) == {"example"}
    assert len(outs) == len(raws)
    assert outs[-1].paragraphs == (BODIES[0],)
    assert cleaner.batch([]) == []


_INVISIBLE = re.compile(
    r"[\s\x00-\x1f\x7f-\x9f\u200b\u200c\u200d\u2060\ufeff\u00ad\ud800-\udfff\ue000-\uf8ff]"
)


def _squash(text: str) -> str:
    return _INVISIBLE.sub("", text)


_LINES = st.sampled_from(
    [
        *BODIES,
        "-",
        "Politics",
        "Alex Raufoglu",
        "Other News",
        "Leave a review",
        "Washington D.C./26.07.23/Turan: The council met and agreed the budget today.",
        "KYIV, July 25 (Reuters) - Officials said the talks would go on for weeks.",
        "By Jane Doe",
        "Short line",
        "",
    ]
)


_TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(_LINES, st.text(max_size=80)), max_size=12).map("\n".join),
)


def _clean_or_none(raw: RawArticle) -> object:
    try:
        return clean_article(raw)
    except StageError as exc:
        if exc.reason != "empty_body":
            raise
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_properties_never_raise_invent_or_change_twice(text: str) -> None:
    out = _clean_or_none(RawArticle(id="p", text=text))
    if out is None:
        return
    source = _squash(text)
    for para in out.paragraphs:  # every kept character comes from the input
        assert para
        assert _squash(para) in source
    again = clean_article(
        RawArticle(id="p", text=out.text, title=out.title, language=out.language)
    )
    assert again.text == out.text
    assert again.paragraphs == out.paragraphs


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=300))
def test_html_never_raises(html: str) -> None:
    _clean_or_none(RawArticle(id="h", html=html))


@pytest.mark.parametrize("name", ["turan-2023-07-26.txt", "obozrevatel-2023-07-25.txt"])
def test_rules_only_fallback_keeps_the_seed_body(name: str) -> None:
    raw = RawArticle(id="s", text=_seed(name))
    learned = clean_article(raw)
    rules = clean_article(
        raw, CleanConfig(boilerplate=BoilerplateConfig(line_model=False))
    )
    assert rules.paragraphs == learned.paragraphs
