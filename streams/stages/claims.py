"""Claims stage: quotes -> per-speaker claims (first version)."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from typing import Any

from streams.records import Quote, SpeakerClaims

__all__ = ["ClaimConfig", "ClaimTracker", "speaker_id_for"]

logger = logging.getLogger(__name__)


def speaker_id_for(name: str) -> str:
    """Return a stable id for a canonical speaker name."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unknown"


@dataclass(frozen=True, slots=True)
class ClaimConfig:
    """Claim tracking settings."""

    max_claims: int = 500
    max_sources: int = 50
    max_variants: int = 10


class ClaimTracker:
    """Merge a quote into a speaker's claims."""

    def __init__(self, cfg: ClaimConfig = ClaimConfig()) -> None:
        self.cfg = cfg

    def speaker_key(self, quote: Quote) -> str | None:
        """The table key for a quote's speaker, or None when unresolved."""
        return speaker_id_for(quote.speaker.name) if quote.speaker.name else None

    def add(
        self, current: SpeakerClaims | None, quote: Quote, article: dict[str, Any]
    ) -> SpeakerClaims:
        """Return the speaker's claims with this quote merged in.

        Reads `quote.text`, `quote.speaker`; `article` holds article_id, source, url,
        published_at.
        """
        name = quote.speaker.name or "unknown"
        sid = speaker_id_for(name)
        current = current or SpeakerClaims(speaker_id=sid, name=name)
        claims = [dict(c) for c in current.claims]
        seen = article.get("published_at") or ""
        src = {
            k: article.get(k) for k in ("article_id", "source", "url", "published_at")
        }
        for claim in claims:
            if claim["text"].lower() == quote.text.lower():
                if all(s["article_id"] != src["article_id"] for s in claim["sources"]):
                    claim["sources"] = [*claim["sources"], src][: self.cfg.max_sources]
                    claim["count"] += 1
                    claim["last_seen"] = max(claim["last_seen"], seen)
                break
        else:
            cid = hashlib.sha1(f"{sid}:{quote.text}".encode()).hexdigest()[:12]  # noqa: S324 - an id
            claims.append(
                {
                    "claim_id": cid,
                    "text": quote.text,
                    "variants": [quote.text],
                    "kind": quote.kind,
                    "sources": [src],
                    "first_seen": seen,
                    "last_seen": seen,
                    "count": 1,
                }
            )
        aliases = set(current.aliases)
        if quote.speaker.mention:
            aliases.add(quote.speaker.mention)
        roles = list(current.roles)
        if quote.speaker.role and quote.speaker.role not in roles:
            roles.append(quote.speaker.role)
        return SpeakerClaims(
            speaker_id=sid,
            name=name,
            aliases=tuple(sorted(aliases)),
            roles=tuple(roles),
            organizations=current.organizations,
            claims=tuple(claims[-self.cfg.max_claims :]),
        )
