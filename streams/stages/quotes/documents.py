"""Documents an article names and who issued them.

Mixed into ``SpeakerResolver``: reads the attributions resolved so far ("Samsung
said in a statement", "a report released by the committee"); writes the issuer a
later "the statement said" speaks for.
"""

from __future__ import annotations

from typing import Any

from streams.records import Speaker
from streams.stages.quotes.lexicon import DOCUMENT_WORDS

__all__ = ["DocumentIssuers"]

# "the statement" with no earlier document of its kind is the last document
# named this near before it.
_DOCUMENT_REACH = 800


class DocumentIssuers:
    """Documents named so far: (position, noun, issuer)."""

    documents: list[tuple[int, str, Speaker]]

    def _note_documents(
        self, head: Any, target: Any, issuer: bool, spk: Speaker
    ) -> None:
        """Remember who issued the documents an attribution names.

        "her statement", "a report released by the committee", and "Samsung said
        in a statement" (a document the cue verb or its object is said in).
        """
        at = spk.start or 0
        if issuer or (target is not head and head.lower_ in DOCUMENT_WORDS):
            self.documents.append((at, head.lower_, spk))
            return
        verb = head.head
        holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ == "prep" and prep.lower_ in ("in", "through", "via"):
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and obj.lower_ in DOCUMENT_WORDS:
                            self.documents.append((at, obj.lower_, spk))

    def _issuer_before(self, head: Any, pos: int) -> Speaker | None:
        """The issuer of the document "the statement" at ``pos`` refers back to."""
        if head.lower_ not in DOCUMENT_WORDS or not any(
            t.lower_ in ("the", "this", "that") for t in head.lefts
        ):
            return None
        before = [d for d in self.documents if d[0] < pos]
        same = [d for d in before if d[1].rstrip("s") == head.lower_.rstrip("s")]
        if same:
            return same[-1][2]
        if before and pos - before[-1][0] <= _DOCUMENT_REACH:
            return before[-1][2]  # "A report released by …" / "The summary said"
        return None
