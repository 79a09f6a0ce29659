"""The live analyst page served by every worker: stories now, a story, a speaker.

``/ui/`` is a static page (``static/``) that reads the JSON views (``/stories``,
``/stories/{id}``, ``/speakers/{id}``, ``/articles/{id}``), each answered by the
worker that owns the key, and listens to ``/ui/events`` for live notices.
"""

from __future__ import annotations

import faust

from streams.settings import Settings
from streams.worker.page.assets import register_assets
from streams.worker.page.live import LiveFeed, register_live_view
from streams.worker.page.stories import register_story_views
from streams.worker.story_index import RecentStories
from streams.worker.tables import Tables

__all__ = ["LiveFeed", "register_page"]


def register_page(
    app: faust.App, settings: Settings, tables: Tables, recent: RecentStories
) -> LiveFeed:
    """Add the page, its JSON views and its live events to the worker's web server."""
    register_assets(app)
    register_story_views(app, tables, recent)
    feed = LiveFeed(settings)
    register_live_view(app, feed)
    return feed
