#!/usr/bin/env python3
"""Date extraction on the five seed documents, scored against the hand-made gold.

    .venv/bin/python benchmarks/dates_eval.py [--json FILE] [--gold FILE] [--runs N]

Gold: ``tests/data/seed-dates.jsonl`` (26 scored date expressions in the raw
texts of ``data/samples/``); scoring: ``corpuskit.evaluate.dates`` (an item is
*found* when a prediction overlaps it, *correct* when an overlapping
prediction has exactly its ISO value; a prediction over no gold item is a
*false alarm*). Each system is scored twice: values compared exactly, and at
the gold's granularity (the predicted value cut to the gold value's length,
so ``2016-09-25`` counts for gold ``2016``).

Systems:

- ``dateparser`` (not a dependency of corpuskit: ``pip install dateparser``):
  ``dateparser.search.search_dates(text, languages=[lang],
  settings={"RELATIVE_BASE": document date})`` on each raw text, ``lang``
  being the gold's ``fa`` or ``ar`` and the document date the gold's (from
  the text, or supplied from outside for 001 and 003). It returns
  ``(substring, datetime)`` pairs; each substring is mapped back to the raw
  text by searching forward from the end of the previous hit (a whitespace
  run in the substring matches any whitespace run in the text: dateparser
  gives back ``الاثنين ۱۰ یولیو ۲۰۱۷`` with plain spaces where document 002
  has NBSPs; failing that, from the previous hit's start, then from the
  start of the text; a substring not found anywhere is counted as
  unmapped). The value is the datetime's date, ``YYYY-MM-DD`` (dateparser
  always gives a full datetime, so exact comparison can only credit day
  dates; the granularity comparison is the fairer one for it).
- ``corpuskit``: ``corpuskit.dates.find_dates(text, lang, doc_date="YYYY-MM-DD")``
  on the raw text, when it can be imported; it returns span dicts (or
  objects) with ``start``, ``end`` (offsets into the given text) and
  ``value``.

Speed: characters per second of the library call alone (``search_dates``,
``find_dates``) on the seeds of one language concatenated (``fa``: 000 and
003; ``ar``: 001, 002, 004; joined by a blank line; the document date of the
first of them), median of ``--runs`` runs after one warm-up call.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # run from a checkout without installing

from timing import chars_per_second  # noqa: E402

from corpuskit.evaluate import dates as scoring  # noqa: E402

GOLD = ROOT / "tests" / "data" / "seed-dates.jsonl"
SAMPLES = ROOT / "data" / "samples"
LANGS = ("fa", "ar")

Predict = Callable[[str, str, str], list[dict[str, Any]]]  # (text, lang, doc_date) -> spans


# --------------------------------------------------------------------------- systems


def _substring_pattern(substring: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(part) for part in substring.split()))


def map_hits(text: str, hits: list[tuple[str, dt.datetime]]) -> tuple[list[dict[str, Any]], list[str]]:
    """Offsets of dateparser's ``(substring, datetime)`` hits in ``text``, searching
    forward from the previous hit. Returns the spans and the unmapped substrings."""
    spans: list[dict[str, Any]] = []
    unmapped: list[str] = []
    previous_start = previous_end = 0
    for substring, when in hits:
        if not substring.strip():
            unmapped.append(substring)
            continue
        pattern = _substring_pattern(substring)
        match = pattern.search(text, previous_end) or pattern.search(text, previous_start) or pattern.search(text)
        if match is None:
            unmapped.append(substring)
            continue
        previous_start, previous_end = match.start(), match.end()
        spans.append({"start": match.start(), "end": match.end(), "value": when.date().isoformat(), "text": substring})
    return spans, unmapped


def dateparser_system() -> tuple[str, Predict, Callable[[str, str, str], object], dict[str, Any]]:
    from importlib.metadata import version

    from dateparser.search import search_dates

    info: dict[str, Any] = {"version": version("dateparser"), "unmapped": []}

    def raw(text: str, lang: str, doc_date: str) -> object:
        base = dt.datetime.fromisoformat(doc_date)
        return search_dates(text, languages=[lang], settings={"RELATIVE_BASE": base})

    def predict(text: str, lang: str, doc_date: str) -> list[dict[str, Any]]:
        spans, unmapped = map_hits(text, raw(text, lang, doc_date) or [])
        info["unmapped"].extend(unmapped)
        return spans

    return f"dateparser {info['version']}", predict, raw, info


def corpuskit_system() -> tuple[str, Predict, Callable[[str, str, str], object], dict[str, Any]] | None:
    try:
        from corpuskit.dates import find_dates
    except ImportError:
        return None

    def raw(text: str, lang: str, doc_date: str) -> object:
        return find_dates(text, lang, doc_date=doc_date)

    def predict(text: str, lang: str, doc_date: str) -> list[dict[str, Any]]:
        spans = []
        for span in raw(text, lang, doc_date) or []:
            get = span.get if isinstance(span, dict) else lambda key, s=span: getattr(s, key, None)
            spans.append({"start": get("start"), "end": get("end"), "value": get("value")})
        return spans

    return "corpuskit find_dates", predict, raw, {}


# --------------------------------------------------------------------------- running


def counts(score: scoring.DateScore) -> dict[str, int]:
    return {"scored": score.scored, "found": score.found, "correct": score.correct, "false_alarms": score.false_alarms}


def by_lang(gold: scoring.Gold, score: scoring.DateScore) -> dict[str, dict[str, int]]:
    out = {}
    for lang in LANGS:
        results = [r for r in score.results if gold.documents[r.doc].lang == lang]
        out[lang] = {
            "scored": len(results),
            "found": sum(r.status != scoring.MISSED for r in results),
            "correct": sum(r.status == scoring.CORRECT for r in results),
            "false_alarms": sum(gold.documents[a.doc].lang == lang for a in score.alarms),
        }
    return out


def speed(gold: scoring.Gold, raw: Callable[[str, str, str], object], runs: int) -> dict[str, float]:
    out = {}
    for lang in LANGS:
        documents = [d for d in gold.documents.values() if d.lang == lang]
        text = "\n\n".join(d.text for d in documents)
        doc_date = documents[0].date
        out[lang] = round(chars_per_second(lambda t: raw(t, lang, doc_date), [text], runs=runs))
    return out


def evaluate(gold: scoring.Gold, system, runs: int) -> dict[str, Any]:
    name, predict, raw, info = system
    predictions = {doc: predict(d.text, d.lang, d.date) for doc, d in gold.documents.items()}
    exact = scoring.score(gold, predictions)
    granular = scoring.score(gold, predictions, truncate=True)
    print(f"== {name}")
    print(exact.table())
    wrong_at_granularity = [r for r in granular.results if r.status == scoring.WRONG_VALUE]
    print(f"\nat gold granularity: correct {granular.correct}/{granular.scored}; still wrong:")
    for r in wrong_at_granularity:
        print(f"  {r.doc[:3]}  gold {r.gold}  predicted {r.matched}  {r.surface}")
    if info.get("unmapped"):
        print(f"unmapped substrings ({len(info['unmapped'])}): {info['unmapped']}")
    cps = speed(gold, raw, runs)
    langs = by_lang(gold, exact)
    print(
        f"\nSUMMARY {name}: found {exact.found}/{exact.scored}, correct {exact.correct}/{exact.scored} exact, "
        f"{granular.correct}/{granular.scored} at gold granularity, false alarms {exact.false_alarms} | "
        + ", ".join(f"{lang} found {c['found']}/{c['scored']}" for lang, c in langs.items())
        + f" | speed fa {cps['fa']:,} chars/s, ar {cps['ar']:,} chars/s\n"
    )
    return {
        "system": name,
        **{k: v for k, v in info.items() if k != "unmapped"},
        "unmapped": len(info.get("unmapped", [])),
        "exact": counts(exact),
        "gold_granularity": counts(granular),
        "by_lang": langs,
        "chars_per_second": cps,
        "items": [
            {"doc": r.doc, "surface": r.surface, "gold": r.gold, "predicted": r.predicted, "status": r.status}
            for r in exact.results
        ],
        "false_alarm_list": [{"doc": a.doc, "text": a.text, "value": a.value} for a in exact.alarms],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="write the numbers here")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--texts", type=Path, default=SAMPLES, help="folder of the raw texts")
    parser.add_argument("--runs", type=int, default=3, help="timing runs (the median is kept)")
    args = parser.parse_args(argv)

    gold = scoring.load_gold(args.gold, args.texts)
    print(f"gold: {args.gold} ({len(gold.documents)} documents, {len(gold.scored_items)} scored items)\n")
    results: dict[str, Any] = {"gold": str(args.gold), "scored": len(gold.scored_items), "systems": {}}

    try:
        system = dateparser_system()
    except ImportError:
        print("dateparser is not installed (pip install dateparser): skipped\n")
    else:
        results["systems"]["dateparser"] = evaluate(gold, system, args.runs)

    system = corpuskit_system()
    if system is None:
        print("corpuskit's dates stage is not available (corpuskit.dates.find_dates cannot be imported): skipped")
        results["systems"]["corpuskit"] = None
    else:
        results["systems"]["corpuskit"] = evaluate(gold, system, args.runs)

    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
