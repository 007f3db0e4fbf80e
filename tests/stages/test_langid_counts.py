"""corpuskit.langid_counts against py3langid itself: the automaton it reads, the
counts, the scores to the last bit; and detect()'s letter counts and
Arabic-script part against the regular expressions they stand for."""

import array

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from py3langid.langid import visit_counts

from corpuskit import langid_counts
from corpuskit.stages import langid
from corpuskit.stages.langid import SCORED_CHARS, _arabic_script_part, _count_letters, _identifier, _model

from conftest import SAMPLE_FILES, ud_texts

IDENTIFIER = _identifier()
TABLES = _model()[1]
SCORER = langid_counts.Scorer(IDENTIFIER, TABLES)

#: Text a model of byte n-grams meets: Persian and Arabic letters, marks and
#: digits, Latin, ZWNJ and other format characters, emoji, lone surrogates.
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.sampled_from("\u200c\u200d\u200f\u202b\u064b\u0301 ۱۲3.,\n\ud800\udfff😀ﷲﻻAbC"),
        st.characters(codec=None),
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    ),
    max_size=400,
)


def real_texts():
    texts = [path.read_text(encoding="utf-8") for path in SAMPLE_FILES]
    return texts + [line for text in texts for line in text.splitlines()] + ud_texts()[::10]


def py3langid_counts(data: bytes):
    return visit_counts(IDENTIFIER.tk_nextmove, IDENTIFIER._rowbase, IDENTIFIER.tk_output, data)


def assert_same_counts(data: bytes):
    ours = langid_counts.visit_counts(TABLES, SCORER.nextmove, data)
    theirs = py3langid_counts(data)
    assert ours == theirs
    if theirs is not None:  # and in the same order, which the float32 sum depends on
        assert list(ours.items()) == list(theirs.items())


def assert_same_scores(text):
    ours, theirs = SCORER.scores(text), IDENTIFIER._decide(text)
    assert ours.dtype == theirs.dtype and np.array_equal(ours.view(np.uint32), theirs.view(np.uint32))
    assert SCORER.rank(text) == IDENTIFIER.rank(text)


def test_the_shipped_model_is_counted_with_numpy():
    assert TABLES is not None and TABLES.depth == 6
    assert langid._rank().__self__.__class__ is langid_counts.Scorer


WALK = langid_counts.Walk(IDENTIFIER)


def test_the_model_is_an_aho_corasick_automaton():
    assert WALK.aho_corasick and (WALK.depth >= 0).all() and WALK.depth.max() == TABLES.depth


def test_every_state_string_leads_to_its_state_and_every_feature_is_emitted():
    emitted_by = {}
    for state in np.argsort(WALK.depth, kind="stable").tolist():  # shallowest first
        string = WALK.string(state)
        assert len(string) == WALK.depth[state]
        walked = 0
        for letter in string:
            walked = IDENTIFIER.tk_nextmove[IDENTIFIER._rowbase[walked] + letter]
        assert walked == state
        emitted_by.setdefault(IDENTIFIER.tk_output[state], string)
    emitted_by.pop(-1, None)
    # Every feature of the table, and no other, is some state's output, and
    # the shortest string of such a state emits it when counted.
    assert sorted(emitted_by) == list(range(len(IDENTIFIER.nb_ptc)))
    for feature, string in emitted_by.items():
        assert IDENTIFIER.tk_output[states_of(string)[-1]] == feature


def states_of(data: bytes):
    return langid_counts.states(TABLES, SCORER.nextmove, data).tolist()


class _Model:
    def __init__(self, nextmove, row, output):
        self.tk_nextmove, self.tk_row, self.tk_output = nextmove, row, output


@pytest.mark.parametrize("level", [1, 3, 5])
def test_an_automaton_that_remembers_more_is_refused(level):
    # Send one transition of a state somewhere else: the state after a byte
    # would then depend on more than the last few bytes.
    nextmove = array.array(IDENTIFIER.tk_nextmove.typecode, IDENTIFIER.tk_nextmove)
    state = int(np.flatnonzero(WALK.depth == level)[0])
    base = IDENTIFIER._rowbase[state]
    letter = next(b for b in range(256) if nextmove[base + b] != 0)
    nextmove[base + letter] = 0
    model = _Model(nextmove, IDENTIFIER.tk_row, IDENTIFIER.tk_output)
    assert not langid_counts.Walk(model).aho_corasick
    assert langid_counts.build(model) is None


def test_states_are_the_walk_of_py3langid():
    for text in real_texts()[:40]:
        data = IDENTIFIER._encode(text)
        walked, state = [], 0
        for letter in data:
            state = IDENTIFIER.tk_nextmove[IDENTIFIER._rowbase[state] + letter]
            walked.append(state)
        assert states_of(data) == walked


@pytest.mark.parametrize("data", [b"", b"a", b"\xd8", b"\xff" * 9, "\ud800x".encode("utf-8", "surrogatepass"), "ﷲ است".encode()])
def test_counts_of_odd_and_tiny_inputs(data):
    assert_same_counts(data)
    assert_same_scores(data)


def test_counts_and_scores_of_real_text():
    for text in real_texts():
        assert_same_counts(IDENTIFIER._encode(text))
        assert_same_counts(IDENTIFIER._encode(text[:SCORED_CHARS]))
        assert_same_scores(text[:SCORED_CHARS])


@settings(max_examples=300)
@given(TEXT)
def test_counts_and_scores_of_any_text(text):
    assert_same_counts(IDENTIFIER._encode(text))
    assert_same_scores(text)


@settings(max_examples=300)
@given(st.binary(max_size=200))
def test_counts_of_any_bytes(data):
    assert_same_counts(data)
    assert_same_scores(data)


def test_the_rows_converted_once_are_the_rows_of_the_table():
    rows = langid_counts.Rows(IDENTIFIER.nb_ptc)
    features = np.array([5, 7, 5, 100_000, 2], dtype=np.int64)
    for _ in range(2):
        assert np.array_equal(rows.take(features), IDENTIFIER.nb_ptc[features].astype(np.float32))
    assert rows.used == 4
    many = np.arange(3000, dtype=np.int64)  # grows its store
    assert np.array_equal(rows.take(many), IDENTIFIER.nb_ptc[many].astype(np.float32))


def classes_of(text):
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    return points, _model()[2][points]


def regex_letters(text):
    return (len("".join(langid._LETTERS.findall(text))), len("".join(langid._ARABIC_LETTERS.findall(text))))


@given(TEXT)
def test_letters_are_counted_as_the_patterns_count_them(text):
    assert _count_letters(classes_of(text)[1]) == regex_letters(text)


def test_letters_of_every_code_point():
    every = "".join(map(chr, range(0x110000)))
    for start in range(0, len(every), 4096):
        chunk = every[start : start + 4096]
        points, classes = classes_of(chunk)
        assert _count_letters(classes) == regex_letters(chunk), hex(start)
        assert _arabic_script_part(points, classes) == langid._NOT_ARABIC_SCRIPT.sub(" ", chunk)[:SCORED_CHARS]


@given(TEXT)
def test_the_arabic_script_part_is_what_the_pattern_replaces(text):
    assert _arabic_script_part(*classes_of(text)) == langid._NOT_ARABIC_SCRIPT.sub(" ", text)[:SCORED_CHARS]


@given(st.lists(st.sampled_from(["سلام ", "کتاب‌ها ", "Reuters ", "2024 ", "!!! ", "\n", "ﷲ", "a b c d ", "\ud800"]), max_size=1200))
def test_the_arabic_script_part_of_long_texts(pieces):
    sample = "".join(pieces)
    assert _arabic_script_part(*classes_of(sample)) == langid._NOT_ARABIC_SCRIPT.sub(" ", sample)[:SCORED_CHARS]


def test_raw_scores_without_normalization_are_the_same_too():
    from py3langid.langid import LanguageIdentifier

    raw = LanguageIdentifier(IDENTIFIER.nb_ptc, IDENTIFIER.nb_pc, IDENTIFIER.nb_classes, IDENTIFIER.tk_nextmove,
                             IDENTIFIER.tk_output, norm_probs=False, tk_row=IDENTIFIER.tk_row)
    scorer = langid_counts.Scorer(raw, TABLES)
    for text in real_texts()[:30] + ["", "ab", "\ud800"]:
        assert np.array_equal(scorer.scores(text).view(np.uint32), raw._decide(text).view(np.uint32))
        assert scorer.rank(text) == raw.rank(text)
