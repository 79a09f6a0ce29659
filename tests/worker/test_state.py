"""The worker's tables: story rows hold cluster and story; directory rows as needed."""

from __future__ import annotations

import random
from typing import Any

import pytest

from streams.records import Quote, Speaker
from streams.settings import Settings
from streams.stages import STAGES
from streams.stages.claims.aliases import SpeakerConfig, SpeakerDirectory
from streams.worker.state import WorkerState
from streams.worker.story_index import cluster_part, story_of
from tests.stages.cluster.articles import (
    AUGUST_PENTAGON,
    JUNE_WHITE_HOUSE,
    art,
    oboz,
    turan,
)


def quote(name: str, org: str | None = None) -> Quote:
    return Quote(
        quote_id=f"q-{name}-{org}",
        article_id="a",
        kind="direct",
        text="Something was said here",
        start=0,
        end=23,
        speaker=Speaker(name=name, mention=name, organization=org),
    )


class Table(dict):
    """A table stand-in that counts writes."""

    writes = 0

    def __setitem__(self, key: bytes, value: Any) -> None:
        self.writes += 1
        super().__setitem__(key, value)


def restored(table: Table) -> WorkerState:
    """A worker state rebuilt from the tables, as after a restart."""
    state = WorkerState(Settings(parse_process=False))
    state.ensure_clusters_loaded({}, {}, table)
    return state


def batch(state: WorkerState, table: Table, names: list[str]) -> int:
    """Resolve a batch's speakers, save the directory; returns the rows written."""
    before = table.writes
    for name in names:
        state.resolve_speaker(table, quote(name))
    state.save_directory(table)
    return table.writes - before


def test_a_batch_writes_one_row_and_rows_no_longer_newest_go():
    table = Table()
    state = restored(table)
    assert batch(state, table, ["Vedant Patel", "Patel", "Ann Lee"]) == 1
    assert batch(state, table, []) == 0
    (first,) = table
    assert sorted(table[first]["surnames"]) == ["lee", "patel"]
    assert batch(state, table, ["Vedant Patel"]) == 1
    assert first in table  # still the newest row of "lee"
    assert batch(state, table, ["Ann Lee"]) == 1
    assert first not in table
    assert len(table) == 2


def test_a_restart_from_the_rows_resolves_and_evicts_alike():
    """The rows give the whole directory back: people, recency order, counter."""
    table = Table()
    live = restored(table)
    batches = [
        ["Vedant Patel", "Priya Patel"],
        ["Priya Patel", "Priya Patel"],
        ["Vedant Patel"],
        ["Vedant Patel", "Ann Lee"],
    ]
    assert [batch(live, table, names) for names in batches] == [1, 1, 1, 1]
    again = restored(table)
    assert again.directory.snapshot() == live.directory.snapshot()
    # Enough new Patels to evict the least recently seen of each directory.
    more = [f"{first} Patel" for first in "Ada Bo Cy Di Ed Fay Gus Hal".split()]
    for state in (live, again):
        batch(state, table, more)
    key = live.directory.surname_key(quote("Patel"))
    assert key is not None
    assert again.directory.surname_state(key) == live.directory.surname_state(key)
    assert len(live.directory.surname_state(key)) == 8
    for name in ("Patel", "Vedant Patel", "Priya Patel", "Ada Patel"):
        q = quote(name)
        assert again.directory.resolve(q) == live.directory.resolve(q)


def small_directory(monkeypatch: pytest.MonkeyPatch, surnames: int) -> None:
    config = SpeakerConfig(max_surnames=surnames, max_per_surname=2)
    monkeypatch.setitem(STAGES, "speakers", lambda _: SpeakerDirectory(config))


def test_rows_of_surnames_the_cap_drops_leave_the_table(monkeypatch):
    small_directory(monkeypatch, 2)
    table = Table()
    state = restored(table)
    batch(state, table, ["Vedant Patel", "Ann Lee"])
    batch(state, table, ["Maria Lopez", "Tom Byrne"])
    assert [sorted(row["surnames"]) for row in table.values()] == [["byrne", "lopez"]]


def test_the_recency_order_and_the_cap_survive_restarts(monkeypatch):
    """Random batches with restarts between them end as one uninterrupted run.

    A small cap drops surnames whose older rows are still in the table; the
    restarted directory must drop them again, and the table stays bounded.
    """
    rng = random.Random(23)
    surnames = "Patel Lee Lopez Byrne Khan Smith Ito Novak Silva Cohen".split()
    firsts = "Ann Bo Cy Di Ed".split()
    small_directory(monkeypatch, 4)
    table = Table()
    live = restored(table)
    rows_written = 0
    for step in range(300):
        names = [
            rng.choice([f"{rng.choice(firsts)} {last}", last])
            for last in rng.sample(surnames, rng.randint(0, 4))
        ]
        rows_written += batch(live, table, names)
        # Each row is the newest for one of the 4 surnames kept at least, and
        # for half its entries: the table holds at most twice the directory.
        assert len(table) <= 4
        assert sum(len(r["surnames"]) for r in table.values()) <= 2 * 4
        if step % 7 == 0:
            again = restored(table)
            assert again.directory.snapshot() == live.directory.snapshot()
            assert list(again.directory.snapshot()["surnames"]) == list(
                live.directory.snapshot()["surnames"]
            )
            live = again
    assert rows_written < 300


def cluster_batch(state: WorkerState, table: Table, articles: list) -> int:
    """Cluster a batch and save it as the agent does; returns the rows written."""
    before = table.writes
    summaries = [state.article_summary(a, [], state.clusterer(a)) for a in articles]
    state.save_clusters(table, summaries)
    return table.writes - before


def test_a_story_row_holds_cluster_and_summary_written_once_per_batch():
    table = Table()
    live = WorkerState(Settings(parse_process=False))
    assert cluster_batch(live, table, [oboz(), JUNE_WHITE_HOUSE, turan()]) == 2
    (seeds,) = [row for row in table.values() if story_of(row)["article_count"] == 2]
    assert seeds["members"]
    assert story_of(seeds)["headline"]
    # A restart rebuilds the clusterer and the recent stories from the rows alone.
    again = WorkerState(Settings(parse_process=False))
    again.ensure_clusters_loaded(table, {}, {})
    again.load_recent_stories(table)
    assert again.recent_stories.page(0, 10) == live.recent_stories.page(0, 10)
    late = art("late", story_of(seeds)["headline"], oboz().text, None, "third")
    rows = [Table(), table]
    for state, rows_of in zip((again, live), rows, strict=True):
        assert cluster_batch(state, rows_of, [AUGUST_PENTAGON, late]) == 2
    # The same clusters after the restart (stories differ only in arrival times).
    assert {k: cluster_part(v) for k, v in rows[0].items()} == {
        k: cluster_part(table[k]) for k in rows[0]
    }
    row = table[story_of(seeds)["cluster_id"].encode()]
    assert story_of(row)["article_count"] == 3
    assert cluster_part(row)["members"][-1] == "late"
    assert live.recent_stories.page(0, 1)[1] == [story_of(row)["cluster_id"]]
