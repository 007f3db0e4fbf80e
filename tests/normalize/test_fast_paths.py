"""The fast forms in normalize/ match what they stand for.

Several patterns are written so that the regex engine can search for their first
character (rather than try them at every position), some passes are skipped on a
cheaper test, and some tables are used through a class: each is checked here
against the plain form it replaces, on random strings of the characters that
matter and, for character classes, on every code point.
"""

from __future__ import annotations

import random
import re
import unicodedata

from corpuskit.normalize import arabic, persian, protect, rules
from corpuskit.normalize.alignment import Alignment
from corpuskit.normalize.rewriter import Rewriter

J = rules.ZWNJ + rules.ZWJ
LETTERS = "ابیکهـ"
NUMBER, OTHER = protect.NUMBER, protect.OTHER


def strings(alphabet: str, n: int = 20_000, longest: int = 12, seed: int = 5):
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


# the patterns as first written (see rules.py)
_SPACE = "[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_OTHER_SPACE = "[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_CLOSING = r"[.:!?،؛؟»\]\)\}]"
_L = f"{rules.LETTER}{rules.DIACRITICS}"
PLAIN = {
    "SPACES": (re.compile(f" {_SPACE}+|{_OTHER_SPACE}{_SPACE}*"), " \n\ta\u00a0\u2009"),
    "LINE_EDGE_SPACE": (re.compile("^ +| +$", re.M), " \na."),
    "SPACE_BEFORE_CLOSING": (re.compile(f" +(?={_CLOSING})"), " a.،»)\n"),
    "SPACE_AFTER_OPENING": (re.compile(r"(?<=[«\[\(\{]) +"), " a«(\n"),
    "TATWEEL_IN_WORD": (re.compile(f"(?<=[{_L}]){rules.TATWEEL}+(?=[{_L}])"), LETTERS + " \u064e1"),
    "DIACRITIC": (re.compile(f"[{rules.DIACRITICS}]+"), "\u064b\u064e\u0670a "),
    "INVISIBLE": (re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff\u00ad\u2060]+"), "\u200e\u00ada "),
    "ASCII_COMMA": (re.compile(f"(?<=[{rules.LETTER}{NUMBER}]) *,(?= *[{rules.LETTER}])"), " ,ب.;?" + NUMBER),
    "ASCII_SEMICOLON": (re.compile(f"(?<=[{rules.LETTER}]) *;"), " ,ب.;?" + NUMBER),
    "ASCII_QUESTION": (re.compile(f"(?<=[{rules.LETTER}]) *\\?"), " ,ب.;?" + NUMBER),
}


def _plain_stray(joins: str) -> re.Pattern[str]:
    return re.compile(f"(?<![{joins}])[{J}]|[{J}](?![{joins}])|(?<=[{rules.NON_JOINING}])[{rules.ZWNJ}]")


def test_rewritten_patterns_find_the_same_matches():
    for name, (plain, alphabet) in PLAIN.items():
        fast = getattr(rules, name)
        for text in strings(alphabet):
            assert spans(fast, text) == spans(plain, text), (name, text)


def test_double_spaces_are_the_spaces_of_a_text_without_other_spaces():
    for text in strings(" \na."):
        assert spans(rules.DOUBLE_SPACE, text) == spans(rules.SPACES, text), text


def test_stray_joiners_are_the_same():
    cases = [
        (rules.STRAY_JOINER_RAW, _plain_stray(f"{rules.LETTER}{rules.DIACRITICS}\\d")),
        (rules.STRAY_JOINER, _plain_stray(f"{rules.LETTER}{rules.DIACRITICS}{NUMBER}{OTHER}")),
    ]
    for fast, plain in cases:
        for text in strings(J + "بدا 1" + NUMBER):
            assert spans(fast, text) == spans(plain, text), text


def test_joiner_runs_match_only_what_changes():
    runs = [(rules.ZWNJ_RUN, re.compile(f"[{J}]*{rules.ZWNJ}[{J}]*"), rules.ZWNJ), (rules.ZWJ_RUN, re.compile(f"{rules.ZWJ}+"), rules.ZWJ)]
    for fast, plain, replacement in runs:
        for text in strings(J + "ب "):
            changed = [match.span() for match in plain.finditer(text) if match.group() != replacement]
            assert spans(fast, text) == changed, text


def test_guards_are_found_wherever_their_pattern_matches():
    guarded = {
        rules.SPACE_BEFORE_CLOSING: rules.SPACE_BEFORE_CLOSING_GUARD,
        rules.NO_SPACE_AFTER_CLOSING: rules.NO_SPACE_AFTER_CLOSING_GUARD,
        rules.NO_SPACE_AFTER_STOP: rules.NO_SPACE_AFTER_STOP_GUARD,
        rules.NO_SPACE_BEFORE_OPENING: rules.NO_SPACE_BEFORE_OPENING_GUARD,
        rules.NUMBER_GLUED: rules.NUMBER_GLUED_GUARD,
    }
    for pattern, guard in guarded.items():
        for text in strings("با. «»،:)\u064e" + NUMBER + OTHER):
            assert (pattern.search(text) is None) == (guard.search(text) is None), (pattern, text)
    for text in strings(" \na"):
        assert (" \n" in text or "\n " in text) == (rules.SPACE_BY_NEWLINE.search(text) is not None)


def test_rare_characters_cover_what_the_skipped_passes_look_for():
    for pattern in (rules.INVISIBLE, rules.FULLWIDTH, rules.COMBINING_MARK, rules.OTHER_SPACE, persian.PRESENTATION_FORM):
        for code in range(0x10000):
            if pattern.match(chr(code)):
                assert rules.RARE.match(chr(code)), (pattern, hex(code))


def test_the_class_of_characters_camel_changes_is_exact():
    from camel_tools.utils.normalize import normalize_unicode

    changed = arabic._changed_by_camel()
    for code in range(0x80, 0x10000):
        char = chr(code)
        assert bool(changed.match(char)) == (normalize_unicode(char) != char), hex(code)
    assert changed.match("\U0001d400") and changed.match("\U0001f600")  # above the BMP: all (replaced by themselves)
    assert not changed.match("a")


def test_an_nfkc_text_has_no_character_that_camel_changes():
    # what lets compatibility() skip such a text
    for text in strings("ab\u0627\u0654\u0301\u00a0\ufef5\u1100\u1161\u2126 ", n=5000):
        if unicodedata.is_normalized("NFKC", text):
            assert all(arabic._camel_unicode(char) == char for char in text), text


def test_the_first_characters_of_protected_spans_are_all_in_the_fast_class():
    fast = re.compile(protect._FIRST)
    plain = re.compile(protect._FIRST_CHARS, re.IGNORECASE)
    for code in range(0x110000):
        if plain.match(chr(code)):
            assert fast.match(chr(code)), hex(code)


def _plain_spans(text: str) -> list[tuple[int, int, str]]:
    """The protected spans by _PROTECTED tried at every position (and an e-mail
    after a match, as _spans does)."""
    found, position = [], 0
    while position < len(text):
        match = protect._PROTECTED.match(text, position)
        if match is None:
            position += 1
            continue
        found.append((match.start(), match.end(), match.lastgroup))
        position = match.end()
    return found


def test_protected_spans_are_those_of_the_plain_pattern():
    alphabet = "ab.-@#%+_ 1۲٣بی/:" + NUMBER + OTHER
    for text in strings(alphabet, n=30_000, longest=16):
        if not protect._retries(text):  # (with retries, an e-mail is tried only where it may start)
            assert list(protect._spans(text)) == _plain_spans(text), text
    for text in ("see https://example.com/a?b=1 now", "write to a.b+c@x-y.org.", "@handle #tag 3.5 COVID-19 Reuters/C. Barria"):
        assert list(protect._spans(text)) == _plain_spans(text), text


def test_persian_letters_by_replace_as_by_translate():
    table = persian._tables()[0]
    assert persian._one_for_one() is not None
    alphabet = "".join(map(chr, list(table)[:40])) + "ابپ ی"
    for text in strings(alphabet, n=5000):
        rewriter = Rewriter(text)
        persian.characters(rewriter)
        assert rewriter.text == text.translate(table)


def _plain_then(alignment: Alignment, edits, new_length: int) -> tuple:
    """Alignment.then as first written: one walk over the old regions and the edits."""
    old = alignment.regions
    i = j = 0
    old_shift = edit_shift = 0
    regions = []
    while i < len(old) or j < len(edits):
        if j == len(edits) or i < len(old) and old[i][0] <= edits[j][0]:
            start, end = old[i][0], old[i][1]
        else:
            start, end = edits[j][0], edits[j][1]
        old_before, edit_before = old_shift, edit_shift
        while True:
            if i < len(old) and old[i][0] <= end:
                end, old_shift, i = max(end, old[i][1]), old[i][3] - old[i][1], i + 1
            elif j < len(edits) and edits[j][0] <= end:
                s, e, length = edits[j]
                end, edit_shift, j = max(end, e), edit_shift + length - (e - s), j + 1
            else:
                break
        regions.append((start + edit_before, end + edit_shift, start + old_before, end + old_shift))
    return tuple(regions)


def test_alignment_then_is_the_plain_walk():
    rng = random.Random(3)
    for _ in range(20_000):
        n = rng.randint(0, 20)
        alignment = Alignment.identity(n)
        for _ in range(rng.randint(1, 4)):
            edits, position = [], 0
            while rng.random() < 0.7:
                position += rng.randint(0, 4)
                if position > n:
                    break
                end = min(n, position + rng.randint(0, 3))
                edits.append((position, end, rng.randint(0, 3)))
                position = end
            n += sum(length - (end - start) for start, end, length in edits)
            expected = _plain_then(alignment, edits, n) if edits else alignment.regions
            alignment = alignment.then(edits, n)
            assert alignment.regions == expected
