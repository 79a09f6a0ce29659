"""Pure NLP stages: functions and small classes over records; never import faust."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from streams.settings import Settings
from streams.stages.claims import (
    ClaimConfig,
    ClaimTracker,
    SpeakerConfig,
    SpeakerDirectory,
)
from streams.stages.clean import CleanConfig, Cleaner
from streams.stages.cluster import ClusterConfig, StoryClusterer
from streams.stages.quotes import QuoteConfig, QuoteExtractor

__all__ = [
    "STAGES",
    "make_claims",
    "make_cleaner",
    "make_clusterer",
    "make_quotes",
    "make_speakers",
]


def make_cleaner(settings: Settings) -> Cleaner:
    """Build the cleaning stage."""
    return Cleaner(CleanConfig(max_bytes=settings.max_article_bytes))


def make_quotes(settings: Settings) -> QuoteExtractor:
    """Build the quote and speaker stage."""
    return QuoteExtractor(QuoteConfig())


def make_clusterer(settings: Settings) -> StoryClusterer:
    """Build the story clustering stage."""
    return StoryClusterer(ClusterConfig(window_hours=settings.cluster_window_hours))


def make_claims(settings: Settings) -> ClaimTracker:
    """Build the claims stage."""
    return ClaimTracker(ClaimConfig(ttl_days=settings.claim_ttl_days))


def make_speakers(settings: Settings) -> SpeakerDirectory:
    """Build the cross-article speaker directory (used before the claims table)."""
    return SpeakerDirectory(SpeakerConfig())


STAGES: dict[str, Callable[[Settings], Any]] = {
    "clean": make_cleaner,
    "quotes": make_quotes,
    "cluster": make_clusterer,
    "claims": make_claims,
    "speakers": make_speakers,
}
