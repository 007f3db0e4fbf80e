"""Rules shared by the Persian and Arabic normalizers: invisible characters,
spaces, ZWNJ tidying, punctuation spacing and the digits policy.

Every pattern here runs on text whose protected spans are placeholders
(protect.py), so none of them can reach into a URL, a number or a Latin run.
"""

from __future__ import annotations

import re

from corpuskit.normalize.protect import NUMBER, OTHER

ZWNJ = "\u200c"
ZWJ = "\u200d"
#: Arabic-script letters (Arabic, Persian, Urdu and other extensions).
LETTER = "\u0620-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06ee-\u06ef\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08c9"
#: Letters that do not join the next letter: a ZWNJ after them changes nothing.
NON_JOINING = "\u0621-\u0625\u0627\u0629\u062f-\u0632\u0648\u0671-\u0677\u0688-\u0699\u06c0\u06c3-\u06cb\u06cd\u06cf\u06d2\u06d3\u06d5\u06ee\u06ef\u0698"
#: Harakat, tanwin, shadda, sukun and superscript alef: the set camel-tools'
#: ``dediac_ar`` removes (listed here to spare its 0.5 s charset import).
DIACRITICS = "\u064b-\u0652\u0670"
TATWEEL = "\u0640"
#: Every Arabic combining mark (harakat, hamza above as in ``رودخانهٔ``, Quranic
#: marks): they belong to the letter they sit on.
MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"


def _one_or_more(char_class: str) -> str:
    """``[...]+`` written ``[...][...]*``: the same matches, but a pattern that
    starts with a plain class is scanned for that class in a tight loop by the
    regex engine (3-4x faster on text where it is rare)."""
    return f"{char_class}{char_class}*"


#: A letter with combining marks that Unicode composes into one character
#: (alef + hamza above is أ): NFC, applied only where it changes something.
COMPOSABLE = re.compile("[^\\W\\d_][\u0300-\u036f\u0653-\u0655]+")
_COMBINING_MARKS = "\u0300-\u036f\u0653-\u0655"
COMBINING_MARK = re.compile(f"[{_COMBINING_MARKS}]")

#: Full-width Latin letters, digits and signs: NFKC makes them ASCII.
_FULLWIDTH = "\uff01-\uff5e"
FULLWIDTH = re.compile(_one_or_more(f"[{_FULLWIDTH}]"))

#: Bidi controls, BOM, soft hyphen, word joiner: invisible and meaningless in a corpus.
_INVISIBLE = "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff\u00ad\u2060"
INVISIBLE = re.compile(_one_or_more(f"[{_INVISIBLE}]"))
#: Tatweel only between letters; standing alone (``سبوتنيك ــ V``) it is a dash.
#: (Written to start with the tatweel, the character the regex engine then
#: looks for; the lookbehind checks the one before it: the same matches as
#: ``(?<=[L]){TATWEEL}+(?=[L])``, which is tried at every position.)
TATWEEL_IN_WORD = re.compile(
    f"{TATWEEL}(?<=[{LETTER}{DIACRITICS}]{TATWEEL}){TATWEEL}*(?=[{LETTER}{DIACRITICS}])"
)
DIACRITIC = re.compile(_one_or_more(f"[{DIACRITICS}]"))

#: Every run of horizontal space becomes one ASCII space (a lone ASCII space,
#: by far the most common case, is not even matched).
_SPACE = "[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_OTHER_SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_OTHER_SPACE = f"[{_OTHER_SPACES}]"
#: (`` {_SPACE}+|{_OTHER_SPACE}{_SPACE}*``, written to start with the class:
#: another space, or a space then another one.)
SPACES = re.compile(f"{_SPACE}(?:(?<! )|{_SPACE}){_SPACE}*")
#: SPACES matches only where two spaces stand or another space: this class
#: (on the text's RARE characters) and ``"  " in text`` tell (SPACES itself is
#: tried at every position).
OTHER_SPACE = re.compile(_OTHER_SPACE)
#: What SPACES matches in a text without other spaces: two ASCII spaces or more
#: (searched for as a string, faster than SPACES by the space).
DOUBLE_SPACE = re.compile("   *")

#: Arabic presentation forms and ligatures (ﻻ, ﷲ).
PRESENTATION_FORMS = "\ufb50-\ufdfd\ufe70-\ufefc"
#: The characters that only some passes look for, and few texts have at all
#: (normalize finds those of a text in one scan, see core.py): invisible
#: controls, full-width forms, combining marks that compose, spaces other than
#: ASCII's, presentation forms.
RARE = re.compile(f"[{_INVISIBLE}{_FULLWIDTH}{_COMBINING_MARKS}{_OTHER_SPACES}{PRESENTATION_FORMS}]")
#: Spaces at the start or end of a line: ``^ +| +$`` (re.M), written so that
#: both branches start with a space, which the regex engine then looks for
#: in a tight loop (as it does not for `` +``).
LINE_EDGE_SPACE = re.compile(" (?<=^ ) *|  *$", re.M)
#: `` \n`` or ``\n `` (one search for the newline, rarer than the space).
SPACE_BY_NEWLINE = re.compile("\n(?:(?<= \n)| )")
CARRIAGE_RETURN = re.compile("\r\n?")
#: A zero-width space between letters is a ZWNJ typed on the wrong key.
ZWSP_IN_WORD = re.compile(f"(?<=[{LETTER}])\u200b(?=[{LETTER}])")
ZWSP = re.compile("\u200b+")

#: ZWNJ/ZWJ are kept between letters only, one at a time, and never after a
#: letter that does not join (hazm issue #367).
#: (Only the runs that change: those of two joiners or more with a ZWNJ
#: among them, which become one ZWNJ, and of two ZWJs or more. The same as
#: ``[J]*ZWNJ[J]*`` and ``ZWJ+`` replaced by one ZWNJ or ZWJ, without the
#: lone joiners that these replaced by themselves, one match each.)
ZWNJ_RUN = re.compile(f"{ZWNJ}[{ZWNJ}{ZWJ}]++|{ZWJ}[{ZWNJ}{ZWJ}]*?{ZWNJ}[{ZWNJ}{ZWJ}]*+")
ZWJ_RUN = re.compile(f"{ZWJ}{ZWJ}+")


def _stray_joiner(joins: str) -> re.Pattern[str]:
    # A joiner with no joining character before it, or none after it, or a ZWNJ
    # after a letter that does not join. Written to start with the joiner (the
    # lookbehinds then look at it and the character before): the same matches
    # as ``(?<![J])[JOINER]|[JOINER](?![J])|(?<=[N])ZWNJ``, which has to be
    # tried at every position.
    joiner = f"[{ZWNJ}{ZWJ}]"
    return re.compile(f"{joiner}(?:(?<![{joins}]{joiner})|(?![{joins}])|(?<=[{NON_JOINING}]{ZWNJ}))")


#: Before protection (so that a second run sees the same spans): digits count
#: as neighbours that may keep a ZWNJ (``۱۹۹۰‌ها``).
STRAY_JOINER_RAW = _stray_joiner(f"{LETTER}{DIACRITICS}\\d")
#: After protection, next to a protected span a ZWNJ stays: removing it there
#: could merge two spans into one on a second run.
STRAY_JOINER = _stray_joiner(f"{LETTER}{DIACRITICS}{NUMBER}{OTHER}")

#: Punctuation spacing (after hazm's PUNCTUATION_SPACING_PATTERNS): no space
#: before closing marks, none after opening ones, one after closing marks and
#: before opening ones when a word follows or precedes.
_WORD = f"{LETTER}{NUMBER}{OTHER}"
_CLOSING = r"[.:!?،؛؟»\]\)\}]"
#: (`` +(?=C)``, ``(?<=O) +``: both written to start with a space, as LINE_EDGE_SPACE.)
SPACE_BEFORE_CLOSING = re.compile(f"  *+(?={_CLOSING})")
SPACE_AFTER_OPENING = re.compile(r" (?<=[«\[\(\{] ) *")
NO_SPACE_AFTER_CLOSING = re.compile(f"(?<=[!?،؛؟:»\\]\\)\\}}])(?=[{_WORD}«])")
NO_SPACE_AFTER_STOP = re.compile(f"(?<=[{LETTER}]{{2}}\\.)(?=[{LETTER}]{{2}})")
NO_SPACE_BEFORE_OPENING = re.compile(f"(?<=[{_WORD}])(?=[«])")
#: ``۹متر`` and ``عرض۶``: a number glued to a word.
NUMBER_GLUED = re.compile(f"(?<={NUMBER})(?=[{LETTER}])|(?<=[{LETTER}{MARKS}])(?={NUMBER})")

#: Guards of the patterns above (``Rewriter.sub(guard=...)``): each matches
#: where its pattern can, but starts with a character or a class, which the
#: regex engine searches for in a tight loop, while a pattern that starts with
#: a lookaround is tried at every position. The lookbehinds after the first
#: character look at that character and the one before it.
SPACE_BEFORE_CLOSING_GUARD = re.compile(f"{_CLOSING}(?<= {_CLOSING})")
NO_SPACE_AFTER_CLOSING_GUARD = re.compile(f"[!?،؛؟:»\\]\\)\\}}][{_WORD}«]")
NO_SPACE_AFTER_STOP_GUARD = re.compile(f"\\.(?<=[{LETTER}]{{2}}\\.)[{LETTER}]{{2}}")
NO_SPACE_BEFORE_OPENING_GUARD = re.compile(f"«(?<=[{_WORD}]«)")
NUMBER_GLUED_GUARD = re.compile(f"{NUMBER}(?:[{LETTER}]|(?<=[{LETTER}{MARKS}]{NUMBER}))")

#: ASCII , ; ? written in Arabic-script text become ، ؛ ؟
#: (``(?<=[B]) *X``, written to start with the space or the sign: the
#: lookbehind looks at it and the character before.)
def _after(before: str, sign: str) -> str:
    return f"[ {sign}](?<=[{before}][ {sign}])(?:(?<={sign})|(?<= ) *{sign})"


ASCII_COMMA = re.compile(_after(f"{LETTER}{NUMBER}", ",") + f"(?= *[{LETTER}])")
ASCII_SEMICOLON = re.compile(_after(LETTER, ";"))
ASCII_QUESTION = re.compile(_after(LETTER, "\\?"))

LATIN_DIGITS = "0123456789"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_ALL_DIGITS = LATIN_DIGITS + PERSIAN_DIGITS + ARABIC_DIGITS
DIGIT_POLICIES = ("latin", "native", "keep")


def digits_table(policy: str, lang: str) -> dict[int, str]:
    """The ``str.translate`` table of a digits policy for numbers in ``lang``.

    ``latin``: every digit 0-9, and the Arabic decimal and thousands separators
    ``٫`` ``٬`` become ``.`` ``,`` so any program can parse the number.
    ``native``: every digit in the language's own script (Persian ۰-۹, Arabic
    ٠-٩). ``keep``: digits as written."""
    if policy == "keep":
        return {}
    if policy == "latin":
        table = {ord(d): LATIN_DIGITS[i % 10] for i, d in enumerate(_ALL_DIGITS)}
        table.update({ord("٫"): ".", ord("٬"): ","})
    elif policy == "native":
        own = PERSIAN_DIGITS if lang == "fa" else ARABIC_DIGITS
        table = {ord(d): own[i % 10] for i, d in enumerate(_ALL_DIGITS)}
    else:
        raise ValueError(f"unknown digits policy {policy!r} (use {', '.join(DIGIT_POLICIES)})")
    return {k: v for k, v in table.items() if chr(k) != v}
