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

#: A letter with combining marks that Unicode composes into one character
#: (alef + hamza above is أ): NFC, applied only where it changes something.
COMPOSABLE = re.compile("[^\\W\\d_][\u0300-\u036f\u0653-\u0655]+")
COMBINING_MARK = re.compile("[\u0300-\u036f\u0653-\u0655]")

#: Full-width Latin letters, digits and signs: NFKC makes them ASCII.
FULLWIDTH = re.compile("[\uff01-\uff5e]+")

#: Bidi controls, BOM, soft hyphen, word joiner: invisible and meaningless in a corpus.
INVISIBLE = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff\u00ad\u2060]+")
#: Tatweel only between letters; standing alone (``سبوتنيك ــ V``) it is a dash.
TATWEEL_IN_WORD = re.compile(f"(?<=[{LETTER}{DIACRITICS}]){TATWEEL}+(?=[{LETTER}{DIACRITICS}])")
DIACRITIC = re.compile(f"[{DIACRITICS}]+")

#: Every run of horizontal space becomes one ASCII space (a lone ASCII space,
#: by far the most common case, is not even matched).
_SPACE = "[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_OTHER_SPACE = "[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
SPACES = re.compile(f" {_SPACE}+|{_OTHER_SPACE}{_SPACE}*")
LINE_EDGE_SPACE = re.compile("^ +| +$", re.M)
CARRIAGE_RETURN = re.compile("\r\n?")
#: A zero-width space between letters is a ZWNJ typed on the wrong key.
ZWSP_IN_WORD = re.compile(f"(?<=[{LETTER}])\u200b(?=[{LETTER}])")
ZWSP = re.compile("\u200b+")

#: ZWNJ/ZWJ are kept between letters only, one at a time, and never after a
#: letter that does not join (hazm issue #367).
ZWNJ_RUN = re.compile(f"[{ZWNJ}{ZWJ}]*{ZWNJ}[{ZWNJ}{ZWJ}]*")
ZWJ_RUN = re.compile(f"{ZWJ}+")
def _stray_joiner(joins: str) -> re.Pattern[str]:
    return re.compile(f"(?<![{joins}])[{ZWNJ}{ZWJ}]|[{ZWNJ}{ZWJ}](?![{joins}])|(?<=[{NON_JOINING}])[{ZWNJ}]")


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
SPACE_BEFORE_CLOSING = re.compile(r" +(?=[.:!?،؛؟»\]\)\}])")
SPACE_AFTER_OPENING = re.compile(r"(?<=[«\[\(\{]) +")
NO_SPACE_AFTER_CLOSING = re.compile(f"(?<=[!?،؛؟:»\\]\\)\\}}])(?=[{_WORD}«])")
NO_SPACE_AFTER_STOP = re.compile(f"(?<=[{LETTER}]{{2}}\\.)(?=[{LETTER}]{{2}})")
NO_SPACE_BEFORE_OPENING = re.compile(f"(?<=[{_WORD}])(?=[«])")
#: ``۹متر`` and ``عرض۶``: a number glued to a word.
NUMBER_GLUED = re.compile(f"(?<={NUMBER})(?=[{LETTER}])|(?<=[{LETTER}{MARKS}])(?={NUMBER})")

#: ASCII , ; ? written in Arabic-script text become ، ؛ ؟
ASCII_COMMA = re.compile(f"(?<=[{LETTER}{NUMBER}]) *,(?= *[{LETTER}])")
ASCII_SEMICOLON = re.compile(f"(?<=[{LETTER}]) *;")
ASCII_QUESTION = re.compile(f"(?<=[{LETTER}]) *\\?")

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
