"""A one-to-one folding of text for date matching.

The dates stage must work on raw text as well as on normalized text (a user may
run ``corpuskit dates`` straight on scraped pages), so its patterns run on a
folded copy of the text in which every character is replaced by exactly one
character: offsets in the folded copy are offsets in the original, and no map is
needed. The fold unifies what Persian and Arabic keyboards spell differently:

* yeh forms ``ي ى ی`` → ``ی``; kaf ``ك`` → ``ک``; alef with hamza or madda → ``ا``;
  teh marbuta and heh with yeh above → ``ه``;
* Persian and Arabic-Indic digits → ASCII digits; the Arabic decimal and
  thousands separators ``٫ ٬`` → ``. ,``;
* no-break and other fixed-width spaces → a space.

Patterns are written in folded form; :func:`fold_pattern_text` folds a word
list taken from a data file the same way.
"""

from __future__ import annotations

_PAIRS = {
    "ي": "ی",
    "ى": "ی",
    "ك": "ک",
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ة": "ه",
    "ۀ": "ه",
    "٫": ".",
    "٬": ",",
    "\u00a0": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u202f": " ",
}
_PAIRS.update({chr(0x06F0 + i): str(i) for i in range(10)})  # Persian digits
_PAIRS.update({chr(0x0660 + i): str(i) for i in range(10)})  # Arabic-Indic digits

TABLE = str.maketrans(_PAIRS)
# str.translate with a dict looks every character up in the dict; with a string
# of the whole Basic Multilingual Plane as table it indexes instead (2.5x faster).
# Characters above U+FFFF fall outside the table and are left as they are.
_FAST_TABLE = "".join(_PAIRS.get(chr(code), chr(code)) for code in range(0x10000))


def fold(text: str) -> str:
    """``text`` folded one character to one character (same length)."""
    return text.translate(_FAST_TABLE)


def fold_pattern_text(word: str) -> str:
    """A word from a data file folded like the text (for building patterns)."""
    return word.translate(TABLE)
