"""Project exceptions: everything a stage may raise on bad input."""

from __future__ import annotations

__all__ = ["CommandError", "ConfigError", "SchemaError", "StageError", "StreamsError"]


class StreamsError(Exception):
    """Base class of every error news-streams raises on purpose."""


class StageError(StreamsError):
    """A stage refused its input; the record goes to the dead-letter topic.

    Attributes:
        stage: the stage name (``clean``, ``quotes``, ``cluster``, ``claims``...).
        reason: a short machine-friendly reason (``empty_body``, ``too_large``...).
    """

    def __init__(self, stage: str, reason: str, detail: str = "") -> None:
        self.stage = stage
        self.reason = reason
        self.detail = detail
        super().__init__(f"{stage}: {reason}" + (f": {detail}" if detail else ""))

    def __reduce__(self) -> tuple[type, tuple[str, str, str]]:
        # Pickled by the worker's quote process (the default takes ``args``).
        return type(self), (self.stage, self.reason, self.detail)


class SchemaError(StreamsError):
    """A message could not be decoded or does not match its JSON Schema."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.stage = "decode"
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}" + (f": {detail}" if detail else ""))

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return type(self), (self.reason, self.detail)


class ConfigError(StreamsError, ValueError):
    """A setting has a value of the wrong kind (e.g. ``STREAMS_WEB_PORT=abc``)."""


class CommandError(StreamsError):
    """A mistake the user can fix: the CLI prints it in one line, exit ``code``.

    ``code`` is 2 for usage errors (bad arguments, missing inputs, bad settings).
    """

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code
