"""Spans that normalization must not touch: URLs, e-mails, handles, hashtags,
runs of Latin text, and numbers with separators.

Each span is replaced by one placeholder character before the language rules run
and restored afterwards (pitfalls.md: a placeholder per span keeps the result
idempotent, normalizing the pieces between spans separately does not). Numbers
get their own placeholder so that rules can see "a number stands here" (to put a
space between ``۹`` and ``متر``), and come back through the digits policy.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from corpuskit.normalize.rewriter import Rewriter

NUMBER = "\ue000"
OTHER = "\ue001"
PLACEHOLDER = re.compile(f"[{NUMBER}{OTHER}]")

LATIN = "A-Za-z\u00c0-\u024f"
_URL_END = r"[^\s<>\"'«»()\[\]{}.,;:!?،؛؟…]"
#: Patterns the tokenizer shares, so that a URL or a number is one token exactly
#: where normalization kept it intact.
URL = rf"(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"«»]*{_URL_END}"
#: ASCII only: an Arabic-script letter glued before it is not part of it.
EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
HANDLE = r"(?<![\w@])@[\w\u200c]+"
HASHTAG = r"(?<![\w#&])#[\w\u200c]+"
#: Digits of any script with inner separators: 3.5 ۱۲٬۰۰۰ 2018/08/23 ۲۰:۳۵ 31-12-2022
NUMBER_WITH_SEPARATORS = r"\d+(?:[.,:/٫٬\-]\d+)*"
# Every branch starts with one of these characters; testing them first makes the
# scan 8x faster on Persian and Arabic text, where most positions start nothing.
_FIRST = rf"(?=[{LATIN}0-9\d@#.%+_\-{NUMBER}{OTHER}])"
_PROTECTED = re.compile(
    _FIRST
    + "(?:"
    + "|".join(
        [
            # Placeholder characters already in the input are kept as they are.
            rf"(?P<own>[{NUMBER}{OTHER}]+)",
            rf"(?P<url>{URL}|(?:[a-z][a-z0-9+.-]*://|www\.))",
            rf"(?P<email>{EMAIL})",
            rf"(?P<handle>{HANDLE})",
            rf"(?P<hashtag>{HASHTAG})",
            rf"(?P<number>{NUMBER_WITH_SEPARATORS})",
            # Latin words, and the spaces and light punctuation between them:
            # "Reuters/C. Barria", "COVID-19", "Vladimir Putin's".
            rf"(?P<latin>[{LATIN}][{LATIN}0-9'’&_.\-/]*(?:[ \t]+[{LATIN}0-9][{LATIN}0-9'’&_.\-/]*)*)",
        ]
    )
    + ")",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"[.\-/'’&_ \t]+$")


def protect(rewriter: Rewriter) -> list[str]:
    """Replace protected spans by placeholders; return their texts in order."""
    kept: list[str] = []

    def hide(match: re.Match[str]) -> str:
        text = match.group()
        kind = match.lastgroup
        if kind == "latin":
            # A Latin run does not take the punctuation that ends it ("Reuters.").
            stripped = _TRAILING.sub("", text)
            if stripped != text:
                kept.append(stripped)
                return OTHER + text[len(stripped) :]
        if kind == "own":
            kept.extend(text)
            return text
        kept.append(text)
        return NUMBER if kind == "number" else OTHER

    rewriter.sub(_PROTECTED, hide)
    return kept


def restore(rewriter: Rewriter, kept: list[str], number: Callable[[str], str]) -> None:
    """Put the protected texts back, numbers through ``number`` (the digits policy)."""
    pieces = iter(kept)

    def show(match: re.Match[str]) -> str:
        text = next(pieces)
        if match.group() != NUMBER or text[0] == NUMBER:
            return text
        # A number glued to a URL, e-mail or Latin run keeps its digits: turned
        # into ASCII it would merge with that span on a second run.
        before, after = match.string[match.start() - 1 : match.start()], match.string[match.end() : match.end() + 1]
        return text if OTHER in (before, after) else number(text)

    rewriter.sub(PLACEHOLDER, show)
