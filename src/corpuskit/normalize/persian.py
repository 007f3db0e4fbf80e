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
#: A word: letters and ZWNJs, at least one letter (possessive: no backtracking).
WORD = re.compile(f"{rules.ZWNJ}*+[{rules.LETTER}][{rules.LETTER}{rules.ZWNJ}]*+")
#: Words separated by single spaces: what the ZWNJ repair looks at, one run at a time.
WORD_RUN = re.compile(f"{WORD.pattern}(?: {WORD.pattern})*+")
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
    """ZWNJ repair: spaced forms first (``می رسد``), then glued ones (``بیانیهای``),
    all the runs of space-separated words of the text at once (zwnj.repair_runs;
    the writer's convention is that of the whole text: a text whose writer uses
    ZWNJs keeps its compounds as written)."""
    from corpuskit.normalize.zwnj import repair_runs

    runs = WORD_RUN.findall(rewriter.text)
    repaired = repair_runs(runs)
    if repaired is not runs:
        # the same matches, in the same order: each run is replaced by its repair
        # (next(replacements, match): a call in C per run)
        rewriter.sub(WORD_RUN, functools.partial(next, iter(repaired)))


def fold(text: str) -> str:
    return text.translate(FOLD)
