"""Settings of the quote stage, with how each number was chosen."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class QuoteConfig:
    """Quote extraction settings (numbers chosen on PolNeAR train, see benchmarks)."""

    # Quoted spans shorter than this with no cue are scare quotes or titles.
    min_words: int = 4
    # A quote inside a sentence with no cue word is kept only from this length up:
    # below it, train articles showed mostly slogans and titles of works.
    min_embedded_words: int = 8
    # A quoted phrase inside a cued sentence (not punctuated as a quotation) is an
    # attribution of its own from this length up: on PolNeAR train, uncovered
    # phrases of 3+ words overlapped a gold content 46 times to 25, shorter ones
    # 40 times to 143.
    min_phrase_words: int = 3
    # Indirect contents shorter than this are dropped. PolNeAR annotates one-word
    # contents ("said so", "said yes", "said that"); 1 beat 3 on train (all F1
    # 0.738 -> 0.755).
    min_indirect_words: int = 1
    # Sentences longer than this are not parsed (runaway text without full stops).
    max_unit_chars: int = 3000
    batch_size: int = 128  # nlp.pipe batch; 64-256 measured within 3 % of each other
    # Confidence by how the speaker was found: a stated name is the most reliable.
    confidence: dict[str, float] = field(
        default_factory=lambda: {
            "explicit": 0.9,
            "alias": 0.85,
            "pronoun": 0.75,
            "title": 0.75,
            "inherited": 0.6,
            "unresolved": 0.3,
        }
    )
    indirect_penalty: float = 0.1  # content clause bounds come from the parse
