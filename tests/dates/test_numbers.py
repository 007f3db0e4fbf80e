"""corpuskit.dates.numbers: ordinal day words, cardinals, unit words."""

import re

import pytest

from corpuskit.dates import numbers
from corpuskit.dates.fold import fold
from corpuskit.dates.numbers import (
    ARABIC_DUAL_UNITS,
    CARDINAL_AR,
    CARDINAL_FA,
    ORDINAL_DAY_AR,
    ORDINAL_DAY_FA,
    UNIT_WORDS_AR,
    UNIT_WORDS_FA,
    VAGUE_COUNTS,
    parse_cardinal,
    parse_ordinal_day,
)

ZWNJ = "\u200c"
# pattern name → (pattern, its spellings table, language)
PATTERNS = {
    "ORDINAL_DAY_FA": (ORDINAL_DAY_FA, numbers.ORDINAL_DAY_SPELLINGS_FA, "fa"),
    "ORDINAL_DAY_AR": (ORDINAL_DAY_AR, numbers.ORDINAL_DAY_SPELLINGS_AR, "ar"),
    "CARDINAL_FA": (CARDINAL_FA, numbers.CARDINAL_SPELLINGS_FA, "fa"),
    "CARDINAL_AR": (CARDINAL_AR, numbers.CARDINAL_SPELLINGS_AR, "ar"),
}


# --- ordinal days -------------------------------------------------------------

@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("یکم", 1), ("اول", 1), ("دوم", 2), ("سوم", 3), ("چهارم", 4), ("پنجم", 5),
        ("ششم", 6), ("هفتم", 7), ("هشتم", 8), ("نهم", 9), ("دهم", 10),
        ("یازدهم", 11), ("دوازدهم", 12), ("سیزدهم", 13), ("چهاردهم", 14),
        ("پانزدهم", 15), ("پونزدهم", 15), ("شانزدهم", 16), ("هفدهم", 17), ("هیفدهم", 17),
        ("هجدهم", 18), ("هیجدهم", 18), ("هژدهم", 18), ("نوزدهم", 19), ("بیستم", 20),
        ("بیست و یکم", 21), ("بیست‌ویکم", 21), ("بیست ویکم", 21), ("بیستویکم", 21),
        ("بیست و دوم", 22), ("بیست‌و‌سوم", 23), ("بیست و نهم", 29),
        ("سی‌ام", 30), ("سیام", 30), ("سی ام", 30), ("سی و یکم", 31), ("سی‌ویکم", 31),
        # Arabic-keyboard letters in Persian words fold to the Persian ones
        ("يكم", 1), ("بيست و يكم", 21),
    ],
)  # fmt: skip
def test_persian_ordinal_days(word, value):
    assert parse_ordinal_day(word) == value
    assert parse_ordinal_day(fold(word)) == value
    assert re.fullmatch(ORDINAL_DAY_FA, fold(word))


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("الأول", 1), ("الاول", 1), ("غرة", 1), ("غره", 1), ("الثاني", 2), ("الثانی", 2),
        ("الثالث", 3), ("الرابع", 4), ("الخامس", 5), ("السادس", 6), ("السابع", 7),
        ("الثامن", 8), ("التاسع", 9), ("العاشر", 10), ("الحادي عشر", 11),
        ("الثاني عشر", 12), ("الثالث عشر", 13), ("التاسع عشر", 19),
        ("العشرين", 20), ("العشرون", 20),
        ("الحادي والعشرين", 21), ("الواحد والعشرين", 21), ("الحادي و العشرين", 21),
        ("الثاني والعشرين", 22), ("الخامس والعشرين", 25), ("التاسع والعشرين", 29),
        ("الثلاثين", 30), ("الحادي والثلاثين", 31), ("الواحد والثلاثين", 31),
    ],
)  # fmt: skip
def test_arabic_ordinal_days(word, value):
    assert parse_ordinal_day(word) == value
    assert parse_ordinal_day(fold(word)) == value
    assert re.fullmatch(ORDINAL_DAY_AR, fold(word))


def test_every_day_has_a_persian_and_an_arabic_spelling():
    for tables in (numbers.ORDINAL_DAY_SPELLINGS_FA, numbers.ORDINAL_DAY_SPELLINGS_AR):
        assert sorted(tables) == list(range(1, 32))
    for day in range(1, 32):
        for spellings, pattern in (
            (numbers.ORDINAL_DAY_SPELLINGS_FA, ORDINAL_DAY_FA),
            (numbers.ORDINAL_DAY_SPELLINGS_AR, ORDINAL_DAY_AR),
        ):
            assert spellings[day], day
            for word in spellings[day]:
                assert parse_ordinal_day(word) == day, word
                assert parse_ordinal_day(fold(word)) == day, word
                assert re.fullmatch(pattern, fold(word)), word


@pytest.mark.parametrize(
    "text",
    ["", " ", "منتصف", "مطلع", "مهر", "اليوم", "یک", "ثلاثة", "21", "۲۱", "بیست",
     "بیست و", "و یکم", "الحادي", "عشر", "الحاديعشر", "بیست و یکم مهر", "الأولى"],
)  # fmt: skip
def test_not_ordinal_days(text):
    assert parse_ordinal_day(text) is None


def test_ordinal_search_takes_the_whole_compound():
    text = fold("در روز بیست و یکم مهر و یکم آبان")
    m = re.search(ORDINAL_DAY_FA, text)
    assert m.group() == fold("بیست و یکم")
    assert [m.group() for m in re.finditer(ORDINAL_DAY_FA, text)] == ["بیست و یکم", "یکم"]
    m = re.search(ORDINAL_DAY_AR, fold("في الثاني عشر من سبتمبر"))
    assert m.group() == "الثانی عشر"
    m = re.search(ORDINAL_DAY_AR, fold("الحادي والعشرين من يناير"))
    assert m.group() == "الحادی والعشرین"


def test_caller_boundaries_keep_words_whole():
    # The caller wraps the pattern in boundaries: یکم inside a longer word, or
    # ام of سی‌ام on its own, must not be taken.
    wrapped = re.compile(rf"(?<![\w\u200c])(?:{ORDINAL_DAY_FA})(?![\w\u200c])")
    assert wrapped.search(fold("یکمین")) is None
    assert wrapped.search(fold("بیست‌ویکمین")) is None
    assert wrapped.search(fold("سی‌ام مهر")).group() == "سی\u200cام"


# --- cardinals ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("یک", 1), ("دو", 2), ("سه", 3), ("چهار", 4), ("پنج", 5), ("شش", 6), ("هفت", 7),
        ("هشت", 8), ("نه", 9), ("ده", 10), ("یازده", 11), ("دوازده", 12), ("سیزده", 13),
        ("چهارده", 14), ("پانزده", 15), ("شانزده", 16), ("هفده", 17), ("هجده", 18),
        ("هیجده", 18), ("نوزده", 19), ("بیست", 20), ("سی", 30), ("چهل", 40),
        ("پنجاه", 50), ("شصت", 60), ("هفتاد", 70), ("هشتاد", 80), ("نود", 90),
        ("بیست و یک", 21), ("بیست‌ویک", 21), ("بیستویک", 21), ("سی و نه", 39),
        ("نود و نه", 99), ("چهل‌وپنج", 45),
    ],
)  # fmt: skip
def test_persian_cardinals(word, value):
    assert parse_cardinal(word) == value
    assert re.fullmatch(CARDINAL_FA, fold(word))


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("واحد", 1), ("واحدة", 1), ("اثنان", 2), ("اثنين", 2), ("اثنتين", 2),
        ("ثلاثة", 3), ("ثلاثه", 3), ("ثلاث", 3), ("أربعة", 4), ("اربعه", 4), ("أربع", 4),
        ("خمسة", 5), ("خمس", 5), ("ستة", 6), ("ست", 6), ("سبعة", 7), ("سبع", 7),
        ("ثمانية", 8), ("ثماني", 8), ("ثمان", 8), ("تسعة", 9), ("تسع", 9),
        ("عشرة", 10), ("عشر", 10), ("أحد عشر", 11), ("إحدى عشرة", 11), ("احدی عشره", 11),
        ("اثنا عشر", 12), ("اثني عشر", 12), ("اثنتي عشرة", 12), ("ثلاثة عشر", 13),
        ("ثلاث عشرة", 13), ("ثمانية عشر", 18), ("ثماني عشرة", 18), ("تسعة عشر", 19),
        ("عشرون", 20), ("عشرين", 20), ("ثلاثون", 30), ("ثلاثين", 30), ("أربعين", 40),
        ("خمسون", 50), ("ستين", 60), ("سبعون", 70), ("ثمانين", 80), ("تسعون", 90),
        ("واحد وعشرون", 21), ("إحدى وعشرين", 21), ("خمسة وعشرين", 25),
        ("خمسة و عشرين", 25), ("اثنان وثلاثون", 32), ("تسعة وتسعين", 99),
    ],
)  # fmt: skip
def test_arabic_cardinals(word, value):
    assert parse_cardinal(word) == value
    assert parse_cardinal(fold(word)) == value
    assert re.fullmatch(CARDINAL_AR, fold(word))


@pytest.mark.parametrize(
    ("text", "value"),
    [("۳۹", 39), ("٣", 3), ("12", 12), ("۱۲", 12), ("١٢", 12), ("0", 0), (" ۷ ", 7)],
)
def test_cardinal_digits(text, value):
    assert parse_cardinal(text) == value


@pytest.mark.parametrize(
    "text",
    ["", " ", "منتصف", "مهر", "اليوم", "یکم", "الأول", "چند", "عدة", "يومين", "صد",
     "بیست و", "خمسةوعشرين", "3.5", "۳۹روز", "x"],
)  # fmt: skip
def test_not_cardinals(text):
    assert parse_cardinal(text) is None


def test_every_cardinal_has_spellings_that_round_trip():
    for spellings, pattern in (
        (numbers.CARDINAL_SPELLINGS_FA, CARDINAL_FA),
        (numbers.CARDINAL_SPELLINGS_AR, CARDINAL_AR),
    ):
        assert sorted(spellings) == list(range(1, 100))
        for value, forms in spellings.items():
            for word in forms:
                assert parse_cardinal(word) == value, word
                assert re.fullmatch(pattern, fold(word)), word


def test_cardinal_search_takes_the_whole_number():
    assert re.search(CARDINAL_FA, fold("۳۹ روز دیگر، بیست و پنج روز پیش")).group() == "بیست و پنج"
    assert re.search(CARDINAL_AR, fold("منذ خمسة وعشرين يوما")).group() == "خمسه وعشرین"
    assert re.search(CARDINAL_AR, fold("قبل ثلاثة عشر عاما")).group() == "ثلاثه عشر"
    assert re.search(CARDINAL_AR, fold("بعد ستة أشهر")).group() == "سته"


# --- all patterns -------------------------------------------------------------------

def _spacing_variants(word: str, lang: str) -> list[str]:
    """``word`` with each of the spacings its language's pattern accepts."""
    if lang == "fa":
        return [word, word.replace(" ", ZWNJ), word.replace(" ", ""), word.replace(" ", "  ")]
    return [word, word.replace(" و", " و "), word.replace(" ", "  ")]


@pytest.mark.parametrize("name", list(PATTERNS))
def test_patterns_are_folded_groupless_and_longest_first(name):
    pattern, spellings, lang = PATTERNS[name]
    compiled = re.compile(pattern)
    assert compiled.groups == 0
    assert fold(pattern) == pattern  # nothing an unfolded letter would need
    for forms in spellings.values():
        for word in forms:
            for variant in _spacing_variants(fold(word), lang):
                # the first alternative that matches at the start is the whole word,
                # even with text after it
                m = compiled.match(variant + " x")
                assert m and m.group() == variant, (word, variant, m and m.group())


def test_folded_and_unfolded_are_one():
    assert parse_ordinal_day("الأول") == parse_ordinal_day("الاول") == 1
    assert parse_cardinal("ثلاثة") == parse_cardinal("ثلاثه") == 3
    assert parse_cardinal("إحدى عشرة") == parse_cardinal("احدی عشره") == 11
    assert re.fullmatch(ORDINAL_DAY_AR, "الاول")
    assert not re.fullmatch(ORDINAL_DAY_AR, "الأول")  # the patterns want folded text


# --- units -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("word", "unit"),
    [("روز", "day"), ("روزها", "day"), ("هفته", "week"), ("ماه", "month"), ("سال", "year"),
     ("سال‌ها", "year"), ("ساعت", "hour"), ("دقیقه", "minute")],
)  # fmt: skip
def test_persian_units(word, unit):
    assert UNIT_WORDS_FA[fold(word)] == unit


@pytest.mark.parametrize(
    ("word", "unit"),
    [("يوم", "day"), ("أيام", "day"), ("يوما", "day"), ("أسبوع", "week"), ("أسابيع", "week"),
     ("شهر", "month"), ("أشهر", "month"), ("شهور", "month"), ("عام", "year"), ("أعوام", "year"),
     ("عاماً", "year"), ("سنة", "year"), ("سنوات", "year"), ("سنين", "year"), ("ساعة", "hour"),
     ("ساعات", "hour"), ("دقيقة", "minute"), ("دقائق", "minute")],
)  # fmt: skip
def test_arabic_units(word, unit):
    assert UNIT_WORDS_AR[fold(word)] == unit


@pytest.mark.parametrize(
    ("word", "unit"),
    [("يومين", "day"), ("يومان", "day"), ("أسبوعين", "week"), ("أسبوعان", "week"),
     ("شهرين", "month"), ("شهران", "month"), ("عامين", "year"), ("عامان", "year"),
     ("سنتين", "year"), ("سنتان", "year"), ("ساعتين", "hour")],
)  # fmt: skip
def test_arabic_duals(word, unit):
    assert ARABIC_DUAL_UNITS[fold(word)] == unit
    assert fold(word) not in UNIT_WORDS_AR


def test_unit_tables_are_folded_and_closed():
    units = {"day", "week", "month", "year", "hour", "minute"}
    for table in (UNIT_WORDS_FA, UNIT_WORDS_AR, ARABIC_DUAL_UNITS):
        assert set(table.values()) <= units
        assert all(fold(k) == k for k in table)
    assert set(UNIT_WORDS_FA.values()) == units
    assert set(UNIT_WORDS_AR.values()) == units


def test_vague_counts():
    assert {fold(w) for w in ("چند", "عدة", "بضعة", "بضع")} <= VAGUE_COUNTS
    assert all(fold(w) == w for w in VAGUE_COUNTS)
    assert all(parse_cardinal(w) is None for w in VAGUE_COUNTS)
