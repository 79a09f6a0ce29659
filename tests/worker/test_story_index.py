"""Story summaries and the recent-stories index behind the analyst page."""

from __future__ import annotations

import time

import pytest

from streams.worker.story_index import (
    MAX_OUTLETS,
    RecentStories,
    main_speakers,
    merge_story,
    speaker_ref,
)


def article(
    article_id: str,
    source: str,
    cluster_id: str = "c-1",
    title: str | None = "Iran remains Russia's top military backer",
    published_at: str | None = None,
    indexed_at: str = "2026-12-07T10:00:00Z",
    speakers: tuple[str | None, ...] = ("Vedant Patel",),
) -> dict:
    return {
        "article_id": article_id,
        "source": source,
        "url": f"https://example.org/{article_id}",
        "title": title,
        "published_at": published_at,
        "indexed_at": indexed_at,
        "cluster": {"cluster_id": cluster_id},
        "quotes": [{"text": "x", "speaker": {"name": name}} for name in speakers],
    }


def fold(*articles: dict) -> dict:
    story = None
    for a in articles:
        story = merge_story(story, a)
    assert story is not None
    return story


def test_merge_counts_articles_outlets_and_speakers():
    story = fold(
        article("a", "obozrevatel", indexed_at="2026-12-07T10:00:00Z"),
        article(
            "b",
            "turan",
            indexed_at="2026-12-07T10:00:05Z",
            speakers=("Vedant Patel", "Patel", "State Department", None),
        ),
    )
    assert story["cluster_id"] == "c-1"
    assert story["article_count"] == 2
    assert story["outlets"] == {"obozrevatel": 1, "turan": 1}
    assert story["first"]["article_id"] == "a"
    assert story["last_activity"] == "2026-12-07T10:00:05Z"
    assert [s["speaker_id"] for s in main_speakers(story)] == [
        "vedant-patel",
        "patel",
        "state-department",
    ]
    assert story["speakers"]["vedant-patel"]["quotes"] == 2


def test_first_reporter_is_the_earliest_published_not_the_first_to_arrive():
    story = fold(
        article("late", "turan", published_at="2023-07-26T09:00:00Z"),
        article("early", "obozrevatel", published_at="2023-07-25T18:00:00Z"),
        article("undated", "kyivpost"),
    )
    assert story["first"]["article_id"] == "early"
    assert story["first"]["source"] == "obozrevatel"


def test_headline_is_the_first_title_seen():
    story = fold(article("a", "x", title=None), article("b", "y", title="Second"))
    assert story["headline"] == "Second"
    assert fold(article("a", "x", title=None))["headline"] == ""


def test_replaying_the_last_article_changes_nothing():
    a = article("a", "turan")
    once = fold(a)
    assert merge_story(once, a) is once


def test_outlets_are_capped_but_articles_keep_counting():
    story = fold(*(article(str(n), f"outlet{n}") for n in range(MAX_OUTLETS + 5)))
    assert len(story["outlets"]) == MAX_OUTLETS
    assert story["article_count"] == MAX_OUTLETS + 5


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Vedant Patel", ("vedant-patel", "Vedant Patel")),
        ("Mr. Vedant  Patel", ("vedant-patel", "Vedant Patel")),
        (None, None),
        ("", None),
    ],
)
def test_speaker_ref_matches_the_claims_key(name, expected):
    assert speaker_ref({"speaker": {"name": name}}) == expected


def story(cluster_id: str, headline: str = "", speakers=(), last="") -> dict:
    return {
        "cluster_id": cluster_id,
        "headline": headline,
        "speakers": {n.lower(): {"name": n, "quotes": 1} for n in speakers},
        "last_activity": last,
    }


def test_recent_stories_newest_activity_first_and_paged():
    index = RecentStories()
    for n in range(5):
        index.touch(story(f"c{n}"))
    index.touch(story("c1"))  # new activity moves it up
    assert index.page(0, 3) == (5, ["c1", "c4", "c3"])
    assert index.page(3, 3) == (5, ["c2", "c0"])
    assert index.page(10, 3) == (5, [])


def test_recent_stories_search_headlines_and_speaker_names():
    index = RecentStories()
    index.touch(
        story("c1", "Iran remains Russia's top military backer", ["Vedant Patel"])
    )
    index.touch(story("c2", "Bridge opens", ["Joe Quimby"]))
    assert index.page(0, 10, "PATEL") == (1, ["c1"])
    assert index.page(0, 10, "bridge") == (1, ["c2"])
    assert index.page(0, 10, "nothing") == (0, [])


def test_recent_stories_bounded_removable_and_rebuilt_in_activity_order():
    index = RecentStories(cap=3)
    for n in range(5):
        index.touch(story(f"c{n}"))
    assert len(index) == 3
    index.remove("c4")
    assert index.page(0, 10) == (2, ["c3", "c2"])
    index.rebuild(
        [
            story("b", last="2026-12-07T10:00:01Z"),
            story("a", last="2026-12-07T10:00:02.5Z"),
            story("c", last=None),
        ]
    )
    assert index.page(0, 10) == (3, ["a", "b", "c"])


def test_a_page_of_ten_thousand_stories_needs_no_scan():
    index = RecentStories()
    for n in range(10_000):
        index.touch(story(f"c{n}", f"Headline number {n}", ["Some Speaker"]))
    started = time.perf_counter()
    total, ids = index.page(0, 20)
    assert (total, ids[0]) == (10_000, "c9999")
    total, ids = index.page(0, 20, "number 42")
    searched = time.perf_counter() - started
    assert total == 111  # 42, 420-429, 4200-4299
    assert searched < 0.1
