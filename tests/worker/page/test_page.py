"""The analyst page's views, registered on a worker's web server."""

from __future__ import annotations

from streams.settings import Settings
from streams.worker.app import build_app
from streams.worker.page import register_page
from streams.worker.story_index import RecentStories
from streams.worker.tables import define_tables


def test_page_views_are_read_only(tmp_path):
    settings = Settings(store="memory://", data_dir=str(tmp_path))
    app = build_app(settings)
    register_page(app, settings, define_tables(app, settings), RecentStories())
    paths = dict(app.web.views)
    expected = {"/ui/", "/ui", "/ui/app.js", "/ui/style.css", "/ui/events"}
    assert expected | {"/stories", "/stories/{cluster_id}"} <= set(paths)
    for path, view in paths.items():
        if path.startswith(("/ui", "/stories")):
            assert view.get_methods() <= {"HEAD", "GET"}, path
