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
from functools import cache
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

    @property
    def ambiguous(self) -> bool:
        return any(tag.startswith("ambiguous") for tag in self.tags)

    @property
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


def _walk(gazetteer: Gazetteer, folded: str, pieces: list[re.Match], index: int, first: str):
    """The longest name starting at piece ``index`` (whose text is ``first``,
    maybe without a clitic): (last piece index, rows) or None."""
    node = gazetteer.trie.get(first)
    best = None
    position = index
    while node is not None:
        if _END in node:
            best = (position, node[_END])
        if position + 1 >= len(pieces):
            break
        gap = folded[pieces[position].end() : pieces[position + 1].start()]
        if not NAME_GAP.fullmatch(gap):
            break
        position += 1
        node = node.get(pieces[position].group())
    return best


def find(text: str, gazetteer: Gazetteer | None = None, lang: str | None = None) -> list[Match]:
    """Every gazetteer name in ``text``, longest first, not overlapping."""
    gazetteer = gazetteer or load()
    folded = fold(text)
    pieces = list(PIECE.finditer(folded))
    found: list[Match] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index].group()
        best = None
        candidates = [(0, piece)]
        if lang != "fa" and piece[0] in _CLITIC_LETTERS:
            candidates += [(len(c), "ال" + piece[len(c):]) if c.endswith("لل") else (len(c), piece[len(c):])
                           for c in CLITICS if piece.startswith(c) and len(piece) - len(c) >= 2]
        for skip, first in candidates:
            walked = _walk(gazetteer, folded, pieces, index, first)
            if walked is None:
                continue
            last, rows = walked
            rows = [r for r in rows if lang is None or r.lang in (lang, "both")] or (rows if lang is None else [])
            if not rows:
                continue
            if best is None or last > best[1]:
                best = (skip, last, rows, first)
        if best is None:
            index += 1
            continue
        skip, last, rows, first = best
        start = pieces[index].start() + skip
        if first.startswith("ال") and skip and piece[skip - 2 : skip] == "لل":
            start -= 1  # لل = ل + ال: the span keeps the ال's lam
        end = pieces[last].end()
        if _suffixed(folded, pieces, last):
            index += 1
            continue
        found.append(Match(start, end, rows))
        index = last + 1
    return found


def _suffixed(folded: str, pieces: list[re.Match], last: int) -> bool:
    """Is the name's last word followed by a Persian suffix joined with ZWNJ?"""
    if last + 1 >= len(pieces):
        return False
    gap = folded[pieces[last].end() : pieces[last + 1].start()]
    return gap == "\u200c" and pieces[last + 1].group() in PERSIAN_SUFFIXES
