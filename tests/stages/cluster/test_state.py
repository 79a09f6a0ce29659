"""Story state: the table value round-trips; ids come from the first article."""

from __future__ import annotations

import orjson

from streams.stages.cluster.state import STATE_VERSION, StoryState, story_id


def test_state_round_trips_through_json() -> None:
    s = StoryState(
        story_id("a1"),
        2,
        10.0,
        20.0,
        {"x": 1.0, "y": 2.0},
        {"t": 1.0},
        {"e:x": 1.0},
        {"n:12": 1.0},
        ["a1", "a2"],
        {"a1": "AAAA"},
        seed={"x": 1.0},
    )
    value = orjson.loads(orjson.dumps(s.to_state()))
    assert value["v"] == STATE_VERSION
    back = StoryState.from_state(s.cid, value)
    assert back.to_state() == s.to_state()
    assert list(back.terms) == ["y", "x"]  # heaviest first after loading
    assert back.keys(1, 1, 1) == {"y", "e:x", "n:12"}


def test_story_id_is_stable() -> None:
    assert story_id("a1") == story_id("a1") != story_id("a2")
    assert story_id("a1").startswith("c-")
