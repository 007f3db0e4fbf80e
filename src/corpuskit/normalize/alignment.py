"""Offset maps between a normalized text and the raw text it came from.

Normalization deletes characters (bidi marks, diacritics), inserts some (a ZWNJ
in ``بیانیهای``) and replaces some with strings of another length (``ﻻ`` with
``لا``). An ``Alignment`` records only the regions whose length changed, as
``(t0, t1, r0, r1)``: ``text[t0:t1]`` came from ``raw[r0:r1]``. Between regions
the two texts correspond character for character (a same-length replacement,
such as Arabic kaf to Persian keheh, needs no entry).

Mapping a span of the text back: a start inside a region goes to the region's
raw start, an end inside a region to its raw end, so a span always covers at
least the raw characters its text came from. Both maps are monotone and total.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

Region = tuple[int, int, int, int]


@dataclass(frozen=True)
class Alignment:
    raw_length: int
    text_length: int
    regions: tuple[Region, ...] = ()
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple([region[0] for region in self.regions]))

    @classmethod
    def identity(cls, length: int) -> Alignment:
        return cls(length, length)

    # -- mapping ----------------------------------------------------------
    def raw_start(self, position: int) -> int:
        """The raw offset where a span starting at ``position`` of the text starts."""
        i = bisect_right(self._starts, position) - 1
        if i < 0:
            return position
        t0, t1, r0, r1 = self.regions[i]
        return r0 if position < t1 else position + (r1 - t1)

    def raw_end(self, position: int) -> int:
        """The raw offset where a span ending at ``position`` of the text ends."""
        i = bisect_left(self._starts, position) - 1
        if i < 0:
            return position
        t0, t1, r0, r1 = self.regions[i]
        return r1 if position <= t1 else position + (r1 - t1)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw span a text span ``[start, end)`` came from."""
        raw_start = self.raw_start(start)
        return raw_start, max(raw_start, self.raw_end(end))

    # -- building -----------------------------------------------------------
    def then(self, edits: Sequence[tuple[int, int, int]], new_length: int) -> Alignment:
        """This alignment followed by ``edits`` on its text: each ``(start, end,
        length)`` replaced ``text[start:end]`` by a string of ``length``
        characters (sorted, not overlapping). ``new_length`` is the length after."""
        if not edits:
            return self
        # Intervals on the current text (the middle axis) that changed length in
        # either step; overlapping or touching ones merge into one region. Both
        # lists are sorted: one walk over them, which keeps the offset (raw -
        # middle) after the last old region and (new - middle) after the last
        # edit. A region's start counts only what ended before it (an insertion
        # or deletion right at the start belongs to the region); its end counts
        # everything up to and including it.
        old = self.regions
        regions = _merged(old, edits) if old else _from_edits(edits)
        return Alignment(self.raw_length, new_length, tuple(regions))

    def followed_by(self, other: Alignment) -> Alignment:
        """This alignment (raw -> middle) followed by ``other`` (middle -> text):
        each of ``other``'s regions edits ``middle[r0:r1]`` into ``t1 - t0`` characters."""
        return self.then([(r0, r1, t1 - t0) for t0, t1, r0, r1 in other.regions], other.text_length)

    def without_even_regions(self) -> Alignment:
        """Drop regions whose text and raw lengths are equal (a protected span put
        back as it was, a number whose digits changed script): inside them the
        two texts correspond character for character."""
        regions = tuple(r for r in self.regions if r[1] - r[0] != r[3] - r[2])
        return self if len(regions) == len(self.regions) else Alignment(self.raw_length, self.text_length, regions)

    # -- storage in a record ----------------------------------------------------
    def to_json(self) -> list[list[int]]:
        return [list(region) for region in self.regions]

    @classmethod
    def from_json(cls, regions: Iterable[Sequence[int]], raw_length: int, text_length: int) -> Alignment:
        return cls(raw_length, text_length, tuple(tuple(int(x) for x in region) for region in regions))  # type: ignore[misc]


# ``Alignment.then``'s walk, in its two cases (normalize calls it after every
# pass that changes lengths, so it is written for speed: locals, no max()).


def _from_edits(edits: Sequence[tuple[int, int, int]]) -> list[Region]:
    """The regions of ``edits`` on a text that had none: overlapping or
    touching edits merge; ``shift`` is (new - middle) after the last edit."""
    regions = []
    start, end, length = edits[0]
    before, shift = 0, length - (end - start)
    for index in range(1, len(edits)):
        s, e, length = edits[index]
        if s > end:
            regions.append((start + before, end + shift, start, end))
            start, end, before = s, e, shift
        elif e > end:
            end = e
        shift += length - (e - s)
    regions.append((start + before, end + shift, start, end))
    return regions


_END = float("inf")


def _merged(old: Sequence[Region], edits: Sequence[tuple[int, int, int]]) -> list[Region]:
    """The old regions and the edits, on one walk (see ``Alignment.then``)."""
    n_old, n_edits = len(old), len(edits)
    i = j = 0
    old_shift = edit_shift = 0
    regions = []
    while i < n_old or j < n_edits:
        # The old regions that end before the next edit and do not touch the
        # next old region (most of them): each is a region again, shifted.
        next_edit = edits[j][0] if j < n_edits else _END
        while i < n_old:
            t0, t1, r0, r1 = old[i]
            if t1 >= next_edit or i + 1 < n_old and old[i + 1][0] <= t1:
                break
            regions.append((t0 + edit_shift, t1 + edit_shift, t0 + old_shift, r1))
            old_shift = r1 - t1
            i += 1
        if i == n_old and j == n_edits:
            break
        if j == n_edits or i < n_old and old[i][0] <= edits[j][0]:
            start, end = old[i][0], old[i][1]
        else:
            start, end = edits[j][0], edits[j][1]
        old_before, edit_before = old_shift, edit_shift
        while True:  # take in everything that starts inside the region
            if i < n_old and old[i][0] <= end:
                _, t1, _, r1 = old[i]
                if t1 > end:
                    end = t1
                old_shift = r1 - t1
                i += 1
            elif j < n_edits and edits[j][0] <= end:
                s, e, length = edits[j]
                if e > end:
                    end = e
                edit_shift += length - (e - s)
                j += 1
            else:
                break
        regions.append((start + edit_before, end + edit_shift, start + old_before, end + old_shift))
    return regions
