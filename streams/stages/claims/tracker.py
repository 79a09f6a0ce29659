"""Claims stage: quotes -> per-speaker claims (the ``claims`` table value).

Reads `Quote.text`, `kind` and `speaker` (name, mention, role, organization) plus an
article reference {article_id, source, url, published_at}; writes SpeakerClaims
(speaker_id, name, aliases, roles, organizations, claims). One claim per distinct
statement: a quote joins the speaker's most similar claim when the paraphrase
similarity (``similarity``) reaches ``merge_threshold``, else it starts a new claim.

Claim fields:
- ``claim_id``: hash of speaker id and the first wording; stable for the claim's life.
- ``text``: the canonical wording, which is the first wording seen (so the id and
  the text never disagree and a table replay gives the same text).
- ``variants``: distinct wordings in order of arrival, ``text`` first, capped.
- ``kind``: the kind of the first quote.
- ``sources``: one per distinct article_id, in order of arrival, capped.
- ``count``: number of distinct articles that reported the claim; it keeps counting
  after ``sources`` is full (an article re-sent after the cap counts again).
- ``first_seen``/``last_seen``: event times: the articles' published_at, or for an
  article without one the newest event time the table has seen (``now``), so that
  replaying an archive never mixes its times with today's.

Expiry runs on event time too: a claim expires when the newest event time the table
has seen (``newest_seen``) is ``ttl_days`` past its ``last_seen``, so a backfill of old
articles keeps its claims. The wall clock is used only when nothing has a time yet,
and as a bound: a published_at more than ``max_future`` ahead of it (a wrong date)
counts as now, so one bad date cannot expire the rest of the table.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from streams.errors import SchemaError, StageError
from streams.records import Quote, SpeakerClaims, format_time, parse_time
from streams.stages.claims.aliases import SpeakerDirectory, speaker_id_for, split_name
from streams.stages.claims.similarity import SimilarityConfig, similarity

__all__ = ["ClaimConfig", "ClaimTracker", "newest_seen", "speaker_id_for"]

logger = logging.getLogger(__name__)

_SOURCE_KEYS = ("article_id", "source", "url", "published_at")


@dataclass(frozen=True, slots=True)
class ClaimConfig:
    """Claim tracking settings."""

    max_claims: int = 500  # per speaker; the least recently seen claim goes first
    max_sources: int = 50  # per claim; more outlets than this add to count only
    max_variants: int = 10  # per claim; distinct wordings beyond this are dropped
    max_aliases: int = 20  # per speaker, as are roles and organisations
    ttl_days: float = 30.0  # claims not seen for this long expire (settings)
    # A published_at further ahead of the wall clock than this is a wrong date: it
    # counts as now. A day covers time zones and clock skew between outlets.
    max_future: timedelta = timedelta(days=1)
    # Merge when similarity >= this: the lowest threshold with no false merge on
    # the tuning half of benchmarks/data/claim_pairs.jsonl (bench_claims.py --tune;
    # the F1-best 0.49 lets one through). A false merge hides a statement, a missed
    # merge only lists it twice.
    merge_threshold: float = 0.52
    similarity: SimilarityConfig = field(default_factory=SimilarityConfig)

    @property
    def ttl(self) -> timedelta:
        """``ttl_days`` as a timedelta."""
        return timedelta(days=self.ttl_days)


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _append_unique(
    items: tuple[str, ...], new: str | None, cap: int
) -> tuple[str, ...]:
    """Append a non-empty string unless present (case-insensitively) or full."""
    if not new or not new.strip():
        return items
    new = " ".join(new.split())
    if new.lower() in {i.lower() for i in items} or len(items) >= cap:
        return items
    return (*items, new)


def _claim_id(speaker_id: str, text: str) -> str:
    return hashlib.sha1(f"{speaker_id}\n{text}".encode()).hexdigest()[:16]  # noqa: S324 - an id, not security


class ClaimTracker:
    """Merge quotes into per-speaker claim records.

    Args:
        cfg: limits, time to live and merge threshold.
        directory: when given, speaker names are resolved through it (surname-only
            mentions join a known full name); ``speaker_key`` then also records the
            speaker in it. Without one, the quote's speaker name is taken as
            canonical, as in the worker where the directory runs before the
            repartition by speaker.
        clock: the wall clock, used only when neither the article nor the table
            has a time, and to bound dates in the future.
    """

    def __init__(
        self,
        cfg: ClaimConfig | None = None,
        directory: SpeakerDirectory | None = None,
        clock: Callable[[], datetime] = _utcnow,
    ) -> None:
        self.cfg = cfg or ClaimConfig()
        self.directory = directory
        self.clock = clock

    def _resolve(self, quote: Quote) -> tuple[str, str] | None:
        if self.directory is not None:
            return self.directory.resolve(quote)
        words = split_name(quote.speaker.name or "")
        if not words:
            return None
        name = " ".join(words)
        return speaker_id_for(name), name

    def speaker_key(self, quote: Quote) -> str | None:
        """The table key for a quote's speaker, or None when unresolved.

        With a directory, the speaker is also recorded in it, so call this once per
        quote, before ``add``. Quotes that are no claim (``Quote.is_claim``: what
        someone thinks, sees, plans or backs, or an unresolved speaker) get None.
        """
        if not quote.is_claim:
            return None
        if self.directory is not None:
            return self.directory.observe(quote)
        resolved = self._resolve(quote)
        return resolved[0] if resolved else None

    def event_time(
        self, article: dict[str, Any], now: datetime | None = None
    ) -> datetime:
        """When an article's quotes were seen: published_at, else ``now``.

        Args:
            article: the article reference (its ``published_at``, ISO or None).
            now: the newest event time the table has seen; the wall clock when None.

        Raises:
            StageError: published_at is not a time.
        """
        try:
            when = parse_time(article.get("published_at"))
        except SchemaError as exc:
            raise StageError("claims", "bad_published_at", str(exc)) from exc
        if when is None:
            return now or self.clock()
        limit = self.clock() + self.cfg.max_future
        return min(when, limit)

    def _source(
        self, article: dict[str, Any], now: datetime | None
    ) -> tuple[dict[str, Any], str]:
        """The source reference and its ISO event time."""
        if not isinstance(article, dict) or not article.get("article_id"):
            raise StageError("claims", "no_article_id")
        src = {k: article.get(k) for k in _SOURCE_KEYS}
        src["article_id"] = str(src["article_id"])
        seen = format_time(self.event_time(src, now))
        src["published_at"] = format_time(parse_time(src["published_at"]))
        return src, seen or ""

    def _best_match(
        self, claims: list[dict[str, Any]], text: str
    ) -> tuple[int | None, float]:
        best, best_score = None, 0.0
        for i, claim in enumerate(claims):
            for variant in claim["variants"] or [claim["text"]]:
                score = similarity(variant, text, self.cfg.similarity)
                if score > best_score:
                    best, best_score = i, score
        if best_score >= self.cfg.merge_threshold:
            return best, best_score
        return None, best_score

    def add(
        self,
        current: SpeakerClaims | None,
        quote: Quote,
        article: dict[str, Any],
        now: datetime | None = None,
    ) -> SpeakerClaims:
        """Return the speaker's claims with this quote merged in (a new record).

        Args:
            current: the speaker's record so far, or None for a new speaker.
            quote: the quote; its speaker must resolve to a name.
            article: article_id, source, url, published_at (ISO string or None).
            now: the newest event time the table has seen, the time of an article
                without published_at (the wall clock when None).

        Raises:
            StageError: empty quote text, unnamed speaker, or an article without id.
        """
        if not isinstance(quote, Quote) or not isinstance(quote.text, str):
            raise StageError("claims", "not_a_quote", type(quote).__name__)
        text = " ".join(quote.text.split())
        if not text:
            raise StageError("claims", "empty_text", quote.quote_id)
        resolved = self._resolve(quote)
        if resolved is None:
            raise StageError("claims", "unresolved_speaker", quote.quote_id)
        sid, name = resolved
        if current is not None:
            sid = current.speaker_id
            # Keep the fullest form of the name seen so far.
            if len(current.name.split()) >= len(name.split()):
                name = current.name
        src, seen = self._source(article, now)
        claims = [dict(c) for c in current.claims] if current else []
        index, _ = self._best_match(claims, text)
        if index is None:
            claims.append(
                {
                    "claim_id": _claim_id(sid, text),
                    "text": text,
                    "variants": [text],
                    "kind": quote.kind,
                    "sources": [src],
                    "first_seen": seen,
                    "last_seen": seen,
                    "count": 1,
                }
            )
        else:
            claims[index] = self._merge(claims[index], text, src, seen)
        claims = self._bound(claims)
        return SpeakerClaims(
            speaker_id=sid,
            name=name,
            aliases=self._aliases(current, quote, name),
            roles=_append_unique(
                current.roles if current else (),
                quote.speaker.role,
                self.cfg.max_aliases,
            ),
            organizations=_append_unique(
                current.organizations if current else (),
                quote.speaker.organization,
                self.cfg.max_aliases,
            ),
            claims=tuple(claims),
        )

    def _merge(
        self, claim: dict[str, Any], text: str, src: dict[str, Any], seen: str
    ) -> dict[str, Any]:
        claim = dict(claim)
        variants = list(claim["variants"])
        if text not in variants and len(variants) < self.cfg.max_variants:
            variants.append(text)
        claim["variants"] = variants
        sources = list(claim["sources"])
        if all(s["article_id"] != src["article_id"] for s in sources):
            claim["count"] = int(claim["count"]) + 1
            if len(sources) < self.cfg.max_sources:
                sources.append(src)
        claim["sources"] = sources
        claim["first_seen"] = min(claim["first_seen"], seen, key=_time_key)
        claim["last_seen"] = max(claim["last_seen"], seen, key=_time_key)
        return claim

    def _bound(self, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Drop the least recently seen claims beyond ``max_claims``."""
        if len(claims) <= self.cfg.max_claims:
            return claims
        order = sorted(
            range(len(claims)), key=lambda i: (_time_key(claims[i]["last_seen"]), i)
        )
        drop = set(order[: len(claims) - self.cfg.max_claims])
        return [c for i, c in enumerate(claims) if i not in drop]

    def _aliases(
        self, current: SpeakerClaims | None, quote: Quote, name: str
    ) -> tuple[str, ...]:
        """Names the speaker went by: the name and name-like mentions."""
        aliases = current.aliases if current else ()
        name_words = {w.lower() for w in split_name(name)}
        for candidate in (name, quote.speaker.name, quote.speaker.mention):
            words = {w.lower() for w in split_name(candidate or "")}
            # A mention is an alias only when it is made of the name's words after
            # honorifics ("Mr Patel"), not a description ("the State Department
            # official") nor a role with the name ("Spokesperson Vedant Patel").
            if words and words <= name_words:
                aliases = _append_unique(aliases, candidate, self.cfg.max_aliases)
        return aliases

    def expire(self, current: SpeakerClaims, now: datetime) -> SpeakerClaims | None:
        """Drop claims last seen more than ``cfg.ttl`` before ``now``.

        ``now`` is event time: the newest time the table has seen (``newest_seen``),
        not the wall clock, so replaying old articles does not expire their claims.

        Returns:
            The record without expired claims, the same record when nothing
            expired, or None when no claim is left.
        """
        if now.tzinfo is None:
            now = now.replace(tzinfo=UTC)
        cutoff = now - self.cfg.ttl
        kept = tuple(c for c in current.claims if _time_key(c["last_seen"]) >= cutoff)
        if not kept:
            return None
        if len(kept) == len(current.claims):
            return current
        return SpeakerClaims(
            speaker_id=current.speaker_id,
            name=current.name,
            aliases=current.aliases,
            roles=current.roles,
            organizations=current.organizations,
            claims=kept,
        )

    def __call__(
        self,
        current: SpeakerClaims | None,
        quote: Quote,
        article: dict[str, Any],
        now: datetime | None = None,
    ) -> SpeakerClaims:
        """Same as ``add``."""
        return self.add(current, quote, article, now)


def newest_seen(
    records: Iterable[SpeakerClaims | dict[str, Any]],
) -> datetime | None:
    """The newest ``last_seen`` of any claim: the table's event time, or None."""
    newest: datetime | None = None
    for record in records:
        claims = record.claims if isinstance(record, SpeakerClaims) else None
        if claims is None and isinstance(record, dict):
            claims = record.get("claims") or ()
        for claim in claims or ():
            seen = _time_key(claim.get("last_seen"))
            if seen != _EPOCH and (newest is None or seen > newest):
                newest = seen
    return newest


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _time_key(value: str | None) -> datetime:
    """Parse a stored ISO time for comparisons; unreadable times sort first."""
    try:
        return parse_time(value) or _EPOCH
    except SchemaError:
        return _EPOCH
