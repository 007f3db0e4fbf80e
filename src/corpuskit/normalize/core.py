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
    # Context-free deletions come before protection: removed later, an invisible
    # mark between two protected spans would let them merge on a second run.
    rewriter.sub(rules.CARRIAGE_RETURN, "\n", only_if="\r")
    rewriter.sub(rules.INVISIBLE, "")
    rewriter.sub(rules.ZWSP_IN_WORD, rules.ZWNJ, only_if="\u200b")
    rewriter.sub(rules.ZWSP, "", only_if="\u200b")
    rewriter.sub(rules.FULLWIDTH, lambda match: unicodedata.normalize("NFKC", match.group()))
    language.compatibility(rewriter)
    if not options.keep_diacritics:
        rewriter.sub(rules.DIACRITIC, "")
    _joiners(rewriter, rules.STRAY_JOINER_RAW)
    # Composition comes after the deletions: a haraka or joiner removed from
    # between a letter and its mark ("e\u064e\u0301") must not leave a pair that
    # only a second run composes, once the Latin run is protected (fuzzing found it).
    _compose(rewriter)
    kept = protect(rewriter)

    language.characters(rewriter)
    _compose(rewriter)  # a letter the table changed may now compose with its mark
    rewriter.sub(rules.TATWEEL_IN_WORD, "", only_if=rules.TATWEEL)

    _spaces(rewriter)
    _punctuation(rewriter)
    language.words(rewriter)
    _compose(rewriter)  # an Arabic yeh made from a Persian one composes with a hamza above
    _spaces(rewriter)

    table = rules.digits_table(options.digits, lang)
    restore(rewriter, kept, lambda number: number.translate(table))
    return Normalized(rewriter.text, rewriter.alignment.without_even_regions())


def normalize_text(text: str, lang: str, options: NormalizeOptions = NormalizeOptions()) -> str:
    """Only the normalized string (see ``normalize``)."""
    return normalize(text, lang, options).text


def _spaces(rewriter: Rewriter) -> None:
    rewriter.sub(rules.SPACES, " ")
    text = rewriter.text
    if " \n" in text or "\n " in text or text[:1] == " " or text[-1:] == " ":
        rewriter.sub(rules.LINE_EDGE_SPACE, "")
    _joiners(rewriter, rules.STRAY_JOINER)


def _compose(rewriter: Rewriter) -> None:
    if rules.COMBINING_MARK.search(rewriter.text):
        rewriter.sub(rules.COMPOSABLE, lambda match: unicodedata.normalize("NFC", match.group()))


def _joiners(rewriter: Rewriter, stray: re.Pattern[str]) -> None:
    rewriter.sub(rules.ZWNJ_RUN, rules.ZWNJ, only_if=rules.ZWNJ)
    rewriter.sub(rules.ZWJ_RUN, rules.ZWJ, only_if=rules.ZWJ)
    rewriter.sub(stray, "", only_if=rules.ZWNJ + rules.ZWJ)


def _punctuation(rewriter: Rewriter) -> None:
    # Both languages write ، ؛ ؟ where ASCII , ; ? were typed after a word.
    rewriter.sub(rules.ASCII_COMMA, "،", only_if=",")
    rewriter.sub(rules.ASCII_SEMICOLON, "؛", only_if=";")
    rewriter.sub(rules.ASCII_QUESTION, "؟", only_if="?")
    rewriter.sub(rules.SPACE_BEFORE_CLOSING, "")
    rewriter.sub(rules.SPACE_AFTER_OPENING, "")
    rewriter.sub(rules.NO_SPACE_AFTER_CLOSING, " ")
    rewriter.sub(rules.NO_SPACE_AFTER_STOP, " ", only_if=".")
    rewriter.sub(rules.NO_SPACE_BEFORE_OPENING, " ", only_if="«")
    rewriter.sub(rules.NUMBER_GLUED, " ", only_if=NUMBER)


def fold_key(text: str, lang: str) -> str:
    """The lossy search key of a normalized text: same length, one character for
    one (so ``key[start:end]`` is the key of any span)."""
    from corpuskit.normalize import arabic, persian

    if lang == "fa":
        return persian.fold(text)
    if lang == "ar":
        return arabic.fold(text)
    return text

