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
import string
from collections.abc import Callable, Iterator

from corpuskit.normalize.rewriter import Rewriter, _narrowed

NUMBER = "\ue000"
OTHER = "\ue001"
PLACEHOLDER = re.compile(f"[{NUMBER}{OTHER}]")

LATIN = "A-Za-z\u00c0-\u024f"
_URL_END = r"[^\s<>\"'«»()\[\]{}.,;:!?،؛؟…]"
#: Patterns the tokenizer shares, so that a URL or a number is one token exactly
#: where normalization kept it intact.
#:
#: The scheme of a URL and the part of an e-mail address before its @ are read
#: at most 32 and 64 characters far (RFC 5321 allows 64 before the @; schemes
#: are words like ``https``): they are tried wherever a Latin letter, a digit or
#: ``. - _ + %`` stands, and, unbounded, each try would read a run of such
#: characters (``a+a+a+...``, ``-_-_-_...``) to its end: quadratic in the
#: run's length. Possessive (``{0,31}+``): giving characters back can never
#: help, since neither ``:`` nor ``@`` is among them. The scheme's lookahead (a
#: colon near enough) costs a quarter of its case-folded class and fails for
#: almost every Latin word.
_SCHEME = r"(?:[a-z](?=[^:]{0,31}+:)[a-z0-9+.-]{0,31}+://|www\.)"
_URL_REST = rf"[^\s<>\"«»]*{_URL_END}"
URL = _SCHEME + _URL_REST
#: ASCII only: an Arabic-script letter glued before it is not part of it. Both
#: patterns that use it ignore case, under which ``A-Z`` also takes ``İ ı ſ K``;
#: written out, the class is tested without case folding, 2x faster.
_ALNUM = "A-Za-z0-9\u0130\u0131\u017f\u212a"
EMAIL = rf"(?-i:[{_ALNUM}._%+\-]{{1,64}}+@[{_ALNUM}\-]++(?:\.[{_ALNUM}\-]++)+)"
HANDLE = r"(?<![\w@])@[\w\u200c]+"
HASHTAG = r"(?<![\w#&])#[\w\u200c]+"
#: Digits of any script with inner separators: 3.5 ۱۲٬۰۰۰ 2018/08/23 ۲۰:۳۵ 31-12-2022
NUMBER_WITH_SEPARATORS = r"\d+(?:[.,:/٫٬\-]\d+)*"
#: The rest of a word of a Latin run. A colon joins digits in it ("GMT 20:35",
#: "iPhone 12:30"): whether the time was written with ASCII digits or not, it
#: then stays one protected span, so a second run sees what the first made.
_LATIN_REST = rf"[{LATIN}0-9'’&_.\-/]*+(?:(?<=[0-9]):[0-9][{LATIN}0-9'’&_.\-/]*+)*+"
# Every branch starts with one of these characters; testing them first makes the
# scan 8x faster on Persian and Arabic text, where most positions start nothing.
_FIRST_CHARS = rf"[{LATIN}0-9\d@#.%+_\-{NUMBER}{OTHER}]"


def _first() -> str:
    """``_FIRST_CHARS`` written out: every character of the BMP that the class
    matches ignoring case, and every character above it (which the branches
    then reject). Without case folding and ``\\d``'s category, the regex
    engine tests such a class through a bitmap."""
    bmp = "".join(map(chr, range(0x10000)))
    chars = "".join(re.findall(_FIRST_CHARS, bmp, re.IGNORECASE))
    return "(?-i:[" + re.escape(chars) + "\U00010000-\U0010ffff])"


_FIRST = _first()


def _protected(email_guard: str = "", scan: bool = False) -> re.Pattern[str]:
    """The protected spans, as a pattern tried at one position (``_FIRST`` as
    a lookahead, then the branches). ``scan``: as a pattern to search for, which
    matches the first character of a span only, in a lookbehind that holds a
    lookahead for the span: the regex engine then looks for ``_FIRST`` in a
    tight loop (rather than trying the pattern at every position), 2x faster;
    the span is the span of its branch's group (``_spans``)."""
    branches = (
        "(?:"
        + "|".join(
            [
                # Placeholder characters already in the input are kept as they are.
                rf"(?P<own>[{NUMBER}{OTHER}]+)",
                # (a URL, else its scheme alone: the scheme read once)
                rf"(?P<url>{_SCHEME}(?:{_URL_REST})?)",
                rf"(?P<email>{email_guard}{EMAIL})",
                rf"(?P<handle>{HANDLE})",
                rf"(?P<hashtag>{HASHTAG})",
                rf"(?P<number>{NUMBER_WITH_SEPARATORS})",
                # Latin words, and the spaces and light punctuation between them:
                # "Reuters/C. Barria", "COVID-19", "Vladimir Putin's", "GMT 20:35".
                rf"(?P<latin>[{LATIN}]{_LATIN_REST}(?:[ \t]+[{LATIN}0-9]{_LATIN_REST})*)",
            ]
        )
        + ")"
    )
    if scan:
        return re.compile(f"{_FIRST}(?<=(?={branches})(?s:.))", re.IGNORECASE)
    return re.compile(f"(?={_FIRST}){branches}", re.IGNORECASE)


_PROTECTED = _protected()
#: What may stand before the @ of an e-mail address (EMAIL's class), as a
#: pattern and as a set.
_LOCAL = f"[{_ALNUM}._%+\\-]"
_LOCAL_CHARS = frozenset(string.ascii_letters + string.digits + "\u0130\u0131\u017f\u212a._%+-")
#: ``_PROTECTED`` where an e-mail starts only after a character that cannot be
#: in one, or 64 characters before an @ (a dot in ``(?s:.)`` skips in one step).
#: The e-mail is tried wherever such a character stands; in a long run of them
#: with no @ (``2018%2018%...``, ``a+a+...``) each try would read 64 characters.
#: Where the character before can be in an e-mail, the scan already tried
#: one from there, one character longer (same @), and found none, unless it
#: would have been 65 characters long (the lookahead lets those through) or a
#: match ended right there: ``_spans`` tries ``_PROTECTED`` itself there
#: (when an @ is near enough).
_PROTECTED_SCAN = _protected(f"(?:(?<!{_LOCAL})|(?=(?s:.){{64}}@))", scan=True)


#: Two characters that may be in an e-mail, then an @ within 64 characters:
#: where a match ends between those two, an e-mail could start (see below).
_PAIR_BEFORE_AT = re.compile(f"{_LOCAL}{_LOCAL}(?=[^@]{{0,63}}@)")


def _retries(text: str) -> bool:
    """Whether ``_PROTECTED`` may have to be tried after a match of the scan:
    almost never (no @ at all, or no e-mail-like run before one); the scan
    alone is then exact."""
    return "@" in text and _PAIR_BEFORE_AT.search(text) is not None


def _spans(text: str) -> Iterator[tuple[int, int, str]]:
    """The matches of ``_PROTECTED`` one after another, as ``(start, end,
    kind)``: found by ``_PROTECTED_SCAN``, an e-mail tried once per run of the
    characters it may start with (see there)."""
    search, match_at, local = _PROTECTED_SCAN.search, _PROTECTED.match, _LOCAL_CHARS
    retries = _retries(text)
    position = 0
    while (match := search(text, position)) is not None:
        kind = match.lastgroup
        start, position = match.span(kind)
        yield start, position, kind
        while (
            retries
            and text[position : position + 1] in local
            and text[position - 1] in local
            and text.find("@", position, position + 65) >= 0
        ):
            match = match_at(text, position)  # an e-mail may start right after a match
            if match is None:
                break
            kind = match.lastgroup
            start, position = match.span()
            yield start, position, kind


_TRAILING = re.compile(r"[.\-/'’&_ \t]+$")
_TRAILING_CHARS = frozenset(".-/'’&_ \t")


def protect(rewriter: Rewriter) -> list[str]:
    """Replace protected spans by placeholders; return their texts in order."""
    kept: list[str] = []
    spans: list[tuple[int, int]] = []
    placeholders: list[str] = []
    text = rewriter.text
    for start, end, kind in _spans(text):
        span = text[start:end]
        if kind == "own":
            kept.extend(span)  # placeholders already there stay
            continue
        spans.append((start, end))
        if kind == "latin" and span[-1] in _TRAILING_CHARS:
            # A Latin run does not take the punctuation that ends it ("Reuters.").
            stripped = _TRAILING.sub("", span)
            if stripped != span:
                kept.append(stripped)
                placeholders.append(OTHER + span[len(stripped) :])
                continue
        kept.append(span)
        placeholders.append(NUMBER if kind == "number" else OTHER)
    if spans:
        rewriter.splice(spans, placeholders)
    return kept


def restore(rewriter: Rewriter, kept: list[str], number: Callable[[str], str]) -> None:
    """Put the protected texts back, numbers through ``number`` (the digits policy)."""
    text = rewriter.text
    # the text between placeholders, one more than them (str.split on one
    # placeholder for both: 5x faster than PLACEHOLDER.split)
    parts = text.replace(OTHER, NUMBER).split(NUMBER) if OTHER in text else text.split(NUMBER)
    if len(parts) == 1:
        return
    # One pass over the placeholders (not a regex callback each: text such as
    # "a@a@a@..." has one every other character).
    out = [parts[0]]
    edits = []
    numbers: dict[str, str] = {}  # the digits policy applied once per distinct number
    position = len(parts[0])  # of the placeholder
    for piece, part in zip(kept, parts[1:]):
        placeholder = text[position]
        if placeholder == NUMBER and piece[0] != NUMBER:
            # A number glued to a URL, e-mail or Latin run keeps its digits:
            # turned into ASCII it would merge with that span on a second run.
            if text[position - 1 : position] != OTHER and text[position + 1 : position + 2] != OTHER:
                piece = numbers.get(piece) or numbers.setdefault(piece, number(piece))
        if len(piece) != 1:
            if piece[0] != placeholder and piece[-1] != placeholder:
                edits.append((position, position + 1, len(piece)))
            else:
                edits.append(_narrowed(text, position, position + 1, piece))
        out += (piece, part)
        position += 1 + len(part)
    rewriter.text = "".join(out)
    if edits:
        rewriter.alignment = rewriter.alignment.then(edits, len(rewriter.text))
