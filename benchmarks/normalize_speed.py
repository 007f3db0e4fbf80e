#!/usr/bin/env python3
"""Speed of the normalize stage beside the libraries it builds on, in one run.

Persian: corpuskit ``normalize(text, "fa")`` vs hazm ``Normalizer().normalize``.
Arabic: corpuskit ``normalize(text, "ar")`` vs camel-tools ``normalize_unicode``
+ ``dediac_ar``. The text is the seeds of each language, repeated with their
numbers varied (so no cache can serve a copy); chars/s, median of 5 runs.

    .venv/bin/python benchmarks/normalize_speed.py [--copies 40] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from timing import chars_per_second

ROOT = Path(__file__).resolve().parent.parent
SEEDS = {"fa": ["000", "003"], "ar": ["001", "002", "004"]}


def corpus(lang: str, copies: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data/samples").glob("*.txt")) if p.name[:3] in SEEDS[lang]]
    rng = random.Random(7)
    docs = []
    for i in range(copies):
        for text in texts:
            # Vary every copy: numbers changed, lines shuffled.
            lines = re.sub(r"\d", lambda m: str(rng.randint(0, 9)), text).split("\n")
            rng.shuffle(lines)
            docs.append("\n".join(lines))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import normalize_unicode
    from hazm import Normalizer

    from corpuskit.normalize import normalize_text

    hazm = Normalizer()
    results = {}
    for lang, reference_name, reference in (
        ("fa", "hazm Normalizer().normalize", hazm.normalize),
        ("ar", "camel normalize_unicode + dediac_ar", lambda t: dediac_ar(normalize_unicode(t))),
    ):
        docs = corpus(lang, args.copies)
        ours = chars_per_second(lambda t: normalize_text(t, lang), docs)
        theirs = chars_per_second(reference, docs)
        results[lang] = {"chars": sum(map(len, docs)), "corpuskit": ours, reference_name: theirs, "ratio": ours / theirs}
        print(f"{lang}: {sum(map(len, docs)):,} chars | corpuskit {ours:,.0f} chars/s | {reference_name} {theirs:,.0f} chars/s | ratio {ours / theirs:.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
