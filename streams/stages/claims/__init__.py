"""Claims: quotes -> per-speaker claims (the ``claims`` table value).

Reads Quote records with an article reference; writes SpeakerClaims, one claim per
distinct statement of a speaker, with its wordings, sources and event times.

Modules, in the order a quote passes through them: ``aliases`` (the speaker
directory that maps a surname-only mention to a full name seen before; the
``speakers`` stage), ``similarity`` (paraphrase similarity of two claim sentences)
and ``tracker`` (merges a quote into the speaker's claims, expires old ones).
"""

from __future__ import annotations

from streams.stages.claims.aliases import SpeakerConfig, SpeakerDirectory
from streams.stages.claims.tracker import ClaimConfig, ClaimTracker, newest_seen

__all__ = [
    "ClaimConfig",
    "ClaimTracker",
    "SpeakerConfig",
    "SpeakerDirectory",
    "newest_seen",
]
