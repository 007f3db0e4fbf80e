"""The offset map: exact for characters that survive, monotone and total everywhere."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from corpuskit.normalize.alignment import Alignment
from corpuskit.normalize.rewriter import Rewriter

BASE = 0x4E00  # raw characters are unique, so each one tells where it came from


def raw_text(n):
    return "".join(chr(BASE + i) for i in range(n))


PASSES = st.lists(
    st.tuples(st.sampled_from(["delete", "insert", "expand", "shrink"]), st.integers(2, 7), st.integers(0, 6)),
    max_size=6,
)


def apply(rewriter, kind, modulus, rest):
    def chosen(char):
        return ord(char) >= BASE and (ord(char) - BASE) % modulus == rest % modulus

    if kind == "delete":
        rewriter.sub(re.compile("."), lambda m: "" if chosen(m.group()) else m.group())
    elif kind == "insert":
        rewriter.sub(re.compile("."), lambda m: m.group() + "\u0001" if chosen(m.group()) else m.group())
    elif kind == "expand":  # one raw character becomes two new ones
        rewriter.sub(re.compile("."), lambda m: "\u0002\u0003" if chosen(m.group()) else m.group())
    else:  # two neighbours become one new character
        rewriter.sub(re.compile("(.)(.)"), lambda m: "\u0004" if chosen(m.group(1)) else m.group())


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 60), PASSES)
def test_surviving_characters_map_exactly_and_the_map_is_monotone(n, passes):
    raw = raw_text(n)
    rewriter = Rewriter(raw)
    for kind, modulus, rest in passes:
        apply(rewriter, kind, modulus, rest)
    text, alignment = rewriter.text, rewriter.alignment
    assert (alignment.raw_length, alignment.text_length) == (len(raw), len(text))
    for p, char in enumerate(text):
        if ord(char) >= BASE:
            assert alignment.to_raw(p, p + 1) == (ord(char) - BASE, ord(char) - BASE + 1)
    starts = [alignment.raw_start(p) for p in range(len(text) + 1)]
    ends = [alignment.raw_end(p) for p in range(len(text) + 1)]
    assert starts == sorted(starts) and ends == sorted(ends)
    assert all(0 <= x <= len(raw) for x in starts + ends)
    for p in range(len(text)):
        start, end = alignment.to_raw(p, p + 1)
        assert start <= end
    # Round trip through JSON (how a record stores it).
    again = Alignment.from_json(alignment.to_json(), len(raw), len(text))
    assert [again.raw_start(p) for p in range(len(text) + 1)] == starts


def test_a_deleted_character_is_outside_both_neighbouring_spans():
    rewriter = Rewriter("a\u200fb")
    rewriter.sub(re.compile("\u200f"), "")
    assert rewriter.text == "ab"
    assert rewriter.alignment.to_raw(0, 1) == (0, 1)
    assert rewriter.alignment.to_raw(1, 2) == (2, 3)


def test_an_inserted_character_maps_to_an_empty_raw_span():
    rewriter = Rewriter("بیانیهای")
    rewriter.sub(re.compile("(?<=ه)(?=ای)"), "\u200c")
    assert rewriter.text == "بیانیه\u200cای"
    assert rewriter.alignment.to_raw(6, 7) == (6, 6)
    assert rewriter.alignment.to_raw(0, 9) == (0, 8)
    assert rewriter.alignment.to_raw(7, 9) == (6, 8)


def test_a_replacement_maps_to_what_it_replaced():
    rewriter = Rewriter("x ﻻ y")
    rewriter.sub(re.compile("ﻻ"), "لا")
    assert rewriter.text == "x لا y"
    assert rewriter.alignment.to_raw(2, 4) == (2, 3)
    assert rewriter.alignment.to_raw(3, 4) == (2, 3)
    assert rewriter.alignment.to_raw(5, 6) == (4, 5)


def test_same_length_changes_need_no_regions():
    rewriter = Rewriter("كتاب")
    rewriter.translate({ord("ك"): "ک"})
    rewriter.sub(re.compile("ب"), "پ")
    assert rewriter.text == "کتاپ" and rewriter.alignment.regions == ()
