"""Invariants over random text: never raises, idempotent, offsets map monotone and total."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpuskit.normalize import NormalizeOptions, normalize, normalize_text

from conftest import SAMPLE_FILES, ud_texts

# Weighted to what breaks normalizers: Arabic-script letters and marks, ZWNJ/ZWJ,
# bidi controls, digits of every script, separators, spaces of all kinds, Latin.
PIECES = st.one_of(
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
    st.sampled_from(list("\u200c\u200d\u200b\u200e\u200f\u202b\u202c\u2067\u2069\ufeff\u00a0\t\n\r \u0640")),
    st.sampled_from(list("0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩.,:/-٫٬،؛؟?!«»()\"'@#")),
    st.sampled_from(["https://p.dw.com/p/3j1NB", "a@b.com", "Reuters/C. Barria", "می ", "ها", "ای", " است"]),
    st.characters(),
)
TEXTS = st.lists(PIECES, max_size=60).map("".join)
OPTIONS = st.builds(NormalizeOptions, digits=st.sampled_from(["latin", "native", "keep"]), keep_diacritics=st.booleans())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from(["fa", "ar"]), OPTIONS)
def test_normalize_is_idempotent_and_its_map_is_monotone_and_total(text, lang, options):
    result = normalize(text, lang, options)
    assert normalize_text(result.text, lang, options) == result.text
    alignment = result.alignment
    assert (alignment.raw_length, alignment.text_length) == (len(text), len(result.text))
    starts = [alignment.raw_start(p) for p in range(len(result.text) + 1)]
    ends = [alignment.raw_end(p) for p in range(len(result.text) + 1)]
    assert starts == sorted(starts) and ends == sorted(ends)
    assert all(0 <= x <= len(text) for x in starts + ends)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("digits", ["latin", "native", "keep"])
def test_seeds_are_idempotent_under_every_policy(path, digits):
    options = NormalizeOptions(digits=digits)
    for lang in ("fa", "ar"):
        once = normalize_text(path.read_text(encoding="utf-8"), lang, options)
        assert normalize_text(once, lang, options) == once


def test_ud_persian_sentences_are_idempotent():
    text = "\n".join(ud_texts())
    once = normalize_text(text, "fa")
    assert normalize_text(once, "fa") == once
