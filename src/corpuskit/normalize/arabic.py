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

from corpuskit.normalize import rules
from corpuskit.normalize.rewriter import Rewriter

PERSIAN_LETTERS = str.maketrans("ک", "ك")
#: A word with a Persian yeh in it. It is looked for from the word's first
#: letter only (a match always takes the whole word, so none can start inside
#: one), and up to its first yeh: tried at every letter of a long word without
#: one, ``[L]*ی`` would read to the word's end each time (quadratic).
WORD_WITH_PERSIAN_YEH = re.compile(f"(?<![{rules.LETTER}])[{rules.LETTER}]*?ی[{rules.LETTER}]*+")


@functools.cache
def _camel_unicode(char: str) -> str:
    from camel_tools.utils.normalize import normalize_unicode

    return normalize_unicode(char)


def compatibility(rewriter: Rewriter) -> None:
    """camel-tools' normalize_unicode on every character it changes (before
    protection: what it makes is then protected like any other text)."""
    changed = sorted(char for char in set(rewriter.text) if not char.isascii() and _camel_unicode(char) != char)
    if changed:
        pattern = re.compile("[" + re.escape("".join(changed)) + "]")
        rewriter.sub(pattern, lambda match: _camel_unicode(match.group()))


def characters(rewriter: Rewriter) -> None:
    rewriter.translate(PERSIAN_LETTERS)


def words(rewriter: Rewriter) -> None:
    from corpuskit.normalize.arabic_yeh import fix_persian_yeh

    rewriter.sub(WORD_WITH_PERSIAN_YEH, lambda match: fix_persian_yeh(match.group()))


def fold(text: str) -> str:
    from camel_tools.utils.normalize import (
        normalize_alef_ar,
        normalize_alef_maksura_ar,
        normalize_teh_marbuta_ar,
    )

    return normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(text)))
