"""py3langid's byte n-gram counts and scores, with numpy instead of a loop over bytes.

py3langid counts the features (byte n-grams) of a text by walking an
Aho-Corasick automaton one byte at a time in Python (``visit_counts``): the
state after each byte emits at most one feature (``tk_output[state]``). That
loop, and turning the float16 rows of the features seen into float32 for the
product, were three quarters of the `langid` stage's time (docs/langid.md).

Why the same counts come out without the loop: in an Aho-Corasick automaton the
state after reading a text is the longest suffix of the text that is a path of
the trie (the state's string), and those strings are at most ``depth`` bytes
long (6 in py3langid's model). So the state after byte ``i`` is the state
reached from the start by the ``depth`` bytes ending at ``i`` alone, and those
walks run side by side for every ``i`` as ``depth`` array look-ups.
:func:`build` checks that the model is such an automaton (every transition of
every state, against the strings a breadth-first walk finds: :class:`Walk`)
and returns None when it is not; the caller then uses py3langid as it is.

The scores are py3langid's own arithmetic on the same numbers in the same
order (``visit_counts`` returns its counts in order of first occurrence, the
order the float32 product sums them in), so they are bit for bit the same:
tests/stages/test_langid_counts.py compares them with py3langid's.
"""

from __future__ import annotations

import math
from operator import itemgetter
from typing import Any

import numpy as np
from py3langid.langid import RAW_FLOOR

#: States walked at a time: 2,048 rows of 256 transitions keep the walk at 0.35 s
#: without holding hundreds of MB (it once took 0.6 s and 150 MB more).
_CHUNK = 2048


class Tables:
    """What counting needs beyond the identifier, built once per model and
    kept in the disk cache beside it; the automaton's transitions are the
    identifier's own (read through numpy, not copied)."""

    __slots__ = ("depth", "output", "rowbase")

    def __init__(self, depth: int, output: np.ndarray, rowbase: np.ndarray):
        self.depth = depth  # the longest state string, in bytes
        self.output = output  # state -> feature, or -1
        self.rowbase = rowbase  # state -> offset of its row of transitions

    def __getstate__(self):
        return self.depth, self.output, self.rowbase

    def __setstate__(self, state):
        self.depth, self.output, self.rowbase = state


def transitions(identifier: Any) -> np.ndarray:
    """The identifier's transition table as a numpy view (no copy)."""
    return np.frombuffer(identifier.tk_nextmove, dtype=np.dtype(identifier.tk_nextmove.typecode))


def _rowbase(identifier: Any) -> np.ndarray:
    rows = np.frombuffer(identifier.tk_row, dtype=np.dtype(identifier.tk_row.typecode))
    return rows.astype(np.intp) << 8


class Walk:
    """A breadth-first walk of the automaton from state 0, checking it on the
    way. Per state: ``depth``, the length of the shortest byte string reaching
    it, which ends with ``byte`` after the string of ``parent`` (-1 for state
    0 and for states never reached); ``aho_corasick``: whether every
    transition goes where an Aho-Corasick automaton over those strings goes,
    from state ``s`` on byte ``b`` to the state whose string is the longest
    suffix of ``string(s) + b`` that is a state string.

    Checked the classic way, a level at a time: an edge to a state one level
    deeper must be the edge the walk first reached that state by (two strings
    of the same length never lead to one state), and every other edge must go
    where the same byte goes from the failure state (the longest proper suffix
    of ``string(s)`` that is a state string, where the parent's failure state
    goes on the last byte), or to state 0 from state 0. One pass over the
    transitions does both: 0.35 s, once per model (the disk cache keeps the
    result)."""

    def __init__(self, identifier: Any):
        nextmove, rowbase = transitions(identifier), _rowbase(identifier)
        count = len(rowbase)
        depth = np.full(count, -1, dtype=np.int8)
        edge = np.full(count, -1, dtype=np.int64)  # parent * 256 + byte
        fail = np.zeros(count, dtype=np.int64)
        columns = np.arange(256)
        depth[0] = 0
        frontier = np.zeros(1, dtype=np.int64)
        level = 0
        self.aho_corasick = True
        while len(frontier) and self.aho_corasick:
            for start in range(0, len(frontier), _CHUNK):
                chunk = frontier[start : start + _CHUNK]
                targets = nextmove[rowbase[chunk][:, None] + columns].astype(np.int64)
                here = chunk[:, None] * 256 + columns
                reached = depth[targets]
                new = reached < 0
                depth[targets[new]] = level + 1
                edge[targets[new]] = here[new]  # one of the edges, when several: the check below sees the others
                # Where each byte goes from the failure state; from state 0, nowhere.
                fallback = nextmove[rowbase[fail[chunk]][:, None] + columns].astype(np.int64)
                fallback[chunk == 0] = 0
                fail[targets[new]] = fallback[new]
                deeper = depth[targets] == level + 1
                if not (edge[targets[deeper]] == here[deeper]).all() or not (targets[~deeper] == fallback[~deeper]).all():
                    self.aho_corasick = False
                    break
            level += 1
            frontier = np.flatnonzero(depth == level)
        self.aho_corasick = self.aho_corasick and bool((depth >= 0).all())
        self.depth = depth
        self.parent = np.where(edge < 0, -1, edge // 256)
        self.byte = np.where(edge < 0, -1, edge % 256)

    def string(self, state: int) -> bytes:
        """The shortest byte string that reaches ``state``."""
        out = bytearray()
        while state > 0:
            out.append(int(self.byte[state]))
            state = int(self.parent[state])
        return bytes(reversed(out))


def build(identifier: Any) -> Tables | None:
    """The :class:`Tables` for ``identifier``'s model, or None when its
    automaton is not one whose state is decided by the last few bytes."""
    walk = Walk(identifier)
    if not walk.aho_corasick:
        return None
    output = np.asarray(identifier.tk_output, dtype=np.int32)
    return Tables(int(walk.depth.max()), output, _rowbase(identifier))


def states(tables: Tables, nextmove: np.ndarray, data: bytes) -> np.ndarray:
    """The automaton's state after each byte of ``data``, as ``visit_counts``
    walks it: for each byte, the walk from state 0 over the ``depth`` bytes
    that end with it (fewer at the start of the text)."""
    text = np.frombuffer(data, dtype=np.uint8)
    size = len(text)
    state = np.zeros(size, dtype=np.intp)
    rowbase = tables.rowbase
    for back in range(min(tables.depth, size) - 1, -1, -1):
        state[back:] = nextmove[rowbase[state[back:]] + text[: size - back]]
    return state


def counts(tables: Tables, nextmove: np.ndarray, data: bytes) -> tuple[np.ndarray, np.ndarray] | None:
    """``(features, counts)`` of ``data`` in the order ``visit_counts`` returns
    them (first occurrence), or None when it has none."""
    found = tables.output[states(tables, nextmove, data)]
    found = found[found >= 0]
    size = len(found)
    if not size:
        return None
    # One sort of feature * size + position groups each feature's positions in
    # order: the first of a group is its first occurrence.
    keys = found * np.int64(size) + np.arange(size)
    keys.sort()
    features = keys // size
    starts = np.flatnonzero(features[1:] != features[:-1]) + 1
    starts = np.concatenate(([0], starts))
    order = np.argsort(keys[starts] % size)
    numbers = np.diff(starts, append=size)
    return features[starts[order]], numbers[order]


def visit_counts(tables: Tables, nextmove: np.ndarray, data: bytes) -> dict[int, int] | None:
    """The ``{feature: count}`` py3langid's ``visit_counts`` returns, in its order."""
    found = counts(tables, nextmove, data)
    return None if found is None else dict(zip(found[0].tolist(), found[1].tolist()))


class Rows:
    """The float32 rows of py3langid's float16 feature table, converted the
    first time a feature is seen. The product casts the rows it is given to
    float32 anyway (exactly), but casting a thousand rows of 142 float16 on
    every call cost as much as the rest of the scoring; converting the whole
    table would hold 57 MB for the few thousand features a corpus meets."""

    def __init__(self, table: np.ndarray):
        self.table = table
        self.slot = np.full(len(table), -1, dtype=np.intp)  # feature -> row of `rows`
        self.rows = np.empty((1024, table.shape[1]), dtype=np.float32)
        self.used = 0

    def take(self, features: np.ndarray) -> np.ndarray:
        slots = self.slot[features]
        missing = slots < 0
        if missing.any():
            new = np.sort(features[missing])  # not np.unique: its first call imports for 10 ms
            new = new[np.concatenate(([True], new[1:] != new[:-1]))]
            end = self.used + len(new)
            if end > len(self.rows):
                grown = np.empty((max(end, 2 * len(self.rows)), self.rows.shape[1]), dtype=np.float32)
                grown[: self.used] = self.rows[: self.used]
                self.rows = grown
            self.rows[self.used : end] = self.table[new]
            self.slot[new] = np.arange(self.used, end)
            self.used = end
            slots = self.slot[features]
        return self.rows[slots]


class Scorer:
    """``identifier.rank`` with the counts above, for one process (the
    converted rows grow as features are met, so this is not cached on disk)."""

    def __init__(self, identifier: Any, tables: Tables):
        self.identifier = identifier
        self.tables = tables
        self.nextmove = transitions(identifier)
        self.rows = Rows(identifier.nb_ptc)
        classes = identifier.nb_classes
        first: dict[str, int] = {}
        for i, label in enumerate(classes):
            first.setdefault(label, i)
        #: The first column of each label, in order: what rank's setdefault keeps.
        self.labels = list(first)
        self.first = np.array(list(first.values()), dtype=np.intp)
        # py3langid folds each label's later columns into its first one pair
        # by pair, in order; a round takes one pair per label, so a label with
        # three columns still adds them in the same order.
        rounds: list[list[tuple[int, int]]] = []
        seen: dict[int, int] = {}
        for i, j in identifier._alias_pairs:
            number = seen.get(i, 0)
            seen[i] = number + 1
            if number == len(rounds):
                rounds.append([])
            rounds[number].append((i, j))
        self.rounds = [(np.array([i for i, _ in pairs]), np.array([j for _, j in pairs])) for pairs in rounds]

    def scores(self, text: str | bytes) -> np.ndarray:
        """``identifier._decide(text)``, bit for bit."""
        identifier = self.identifier
        data = identifier._encode(text)
        found = counts(self.tables, self.nextmove, data)
        if found is not None:
            features, numbers = found
            # py3langid's np.fromiter(counts, float32) goes through a double.
            scores = np.log1p(numbers.astype(np.float64).astype(np.float32)) @ self.rows.take(features) + identifier.nb_pc
        else:
            scores = np.full(len(identifier.nb_classes), 0.0 if identifier._norm_probs else RAW_FLOOR, dtype=np.float32)
        # From here on py3langid's _decide, the same float32 operations.
        if identifier._norm_probs:
            scores *= 1.0 / math.sqrt(len(data) or 1)
            np.exp(scores - scores.max(), out=scores)
            scores /= scores.sum()
        for i, j in self.rounds:
            if identifier._norm_probs:
                scores[i] += scores[j]
                scores[j] = 0.0
            else:
                scores[i] = np.where(scores[j] > scores[i], scores[j], scores[i])  # Python's max(), NaN and all
                scores[j] = RAW_FLOOR
        return scores

    def rank(self, text: str | bytes) -> list[tuple[str, float]]:
        """``identifier.rank(text)``: the same list, to the last bit."""
        ranking = zip(self.labels, self.scores(text)[self.first].tolist())
        return sorted(ranking, key=itemgetter(1), reverse=True)
