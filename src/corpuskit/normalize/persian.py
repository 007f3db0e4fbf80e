"""Persian rules, on hazm's character tables and lexicons.

hazm's own ``Normalizer`` cannot be used as it is: it rewrites URLs, numbers and
Latin text, repairs ZWNJ only where a space stands, over-joins auxiliaries and
gives no offsets (docs/normalize.md). Its data is what corpuskit builds on:
``TRANSLATION_SRC``/``TRANSLATION_DST`` for one letter per sound,
``UNICODE_REPLACEMENTS`` for ligatures, and ``words.dat``/``verbs.dat`` for ZWNJ
repair (zwnj.py).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from corpuskit.normalize import rules
from corpuskit.normalize.hazm_data import constants
from corpuskit.normalize.rewriter import Rewriter

#: Arabic presentation forms and ligatures (ﻻ, ﷲ): compatibility-decomposed.
PRESENTATION_FORM = re.compile("[\ufb50-\ufdfd\ufe70-\ufefc]")
WORD = re.compile(f"[{rules.LETTER}{rules.ZWNJ}]*[{rules.LETTER}][{rules.LETTER}{rules.ZWNJ}]*")
WORD_RUN = re.compile(f"{WORD.pattern}(?: {WORD.pattern})*")
#: Lossy folds for the search key (same length): hamza and madda carriers, teh marbuta.
FOLD = str.maketrans("آأإٱؤئةيكۀى", "اااایوهیکهی")


@functools.cache
def _tables() -> tuple[dict[int, str], dict[str, str]]:
    """hazm's one-for-one table, and the longer replacements of single characters."""
    hazm = constants()
    # hazm maps “ ” to " only to turn "..." into «...» later; corpuskit keeps quotes as written.
    table = {
        ord(a): b for a, b in zip(hazm.TRANSLATION_SRC, hazm.TRANSLATION_DST) if a != b and a not in "“”"
    }
    longer = {old: new for old, new in hazm.UNICODE_REPLACEMENTS if len(old) == 1}
    return table, longer


@functools.cache
def _presentation(char: str) -> str:
    table, longer = _tables()
    if ord(char) in table:
        return table[ord(char)]
    return longer.get(char) or unicodedata.normalize("NFKC", char).translate(table)


def compatibility(rewriter: Rewriter) -> None:
    """Presentation forms and ligatures to letters (before protection)."""
    rewriter.sub(PRESENTATION_FORM, lambda match: _presentation(match.group()))


def characters(rewriter: Rewriter) -> None:
    rewriter.translate(_tables()[0])


def words(rewriter: Rewriter) -> None:
    """ZWNJ repair: spaced forms first (``می رسد``), then glued ones (``بیانیهای``)."""
    from corpuskit.normalize.zwnj import join_spaced, split_glued

    def repair(match: re.Match[str]) -> str:
        # One call per run of space-separated words: join, then split each word.
        parts = match.group().split(" ")
        if len(parts) == 1:
            return split_glued(parts[0])
        words = [parts[0]]
        for joined, part in zip(join_spaced(parts), parts[1:]):
            if joined:
                words[-1] += rules.ZWNJ + part
            else:
                words.append(part)
        return " ".join(split_glued(word) for word in words)

    rewriter.sub(WORD_RUN, repair)


def fold(text: str) -> str:
    return text.translate(FOLD)
