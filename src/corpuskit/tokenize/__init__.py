"""Sentence and word tokenization of Persian and Arabic text, with character offsets.

``tokenize(text, lang)`` returns sentences as lists of ``(start, end)`` token
spans into ``text``. See tokenizer.py for the design and docs/tokenize.md for
how it measures against Universal Dependencies.
"""

from corpuskit.tokenize.tokenizer import tokenize

__all__ = ["tokenize"]
