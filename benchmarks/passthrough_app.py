"""A Faust passthrough agent: the ceiling the pipeline's Faust workers are compared to.

    BENCH_BROKER=kafka://127.0.0.1:9092 BENCH_IN=a BENCH_OUT=b BENCH_APP_ID=x \\
        python benchmarks/passthrough_app.py worker -l warn
"""

from __future__ import annotations

import os

import faust

app = faust.App(
    os.environ.get("BENCH_APP_ID", "passthrough"),
    broker=os.environ.get("BENCH_BROKER", "kafka://127.0.0.1:9092"),
    value_serializer="raw",
    key_serializer="raw",
    web_port=int(os.environ.get("BENCH_WEB_PORT", "6099")),
    web_host="127.0.0.1",
    datadir=os.environ.get("BENCH_DATADIR", "/tmp/news-streams-passthrough"),  # noqa: S108
    consumer_auto_offset_reset="earliest",
    producer_max_request_size=16 * 1024 * 1024,
    consumer_max_fetch_size=16 * 1024 * 1024,
)
source = app.topic(os.environ.get("BENCH_IN", "bench.in"), value_serializer="raw")
sink = app.topic(os.environ.get("BENCH_OUT", "bench.out"), value_serializer="raw")


@app.agent(source)
async def forward(stream: faust.StreamT[bytes]) -> None:
    """Forward every message unchanged, in batches like the pipeline's agents."""
    async for events in stream.take_events(50, within=0.1):
        for event in events:
            await sink.send(key=event.key, value=event.value)


if __name__ == "__main__":
    app.main()
