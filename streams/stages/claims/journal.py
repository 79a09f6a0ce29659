"""The speaker directory as rows of a compacted table: one row per batch.

Reads the surnames a batch observed from a :class:`SpeakerDirectory`; returns the
table rows to write and the row keys to delete. A row holds the state of every
surname its batch observed (``{"seq", "surnames": {surname: people}}``), keyed by
a sequence number, so a batch costs one message whatever the number of
speakers. A surname's newest state lives in the newest row that holds it; a row
that holds no surname's newest state is deleted, and a row where fewer than half
the entries are still the newest has those entries copied into the next row and
is deleted then. The table so holds at most about twice the directory's entries,
and its rows go when the directory's cap drops their surnames.

Replaying the rows in key order and keeping the ``max_surnames`` surnames seen
last gives the directory back exactly: its entries, its recency order (surnames
are ordered by the ``seen`` counters their people carry) and its counter. The
rows of one surname each (written before) are read as rows older than any batch.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from streams.stages.claims.aliases import SpeakerDirectory

__all__ = ["DirectoryJournal", "row_key"]

logger = logging.getLogger(__name__)

# Entries of sparse rows copied forward per batch at most (about 200 bytes each),
# so a batch row stays far below the message size limit.
MAX_COPIED = 2_000


def row_key(number: int) -> str:
    """The table key of batch row ``number`` (sorts as the numbers do)."""
    return f"{number:012d}"


class DirectoryJournal:
    """Which table rows hold the newest state of which surnames."""

    def __init__(self, directory: SpeakerDirectory) -> None:
        self.directory = directory
        self._home: dict[str, str] = {}  # surname -> key of its newest row
        self._live: dict[str, set[str]] = {}  # row key -> surnames it is newest for
        self._size: dict[str, int] = {}  # row key -> entries it holds
        self._next = 0
        self._sparse: set[str] = set()  # rows under half newest, to copy forward
        self._dead: set[str] = set()  # rows to delete at the next commit

    def __len__(self) -> int:
        """Entries the table holds (newest or not)."""
        return sum(self._size.values())

    def load(self, rows: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Rebuild the directory and the bookkeeping from the table's rows."""
        batch_rows: list[tuple[int, str, dict[str, Any]]] = []
        for key, value in rows:
            if not value:
                continue
            if "surnames" in value:
                batch_rows.append((int(key), key, value))
            else:  # one surname's row, as written before batch rows
                self._replay(key, {key: value["people"]}, int(value.get("seq", 0)))
        for number, key, value in sorted(batch_rows):
            self._replay(key, value["surnames"], int(value.get("seq", 0)))
            self._next = number + 1
        for surname in self.directory.settle():
            self._leave(surname)
        for key, live in self._live.items():
            self._note(key, live)

    def _replay(self, key: str, surnames: dict[str, Any], seq: int) -> None:
        for surname, people in surnames.items():
            self.directory.import_surname(surname, {"seq": seq, "people": people})
            self._leave(surname)
            self._home[surname] = key
        self._live[key] = set(surnames)
        self._size[key] = len(surnames)

    def _leave(self, surname: str) -> None:
        """The newest state of ``surname`` no longer lives in its row."""
        key = self._home.pop(surname, None)
        if key is not None:
            self._live[key].discard(surname)

    def _note(self, key: str, live: set[str]) -> None:
        if not live:
            self._dead.add(key)
            self._sparse.discard(key)
        elif 2 * len(live) < self._size[key]:
            self._sparse.add(key)

    def commit(
        self, observed: Iterable[str]
    ) -> tuple[dict[str, dict[str, Any]], list[str]]:
        """(rows to write, row keys to delete) after a batch observed ``observed``.

        Write the rows before deleting: the new row holds the entries copied
        out of the rows deleted.
        """
        evicted = self.directory.take_evicted()
        touched = {s for s in observed if self.directory.has_surname(s)}
        shrunk: set[str] = set()
        for surname in [*evicted, *touched]:
            if (key := self._home.get(surname)) is not None:
                shrunk.add(key)
            self._leave(surname)
        for key in shrunk:
            self._note(key, self._live[key])
        copied = 0
        for key in sorted(self._sparse):
            if copied >= MAX_COPIED:
                break
            copied += len(self._live[key])
            touched |= self._live[key]
            for surname in self._live[key]:
                self._home.pop(surname)
            self._live[key] = set()
            self._note(key, self._live[key])
        writes: dict[str, dict[str, Any]] = {}
        if touched:
            key = row_key(self._next)
            self._next += 1
            writes[key] = {
                "seq": self.directory.seq,
                "surnames": {
                    s: self.directory.export_people(s) for s in sorted(touched)
                },
            }
            for surname in touched:
                self._home[surname] = key
            self._live[key] = set(touched)
            self._size[key] = len(touched)
        deletes = sorted(self._dead)
        for key in deletes:
            del self._live[key], self._size[key]
        self._dead.clear()
        return writes, deletes
