"""Repairs of faust-streaming defects that lost or repeated records.

Written for faust-streaming 0.15.3 (``WRITTEN_FOR``). Faust has no hook for any of
them, so each replaces a transport class or a consumer member, installed once per
app by ``streams.worker.main``. ``tests/worker/faust_fixes/test_version.py`` fails
when another version is installed: read the upstream changes against each defect
below, delete a repair whose defect upstream has fixed (its test must still pass
without it), and only then move ``WRITTEN_FOR`` and the pin in pyproject.toml.

Each upstream defect, its repair, and the test that fails without the repair
(``FF`` is ``tests/worker/faust_fixes``):

``transactions`` (exactly-once):

1. A record sent while processing an input joins the transaction of its *output*
   partition, so it commits with another input partition's offsets.
   ``tests/reliability/test_crash_recovery.py::
   test_kill_9_five_times_gives_the_uninterrupted_result[exactly_once]``
2. Commits run on a timer, so one can land in the middle of a batch.
   ``FF/test_transactions.py::test_a_commit_waits_for_the_running_batch``
3. Only the first run of consecutive acknowledged offsets is committed, and a
   transaction marker missed while fetching holds the offset back; records a
   stream skips during a rebalance are acknowledged unseen.
   ``FF/test_transactions.py::
   test_the_commit_passes_transaction_markers_but_stops_at_a_skipped_record``
4. A record can be handed to the agents twice in one assignment.
   ``FF/test_transactions.py::
   test_a_record_handed_over_again_is_a_repeat_until_the_partition_is_revoked``
5. After a rebalance the agents' partitions resume before they are sought, and
   records fetched in between are lost.
   ``FF/test_transactions.py::test_the_agents_partitions_resume_only_after_the_seek``
6. Right after a rebalance the fetcher knows no last stable offset, and recovery
   fails with ConsistencyError (highwater -1).
   ``FF/test_transactions.py::test_unknown_highwaters_are_asked_of_the_broker``
7. A batch's events are acknowledged when it ends, also those the clustering
   agent still holds in its reorder buffer.
   ``FF/test_transactions.py::test_a_held_message_is_acknowledged_only_when_released``

The install must not touch ``app.consumer``: Faust caches ``in_transaction`` on
first use (``FF/test_transactions.py::
test_an_exactly_once_worker_leaves_the_transaction_flag_for_the_worker``).

``offsets`` (at-least-once):

8. After a seek, records fetched before it make the re-read offsets look already
   read: they are dropped, and the jump is booked as a gap that counts as
   acknowledged.
   ``FF/test_offsets.py::test_seek_positions_hide_read_offsets_but_keep_seeks``
9. The commit lets one unacknowledged offset through at the head of the acked
   list, and any number before the worker's first commit.
   ``FF/test_offsets.py::test_installed_only_under_at_least_once``

``watchdog`` (at-least-once):

10. Records fetched around a rebalance are dropped when the consumer generation
    changes under them, and their partition stalls until the next rebalance.
    ``tests/integration/test_two_workers.py::
    test_two_workers_joining_while_articles_arrive_finish_every_article``
"""

from __future__ import annotations

__all__ = ["WRITTEN_FOR"]

WRITTEN_FOR = "0.15.3"
"""The faust-streaming version these repairs were written and tested for."""
