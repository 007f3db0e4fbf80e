"""Rewrite a text by regular expressions while keeping its alignment to the original.

Each ``sub`` is one pass over the whole text (as ``re.sub``), recording only the
replacements that change length; ``translate`` is a one-for-one character
mapping, which leaves the alignment as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from corpuskit.normalize.alignment import Alignment

Replacement = str | Callable[[re.Match[str]], str]


class Rewriter:
    def __init__(self, text: str, alignment: Alignment | None = None):
        self.text = text
        self.alignment = alignment or Alignment.identity(len(text))

    def sub(self, pattern: re.Pattern[str], replacement: Replacement, *, only_if: str | None = None) -> None:
        """``re.sub`` that keeps the alignment. ``only_if``: characters of which
        at least one must be in the text for the pattern to have any chance (a
        test that costs far less than scanning with lookarounds)."""
        text = self.text
        if only_if is not None and not any(char in text for char in only_if):
            return
        pieces: list[str] = []
        edits: list[tuple[int, int, int]] = []
        last = 0
        literal = None if callable(replacement) or "\\" in replacement else replacement
        for match in pattern.finditer(text):
            if literal is not None:
                new = literal
            else:
                new = replacement(match) if callable(replacement) else match.expand(replacement)
            start, end = match.span()
            if new == text[start:end]:
                continue
            pieces.append(text[last:start])
            pieces.append(new)
            last = end
            if len(new) != end - start:
                edits.append(_narrowed(text, start, end, new))
        if not pieces:
            return
        pieces.append(text[last:])
        self.text = "".join(pieces)
        self.alignment = self.alignment.then(edits, len(self.text))

    def translate(self, table: dict[int, str]) -> None:
        """Apply a table that maps characters to single characters."""
        self.text = self.text.translate(table)


def _narrowed(text: str, start: int, end: int, new: str) -> tuple[int, int, int]:
    """The edit ``text[start:end] -> new`` without the characters both share at
    either end, so that they keep an exact mapping (``بیانیهای`` -> ``بیانیه‌ای``
    is an insertion of one ZWNJ, not a rewrite of the word)."""
    old = text[start:end]
    most = min(len(old), len(new))
    head = 0
    while head < most and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < most - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return start + head, end - tail, len(new) - head - tail
