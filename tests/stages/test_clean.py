"""Tests of the cleaning stage (streams/stages/clean.py) on the seeds and properties."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.errors import StageError
from streams.records import RawArticle, Removed
from streams.settings import Settings
from streams.stages import STAGES
from streams.stages.boilerplate import BoilerplateConfig, label_lines, line_matrix
from streams.stages.clean import CleanConfig, Cleaner, OutletMemory, clean_article
from streams.stages.language import stopwords_for
from streams.stages.line_model import (
    BASE_NAMES,
    FEATURE_NAMES,
    base_features,
    best_block,
    content_terms,
    load_model,
    smooth_labels,
)

# The repository is checked out with shared/ beside it (locally and in CI).
SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"


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


def test_memory_snapshot_is_small_and_restores() -> None:
    cfg = CleanConfig()
    memory = OutletMemory(cfg.boilerplate)
    for i in range(400):
        memory.learn([f"line {i} of text {j}" for j in range(10)], i)
    snap = memory.snapshot()
    assert len(memory) == cfg.boilerplate.memory_size
    encoded = orjson.dumps(snap)
    assert len(encoded) < 40_000
    restored = OutletMemory.restore(orjson.loads(encoded), cfg.boilerplate)
    assert restored.snapshot() == snap
    assert restored.seen("line 399 of text 3") == 1
    assert len(OutletMemory.restore({}, cfg).snapshot()["h"]) == 0
    assert len(OutletMemory.restore({"v": 99}, cfg)) == 0


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


def test_line_model_is_packaged_and_matches_a_tree_walk() -> None:
    model = load_model()
    assert model is not None
    assert model.names == FEATURE_NAMES
    x = np.random.default_rng(0).normal(size=(30, len(FEATURE_NAMES))) * 3
    n_trees, n_int = model.feature.shape
    x32 = x.astype(np.float32)
    expected = []
    for row in x32:
        total = model.bias
        for t in range(n_trees):
            node = 0
            for _ in range(model.depth):
                right = row[model.feature[t, node]] > model.threshold[t, node]
                node = 2 * node + 1 + int(right)
            total += model.value[t, node - n_int]
        expected.append(total)
    assert np.allclose(model.log_odds(x), expected)
    assert model.log_odds(np.zeros((0, len(FEATURE_NAMES)))).shape == (0,)


def test_line_matrix_shape_and_empty() -> None:
    lines = [ln for ln in _seed("turan-2023-07-26.txt").splitlines() if ln]
    x, reasons = line_matrix(lines, stopwords_for("en"), BoilerplateConfig())
    assert x.shape == (len(lines), len(FEATURE_NAMES))
    assert np.isfinite(x).all()
    assert reasons[lines.index("Politics")] == "section"
    x0, r0 = line_matrix([], stopwords_for("en"), BoilerplateConfig())
    assert x0.shape == (0, len(FEATURE_NAMES))
    assert r0 == []


@pytest.mark.parametrize(
    ("odds", "cost", "prior", "expected"),
    [
        ([], 2.0, 0.0, []),
        ([3.0, 3.0, -1.0, 3.0, 3.0], 2.0, 0.0, [True] * 5),  # a dip inside the body
        ([3.0, 3.0, -1.0, 3.0, 3.0], 0.0, 0.0, [True, True, False, True, True]),
        ([-4.0, 3.0, 3.0, -4.0, -4.0], 2.0, 0.0, [False, True, True, False, False]),
        ([0.6, -3.0, -3.0], 1.0, 0.0, [False, False, False]),  # too weak to enter
        ([-0.4, -0.4], 0.0, -0.5, [True, True]),  # the prior shifts the threshold
    ],
)
def test_smoothing(
    odds: list[float], cost: float, prior: float, expected: list[bool]
) -> None:
    assert smooth_labels(np.array(odds), cost, prior) == expected


def test_short_repeats_are_left_to_the_model() -> None:
    lines = [
        "Meal 1",
        "Eat every 2-3 hours",
        "Meal 2",
        "Eat every 2-3 hours",
        "The council met on Monday and agreed that the budget would be debated.",
        "The council met on Monday and agreed that the budget would be debated.",
    ]
    labels = label_lines(
        lines, stopwords_for("en"), BoilerplateConfig(), "Meal plans", blocks=False
    )
    assert labels.reasons[3] is None  # 4 words: a list item may repeat
    assert labels.reasons[5] == "duplicate"  # a repeated paragraph goes


def test_comments_header_before_the_body_is_meta_data() -> None:
    body = (
        "The council met on Monday and agreed that the budget for the coming year "
        "would be debated again in public before the end of the month, officials said"
        " on Tuesday, after a long session in which members of every party spoke."
    )
    lines = ["Posted by Vortex", "Leave a comment", body, body + " Again."]
    lines += ["3 Comments", "Great article, thanks for writing it up so clearly."]
    labels = label_lines(lines, stopwords_for("en"), BoilerplateConfig(), blocks=False)
    assert labels.reasons[1] == "comments_header"
    assert labels.reasons[2] is None
    assert labels.reasons[3] is None
    assert labels.reasons[5] == "comments"  # after the body the section is comments


def test_comments_header_on_a_page_without_prose_before_it_is_meta_data() -> None:
    # A post of short list lines: no jusText "good" line anywhere on the page.
    lines = ["Dare to Play 3 / October pack", "Posted by Vortex", "Leave a comment"]
    lines += ["New tasks for the game!", "Better Android support", "Bugs fixed"]
    lines += ["Try something new with your couple this weekend."]
    labels = label_lines(lines, stopwords_for("en"), BoilerplateConfig(), blocks=False)
    assert labels.reasons[2] == "comments_header"
    assert "comments" not in labels.reasons[3:]
    # After a line of prose the same header opens the comments.
    lines.insert(2, "The October pack adds a hundred new tasks for couples to try.")
    labels = label_lines(lines, stopwords_for("en"), BoilerplateConfig(), blocks=False)
    assert labels.reasons[3] == "comments_header"
    assert labels.reasons[4:] == ["comments"] * 4


_PROSE = (
    "The council met on Monday and agreed that the budget for the coming year "
    "would be debated again in public before the end of the month, officials said."
)


def test_author_bio_header_takes_the_lines_that_name_the_author() -> None:
    lines = [_PROSE, _PROSE + " Again.", "Über Moritz Bachmann"]
    lines += ["Als Sales Manager bildet Moritz Bachmann die Schnittstelle im Team."]
    lines += ["Moritz Bachmann schreibt hier über Marketing und Vertrieb."]
    lines += ["Ein weiterer Absatz ohne den Namen, der nicht zur Biografie gehört."]
    labels = label_lines(lines, stopwords_for("de"), BoilerplateConfig(), blocks=False)
    assert labels.reasons[2:6] == ["author_bio", "author_bio", "author_bio", None]
    # Without a name only the next line goes, and a bio line opens no new bio.
    lines = [_PROSE, "About the author", "Jane writes about cities.", _PROSE[4:]]
    labels = label_lines(lines, stopwords_for("en"), BoilerplateConfig(), blocks=False)
    assert labels.reasons == [None, "author_bio", "author_bio", None]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Вам также может быть интересно", "teaser_header"),
        ("Lesen Sie auch:", "teaser_header"),
        (
            "Please enable JavaScript to view the comments powered by Disqus.",
            "call_to_action",
        ),
        ("About Us", "navigation"),
    ],
)
def test_furniture_lines_in_other_languages(line: str, reason: str) -> None:
    labels = label_lines(
        [_PROSE, line], stopwords_for("en"), BoilerplateConfig(), blocks=False
    )
    assert labels.reasons[1] == reason


def test_a_headline_jusText_calls_good_is_still_the_title() -> None:
    # 76 characters with many stopwords: jusText's "near", made "good" by the body.
    head = (
        "New York State Attorney General reportedly investigating WeWork – TechCrunch"
    )
    lines = [head, "New York State Attorney General reportedly investigating WeWork"]
    lines += [_PROSE + " " + _PROSE, _PROSE + " Again. " + _PROSE]  # "good" lines
    labels = label_lines(lines, stopwords_for("en"), BoilerplateConfig(), blocks=False)
    assert labels.title == head
    assert labels.reasons[:2] == ["title", "title"]


def test_content_terms_drop_stopwords_and_split_cjk_into_bigrams() -> None:
    en = stopwords_for("en")
    words = ["the", "mayor", "met", "on", "2023", "to", "budget"]
    assert content_terms(words, en) == ("mayor", "met", "budget")
    assert content_terms(["設定で変更"], en) == ("設定", "定で", "で変", "変更")


def test_topic_features_tell_other_stories_from_the_article() -> None:
    body = [
        "The city council approved the new budget for public schools on Monday, "
        "after a debate that lasted most of the night.",
        "Council members said the budget adds money for teachers and repairs to "
        "school buildings across the city.",
        "The mayor welcomed the budget and said the schools would see the money "
        "before the start of the next school year.",
    ]
    teaser = "Storm brings heavy snow to mountain villages"
    lines = [teaser, *body, "Council budget debate ends with a vote on schools"]
    x, _ = line_matrix(lines, stopwords_for("en"), BoilerplateConfig())
    share = x[:, FEATURE_NAMES.index("topic_share")]
    assert share[0] == 0.0  # no word of the teaser is in the article
    assert share[-1] >= 0.6  # most words of this one are
    assert (share[1:4] > 0.25).all()  # body lines share words with each other


def _base(text: str) -> dict[str, float]:
    return dict(
        zip(BASE_NAMES, base_features(text, text.split(), 0.0, False), strict=True)
    )


def test_base_features_count_cjk_words_and_cut_headlines() -> None:
    ja = "設定で変更できる箇所も少なく、融通が効かない面も多々あります。"
    assert _base(ja)["log_words"] > np.log1p(10)  # about two characters a word
    assert _base(ja)["terminal"] == 1.0
    assert (
        _base("Cool 14-inch Lenovo laptops with improved Alexa suppor...")["ellipsis"]
        == 1.0
    )
    assert _base("The council met on Monday.")["ellipsis"] == 0.0


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Related: Possible Water Plumes on Europa: The Discovery in Images", "teaser"),
        ("Read more: How the council spends its budget", "teaser"),
        ("More:", "teaser_header"),
        ("We Recommend", "teaser_header"),
        ("This website uses cookies to improve your experience.", "call_to_action"),
        ("SUBSCRIBE to our newsletter", "call_to_action"),
        ("Photo: Reuters", "caption"),
        ("Related to this, the council said it would meet again next week.", None),
    ],
)
def test_rule_reasons(line: str, reason: str | None) -> None:
    labels = label_lines([line], stopwords_for("en"), BoilerplateConfig(), blocks=False)
    assert labels.reasons[0] == reason


@pytest.mark.parametrize("name", ["turan-2023-07-26.txt", "obozrevatel-2023-07-25.txt"])
def test_rules_only_fallback_keeps_the_seed_body(name: str) -> None:
    raw = RawArticle(id="s", text=_seed(name))
    learned = clean_article(raw)
    rules = clean_article(
        raw, CleanConfig(boilerplate=BoilerplateConfig(line_model=False))
    )
    assert rules.paragraphs == learned.paragraphs


@pytest.mark.parametrize(
    ("odds", "expected"),
    [
        ([-3.0, 1.0, -0.5, 2.0, -4.0], (1, 4)),
        ([-3.0, -1.0, -2.0], (1, 2)),  # all negative: the least bad line
        ([float("-inf"), -1.0, float("-inf")], (1, 2)),  # claimed lines never win
    ],
)
def test_best_block(odds: list[float], expected: tuple[int, int]) -> None:
    assert best_block(np.array(odds), 0.0) == expected
