"""Final yeh of Arabic typed on a Persian keyboard: ی becomes ي or ى (normalize/arabic_yeh.py)."""

import importlib.machinery
import importlib.util
import re
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, SAMPLES
from corpuskit.normalize import normalize_text
from corpuskit.normalize.arabic_yeh import DATA_FILE, final_yeh, fix_persian_yeh, load
from corpuskit.normalize.rules import LETTER

PERSIAN_YEH, YEH, ALEF_MAKSURA = "\u06cc", "\u064a", "\u0649"


# -- the examples of the issue and of seed 002 ----------------------------------------


@pytest.mark.parametrize(
    "word, expected",
    [
        # final ي
        ("فی", "في"),
        ("الذی", "الذي"),
        ("الروسی", "الروسي"),
        ("یعنی", "يعني"),
        ("التی", "التي"),
        ("الأمیركی", "الأميركي"),
        # final ى
        ("علی", "على"),
        ("إلی", "إلى"),
        ("حتی", "حتى"),
        ("مستوی", "مستوى"),
        ("أخری", "أخرى"),
        ("موسی", "موسى"),
        ("إحدی", "إحدى"),
        # inside a word always ي
        ("یولیو", "يوليو"),
        ("رأیكم", "رأيكم"),
        ("ترامب", "ترامب"),
    ],
)
def test_fix_persian_yeh(word, expected):
    assert fix_persian_yeh(word) == expected
    if word.endswith(PERSIAN_YEH):
        assert final_yeh(word) == expected[-1]


@pytest.mark.parametrize(
    "word, letter",
    [("في", YEH), ("الذي", YEH), ("الروسي", YEH), ("يعني", YEH), ("على", ALEF_MAKSURA), ("إلى", ALEF_MAKSURA),
     ("حتى", ALEF_MAKSURA), ("مستوى", ALEF_MAKSURA), ("أخرى", ALEF_MAKSURA), ("موسى", ALEF_MAKSURA),
     ("فى", YEH), ("علي", ALEF_MAKSURA)],
)
def test_final_yeh_of_arabic_spellings_is_the_same_decision(word, letter):
    # ي and ى at the end are read like ی: the data decides, not the spelling given.
    assert final_yeh(word) == letter


@pytest.mark.parametrize(
    "word, expected",
    [
        ("وعلی", "وعلى"),
        ("والمستوی", "والمستوى"),
        ("بالمستوی", "بالمستوى"),
        ("للمستوی", "للمستوى"),
        ("فالأخری", "فالأخرى"),
        ("وحتی", "وحتى"),
        ("وفی", "وفي"),
        ("والذی", "والذي"),
        ("بالروسی", "بالروسي"),
        ("سیبقی", "سيبقى"),
        # not in wordfreq's list as written: found through the stem
        ("وبالمستشفی", "وبالمستشفى"),
        ("فكمستوی", "فكمستوى"),
    ],
)
def test_proclitics(word, expected):
    assert fix_persian_yeh(word) == expected


def test_keheh_is_left_to_the_character_pass_of_the_normalizer():
    assert fix_persian_yeh("رأیکم") == "رأيکم"
    assert normalize_text("انتهی/ رأیکم", "ar") == "انتهى/ رأيكم"
    assert normalize_text("فی ۱۰ یولیو علی مستوی الروسی", "ar") == "في 10 يوليو على مستوى الروسي"


def test_marks_after_the_last_letter_and_tatweel():
    assert fix_persian_yeh("حتّی") == "حتّى"
    assert fix_persian_yeh("علیٰ") == "علىٰ"
    assert fix_persian_yeh("علـی") == "علـى"
    assert fix_persian_yeh("فیَ") == "فيَ"


def test_several_words_and_odd_strings():
    assert fix_persian_yeh("فی علی") == "في على"
    assert fix_persian_yeh("") == ""
    assert fix_persian_yeh("abc") == "abc"
    assert fix_persian_yeh("ی") == "ي"
    assert final_yeh("") == YEH
    assert final_yeh("ترامب") == YEH
    assert final_yeh(" علی ") == ALEF_MAKSURA


@given(st.text())
def test_never_raises_and_changes_only_persian_yeh(text):
    assert final_yeh(text) in (YEH, ALEF_MAKSURA)
    fixed = fix_persian_yeh(text)
    assert len(fixed) == len(text)
    assert PERSIAN_YEH not in fixed
    for old, new in zip(text, fixed):
        assert old == new or (old == PERSIAN_YEH and new in (YEH, ALEF_MAKSURA))


@given(st.text(alphabet="علیىيوفبكالمستحرأخ", min_size=1))
def test_inside_a_word_always_yeh(word):
    fixed = fix_persian_yeh(word)
    for index, (old, new) in enumerate(zip(word, fixed)):
        if old == PERSIAN_YEH and index < len(word) - 1:
            assert new == YEH


# -- the data file -------------------------------------------------------------------


def test_data_file():
    raw = resources.files("corpuskit.data").joinpath(DATA_FILE).read_bytes()
    assert len(raw) < 300_000
    text = raw.decode("utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    forms = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert "CC BY-SA 4.0" in "\n".join(header) and "wordfreq" in "\n".join(header)
    assert forms == sorted(set(forms))
    assert all(re.fullmatch("[\u0621-\u063a\u0641-\u064a]*\u0649", form) for form in forms)
    assert len(load()) == len(forms)
    assert {"عل", "إل", "حت", "مستو"} <= load() and "ف" not in load()


def test_data_file_is_what_the_script_builds():
    pytest.importorskip("wordfreq")
    path = ROOT / "scripts" / "build-arabic-final-yeh"
    loader = importlib.machinery.SourceFileLoader("build_arabic_final_yeh", str(path))
    script = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(script)
    if script.version("wordfreq") != "3.1.1":
        pytest.skip("the file was built with wordfreq 3.1.1")
    built = script.render(script.build(), script.TOP_N, script.RATIO, script.MIN_FREQUENCY)
    assert resources.files("corpuskit.data").joinpath(DATA_FILE).read_text(encoding="utf-8") == built


# -- accuracy on correctly written Arabic ----------------------------------------------

WORD = re.compile(f"[{LETTER}]+")


def seed_words():
    """Every word of seeds 001 and 004 that ends in ي or ى, as often as it occurs."""
    words = []
    for pattern in ("001_*.txt", "004_*.txt"):
        (path,) = SAMPLES.glob(pattern)
        words += [word for word in WORD.findall(path.read_text(encoding="utf-8")) if word[-1] in (YEH, ALEF_MAKSURA)]
    return words


def test_accuracy_on_the_arabic_seeds():
    # Measured: 115/117 = 0.983 (no word of these seeds was put into the data file
    # by hand). The two misses are the seeds' own Egyptian-style spellings, where
    # ي is the standard: الروسى (001, "وزير الصحة الروسى") and تنفى (001, "هيئة
    # الرقابة الروسية تنفى وجود"); the answer is ي for both.
    words = seed_words()
    assert len(words) == 117
    typed = [re.sub(f"[{YEH}{ALEF_MAKSURA}]", PERSIAN_YEH, word) for word in words]
    fixed = [fix_persian_yeh(word) for word in typed]
    assert all(PERSIAN_YEH not in word for word in fixed)
    assert all(new[:-1] == old[:-1] for old, new in zip(words, fixed))  # inside: always ي
    misses = [old for old, new in zip(words, fixed) if new[-1] != old[-1]]
    accuracy = 1 - len(misses) / len(words)
    assert accuracy >= 0.97, f"accuracy {accuracy:.4f} ({len(words) - len(misses)}/{len(words)}), misses {misses}"
