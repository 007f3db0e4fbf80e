"""One tokenizer for Persian and Arabic: a single regular expression for tokens,
then sentence boundaries decided on the token sequence.

Tokens, in order of precedence at each position:

- URLs, e-mails, @handles and #hashtags whole (the normalizer's patterns);
- numbers with inner separators and an optional percent sign: ``3.5``,
  ``۲۰:۳۵``, ``2018/08/23``, ``۱۲٬۰۰۰``, ``31-12-2022``, ``5%``;
- abbreviations: Latin initials and dotted acronyms (``C.``, ``U.S.``), and
  Arabic-script ones of single letters (``م.``, ``ه.ش``, ``ق.ظ``);
- Latin words with inner hyphens, dots and apostrophes (``CoRoT-7b``);
- Arabic-script words with their diacritics and ZWNJs (``می‌شود`` and
  ``سرویس‌های`` are one token; a trailing ZWNJ stays in its word);
- a run of dots (``...``);
- a run of three or more of one other mark (``!!!``, ``؟؟؟``, ``-----``,
  ``***``), as UD treebanks keep ``...`` whole; brackets and quotes, which pair
  one for one, are never runs (``))`` is two tokens), and two marks stay two
  (a doubled ``،،`` is a typo of two commas: UD Seraji gives it two tokens);
- any other character that is not a space, alone (``،`` ``؛`` ``؟`` ``:``
  ``«`` ``»`` and an ASCII comma glued to a word all become tokens).

Clitics are never split (UD Persian keeps ``پشیمانم`` one surface token;
camel-tools' ``simple_word_tokenize`` does the same for Arabic), and verb parts
are never joined.

A sentence ends after ``.`` ``!`` ``?`` ``؟`` or a run of one of the last
three (and the closing quotes and brackets right after them), at a line break
(headlines and list items are sentences of their own), and after the colon of
a news dateline (``لندن - ایرنا:``). Not after an abbreviation, a list marker
(``1.`` opening a line), a decimal point, or an ellipsis.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from corpuskit.normalize.protect import EMAIL, HANDLE, HASHTAG, LATIN, NUMBER_WITH_SEPARATORS, URL
from corpuskit.normalize.rules import LETTER, MARKS, TATWEEL, ZWJ, ZWNJ

Span = tuple[int, int]

#: Combining marks and tatweel belong to the word they sit on.
_WORD_CHARS = f"{LETTER}{MARKS}{TATWEEL}"
# Each group is tried only where its first character can start it.
_LATIN_START = rf"(?=[{LATIN}\d@#._%+\-])"
#: A shortcut for the most frequent token by far. An Arabic-script word whose
#: first letter is not followed by a dot cannot be an abbreviation, and no
#: Latin, number or URL token starts with its letter: this branch gives the
#: token the branches in order of precedence would (abbreviations, then words),
#: but it is tried first, where it costs one character test and a one-character
#: lookahead instead of the Latin and abbreviation groups' lookaheads failing.
_PLAIN_WORD = rf"[{_WORD_CHARS}](?!\.)[{_WORD_CHARS}{ZWNJ}{ZWJ}]*"
#: Brackets and quotes: a run of them is never one token.
_PAIRED = re.escape("()[]{}<>«»‹›“”„‘’‚'\"")
def _token_pattern(at_sign: bool = True) -> re.Pattern[str]:
    """``TOKEN``; without ``at_sign`` its e-mail and @handle branches left out,
    for text without an @, where they cannot match."""
    return re.compile(
        "|".join(
            [
                _PLAIN_WORD,
                _LATIN_START
                + "(?:"
                + "|".join(
                    [
                        URL,
                        *((EMAIL, HANDLE) if at_sign else ()),
                        HASHTAG,
                        rf"{NUMBER_WITH_SEPARATORS}%?",
                        rf"(?:[{LATIN}]\.){{2,}}",
                        r"[A-Z]\.(?=\s+[A-Z])",
                        rf"[{LATIN}0-9]+(?:['’&_.\-][{LATIN}0-9]+)*",
                    ]
                )
                + ")",
                # Arabic-script abbreviations: single letters with dots (م. ه.ش ق.ظ).
                rf"(?=[{LETTER}]\.)(?:(?<![{_WORD_CHARS}{ZWNJ}.])[{LETTER}](?:\.[{LETTER}])*\.(?![{_WORD_CHARS}\d])"
                rf"|(?<![{_WORD_CHARS}{ZWNJ}])[{LETTER}](?:\.[{LETTER}])+(?![{_WORD_CHARS}\d]))",
                rf"[{_WORD_CHARS}][{_WORD_CHARS}{ZWNJ}{ZWJ}]*",
                r"\.{2,}|…+",
                rf"(?P<run>[^\w\s{_PAIRED}])(?P=run){{2,}}",
                r"\S",
            ]
        ),
        re.IGNORECASE,
    )


TOKEN = _token_pattern()

#: Tokens that end a sentence, and what may follow them inside it.
TERMINALS = frozenset({".", "!", "?", "؟", "!؟", "؟!"})
#: A run of one of these (``!!!``, ``؟؟؟``) ends a sentence as the mark does.
_RUN_TERMINALS = "!?؟"
CLOSERS = frozenset({"»", ")", "]", "}", "”", "’", '"', "'", "›"})
#: Tokens longer than this are neither closers nor terminals.
_LONGEST_CLOSER = max(len(token) for token in CLOSERS | TERMINALS)
DASHES = frozenset({"-", "–", "—"})
_DASH_CHARS = "-–—"
#: A dateline (``تهران - واحد مرکزی خبر:``) is short, and has a dash or ends
#: with the name of a news agency.
DATELINE_TOKENS = 12
AGENCIES = frozenset(
    {"ایرنا", "ایسنا", "ایلنا", "ایکنا", "فارس", "تسنیم", "مهر", "واحد مرکزی خبر", "باشگاه خبرنگاران جوان",
     "رویترز", "آسوشیتدپرس", "فرانس‌پرس", "واس", "سانا", "وام", "قنا", "بترا", "واع", "رويترز", "أ ف ب"}
)


#: ``TOKEN`` (group 1) and the spaces after it. A search that fails at a
#: position moves on one character and starts all over again (every branch
#: of ``TOKEN`` tried once more): taking the spaces into the match means the
#: next search starts on the next token, never on a space. Nothing follows
#: ``\s*`` in the pattern, so it never backtracks.
_TOKEN_AND_SPACE = re.compile(rf"({TOKEN.pattern})\s*", TOKEN.flags)
#: The same for text without an @: an e-mail is tried wherever a Latin letter,
#: a digit or ``. - _ + %`` stands, and reads up to 64 characters looking for
#: its @ (``a+a+a+...``: 64 characters read per token).
_TOKEN_AND_SPACE_NO_AT = re.compile(rf"({_token_pattern(at_sign=False).pattern})\s*", TOKEN.flags)


def tokens(text: str) -> list[Span]:
    """Token spans of ``text`` (no sentences)."""
    pattern = _TOKEN_AND_SPACE if "@" in text else _TOKEN_AND_SPACE_NO_AT
    return [match.span(1) for match in pattern.finditer(text)]


#: Where a sentence may end: a line break, or a token that may close one. Only
#: these places are examined, not every token.
CANDIDATE = re.compile(r"\n|[.!?؟:]")


def tokenize(text: str, lang: str = "fa") -> list[list[Span]]:
    """Sentences of token spans into ``text``. ``lang`` is accepted for the
    interface's sake: Persian and Arabic share one design."""
    spans = tokens(text)
    if not spans:
        return []
    # Sentences are decided as cuts (the index of the token that begins each
    # sentence but the first), and the spans list is sliced once at the end.
    cuts = _attach_closers(text, spans, _sentence_cuts(text, spans))
    bounds = [0, *cuts, len(spans)]
    return [spans[begin:end] for begin, end in zip(bounds, bounds[1:])]


def _sentence_cuts(text: str, spans: list[Span]) -> list[int]:
    """Where sentences begin, in increasing order: the index of the token after
    each line break and each mark that ends a sentence (``len(spans)`` when
    the text ends with one)."""
    count = len(spans)
    starts = [start for start, _ in spans]
    cuts: list[int] = []
    first = 0  # index of the first token of the current sentence
    line_start = True  # whether the current sentence began a line
    search = CANDIDATE.search
    position = index = 0
    while (match := search(text, position)) is not None:
        position = match.start()
        # The token that starts at the mark, or the first one after the line break.
        index = bisect_left(starts, position, index)
        mark = text[position]
        if mark == "\n":
            if index > first:
                cuts.append(index)
                first = index
            line_start = True
            position += 1
            continue
        if index == count:
            break  # only spaces after the last token
        start, end = spans[index]
        if start != position:
            # A mark inside a longer token (a number, an abbreviation, a URL) is
            # no token of its own and never ends a sentence; nor does any other
            # mark of that token: the search goes on after it.
            position = spans[index - 1][1]
            continue
        position = end
        if first > index:
            continue
        # The token ends the sentence spans[first:index + 1] when it is a
        # terminal (a run of ! ? ؟ is one token and ends it as the mark does;
        # a run of dots is an ellipsis, which does not) or a dateline's colon.
        if mark == ":":
            if not _dateline(text, spans, first, index):
                continue
        elif mark == "." and (
            end != start + 1  # an ellipsis
            or index - first == 1 and line_start and text[slice(*spans[first])].isdigit()  # a list marker: "1. پرش"
        ):
            continue
        elif index + 1 < count:
            following, following_end = spans[index + 1]
            if following == end and (
                text[following] in _RUN_TERMINALS or text[following] == "." and following_end == following + 1
            ):
                continue  # "!؟": the sentence ends after the last terminal
        first = index + 1
        cuts.append(first)
        line_start = False
    return cuts


def _dateline(text: str, spans: list[Span], first: int, index: int) -> bool:
    """Whether the sentence ``spans[first:index + 1]``, which ends with a colon
    (or a run of them), is a news dateline: a place, a dash, an agency, a colon.
    A speech verb's colon ("وی گفت:") has neither dash nor agency before it."""
    if index - first + 1 > DATELINE_TOKENS or index + 1 >= len(spans):
        return False
    words = [text[s:e] for s, e in spans[first:index]]
    return any(word in DASHES or word[0] in _DASH_CHARS and word == word[0] * len(word) for word in words[1:]) or any(
        " ".join(words[-n:]) in AGENCIES for n in (1, 2, 3, 4) if len(words) >= n
    )


def _terminal(token: str) -> bool:
    """Whether a token ends a sentence: ``.`` ``!`` ``?`` ``؟`` or a run of one
    of the last three (a token that starts with one of them is nothing else)."""
    return token == "." or token[0] in _RUN_TERMINALS


def _attach_closers(text: str, spans: list[Span], cuts: list[int]) -> list[int]:
    """Move closing quotes and brackets that open a sentence back to the one before
    (``.»``), and stray full stops after them (``؟» .``), when only spaces on the
    same line separate them from it: each cut moves past them; a sentence of
    nothing else disappears, and the next one's closers move on to the same
    sentence. Returns the cuts that still begin a sentence (none at the end)."""
    out: list[int] = []
    for cut, end in zip(cuts, [*cuts[1:], len(spans)]):  # a sentence's first token, and the next one's
        while cut < end:
            start, stop = spans[cut]
            if stop - start > _LONGEST_CLOSER and text[start] not in _RUN_TERMINALS:
                break  # a word, as almost always: known without copying it out of the text
            token = text[start:stop]
            gap = text[spans[cut - 1][1] : start]  # from the end of the sentence before
            if token not in CLOSERS and not _terminal(token) or "\n" in gap:
                break
            if token in {'"', "'"} and gap:
                break  # a straight quote after a space opens the next sentence
            cut += 1
        if cut < end:
            out.append(cut)
    return out
