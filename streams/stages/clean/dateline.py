"""Datelines: strip ``Washington D.C./26.07.23/Turan:`` from a first paragraph.

Reads one paragraph; returns the paragraph without its dateline plus a
``records.Dateline(place, date)`` with the date as an ISO string when it parses.
"""

from __future__ import annotations

import logging
import re
from datetime import date

from streams.records import Dateline
from streams.stages.clean.patterns import DATELINE

__all__ = ["parse_date", "split_dateline"]

logger = logging.getLogger(__name__)

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}
_NUMERIC = re.compile(r"^(\d{1,2})[./\-](\d{1,2})[./\-](\d{2,4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WORDY = re.compile(r"[A-Za-z]+|\d+")
# Datelines are a few words; a longer "place" is a sentence, not a dateline.
_MAX_PLACE_WORDS = 4


def _year(value: str, ref: date | None) -> int:
    y = int(value)
    if y < 100:  # two-digit years: 00-69 -> 20xx, 70-99 -> 19xx (POSIX strptime %y)
        y += 2000 if y < 70 else 1900
    return y


def parse_date(text: str, ref: date | None = None) -> str | None:
    """Parse a dateline date (``26.07.23``, ``July 25``, ``25 July 2023``) to ISO.

    Numeric dates are read day first (European and agency style). A date without a
    year takes the year of ``ref`` (the article's publication date) when given.
    """
    text = text.strip().rstrip(".")
    try:
        if m := _ISO.match(text):
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        if m := _NUMERIC.match(text):
            return date(_year(m[3], ref), int(m[2]), int(m[1])).isoformat()
        parts = _WORDY.findall(text)
        month = next((_MONTHS[p.lower()] for p in parts if p.lower() in _MONTHS), None)
        nums = [int(p) for p in parts if p.isdigit()]
        if month is None or not nums:
            return None
        day = next((n for n in nums if n <= 31), None)
        year = next((n for n in nums if n > 31), ref.year if ref else None)
        if day is None or year is None:
            return None
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def split_dateline(
    paragraph: str, ref: date | None = None
) -> tuple[str, Dateline | None]:
    """Strip a leading dateline; returns (rest of the paragraph, Dateline or None).

    The paragraph is returned unchanged when no dateline pattern matches or when
    nothing would be left after it.
    """
    for pattern in DATELINE:
        m = pattern.match(paragraph)
        if m is None:
            continue
        place = m.group("place").strip(" ,")
        rest = paragraph[m.end() :]
        if len(place.split()) > _MAX_PLACE_WORDS or not rest.strip():
            continue
        raw_date = m.groupdict().get("date")
        iso = parse_date(raw_date, ref) if raw_date else None
        return rest, Dateline(place=place, date=iso)
    return paragraph, None
