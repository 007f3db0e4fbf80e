"""The normalizer: one ordered list of passes per language over a ``Rewriter``.

Order matters and is the same for both languages:

1. context-free clean-up: line ends, invisible controls, zero-width spaces,
   composition, compatibility forms (full-width Latin, presentation forms,
   ligatures), diacritics;
2. protect URLs, e-mails, handles, hashtags, Latin runs and numbers;
3. characters: one letter per sound (Persian keheh and yeh, or Arabic kaf),
   tatweel between letters;
4. spaces and ZWNJ tidying;
5. punctuation: Persian/Arabic comma, semicolon, question mark; spacing;
6. language-specific word repairs (Persian ZWNJ, Arabic final yeh);
7. restore the protected spans, numbers through the digits policy.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from corpuskit.normalize import rules
from corpuskit.normalize.alignment import Alignment
from corpuskit.normalize.protect import NUMBER, protect, restore
from corpuskit.normalize.rewriter import Rewriter

LANGUAGES = ("fa", "ar")


@dataclass(frozen=True)
class NormalizeOptions:
    #: ``latin`` | ``native`` | ``keep`` (rules.digits_table)
    digits: str = "latin"
    #: keep harakat, tanwin, shadda and sukun
    keep_diacritics: bool = False

    def __post_init__(self) -> None:
        if self.digits not in rules.DIGIT_POLICIES:
            raise ValueError(f"unknown digits policy {self.digits!r} (use {', '.join(rules.DIGIT_POLICIES)})")


@dataclass(frozen=True)
class Normalized:
    text: str
    alignment: Alignment

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        return self.alignment.to_raw(start, end)


def normalize(text: str, lang: str, options: NormalizeOptions = NormalizeOptions()) -> Normalized:
    """Normalize ``text`` as language ``lang`` (``fa`` or ``ar``; any other
    language is returned unchanged). Never raises on any string."""
    if lang not in LANGUAGES:
        return Normalized(text, Alignment.identity(len(text)))
    from corpuskit.normalize import arabic, persian  # lexicons load on first use

    language = persian if lang == "fa" else arabic
    rewriter = Rewriter(text)
    # The characters that only some passes below look for, and that almost no
    # text has (rules.RARE): found by one scan, each such pass then tests this
    # short string instead of scanning the text. No pass makes one of them but
    # the compatibility forms, after which they are looked for again.
    rare = _rare(text)
    # Context-free deletions come before protection: removed later, an invisible
    # mark between two protected spans would let them merge on a second run.
    rewriter.sub(rules.CARRIAGE_RETURN, "\n", only_if="\r")
    if rules.INVISIBLE.search(rare):
        rewriter.sub(rules.INVISIBLE, "")
    rewriter.sub(rules.ZWSP_IN_WORD, rules.ZWNJ, only_if="\u200b")
    rewriter.sub(rules.ZWSP, "", only_if="\u200b")
    if rules.FULLWIDTH.search(rare):
        rewriter.sub(rules.FULLWIDTH, lambda match: unicodedata.normalize("NFKC", match.group()))
    before = rewriter.text
    language.compatibility(rewriter, rare)
    if rewriter.text != before:
        rare = _rare(rewriter.text)
    if not options.keep_diacritics:
        rewriter.sub(rules.DIACRITIC, "")
    _joiners(rewriter, rules.STRAY_JOINER_RAW)
    # Composition comes after the deletions: a haraka or joiner removed from
    # between a letter and its mark ("e\u064e\u0301") must not leave a pair that
    # only a second run composes, once the Latin run is protected (fuzzing found it).
    # No pass after this one makes a combining mark (they delete characters,
    # map letters to letters, put in spaces, ZWNJs and punctuation): a text
    # without one here needs no composing later either.
    marks = rules.COMBINING_MARK.search(rare) is not None
    if marks:
        _compose(rewriter)
    kept = protect(rewriter)

    language.characters(rewriter)
    if marks:
        _compose(rewriter)  # a letter the table changed may now compose with its mark
    rewriter.sub(rules.TATWEEL_IN_WORD, "", only_if=rules.TATWEEL)

    _spaces(rewriter, rare)
    _punctuation(rewriter)
    language.words(rewriter)
    if marks:
        _compose(rewriter)  # an Arabic yeh made from a Persian one composes with a hamza above
    _spaces(rewriter, rare)

    table = _digits_table(options.digits, lang)
    restore(rewriter, kept, lambda number: number.translate(table))
    return Normalized(rewriter.text, rewriter.alignment.without_even_regions())


def normalize_text(text: str, lang: str, options: NormalizeOptions = NormalizeOptions()) -> str:
    """Only the normalized string (see ``normalize``)."""
    return normalize(text, lang, options).text


def _rare(text: str) -> str:
    """The characters of rules.RARE in ``text``, each once."""
    found = rules.RARE.findall(text)
    return "".join(set(found)) if found else ""


def _spaces(rewriter: Rewriter, rare: str) -> None:
    text = rewriter.text
    if rules.OTHER_SPACE.search(rare):
        rewriter.sub(rules.SPACES, " ")
        text = rewriter.text
    elif "  " in text:
        rewriter.sub(rules.DOUBLE_SPACE, " ")  # SPACES where all spaces are ASCII
        text = rewriter.text
    if text[:1] == " " or text[-1:] == " " or rules.SPACE_BY_NEWLINE.search(text):
        rewriter.sub(rules.LINE_EDGE_SPACE, "")
    _joiners(rewriter, rules.STRAY_JOINER)


def _compose(rewriter: Rewriter) -> None:
    if rules.COMBINING_MARK.search(rewriter.text):
        rewriter.sub(rules.COMPOSABLE, lambda match: unicodedata.normalize("NFC", match.group()))


def _joiners(rewriter: Rewriter, stray: re.Pattern[str]) -> None:
    text = rewriter.text
    if rules.ZWNJ not in text and rules.ZWJ not in text:
        return  # (each pass needs one: a test for the three)
    rewriter.sub(rules.ZWNJ_RUN, rules.ZWNJ, only_if=rules.ZWNJ)
    rewriter.sub(rules.ZWJ_RUN, rules.ZWJ, only_if=rules.ZWJ)
    rewriter.sub(stray, "", only_if=rules.ZWNJ + rules.ZWJ)


def _punctuation(rewriter: Rewriter) -> None:
    # Both languages write ، ؛ ؟ where ASCII , ; ? were typed after a word.
    rewriter.sub(rules.ASCII_COMMA, "،", only_if=",")
    rewriter.sub(rules.ASCII_SEMICOLON, "؛", only_if=";")
    rewriter.sub(rules.ASCII_QUESTION, "؟", only_if="?")
    rewriter.sub(rules.SPACE_BEFORE_CLOSING, "", guard=rules.SPACE_BEFORE_CLOSING_GUARD)
    rewriter.sub(rules.SPACE_AFTER_OPENING, "")
    rewriter.sub(rules.NO_SPACE_AFTER_CLOSING, " ", guard=rules.NO_SPACE_AFTER_CLOSING_GUARD)
    rewriter.sub(rules.NO_SPACE_AFTER_STOP, " ", only_if=".", guard=rules.NO_SPACE_AFTER_STOP_GUARD)
    rewriter.sub(rules.NO_SPACE_BEFORE_OPENING, " ", only_if="«", guard=rules.NO_SPACE_BEFORE_OPENING_GUARD)
    rewriter.sub(rules.NUMBER_GLUED, " ", only_if=NUMBER, guard=rules.NUMBER_GLUED_GUARD)


@functools.cache
def _digits_table(policy: str, lang: str) -> dict[int, str]:
    """rules.digits_table, built once per policy and language (only read)."""
    return rules.digits_table(policy, lang)


def fold_key(text: str, lang: str) -> str:
    """The lossy search key of a normalized text: same length, one character for
    one (so ``key[start:end]`` is the key of any span)."""
    from corpuskit.normalize import arabic, persian

    if lang == "fa":
        return persian.fold(text)
    if lang == "ar":
        return arabic.fold(text)
    return text

