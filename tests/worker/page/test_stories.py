"""The story JSON of the analyst page: a story's detail and its list item."""

from __future__ import annotations

from streams.worker.page.stories import story_detail, story_item
from streams.worker.story_index import merge_story


def summary(article_id, source, published_at=None, quotes=()):
    return {
        "article_id": article_id,
        "source": source,
        "url": f"https://example.org/{article_id}",
        "title": f"Title of {article_id}",
        "published_at": published_at,
        "indexed_at": "2026-12-07T10:00:00Z",
        "cluster": {"cluster_id": "c-1"},
        "quotes": list(quotes),
    }


def quote(article_id, text, name, kind="direct", cue_class="speech", role=None):
    return {
        "quote_id": f"{article_id}-{len(text)}",
        "article_id": article_id,
        "kind": kind,
        "cue_class": cue_class,
        "text": text,
        "start": 0,
        "end": len(text),
        "cue": None,
        "speaker": {
            "name": name,
            "mention": name,
            "start": 0,
            "end": 1,
            "role": role,
            "organization": None,
            "resolved_by": "explicit" if name else "unresolved",
        },
        "confidence": 0.9,
    }


def test_story_detail_orders_articles_marks_the_first_and_groups_quotes():
    articles = [
        summary(
            "turan",
            "turan",
            "2023-07-26T09:00:00Z",
            [
                quote(
                    "turan",
                    "Iran remains Russia's top military backer",
                    "Vedant Patel",
                    role="Principal Deputy Spokesperson",
                ),
                quote(
                    "turan",
                    "the ownership of territories",
                    "Russia",
                    "indirect",
                    "stance",
                ),
                quote("turan", "no one said this", None, "indirect"),
            ],
        ),
        summary(
            "obozrevatel",
            "obozrevatel",
            "2023-07-25T18:00:00Z",
            [
                quote(
                    "obozrevatel",
                    "Iran remains Russia's main military backbone",
                    "Vedant Patel",
                )
            ],
        ),
        {"article_id": "expired"},
    ]
    story = None
    for a in articles[:2]:
        story = merge_story(story, a)
    detail = story_detail("c-1", story, articles)
    assert [a["article_id"] for a in detail["articles"]] == ["obozrevatel", "turan"]
    assert [a["first"] for a in detail["articles"]] == [True, False]
    assert detail["first_at"] == "2023-07-25T18:00:00Z"
    assert detail["outlet_count"] == 2
    groups = {g["speaker_id"]: g for g in detail["quotes_by_speaker"]}
    assert list(groups) == ["vedant-patel", "russia"]
    patel = groups["vedant-patel"]
    assert patel["has_claims"] is True
    assert patel["roles"] == ["Principal Deputy Spokesperson"]
    assert [q["source"] for q in patel["quotes"]] == ["obozrevatel", "turan"]
    assert groups["russia"]["has_claims"] is False  # a stance is no claim
    # Without a stored summary, the articles make one.
    assert story_detail("c-1", None, articles)["article_count"] == 2


def test_story_item_lists_outlets_by_articles():
    story = None
    for a in (summary("a", "x"), summary("b", "y"), summary("c", "y")):
        story = merge_story(story, a)
    item = story_item(story)
    assert item["outlets"] == [
        {"source": "y", "articles": 2},
        {"source": "x", "articles": 1},
    ]
    assert (item["article_count"], item["outlet_count"]) == (3, 2)
