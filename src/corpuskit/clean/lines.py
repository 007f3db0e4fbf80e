"""One line of a page, with the features the clean rules look at.

Rules match cue phrases on a *key* of the line, not on the line itself: scraped
pages mix Persian and Arabic keyboards (``رأیکم``, ``انتهي``), digits of three
scripts, zero-width non-joiners, tatweel and diacritics, and a cue written once
must match all of them. The key is the dates fold (yeh, kaf, alef and teh
marbuta forms, digits; corpuskit/dates/fold.py), without diacritics and
tatweel, with ZWNJ as a space, whitespace collapsed and Latin lowercased.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from corpuskit.dates.fold import fold

_DROP = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, superscript alef, tatweel
_SPACE = re.compile(r"[\s\u200c\u200d\u200e\u200f\ufeff]+")
#: Quotes and brackets that may close a sentence after its full stop.
_CLOSERS = "\"'»«”“’)]}>›*"
#: A list item's marker: a bullet or dash, or a number with a dot or bracket.
_BULLET = re.compile(r"^\s*(?:[-–—•·*▪►◦●■]\s*|\d{1,3}\s*[.)\-–]\s+)(?=\S)")
_NUMBERED = re.compile(r"^\s*\d{1,3}\s*[.)\-–]\s+(?=\S)")


def key(text: str) -> str:
    """``text`` folded for cue matching (not one to one; never used for offsets)."""
    return _SPACE.sub(" ", _DROP.sub("", fold(text))).strip().lower()


@dataclass
class Line:
    number: int  # 1-based, in the page as given
    text: str  # stripped
    words: int = field(repr=False)
    #: The line ends a sentence: . ! ? ؟ or … before any closing quotes.
    ends_sentence: bool = field(repr=False)
    #: It ends with a single full stop (not an ellipsis): a headline never does.
    ends_with_period: bool = field(repr=False)
    #: It starts with a list marker: ``- ``, ``• ``, ``1. ``, ``2) ``.
    bulleted: bool = field(repr=False)
    numbered: bool = field(repr=False)
    #: Set by the rules: None (body) or the reason the line is boilerplate.
    reason: str | None = None
    #: A "related" heading: the headlines under it are related too.
    heading: bool = False

    @classmethod
    def of(cls, number: int, raw: str) -> Line:
        text = raw.strip()
        tail = text.rstrip(_CLOSERS + " ")
        words = len(_BULLET.sub("", text).split())
        return cls(
            number=number,
            text=text,
            words=words,
            ends_sentence=tail.endswith((".", "!", "?", "؟", "…")),
            ends_with_period=tail.endswith(".") and not tail.endswith(".."),
            bulleted=bool(_BULLET.match(text)),
            numbered=bool(_NUMBERED.match(text)),
        )

    @cached_property
    def key(self) -> str:
        """The folded line (built when a rule first asks: most article lines
        are too long for any cue and never need it)."""
        return key(self.text)

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def headline_shaped(self) -> bool:
        """Could be a headline: a few words to a long sentence's worth, and no
        full stop at the end (a question or an ellipsis is fine)."""
        return 2 <= self.words <= 30 and not self.ends_with_period and not self.text.endswith((":", "：", "،", ","))

    @property
    def paragraph(self) -> bool:
        """Reads like running text: a sentence of eight words or more, or a
        long line, punctuated or not. The body is where these are."""
        ended = self.ends_with_period if self.bulleted else self.ends_sentence  # a listed headline may ask
        return (self.words >= 8 and ended) or self.words >= 30

    @property
    def item_key(self) -> str:
        """The key without a list marker."""
        return key(_BULLET.sub("", self.text)) if self.bulleted else self.key


def split_lines(text: str) -> list[Line]:
    return [Line.of(number, raw) for number, raw in enumerate(text.split("\n"), 1)]
