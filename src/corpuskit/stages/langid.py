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
from typing import Any

from corpuskit.pipeline import Stage

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
#: an Arabic-script text). Its byte n-gram count is a Python loop over bytes,
#: half the time of the whole pipeline's detection on news when it read whole
#: articles; 1,500 characters hold dozens of function words, and a single UD
#: sentence (about 100) already decides fa against ar (docs/langid.md).
SCORED_CHARS = 1_500

_ARABIC_SCRIPT_LETTERS = "\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdfb\ufe70-\ufefc"
#: Runs, not single letters: counting the letters of runs found whole is twice
#: as fast as one match per letter.
_ARABIC_LETTERS = re.compile(f"[{_ARABIC_SCRIPT_LETTERS}]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_NOT_ARABIC_SCRIPT = re.compile(f"[^{_ARABIC_SCRIPT_LETTERS}\u064b-\u065f\u0670\u200c\\s]+")

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
def _identifier():
    """The py3langid model, loaded once per process: decompressed from the
    package (0.3 s) the first time, then read back from the disk cache."""
    import numpy
    from py3langid.langid import MODEL_DIR, MODEL_FILE, _load_identifier

    from corpuskit.disk_cache import load_or_build

    model = os.path.join(MODEL_DIR, MODEL_FILE)
    return load_or_build(
        "py3langid", lambda: _load_identifier(norm_probs=True), sources=[model], extra=[f"numpy {numpy.__version__}"]
    )


def detect(text: str) -> tuple[str, float | None]:
    """``(code, probability)`` for ``text``; ``("und", None)`` when there is too
    little text to tell."""
    sample = text[:MAX_CHARS]
    letters = _count(_LETTERS, sample)
    if letters < MIN_LETTERS:
        return "und", None
    arabic = _count(_ARABIC_LETTERS, sample)
    ranking = None
    if arabic * 2 >= letters:
        allowed = _FA_AR if arabic < SHORT_TEXT else _ARABIC_SCRIPT_CODES
        ranking = _identifier().rank(_NOT_ARABIC_SCRIPT.sub(" ", sample)[:SCORED_CHARS])
        for code, probability in ranking:
            if code in allowed:
                return _ARABIC_SCRIPT_CODES[code], _probability(probability)
    ranking = ranking or _identifier().rank(sample[:SCORED_CHARS])
    code, probability = ranking[0]
    if letters < SHORT_TEXT and probability < MIN_SHORT_SCORE:
        return "und", None
    return _FOLD.get(code, code), _probability(probability)


def _count(runs: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` the runs of ``runs`` cover."""
    return len("".join(runs.findall(text)))


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
            _identifier()

    def process(self, record: dict[str, Any]) -> dict[str, Any]:
        if self.lang != "auto":
            record["lang"] = self.lang
            record["langid"] = {"score": None, "method": "forced"}
            return record
        code, probability = detect(record["text"])
        record["lang"] = code
        record["langid"] = {"score": probability, "method": "detected" if probability is not None else "too-short"}
        return record
