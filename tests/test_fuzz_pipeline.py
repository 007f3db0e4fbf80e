"""Fuzzing the whole pipeline (issue 7): random Unicode weighted to what breaks
Persian and Arabic processing, through all five stages. docs/fuzzing.md has the
alphabet, the invariants and the numbers of the last long run.

Two profiles, registered here (not in conftest) and applied only to this module:

- ``fuzz-short`` (default, ``make test``): 500 examples per test;
- ``fuzz-long`` (``make fuzz``): ``CORPUSKIT_FUZZ_EXAMPLES`` examples per test
  when that variable is set (``make fuzz`` sets 100000).

Neither writes an example database (``database=None``): nothing lands in the
repository; a failure prints the falsifying example and a ``@reproduce_failure``
blob instead.
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from corpuskit.io.writers import dumps
from corpuskit.normalize.alignment import Alignment
from corpuskit.normalize.core import NormalizeOptions, normalize
from corpuskit.pipeline import DEFAULT_STAGES, Pipeline, build_stages
from corpuskit.record import iter_spans, new_record, without_lone_surrogates

from conftest import assert_valid_record

# --- profiles -----------------------------------------------------------------

SHORT_EXAMPLES = 500
FUZZ_EXAMPLES = int(os.environ.get("CORPUSKIT_FUZZ_EXAMPLES") or 0)

settings.register_profile(
    "fuzz-short",
    max_examples=SHORT_EXAMPLES,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("fuzz-long", settings.get_profile("fuzz-short"), max_examples=FUZZ_EXAMPLES or 100_000)
#: Used as a decorator, so the profile holds for this module only and never
#: changes the settings of the other test modules.
PROFILE = settings.get_profile("fuzz-long" if FUZZ_EXAMPLES else "fuzz-short")

# --- the alphabet ---------------------------------------------------------------


def _chars(*ranges: tuple[int, int]) -> st.SearchStrategy[str]:
    return st.one_of(*(st.characters(min_codepoint=lo, max_codepoint=hi) for lo, hi in ranges))


ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
ARABIC_MORE = _chars(
    (0x0750, 0x077F),  # Arabic Supplement
    (0x0870, 0x089F),  # Arabic Extended-B
    (0x08A0, 0x08FF),  # Arabic Extended-A
    (0x10EC0, 0x10EFF),  # Arabic Extended-C
    (0x1EE00, 0x1EEFF),  # Arabic Mathematical Alphabetic Symbols
)
PRESENTATION_FORMS = _chars((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
JOINERS = st.sampled_from(["\u200c", "\u200d", "\u200c\u200c", "\u200b", "\u2060", "\u00ad", "\ufeff", "\u034f"])
BIDI = st.sampled_from(list("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
COMBINING = st.one_of(
    _chars((0x064B, 0x065F), (0x0610, 0x061A), (0x06D6, 0x06ED), (0x08D3, 0x08FF)),
    st.just("\u0670"),
    st.characters(min_codepoint=0x0300, max_codepoint=0x036F),
)
DIGITS = st.one_of(
    st.sampled_from("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"),
    st.characters(categories=["Nd"]),  # every script's decimal digits: Devanagari, full-width, Bengali...
    st.sampled_from("٫٬.,/:-"),  # separators inside numbers
)
SPACES_AND_PUNCTUATION = st.sampled_from(
    [" ", " ", "  ", "\n", "\n\n", "\t", "\r\n", "\r", "\u00a0", "\u2009", "\u202f", "\u3000", "\u2028", "\u0085"]
    + list(".،؛؟!«»:/@#-_,;?()[]\"'…٪%ـ")
)
LATIN = st.one_of(
    st.characters(min_codepoint=0x41, max_codepoint=0x7A),
    st.sampled_from(["COVID-19", "Reuters", "AM", "PM", "GMT", "UTC", "https://p.dw.com/p/3j1NB", "a@b.com", "x.com"]),
    st.sampled_from(list("ＡＢｃ１２３＠＃")),  # full-width
)
WORDS = st.sampled_from(
    [
        # months, weekdays and relative days
        "مهر", "فروردین", "اسفند", "دی", "دی‌ماه", "حمل", "رمضان", "محرم", "ذی‌الحجه", "ذو الحجة",
        "يناير", "ینایر", "فبراير", "كانون الثاني", "جانفي", "ژانویه", "اکتبر", "أكتوبر",
        "شنبه", "پنجشنبه", "الجمعة", "الاثنين", "امروز", "دیروز", "فردا", "اليوم", "أمس", "غدا",
        "هفته آینده", "سال گذشته", "الشهر الماضي", "امسال", "پارسال",
        # numbers, years, eras, times
        "۱۴۰۲", "1402", "١٤٤٥", "2023", "۱۳", "٣١", "۱۴۰۲/۰۷/۰۹", "2023-10-01", "١٢/٠٣/١٤٤٥", "۲۰:۳۵", "10:30",
        "ه.ش", "هـ", "ه‍.ش", "م", "ق.ظ", "ب.ظ", "ساعت", "الساعة", "بتوقيت", "به وقت", "غرینویچ", "شمسی", "هجری قمری",
        "تاریخ انتشار:", "تم النشر:", "اوایل", "أواخر",
        # places, organizations, people
        "تهران", "طهران", "کرملین", "الكرملين", "ایران", "مصر", "القاهرة", "بیت‌المقدس", "سازمان ملل", "الأمم المتحدة",
        # words the ZWNJ and yeh repairs touch
        "می‌شود", "می شود", "میشود", "هسته ای", "بیانیهای", "کتاب‌ها", "فی", "علی", "على", "في", "ﻻ", "ﷲ", "ﷺ",
        "هشتگ", "#هشتگ", "@کاربر", "و", "در", "از", "به",
    ]
)  # fmt: skip
ANY = st.one_of(
    st.characters(),  # any code point Python's str allows, except surrogates
    st.characters(categories=["Cs"]),  # lone surrogates: a JSON "\ud800" escape gives one
    st.characters(categories=["Cc", "Cf", "Co", "Cn", "Zl", "Zp"]),
)

#: (weight, strategy): ``st.one_of`` picks its branches evenly, so a branch listed
#: n times is drawn n times as often.
WEIGHTED = [
    (8, ARABIC),
    (2, ARABIC_MORE),
    (3, PRESENTATION_FORMS),
    (3, JOINERS),
    (2, BIDI),
    (3, COMBINING),
    (3, DIGITS),
    (6, SPACES_AND_PUNCTUATION),
    (2, LATIN),
    (6, WORDS),
    (2, ANY),
]
PIECE = st.one_of(*(strategy for weight, strategy in WEIGHTED for _ in range(weight)))


def _as_json_gives_it(text: str) -> str:
    """The string a JSONL reader gives for ``text``: a lone high surrogate right
    before a lone low one is one escaped pair, which JSON reads as one character."""
    return json.loads(json.dumps(text))


#: Texts as a corpus can hold them: half short (up to 20 pieces of the alphabet:
#: headlines, a word, nothing), half longer (20 to 120 pieces: paragraphs, where
#: langid scores the whole model and dates have context).
TEXTS = (
    st.one_of(st.lists(PIECE, max_size=20), st.lists(PIECE, min_size=20, max_size=120))
    .map("".join)
    .map(_as_json_gives_it)
)

#: The options of the stages (cli.STAGE_OPTIONS) that change what they make;
#: each present key is one of its values.
OPTIONS = st.fixed_dictionaries(
    {},
    optional={
        "lang": st.sampled_from(["auto", "fa", "ar"]),
        "digits": st.sampled_from(["latin", "native", "keep"]),
        "keep_diacritics": st.booleans(),
        "keep_raw": st.booleans(),
        "fold": st.booleans(),
        "doc_date": st.sampled_from(["2023-10-01", "1402/07/09", "2024-02-29T10:00"]),
    },
)
#: Document metadata the dates stage reads (published, date).
META = st.fixed_dictionaries(
    {},
    optional={
        "published": st.one_of(st.sampled_from(["2023-10-01", "1402/07/09", "۱۴۰۲/۰۷/۰۹", "yesterday", ""]), TEXTS),
        "date": st.one_of(st.none(), st.integers(), st.text(max_size=20)),
    },
)

_PIPELINES: dict[tuple, Pipeline] = {}


def _pipeline(options: dict) -> Pipeline:
    """One pipeline per set of options, kept for the whole run (setup once)."""
    key = tuple(sorted(options.items()))
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(build_stages(DEFAULT_STAGES, options), options)
    return _PIPELINES[key]


def _normalize_options(options: dict) -> NormalizeOptions:
    return NormalizeOptions(digits=options.get("digits") or "latin", keep_diacritics=bool(options.get("keep_diacritics")))


# The four bugs earlier runs found are fixed (docs/fuzzing.md, "Findings");
# their inputs stay below as explicit examples.


def _assert_idempotent(normalized: str, lang: str, options: NormalizeOptions) -> None:
    again = normalize(normalized, lang, options).text
    assert again == normalized


@PROFILE
@given(text=TEXTS, options=OPTIONS, meta=META)
@example(text="", options={}, meta={})
@example(text="\ud800 مهر ۱۴۰۲\u200c\u200f", options={"keep_raw": True, "fold": True}, meta={})
@example(text="\ud800\u200e\udc00 مهر", options={"lang": "fa"}, meta={})  # finding 1 (fixed): lone surrogates
@example(text="رمضان 2023", options={}, meta={})  # finding 3 (fixed): a Hijri year out of range
@example(text=":A:0مهر", options={}, meta={})  # found after the first fix of finding 4
@example(text="ﻻ ﷲ \u064b\u0651 ١٢/٠٣/١٤٤٥ ه‍.ش تهران", options={"lang": "ar", "keep_raw": True}, meta={})
@example(text="امروز ۱۴۰۲/۰۷/۰۹ کرملین می شود", options={"lang": "fa", "fold": True}, meta={"published": "1402/07/09"})
def test_every_stage_survives_random_text(text, options, meta):
    [record] = _pipeline(options)([new_record("fuzz", text, source="fuzz", meta=meta)])
    # Lone surrogates are no characters: a record holds U+FFFD in their place.
    text = without_lone_surrogates(text)[0]

    # No stage raised, and every stage ran.
    assert record["errors"] == []
    assert record["corpuskit"]["stages"] == list(DEFAULT_STAGES)
    # The JSON Schema holds and every span is text[start:end].
    assert_valid_record(record)

    lang = record["lang"]
    event("lang", lang if lang in ("fa", "ar", "und") else "other")
    event("spans", ", ".join(field for field in ("dates", "entities") if record.get(field)) or "tokens only")
    norm_options = _normalize_options(options)
    if lang in ("fa", "ar"):
        # The stage's text is what normalize() makes, and normalize leaves it as it is.
        assert record["text"] == normalize(text, lang, norm_options).text
        _assert_idempotent(record["text"], lang, norm_options)
    else:
        assert record["text"] == text

    if options.get("keep_raw"):
        raw = record["raw"]
        assert raw == text
        alignment = Alignment.from_json(record["raw_map"], len(raw), len(record["text"]))
        for field, index, span in iter_spans(record):
            assert 0 <= span["raw_start"] <= span["raw_end"] <= len(raw), (field, index, span)
            assert (span["raw_start"], span["raw_end"]) == alignment.to_raw(span["start"], span["end"])
    else:
        assert "raw" not in record and "raw_map" not in record
        assert all("raw_start" not in span for _, _, span in iter_spans(record))

    if options.get("fold"):
        assert len(record["key"]) == len(record["text"])
    else:
        assert "key" not in record

    # One JSONL line that reads back to the same record.
    line = dumps(record)
    assert line.endswith(b"\n") and b"\n" not in line[:-1]
    assert json.loads(line) == record


@PROFILE
@given(text=TEXTS, lang=st.sampled_from(["fa", "ar"]), options=OPTIONS)
@example(text="\u200c\u200d\u200c", lang="fa", options={})
@example(text="ي\u0654\u0670ﻻ", lang="ar", options={"keep_diacritics": True})
@example(text="e\u064e\u0301", lang="fa", options={})  # finding 2 (fixed), through a haraka
@example(text="\uff21\u200d\u0300", lang="ar", options={})  # finding 2 (fixed), through a ZWJ
@example(text="0B\u0670\u0331", lang="fa", options={"digits": "native"})  # finding 2 (fixed), then the digit
@example(text="GMT ۲۰:۳۵", lang="fa", options={})  # finding 4 (fixed)
@example(text="A.۲۰:۳۵", lang="ar", options={})  # finding 4 (fixed)
@example(text="?A:0", lang="fa", options={})  # found after the first fix of finding 4
def test_normalize_is_idempotent(text, lang, options):
    """For both languages whatever langid would say, under every digits policy."""
    norm_options = _normalize_options(options)
    once = normalize(text, lang, norm_options)
    _assert_idempotent(once.text, lang, norm_options)
    assert (once.alignment.raw_length, once.alignment.text_length) == (len(text), len(once.text))


#: Lines of news-page furniture, for pages the clean stage works on.
FURNITURE = st.sampled_from([
    "1. پرش به گزارش", "در همین زمینه", "موضوعات ذات صلة", "- خبر کوتاه درباره سد", "عکس: Reuters/C. Barria",
    "https://p.dw.com/p/3j1NB", "۱۳۹۹ مهر ۴, جمعه", "تم النشر: 2018/08/23 الساعة 18:00 بتوقيت غرينتش",
    "رمز الخبر: ۱۳۳۲۵", "انتهي/", "رأیکم", "عربي بوست", "برچسب‌ها:", "© 2023", "الرئيسية › اقتصاد", "",
])
PAGES = st.lists(st.one_of(FURNITURE, TEXTS), max_size=30).map("\n".join)
_CLEAN_PIPELINES: dict[tuple, Pipeline] = {}


@PROFILE
@given(page=PAGES, options=OPTIONS)
@example(page="عنوان خبر در اینجا\n\ud800\n۱۳۹۹ مهر ۴, جمعه", options={"keep_raw": True})
def test_clean_then_every_stage_survives_random_pages(page, options):
    options = {**options, "keep_removed": True}
    key = tuple(sorted(options.items()))
    if key not in _CLEAN_PIPELINES:
        _CLEAN_PIPELINES[key] = Pipeline(build_stages(["clean", *DEFAULT_STAGES], options), options)
    [record] = _CLEAN_PIPELINES[key]([new_record("fuzz", page, source="fuzz")])
    assert record["errors"] == []
    assert record["corpuskit"]["stages"] == ["clean", *DEFAULT_STAGES]
    assert_valid_record(record)
    # Every removed line is a line of the page, quoted exactly.
    lines = without_lone_surrogates(page)[0].split("\n")
    removed = record["meta"]["removed"]
    event("removed", "some" if removed else "none")
    for entry in removed:
        assert entry["text"] == lines[entry["line"] - 1].strip()
