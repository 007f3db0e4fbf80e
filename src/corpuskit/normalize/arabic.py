"""Arabic rules, on camel-tools (and the final-yeh data of arabic_yeh.py).

camel-tools' ``normalize_unicode`` (NFKC plus its own fixes) is applied to each
character it would change, so that offsets can be tracked; its lossy folds
(alef variants, alef maksura, teh marbuta) make only the search key, never the
text. Persian letters typed in Arabic (keheh, Persian yeh) are mapped back: keheh
always to kaf, yeh to ي inside a word and to ي or ى at its end by the data.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from corpuskit.normalize import rules
from corpuskit.normalize.rewriter import Rewriter

KEHEH = "ک"
KAF = "ك"
PERSIAN_LETTERS = str.maketrans(KEHEH, KAF)
#: The characters camel-tools' normalize_unicode maps itself (to words), before NFKC.
_CAMEL_FIXES = "\ufdfc\ufdfd"
#: A word with a Persian yeh in it. It is looked for from the word's first
#: letter only (a match always takes the whole word, so none can start inside
#: one), and up to its first yeh: tried at every letter of a long word without
#: one, ``[L]*ی`` would read to the word's end each time (quadratic).
WORD_WITH_PERSIAN_YEH = re.compile(f"(?<![{rules.LETTER}])[{rules.LETTER}]*?ی[{rules.LETTER}]*+")
_NOT_LETTER = re.compile(f"[^{rules.LETTER}]")


@functools.cache
def _camel_unicode(char: str) -> str:
    from camel_tools.utils.normalize import normalize_unicode

    return normalize_unicode(char)


def compatibility(rewriter: Rewriter, rare: str | None = None) -> None:
    """camel-tools' normalize_unicode on every character it changes (before
    protection: what it makes is then protected like any other text).
    ``rare`` (the text's characters of ``rules.RARE``) is not needed here."""
    text = rewriter.text
    if unicodedata.is_normalized("NFKC", text) and not any(char in text for char in _CAMEL_FIXES):
        # normalize_unicode is NFKC after its own fixes: an NFKC text has no
        # character that NFKC changes (normalizing it would change the text),
        # and the check, in C, costs far less than looking at each character.
        return
    rewriter.sub(_changed_by_camel(), lambda match: _camel_unicode(match.group()))


@functools.cache
def _changed_by_camel() -> re.Pattern[str]:
    """A class of the characters that normalize_unicode may change: those of
    the Basic Multilingual Plane that NFKC changes, its own fixes, and every
    character above the BMP (the few of them NFKC changes would make the class
    a list the regex engine goes through for each character; the others are
    replaced by themselves). Built once, in about 0.1 s: cheaper than the set
    of the characters of each text that is not in NFKC."""
    changed = [char for char in map(chr, range(0x80, 0x10000)) if not unicodedata.is_normalized("NFKC", char)]
    return re.compile("[" + re.escape("".join(changed) + _CAMEL_FIXES) + "\U00010000-\U0010ffff]")


def characters(rewriter: Rewriter) -> None:
    # str.replace, not str.translate: the same for one character, and far
    # faster (translate looks up every character of the text in the table).
    rewriter.text = rewriter.text.replace(KEHEH, KAF)


def words(rewriter: Rewriter) -> None:
    from corpuskit.normalize.arabic_yeh import fix_persian_yeh

    text = rewriter.text
    first = text.find("ی")
    if first < 0:
        return
    # WORD_WITH_PERSIAN_YEH is tried at every position: from the start of the
    # word of the first yeh only (no match can start before it; the
    # lookbehind still sees the character before).
    start = _word_start(text, first)
    spans, fixed = [], []
    for match in WORD_WITH_PERSIAN_YEH.finditer(text, start):
        word = match.group()
        new = fix_persian_yeh(word)
        if new != word:
            spans.append(match.span())
            fixed.append(new)
    rewriter.splice(spans, fixed)


def _word_start(text: str, index: int) -> int:
    """Where the run of letters that ``text[index]`` ends starts: the last
    character that is not a letter, looked for backwards in ever longer
    windows (linear even in a word as long as the text)."""
    start, size = index, 64
    while start > 0:
        low = max(0, start - size)
        other = _NOT_LETTER.search(text[low:start][::-1])
        if other is not None:
            return start - other.start()
        start, size = low, size * 2
    return 0


def fold(text: str) -> str:
    from camel_tools.utils.normalize import (
        normalize_alef_ar,
        normalize_alef_maksura_ar,
        normalize_teh_marbuta_ar,
    )

    return normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(text)))
