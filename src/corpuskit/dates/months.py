"""Month names of the Gregorian, Jalali and Hijri calendars as news writes them.

The names live in ``corpuskit/data/months.tsv`` (format and sources: its
header and ``corpuskit/data/README.md``), read once, on first use.

``lookup(name)`` compares *normalized keys*: ``ي``/``ى`` → ``ی``, ``ك`` → ``ک``,
``أ``/``إ``/``آ``/``ٱ`` → ``ا``, ``ة``/``ۀ`` → ``ه``, and ZWNJ, spaces, tatweel
and diacritics (harakat, shadda, superscript alef, hamza above/below) are
removed. So ``ربيع الأول``, ``ربیع‌الاول`` and ``ربيعالاول`` are one key, and
``یولیو`` finds ``يوليو``. A consequence: ``أب`` ("father") finds ``آب``.
It does *not* strip affixes: ``دی‌ماه``, ``ماه مهر``, ``بفبراير`` or ``والمحرم``
find nothing; splitting those off is the date matcher's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from corpuskit.dates.fold import fold

DATA_PACKAGE = "corpuskit.data"
DATA_FILE = "months.tsv"
FORMAT_VERSION = "1"
COLUMNS = ("calendar", "month", "name", "lang", "variant", "ambiguous")
CALENDARS = ("gregorian", "jalali", "hijri")
LANGS = ("fa", "ar", "both")


@dataclass(frozen=True)
class MonthName:
    """One row of months.tsv: a spelling of a month name."""

    calendar: str
    month: int
    name: str
    lang: str
    variant: str
    ambiguous: str = ""

    @property
    def variants(self) -> tuple[str, ...]:
        """The ``variant`` column split on commas."""
        return tuple(v for v in self.variant.split(",") if v)

    def used_in(self, lang: str) -> bool:
        """True if news in ``lang`` (``fa`` or ``ar``) uses this spelling."""
        return self.lang == lang or self.lang == "both"


# harakat, shadda, sukun, hamza above/below etc. (U+064B-U+065F), superscript
# alef (U+0670), tatweel (U+0640), ZWNJ/ZWJ, any whitespace
_DROP = re.compile(r"[\u064B-\u065F\u0670\u0640\u200C\u200D\s]+")


def normalize_key(name: str) -> str:
    """The key ``lookup()`` compares (see the module docstring)."""
    return _DROP.sub("", fold(name))


def _parse(text: str) -> tuple[str, list[MonthName]]:
    version = None
    header = None
    rows: list[MonthName] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.startswith("#"):
            m = re.match(r"#\s*format-version:\s*(\S+)", line)
            if m:
                version = m.group(1)
            continue
        if not line.strip():
            continue
        fields = line.split("\t")
        if header is None:
            header = tuple(fields)
            if header != COLUMNS:
                raise ValueError(f"{DATA_FILE}:{lineno}: unexpected header {header!r}")
            continue
        if len(fields) != len(COLUMNS):
            raise ValueError(f"{DATA_FILE}:{lineno}: {len(fields)} fields, expected {len(COLUMNS)}")
        calendar, month, name, lang, variant, ambiguous = fields
        if calendar not in CALENDARS or lang not in LANGS or not name or not variant:
            raise ValueError(f"{DATA_FILE}:{lineno}: bad row {line!r}")
        month_no = int(month)
        if not 1 <= month_no <= 12:
            raise ValueError(f"{DATA_FILE}:{lineno}: month {month_no} out of range")
        rows.append(MonthName(calendar, month_no, name, lang, variant, ambiguous))
    if version is None:
        raise ValueError(f"{DATA_FILE}: no '# format-version:' line")
    return version, rows


@cache
def _load() -> tuple[tuple[MonthName, ...], dict[str, tuple[MonthName, ...]]]:
    text = resources.files(DATA_PACKAGE).joinpath(DATA_FILE).read_text(encoding="utf-8")
    version, rows = _parse(text)
    if version != FORMAT_VERSION:
        raise ValueError(f"{DATA_FILE}: format version {version}, expected {FORMAT_VERSION}")
    index: dict[str, list[MonthName]] = {}
    for row in rows:
        index.setdefault(normalize_key(row.name), []).append(row)
    return tuple(rows), {k: tuple(v) for k, v in index.items()}


def month_names() -> list[MonthName]:
    """All rows of months.tsv, in file order."""
    return list(_load()[0])


def lookup(name: str) -> list[MonthName]:
    """The rows whose name has the same normalized key as ``name`` (maybe none)."""
    return list(_load()[1].get(normalize_key(name), ()))
