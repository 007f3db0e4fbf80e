"""Language identification: the seeds, the UD Persian sentences, mixed and short texts."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpuskit.pipeline import process
from corpuskit.record import new_record
from corpuskit.stages.langid import LangId, detect

from conftest import SAMPLE_FILES, ud_texts

SEED_LANGS = {"000": "fa", "001": "ar", "002": "ar", "003": "fa", "004": "ar"}


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name[:3])
def test_every_seed_gets_its_language(path):
    lang, score = detect(path.read_text(encoding="utf-8"))
    assert lang == SEED_LANGS[path.name[:3]]
    assert score > 0.9


def test_ud_persian_sentences_are_persian():
    sentences = ud_texts()
    assert len(sentences) == 2055
    wrong = [s for s in sentences if detect(s)[0] != "fa"]
    assert len(wrong) / len(sentences) <= 0.005, wrong[:20]


def test_arabic_typed_on_a_persian_keyboard_is_arabic():
    # Seed 002 writes Arabic with Persian yeh and keheh and Persian digits.
    text = "قالت إحدى أعضاء الوفد الروسي لمؤتمر قمة دول العشرین فی مؤتمر صحافی الیوم، إن ما دار من نقاش لا یعنی أن الدولتین ستبدآن التعاون فی هذه القضیة ۱۰ یولیو ۲۰۱۷"
    assert "ی" in text and detect(text)[0] == "ar"
    paragraphs = [p for p in SAMPLE_FILES[2].read_text(encoding="utf-8").split("\n") if len(p) > 80]
    assert paragraphs and all(detect(p)[0] == "ar" for p in paragraphs)


def test_a_persian_page_with_some_latin_lines_stays_persian():
    page = SAMPLE_FILES[0].read_text(encoding="utf-8")
    latin = "\n".join(["Photo: Reuters/C. Barria", "https://p.dw.com/p/3j1NB", "Follow us on Instagram and Telegram"] * 3)
    assert detect(latin + "\n" + page)[0] == "fa"


@pytest.mark.parametrize(
    "text, lang",
    [
        ("The Kremlin said on Friday that the two presidents discussed arms control.", "en"),
        ("Le président russe a proposé aux États-Unis un accord de non-ingérence.", "fr"),
        ("Президент России предложил США обменяться гарантиями невмешательства.", "ru"),
    ],
)
def test_other_languages_get_their_code(text, lang):
    assert detect(text)[0] == lang


@pytest.mark.parametrize("text", ["", "   \n", "۱۴۰۲/۰۱/۰۵ 2018", "!!! ... ؟؟", "ab", "\u200c\u200c", "hello", "ok 12"])
def test_too_little_text_is_und(text):
    assert detect(text) == ("und", None)


def test_stage_sets_lang_and_how_it_was_decided():
    records = [new_record("1", SAMPLE_FILES[0].read_text(), source="s"), new_record("2", "...", source="s")]
    fa, empty = process(records, [LangId()])
    assert fa["lang"] == "fa" and fa["langid"]["method"] == "detected" and fa["langid"]["score"] > 0.9
    assert empty["lang"] == "und" and empty["langid"] == {"score": None, "method": "too-short"}


def test_forced_language_skips_detection():
    [record] = process([new_record("1", "Hello there, plain English", source="s")], [LangId(lang="ar")])
    assert record["lang"] == "ar" and record["langid"] == {"score": None, "method": "forced"}


ARABIC_SCRIPT_HEAVY = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.sampled_from("\u200c\u200d\u200f\u202b\u064b ۱۲3.,\n"),
        st.characters(),
    ),
    max_size=300,
)


@given(ARABIC_SCRIPT_HEAVY)
def test_detect_never_raises_and_answers_a_code(text):
    lang, score = detect(text)
    assert lang == "und" or (2 <= len(lang) <= 3 and lang.isascii() and lang.islower())
    assert score is None or 0 <= score <= 1
