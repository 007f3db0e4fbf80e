#!/usr/bin/env python3
"""Entities on the five seeds against the hand-made gold (tests/data/seed-entities.jsonl),
and the speed of the offline default.

    python benchmarks/entities_eval.py [--runs 5] [--json PATH]

Prints the strict/lenient precision, recall and F1 overall, per language and
per label, the identity consistency, every gold mention's status and every
false positive; then chars/s of ``find_entities`` over the seeds of each
language concatenated, and over the seeds repeated 20 times (median of --runs).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from corpuskit.entities.extract import find_entities  # noqa: E402
from corpuskit.entities.gazetteer import load  # noqa: E402
from corpuskit.evaluate import entities as scoring  # noqa: E402


def speed(texts: list[str], lang: str, runs: int) -> float:
    find_entities(texts[0], lang)  # warm-up: gazetteer loaded, caches filled
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        for text in texts:
            find_entities(text, lang)
        times.append(time.perf_counter() - started)
    return sum(map(len, texts)) / statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args()
    started = time.perf_counter()
    load()
    load_seconds = time.perf_counter() - started
    gold = scoring.load_gold(ROOT / "tests" / "data" / "seed-entities.jsonl", ROOT / "data" / "samples")
    predictions = {doc: find_entities(d.text, d.lang) for doc, d in gold.documents.items()}
    result = scoring.score(gold, predictions)
    print(result.table())
    rates = {}
    for lang in ("fa", "ar"):
        texts = [d.text for d in gold.documents.values() if d.lang == lang]
        rates[lang] = round(speed(["\n\n".join(texts)] * 20, lang, args.runs))
    print(f"\ngazetteer load: {load_seconds:.2f} s; speed: fa {rates['fa']:,} chars/s, ar {rates['ar']:,} chars/s")
    if args.json:
        Path(args.json).write_text(
            json.dumps({"score": result.as_dict(), "chars_per_second": rates, "load_seconds": load_seconds}, indent=1),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
