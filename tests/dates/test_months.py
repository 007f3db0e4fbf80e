"""corpuskit/data/months.tsv and corpuskit.dates.months."""

import re
import unicodedata
from collections import Counter, defaultdict
from importlib import resources

import pytest

from corpuskit.dates import months
from corpuskit.dates.months import FORMAT_VERSION, MonthName, lookup, month_names, normalize_key

ROWS = month_names()
TSV = resources.files("corpuskit.data").joinpath("months.tsv").read_text(encoding="utf-8")
# Arabic-script letters (Arabic block, minus digits and punctuation) and, inside
# multi-word names, a single space or ZWNJ
LETTER = r"[\u0621-\u063A\u0641-\u064A\u0671-\u06D3]"
NAME_RE = re.compile(rf"{LETTER}+(?:[ \u200c]{LETTER}+)*")
DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
KNOWN_VARIANTS = {
    "standard", "egyptian", "levantine", "maghrebi", "moroccan", "afghan",
    "arabic-letters", "persian-letters", "purist",
}


def test_header_and_version():
    assert FORMAT_VERSION == "1"
    comments = [line for line in TSV.splitlines() if line.startswith("#")]
    assert "# format-version: 1" in comments
    assert any("Sources" in line for line in comments)
    assert any("licence" in line.lower() for line in comments)
    assert TSV.splitlines()[len(comments)] == "\t".join(months.COLUMNS)


def test_parses():
    assert len(ROWS) > 100
    assert all(isinstance(r, MonthName) for r in ROWS)
    with pytest.raises(AttributeError):
        ROWS[0].name = "x"


def test_parse_rejects_bad_rows():
    good = "# format-version: 1\n" + "\t".join(months.COLUMNS) + "\n"
    assert months._parse(good + "hijri\t2\tصفر\tboth\tstandard\t\n")[1][0].month == 2
    for bad in ("hijri\t13\tصفر\tboth\tstandard\t", "lunar\t2\tصفر\tboth\tstandard\t", "hijri\t2\tصفر\tboth"):
        with pytest.raises(ValueError):
            months._parse(good + bad + "\n")
    with pytest.raises(ValueError):
        months._parse("\t".join(months.COLUMNS) + "\n")  # no version


def test_columns_valid():
    for r in ROWS:
        assert r.calendar in months.CALENDARS
        assert 1 <= r.month <= 12
        assert r.lang in months.LANGS
        assert r.variants and set(r.variants) <= KNOWN_VARIANTS, r
        assert r.ambiguous == r.ambiguous.strip()


def test_no_duplicate_rows():
    counts = Counter((r.calendar, r.month, r.name) for r in ROWS)
    assert [k for k, n in counts.items() if n > 1] == []


def test_names_are_arabic_script_without_diacritics():
    for r in ROWS:
        assert NAME_RE.fullmatch(r.name), r.name
        assert not DIACRITICS.search(r.name), r.name
        assert unicodedata.normalize("NFC", r.name) == r.name


def _months(pred):
    return {r.month for r in ROWS if pred(r)}


ALL = set(range(1, 13))


@pytest.mark.parametrize("calendar", months.CALENDARS)
@pytest.mark.parametrize("lang", ["fa", "ar"])
def test_every_calendar_complete_in_each_language(calendar, lang):
    assert _months(lambda r: r.calendar == calendar and r.used_in(lang)) == ALL


@pytest.mark.parametrize(
    "calendar,variant",
    [
        ("gregorian", "standard"),
        ("gregorian", "afghan"),
        ("gregorian", "egyptian"),
        ("gregorian", "levantine"),
        ("gregorian", "maghrebi"),
        ("gregorian", "moroccan"),
        ("jalali", "standard"),
        ("jalali", "afghan"),
        ("hijri", "standard"),
    ],
)
def test_every_variant_complete(calendar, variant):
    assert _months(lambda r: r.calendar == calendar and variant in r.variants) == ALL


def test_jalali_in_arabic_letters_complete():
    def arabic_letters(r):
        return r.calendar == "jalali" and r.used_in("ar") and not re.search("[یک]", r.name)

    assert _months(arabic_letters) == ALL  # خرداد, مرداد, مهر ... need no change
    assert all(not re.search("[یک]", r.name) for r in ROWS if "arabic-letters" in r.variants)
    assert all(not re.search("[يك]", r.name) for r in ROWS if r.lang == "fa")


def test_a_key_means_one_month():
    by_key = defaultdict(set)
    for r in ROWS:
        by_key[normalize_key(r.name)].add((r.calendar, r.month))
    assert {k: v for k, v in by_key.items() if len(v) > 1} == {}


# Month spellings in data/samples and /work/shared/gold/seed-dates.jsonl, as written.
SEED_SPELLINGS = [
    ("مهر", "jalali", 7),  # 000: ۱۳۹۹ مهر ۴ ; روز جمعه سوم مهر
    ("سپتامبر", "gregorian", 9),  # 000: ۲۴ سپتامبر
    ("نوامبر", "gregorian", 11),  # 000: سوم نوامبر ۲۰۲۰
    ("یولیو", "gregorian", 7),  # 002 (Arabic, Persian yeh): ۱۰  یولیو  ۲۰۱۷
    ("أغسطس", "gregorian", 8),  # 004: 23 أغسطس/آب 2018
    ("آب", "gregorian", 8),
    ("نوفمبر", "gregorian", 11),  # 004: نوفمبر/تشرين الثاني 2018
    ("تشرين الثاني", "gregorian", 11),
    ("يوليو", "gregorian", 7),  # 004: يوليو/تموز 2018
    ("تموز", "gregorian", 7),
]


@pytest.mark.parametrize("spelling,calendar,month", SEED_SPELLINGS)
def test_seed_spellings_are_rows(spelling, calendar, month):
    assert any(r.name == spelling for r in ROWS), spelling
    assert {(r.calendar, r.month) for r in lookup(spelling)} == {(calendar, month)}


@pytest.mark.parametrize(
    "name",
    ["می", "مه", "مهر", "جون", "مارس", "اسد", "ثور", "قوس", "حوت", "جدی", "دلو", "عقرب",
     "میزان", "سرطان", "حمل", "صفر", "آب", "ماي", "تیر", "دی", "بهمن", "رجب", "رمضان", "نيسان"],
)
def test_traps_are_flagged(name):
    rows = [r for r in ROWS if r.name == name]
    assert rows, name
    assert all(r.ambiguous for r in rows), name


def test_trap_notes():
    def note(name):
        return next(r.ambiguous for r in ROWS if r.name == name)

    assert "prefix" in note("می")
    assert "Mehr" in note("مهر")
    assert "John" in note("جون")
    assert "zero" in note("صفر")
    assert "Assad" in note("اسد")


@pytest.mark.parametrize(
    "query,calendar,month",
    [
        ("يوليو", "gregorian", 7),
        ("يوليه", "gregorian", 7),
        ("اغسطس", "gregorian", 8),
        ("إغسطس", "gregorian", 8),  # alef variant
        ("أكتوبر", "gregorian", 10),
        ("اکتوبر", "gregorian", 10),  # Persian kaf: Afghan and Arabic rows agree
        ("كانون الثاني", "gregorian", 1),
        ("كانون  الثاني", "gregorian", 1),  # double space
        ("کانون الثانی", "gregorian", 1),  # Persian kaf and yeh
        ("كانونالثاني", "gregorian", 1),
        ("يونية", "gregorian", 6),
        ("يونيه", "gregorian", 6),
        ("فبـــراير", "gregorian", 2),  # tatweel
        ("فَبْرَايِر", "gregorian", 2),  # harakat
        ("ژوئیه", "gregorian", 7),
        ("فروردين", "jalali", 1),
        ("فروردین", "jalali", 1),
        ("اسفند", "jalali", 12),
        ("ميزان", "jalali", 7),  # Arabic yeh
        ("ربيع الأول", "hijri", 3),
        ("ربیع‌الاول", "hijri", 3),
        ("ربيع الاول", "hijri", 3),
        ("جمادی الاولی", "hijri", 5),  # Persian yeh for alef maksura
        ("جمادى الأولى", "hijri", 5),
        ("ذي الحجة", "hijri", 12),
        ("ذو الحجه", "hijri", 12),  # heh for ta marbuta
        ("ذی‌الحجه", "hijri", 12),
        ("ذیحجه", "hijri", 12),
        ("ذو القعدة", "hijri", 11),
    ],
)
def test_lookup_normalizes(query, calendar, month):
    found = lookup(query)
    assert found, query
    assert {(r.calendar, r.month) for r in found} == {(calendar, month)}


def test_lookup_returns_all_spellings_of_a_key():
    names = {r.name for r in lookup("اغسطس")}
    assert names == {"أغسطس", "اغسطس"}


@pytest.mark.parametrize("query", ["دی‌ماه", "ماه مهر", "بفبراير", "والمحرم", "", "January", "شنبه"])
def test_lookup_does_not_strip_affixes(query):
    assert lookup(query) == []


def test_normalize_key():
    assert normalize_key("ربیع\u200cالاول") == normalize_key("ربيع الأول") == "ربیعالاول"
    assert normalize_key("مدرسة") == "مدرسه"
    assert normalize_key("آب") == normalize_key("أب") == "اب"
