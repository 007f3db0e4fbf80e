"""Find date expressions in folded text: atoms first, then runs of atoms merged.

An *atom* is one regex match of one kind: a named-month date (``۲۵ آبان ۱۴۰۳``,
``سوم مهر``, ``نوفمبر/تشرين الثاني 2018``), a numeric date (``2018/08/23``), a
year after a year word (``سال ۲۰۱۶``, ``لعام 2016``), a bare year, a weekday, a
relative day (``امروز``, ``أمس``), a counted offset (``۳۹ روز دیگر``, ``منذ
يومين``), a relative period (``ماه میلادی آینده``, ``العام الجاري``), a clock
time, or a modifier (``أواخر``). Atoms that touch (only spaces, a comma or a
dash between them) are merged into one *mention*: ``الخميس 23 أغسطس/آب 2018``
is a weekday and a date, ``۲۰:۳۵ - الاثنين ۱۰ یولیو ۲۰۱۷`` a time, a weekday
and a date. Resolution (values, calendars, flags) is resolve.py's job.

Context rules that keep false alarms out live here: a month name that is also
a common word (months.tsv ``ambiguous`` column) needs a day, a year, ماه/شهر
or a paired name; الأحد/الاثنين need يوم or a date next to them; اليوم followed
by التالي is "the next day", not today; numbers glued to other numbers
(``3.5``, ``۱۳۳۲۵``) are never days or years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from operator import attrgetter
from typing import Any

from corpuskit.dates import lexicon as lx
from corpuskit.dates import numbers
from corpuskit.dates.fold import fold_pattern_text
from corpuskit.dates.months import month_names

# Word boundaries: no letter, digit or ZWNJ on the outer side.
B = r"(?<![\w\u200c])"
E = r"(?![\w\u200c])"
GAP = r"[ \t]+"
SEP_IN_NAME = r"[ \t\u200c]*"
# A number standing alone: not part of 3.5, 2018/08, ۱۳۳۲۵ or 12:30.
NUM_BEFORE = r"(?<![0-9.,/:\-])"
NUM_AFTER = r"(?![0-9]|[.,/:][0-9])"
# What may stand between two atoms of one mention.
GLUE = re.compile(r"[ \t]*(?:[,،\-–—]|من|از)?[ \t]*")  # الساعة 18:00 من يوم الخميس


#: سال, and عام/سنة with the Arabic clitics that attach to them (لعام, والعام, للسنة).
YEAR_WORDS = ["سال"] + [
    conj + prep + base
    for base in ("عام", "سنه")
    for conj in ("", "و", "ف")
    for prep in ("", "ب", "ل", "ک", "ال", "بال", "کال", "لل")
]


@dataclass(slots=True)
class Atom:
    kind: str  # date | numeric | year | bareyear | weekday | relday | relcount | period | time | modifier
    start: int
    end: int
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Mention:
    """Atoms merged into one date expression."""

    start: int
    end: int
    atoms: list[Atom]

    def get(self, kind: str) -> Atom | None:
        return next((a for a in self.atoms if a.kind == kind), None)

    @property
    def core(self) -> Atom | None:
        return next((a for a in self.atoms if a.kind not in ("weekday", "time", "modifier")), None)


def _alt(words, sep: str = SEP_IN_NAME) -> str:
    """A regex matching any of the folded ``words`` (longest first); inner
    spaces/ZWNJ match ``sep``. Built as a trie: an alternation of a hundred
    month names tried one by one at every position of the text is several
    times slower than branching on one character at a time."""
    trie: dict = {}
    for word in words:
        pieces = re.split(r"[ \u200c]+", fold_pattern_text(word).strip())
        node = trie
        for index, piece in enumerate(pieces):
            if index:
                node = node.setdefault(_SEP, {})
            for char in piece:
                node = node.setdefault(char, {})
        node[_END] = {}
    return "(?:" + _trie_regex(trie, sep) + ")"


_SEP, _END = "\x00sep", "\x00end"


def _trie_regex(node: dict, sep: str) -> str:
    branches = [(sep if key == _SEP else re.escape(key)) + _trie_regex(child, sep)
                for key, child in node.items() if key != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:  # a word ends here and longer ones go on: greedy, longest first
        return f"(?:{body})?"
    return body


_KEY_GAP = re.compile(r"[\s\u200c]+")


@lru_cache(maxsize=8192)
def _key(text: str) -> str:
    return _KEY_GAP.sub("", text)


@dataclass(frozen=True)
class MonthEntry:
    calendar: str
    month: int
    ambiguous: str
    variant: str = ""


@cache
def _month_table(lang: str) -> dict[str, list[MonthEntry]]:
    table: dict[str, list[MonthEntry]] = {}
    for row in month_names():
        if lang in ("fa", "ar") and not row.used_in(lang):
            continue
        entry = MonthEntry(row.calendar, row.month, row.ambiguous, row.variant)
        table.setdefault(_key(fold_pattern_text(row.name)), []).append(entry)
    return table


def month_entries(lang: str, written: str) -> list[MonthEntry]:
    return _month_table(lang).get(_key(written), [])


@cache
def _patterns(lang: str) -> Patterns:
    table_words = []
    for row in month_names():
        if lang not in ("fa", "ar") or row.used_in(lang):
            table_words.append(row.name)
    months = _alt(table_words)
    cardinal = numbers.CARDINAL_AR
    year4 = rf"{NUM_BEFORE}(?P<year>[0-9]{{4}}){NUM_AFTER}"
    era_words = list(lx.CALENDAR_WORDS) + list(lx.ERA_MARKERS)
    era = rf"(?:[ \t]*(?P<era>{_alt(era_words, r'[ \t]?')}){E})?"
    period_noun = r"(?:ماه|شهر)"

    # The day before a month name (۲۵ آبان, سوم مهر, الحادي عشر من سبتمبر) is read
    # backwards from the month (_day_before): a leading alternation of every
    # ordinal word would be tried at every position of the text, 20x slower.
    named = (
        rf"{B}(?:(?P<pre>{period_noun}){GAP})?"
        rf"(?P<month>{months})(?P<suf>[ \u200c]?ماه)?{E}"
        rf"(?:[ \t]*/[ \t]*(?P<month2>{months}){E})?"
        rf"(?:[ \t]*[,،]?[ \t]*(?:سال{GAP})?{year4}{era}"
        rf"|{GAP}(?P<myear>{_alt(lx.YEAR_OF_MONTH, GAP)}){E}"
        rf"|{GAP}(?P<mdir>{_alt(lx.MONTH_DIRECTION)}){E})?"
    )
    ymd_named = rf"{year4}{GAP}(?P<month>{months}){E}{GAP}{NUM_BEFORE}(?P<dnum>[0-3]?[0-9]){NUM_AFTER}"
    numeric_ymd = (
        rf"{NUM_BEFORE}(?P<year>[0-9]{{4}})(?P<sep>[/\-.])(?P<m>[0-9]{{1,2}})(?P=sep)(?P<d>[0-9]{{1,2}})"
        rf"(?![0-9]|[/\-.][0-9]){era}"
    )
    numeric_dmy = (
        rf"{NUM_BEFORE}(?P<d>[0-9]{{1,2}})(?P<sep>[/\-.])(?P<m>[0-9]{{1,2}})(?P=sep)(?P<year>[0-9]{{4}})"
        rf"(?![0-9]|[/\-.][0-9]){era}"
    )
    year_word = (
        rf"{B}(?P<yw>{_alt(YEAR_WORDS)}){GAP}(?:{year4}{era}"
        rf"|{NUM_BEFORE}(?P<short>[0-9]{{2}}){NUM_AFTER}(?![ \t]*(?:سال|درصد|%)))"
    )
    bare_year_parenthesized = rf"\([ \t]*{year4}[ \t]*\)"
    bare_year = rf"(?<=[\w][ \t]){year4}(?=[ \t]*(?:[.،,؛:!?)»\"]|$))"
    weekdays = _alt(list(lx.WEEKDAYS_FA) + list(lx.WEEKDAYS_AR))
    wd_dir = _alt(list(lx.DIRECTION_FA) + ["هفته آینده", "هفته گذشته", "هفته بعد", "هفته پیش"]
                  + [w for w in lx.PERIOD_DIRECTION_AR if w != "السابق"])
    # Words before a weekday or relative day (شامگاه, يوم) are read backwards (_prefix_before).
    weekday = rf"{B}(?P<weekday>{weekdays}){E}(?:{GAP}(?P<wdir>{wd_dir}){E})?"
    reldays = _alt(list(lx.RELATIVE_DAYS_FA) + list(lx.RELATIVE_DAYS_AR))
    relday = rf"{B}(?P<clitic>[وف]?(?:[بل](?=ال))?)(?P<rel>{reldays}){E}"
    count = rf"(?:{NUM_BEFORE}(?P<n>[0-9]{{1,3}}){NUM_AFTER}|{B}(?P<nword>{cardinal}))"
    # The count before the unit (۳۹ روز دیگر, سه سال پیش) is read backwards (_count_before).
    relcount_fa = (
        rf"{B}(?P<unit>{_alt(numbers.UNIT_WORDS_FA)}){E}"
        rf"(?:{GAP}(?P<cal>{_alt(lx.CALENDAR_WORDS)}))?{GAP}(?P<dir>{_alt(lx.DIRECTION_FA)}){E}"
    )
    relcount_ar = (
        rf"{B}(?P<clitic>[وف]?)(?P<dir>{_alt(lx.DIRECTION_AR)}){GAP}"
        rf"(?:{count}{GAP}(?P<unit>{_alt(numbers.UNIT_WORDS_AR)})|(?P<dual>{_alt(numbers.ARABIC_DUAL_UNITS)}))"
        rf"{E}(?!{GAP}(?:من|علی){E})(?![ \t]*[0-9])"
    )
    period_fa = (
        rf"{B}(?:(?P<this>این){GAP})?(?P<pnoun>ماه|هفته|سال)(?:{GAP}(?P<cal>{_alt(lx.CALENDAR_WORDS)}))?"
        rf"(?:{GAP}(?P<pdir>{_alt(lx.PERIOD_DIRECTION_FA)}))?{E}"
        rf"|{B}(?P<pword>امسال|پارسال){E}"
    )
    period_ar = (
        rf"{B}(?:(?P<this>هذا|هذه){GAP})?(?P<clitic>[وف]?(?:[بک]?ال|لل))(?P<pnoun>شهر|عام|سنه|اسبوع)"
        rf"(?:{GAP}(?P<cal>{_alt(['الميلادي', 'الميلادية', 'الهجري', 'الهجرية', 'الشمسي', 'الشمسية'])}))?"
        rf"(?:{GAP}(?P<pdir>{_alt(lx.PERIOD_DIRECTION_AR)}))?{E}"
    )
    ampm = _alt(lx.PM_WORDS + lx.AM_WORDS, r"[ \t]?")
    tz_word = _alt(lx.TIMEZONES)
    time = (
        rf"{NUM_BEFORE}(?P<hh>[0-2]?[0-9]):(?P<mm>[0-5][0-9])(?::(?P<ss>[0-5][0-9]))?"
        rf"(?![0-9]|[.:/][0-9])"
        rf"(?:[ \t]*(?P<ampm>{ampm})[\u064b\u064c]?{E})?"
        rf"(?:{GAP}(?:(?:ب|ال)?توقیت|به{GAP}وقت|بوقت){GAP}(?P<tz>{tz_word}){E}"
        rf"|[ \t]*(?P<tzlatin>GMT|UTC)(?P<tzoff>[+\-][0-9]{{1,2}}(?::?[0-9]{{2}})?)?)?"
    )
    modifier = rf"{B}(?P<modifier>{_alt(lx.MODIFIERS)}){E}"
    kinds = [
        ("named", named),
        ("ymd", ymd_named),
        ("numeric", numeric_ymd),
        ("numeric", numeric_dmy),
        ("year", year_word),
        ("bareyear", bare_year_parenthesized),
        ("bareyear", bare_year),
        ("weekday", weekday),
        ("relday", relday),
        ("relcount_fa", relcount_fa),
        ("relcount", relcount_ar),
        ("period", period_fa),
        ("period", period_ar),
        ("time", time),
        ("modifier", modifier),
    ]
    compiled = [(kind, re.compile(pattern, re.MULTILINE)) for kind, pattern in kinds]
    triggers = _trigger_words(table_words)
    starts = _start_words(table_words)
    word = [(k, p) for k, p in compiled if k not in _DIGIT_KINDS]
    return Patterns(
        everything=compiled,
        word=word,
        digit=[(k, p) for k, p in compiled if k in _DIGIT_KINDS],
        # a trigger word ends the word (or glues to ماه: مهرماه); ZWNJ may follow (دی\u200cماه)
        word_trigger=re.compile(B + _alt(triggers) + r"(?:(?!\w)|(?=ماه))"),
        digit_trigger=re.compile(r"(?<![0-9.,/:\-])[0-9]|\("),
        word_starts=[starts[k] for k, _ in word],
    )


#: Patterns that start at a digit (or the "(" of "(2018)").
_DIGIT_KINDS = {"ymd", "numeric", "bareyear", "time"}


@dataclass
class Patterns:
    everything: list[tuple[str, re.Pattern[str]]]
    word: list[tuple[str, re.Pattern[str]]]
    digit: list[tuple[str, re.Pattern[str]]]
    word_trigger: re.Pattern[str]
    digit_trigger: re.Pattern[str]
    #: For each of ``word``, the keys (_key) of the words it can start with.
    word_starts: list[frozenset[str]] = field(default_factory=list)
    _for_hit: dict[str, list[tuple[str, re.Pattern[str]]]] = field(default_factory=dict, repr=False)

    def word_patterns(self, hit: str) -> list[tuple[str, re.Pattern[str]]]:
        """The patterns of ``word`` that may match where the trigger found the
        word ``hit``: those that start with ``hit`` or with a word it begins
        with. Every word pattern needs a word end (or ماه) after its first
        word, as the trigger does, and the trigger takes the longest word, so
        any other pattern's first word would have to be a prefix of ``hit``.
        Trying only these, not all nine, matters in text dense with month
        names, where every word is a trigger."""
        found = self._for_hit.get(hit)
        if found is None:
            key = _key(hit)
            found = [
                pair for pair, starts in zip(self.word, self.word_starts)
                if any(key[:length] in starts for length in range(1, len(key) + 1))
            ]
            if len(self._for_hit) < 10_000:  # spacing inside a multi-word name varies without end
                self._for_hit[hit] = found
        return found


def _clitics(word: str) -> list[str]:
    """``word`` and its forms with the Arabic clitics that may stand before it."""
    forms = [conj + word for conj in ("", "و", "ف")]
    if word.startswith("ال"):
        forms += [conj + prep + word for conj in ("", "و", "ف") for prep in ("ب", "ل", "ک")]
        forms += [conj + "لل" + word[2:] for conj in ("", "و", "ف")]
    return forms


def _trigger_words(month_words: list[str]) -> list[str]:
    """Every word a word-initial pattern can start with (with Arabic clitics)."""
    clitics = _clitics  # (the name it had as a local function)
    words = list(month_words) + ["ماه", "شهر"] + YEAR_WORDS
    words += list(lx.WEEKDAYS_FA) + list(lx.WEEKDAYS_AR)
    words += list(lx.RELATIVE_DAYS_FA) + [f for w in lx.RELATIVE_DAYS_AR for f in clitics(w)]
    words += list(numbers.UNIT_WORDS_FA) + [f for w in lx.DIRECTION_AR for f in clitics(w)]
    words += ["این", "هفته", "سال", "امسال", "پارسال", "هذا", "هذه"]
    words += [f for noun in ("شهر", "عام", "سنه", "اسبوع") for f in clitics("ال" + noun)]
    words += list(lx.MODIFIERS)
    return words


def _start_words(month_words: list[str]) -> dict[str, frozenset[str]]:
    """Kind of word pattern -> the keys of the words it starts with (as in
    _trigger_words, which lists their union)."""
    words = {
        "named": list(month_words) + ["ماه", "شهر"],
        "year": YEAR_WORDS,
        "weekday": list(lx.WEEKDAYS_FA) + list(lx.WEEKDAYS_AR),
        "relday": list(lx.RELATIVE_DAYS_FA) + [f for w in lx.RELATIVE_DAYS_AR for f in _clitics(w)],
        "relcount_fa": list(numbers.UNIT_WORDS_FA),
        "relcount": [f for w in lx.DIRECTION_AR for f in _clitics(w)],
        "period": ["این", "ماه", "هفته", "سال", "امسال", "پارسال", "هذا", "هذه"]
        + [f for noun in ("شهر", "عام", "سنه", "اسبوع") for f in _clitics("ال" + noun)],
        "modifier": list(lx.MODIFIERS),
    }
    return {kind: frozenset(_key(fold_pattern_text(w)) for w in ws) for kind, ws in words.items()}


_URL = re.compile(r"(?:https?://|www\.)\S+")
_NOT_SPACE_RUN = re.compile(r"\S+")


def _blocked(folded: str) -> list[tuple[int, int]]:
    """URLs and e-mail addresses: no date is read inside them. An e-mail is the
    run of non-space characters around an @, found from the @ (a pattern that
    starts with "non-spaces, then @" would rescan a long run of letters from
    every position of it: quadratic)."""
    spans = [m.span() for m in _URL.finditer(folded)]
    at = folded.find("@")
    while at >= 0:
        start = at
        while start > 0 and not folded[start - 1].isspace():
            start -= 1
        end = _NOT_SPACE_RUN.match(folded, at).end()
        spans.append((start, end))
        at = folded.find("@", end)
    return spans


def _matches(folded: str, patterns: Patterns, full_scan: bool):
    """(kind, match) of every pattern wherever it matches. Instead of scanning
    the text once per pattern (16 passes), two trigger scans find the places
    where a pattern can start (a digit; a word a pattern begins with) and the
    patterns are tried there only: 2-3x faster. ``full_scan`` runs every
    pattern over the whole text (the tests check both agree)."""
    if full_scan:
        for kind, pattern in patterns.everything:
            for match in pattern.finditer(folded):
                yield kind, match
        return
    for hit in patterns.digit_trigger.finditer(folded):
        position = hit.start()
        for kind, pattern in patterns.digit:
            match = pattern.match(folded, position)
            if match is not None:
                yield kind, match
    word_patterns = patterns.word_patterns
    for hit in patterns.word_trigger.finditer(folded):
        position = hit.start()
        for kind, pattern in word_patterns(hit.group()):
            match = pattern.match(folded, position)
            if match is not None:
                yield kind, match


def find_atoms(folded: str, lang: str, full_scan: bool = False) -> list[Atom]:
    """All atoms in ``folded`` text, non-overlapping (earliest, then longest, wins)."""
    blocked = _blocked(folded)
    candidates: list[Atom] = []
    for kind, match in _matches(folded, _patterns(lang), full_scan):
        start, end = match.span()
        if end == start:
            continue
        if blocked and any(s < end and start < e for s, e in blocked):
            continue
        fields = {k: v for k, v in match.groupdict().items() if v is not None}
        atom = _accept(kind, match, fields, folded, lang)
        if atom is not None:
            candidates.append(atom)
    # Earliest first; of those that start together the longest (the first of
    # equals), which alone can be kept: the others start inside it.
    candidates.sort(key=_START)
    atoms: list[Atom] = []
    count, index = len(candidates), 0
    while index < count:
        atom = candidates[index]
        index += 1
        while index < count and candidates[index].start == atom.start:
            if candidates[index].end > atom.end:
                atom = candidates[index]
            index += 1
        if not atoms or atom.start >= atoms[-1].end:
            atoms.append(atom)
    return atoms


_START = attrgetter("start")


_BARE_YEAR_AFTER = frozenset(fold_pattern_text(word) for word in lx.BARE_YEAR_AFTER)
_DAY_WORD_BEFORE = re.compile(rf"{B}(?:روز|[وف]?[بل]?یوم){GAP}$")
_POD = _alt(lx.PART_OF_DAY)
_PREFIX_BEFORE = {
    "weekday": re.compile(
        rf"{B}(?:(?P<pod>{_POD}){GAP})?(?P<dayword>{_alt(['روز', 'یوم', 'ویوم', 'فیوم', 'بیوم', 'لیوم'])}){GAP}$"
        rf"|{B}(?P<pod2>{_POD}){GAP}$"
    ),
    "relday": re.compile(rf"{B}(?P<pod>{_POD}){GAP}$"),
}
_HOUR_BEFORE = re.compile(rf"{B}(?P<hw>{_alt(lx.HOUR_WORDS)}){GAP}$")
_WORDS_BEFORE = re.compile(r"(?:[\w\u200c]+[ \t]+){1,4}$")
_DIGITS_BEFORE = re.compile(r"(?<![0-9.,/:\-])([0-9]{1,3})[ \t]+$")
_OF = re.compile(r"(?:^|[ \t])من[ \t]+$")


def _last_pieces(*tables: dict[int, tuple[str, ...]]) -> frozenset[str]:
    """The last word of every spelling of a number: a number written in words
    ends with one of these, which is checked first because it is cheap."""
    return frozenset(
        re.split(r"[ \u200c]+", fold_pattern_text(spelling))[-1]
        for table in tables
        for spellings in table.values()
        for spelling in spellings
    )


_ORDINAL_ENDS = _last_pieces(numbers.ORDINAL_DAY_SPELLINGS_FA, numbers.ORDINAL_DAY_SPELLINGS_AR)
_CARDINAL_ENDS = _last_pieces(numbers.CARDINAL_SPELLINGS_FA, numbers.CARDINAL_SPELLINGS_AR)
#: The last two letters of those words (all have two or more): a word before
#: that ends otherwise is no number (checked first: it needs no copy of it).
_ORDINAL_TAILS = frozenset(word[-2:] for word in _ORDINAL_ENDS)
_CARDINAL_TAILS = frozenset(word[-2:] for word in _CARDINAL_ENDS)
assert min(map(len, _ORDINAL_ENDS | _CARDINAL_ENDS)) >= 2


#: Up to the last character that is neither alphanumeric (str.isalnum: \w but
#: _) nor a ZWNJ: what follows it is the word before a position.
_UP_TO_LAST_NON_WORD = re.compile(r".*(?:[^\w\u200c]|_)", re.DOTALL)


def _word_just_before(folded: str, start: int) -> str:
    """The word (letters, digits and ZWNJs, at most 40 of them) before
    ``start``, past the spaces and tabs between."""
    end = start
    while end > 0 and folded[end - 1] in " \t":
        end -= 1
    window = folded[max(0, end - 40) : end]
    cut = _UP_TO_LAST_NON_WORD.match(window)
    return window[cut.end() :] if cut else window


def _words_before(folded: str, start: int, parse, max_digits: int) -> tuple[int, int] | None:
    """A number written just before ``start``, as digits or as words that
    ``parse`` reads (the longest run of up to four words that parses)."""
    if parse is numbers.parse_ordinal_day:
        ends, tails = _ORDINAL_ENDS, _ORDINAL_TAILS
    else:
        ends, tails = _CARDINAL_ENDS, _CARDINAL_TAILS
    before = start
    while before > 0 and folded[before - 1] in " \t":
        before -= 1
    if before == 0 or not (folded[before - 1].isdigit() or folded[before - 2 : before] in tails):
        return None  # the word before ends unlike any number: no copy of it, no regex
    last = _word_just_before(folded, start)
    if not last or not (last.isdigit() or last in ends or last.split("\u200c")[-1] in ends):
        return None  # the common case, a month or unit after an ordinary word: no regex work
    window = folded[max(0, start - 48) : start]
    digits = _DIGITS_BEFORE.search(window)
    if digits:
        if len(digits.group(1)) > max_digits:
            return None
        return start - len(window) + digits.start(1), int(digits.group(1))
    words = _WORDS_BEFORE.search(window)
    if not words:
        return None
    pieces = list(re.finditer(r"[\w\u200c]+", words.group(0)))
    for first in range(len(pieces)):
        begin = words.start() + pieces[first].start()
        if begin > 0 and re.match(r"[\w\u200c]", window[begin - 1]):
            continue
        value = parse(window[begin:].rstrip())
        if value is not None:
            return start - len(window) + begin, value
    return None


def _day_before(folded: str, start: int) -> tuple[int, int] | None:
    """The day of ``۲۵ آبان``, ``سوم مهر``, ``الحادي عشر من سبتمبر``."""
    anchor = start
    if folded.find("من", max(0, start - 8), start) >= 0:
        of = _OF.search(folded[max(0, start - 8) : start])  # the من of "الحادي عشر من"
        if of:
            anchor = start - len(of.group(0)) + (1 if of.group(0)[0] in " \t" else 0)
    found = _words_before(folded, anchor, numbers.parse_ordinal_day, 2)
    if found is None:
        return None
    begin, value = found
    if folded[begin].isdigit() and not 1 <= value <= 31:
        return None
    day_word = _DAY_WORD_BEFORE.search(folded, max(0, begin - 12), begin)  # روز ۲۵ آبان, يوم 23 أغسطس
    return (day_word.start() if day_word else begin), value


def _count_before(folded: str, start: int) -> tuple[int, int] | None:
    """The count of ``۳۹ روز دیگر``, ``سه سال پیش``."""
    return _words_before(folded, start, numbers.parse_cardinal, 3)


def _previous_word(folded: str, start: int) -> str:
    match = re.search(r"([\w\u200c]+)[ \t]*$", folded[max(0, start - 40) : start])
    return match.group(1) if match else ""


def _next_word(folded: str, end: int) -> str:
    match = re.match(r"[ \t]*([\w\u200c]+)", folded[end : end + 40])
    return match.group(1) if match else ""


def _accept(kind: str, match: re.Match, fields: dict[str, Any], folded: str, lang: str) -> Atom | None:
    """Turn a match into an atom, or None when a context rule says it is no date."""
    start, end = match.span()
    if kind == "named":
        kind = "date"
        if fields.get("mdir") == "گذشته" and _next_word(folded, end) == "از":
            del fields["mdir"]  # "گذشته از این" is "besides this"
            end = max(match.end(g) for g in ("month", "suf", "month2") if match.group(g))
        # A day before the month ends with a digit or as a number word does,
        # or there is "من" (الحادي عشر من): else, as for most month names,
        # there is no day to look for (_words_before's first test, done here).
        before = start
        while before > 0 and folded[before - 1] in " \t":
            before -= 1
        if before and (
            folded[before - 1].isdigit()
            or folded[before - 2 : before] in _ORDINAL_TAILS
            or folded.find("من", max(0, start - 8), start) >= 0
        ):
            found = _day_before(folded, start)
            if found is not None:
                start, fields["day"] = found
    elif kind == "ymd":
        kind = "date"
        fields["day"] = int(fields["dnum"])
    elif kind == "relcount_fa":
        kind = "relcount"
        found = _count_before(folded, start)
        if found is None:
            return None
        if fields["dir"] in lx.ANCHORED_BY_AZ and _next_word(folded, end) == "از":
            return None  # سه روز پیش از انتخابات: anchored to the election
        start, fields["n"] = found
    elif kind in ("weekday", "relday"):
        prefix = _PREFIX_BEFORE[kind].search(folded, max(0, start - 32), start)
        if prefix:
            fields.update({k.rstrip("2"): v for k, v in prefix.groupdict().items() if v})
            start = prefix.start()
    if kind == "time":
        hour_word = _HOUR_BEFORE.search(folded, max(0, start - 16), start)
        if hour_word:
            fields["hw"] = hour_word.group("hw")
            start = hour_word.start()
    elif kind == "weekday":
        name = _key(fields["weekday"])
        if name in ("جمعه", "الجمعه") and _previous_word(folded, start) in lx.FRIDAY_PRAYER:
            return None
    elif kind == "relday":
        rel = re.sub(r"[ \t]+", " ", fields["rel"])
        if rel in ("الیوم", "هذا الیوم"):
            if _next_word(folded, end) in lx.NOT_TODAY_AFTER or _previous_word(folded, start) in lx.NOT_TODAY_BEFORE:
                return None
    elif kind == "year" and "short" in fields and fields["yw"] != "سال":
        return None  # only Persian writes two-digit years (سال ۹۹)
    elif kind == "period":
        has_direction = "pdir" in fields or "this" in fields or "pword" in fields
        if not has_direction:
            return None
        if fields.get("this") == "این" and fields.get("pnoun") == "سال":
            return None  # "در این سال" tells a story: that year, not this one
        if "pword" not in fields and "this" not in fields:
            previous = _previous_word(folded, start)
            if previous.isdigit() or previous in lx.COUNT_WORDS or numbers.parse_cardinal(previous) is not None:
                return None  # چند سال پیش, دویست سال آینده: a count, not "last year"
            if fields.get("pdir") in lx.ANCHORED_BY_AZ and _next_word(folded, end) == "از":
                return None
        # Bare "this month" in Persian needs no more; "الشهر الجاري" etc. carry their direction word.
    elif kind == "bareyear":
        previous = folded[max(0, start - 3) : start]
        if ":" in previous or "#" in previous:
            return None  # رمز الخبر: 2018 is an ID
        year = int(fields["year"])
        parenthesized = folded[start] == "("
        if not parenthesized and _previous_word(folded, start) not in _BARE_YEAR_AFTER:
            return None
        if parenthesized:
            start, end = match.span("year")
        if not (1900 <= year <= 2099 or (parenthesized and 1300 <= year <= 1499)):
            return None
    return Atom(kind, start, end, fields)


def group(atoms: list[Atom], folded: str) -> list[Mention]:
    """Merge touching atoms into mentions: at most one core (a date, relative day,
    offset or period), one weekday and one time each; a modifier only in front."""
    mentions: list[Mention] = []
    current: list[Atom] = []
    for atom in atoms:
        # (two cores never join: checked here, the common case in text dense with dates)
        if current and not (atom.kind in _CORES and current[-1].kind in _CORES) and _can_join(current, atom, folded):
            current.append(atom)
        else:
            if current:
                mentions.append(Mention(current[0].start, current[-1].end, current))
            current = [atom]
    if current:
        mentions.append(Mention(current[0].start, current[-1].end, current))
    return [m for m in mentions if _keep(m, folded)]


_CORES = frozenset({"date", "numeric", "year", "bareyear", "relday", "relcount", "period"})
#: What a weekday, and what a time, may join.
_BEFORE_WEEKDAY = frozenset({"date", "numeric", "relday", "time"})
_BEFORE_TIME = frozenset({"date", "numeric", "relday", "weekday"})


def _can_join(current: list[Atom], atom: Atom, folded: str) -> bool:
    # The kinds are checked before the text between (in text dense with dates,
    # two cores side by side are the common case: no slice, no regex).
    kind, last = atom.kind, current[-1]
    if kind == "modifier":
        return False
    if last.kind == "modifier":
        if kind not in ("date", "year", "period", "bareyear"):
            return False
        between = folded[last.end : atom.start]
        return "-" not in between and GLUE.fullmatch(between) is not None
    kinds = {a.kind for a in current} if len(current) > 1 else (last.kind,)
    if kind in _CORES:
        # a relative day joins a weekday (اليوم الجمعة), a date joins a weekday/time
        if kind not in ("date", "numeric", "relday") or not _CORES.isdisjoint(kinds):
            return False
    elif kind == "weekday":
        if "weekday" in kinds or _BEFORE_WEEKDAY.isdisjoint(kinds):
            return False
    elif kind == "time":
        if "time" in kinds or _BEFORE_TIME.isdisjoint(kinds):
            return False
    else:
        return False
    return GLUE.fullmatch(folded[last.end : atom.start]) is not None


def _keep(mention: Mention, folded: str) -> bool:
    if len(mention.atoms) == 1:  # most mentions: the same rules, in short
        atom = mention.atoms[0]
        if atom.kind == "date":
            return _month_has_context(atom)
        if atom.kind in ("modifier", "time"):
            return False
        if atom.kind == "weekday":
            return not (_key(atom.fields["weekday"]) in lx.AMBIGUOUS_WEEKDAYS
                        and not (atom.fields.get("dayword") or atom.fields.get("wdir")))
        return True
    kinds = [a.kind for a in mention.atoms]
    if kinds == ["modifier"] or kinds == ["time"] or kinds == ["modifier", "time"]:
        return False
    if kinds[0] == "modifier" and len(kinds) == 1:
        return False
    weekday = mention.get("weekday")
    if weekday is not None and len(mention.atoms) == 1:
        if _key(weekday.fields["weekday"]) in lx.AMBIGUOUS_WEEKDAYS and not (
            weekday.fields.get("dayword") or weekday.fields.get("wdir")
        ):
            return False
    core = mention.core
    if core is not None and core.kind == "date" and not _month_has_context(core):
        return False
    return True


def _month_has_context(atom: Atom) -> bool:
    """An ambiguous month name (مهر, می, رجب...) needs date context around it."""
    f = atom.fields
    if "year" in f or "pre" in f or "suf" in f or "month2" in f or "mdir" in f or "myear" in f:
        return True
    entries = _month_table_any(f["month"])
    ambiguous = [e.ambiguous for e in entries if e.ambiguous]
    if not ambiguous:
        return True
    if "day" not in f:
        return False
    # A verb prefix (می) or a verb (مارس) is not made a month by a number alone,
    # nor is an Afghan zodiac name that is a common noun everywhere else
    # (۱۲ سرطان شایع, "12 common cancers"): those need a year or ماه.
    if any("verb" in note for note in ambiguous):
        return False
    afghan_only = all("afghan" in e.variant and "standard" not in e.variant for e in entries if e.ambiguous)
    return not afghan_only


@lru_cache(maxsize=4096)
def _month_table_any(written: str) -> list[MonthEntry]:
    key = _key(written)
    for lang in ("fa", "ar", "any"):
        entries = _month_table(lang).get(key)
        if entries:
            return entries
    return []
