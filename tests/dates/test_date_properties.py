"""Invariants of the dates stage over random and real text: it never raises,
every span's offsets hold, every span follows the schema, and the fast trigger
scan finds exactly what running every pattern over the whole text finds."""

import datetime as dt

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE_FILES, ud_texts
from corpuskit.dates import find_dates
from corpuskit.dates.detect import find_atoms
from corpuskit.dates.fold import fold
from corpuskit.schema import load_schema

# Pieces of date expressions and their traps glued at random, so that the
# random text hits the patterns and their edges often.
WORDS = [
    "۲۵", "23", "۱۴۰۳", "2018", "1446", "۹۹", "31", "0", "3.5", "۱۳۳۲۵", "2018/08/23", "۱۴۰۱/۰۶/۲۵", "31-12-2022",
    "18:00", "۲۰:۳۵", "آبان", "مهر", "می", "جون", "أغسطس/آب", "تشرين الثاني", "جمادى الأولى", "دی‌ماه", "اسفند",
    "هـ", "ه.ش", "م", "میلادی", "سال", "عام", "لعام", "سوم", "الحادي عشر", "غرة", "من", "امروز", "دیروز", "اليوم",
    "أمس", "روز", "دیگر", "منذ", "يومين", "ماه", "آینده", "العام", "الجاري", "الخميس", "سه شنبه", "سه‌شنبه", "الاثنين",
    "يوم", "شامگاه", "الساعة", "بتوقيت", "غرينتش", "به وقت", "تهران", "أواخر", "تم النشر:", "تاریخ انتشار:", "(", ")",
    "،", ",", "-", "/", ":", " ", "  ", "\n", "\u00a0", "\u200c", "https://x.com/2018/08/23/a", "GMT+3",
]
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.characters(),
)
TEXTS = st.lists(PIECES, max_size=40).map(lambda parts: "".join(parts))
DOC_DATES = st.one_of(st.none(), st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2070, 12, 31)).map(str))
VALIDATOR = jsonschema.Draft202012Validator(
    {**load_schema()["$defs"]["date"], "$defs": load_schema()["$defs"]},
    format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
)


def check_spans(text: str, spans: list[dict]) -> None:
    previous_end = 0
    for span in spans:
        assert 0 <= span["start"] < span["end"] <= len(text)
        assert text[span["start"] : span["end"]] == span["text"]
        assert span["start"] >= previous_end, "spans overlap or are out of order"
        previous_end = span["end"]
        VALIDATOR.validate(span)
        if span["value"] is None:
            assert span["resolved"] == "unresolved" and span["flags"]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from(["fa", "ar", None]), DOC_DATES)
def test_never_raises_and_every_span_holds(text, lang, doc_date):
    check_spans(text, find_dates(text, lang, doc_date))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from(["fa", "ar", "any"]))
def test_trigger_scan_equals_the_full_scan_on_random_text(text, lang):
    folded = fold(text)
    assert len(folded) == len(text)
    fast = [(a.kind, a.start, a.end) for a in find_atoms(folded, lang)]
    assert fast == [(a.kind, a.start, a.end) for a in find_atoms(folded, lang, full_scan=True)]


def test_trigger_scan_equals_the_full_scan_on_the_seeds_and_ud():
    texts = [p.read_text(encoding="utf-8") for p in SAMPLE_FILES] + ud_texts()
    for text in texts:
        folded = fold(text)
        for lang in ("fa", "ar"):
            fast = [(a.kind, a.start, a.end) for a in find_atoms(folded, lang)]
            assert fast == [(a.kind, a.start, a.end) for a in find_atoms(folded, lang, full_scan=True)], text[:80]


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name[:3])
def test_seed_spans_hold_with_and_without_a_document_date(path):
    text = path.read_text(encoding="utf-8")
    for doc_date in (None, "2020-01-01", "1399/07/04"):
        for lang in ("fa", "ar"):
            check_spans(text, find_dates(text, lang, doc_date))


def test_ud_spans_hold():
    for text in ud_texts():
        check_spans(text, find_dates(text, "fa", "2015-06-01"))
