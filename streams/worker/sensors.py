"""Faust's Prometheus sensor, with each labelled series looked up once.

Faust calls its sensor for every message read, event processed, table read or
write and message sent; its ``PrometheusMonitor`` looks up the labelled series
on each call (``Counter.labels`` builds and checks the label values under a
lock) and normalises the stream's name with a regular expression for every
event. Under load that was about a twelfth of the event loop. This monitor
keeps the series it looked up, so the metrics and their values are the same
(``tests/integration/test_prometheus.py``). The cache is dropped whenever Faust
removes the per-topic series after a rebalance.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from faust.sensors.prometheus import FaustMetrics, PrometheusMonitor

__all__ = ["LeanPrometheusMonitor", "install"]


class LeanPrometheusMonitor(PrometheusMonitor):
    """``PrometheusMonitor`` with its labelled series cached per label values."""

    def __init__(self, metrics: FaustMetrics, **kwargs: Any) -> None:
        super().__init__(metrics=metrics, **kwargs)
        self._series: dict[tuple[Any, ...], Any] = {}
        self._stream_labels: WeakKeyDictionary[Any, str] = WeakKeyDictionary()

    def _labelled(self, metric: str, *values: Any) -> Any:
        key = (metric, *values)
        series = self._series.get(key)
        if series is None:
            series = self._series[key] = getattr(self._metrics, metric).labels(*values)
        return series

    def on_message_in(self, tp: Any, offset: int, message: Any) -> None:
        """Call before message is delegated to streams."""
        super(PrometheusMonitor, self).on_message_in(tp, offset, message)
        self._metrics.messages_received.inc()
        self._metrics.active_messages.inc()
        self._labelled("messages_received_per_topics", tp.topic).inc()
        self._labelled(
            "messages_received_per_topics_partition", tp.topic, tp.partition
        ).set(offset)

    def on_stream_event_in(
        self, tp: Any, offset: int, stream: Any, event: Any
    ) -> dict[str, Any] | None:
        """Call when stream starts processing an event."""
        state = super(PrometheusMonitor, self).on_stream_event_in(
            tp, offset, stream, event
        )
        self._metrics.total_events.inc()
        self._metrics.total_active_events.inc()
        label = self._stream_labels.get(stream)
        if label is None:
            label = f"stream.{self._stream_label(stream)}.events"
            self._stream_labels[stream] = label
        self._labelled("total_events_per_stream", label).inc()
        return state

    def on_table_get(self, table: Any, key: Any) -> None:
        """Call when value in table is retrieved."""
        super(PrometheusMonitor, self).on_table_get(table, key)
        self._table_op(table, self.KEYS_RETRIEVED)

    def on_table_set(self, table: Any, key: Any, value: Any) -> None:
        """Call when new value for key in table is set."""
        super(PrometheusMonitor, self).on_table_set(table, key, value)
        self._table_op(table, self.KEYS_UPDATED)

    def on_table_del(self, table: Any, key: Any) -> None:
        """Call when key in a table is deleted."""
        super(PrometheusMonitor, self).on_table_del(table, key)
        self._table_op(table, self.KEYS_DELETED)

    def _table_op(self, table: Any, operation: str) -> None:
        self._labelled("table_operations", f"table.{table.name}", operation).inc()

    def on_send_initiated(
        self, producer: Any, topic: str, message: Any, keysize: int, valsize: int
    ) -> Any:
        """Call when message added to producer buffer."""
        self._labelled("topic_messages_sent", f"topic.{topic}").inc()
        return super(PrometheusMonitor, self).on_send_initiated(
            producer, topic, message, keysize, valsize
        )

    def _clear_partition_related_metrics(self) -> None:
        super()._clear_partition_related_metrics()
        self._series.clear()
        self._stream_labels.clear()


def install(app: Any) -> None:
    """Replace the monitor ``setup_prometheus_sensors`` gave ``app`` by a lean one."""
    app.monitor = LeanPrometheusMonitor(metrics=app.monitor._metrics)  # noqa: SLF001
