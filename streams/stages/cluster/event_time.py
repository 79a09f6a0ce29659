"""Event time: when an article's story happened, from the article alone.

Reads a CleanedArticle's ``published_at``, ``dateline``, ``url``, ``title`` and
``text``; returns an :class:`EventTime` (epoch seconds or None, and where it came
from). The anchor is, in this order, ``published_at``, the dateline's date, a date
in the url (``/2021/04/20/``) or the latest full date written in the text
("July 25, 2019", "25 July 2019", "2019-07-25"). A weekday or day-month phrase in
the lead ("on Tuesday", "on 25 July") is resolved against a day-only anchor
(dateline, url, text) and, when it falls in the three days up to it, moves the time
to noon of the day it names: an outlet writing the next morning and one writing
the same evening then agree on the day.
Nothing anchors a phrase on its own (a bare "Tuesday, 25 July" could be 2017 or
2023), so an article with no anchor has an unknown time; the wall clock is never
used, and neither is any other article, so the result does not depend on the
order articles arrive in.

Why regular expressions rather than ``dateparser`` (installed with trafilatura):
dateparser resolves these phrases too, but took 1.4-6.8 ms per phrase here
against the stage's budget of about 2 ms per article, and falls back to the
current date when no base is given, which an event time must never do. The few
shapes that news writes are found by the patterns below and parsed by
:func:`streams.stages.clean.dateline.parse_date` (the cleaning stage's dateline
parser); url dates come from ``htmldate``'s url extractor.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from htmldate.extractors import extract_url_date
from htmldate.utils import Extractor

from streams.records import CleanedArticle
from streams.stages.clean.dateline import parse_date

__all__ = ["EventTime", "event_time", "text_dates"]

logger = logging.getLogger(__name__)

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
    r"|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# Full dates: the year makes them anchors on their own.
_FULL = re.compile(
    rf"\b(?:{_MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH},? \d{{4}}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{4})\b"
)
# Phrases that need an anchor: a day and month, or a weekday.
_DAY_MONTH = re.compile(
    rf"\b(?:{_MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)? "
    rf"(?:of )?{_MONTH})\b(?!,? \d{{4}})"
)
_ON_WEEKDAY = re.compile(rf"\b(?:[Oo]n|[Ll]ast|[Tt]his) ({_WEEKDAY})\b")
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b| of ")
# Years outside this range in a "full date" are typos or history, not the event.
_MIN_YEAR, _MAX_YEAR = 1990, 2100
# The lead: where the day of the reported event is written ("said on Tuesday").
_LEAD_CHARS = 600
# Full dates are looked for in the page's start, where furniture dates sit.
_TEXT_CHARS = 4000
# A fixed upper bound for url dates: htmldate needs one, and the clock is no input.
_URL_OPTIONS = Extractor(
    False,
    datetime(_MAX_YEAR, 1, 1),  # noqa: DTZ001 - htmldate compares naive datetimes
    datetime(_MIN_YEAR, 1, 1),  # noqa: DTZ001
    False,
    "%Y-%m-%d",
)
# How far back a lead phrase may move the time. With six days (any weekday),
# 2 of 130 dated pages of the development stream moved to a background day
# ("ran aground on Tuesday" in a report of the refloating six days later);
# with three, none did, and a next-day or weekend report still moves.
_LEAD_DAYS = 3


@dataclass(frozen=True, slots=True)
class EventTime:
    """When an article's story happened: epoch seconds, or None when unknown.

    ``source`` is ``published``, ``dateline``, ``url``, ``text`` or ``unknown``;
    ``lead`` is True when a lead phrase moved the time to the day it names.
    """

    t: float | None
    source: str
    lead: bool = False

    @property
    def known(self) -> bool:
        """Whether anything anchors the time."""
        return self.t is not None


UNKNOWN = EventTime(None, "unknown")


def _noon(day: date) -> float:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp()


def _iso_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return day if _MIN_YEAR <= day.year < _MAX_YEAR else None


def text_dates(text: str) -> list[date]:
    """Full dates (with a year) written in a text, in order of appearance."""
    out = []
    for m in _FULL.finditer(text[:_TEXT_CHARS]):
        day = _iso_day(parse_date(_ORDINAL.sub(" ", m.group())))
        if day is not None:
            out.append(day)
    return out


def _lead_day(lead: str, anchor: date) -> date | None:
    """The day a lead phrase names, resolved against the anchor (None: none fits)."""
    best: tuple[int, date] | None = None
    for m in _DAY_MONTH.finditer(lead):
        phrase = _ORDINAL.sub(" ", m.group())
        day = _iso_day(parse_date(phrase, anchor))
        if day is not None and day > anchor:  # "on 30 December" read in January
            day = _iso_day(parse_date(phrase, date(anchor.year - 1, 1, 1)))
        if day is not None and 0 <= (anchor - day).days <= _LEAD_DAYS:
            best = best or (m.start(), day)
    for m in _ON_WEEKDAY.finditer(lead):
        name = m.group(1).lower()
        wd = _WEEKDAYS.index(name) if name in _WEEKDAYS else 6
        day = anchor - timedelta(days=(anchor.weekday() - wd) % 7)
        if (anchor - day).days <= _LEAD_DAYS and (best is None or m.start() < best[0]):
            best = (m.start(), day)
    return best[1] if best else None


def event_time(article: CleanedArticle) -> EventTime:
    """The article's event time (see the module docstring); never the wall clock."""
    if article.published_at is not None:
        # A publication time is exact and within a day or so of the event; a
        # day named in the lead would only make it coarser.
        return EventTime(article.published_at.timestamp(), "published")
    else:
        anchor = _iso_day(article.dateline.date if article.dateline else None)
        source = "dateline"
        if anchor is None and article.url:
            anchor = _iso_day(extract_url_date(article.url, _URL_OPTIONS))
            source = "url"
        if anchor is None:
            found = text_dates(f"{article.title or ''}\n{article.text}")
            anchor = max(found) if found else None
            source = "text"
        if anchor is None:
            return UNKNOWN
    lead = _lead_day(article.text[:_LEAD_CHARS], anchor)
    if lead is not None and lead != anchor:
        return EventTime(_noon(lead), source, lead=True)
    return EventTime(_noon(anchor), source)
