"""The analyst page without a browser: its files, views, story JSON and live events."""

from __future__ import annotations

import re

import orjson
import pytest
from aiokafka import ConsumerRecord

from streams.settings import Settings
from streams.worker.app import build_app
from streams.worker.page import register_page
from streams.worker.page.assets import ASSETS, SECURITY_HEADERS, load_assets
from streams.worker.page.live import event_of
from streams.worker.page.stories import story_detail, story_item
from streams.worker.story_index import RecentStories, merge_story
from streams.worker.tables import define_tables


def test_the_page_ships_in_the_package_and_loads_nothing_from_elsewhere():
    files = load_assets()
    assert set(files) == set(ASSETS)
    for name, body in files.items():
        text = body.decode("utf-8")
        # Links to outlets are built at run time; nothing is fetched from a host.
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), name
        assert "@import" not in text, name
    script = files["app.js"].decode()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"):
        assert sink not in script
    assert "eval(" not in script
    assert "script-src 'self'" in SECURITY_HEADERS["Content-Security-Policy"]


def test_page_views_are_read_only(tmp_path):
    settings = Settings(store="memory://", data_dir=str(tmp_path))
    app = build_app(settings)
    register_page(app, settings, define_tables(app, settings), RecentStories())
    paths = dict(app.web.views)
    expected = {"/ui/", "/ui", "/ui/app.js", "/ui/style.css", "/ui/events"}
    assert expected | {"/stories", "/stories/{cluster_id}"} <= set(paths)
    for path, view in paths.items():
        if path.startswith(("/ui", "/stories")):
            assert view.get_methods() <= {"HEAD", "GET"}, path


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


def record(topic, key, value):
    return ConsumerRecord(
        topic=topic,
        partition=0,
        offset=0,
        timestamp=0,
        timestamp_type=0,
        key=key,
        value=value,
        checksum=None,
        serialized_key_size=0,
        serialized_value_size=0,
        headers=(),
    )


@pytest.mark.parametrize(
    ("topic", "key", "value", "expected"),
    [
        (
            "clusters",
            b"a1",
            {"article_id": "a1", "cluster_id": "c-1", "new_cluster": True},
            {
                "type": "article",
                "article_id": "a1",
                "cluster_id": "c-1",
                "new_cluster": True,
            },
        ),
        (
            "claims",
            b"vedant-patel",
            {"claims": [{"count": 2}, {"count": 3}], "name": "Vedant Patel"},
            {
                "type": "speaker",
                "speaker_id": "vedant-patel",
                "claims": 2,
                "reports": 5,
            },
        ),
        (
            "claims",
            b"gone",
            None,
            {"type": "speaker", "speaker_id": "gone", "claims": 0, "reports": 0},
        ),
        ("clusters", b"x", {"no": "cluster"}, None),
    ],
)
def test_live_events_carry_ids_and_counts_only(topic, key, value, expected):
    raw = orjson.dumps(value) if value is not None else None
    assert event_of(record(topic, key, raw), "clusters") == expected


def test_a_broken_record_makes_no_event():
    assert event_of(record("clusters", b"x", b"{not json"), "clusters") is None
