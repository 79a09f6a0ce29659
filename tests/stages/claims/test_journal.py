"""The directory's batch rows: a restart gives the directory back; rows stay bounded."""

from __future__ import annotations

import random
from typing import Any

import orjson

from streams.stages.claims import journal
from streams.stages.claims.aliases import SpeakerConfig, SpeakerDirectory
from streams.stages.claims.journal import DirectoryJournal
from tests.stages.claims.test_aliases import quote

Rows = dict[str, dict[str, Any]]


def apply(table: Rows, writes: Rows, deletes: list[str]) -> None:
    """What the compacted table keeps: JSON values, deletes after writes."""
    table.update(orjson.loads(orjson.dumps(writes)))
    for key in deletes:
        del table[key]


def restart(table: Rows, config: SpeakerConfig) -> DirectoryJournal:
    kept = DirectoryJournal(SpeakerDirectory(config))
    kept.load(sorted(table.items(), key=lambda kv: kv[0][::-1]))  # any order
    return kept


def observe(kept: DirectoryJournal, table: Rows, names: list[tuple[str, str]]) -> None:
    for name, org in names:
        kept.directory.assign(quote(name, org=org or None))
    surnames = {kept.directory.surname_key(quote(name)) for name, _ in names}
    apply(table, *kept.commit(s for s in surnames if s))


def test_random_batches_with_restarts_end_as_one_run():
    rng = random.Random(7)
    surnames = "Patel Lee Lopez Byrne Khan Smith Ito Novak Silva Cohen Diaz".split()
    firsts = "Ann Bo Cy Di Ed Flo".split()
    orgs = ["", "State Department", "Reuters", "the Senate"]
    config = SpeakerConfig(max_surnames=5, max_per_surname=3, max_context=2)
    table: Rows = {}
    live = restart(table, config)
    for step in range(500):
        names = [
            (rng.choice([f"{rng.choice(firsts)} {last}", last]), rng.choice(orgs))
            for last in rng.sample(surnames, rng.randint(0, 5))
        ]
        observe(live, table, names)
        assert len(table) <= 5
        assert len(live) == sum(len(row["surnames"]) for row in table.values())
        assert len(live) <= 2 * 5
        if step % 5 == 0:
            again = restart(table, config)
            assert again.directory.snapshot() == live.directory.snapshot()
            assert list(again.directory.snapshot()["surnames"]) == list(
                live.directory.snapshot()["surnames"]
            )
            live = again


def test_rows_of_one_surname_are_read_and_replaced():
    """Rows keyed by surname (written before batch rows) load and then go."""
    old = SpeakerDirectory()
    for name in ("Vedant Patel", "Ann Lee", "Patel"):
        old.assign(quote(name, org="State Department"))
    table: Rows = {s: old.export_surname(s) for s in ("patel", "lee")}
    kept = restart(table, SpeakerConfig())
    assert kept.directory.snapshot() == old.snapshot()
    observe(kept, table, [("Patel", "")])
    assert sorted(table) == [journal.row_key(0), "lee"]
    assert restart(table, SpeakerConfig()).directory.snapshot() == (
        kept.directory.snapshot()
    )


def test_entries_copied_forward_per_batch_are_capped(monkeypatch):
    monkeypatch.setattr(journal, "MAX_COPIED", 3)
    table: Rows = {}
    kept = restart(table, SpeakerConfig())
    observe(kept, table, [(f"Ann Name{i}", "") for i in range(10)])
    observe(kept, table, [(f"Ann Name{i}", "") for i in range(10, 20)])
    # Six of ten entries newest elsewhere: both rows are sparse, and the first
    # one's four entries fill this batch's allowance.
    observe(kept, table, [(f"Ann Name{i}", "") for i in [*range(6), *range(10, 16)]])
    assert sorted(table) == [journal.row_key(1), journal.row_key(2)]
    assert len(table[journal.row_key(2)]["surnames"]) == 16
    observe(kept, table, [("Bo Other", "")])
    assert sorted(table) == [journal.row_key(2), journal.row_key(3)]
    copied = table[journal.row_key(3)]["surnames"]
    assert sorted(copied) == ["name16", "name17", "name18", "name19", "other"]
    assert restart(table, SpeakerConfig()).directory.snapshot() == (
        kept.directory.snapshot()
    )
