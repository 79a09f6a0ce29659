"""Tests of the line labeller and the outlet memory (clean/boilerplate.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import orjson
import pytest

from streams.stages.clean import CleanConfig, OutletMemory
from streams.stages.clean.boilerplate import BoilerplateConfig, label_lines, line_matrix
from streams.stages.clean.language import stopwords_for
from streams.stages.clean.line_model import (
    FEATURE_NAMES,
)

# The repository is checked out with shared/ beside it (locally and in CI).
SEEDS = Path(__file__).resolve().parents[3] / "examples" / "seeds"


def _seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


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


def test_line_matrix_shape_and_empty() -> None:
    lines = [ln for ln in _seed("turan-2023-07-26.txt").splitlines() if ln]
    x, reasons = line_matrix(lines, stopwords_for("en"), BoilerplateConfig())
    assert x.shape == (len(lines), len(FEATURE_NAMES))
    assert np.isfinite(x).all()
    assert reasons[lines.index("Politics")] == "section"
    x0, r0 = line_matrix([], stopwords_for("en"), BoilerplateConfig())
    assert x0.shape == (0, len(FEATURE_NAMES))
    assert r0 == []


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
