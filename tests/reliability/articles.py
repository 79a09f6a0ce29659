"""Generate short, real-looking news articles for reliability tests and benchmarks.

Articles are recombined at run time from the seed articles and the MIT-licensed
article-extraction benchmark pages (read from ``/work/shared`` or the paths in
``STREAMS_SEEDS`` / ``STREAMS_BENCHMARK_PAGES``); nothing generated is written to
the repository. Each story has speakers with roles, a place, numbers and a few
claims; several outlets report each story with their own wording, so clustering
and the claims table have real work to do.
"""

from __future__ import annotations

import os
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import orjson

__all__ = ["generate_articles", "sentence_pool"]

_SHARED = Path(__file__).resolve().parents[3] / "shared"
SEEDS = Path(
    os.environ.get(
        "STREAMS_SEEDS", Path(__file__).resolve().parents[2] / "examples" / "seeds"
    )
)
PAGES = Path(
    os.environ.get(
        "STREAMS_BENCHMARK_PAGES", _SHARED / "data" / "article-extraction-benchmark"
    )
)

_FIRST = (
    "Vedant Maria John Olena Rafael Amina Peter Sofia Tomas Leyla Daniel Irina "
    "Samuel Hannah Marek Elif Jonas Nadia Victor Laura Ahmed Clara Pavel Grace"
).split()
_LAST = (
    "Patel Kovalenko Hughes Aliyev Moreno Novak Fischer Haddad Brennan Sato "
    "Lindqvist Okafor Petrov Duarte Whitman Horvat Mensah Karimova Douglas Reyes "
    "Schultz Varga Coleman Ibrahim"
).split()
_ROLES = (
    "Principal Deputy Spokesperson",
    "Foreign Minister",
    "Defense Minister",
    "central bank governor",
    "chief economist",
    "mayor",
    "senior adviser",
    "Energy Minister",
)
_ORGS = (
    "the State Department",
    "the Foreign Ministry",
    "the European Commission",
    "the United Nations",
    "the central bank",
    "the Defense Ministry",
)
_PLACES = (
    "Kyiv Washington Baku Brussels Ankara Warsaw Tbilisi Vienna Geneva Nairobi "
    "Jakarta Lima Oslo Rabat Hanoi Seoul"
).split()
_OUTLETS = (
    "turan obozrevatel wire-east daily-ledger metro-post harbor-times "
    "capital-news river-gazette"
).split()
_VERBS = ("said", "told reporters", "said on Tuesday", "added", "stressed")
_CLAIMS = (
    "{place} will receive {n} million dollars in aid before the end of the year",
    "the talks in {place} produced no agreement on the {n} disputed points",
    "{n} drones were shot down over {place} overnight",
    "prices in {place} rose by {n} percent in the last quarter",
    "the partnership with {place} continues to deepen",
    "{n} inspectors will be sent to {place} next week",
    "the ceasefire around {place} has been violated {n} times",
    "the new plant near {place} will employ {n} workers",
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


@cache
def sentence_pool() -> tuple[str, ...]:
    """Plain sentences (no quote marks) from the seeds and benchmark gold bodies."""
    texts: list[str] = []
    if SEEDS.is_dir():
        texts.extend(p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt")))
    truth = PAGES / "ground-truth.json"
    if truth.is_file():
        data = orjson.loads(truth.read_bytes())
        texts.extend(str(v.get("articleBody") or "") for v in data.values())
    pool = []
    for text in texts:
        for line in text.splitlines():
            for sentence in _SENTENCE.split(line.strip()):
                if (
                    60 <= len(sentence) <= 220
                    and sentence.isascii()
                    and not re.search("[\"']", sentence)
                ):
                    pool.append(sentence)
    if len(pool) < 50:
        raise FileNotFoundError(f"too few sentences under {SEEDS} and {PAGES}")
    return tuple(pool)


@dataclass(frozen=True, slots=True)
class _Story:
    index: int
    speakers: tuple[tuple[str, str, str], ...]  # name, role, organisation
    place: str
    claims: tuple[str, ...]
    background: tuple[str, ...]
    start: datetime


def _story(rng: random.Random, index: int, start: datetime) -> _Story:
    pool = sentence_pool()
    speakers = tuple(
        (
            f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
            rng.choice(_ROLES),
            rng.choice(_ORGS),
        )
        for _ in range(rng.randint(1, 2))
    )
    place = rng.choice(_PLACES)
    claims = tuple(
        rng.choice(_CLAIMS).format(place=place, n=rng.randint(2, 900))
        for _ in range(rng.randint(2, 3))
    )
    return _Story(index, speakers, place, claims, tuple(rng.sample(pool, 4)), start)


def _article(rng: random.Random, story: _Story, number: int) -> dict[str, Any]:
    outlet = rng.choice(_OUTLETS)
    published = story.start + timedelta(minutes=rng.randint(0, 600))
    lines = [f"{story.place}/{published:%d.%m.%y}/{outlet.title()}:"]
    sentences: list[str] = []
    for claim in rng.sample(story.claims, rng.randint(1, len(story.claims))):
        name, role, org = rng.choice(story.speakers)
        surname = name.split()[-1]
        form = rng.randrange(3)
        if form == 0:
            sentences.append(
                f'"{claim[0].upper()}{claim[1:]}," {role} {name} {rng.choice(_VERBS)}.'
            )
        elif form == 1:
            sentences.append(f"{name} of {org} said that {claim}.")
        else:
            sentences.append(f'"{claim[0].upper()}{claim[1:]}," {surname} said.')
    sentences.extend(rng.sample(story.background, rng.randint(1, 2)))
    rng.shuffle(sentences)
    lines[0] += " " + sentences[0]
    body = "\n\n".join([lines[0], *sentences[1:]])
    title = f"{story.place}: {story.claims[0][:60].rstrip()}"
    return {
        "id": f"gen-{number:06d}",
        "source": outlet,
        "url": f"https://{outlet}.example/news/{story.index}/{number}",
        "title": title[0].upper() + title[1:],
        "text": body,
        "published_at": published.isoformat(),
        "language": "en",
    }


def generate_articles(
    count: int, seed: int = 7, start: datetime | None = None
) -> Iterator[dict[str, Any]]:
    """Yield ``count`` RawArticle dicts (ids ``gen-000000``…), deterministic per seed.

    About one story per six articles; a story's articles arrive close together, as
    on a real wire, with stories overlapping; a new story every 20 minutes of
    publication time from ``start`` (default 20 July 2023).
    """
    rng = random.Random(seed)
    start = start or datetime(2023, 7, 20, 6, tzinfo=UTC)
    open_stories: list[_Story] = []
    made = 0
    for number in range(count):
        if not open_stories or rng.random() < 1 / 6:
            open_stories.append(_story(rng, made, start + timedelta(minutes=20 * made)))
            made += 1
            if len(open_stories) > 8:
                open_stories.pop(0)
        yield _article(rng, rng.choice(open_stories), number)
