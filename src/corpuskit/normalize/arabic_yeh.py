"""Final yeh in Arabic typed on a Persian keyboard: ي or ى?

A Persian keyboard gives one yeh, ``ی`` (U+06CC), for Arabic's two: inside a
word it is always ``ي`` (U+064A), at the end either ``ي`` (في، الذي، الروسي،
يعني) or alef maksura ``ى`` (U+0649: على، إلى، حتى، مستوى، أخرى، موسى).
The end is decided by data: ``corpuskit/data/ar_final_alef_maksura.txt`` lists
the forms that wordfreq's Arabic list writes with ``ى`` more often than with
``ي`` (built by ``scripts/build-arabic-final-yeh``; CC BY-SA 4.0, see
data/README.md). A word is looked up as it is, then without its proclitics
(و/ف, then ب/ل/ك with لل read as ل + ال, or the future س before ي/ت/ن/أ),
keeping at least ``MIN_STEM`` letters before the yeh; a form found nowhere ends
in ``ي``, the far more common ending (nisba adjectives, nouns of defective
verbs, names).

Only the standard library is imported; the list (about 4,000 forms) is read
once, on first use or by ``load()``.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from corpuskit.normalize.rules import DIACRITICS, LETTER, TATWEEL

DATA_PACKAGE = "corpuskit.data"
DATA_FILE = "ar_final_alef_maksura.txt"

PERSIAN_YEH = "\u06cc"  # ی
YEH = "\u064a"  # ي
ALEF_MAKSURA = "\u0649"  # ى
YEHS = PERSIAN_YEH + YEH + ALEF_MAKSURA

#: Letters that must remain before the yeh once proclitics are removed: shorter
#: stems (لد، ال، عل) make too many false matches (بلدي، والي، لعلي).
MIN_STEM = 3

#: Marks that may follow a letter (harakat, Quranic marks, tatweel): skipped
#: when looking for the last letter and dropped from the lookup key.
_MARKS = f"\u0610-\u061a{DIACRITICS}\u0653-\u065f\u06d6-\u06ed{TATWEEL}"
_MARK = re.compile(f"[{_MARKS}]")
#: A word: letters and the marks on them.
_WORD = re.compile(f"[{LETTER}{_MARKS}]*[{LETTER}][{LETTER}{_MARKS}]*")
#: The lookup key: Persian yeh and keheh as their Arabic letters.
_KEY = str.maketrans({PERSIAN_YEH: YEH, "\u06a9": "\u0643"})
#: Whatever is not a letter: the key is the last run of letters.
_NOT_LETTER = re.compile(f"[^{LETTER}]")


@functools.cache
def load() -> frozenset[str]:
    """The listed forms, without their final ى (read once per process)."""
    text = resources.files(DATA_PACKAGE).joinpath(DATA_FILE).read_text(encoding="utf-8")
    return frozenset(
        line[:-1] for line in map(str.strip, text.splitlines()) if line and not line.startswith("#")
    )


def _stems(stem: str):
    """``stem`` (a word without its final yeh), then the stems under its proclitics."""
    yield stem
    for conjunction in ("", "و", "ف"):
        if not stem.startswith(conjunction):
            continue
        rest = stem[len(conjunction) :]
        candidates = [rest] if conjunction else []
        if rest[:1] in ("ب", "ل", "ك"):
            after = rest[1:]
            if rest[0] == "ل" and after.startswith("ل"):  # لل = ل + ال
                after = "ا" + after
            candidates.append(after)
        if rest[:1] == "س" and rest[1:2] in ("ي", "ت", "ن", "أ"):  # future سـ on a verb
            candidates.append(rest[1:])
        for candidate in candidates:
            if len(candidate) >= MIN_STEM:
                yield candidate


@functools.lru_cache(maxsize=65536)
def final_yeh(word: str) -> str:
    """For an Arabic word (letters only, no diacritics) whose last letter is a yeh (Persian ی U+06CC, Arabic ي, or ى), return 'ى' or 'ي': the letter the word should end with. Handles proclitics (و، ف، ب، ل، ك، ال، وال، بال، لل...).

    Diacritics and tatweel are ignored; of a string of several words only the
    last counts. Anything that does not end in a yeh gets ``ي``.
    """
    if not isinstance(word, str):
        return YEH
    key = _MARK.sub("", word).translate(_KEY).rstrip()
    if not key or key[-1] not in YEHS:
        return YEH
    stem = _NOT_LETTER.split(key[:-1])[-1]
    forms = load()
    return ALEF_MAKSURA if any(candidate in forms for candidate in _stems(stem)) else YEH


def _fix_word(match: re.Match[str]) -> str:
    word = match.group()
    last = len(word) - 1  # the last letter: marks may follow it
    while last > 0 and _MARK.fullmatch(word[last]):
        last -= 1
    chars = list(word)
    for index, char in enumerate(chars):
        if char == PERSIAN_YEH:
            chars[index] = final_yeh(word) if index == last else YEH
    return "".join(chars)


@functools.lru_cache(maxsize=65536)
def fix_persian_yeh(word: str) -> str:
    """``word`` with its Persian ی made Arabic: ي inside, ``final_yeh(word)`` at the end.

    Same length as ``word``; ي and ى already there are left alone. A string of
    several words is fixed word by word; a non-string is returned unchanged.
    """
    if not isinstance(word, str) or PERSIAN_YEH not in word:
        return word
    return _WORD.sub(_fix_word, word)
