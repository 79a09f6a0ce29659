"""Story clustering: CleanedArticle -> ClusterAssignment (see ``clusterer``)."""

from streams.stages.cluster.clusterer import StoryClusterer
from streams.stages.cluster.config import ClusterConfig
from streams.stages.cluster.model import FEATURE_NAMES

__all__ = ["FEATURE_NAMES", "ClusterConfig", "StoryClusterer"]
