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

    def sub(
        self,
        pattern: re.Pattern[str],
        replacement: Replacement,
        *,
        only_if: str | None = None,
        guard: re.Pattern[str] | None = None,
    ) -> None:
        """``re.sub`` that keeps the alignment. ``only_if``: characters of which
        at least one must be in the text for the pattern to have any chance (a
        test that costs far less than scanning with lookarounds). ``guard``: a
        pattern found wherever ``pattern`` can match, but faster to search for
        (it starts with a character or a class, which the regex engine looks
        for in a tight loop; a pattern that starts with a lookbehind is tried
        at every position): the pass is skipped when it is found nowhere."""
        text = self.text
        if only_if is not None:
            for char in only_if:  # (a loop: a generator in any() costs more than the tests)
                if char in text:
                    break
            else:
                return
        if guard is not None and guard.search(text) is None:
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
            # A fixed string: one scan for the spans of the matches, then the
            # text between them joined by it (no Python code per match but the
            # edits of those that change length; a match equal to the
            # replacement changes nothing, and needs none).
            spans = [match.span() for match in pattern.finditer(text)]
            if not spans:
                return
            length = len(replacement)
            if length:
                edits = [_narrowed(text, start, end, replacement) for start, end in spans if end - start != length]
            else:  # deletions, as _narrowed makes them
                edits = [(start, end, 0) for start, end in spans if start != end]
            cuts = [0, *[i for span in spans for i in span], len(text)]
            new_text = replacement.join([text[cuts[i] : cuts[i + 1]] for i in range(0, len(cuts), 2)])
        self.text = new_text
        if edits:
            self.alignment = self.alignment.then(edits, len(new_text))

    def splice(self, spans: list[tuple[int, int]], pieces: list[str]) -> None:
        """Replace ``text[start:end]`` by ``piece`` for each span and piece
        (spans sorted, not overlapping): as ``sub`` does with the matches it finds."""
        text = self.text
        out: list[str] = []
        edits = []
        last = 0
        for (start, end), piece in zip(spans, pieces):
            out += (text[last:start], piece)
            last = end
            if len(piece) != end - start:
                edits.append(_narrowed(text, start, end, piece))
        out.append(text[last:])
        self.text = "".join(out)
        if edits:
            self.alignment = self.alignment.then(edits, len(self.text))

    def translate(self, table: dict[int, str]) -> None:
        """Apply a table that maps characters to single characters."""
        self.text = self.text.translate(table)


def _narrowed(text: str, start: int, end: int, new: str) -> tuple[int, int, int]:
    """The edit ``text[start:end] -> new`` without the characters both share at
    either end, so that they keep an exact mapping (``بیانیهای`` -> ``بیانیه‌ای``
    is an insertion of one ZWNJ, not a rewrite of the word)."""
    if not new:
        return start, end, 0  # a deletion
    if start < end and text[start] != new[0] and text[end - 1] != new[-1]:
        return start, end, len(new)  # nothing shared at either end, as most often
    old = text[start:end]
    most = min(len(old), len(new))
    head = _shared_head(old, new, most)
    tail = _shared_tail(old, new, most - head)
    return start + head, end - tail, len(new) - head - tail


# How many characters, at most ``most``, two strings share at their start or
# end: found by halving, each step one comparison of a slice, in C (a run of
# words is long: a character at a time in Python would be slow).


def _shared_head(old: str, new: str, most: int) -> int:
    low, high = 0, most  # the first ``low`` are shared, more than ``high`` are not
    while low < high:
        middle = (low + high + 1) // 2
        if old.startswith(new[low:middle], low):
            low = middle
        else:
            high = middle - 1
    return low


def _shared_tail(old: str, new: str, most: int) -> int:
    low, high = 0, most
    n_old, n_new = len(old), len(new)
    while low < high:
        middle = (low + high + 1) // 2
        if old.endswith(new[n_new - middle : n_new - low], 0, n_old - low):
            low = middle
        else:
            high = middle - 1
    return low
