"""news-streams: clean text, quotes, speakers, story clusters and claims from news."""

__version__ = "0.1.0"
