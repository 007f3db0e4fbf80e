"""Language identification: ``fa``, ``ar``, another ISO 639 code, or ``und``.

How it decides (measured in docs/langid.md):

1. Count letters by script. Fewer than ``MIN_LETTERS`` letters: ``und``.
2. Mostly Arabic script: score only the Arabic-script part of the text (a Persian
   page with a few Latin lines stays Persian) with py3langid, keeping only the
   Arabic-script languages it knows. Below ``SHORT_TEXT`` letters only Persian and
   Arabic compete, since a headline or a dateline carries too little evidence to
   tell Persian from Urdu or Pashto.
3. Otherwise: py3langid over all of its 97 languages.

py3langid (a maintained fork of langid.py, BSD licence) ships its model in the
wheel (4.5 MB), so detection works offline; its byte n-gram naive Bayes
model tells Persian from Arabic by spelling and function words, which also holds
for Arabic typed on a Persian keyboard (Persian yeh and keheh, seed 002).
"""

from __future__ import annotations

import functools
import os
import re
import sys
from typing import TYPE_CHECKING, Any

from corpuskit.pipeline import Stage

if TYPE_CHECKING:  # numpy is imported with the model, not with the stage list
    import numpy

#: Fewer letters than this is not language.
MIN_LETTERS = 3
#: Arabic-script texts with fewer letters than this are scored as fa vs ar only.
SHORT_TEXT = 40
#: A short text in another script is ``und`` unless the model is at least this
#: sure: two Latin words are no evidence of Breton ("hello": br, 0.07).
MIN_SHORT_SCORE = 0.5
#: Detection reads at most this many characters of a document: a news article is
#: decided long before, and a 100 MB line must not cost 100 MB of scoring.
MAX_CHARS = 20_000
#: The model scores at most this many characters (of the Arabic-script part for
#: an Arabic-script text). py3langid's byte n-gram count was a Python loop over
#: bytes, half the time of the whole pipeline's detection on news when it read
#: whole articles (it is now numpy, corpuskit.langid_counts); 1,500 characters
#: hold dozens of function words, and a single UD sentence (about 100) already
#: decides fa against ar (docs/langid.md).
SCORED_CHARS = 1_500

_ARABIC_SCRIPT_LETTERS = "\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdfb\ufe70-\ufefc"
#: What counts as a letter, and as an Arabic-script one; detect() counts them
#: through a table of every code point made from these (_letter_classes).
_ARABIC_LETTERS = re.compile(f"[{_ARABIC_SCRIPT_LETTERS}]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_NOT_ARABIC_SCRIPT = re.compile(f"[^{_ARABIC_SCRIPT_LETTERS}\u064b-\u065f\u0670\u200c\\s]+")
#: Bits of _letter_classes.
_LETTER, _ARABIC, _KEPT = 1, 2, 4

#: py3langid codes written in Arabic script, mapped to the code we report.
_ARABIC_SCRIPT_CODES = {
    "fa": "fa",
    "ar": "ar",
    "arz": "ar",
    "ary": "ar",
    "ur": "ur",
    "ps": "ps",
    "ug": "ug",
    "sdh": "sdh",
    "uzs": "uzs",
    "ku": "ku",
}
_FA_AR = {"fa", "ar", "arz", "ary"}
#: Codes folded into the macrolanguage a Persian/Arabic corpus is sorted by.
_FOLD = {"arz": "ar", "ary": "ar", "zxx": "und"}


@functools.cache
def _model():
    """``(identifier, tables, classes)``, loaded once per process: the
    py3langid model decompressed from the package (0.3-0.5 s), what
    corpuskit.langid_counts counts with (0.35 s: the automaton is walked and
    checked) and the letter classes of every code point (0.05 s) the first
    time, then read back from the disk cache (0.15 s for all three)."""
    import numpy
    from py3langid.langid import MODEL_DIR, MODEL_FILE, _load_identifier

    from corpuskit import langid_counts
    from corpuskit.disk_cache import load_or_build

    def build():
        identifier = _load_identifier(norm_probs=True)
        return identifier, langid_counts.build(identifier), _letter_classes()

    model = os.path.join(MODEL_DIR, MODEL_FILE)
    # This file is a source too: the letter classes are its patterns.
    sources = [model, __file__, langid_counts.__file__]
    return load_or_build("py3langid", build, sources=sources, extra=[f"numpy {numpy.__version__}"])


def _identifier():
    """The py3langid model (a ``LanguageIdentifier``), loaded once per process."""
    return _model()[0]


@functools.cache
def _rank():
    """``_identifier().rank``, or the same ranking to the last bit with the
    n-grams counted by numpy (corpuskit.langid_counts): 2.5 times as fast on
    1,500 characters of news. py3langid's own when the model is not an
    automaton langid_counts can count with."""
    from corpuskit.langid_counts import Scorer

    identifier, tables, _ = _model()
    return identifier.rank if tables is None else Scorer(identifier, tables).rank


def _letter_classes():
    """Per code point, bits: ``_LETTER`` when ``_LETTERS`` matches it,
    ``_ARABIC`` when ``_ARABIC_LETTERS`` does, ``_KEPT`` when
    ``_NOT_ARABIC_SCRIPT`` does not. A character class matches one code point
    at a time, so counting the code points of a text with a bit is the same
    as counting the characters of the runs found, and 13 times as fast."""
    import numpy

    # Every code point in one string, made from its UTF-32 (one str per
    # character would hold 50 MB for a moment).
    every = numpy.arange(sys.maxunicode + 1, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")
    classes = numpy.full(sys.maxunicode + 1, _KEPT, dtype=numpy.uint8)
    for bit, runs in ((_LETTER, _LETTERS), (_ARABIC, _ARABIC_LETTERS)):
        for run in runs.finditer(every):
            classes[run.start() : run.end()] |= bit
    for run in _NOT_ARABIC_SCRIPT.finditer(every):
        classes[run.start() : run.end()] &= 0xFF ^ _KEPT
    return classes


def detect(text: str) -> tuple[str, float | None]:
    """``(code, probability)`` for ``text``; ``("und", None)`` when there is too
    little text to tell."""
    import numpy

    sample = text[:MAX_CHARS]
    # Lone surrogates are characters too (the patterns count them as such).
    points = numpy.frombuffer(sample.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    classes = _model()[2][points]
    letters, arabic = _count_letters(classes)
    if letters < MIN_LETTERS:
        return "und", None
    rank = _rank()
    ranking = None
    if arabic * 2 >= letters:
        allowed = _FA_AR if arabic < SHORT_TEXT else _ARABIC_SCRIPT_CODES
        ranking = rank(_arabic_script_part(points, classes))
        for code, probability in ranking:
            if code in allowed:
                return _ARABIC_SCRIPT_CODES[code], _probability(probability)
    ranking = ranking or rank(sample[:SCORED_CHARS])
    code, probability = ranking[0]
    if letters < SHORT_TEXT and probability < MIN_SHORT_SCORE:
        return "und", None
    return _FOLD.get(code, code), _probability(probability)


def _count_letters(classes: numpy.ndarray) -> tuple[int, int]:
    """How many characters ``_LETTERS`` and ``_ARABIC_LETTERS`` cover, from
    the classes of a text's code points."""
    import numpy

    found = numpy.bincount(classes, minlength=8)  # how many code points have each set of bits
    return int(found[_LETTER::2].sum()), int(found[[2, 3, 6, 7]].sum())  # those with _LETTER, with _ARABIC


def _arabic_script_part(points: numpy.ndarray, classes: numpy.ndarray) -> str:
    """``_NOT_ARABIC_SCRIPT.sub(" ", sample)[:SCORED_CHARS]`` from the code
    points of the sample and their classes: each run of characters the
    pattern matches becomes one space (half the time of the regex)."""
    import numpy

    kept = (classes & _KEPT).astype(bool)
    shown = kept.copy()  # the kept characters and the first of each run of others
    shown[:1] = True
    shown[1:] |= kept[:-1]
    part = numpy.where(kept, points, 32)[shown][:SCORED_CHARS]
    return part.astype("<u4", copy=False).tobytes().decode("utf-32-le", "surrogatepass")


def _probability(value: Any) -> float:
    return round(float(value), 4)


class LangId(Stage):
    """Sets ``lang`` and ``langid`` on each record (``--lang`` forces a code)."""

    name = "langid"
    requires = ("text",)
    provides = ("lang", "langid")

    def __init__(self, lang: str = "auto"):
        self.lang = lang

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> LangId:
        return cls(lang=options.get("lang") or "auto")

    def setup(self) -> None:
        if self.lang == "auto":
            _rank()

    def process(self, record: dict[str, Any]) -> dict[str, Any]:
        if self.lang != "auto":
            record["lang"] = self.lang
            record["langid"] = {"score": None, "method": "forced"}
            return record
        code, probability = detect(record["text"])
        record["lang"] = code
        record["langid"] = {"score": probability, "method": "detected" if probability is not None else "too-short"}
        return record
