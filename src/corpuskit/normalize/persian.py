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
PRESENTATION_FORM = re.compile(f"[{rules.PRESENTATION_FORMS}]")
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


def compatibility(rewriter: Rewriter, rare: str | None = None) -> None:
    """Presentation forms and ligatures to letters (before protection).
    ``rare``: the text's characters of ``rules.RARE``, when known."""
    if rare is not None and not PRESENTATION_FORM.search(rare):
        return
    rewriter.sub(PRESENTATION_FORM, lambda match: _presentation(match.group()))


def characters(rewriter: Rewriter) -> None:
    """hazm's one-for-one table. Not by str.translate, which looks up every
    character of the text in the table (about 130 ns a character): one scan
    finds the characters to change, each then replaced throughout."""
    replacer = _one_for_one()
    if replacer is None:
        rewriter.translate(_tables()[0])
        return
    pattern, table = replacer
    found = pattern.findall(rewriter.text)
    if found:
        text = rewriter.text
        for char in set(found):
            text = text.replace(char, table[char])
        rewriter.text = text


@functools.cache
def _one_for_one() -> tuple[re.Pattern[str], dict[str, str]] | None:
    """A class of the characters of hazm's one-for-one table, and the table;
    None if the table makes a character it also changes (a -> b -> c), which
    replacing one character after another would chain, unlike translate."""
    table = {chr(key): value for key, value in _tables()[0].items()}
    if set(table) & set(table.values()):
        return None
    return re.compile("[" + re.escape("".join(table)) + "]"), table


def words(rewriter: Rewriter) -> None:
    """ZWNJ repair: spaced forms first (``می رسد``), then glued ones (``بیانیهای``),
    all the runs of space-separated words of the text at once (zwnj.repair_runs;
    the writer's convention is that of the whole text: a text whose writer uses
    ZWNJs keeps its compounds as written)."""
    from corpuskit.normalize.zwnj import repair_runs

    text = rewriter.text
    spans = [match.span() for match in WORD_RUN.finditer(text)]
    runs = [text[start:end] for start, end in spans]
    repaired = repair_runs(runs)
    if repaired is not runs:
        # only the runs that changed are replaced (most are as they were)
        changed = [index for index, (run, new) in enumerate(zip(runs, repaired)) if new != run]
        rewriter.splice([spans[index] for index in changed], [repaired[index] for index in changed])


def fold(text: str) -> str:
    return text.translate(FOLD)
