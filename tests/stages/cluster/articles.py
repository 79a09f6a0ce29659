"""Articles shared by the clustering tests: the seeds and same-actor other events."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from streams.records import CleanedArticle

# The seeds live in the repository (examples/seeds/).
SEEDS = Path(__file__).resolve().parents[3] / "examples" / "seeds"


def art(
    aid: str,
    title: str | None,
    text: str,
    when: datetime | None,
    source: str = "test",
) -> CleanedArticle:
    paras = tuple(p for p in text.split("\n\n") if p.strip())
    return CleanedArticle(
        article_id=aid,
        text=text,
        paragraphs=paras,
        title=title,
        published_at=when,
        source=source,
        language="en",
    )


def seed(name: str, title_line: int, aid: str, when: datetime) -> CleanedArticle:
    lines = [ln.strip() for ln in (SEEDS / name).read_text().splitlines() if ln.strip()]
    return art(aid, lines[title_line], "\n\n".join(lines[title_line + 1 :]), when)


def oboz() -> CleanedArticle:
    return seed(
        "obozrevatel-2023-07-25.txt",
        0,
        "obozrevatel-patel",
        datetime(2023, 7, 25, 15, 40, tzinfo=UTC),
    )


def turan() -> CleanedArticle:
    return seed(
        "turan-2023-07-26.txt",
        1,
        "turan-patel",
        datetime(2023, 7, 26, 6, 10, tzinfo=UTC),
    )


# Same names (Iran, Russia, drones, the State Department), other events.
JUNE_WHITE_HOUSE = art(
    "june-white-house",
    "White House: Iran is helping Russia build a drone factory east of Moscow",
    "The White House on Friday released satellite imagery of a site in the Alabuga "
    "special economic zone in Tatarstan where, it said, Russia plans to build a "
    "factory for Iranian-designed attack drones with Tehran's help.\n\n"
    "National Security Council spokesman John Kirby told reporters on 9 June that "
    "the plant could be fully operational early next year and that Iran has been "
    "shipping components across the Caspian Sea to Makhachkala.\n\n"
    "Kirby said Washington would announce new export controls aimed at the supply "
    "chain. Asked about the disclosure, State Department spokesman Vedant Patel "
    "referred questions to the White House.",
    datetime(2023, 6, 9, 18, 0, tzinfo=UTC),
)
AUGUST_PENTAGON = art(
    "august-pentagon",
    "Pentagon says Russian drone plant built with Iran is close to production",
    "The Pentagon said on Thursday, 17 August, that the drone factory Russia is "
    "building with Iranian assistance in Yelabuga is close to starting serial "
    "production of Shahed-type drones.\n\n"
    "Pentagon press secretary Brigadier General Pat Ryder told a briefing at the "
    "Defense Department that the United States had seen the first airframes leave "
    "the assembly lines and would keep supplying Ukraine with air defence.\n\n"
    "Ryder declined to give numbers. The State Department's Vedant Patel and other "
    "officials have repeatedly called Iran Russia's main military backer.",
    datetime(2023, 8, 17, 19, 30, tzinfo=UTC),
)
