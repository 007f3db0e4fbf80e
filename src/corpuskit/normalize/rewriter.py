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
        edits: list[tuple[int, int, int]] = []
        if callable(replacement) or "\\" in replacement:
            # The replacement is computed in Python anyway: one callback from
            # re.sub per match, which also notes the edits that change length.
            compute = replacement if callable(replacement) else lambda match: match.expand(replacement)

            def replace(match: re.Match[str]) -> str:
                new = compute(match)
                start, end = match.span()
                if len(new) != end - start:
                    edits.append(_narrowed(text, start, end, new))
                return new

            new_text = pattern.sub(replace, text)
        else:
            pieces: list[str] = []
            last = 0
            for match in pattern.finditer(text):
                start, end = match.span()
                if replacement == text[start:end]:
                    continue
                pieces.append(text[last:start])
                pieces.append(replacement)
                last = end
                if len(replacement) != end - start:
                    edits.append(_narrowed(text, start, end, replacement))
            if not pieces:
                return
            pieces.append(text[last:])
            new_text = "".join(pieces)
        self.text = new_text
        if edits:
            self.alignment = self.alignment.then(edits, len(new_text))

    def translate(self, table: dict[int, str]) -> None:
        """Apply a table that maps characters to single characters."""
        self.text = self.text.translate(table)


def _narrowed(text: str, start: int, end: int, new: str) -> tuple[int, int, int]:
    """The edit ``text[start:end] -> new`` without the characters both share at
    either end, so that they keep an exact mapping (``بیانیهای`` -> ``بیانیه‌ای``
    is an insertion of one ZWNJ, not a rewrite of the word)."""
    if start < end and new and text[start] != new[0] and text[end - 1] != new[-1]:
        return start, end, len(new)  # nothing shared at either end, as most often
    old = text[start:end]
    most = min(len(old), len(new))
    head = 0
    while head < most and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < most - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return start + head, end - tail, len(new) - head - tail
