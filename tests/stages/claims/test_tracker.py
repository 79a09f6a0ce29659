from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.errors import StageError
from streams.records import Quote, Speaker, SpeakerClaims, format_time, parse_time
from streams.settings import Settings
from streams.stages import STAGES
from streams.stages.claims.aliases import SpeakerDirectory
from streams.stages.claims.tracker import (
    ClaimConfig,
    ClaimTracker,
    newest_seen,
    speaker_id_for,
)

NOW = datetime(2023, 7, 27, tzinfo=UTC)

# The two seed articles' quotes by Vedant Patel (shared/seeds).
TURAN = [
    "Iran remains Russia's top military backer",
    "Russia received hundreds of one-way attack UAVs, as well as UAV production "
    "related equipment from Iran",
    "This military partnership between Russia and Iran continues to be deepening",
    "... We have been very clear that such violent and volatile type of activity "
    "near, in such close proximity to a nuclear power plant – in this case, ZNPP – "
    "is incredibly unsafe. It puts the immediate region in harm's way. And so we "
    "continue to call on such activity so close to ZNPP to stop.",
]
OBOZREVATEL = [
    "Iran remains Russia's main military backbone",
    "Russia has received hundreds of disposable strike UAVs from Iran, as well as "
    "equipment for the production of drones",
    "This military partnership between Russia and Iran continues to deepen",
]
# A third outlet's wording of the same briefing, written for these tests.
THIRD = [
    "Iran remains Russia's top military supporter",
    "Russia has received hundreds of one-way attack drones from Iran as well as "
    "equipment to produce UAVs",
    "The military partnership between Russia and Iran continues to deepen",
]

ARTICLES = {
    "turan": {
        "article_id": "turan-2023-07-26",
        "source": "Turan",
        "url": "https://turan.example/1",
        "published_at": "2023-07-26T09:00:00Z",
    },
    "oboz": {
        "article_id": "obozrevatel-2023-07-25",
        "source": "Obozrevatel",
        "url": "https://obozrevatel.example/1",
        "published_at": "2023-07-25T18:00:00Z",
    },
    "third": {
        "article_id": "third-2023-07-26",
        "source": "Third Outlet",
        "url": None,
        "published_at": None,
    },
}


def quote(
    text: str,
    name: str | None = "Vedant Patel",
    *,
    article_id: str = "a1",
    role: str | None = None,
    org: str | None = None,
    mention: str | None = None,
    kind: str = "direct",
) -> Quote:
    return Quote(
        quote_id=f"{article_id}:{abs(hash(text)) % 10**8}",
        article_id=article_id,
        kind=kind,
        text=text,
        start=0,
        end=len(text),
        speaker=Speaker(
            name=name,
            mention=mention or name,
            role=role,
            organization=org,
            resolved_by="explicit" if name else "unresolved",
        ),
    )


def feed(
    tracker: ClaimTracker,
    table: dict[str, SpeakerClaims],
    texts: list[str],
    article: dict,
    **kw,
) -> None:
    for text in texts:
        q = quote(text, article_id=article["article_id"], **kw)
        key = tracker.speaker_key(q)
        assert key is not None
        table[key] = tracker.add(table.get(key), q, article)


@pytest.fixture
def tracker() -> ClaimTracker:
    return ClaimTracker(ClaimConfig(), clock=lambda: NOW)


def test_built_through_stages_registry():
    stage = STAGES["claims"](Settings())
    assert isinstance(stage, ClaimTracker)
    q = quote("Iran remains Russia's top military backer")
    assert stage.speaker_key(q) == "vedant-patel"


def test_seed_merges_two_then_three_sources(tracker):
    table: dict[str, SpeakerClaims] = {}
    feed(tracker, table, TURAN, ARTICLES["turan"], role="Principal Deputy Spokesperson")
    feed(tracker, table, OBOZREVATEL, ARTICLES["oboz"], org="US State Department")
    assert list(table) == ["vedant-patel"]
    record = table["vedant-patel"]
    assert record.name == "Vedant Patel"
    assert len(record.claims) == 4
    by_text = {c["text"]: c for c in record.claims}
    for text in TURAN[:3]:
        claim = by_text[text]
        assert claim["count"] == 2
        assert [s["source"] for s in claim["sources"]] == ["Turan", "Obozrevatel"]
        assert claim["first_seen"] == "2023-07-25T18:00:00Z"
        assert claim["last_seen"] == "2023-07-26T09:00:00Z"
        assert len(claim["variants"]) == 2
    assert by_text[TURAN[3]]["count"] == 1
    feed(tracker, table, THIRD, ARTICLES["third"])
    record = table["vedant-patel"]
    assert len(record.claims) == 4
    for claim in record.claims[:3]:
        assert claim["count"] == 3
        assert len(claim["sources"]) == 3
        # No published_at: the tracker's clock stands in.
        assert claim["last_seen"] == "2023-07-27T00:00:00Z"
    assert record.roles == ("Principal Deputy Spokesperson",)
    assert record.organizations == ("US State Department",)
    orjson.dumps(record.to_dict())  # JSON-able


def test_claim_id_stable_and_text_is_first_wording(tracker):
    first = tracker.add(None, quote(TURAN[0]), ARTICLES["turan"])
    both = tracker.add(first, quote(OBOZREVATEL[0]), ARTICLES["oboz"])
    assert both.claims[0]["claim_id"] == first.claims[0]["claim_id"]
    assert both.claims[0]["text"] == TURAN[0]
    assert both.claims[0]["variants"] == [TURAN[0], OBOZREVATEL[0]]
    assert first.claims[0]["count"] == 1  # records are not mutated


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (TURAN[0], TURAN[2]),
        (TURAN[0], TURAN[1]),
        (TURAN[1], TURAN[2]),
        (TURAN[2], TURAN[3]),
        ("Inflation fell to 3.2 percent in October", "Inflation rose to 4.1 percent"),
        ("We will send troops to the region", "We will not send troops to the region"),
        ("Iran remains Russia's top military backer", "China is Russia's top partner"),
    ],
)
def test_different_statements_stay_apart(tracker, a, b):
    record = tracker.add(None, quote(a), ARTICLES["turan"])
    record = tracker.add(record, quote(b), ARTICLES["oboz"])
    assert len(record.claims) == 2


def test_same_article_twice_counts_once(tracker):
    record = tracker.add(None, quote(TURAN[0]), ARTICLES["turan"])
    record = tracker.add(record, quote(TURAN[0]), ARTICLES["turan"])
    assert record.claims[0]["count"] == 1
    assert len(record.claims[0]["sources"]) == 1


def test_caps_on_sources_variants_and_claims():
    cfg = ClaimConfig(max_sources=2, max_variants=2, max_claims=3)
    tracker = ClaimTracker(cfg, clock=lambda: NOW)
    record = None
    wordings = [TURAN[0], OBOZREVATEL[0], THIRD[0], TURAN[0] + "."]
    for i, text in enumerate(wordings):
        article = {"article_id": f"a{i}", "published_at": f"2023-07-2{i}T00:00:00Z"}
        record = tracker.add(record, quote(text), article)
    claim = record.claims[0]
    assert len(claim["sources"]) == 2
    assert len(claim["variants"]) == 2
    assert claim["count"] == 4  # counting goes on past the source cap
    assert claim["last_seen"] == "2023-07-23T00:00:00Z"
    distinct = [
        "The ceasefire will take effect at midnight on Sunday",
        "Exports to China rose by 12 percent last quarter",
        "The bridge will reopen to traffic in March",
    ]
    for i, text in enumerate(distinct):
        article = {"article_id": f"b{i}", "published_at": f"2023-08-0{i + 1}T00:00Z"}
        record = tracker.add(record, quote(text), article)
    assert len(record.claims) == 3
    # The least recently seen claim (the Iran one, last seen 23 July) went first.
    assert [c["text"] for c in record.claims] == distinct


def test_expire_drops_old_claims(tracker):
    record = tracker.add(None, quote(TURAN[0]), ARTICLES["oboz"])
    record = tracker.add(record, quote(TURAN[3]), ARTICLES["turan"])
    cfg_days = tracker.cfg.ttl_days
    assert tracker.expire(record, NOW) is record
    cut = datetime(2023, 7, 26, 0, 0, tzinfo=UTC) + timedelta(days=cfg_days)
    kept = tracker.expire(record, cut)
    assert kept is not None
    assert [c["text"] for c in kept.claims] == [TURAN[3]]
    assert tracker.expire(record, NOW + timedelta(days=cfg_days + 2)) is None


def test_ttl_is_configurable():
    tracker = ClaimTracker(ClaimConfig(ttl_days=1), clock=lambda: NOW)
    record = tracker.add(None, quote(TURAN[0]), ARTICLES["turan"])
    assert tracker.expire(record, NOW) is not None
    assert tracker.expire(record, NOW + timedelta(days=1)) is None


@pytest.mark.parametrize(
    ("text", "name", "article", "reason"),
    [
        ("", "Vedant Patel", {"article_id": "a"}, "empty_text"),
        ("   \n", "Vedant Patel", {"article_id": "a"}, "empty_text"),
        ("Some claim here", None, {"article_id": "a"}, "unresolved_speaker"),
        ("Some claim here", "Vedant Patel", {}, "no_article_id"),
        (
            "Some claim here",
            "Vedant Patel",
            {"article_id": "a", "published_at": "yesterday"},
            "bad_published_at",
        ),
    ],
)
def test_invalid_input_raises_stage_error(tracker, text, name, article, reason):
    with pytest.raises(StageError) as info:
        tracker.add(None, quote(text, name), article)
    assert info.value.reason == reason
    assert info.value.stage == "claims"


def test_unresolved_speaker_has_no_key(tracker):
    assert tracker.speaker_key(quote("Something was said", None)) is None
    assert tracker.speaker_key(quote("Something was said", "  ")) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Vedant Patel", "vedant-patel"),
        ("Mr Patel", "patel"),
        ("José Álvarez", "jose-alvarez"),
        ("!!!", "unknown"),
    ],
)
def test_speaker_ids(tracker, name, expected):
    if name.startswith("Mr"):
        assert tracker.speaker_key(quote("x y z", name)) == expected
    else:
        assert speaker_id_for(name) == expected


def test_alias_merge_across_articles():
    tracker = ClaimTracker(ClaimConfig(), SpeakerDirectory(), clock=lambda: NOW)
    table: dict[str, SpeakerClaims] = {}
    feed(
        tracker,
        table,
        TURAN[:1],
        ARTICLES["turan"],
        role="Principal Deputy Spokesperson",
        org="State Department",
    )
    # An article that only says "Mr Patel", with an overlapping organisation.
    q = quote(
        OBOZREVATEL[0],
        "Mr Patel",
        article_id="oboz",
        org="US State Department",
        mention="Mr Patel",
    )
    key = tracker.speaker_key(q)
    assert key == "vedant-patel"
    table[key] = tracker.add(table.get(key), q, ARTICLES["oboz"])
    record = table["vedant-patel"]
    assert record.name == "Vedant Patel"
    assert record.claims[0]["count"] == 2
    assert "Mr Patel" in record.aliases
    assert "Vedant Patel" in record.aliases


def test_expire_accepts_naive_now(tracker):
    record = tracker.add(None, quote(TURAN[0]), ARTICLES["turan"])
    assert tracker.expire(record, datetime(2023, 7, 27)) is record  # noqa: DTZ001


@settings(max_examples=150, deadline=None)
@given(
    texts=st.lists(st.text(min_size=1, max_size=200), min_size=1, max_size=6),
    name=st.one_of(st.none(), st.text(max_size=30)),
)
def test_add_never_raises_on_arbitrary_text(texts, name):
    tracker = ClaimTracker(ClaimConfig(max_claims=3), SpeakerDirectory())
    record = None
    for i, text in enumerate(texts):
        q = quote(text, name or "Vedant Patel", article_id=f"a{i}")
        if not text.strip() or tracker.speaker_key(q) is None:
            # Blank texts and blank names are refused, never crash.
            with pytest.raises(StageError):
                tracker.add(record, q, {"article_id": f"a{i}"})
            continue
        record = tracker.add(record, q, {"article_id": f"a{i}"})
        assert 1 <= len(record.claims) <= 3
        orjson.dumps(record.to_dict())


def test_record_survives_json_round_trip(tracker):
    """A table restored from its changelog (JSON) merges exactly like the original."""
    table: dict[str, SpeakerClaims] = {}
    feed(tracker, table, TURAN, ARTICLES["turan"])
    restored = SpeakerClaims.from_dict(
        orjson.loads(orjson.dumps(table["vedant-patel"].to_dict()))
    )
    assert restored == table["vedant-patel"]
    q = quote(OBOZREVATEL[1], article_id="oboz")
    after_restore = tracker.add(restored, q, ARTICLES["oboz"])
    assert after_restore == tracker.add(table["vedant-patel"], q, ARTICLES["oboz"])
    assert after_restore.claims[1]["count"] == 2


def test_batch_equals_stream_for_same_order():
    """Two trackers (with directories) fed the same quotes agree exactly."""
    outs = []
    for _ in range(2):
        tracker = ClaimTracker(ClaimConfig(), SpeakerDirectory(), clock=lambda: NOW)
        table: dict[str, SpeakerClaims] = {}
        feed(tracker, table, TURAN, ARTICLES["turan"], org="State Department")
        feed(tracker, table, OBOZREVATEL, ARTICLES["oboz"])
        outs.append({k: v.to_dict() for k, v in table.items()})
    assert outs[0] == outs[1]


@pytest.mark.parametrize(
    ("mention", "is_alias"),
    [
        ("Mr Patel", True),
        ("Patel", True),
        ("Principal Deputy Spokesperson Vedant Patel", False),
        ("the State Department official", False),
        ("he", False),
        (None, False),
    ],
)
def test_aliases_are_names_only(tracker, mention, is_alias):
    speaker = Speaker(name="Vedant Patel", mention=mention)
    q = replace(quote(TURAN[0]), speaker=speaker)
    record = tracker.add(None, q, ARTICLES["turan"])
    assert record.aliases[0] == "Vedant Patel"
    assert (mention in record.aliases) is is_alias


def _year_old_backfill(days: int = 20, wall: datetime = NOW) -> list[dict]:
    """One article a day for ``days`` days, starting a year before ``wall``."""
    start = wall - timedelta(days=365)
    return [
        {
            "article_id": f"old-{i}",
            "source": "Archive",
            "url": None,
            "published_at": (start + timedelta(days=i)).isoformat(),
        }
        for i in range(days)
    ]


BACKFILL_TEXTS = [
    "The bridge will reopen to traffic in March after repairs",
    "Our hospitals received forty new ambulances this winter",
    "The harbour dredging contract was cancelled over costs",
    "Teachers will get a pay rise of six percent next year",
]


def test_backfill_a_year_old_keeps_every_claim():
    # The wall clock is a year after the articles: expiry must count back from
    # the newest event time the table has seen, not from the wall clock.
    tracker = ClaimTracker(ClaimConfig(ttl_days=30), clock=lambda: NOW)
    record = None
    articles = _year_old_backfill()
    for i, article in enumerate(articles):
        record = tracker.add(record, quote(BACKFILL_TEXTS[i % 4]), article)
    now = newest_seen([record])
    assert now == parse_time(articles[-1]["published_at"])
    kept = tracker.expire(record, now)
    assert kept is record
    assert sorted(c["text"] for c in kept.claims) == sorted(BACKFILL_TEXTS)
    for claim in kept.claims:
        first, last = parse_time(claim["first_seen"]), parse_time(claim["last_seen"])
        assert NOW - timedelta(days=366) < first <= last <= now


def test_expiry_counts_back_from_the_newest_event_time():
    tracker = ClaimTracker(ClaimConfig(ttl_days=30), clock=lambda: NOW)
    old = {"article_id": "a", "published_at": "2022-01-01T00:00:00Z"}
    new = {"article_id": "b", "published_at": "2022-03-01T00:00:00Z"}
    record = tracker.add(None, quote(BACKFILL_TEXTS[0]), old)
    record = tracker.add(record, quote(BACKFILL_TEXTS[1]), new)
    kept = tracker.expire(record, newest_seen([record.to_dict()]))
    assert [c["text"] for c in kept.claims] == [BACKFILL_TEXTS[1]]


def test_undated_article_takes_the_tables_time_not_the_wall_clock():
    tracker = ClaimTracker(clock=lambda: NOW)
    dated = {"article_id": "a", "published_at": "2022-05-01T12:00:00Z"}
    record = tracker.add(None, quote(TURAN[0]), dated)
    now = newest_seen([record])
    record = tracker.add(record, quote(OBOZREVATEL[0]), {"article_id": "b"}, now)
    (claim,) = record.claims
    assert claim["count"] == 2
    assert claim["first_seen"] == claim["last_seen"] == "2022-05-01T12:00:00Z"
    # With no time at all, the wall clock is the only one there is.
    fresh = tracker.add(None, quote(TURAN[0]), {"article_id": "c"})
    assert fresh.claims[0]["last_seen"] == format_time(NOW)


def test_a_date_in_the_future_counts_as_now():
    tracker = ClaimTracker(clock=lambda: NOW)
    future = {"article_id": "f", "published_at": "2099-01-01T00:00:00Z"}
    record = tracker.add(None, quote(TURAN[0]), future)
    assert record.claims[0]["last_seen"] == format_time(NOW + timedelta(days=1))
    assert record.claims[0]["sources"][0]["published_at"] == "2099-01-01T00:00:00Z"


def test_batch_backfill_keeps_claims_in_event_time(tmp_path):
    from streams.pipeline import Pipeline
    from streams.records import RawArticle

    pipeline = Pipeline()
    body = (
        'The mayor spoke on Monday. "The bridge will reopen to traffic in March '
        'after repairs," Mayor Anna Berg said.'
    )
    for i, article in enumerate(_year_old_backfill(3, wall=datetime.now(UTC))):
        pipeline.process(
            RawArticle.from_dict(
                {"id": article["article_id"], "text": body, **_dated(article, i)}
            )
        )
    (record,) = pipeline.claims_table.values()
    (claim,) = record.claims
    assert claim["count"] == 3
    assert pipeline.claims_time == parse_time(claim["last_seen"])
    assert datetime.now(UTC) - parse_time(claim["last_seen"]) > timedelta(days=360)


def _dated(article: dict, i: int) -> dict:
    return {"published_at": article["published_at"], "source": f"outlet{i}"}
