"""The page's JSON and live events with two workers: any worker answers alike."""

from __future__ import annotations

import asyncio
import time
import urllib.error
import urllib.request
from typing import Any

import aiohttp
import orjson
import pytest

from streams.inputs import iter_input_payloads
from streams.testing import free_port
from tests.conftest import REPO, SEEDS
from tests.integration.helpers import ensure_topics, produce_payloads

pytestmark = pytest.mark.kafka

THIRD = REPO / "tests" / "data" / "third-outlet.jsonl"
THIRD_ID = "kyivpost-2023-07-26"


def get(url: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:  # noqa: S310 - localhost
            return resp.status, orjson.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, orjson.loads(exc.read())


def story_of(base: str) -> dict[str, Any] | None:
    status, body = get(base + "/stories?q=patel")
    stories = body.get("stories") if status == 200 else None
    return stories[0] if stories else None


async def article_events(urls: list[str], produce: Any) -> list[list[dict]]:
    """The ``article`` events each worker's stream sends after ``produce()``."""
    async with aiohttp.ClientSession() as session:
        streams = [await session.get(u + "/ui/events") for u in urls]

        async def ready(resp: aiohttp.ClientResponse) -> None:
            async for line in resp.content:
                if line.startswith(b"event: ready"):
                    return

        await asyncio.wait_for(asyncio.gather(*(ready(r) for r in streams)), 30)
        await asyncio.to_thread(produce)

        async def read(resp: aiohttp.ClientResponse) -> list[dict]:
            events: list[dict] = []
            kind = ""
            async for raw in resp.content:
                line = raw.decode().strip()
                if line.startswith("event: "):
                    kind = line[len("event: ") :]
                elif line.startswith("data: ") and kind == "article":
                    event = orjson.loads(line[len("data: ") :])
                    # A rebalance may resend an earlier article's assignment
                    # (at least once); the produced article is the one awaited.
                    if event["article_id"] == THIRD_ID:
                        events.append(event)
                        return events
            return events

        try:
            return await asyncio.wait_for(
                asyncio.gather(*(read(r) for r in streams)), 60
            )
        finally:
            for resp in streams:
                resp.close()


def test_every_worker_serves_the_same_stories_and_live_events(
    test_settings, worker_factory
):
    settings = test_settings
    ensure_topics(settings)
    workers = [worker_factory(settings.with_(web_port=free_port())) for _ in range(2)]
    urls = [w.url for w in workers]
    produce_payloads(settings, list(iter_input_payloads([SEEDS])))

    deadline = time.monotonic() + 120
    stories: list[dict[str, Any] | None] = []
    while time.monotonic() < deadline:
        stories = [story_of(u) for u in urls]
        if all(s and s["article_count"] == 2 for s in stories):
            break
        time.sleep(1)
    first, second = stories
    assert first is not None
    assert first == second
    assert {o["source"] for o in first["outlets"]} == {"obozrevatel", "turan"}

    story_id = first["cluster_id"]
    details = [get(f"{u}/stories/{story_id}") for u in urls]
    assert details[0] == details[1]
    status, detail = details[0]
    assert status == 200
    assert detail["quotes_by_speaker"][0]["speaker_id"] == "vedant-patel"
    # The claims table is one hop after the stories: it may trail them briefly.
    while time.monotonic() < deadline:
        if all(get(f"{u}/speakers/vedant-patel")[0] == 200 for u in urls):
            break
        time.sleep(0.5)
    assert all(get(f"{u}/speakers/vedant-patel")[0] == 200 for u in urls)
    assert get(f"{urls[1]}/stories/no-such-story")[0] == 404
    assert get(f"{urls[0]}/stories?limit=1000")[0] == 400

    # Whichever worker clusters the article, both streams tell their pages.
    def produce_third() -> None:
        produce_payloads(settings, list(iter_input_payloads([THIRD])))

    events = asyncio.run(article_events(urls, produce_third))
    for got in events:
        assert got == [
            {
                "type": "article",
                "article_id": THIRD_ID,
                "cluster_id": story_id,
                "new_cluster": False,
            }
        ]
