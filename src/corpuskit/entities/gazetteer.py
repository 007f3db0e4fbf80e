"""The gazetteer: names of people, places and organizations with one identity
across Persian and Arabic, and a word-level trie that finds them in text.

Data: every ``*.tsv`` in ``corpuskit/data/gazetteer/`` (format: FORMAT.md
there; sources and licences in each file's header). Read once per process, on
first use.

Matching works on *pieces*: runs of letters and digits of the text folded one
character for one (corpuskit.dates.fold: ي/ی, ك/ک, أ/إ/آ/ا, ة/ه...), so
offsets need no map and raw or normalized text both work. A name matches a run
of pieces separated only by spaces or ZWNJ (``دویچه وله`` = ``دویچه‌وله``). Each
start position walks the trie as far as it goes, and the longest name wins.
Around that:

* Arabic clitics in front of a name's first word are tried away (``و``, ``ف``,
  ``ب``, ``ل``, ``ك`` and their pairs; ``لل`` is ``ل`` + ``ال``): ``وروسيا``,
  ``لروسيا``, ``بالولايات المتحدة``, ``للولايات المتحدة``. The span starts after
  the clitic.
* A Persian suffix joined by ZWNJ makes the word something else: ``روسیه‌ای``
  ("Russian") and ``آمریکا‌ها`` are not the country, so no match.
* Rows tagged ``ambiguous`` (a name that is also a word or another entity's
  name) count only when the same entity was found unambiguously elsewhere in
  the document; a surname shared by two entities takes the one whose full name
  the document mentions, or no id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import accumulate
from importlib import resources

from corpuskit.dates.fold import fold

DATA_PACKAGE = "corpuskit.data"
FOLDER = "gazetteer"
FORMAT_VERSION = "1"
COLUMNS = ("id", "label", "type", "lang", "name", "note")
TYPES = ("PER", "LOC", "ORG", "MISC", "EVENT")
_ID = re.compile(r"^(Q[1-9][0-9]*|local:[a-z0-9][a-z0-9-]*)$")

PIECE = re.compile(r"\w+")
#: What may stand between two words of one name.
NAME_GAP = re.compile(r"[ \u200c]+")
#: Arabic clitics that attach to the front of a name, longest first.
CLITICS = ("وبال", "وکال", "فبال", "وال", "فال", "بال", "کال", "ولل", "فلل", "لل", "وب", "ول", "فب", "فل", "وک",
           "و", "ف", "ب", "ل", "ک")
_CLITIC_LETTERS = frozenset(c[0] for c in CLITICS)
#: Persian suffixes that, joined to a name by ZWNJ, make it another word.
PERSIAN_SUFFIXES = frozenset(
    fold(s) for s in ("ای", "ایی", "ها", "های", "هایی", "ی", "یی", "ام", "ات", "اش", "مان", "تان", "شان", "تر", "ترین")
)


@dataclass(frozen=True)
class Name:
    """One row of the gazetteer: a spelling of an entity."""

    id: str
    label: str
    type: str
    lang: str
    name: str
    tags: tuple[str, ...] = ()
    file: str = ""  # the file it came from, without .tsv (countries, places, people, organizations)

    # Cached: both are read for every match of the row (the instance dict
    # takes the value, so the frozen dataclass's fields are untouched).
    @cached_property
    def ambiguous(self) -> bool:
        return any(tag.startswith("ambiguous") for tag in self.tags)

    @cached_property
    def also_a_word(self) -> bool:
        """Is the spelling also a common word (قطر 'diameter', جده 'grandmother')?
        Other ambiguity notes say which entity it is, not whether it is one."""
        return any(tag.startswith("ambiguous") and _WORD_SENSE.search(tag) for tag in self.tags)


#: Words of an ``ambiguous:`` note that say the spelling is also an ordinary word.
_WORD_SENSE = re.compile(r"word|adjective|phrase|verb|given-name|month|vaccine|product")


@dataclass
class Gazetteer:
    names: list[Name]
    trie: dict = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # id -> English label
    types: dict[str, str] = field(default_factory=dict)  # id -> type
    given_names: frozenset[str] | None = None  # filled by entities.extract on first use
    #: Lookup tables derived from ``trie`` and ``names`` on first use (see
    #: _starts, entities.extract._triggers); never compared or printed.
    derived: dict = field(default_factory=dict, repr=False, compare=False)


_END = "\x00"


def key_pieces(text: str) -> list[str]:
    """A name as the matcher sees it: its folded pieces."""
    return PIECE.findall(fold(text))


def parse(text: str, source: str) -> list[Name]:
    """The rows of one gazetteer file (raises ValueError with file:line on a bad one)."""
    version = None
    header = None
    rows: list[Name] = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("#"):
            match = re.match(r"#\s*format-version:\s*(\S+)", line)
            if match:
                version = match.group(1)
            continue
        if not line.strip():
            continue
        fields = line.split("\t")
        if header is None:
            if tuple(fields) != COLUMNS:
                raise ValueError(f"{source}:{number}: header must be {' '.join(COLUMNS)}")
            header = fields
            continue
        if len(fields) != len(COLUMNS):
            raise ValueError(f"{source}:{number}: {len(fields)} fields, expected {len(COLUMNS)}")
        id_, label, type_, lang, name, note = (f.strip() for f in fields)
        if not _ID.match(id_) or type_ not in TYPES or lang not in ("fa", "ar", "both") or not name or not label:
            raise ValueError(f"{source}:{number}: bad row {line!r}")
        tags = tuple(t.strip() for t in note.split(",") if t.strip())
        rows.append(Name(id_, label, type_, lang, name, tags, source.rsplit("/", 1)[-1].removesuffix(".tsv")))
    if version != FORMAT_VERSION:
        raise ValueError(f"{source}: format version {version!r}, expected {FORMAT_VERSION}")
    return rows


def build(names: list[Name]) -> Gazetteer:
    gazetteer = Gazetteer(names)
    for row in names:
        gazetteer.labels.setdefault(row.id, row.label)
        gazetteer.types.setdefault(row.id, row.type)
        pieces = key_pieces(row.name)
        if not pieces:
            continue
        node = gazetteer.trie
        for piece in pieces:
            node = node.setdefault(piece, {})
        bucket = node.setdefault(_END, [])
        if row not in bucket:
            bucket.append(row)
    return gazetteer


@cache
def load() -> Gazetteer:
    """The shipped gazetteer (every file of data/gazetteer/), read once."""
    folder = resources.files(DATA_PACKAGE).joinpath(FOLDER)
    names: list[Name] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".tsv"):
            names.extend(parse(entry.read_text(encoding="utf-8"), f"{FOLDER}/{entry.name}"))
    return build(names)


@dataclass
class Match:
    start: int
    end: int
    rows: list[Name]
    # The indices of the name's first and last pieces (so that callers need
    # not search the pieces for the offsets again).
    first: int = field(default=-1, repr=False, compare=False)
    last: int = field(default=-1, repr=False, compare=False)


_SPLIT = re.compile(r"(\w+)")  # PIECE, captured: split() keeps the pieces and the gaps between them

#: Words folded already (fold is one character for one, so a word folds the
#: same alone as in its text). Folding each distinct word once costs far less
#: than folding every character of every text; emptied when it grows too big.
_FOLDED: dict[str, str] = {}
_FOLDED_MAX = 200_000


class Pieces:
    """A text cut into pieces once, for the matcher and the rules alike:
    ``words[i]`` is piece ``i`` folded, ``gaps[i]`` the (unfolded) text before
    it, ``gaps[len(words)]`` the text after the last one. fold() turns letters
    and digits into letters and digits and nothing else into them, so the raw
    text has the same pieces as the folded one. One ``re.split`` in C instead of
    ``PIECE.finditer``, which makes a match object per word and a method call
    per offset; offsets are one list of running lengths."""

    __slots__ = ("words", "gaps", "bounds")

    def __init__(self, text: str):
        parts = _SPLIT.split(text)  # gap, word, gap, ..., word, gap
        raw = parts[1::2]
        new = list(set(raw).difference(_FOLDED))
        if new:
            if len(_FOLDED) + len(new) > _FOLDED_MAX:
                _FOLDED.clear()
                new = list(set(raw))
            # One fold() call for all new words (no word holds a newline).
            _FOLDED.update(zip(new, fold("\n".join(new)).split("\n")))
        self.words: list[str] = list(map(_FOLDED.__getitem__, raw))
        self.gaps: list[str] = parts[0::2]
        #: bounds[2 * i] is where piece i starts, bounds[2 * i + 1] where it ends.
        self.bounds: list[int] = list(accumulate(map(len, parts)))

    def start(self, index: int) -> int:
        return self.bounds[2 * index]

    def end(self, index: int) -> int:
        return self.bounds[2 * index + 1]

    def joined(self, index: int) -> bool:
        """Is piece ``index`` followed by piece ``index + 1`` within one name (space or ZWNJ only)?"""
        return index + 1 < len(self.words) and _name_gap(self.gaps[index + 1])


def _name_gap(gap: str) -> bool:
    """May ``gap`` (unfolded) stand between two words of one name? A plain space
    is by far the most frequent gap; the rest is folded first (a no-break space
    counts as a space)."""
    return gap == " " or NAME_GAP.fullmatch(fold(gap)) is not None


def _starts(gazetteer: Gazetteer, clitics: bool) -> dict[str, tuple[tuple[int, str], ...]]:
    """Every word that can start a name -> its readings ``(skip, first)``: the
    word itself (skip 0) and, with ``clitics``, the word without each Arabic
    clitic (skip = the clitic's length; ``first`` is the trie key the rest of
    the word stands for), in the order ``find`` tries them (itself, then
    CLITICS' order). Only readings whose ``first`` starts a name are kept, so
    a word that is no key here cannot start a match and is never looked at
    again. Built once per gazetteer from its trie's first words."""
    key = ("starts", clitics)
    if key not in gazetteer.derived:
        readings: dict[str, dict[int, tuple[int, str]]] = {}
        for first in gazetteer.trie:
            readings.setdefault(first, {})[-1] = (0, first)
            if not clitics:
                continue
            for rank, clitic in enumerate(CLITICS):
                if clitic.endswith("لل"):  # ل + ال: the word read as ال + its rest
                    if not first.startswith("ال") or len(first) - 2 < 2:
                        continue
                    surface = clitic + first[2:]
                elif len(first) < 2:
                    continue
                else:
                    surface = clitic + first
                readings.setdefault(surface, {})[rank] = (len(clitic), first)
        gazetteer.derived[key] = {w: tuple(r[k] for k in sorted(r)) for w, r in readings.items()}
    return gazetteer.derived[key]


def _lang_trie(gazetteer: Gazetteer, lang: str | None) -> dict:
    """The trie with each name's rows already kept to those of ``lang`` (a
    tuple, maybe empty: an empty one still ends the longest name, which then
    does not count), instead of filtering the rows at every match."""
    key = ("trie", lang)
    if key not in gazetteer.derived:

        def keep(node: dict) -> dict:
            out = {}
            for piece, child in node.items():
                if piece == _END:
                    rows = [r for r in child if lang is None or r.lang in (lang, "both")]
                    out[piece] = tuple(rows or (child if lang is None else ()))
                else:
                    out[piece] = keep(child)
            return out

        gazetteer.derived[key] = keep(gazetteer.trie)
    return gazetteer.derived[key]


def _walk(trie: dict, pieces: Pieces, index: int, first: str):
    """The longest name starting at piece ``index`` (whose text is ``first``,
    maybe without a clitic): (last piece index, rows) or None."""
    node = trie.get(first)
    best = None
    position = index
    words, gaps = pieces.words, pieces.gaps
    count = len(words)
    while node is not None:
        if _END in node:
            best = (position, node[_END])
        if position + 1 >= count:
            break
        if not _name_gap(gaps[position + 1]):
            break
        position += 1
        node = node.get(words[position])
    return best


def find(text: str, gazetteer: Gazetteer | None = None, lang: str | None = None) -> list[Match]:
    """Every gazetteer name in ``text``, longest first, not overlapping."""
    return find_in(Pieces(text), gazetteer or load(), lang)


def find_in(pieces: Pieces, gazetteer: Gazetteer, lang: str | None) -> list[Match]:
    """``find`` on a text already cut into pieces."""
    starts = _starts(gazetteer, lang != "fa")
    words, bounds, trie = pieces.words, pieces.bounds, _lang_trie(gazetteer, lang)
    found: list[Match] = []
    resume = 0  # the first piece not inside a name found already
    # Only pieces that can start a name are tried: one dict lookup per word, in C.
    for index in [i for i, w in enumerate(words) if w in starts]:
        if index < resume:
            continue
        piece = words[index]
        best = None
        for skip, first in starts[piece]:
            walked = _walk(trie, pieces, index, first)
            if walked is None:
                continue
            last, rows = walked
            if not rows:
                continue
            if best is None or last > best[1]:
                best = (skip, last, rows, first)
        if best is None:
            continue
        skip, last, rows, first = best
        start = bounds[2 * index] + skip
        if first.startswith("ال") and skip and piece[skip - 2 : skip] == "لل":
            start -= 1  # لل = ل + ال: the span keeps the ال's lam
        if _suffixed(pieces, last):
            continue
        found.append(Match(start, bounds[2 * last + 1], list(rows), index, last))
        resume = last + 1
    return found


def _suffixed(pieces: Pieces, last: int) -> bool:
    """Is the name's last word followed by a Persian suffix joined with ZWNJ?"""
    if last + 1 >= len(pieces.words):
        return False
    gap = pieces.gaps[last + 1]
    return gap != " " and fold(gap) == "\u200c" and pieces.words[last + 1] in PERSIAN_SUFFIXES
