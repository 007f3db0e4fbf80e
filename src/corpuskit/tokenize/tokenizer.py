"""One tokenizer for Persian and Arabic: a single regular expression for tokens,
then sentence boundaries decided on the token sequence.

Tokens, in the order they are tried at each position:

- URLs, e-mails, @handles and #hashtags whole (the normalizer's patterns);
- numbers with inner separators and an optional percent sign: ``3.5``,
  ``۲۰:۳۵``, ``2018/08/23``, ``۱۲٬۰۰۰``, ``31-12-2022``, ``5%``;
- abbreviations: Latin initials and dotted acronyms (``C.``, ``U.S.``), and
  Arabic-script ones of single letters (``م.``, ``ه.ش``, ``ق.ظ``);
- Latin words with inner hyphens, dots and apostrophes (``CoRoT-7b``);
- Arabic-script words with their diacritics and ZWNJs (``می‌شود`` and
  ``سرویس‌های`` are one token; a trailing ZWNJ stays in its word);
- a run of dots (``...``);
- any other character that is not a space, alone (``،`` ``؛`` ``؟`` ``:``
  ``«`` ``»`` and an ASCII comma glued to a word all become tokens).

Clitics are never split (UD Persian keeps ``پشیمانم`` one surface token;
camel-tools' ``simple_word_tokenize`` does the same for Arabic), and verb parts
are never joined.

A sentence ends after ``.`` ``!`` ``?`` ``؟`` (and the closing quotes and
brackets right after them), at a line break (headlines and list items are
sentences of their own), and after the colon of a news dateline (``لندن -
ایرنا:``). Not after an abbreviation, a list marker (``1.`` opening a line), a
decimal point, or an ellipsis.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from corpuskit.normalize.protect import EMAIL, HANDLE, HASHTAG, LATIN, NUMBER_WITH_SEPARATORS, URL
from corpuskit.normalize.rules import LETTER, MARKS, TATWEEL, ZWJ, ZWNJ

Span = tuple[int, int]

#: Combining marks and tatweel belong to the word they sit on.
_WORD_CHARS = f"{LETTER}{MARKS}{TATWEEL}"
# Each group is tried only where its first character can start it: most
# positions start an Arabic-script word, which then costs one test, not ten.
_LATIN_START = rf"(?=[{LATIN}\d@#._%+\-])"
TOKEN = re.compile(
    "|".join(
        [
            _LATIN_START
            + "(?:"
            + "|".join(
                [
                    URL,
                    EMAIL,
                    HANDLE,
                    HASHTAG,
                    rf"{NUMBER_WITH_SEPARATORS}%?",
                    rf"(?:[{LATIN}]\.){{2,}}",
                    rf"[A-Z]\.(?=\s+[A-Z])",
                    rf"[{LATIN}0-9]+(?:['’&_.\-][{LATIN}0-9]+)*",
                ]
            )
            + ")",
            # Arabic-script abbreviations: single letters with dots (م. ه.ش ق.ظ).
            rf"(?=[{LETTER}]\.)(?:(?<![{_WORD_CHARS}{ZWNJ}.])[{LETTER}](?:\.[{LETTER}])*\.(?![{_WORD_CHARS}\d])"
            rf"|(?<![{_WORD_CHARS}{ZWNJ}])[{LETTER}](?:\.[{LETTER}])+(?![{_WORD_CHARS}\d]))",
            rf"[{_WORD_CHARS}][{_WORD_CHARS}{ZWNJ}{ZWJ}]*",
            r"\.{2,}|…+",
            r"\S",
        ]
    ),
    re.IGNORECASE,
)

#: Tokens that end a sentence, and what may follow them inside it.
TERMINALS = frozenset({".", "!", "?", "؟", "!؟", "؟!"})
CLOSERS = frozenset({"»", ")", "]", "}", "”", "’", '"', "'", "›"})
DASHES = frozenset({"-", "–", "—"})
#: A dateline (``تهران - واحد مرکزی خبر:``) is short, and has a dash or ends
#: with the name of a news agency.
DATELINE_TOKENS = 12
AGENCIES = frozenset(
    {"ایرنا", "ایسنا", "ایلنا", "ایکنا", "فارس", "تسنیم", "مهر", "واحد مرکزی خبر", "باشگاه خبرنگاران جوان",
     "رویترز", "آسوشیتدپرس", "فرانس‌پرس", "واس", "سانا", "وام", "قنا", "بترا", "واع", "رويترز", "أ ف ب"}
)


def tokens(text: str) -> list[Span]:
    """Token spans of ``text`` (no sentences)."""
    return [match.span() for match in TOKEN.finditer(text)]


#: Where a sentence may end: a line break, or a token that may close one. Only
#: these places are examined, not every token.
CANDIDATE = re.compile(r"\n|[.!?؟:]")


def tokenize(text: str, lang: str = "fa") -> list[list[Span]]:
    """Sentences of token spans into ``text``. ``lang`` is accepted for the
    interface's sake: Persian and Arabic share one design."""
    spans = tokens(text)
    if not spans:
        return []
    starts = [start for start, _ in spans]
    ends: list[int] = []  # index of the last token of each sentence but the last
    first = 0  # index of the first token of the current sentence
    line_start = True  # whether the current sentence began a line
    for match in CANDIDATE.finditer(text):
        position = match.start()
        if match.group() == "\n":
            index = bisect_left(starts, position)  # first token after the break
            if index > first:
                ends.append(index - 1)
                first = index
            line_start = True
            continue
        index = bisect_left(starts, position)
        if index >= len(spans) or spans[index] != (position, position + 1) or index < first:
            continue  # inside a longer token (a number, an abbreviation, a URL)
        following = spans[index + 1] if index + 1 < len(spans) else None
        if _ends_sentence(text, match.group(), spans, first, index, following, line_start):
            ends.append(index)
            first = index + 1
            line_start = False
    sentences = []
    begin = 0
    for end in ends:
        sentences.append(spans[begin : end + 1])
        begin = end + 1
    if begin < len(spans):
        sentences.append(spans[begin:])
    return _attach_closers(text, sentences)


def _ends_sentence(
    text: str, token: str, spans: list[Span], first: int, index: int, following: Span | None, line_start: bool
) -> bool:
    """Whether the sentence ``spans[first:index + 1]`` ends with its last token,
    ``token`` (one of ``CANDIDATE``'s marks)."""
    if token in TERMINALS:
        if token == "." and index - first == 1 and line_start and text[slice(*spans[first])].isdigit():
            return False  # a list marker: "1. پرش به گزارش"
        if following is not None and following[0] == spans[index][1] and text[slice(*following)] in TERMINALS:
            return False  # "!؟": the sentence ends after the last mark
        return True
    if token == ":" and index - first + 1 <= DATELINE_TOKENS and following is not None:
        words = [text[s:e] for s, e in spans[first:index]]
        # A dateline: a place, a dash, an agency, a colon. A speech verb's colon
        # ("وی گفت:") has neither dash nor agency before it.
        return any(word in DASHES for word in words[1:]) or any(
            " ".join(words[-n:]) in AGENCIES for n in (1, 2, 3, 4) if len(words) >= n
        )
    return False


def _attach_closers(text: str, sentences: list[list[Span]]) -> list[list[Span]]:
    """Move closing quotes and brackets that open a sentence back to the one before
    (``.»``), and stray full stops after them (``؟» .``), when only spaces on the
    same line separate them from it."""
    out: list[list[Span]] = []
    for sentence in sentences:
        while out and sentence:
            first = text[sentence[0][0] : sentence[0][1]]
            gap = text[out[-1][-1][1] : sentence[0][0]]
            if first not in CLOSERS and first not in TERMINALS or "\n" in gap:
                break
            if first in {'"', "'"} and gap:
                break  # a straight quote after a space opens the next sentence
            out[-1].append(sentence.pop(0))
        if sentence:
            out.append(sentence)
    return out
