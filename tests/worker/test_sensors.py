"""The lean Prometheus monitor records what Faust's own records."""

from __future__ import annotations

from types import SimpleNamespace

from faust.sensors.prometheus import FaustMetrics, PrometheusMonitor
from faust.types import TP
from prometheus_client import CollectorRegistry

from streams.worker.sensors import LeanPrometheusMonitor


def _samples(registry: CollectorRegistry) -> dict[tuple, float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for metric in registry.collect()
        for s in metric.samples
        if not s.name.endswith(("_created", "_bucket", "_sum", "_count"))
    }


class _Owner:
    pass


class _Stream:
    shortlabel = "Stream: Topic: t.articles"

    def __init__(self) -> None:
        self.task_owner = _Owner()


def _drive(monitor: PrometheusMonitor) -> None:
    tp = TP("t.articles", 2)
    table = SimpleNamespace(name="story_clusters")
    stream = _Stream()
    for offset in range(3):
        message = SimpleNamespace(time_in=None)
        monitor.on_message_in(tp, offset, message)
        monitor.on_stream_event_in(tp, offset, stream, None)
        monitor.on_table_get(table, b"k")
        monitor.on_table_set(table, b"k", 1)
        monitor.on_send_initiated(None, "t.clusters", None, 1, 1)
    monitor.on_table_del(table, b"k")


def test_lean_monitor_gives_the_same_series_and_values() -> None:
    faust_registry, lean_registry = CollectorRegistry(), CollectorRegistry()
    _drive(PrometheusMonitor(metrics=FaustMetrics.create(faust_registry, "s")))
    lean = LeanPrometheusMonitor(metrics=FaustMetrics.create(lean_registry, "s"))
    _drive(lean)
    expected = _samples(faust_registry)
    assert _samples(lean_registry) == expected
    assert (
        expected[
            (
                "s_table_operations_total",
                (("operation", "keys_updated"), ("table", "table.story_clusters")),
            )
        ]
        == 3
    )
    # After a rebalance Faust drops the per-partition series; they come back.
    lean._clear_partition_related_metrics()
    _drive(lean)
    assert _samples(lean_registry)[("s_messages_received_total", ())] == 6
    assert (
        "s_messages_received_per_topics_partition",
        (("partition", "2"), ("topic", "t.articles")),
    ) in _samples(lean_registry)
