"""Records that flow between stages and topics (field names follow DESIGN.md).

Every record is a frozen, slotted dataclass with ``to_dict()`` and ``from_dict()``;
on the wire it is the JSON object of ``to_dict()``, described by ``schemas/``.
Datetimes are timezone-aware UTC and travel as ISO 8601 strings ending in ``Z``.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from streams.errors import SchemaError

__all__ = [
    "CleanedArticle",
    "ClusterAssignment",
    "Cue",
    "Dateline",
    "DeadLetter",
    "Quote",
    "RawArticle",
    "Removed",
    "Speaker",
    "SpeakerClaims",
    "article_id_for",
    "format_time",
    "parse_time",
]


def parse_time(value: Any) -> datetime | None:
    """Parse an ISO 8601 string (or epoch seconds) into an aware UTC datetime."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(float(value), tz=UTC)
        except (OverflowError, OSError, ValueError) as exc:
            raise SchemaError("bad_time", repr(value)[:80]) from exc
    elif isinstance(value, str):
        try:
            dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError as exc:
            raise SchemaError("bad_time", value[:80]) from exc
    else:
        raise SchemaError("bad_time", type(value).__name__)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def format_time(value: datetime | None) -> str | None:
    """Format an aware datetime as ISO 8601 UTC with a ``Z`` suffix."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def article_id_for(given: str | None, url: str | None, content: str | None) -> str:
    """Return the article id: the given id, else a hash of url, else of content."""
    if given:
        return given
    if url:
        return "u-" + _digest(url.strip())
    return "c-" + _digest(content or "")


def _opt_str(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise SchemaError("wrong_type", f"{key} must be a string")
    return value


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An article as produced to ``articles.raw``: text or html plus metadata."""

    id: str | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None
    text: str | None = None
    html: str | None = None
    published_at: datetime | None = None
    language: str | None = None

    @property
    def article_id(self) -> str:
        """The id this article travels under (DESIGN.md)."""
        return article_id_for(self.id, self.url, self.text or self.html)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able record, omitting absent fields."""
        out: dict[str, Any] = {}
        for name in ("id", "url", "source", "title", "text", "html", "language"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.published_at is not None:
            out["published_at"] = format_time(self.published_at)
        return out

    @classmethod
    def from_dict(cls, data: Any) -> RawArticle:
        """Build from a decoded JSON object; raises SchemaError on wrong shapes."""
        if not isinstance(data, dict):
            raise SchemaError("not_an_object", type(data).__name__)
        raw_id = data.get("id")
        if isinstance(raw_id, int) and not isinstance(raw_id, bool):
            raw_id = str(raw_id)
        elif raw_id is not None and not isinstance(raw_id, str):
            raise SchemaError("wrong_type", "id must be a string")
        return cls(
            id=raw_id or None,
            url=_opt_str(data, "url"),
            source=_opt_str(data, "source"),
            title=_opt_str(data, "title"),
            text=_opt_str(data, "text"),
            html=_opt_str(data, "html"),
            published_at=parse_time(data.get("published_at")),
            language=_opt_str(data, "language"),
        )


@dataclass(frozen=True, slots=True)
class Dateline:
    """Place and date parsed from a dateline (``Washington D.C./26.07.23/Turan:``)."""

    place: str | None = None
    date: str | None = None  # ISO date, e.g. "2023-07-26"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able record."""
        return {"place": self.place, "date": self.date}


@dataclass(frozen=True, slots=True)
class Removed:
    """A line the cleaner dropped, with why."""

    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able record."""
        return {"text": self.text, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class CleanedArticle:
    """The clean body of an article and its metadata (``articles.cleaned``)."""

    article_id: str
    text: str
    paragraphs: tuple[str, ...] = ()
    source: str | None = None
    url: str | None = None
    title: str | None = None
    byline: str | None = None
    dateline: Dateline | None = None
    published_at: datetime | None = None
    language: str | None = None
    removed: tuple[Removed, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able record."""
        return {
            "article_id": self.article_id,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "byline": self.byline,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "published_at": format_time(self.published_at),
            "language": self.language,
            "text": self.text,
            "paragraphs": list(self.paragraphs),
            "removed": [r.to_dict() for r in self.removed],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CleanedArticle:
        """Build from ``to_dict()`` output."""
        dl = data.get("dateline")
        return cls(
            article_id=data["article_id"],
            text=data["text"],
            paragraphs=tuple(data.get("paragraphs") or ()),
            source=data.get("source"),
            url=data.get("url"),
            title=data.get("title"),
            byline=data.get("byline"),
            dateline=Dateline(dl.get("place"), dl.get("date")) if dl else None,
            published_at=parse_time(data.get("published_at")),
            language=data.get("language"),
            removed=tuple(
                Removed(r["text"], r["reason"]) for r in data.get("removed") or ()
            ),
        )


@dataclass(frozen=True, slots=True)
class Cue:
    """The speech verb or phrase that introduces a quote, with its offsets."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able record."""
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said a quote: canonical name plus the mention nearest the quote."""

    name: str | None
    mention: str | None = None
    start: int | None = None
    end: int | None = None
    role: str | None = None
    organization: str | None = None
    resolved_by: str = "unresolved"  # explicit | pronoun | title | alias | unresolved

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able record."""
        return {
            "name": self.name,
            "mention": self.mention,
            "start": self.start,
            "end": self.end,
            "role": self.role,
            "organization": self.organization,
            "resolved_by": self.resolved_by,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Speaker:
        """Build from ``to_dict()`` output."""
        return cls(
            name=data.get("name"),
            mention=data.get("mention"),
            start=data.get("start"),
            end=data.get("end"),
            role=data.get("role"),
            organization=data.get("organization"),
            resolved_by=data.get("resolved_by", "unresolved"),
        )


@dataclass(frozen=True, slots=True)
class Quote:
    """One quote or attribution in an article (``articles.quotes``)."""

    quote_id: str
    article_id: str
    kind: str  # direct | indirect | according_to | mixed
    text: str
    start: int
    end: int
    cue: Cue | None = None
    speaker: Speaker = field(default_factory=lambda: Speaker(name=None))
    confidence: float = 1.0
    # speech | cognition | perception | intention | stance | according_to | none
    cue_class: str = "none"

    @property
    def is_claim(self) -> bool:
        """Whether a claims table takes this quote (DESIGN.md).

        Direct quotes and speech or "according to" attributions with a resolved
        speaker; what someone thinks, sees, plans or backs stays on the quotes topic.
        """
        if self.speaker.resolved_by == "unresolved" or not self.speaker.name:
            return False
        return self.kind == "direct" or self.cue_class in ("speech", "according_to")

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able record."""
        return {
            "quote_id": self.quote_id,
            "article_id": self.article_id,
            "kind": self.kind,
            "cue_class": self.cue_class,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict(),
            "confidence": round(float(self.confidence), 4),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        """Build from ``to_dict()`` output."""
        cue = data.get("cue")
        return cls(
            quote_id=data["quote_id"],
            article_id=data["article_id"],
            kind=data["kind"],
            text=data["text"],
            start=data["start"],
            end=data["end"],
            cue=Cue(cue["text"], cue["start"], cue["end"]) if cue else None,
            speaker=Speaker.from_dict(data.get("speaker") or {}),
            confidence=data.get("confidence", 1.0),
            cue_class=data.get("cue_class", "none"),
        )


@dataclass(frozen=True, slots=True)
class ClusterAssignment:
    """The story cluster an article joined (``articles.clusters``)."""

    article_id: str
    cluster_id: str
    new_cluster: bool
    score: float
    duplicate_of: str | None = None
    cluster_size: int = 1

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able record."""
        return {
            "article_id": self.article_id,
            "cluster_id": self.cluster_id,
            "new_cluster": self.new_cluster,
            "score": round(float(self.score), 4),
            "duplicate_of": self.duplicate_of,
            "cluster_size": self.cluster_size,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClusterAssignment:
        """Build from ``to_dict()`` output."""
        return cls(
            article_id=data["article_id"],
            cluster_id=data["cluster_id"],
            new_cluster=data["new_cluster"],
            score=data["score"],
            duplicate_of=data.get("duplicate_of"),
            cluster_size=data.get("cluster_size", 1),
        )


@dataclass(frozen=True, slots=True)
class SpeakerClaims:
    """Everything one speaker has been reported to claim (the ``claims`` table value).

    ``claims`` holds plain dicts: {claim_id, text, variants, kind, sources
    [{article_id, source, url, published_at}], first_seen, last_seen, count}.
    """

    speaker_id: str
    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    claims: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able record."""
        return {
            "speaker_id": self.speaker_id,
            "name": self.name,
            "aliases": list(self.aliases),
            "roles": list(self.roles),
            "organizations": list(self.organizations),
            "claims": list(self.claims),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SpeakerClaims:
        """Build from ``to_dict()`` output."""
        return cls(
            speaker_id=data["speaker_id"],
            name=data["name"],
            aliases=tuple(data.get("aliases") or ()),
            roles=tuple(data.get("roles") or ()),
            organizations=tuple(data.get("organizations") or ()),
            claims=tuple(data.get("claims") or ()),
        )


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """A message a stage could not handle, kept with why and where it came from."""

    stage: str
    reason: str
    error: str
    error_class: str
    payload: str | None  # None for a tombstone (a message without a value)
    payload_encoding: str | None  # utf-8 | base64, None with no payload
    key: str | None = None
    topic: str | None = None
    partition: int | None = None
    offset: int | None = None
    time: datetime = field(default_factory=lambda: datetime.now(UTC))

    @classmethod
    def from_bytes(
        cls, stage: str, exc: BaseException, payload: bytes | str | Any, **where: Any
    ) -> DeadLetter:
        """Wrap the original payload, base64-encoding bytes that are not UTF-8.

        A tombstone (``payload`` None) keeps no payload, so it stays apart from a
        message whose value is the JSON ``null``.
        """
        text: str | None
        enc: str | None
        if payload is None:
            text, enc = None, None
        elif isinstance(payload, bytes):
            try:
                text, enc = payload.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                text, enc = base64.b64encode(payload).decode("ascii"), "base64"
        elif isinstance(payload, str):
            text, enc = payload, "utf-8"
        else:
            import orjson

            try:
                text = orjson.dumps(payload).decode()
            except TypeError:
                text = repr(payload)
            enc = "utf-8"
        key = where.pop("key", None)
        if isinstance(key, bytes):
            key = key.decode("utf-8", "replace")
        return cls(
            stage=stage,
            reason=str(getattr(exc, "reason", "") or type(exc).__name__),
            error=str(exc)[:2000],
            error_class=type(exc).__name__,
            payload=text,
            payload_encoding=enc,
            key=key,
            **where,
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able record."""
        return {
            "stage": self.stage,
            "reason": self.reason,
            "error": self.error,
            "error_class": self.error_class,
            "payload": self.payload,
            "payload_encoding": self.payload_encoding,
            "key": self.key,
            "topic": self.topic,
            "partition": self.partition,
            "offset": self.offset,
            "time": format_time(self.time),
        }
