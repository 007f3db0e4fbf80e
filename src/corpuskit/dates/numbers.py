"""Number words for the dates stage: ordinal day words and counts.

Two kinds of words matter to date matching:

* *ordinal day words*, which stand where a day number would
  (``بیست و یکم مهر``, ``الحادي عشر من سبتمبر``, ``غرة رمضان``);
* *cardinal numbers* counting units in relative expressions
  (``سه روز پیش``, ``دو هفته بعد``, ``منذ ثلاثة أيام``, ``بعد عشرة أيام``).

The word tables below are in normal spelling. The regexes built from them
(``ORDINAL_DAY_FA``, ``ORDINAL_DAY_AR``, ``CARDINAL_FA``, ``CARDINAL_AR``) match
text folded by :func:`corpuskit.dates.fold.fold`; they have no capture groups
and no boundaries (the caller wraps them), and list longer alternatives first
so that ``بیست و یکم`` is found whole rather than as ``یکم``.

Persian writes the parts of a compound with a space, a ZWNJ or nothing
(``بیست و یکم``, ``بیست‌ویکم``, ``بیستویکم``), so its patterns accept any run of
spaces and ZWNJs, including none, between the parts. Arabic separates words
with a space and attaches ``و`` to the next word (``الحادي والعشرين``), sometimes
``و العشرين``: its patterns want at least one space between words and accept
one after ``و``.

Not handled: diacritics and tatweel (``الحاديَ عشرَ``, ``ثلاثـة``) are not
folded away, so words carrying them are not found; numbers of 100 or more.
"""

from __future__ import annotations

import re

from corpuskit.dates.fold import fold, fold_pattern_text

# --- Persian -----------------------------------------------------------------
# A space in a spelling below marks a place where Persian writes a space, a
# ZWNJ or nothing (سی ام / سی‌ام / سیام).

# Ordinals that stand alone as day words. اول is as common as یکم for day 1.
_FA_ORDINAL_WORDS: dict[int, tuple[str, ...]] = {
    1: ("یکم", "اول"),
    2: ("دوم",),
    3: ("سوم",),
    4: ("چهارم",),
    5: ("پنجم",),
    6: ("ششم",),
    7: ("هفتم",),
    8: ("هشتم",),
    9: ("نهم",),
    10: ("دهم",),
    11: ("یازدهم",),
    12: ("دوازدهم",),
    13: ("سیزدهم",),
    14: ("چهاردهم",),
    15: ("پانزدهم", "پونزدهم"),  # پونزدهم: colloquial, seen in news too
    16: ("شانزدهم",),
    17: ("هفدهم", "هیفدهم"),
    18: ("هجدهم", "هیجدهم", "هژدهم", "هیژدهم"),
    19: ("نوزدهم",),
    20: ("بیستم",),
    30: ("سی ام",),
}
# The second part of بیست و یکم ... سی و یکم: only یکم for 1 (بیست و اول is not said).
_FA_ORDINAL_UNITS: dict[int, tuple[str, ...]] = {
    1: ("یکم",), 2: ("دوم",), 3: ("سوم",), 4: ("چهارم",), 5: ("پنجم",),
    6: ("ششم",), 7: ("هفتم",), 8: ("هشتم",), 9: ("نهم",),
}  # fmt: skip

# Cardinals 1..19 and the tens; 21..99 are "tens و unit" (بیست و یک).
_FA_CARDINAL_WORDS: dict[int, tuple[str, ...]] = {
    1: ("یک",),
    2: ("دو",),
    3: ("سه",),
    4: ("چهار",),
    5: ("پنج",),
    6: ("شش",),
    7: ("هفت",),
    8: ("هشت",),
    9: ("نه",),  # also "no"/"not": the caller needs a unit word after it
    10: ("ده",),
    11: ("یازده",),
    12: ("دوازده",),
    13: ("سیزده",),
    14: ("چهارده",),
    15: ("پانزده", "پونزده"),
    16: ("شانزده",),
    17: ("هفده", "هیفده"),
    18: ("هجده", "هیجده", "هژده", "هیژده"),
    19: ("نوزده",),
}
_FA_TENS: dict[int, tuple[str, ...]] = {
    20: ("بیست",), 30: ("سی",), 40: ("چهل",), 50: ("پنجاه",),
    60: ("شصت",), 70: ("هفتاد",), 80: ("هشتاد",), 90: ("نود",),
}  # fmt: skip

# --- Arabic ------------------------------------------------------------------
# A space in a spelling below is a space between words in Arabic text.

# Day ordinals, masculine (اليوم is masculine). غرة is "the first day of" a
# (Hijri) month. منتصف ("mid-") and مطلع ("start of") are modifiers, not days.
_AR_ORDINAL_WORDS: dict[int, tuple[str, ...]] = {
    1: ("الأول", "غرة"),
    2: ("الثاني",),
    3: ("الثالث",),
    4: ("الرابع",),
    5: ("الخامس",),
    6: ("السادس",),
    7: ("السابع",),
    8: ("الثامن",),
    9: ("التاسع",),
    10: ("العاشر",),
    11: ("الحادي عشر",),
    20: ("العشرين", "العشرون"),  # genitive after في/من is the usual form
    30: ("الثلاثين", "الثلاثون"),
}
# The first part of 12..19 (الثاني عشر) and of 21..29, 31 (الحادي والعشرين).
_AR_ORDINAL_UNITS: dict[int, tuple[str, ...]] = {
    1: ("الحادي", "الواحد"),
    2: ("الثاني",), 3: ("الثالث",), 4: ("الرابع",), 5: ("الخامس",),
    6: ("السادس",), 7: ("السابع",), 8: ("الثامن",), 9: ("التاسع",),
}  # fmt: skip

# Cardinal units in masculine and feminine forms, with the case forms news uses.
_AR_CARDINAL_UNITS: dict[int, tuple[str, ...]] = {
    1: ("واحد", "واحدة"),
    2: ("اثنان", "اثنين", "اثنتان", "اثنتين"),
    3: ("ثلاثة", "ثلاث"),
    4: ("أربعة", "أربع"),
    5: ("خمسة", "خمس"),
    6: ("ستة", "ست"),
    7: ("سبعة", "سبع"),
    8: ("ثمانية", "ثماني", "ثمان"),
    9: ("تسعة", "تسع"),
}
_AR_TEN = ("عشرة", "عشر")
# 11 and 12 have their own first parts; 13..19 take the unit forms above.
# Every first part is allowed with عشر and عشرة: news often mismatches the gender.
_AR_TEEN_FIRSTS: dict[int, tuple[str, ...]] = {
    1: ("أحد", "إحدى"),
    2: ("اثنا", "اثني", "اثنتا", "اثنتي"),
}
# Before والعشرون etc., 1 is واحد/واحدة or أحد/إحدى (أحد وعشرون).
_AR_COMPOUND_ONES = ("واحد", "واحدة", "أحد", "إحدى")
_AR_TENS: dict[int, tuple[str, ...]] = {
    20: ("عشرون", "عشرين"),
    30: ("ثلاثون", "ثلاثين"),
    40: ("أربعون", "أربعين"),
    50: ("خمسون", "خمسين"),
    60: ("ستون", "ستين"),
    70: ("سبعون", "سبعين"),
    80: ("ثمانون", "ثمانين"),
    90: ("تسعون", "تسعين"),
}

# --- Units and vague counts --------------------------------------------------
# Persian counts take the singular (سه روز); plurals come with چند/چندین or alone.
_UNIT_WORDS_FA = {
    "روز": "day", "روزها": "day", "روز‌ها": "day",
    "هفته": "week", "هفته‌ها": "week",
    "ماه": "month", "ماه‌ها": "month", "ماهها": "month",
    "سال": "year", "سال‌ها": "year", "سالها": "year",
    "ساعت": "hour", "ساعت‌ها": "hour", "ساعتها": "hour",
    "دقیقه": "minute", "دقیقه‌ها": "minute",
}  # fmt: skip
# Arabic counts 3..10 take the plural (ثلاثة أيام); 11..99 take the accusative
# singular, with or without its tanwin (خمسة عشر يوماً / يوما).
_UNIT_WORDS_AR = {
    "يوم": "day", "أيام": "day", "يوما": "day", "يوماً": "day",
    "أسبوع": "week", "أسابيع": "week", "أسبوعا": "week", "أسبوعاً": "week",
    "شهر": "month", "أشهر": "month", "شهور": "month", "شهرا": "month", "شهراً": "month",
    "عام": "year", "أعوام": "year", "عاما": "year", "عاماً": "year",
    "سنة": "year", "سنوات": "year", "سنين": "year",
    "ساعة": "hour", "ساعات": "hour",
    "دقيقة": "minute", "دقائق": "minute",
}  # fmt: skip
# Dual nouns carry the count 2 themselves (منذ يومين): nominative and oblique.
_DUAL_UNITS_AR = {
    "يومان": "day", "يومين": "day",
    "أسبوعان": "week", "أسبوعين": "week",
    "شهران": "month", "شهرين": "month",
    "عامان": "year", "عامين": "year",
    "سنتان": "year", "سنتين": "year",
    "ساعتان": "hour", "ساعتين": "hour",
    "دقيقتان": "minute", "دقيقتين": "minute",
}  # fmt: skip
_VAGUE_COUNTS = ("چند", "چندین", "عدة", "بضعة", "بضع")


# --- Building the spellings and patterns ------------------------------------
# Internally a compound is written with " و " between its parts in both
# languages; the patterns turn that into each language's spacing rule.
_AND = " و "
_SEP = "[ \u200c]"
_FA_GAP, _FA_AND = f"{_SEP}*", f"{_SEP}*و{_SEP}*"  # space, ZWNJ or nothing
_AR_GAP, _AR_AND = f"{_SEP}+", f"{_SEP}+و{_SEP}*"  # spaced words, و clings or not


def _join(firsts: tuple[str, ...], seconds: tuple[str, ...], sep: str) -> tuple[str, ...]:
    return tuple(f"{a}{sep}{b}" for a in firsts for b in seconds)


def _fa_ordinals() -> dict[int, tuple[str, ...]]:
    table = dict(_FA_ORDINAL_WORDS)
    for unit, forms in _FA_ORDINAL_UNITS.items():
        table[20 + unit] = _join(("بیست",), forms, _AND)
    table[31] = _join(("سی",), _FA_ORDINAL_UNITS[1], _AND)
    return dict(sorted(table.items()))


def _ar_ordinals() -> dict[int, tuple[str, ...]]:
    table = dict(_AR_ORDINAL_WORDS)
    for unit, forms in _AR_ORDINAL_UNITS.items():
        if unit >= 2:  # 11 is الحادي عشر only (الواحد عشر is not said)
            table[10 + unit] = _join(forms, ("عشر",), " ")
        table[20 + unit] = _join(forms, _AR_ORDINAL_WORDS[20], _AND)
    table[31] = _join(_AR_ORDINAL_UNITS[1], _AR_ORDINAL_WORDS[30], _AND)
    return dict(sorted(table.items()))


def _fa_cardinals() -> dict[int, tuple[str, ...]]:
    table = _FA_CARDINAL_WORDS | _FA_TENS
    for ten, ten_forms in _FA_TENS.items():
        for unit in range(1, 10):
            table[ten + unit] = _join(ten_forms, _FA_CARDINAL_WORDS[unit], _AND)
    return dict(sorted(table.items()))


def _ar_cardinals() -> dict[int, tuple[str, ...]]:
    table = _AR_CARDINAL_UNITS | _AR_TENS | {10: _AR_TEN}
    firsts = _AR_CARDINAL_UNITS | _AR_TEEN_FIRSTS
    for unit in range(1, 10):
        table[10 + unit] = _join(firsts[unit], _AR_TEN, " ")
    ones = _AR_CARDINAL_UNITS | {1: _AR_COMPOUND_ONES}
    for ten, ten_forms in _AR_TENS.items():
        for unit in range(1, 10):
            table[ten + unit] = _join(ones[unit], ten_forms, _AND)
    return dict(sorted(table.items()))


def _pattern(spellings: dict[int, tuple[str, ...]], gap: str, conj: str) -> str:
    """All spellings as one folded alternation, longest first."""
    words = {fold_pattern_text(w) for forms in spellings.values() for w in forms}

    def regex(word: str) -> str:
        return conj.join(gap.join(map(re.escape, part.split(" "))) for part in word.split(_AND))

    return "(?:" + "|".join(regex(w) for w in sorted(words, key=lambda w: (-len(w), w))) + ")"


_SEPS = re.compile(f"{_SEP}+")


def _key(text: str) -> str:
    """Folded, without spaces and ZWNJs: one key for every spacing variant."""
    return _SEPS.sub("", fold(text))


def _index(*tables: dict[int, tuple[str, ...]]) -> dict[str, int]:
    index: dict[str, int] = {}
    for table in tables:
        for value, forms in table.items():
            for form in forms:
                if index.setdefault(_key(form), value) != value:
                    raise ValueError(f"{form!r} would be both {index[_key(form)]} and {value}")
    return index


def _display(spellings: dict[int, tuple[str, ...]], conj: str) -> dict[int, tuple[str, ...]]:
    return {n: tuple(f.replace(_AND, conj) for f in forms) for n, forms in spellings.items()}


# Internal spellings (compounds written with _AND), by value.
_FA_ORDINALS, _AR_ORDINALS = _fa_ordinals(), _ar_ordinals()
_FA_CARDINALS, _AR_CARDINALS = _fa_cardinals(), _ar_cardinals()

# --- Public names ------------------------------------------------------------

#: Spellings of each day ordinal 1..31 and cardinal 1..99, in normal (unfolded)
#: spelling as news writes them: ``بیست و یکم``, ``الحادي والعشرين``.
ORDINAL_DAY_SPELLINGS_FA = _display(_FA_ORDINALS, " و ")
ORDINAL_DAY_SPELLINGS_AR = _display(_AR_ORDINALS, " و")
CARDINAL_SPELLINGS_FA = _display(_FA_CARDINALS, " و ")
CARDINAL_SPELLINGS_AR = _display(_AR_CARDINALS, " و")

#: Regex sources over folded text; no groups, no boundaries, longest first.
ORDINAL_DAY_FA = _pattern(_FA_ORDINALS, _FA_GAP, _FA_AND)
ORDINAL_DAY_AR = _pattern(_AR_ORDINALS, _AR_GAP, _AR_AND)
CARDINAL_FA = _pattern(_FA_CARDINALS, _FA_GAP, _FA_AND)
CARDINAL_AR = _pattern(_AR_CARDINALS, _AR_GAP, _AR_AND)

#: Folded unit word → "day", "week", "month", "year", "hour" or "minute".
UNIT_WORDS_FA = {fold_pattern_text(w): u for w, u in _UNIT_WORDS_FA.items()}
UNIT_WORDS_AR = {fold_pattern_text(w): u for w, u in _UNIT_WORDS_AR.items()}
#: Folded Arabic dual noun → unit; the count is 2.
ARABIC_DUAL_UNITS = {fold_pattern_text(w): u for w, u in _DUAL_UNITS_AR.items()}
#: Folded words for "a few, several": a count with no value.
VAGUE_COUNTS = frozenset(fold_pattern_text(w) for w in _VAGUE_COUNTS)

_ORDINAL_RES = (re.compile(ORDINAL_DAY_FA), re.compile(ORDINAL_DAY_AR))
_CARDINAL_RES = (re.compile(CARDINAL_FA), re.compile(CARDINAL_AR))
_ORDINAL_INDEX = _index(_FA_ORDINALS, _AR_ORDINALS)
_CARDINAL_INDEX = _index(_FA_CARDINALS, _AR_CARDINALS)
_DIGITS = re.compile(r"[0-9]+")


def _parse(text: str, patterns: tuple[re.Pattern[str], ...], index: dict[str, int]) -> int | None:
    # The patterns decide what is a spelling (spacing rules included); the
    # index, keyed without spaces, gives its value.
    folded = fold(text).strip()
    if any(p.fullmatch(folded) for p in patterns):
        return index[_key(folded)]
    return None


def parse_ordinal_day(text: str) -> int | None:
    """The day (1..31) an ordinal day word means, in original or folded spelling.

    ``parse_ordinal_day("بیست‌ویکم") == 21``, ``parse_ordinal_day("الأول") == 1``,
    ``parse_ordinal_day("غرة") == 1``; None for anything else (digits included).
    """
    return _parse(text, _ORDINAL_RES, _ORDINAL_INDEX)


def parse_cardinal(text: str) -> int | None:
    """The value of a number word 1..99 or of a digit string in any script.

    ``parse_cardinal("سه") == 3``, ``parse_cardinal("خمسة وعشرين") == 25``,
    ``parse_cardinal("۳۹") == 39``; None for anything else.
    """
    folded = fold(text).strip()
    if _DIGITS.fullmatch(folded):
        return int(folded)
    return _parse(text, _CARDINAL_RES, _CARDINAL_INDEX)
