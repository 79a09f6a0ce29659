"""Build the Faust app from Settings: broker, store, codecs, security, web port."""

from __future__ import annotations

import logging
import ssl
from typing import Any

import faust
import orjson
from faust.serializers import codecs

from streams.settings import Settings
from streams.worker.views import json_errors

__all__ = ["broker_credentials", "build_app"]

logger = logging.getLogger(__name__)


class OrjsonCodec(codecs.Codec):
    """orjson for every topic value and table value."""

    def _dumps(self, obj: Any) -> bytes:
        return orjson.dumps(obj)

    def _loads(self, s: bytes) -> Any:
        return orjson.loads(s)


codecs.register("orjson", OrjsonCodec())


def broker_credentials(settings: Settings) -> Any:
    """Return Faust broker credentials for SSL and/or SASL, or None for PLAINTEXT."""
    protocol = settings.security_protocol.upper()
    context = None
    if protocol in {"SSL", "SASL_SSL"}:
        context = ssl.create_default_context(
            purpose=ssl.Purpose.SERVER_AUTH, cafile=settings.ssl_cafile or None
        )
        if settings.ssl_certfile:
            context.load_cert_chain(
                settings.ssl_certfile, keyfile=settings.ssl_keyfile or None
            )
    if protocol in {"SASL_PLAINTEXT", "SASL_SSL"}:
        return faust.SASLCredentials(
            username=settings.sasl_username,
            password=settings.sasl_password,
            mechanism=settings.sasl_mechanism,
            ssl_context=context,
        )
    return context


def build_app(settings: Settings) -> faust.App:
    """Create the Faust app; ``streams.worker.main`` adds agents, tables, views."""
    return faust.App(
        settings.app_id,
        broker=settings.broker,
        broker_credentials=broker_credentials(settings),
        store=settings.store,
        datadir=settings.data_dir,
        value_serializer="orjson",
        key_serializer="raw",
        topic_partitions=settings.partitions,
        topic_allow_declare=True,
        processing_guarantee=settings.processing_guarantee,
        producer_max_request_size=settings.max_message_bytes,
        consumer_max_fetch_size=settings.max_message_bytes,
        consumer_auto_offset_reset="earliest",
        web_host=settings.web_host,
        web_port=settings.web_port,
        # Faust binds every interface unless told; web_host is only the name
        # other workers reach this one by.
        web_bind=settings.web_bind_host,
        web_in_thread=False,
        web_application_options={"middlewares": [json_errors]},
        table_cleanup_interval=60.0,
        stream_wait_empty=False,
        broker_request_timeout=90.0,
        broker_session_timeout=settings.session_timeout_s,
        autodiscover=False,
    )
