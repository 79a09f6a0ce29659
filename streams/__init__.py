"""news-streams: clean text, quotes with speakers, story clusters and claims from news streams."""

__version__ = "0.1.0"
