"""Helpers that belong to no single stage: ``nlp`` and ``normalize``.

``nlp`` loads the English spaCy pipeline once per process (the quote stage parses
with it); ``normalize`` normalises whitespace and control characters with an offset
map back to the input, and folds lines to keys for hashing (the cleaning stage).
"""
