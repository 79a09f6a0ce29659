"""Clustering settings: one frozen ClusterConfig, each number with how it was chosen."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from streams.stages.cluster.model import WEIGHTS

__all__ = ["ClusterConfig"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """Clustering settings; every number says how it was chosen."""

    # A dated article joins only stories whose event times lie within this of
    # its own, and stories whose newest article is older than this behind the
    # newest event time seen leave the window (Settings.cluster_window_hours).
    window_hours: float = 72.0
    # Stories behind the window kept for articles of unknown time (which may
    # join any story): an undated page is as likely to be about last month as
    # about today. 20k stories are about a fifth of the live stories at 100k
    # articles in the window, so memory grows by at most that share.
    max_stale: int = 20_000
    # Hard cap on live clusters: 100k articles in the window made 88k clusters
    # on the throughput stream, so 200k leaves room before the oldest go early.
    max_clusters: int = 200_000
    # Centroid caps: with 120 terms per article, 100-term centroids scored 0.942
    # dev BCubed F1 against 0.946 for 120; fewer keys keep memory and table
    # bytes down at 100k stories in the window.
    max_terms: int = 100
    max_title_terms: int = 20
    max_entities: int = 30
    max_numbers: int = 20
    # Lead centroid: 30 terms hold the titles and first sentences of a story's
    # articles (a lead has about 20 content words) at a tenth of the state.
    max_lead_terms: int = 30
    # Index only each centroid's heaviest keys: with 100k stories in the window,
    # indexing all 110 keys took 2.7 GB; 20+10+5 keys cost 1.5 points of
    # candidate recall on the dev half (95.7% against 97.2%). 30 terms gained
    # 0.5 point of dev BCubed F1 but cost about 15% of throughput over the last
    # 10k of 100k articles, so 20 stay.
    index_terms: int = 20
    index_entities: int = 10
    index_numbers: int = 5
    # Members listed for the HTTP view; size counts all of them.
    max_members: int = 100
    # Latest members per cluster whose MinHash stays indexed for duplicates.
    dup_members: int = 8
    num_perm: int = 64  # see DuplicateIndex
    # Estimated Jaccard of syndicated copies against their source was 1.0 on
    # the dev stream, of other outlets' rewrites at most 0.30.
    dup_jaccard: float = 0.8
    # Candidate lookup: the article's 10 most specific keys, skipping keys
    # indexed by more than 150 clusters (at 100k stories in the window long
    # postings dominated the time per article; dev-half candidate recall was
    # 95.7% with 150, 300 or 1000), then full scoring for the best 8 clusters
    # by shared IDF (8 gained 0.4 point of dev BCubed F1 over 6 with the
    # current model; 10, or 15 query keys, added nothing more).
    query_terms: int = 10
    max_postings: int = 150
    max_candidates: int = 8
    # Join when the model's probability reaches this. On the real stream's fit
    # half, BCubed F1 (given/removed) was 0.941/0.947 at 0.2, 0.935/0.947 at 0.3,
    # 0.929/0.935 at 0.4 (0.947/0.959 at 0.1, an edge of the sweep on 150
    # pages, not taken); 0.3 is the middle of the plateau.
    min_probability: float = 0.3
    weights: tuple[float, ...] = WEIGHTS
