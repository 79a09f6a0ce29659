from __future__ import annotations

import orjson
import pytest

from streams.errors import StageError
from streams.records import Quote, Speaker
from streams.stages.claims.aliases import SpeakerConfig, SpeakerDirectory, split_name


def quote(
    name: str | None,
    role: str | None = None,
    org: str | None = None,
    article_id: str = "a",
) -> Quote:
    return Quote(
        quote_id=f"{article_id}-{name}",
        article_id=article_id,
        kind="direct",
        text="Something was said here",
        start=0,
        end=23,
        speaker=Speaker(name=name, mention=name, role=role, organization=org),
    )


PATEL = quote("Vedant Patel", "Principal Deputy Spokesperson", "State Department")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Vedant Patel", ("Vedant", "Patel")),
        ("Mr Patel", ("Patel",)),
        ("Mr. Patel", ("Patel",)),
        ("Dr. Martin Luther King Jr.", ("Martin", "Luther", "King")),
        ("  ", ()),
        ("Mr", ("Mr",)),
    ],
)
def test_split_name(name, words):
    assert split_name(name) == words


@pytest.mark.parametrize(
    "later",
    [
        quote("Patel"),  # unique surname, no context
        quote("Mr Patel", org="US State Department"),  # organisation overlaps
        quote("Patel", role="Deputy Press Secretary"),  # role overlaps
    ],
)
def test_surname_joins_known_full_name(later):
    directory = SpeakerDirectory()
    assert directory.observe(PATEL) == "vedant-patel"
    out = directory.assign(later)
    assert out.speaker.name == "Vedant Patel"
    assert out.speaker.resolved_by == "alias"
    assert directory.observe(later) == "vedant-patel"


def test_full_name_is_kept_as_is():
    directory = SpeakerDirectory()
    assert directory.assign(PATEL) is PATEL
    assert len(directory) == 1


def test_same_surname_different_people_stay_apart():
    directory = SpeakerDirectory()
    priya = quote("Priya Patel", "Home Secretary", "UK Home Office")
    assert directory.observe(PATEL) == "vedant-patel"
    assert directory.observe(priya) == "priya-patel"
    # Context picks the right one.
    home = directory.assign(quote("Ms Patel", org="Home Office"))
    assert home.speaker.name == "Priya Patel"
    state = directory.assign(quote("Patel", role="Deputy Spokesperson"))
    assert state.speaker.name == "Vedant Patel"
    # No context and two candidates: not guessed.
    assert directory.resolve(quote("Patel")) == ("patel", "Patel")


def test_conflicting_context_stays_apart():
    directory = SpeakerDirectory()
    directory.observe(PATEL)
    cricket = quote("Patel", role="batsman", org="Kenya cricket team")
    assert directory.resolve(cricket) == ("patel", "Patel")


def test_surname_before_full_name_is_its_own_speaker():
    directory = SpeakerDirectory()
    assert directory.observe(quote("Patel")) == "patel"
    assert directory.observe(PATEL) == "vedant-patel"
    # Once the full name is known, a bare surname joins it.
    assert directory.resolve(quote("Patel"))[0] == "vedant-patel"


def test_unnamed_speaker_is_not_tracked():
    directory = SpeakerDirectory()
    q = quote(None)
    assert directory.resolve(q) is None
    assert directory.observe(q) is None
    assert directory.assign(q) is q
    assert SpeakerDirectory.surname_key(q) is None


def test_assign_rejects_non_quotes():
    with pytest.raises(StageError):
        SpeakerDirectory().assign({"speaker": "x"})  # type: ignore[arg-type]


def test_snapshot_restore_round_trip():
    directory = SpeakerDirectory()
    directory.observe(PATEL)
    directory.observe(quote("Priya Patel", "Home Secretary", "Home Office"))
    directory.observe(quote("Antony Blinken", "Secretary of State"))
    snap = orjson.loads(orjson.dumps(directory.snapshot()))
    restored = SpeakerDirectory()
    restored.restore(snap)
    assert restored.snapshot() == directory.snapshot()
    probe = quote("Mr Patel", org="State Department")
    assert (
        restored.resolve(probe)
        == directory.resolve(probe)
        == (
            "vedant-patel",
            "Vedant Patel",
        )
    )


def test_restore_rejects_bad_snapshot():
    with pytest.raises(StageError):
        SpeakerDirectory().restore({"nope": 1})


def test_per_surname_rows_match_whole_directory():
    whole = SpeakerDirectory()
    whole.observe(PATEL)
    key = SpeakerDirectory.surname_key(PATEL)
    assert key == "patel"
    row = orjson.loads(orjson.dumps(whole.export_surname(key)))
    part = SpeakerDirectory()
    part.import_surname(key, row)
    part.import_surname("nobody", None)
    probe = quote("Patel", org="State Department")
    assert part.resolve(probe) == whole.resolve(probe)


def test_bounds():
    directory = SpeakerDirectory(SpeakerConfig(max_per_surname=2, max_surnames=2))
    for first in ("Ann", "Bob", "Cid"):
        directory.observe(quote(f"{first} Smith"))
    assert len(directory) == 2
    assert "ann-smith" not in directory.snapshot()["surnames"]["smith"]
    directory.observe(quote("Dan Jones"))
    directory.observe(quote("Eve Brown"))
    assert set(directory.snapshot()["surnames"]) == {"jones", "brown"}


def test_deterministic_for_same_order():
    quotes = [
        PATEL,
        quote("Patel"),
        quote("Priya Patel", org="Home Office"),
        quote("Patel", org="Home Office"),
    ]
    runs = []
    for _ in range(2):
        directory = SpeakerDirectory()
        runs.append([directory.observe(q) for q in quotes])
    assert (
        runs[0]
        == runs[1]
        == [
            "vedant-patel",
            "vedant-patel",
            "priya-patel",
            "priya-patel",
        ]
    )


def test_surname_state_moves_only_with_people_context_or_recency_order():
    directory = SpeakerDirectory()
    key = directory.surname_key(PATEL)
    assert key is not None
    assert directory.surname_state(key) == ()
    directory.observe(PATEL)
    one = directory.surname_state(key)
    directory.observe(PATEL)  # the latest person again: nothing to write
    assert directory.surname_state(key) == one
    directory.observe(quote("Priya Patel"))
    two = directory.surname_state(key)
    assert [sid for sid, _, _ in two] == ["vedant-patel", "priya-patel"]
    directory.observe(quote("Priya Patel"))
    assert directory.surname_state(key) == two
    directory.observe(PATEL)  # the order changes: evictions depend on it
    assert [sid for sid, _, _ in directory.surname_state(key)] == [
        "priya-patel",
        "vedant-patel",
    ]
    directory.observe(quote("Vedant Patel", org="White House"))  # a context word
    assert "house" in directory.surname_state(key)[-1][2]
