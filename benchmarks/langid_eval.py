#!/usr/bin/env python3
"""Measure language identification: accuracy on the seeds and on the UD Persian
sentences, and speed in characters per second (median of 5 runs).

    .venv/bin/python benchmarks/langid_eval.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from timing import chars_per_second

from corpuskit.evaluate import conllu
from corpuskit.stages.langid import _identifier, detect

ROOT = Path(__file__).resolve().parent.parent
SEEDS = {"000": "fa", "001": "ar", "002": "ar", "003": "fa", "004": "ar"}


def main() -> int:
    start = time.perf_counter()
    _identifier()
    print(f"model load: {time.perf_counter() - start:.2f} s")

    seeds = sorted((ROOT / "data" / "samples").glob("*.txt"))
    seed_texts = [p.read_text(encoding="utf-8") for p in seeds]
    right = sum(detect(t)[0] == SEEDS[p.name[:3]] for p, t in zip(seeds, seed_texts))
    print(f"seeds: {right}/{len(seeds)} correct")

    sentences = [
        sentence.text
        for path in sorted((ROOT / "tests" / "data" / "ud").glob("*.conllu"))
        for sentence in conllu.read(path)
    ]
    results = [detect(s)[0] for s in sentences]
    persian = results.count("fa")
    print(f"UD Persian dev sentences: {persian}/{len(sentences)} fa ({100 * persian / len(sentences):.2f}%)")
    for sentence, lang in zip(sentences, results):
        if lang != "fa":
            print(f"  {lang}: {sentence}")

    print(f"speed, whole seed documents: {chars_per_second(detect, seed_texts * 20):,.0f} chars/s")
    print(f"speed, UD sentences one by one: {chars_per_second(detect, sentences):,.0f} chars/s")
    return 0 if right == len(seeds) and persian >= 0.995 * len(sentences) else 1


if __name__ == "__main__":
    sys.exit(main())
