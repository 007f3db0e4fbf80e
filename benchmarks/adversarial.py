#!/usr/bin/env python3
"""Throughput on adversarial input: every stage, and the whole pipeline, per character.

Issue 7: no regular expression may take super-linear time, and adversarial text
(long runs of digits, dots, spaces, ZWNJs, month names, punctuation...) must
run at >= 0.5x the characters per second of normal text.

    .venv/bin/python benchmarks/adversarial.py [--json FILE] [--size 100000]
        [--small 25000] [--repeat 3] [--only digits_ascii,dots]

*Normal* text: the Persian seeds (000, 003) and the Arabic seeds (001, 002,
004) of data/samples, each repeated with its digits varied and its lines
shuffled to ``--size`` characters (one Persian and one Arabic document). Its
chars/s is the total characters over the total time of the two documents.

*Adversarial* texts: ``--size`` characters each (see ``INPUTS``), each written
in a language: Persian (``fa``) for Persian digits, month names and ZWNJs and
for the script-neutral inputs (ASCII digits, dots, spaces, punctuation...),
Arabic (``ar``) for Arabic digits, month names and letters.

Measured, for every input:

- each stage alone (langid, normalize, tokenize, dates, entities): run through
  ``corpuskit.pipeline.process`` with ``stages=[that stage]`` on a record that
  already went through the stages before it, with the input's language forced
  (``--lang fa`` or ``ar``), so normalize does its work even on text langid
  calls ``und``; langid itself detects (``--lang auto``);
- ``tokenize/raw``, ``dates/raw``, ``entities/raw``: those stages alone on the
  raw text (language forced), as ``corpuskit tokenize`` or ``dates`` run on
  text that was never normalized (normalization removes runs of spaces and
  ZWNJs, for one);
- ``pipeline``: the whole default pipeline on the raw text, language detected
  (what ``corpuskit run`` does);
- ``pipeline+lang``: the same with the input's language forced.

For each: chars/s (characters given to the stage over its CPU time, best of
``--repeat`` runs, 5 by default, each on the text turned by one more character
so that no per-word cache answers for the run before), the ratio to normal text's chars/s for the
same stage (issue 7 wants >= 0.5), and the scaling ``time(size) /
time(small)`` (linear: size / small, 4 by default; quadratic: 16). About 2
minutes on the 2-core development machine. Results: docs/performance.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = {"fa": ["000", "003"], "ar": ["001", "002", "004"]}
STAGE_NAMES = ("langid", "normalize", "tokenize", "dates", "entities")
RAW_STAGES = ("tokenize", "dates", "entities")
COLUMNS = (*STAGE_NAMES, *(f"{name}/raw" for name in RAW_STAGES), "pipeline", "pipeline+lang")

FA_MONTHS = "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند".split()
AR_MONTHS = ("يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر محرم صفر رجب شعبان "
             "رمضان شوال شباط آذار نيسان أيار حزيران تموز آب أيلول").split()
AR_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويةى"
FA_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
PUNCTUATION = list(".،؛؟!«»:-")


def _repeat(piece: str, n: int) -> str:
    return (piece * (n // len(piece) + 1))[:n]


def _cycle(n: int, digits: str) -> str:
    return _repeat(digits, n)


def _words(words: list[str], n: int) -> str:
    rng = random.Random(11)
    out, size = [], 0
    while size < n:
        word = rng.choice(words)
        out.append(word)
        size += len(word) + 1
    return " ".join(out)[:n]


def _punct_mixed(n: int) -> str:
    rng = random.Random(12)
    return "".join(rng.choice(PUNCTUATION) for _ in range(n))


def _punct_runs(n: int) -> str:
    rng = random.Random(13)
    out, size = [], 0
    while size < n:
        run = rng.choice(PUNCTUATION) * rng.randint(2, 400)
        out.append(run)
        size += len(run)
    return "".join(out)[:n]


def _arabic_word(n: int) -> str:
    rng = random.Random(14)
    return "".join(rng.choice(AR_LETTERS) for _ in range(n))


def _persian_word(n: int) -> str:
    rng = random.Random(15)
    return "".join(rng.choice(FA_LETTERS) for _ in range(n))


#: name -> (language, generator of n characters)
INPUTS: dict[str, tuple[str, Callable[[int], str]]] = {
    "digits_ascii": ("fa", lambda n: _cycle(n, "0123456789")),
    "digits_persian": ("fa", lambda n: _cycle(n, "۰۱۲۳۴۵۶۷۸۹")),
    "digits_arabic": ("ar", lambda n: _cycle(n, "٠١٢٣٤٥٦٧٨٩")),
    "dots": ("fa", lambda n: "." * n),
    "dashes": ("fa", lambda n: "-" * n),
    "percent_signs": ("ar", lambda n: "%" * n),
    "spaces": ("fa", lambda n: " " * n),
    "zwnj": ("fa", lambda n: "\u200c" * n),
    "months_fa": ("fa", lambda n: _words(FA_MONTHS, n)),
    "months_ar": ("ar", lambda n: _words(AR_MONTHS, n)),
    "punct_mixed": ("fa", _punct_mixed),
    "punct_runs": ("fa", _punct_runs),
    "punct_one_run": ("fa", lambda n: "!" * n),
    "newlines": ("fa", lambda n: "\n" * n),
    "digit_dot": ("fa", lambda n: _repeat("1.", n)),
    "digit_percent": ("fa", lambda n: _repeat("2018%", n)),
    "at_signs": ("fa", lambda n: _repeat("a@", n)),
    "latin_plus": ("fa", lambda n: _repeat("a+", n)),
    "url_like": ("fa", lambda n: _repeat("http://", n)),
    "arabic_word": ("ar", _arabic_word),
    "persian_word": ("fa", _persian_word),
    "digit_slash": ("fa", lambda n: _repeat("1/", n)),
}


def normal_text(lang: str, n: int) -> str:
    """The seeds of ``lang``, repeated with digits varied and lines shuffled, cut
    at the last line break before ``n`` characters."""
    paths = sorted((ROOT / "data/samples").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths if p.name[:3] in SEEDS[lang]]
    rng = random.Random(7)
    out, size = [], 0
    while size < n:
        for text in texts:
            lines = re.sub(r"\d", lambda m: str(rng.randint(0, 9)), text).split("\n")
            rng.shuffle(lines)
            out.append("\n".join(lines))
            size += len(out[-1]) + 1
    joined = "\n".join(out)[:n]
    return joined[: joined.rfind("\n")]


class Runner:
    """Stage pipelines built once (so setup and model loading are never timed)."""

    def __init__(self) -> None:
        from corpuskit.pipeline import DEFAULT_STAGES, Pipeline, build_stages

        self.Pipeline, self.build = Pipeline, build_stages
        self.single: dict[tuple[str, str], object] = {}
        self.full = {lang: self._pipeline(DEFAULT_STAGES, lang) for lang in ("auto", "fa", "ar")}

    def _pipeline(self, names, lang: str):
        options = {"lang": lang}
        pipeline = self.Pipeline(self.build(names, options), options)
        pipeline.setup()
        return pipeline

    def stage(self, name: str, lang: str):
        key = (name, "auto" if name == "langid" else lang)
        if key not in self.single:
            self.single[key] = self._pipeline([name], key[1])
        return self.single[key]


def _record(text: str):
    from corpuskit.record import new_record

    return new_record("bench", text, source="bench")


def _cpu(function: Callable[[], object]) -> float:
    """CPU time of one call, after a full collection: garbage of the
    measurement before (records with thousands of spans) would otherwise make
    the collector's passes during this one slower."""
    gc.collect()
    start = time.process_time()
    function()
    return max(time.process_time() - start, 1e-6)


def _turned(text: str, turn: int) -> str:
    """``text`` turned by ``turn`` characters: each repetition reads another
    string, so that no per-word cache (a 100,000-letter word is one word)
    answers for the run before."""
    return text[turn:] + text[:turn]


def measure(runner: Runner, text: str, lang: str, repeat: int) -> dict[str, tuple[int, float]]:
    """column -> (characters given, best CPU seconds) for one text; the best of
    ``repeat`` runs, each on the text turned by one more character."""
    from corpuskit.pipeline import process

    best: dict[str, tuple[int, float]] = {}

    def keep(column: str, chars: int, seconds: float) -> None:
        if column not in best or chars / seconds > best[column][0] / best[column][1]:
            best[column] = (chars, seconds)

    for turn in range(repeat):
        turned = _turned(text, turn)
        # Each stage on the record the stages before it made (language forced
        # after langid, as --lang does).
        record = _record(turned)
        for name in STAGE_NAMES:
            pipeline, chars = runner.stage(name, lang), len(record["text"])
            keep(name, chars, _cpu(lambda: list(process([record], pipeline))))
            if name == "langid":
                record["lang"] = lang
        # The same stages on the raw text (``corpuskit tokenize`` and ``dates``
        # read text that was never normalized).
        raw = _record(turned)
        raw["lang"] = lang
        for name in RAW_STAGES:
            keep(f"{name}/raw", len(turned), _cpu(lambda: list(process([raw], runner.stage(name, lang)))))
        record = raw = None  # (let go before the pipelines run)
        for column, key in (("pipeline", "auto"), ("pipeline+lang", lang)):
            pipeline = runner.full[key]
            keep(column, len(turned), _cpu(lambda: list(process([_record(turned)], pipeline))))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="write the results to this JSON file")
    parser.add_argument("--size", type=int, default=100_000, help="characters of each text (default 100000)")
    parser.add_argument("--small", type=int, default=25_000, help="characters of the scaling check's short text")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement, the best is kept (default 5)")
    parser.add_argument("--only", help="comma-separated input names (default: all)")
    args = parser.parse_args()

    names = args.only.split(",") if args.only else list(INPUTS)
    unknown = [n for n in names if n not in INPUTS]
    if unknown:
        sys.exit(f"unknown input(s) {', '.join(unknown)}; known: {', '.join(INPUTS)}")

    started = time.perf_counter()
    runner = Runner()
    # Normal text: fa and ar pooled (total characters over total time).
    normal_parts = [measure(runner, normal_text(lang, args.size), lang, args.repeat) for lang in ("fa", "ar")]
    normal = {c: sum(p[c][0] for p in normal_parts) / sum(p[c][1] for p in normal_parts) for c in COLUMNS}
    small_parts = [measure(runner, normal_text(lang, args.small), lang, args.repeat) for lang in ("fa", "ar")]
    normal_scaling = {c: sum(p[c][1] for p in normal_parts) / sum(p[c][1] for p in small_parts) for c in COLUMNS}

    results: dict[str, dict] = {
        "normal": {c: {"chars_per_s": normal[c], "scaling": normal_scaling[c]} for c in COLUMNS}
    }
    for name in names:
        lang, generate = INPUTS[name]
        big = measure(runner, generate(args.size), lang, args.repeat)
        small = measure(runner, generate(args.small), lang, args.repeat)
        results[name] = {"lang": lang}
        for column in COLUMNS:
            chars, seconds = big[column]
            speed = chars / seconds if chars else None
            results[name][column] = {
                "chars": chars,
                "chars_per_s": speed,
                "ratio": speed / normal[column] if speed else None,
                "scaling": seconds / small[column][1],
            }
        print(f"  {name}: done", file=sys.stderr, flush=True)

    width = max(*map(len, results), len("normal M/s")) + 1
    print(f"\nratio to normal text's chars/s (>= 0.50 wanted); in brackets time({args.size:,}) / time({args.small:,}) "
          f"(linear {args.size / args.small:.0f}, quadratic {(args.size / args.small) ** 2:.0f})\n")
    print("input".ljust(width) + "lang " + "".join(c.rjust(14) for c in COLUMNS))
    print("normal M/s".ljust(width) + "fa+ar" + "".join(
        f"{normal[c] / 1e6:.2f} [{normal_scaling[c]:4.1f}]".rjust(14) for c in COLUMNS))
    for name in names:
        row = results[name]
        cells = []
        for column in COLUMNS:
            cell = row[column]
            ratio = "  n/a" if cell["ratio"] is None else f"{cell['ratio']:5.2f}"
            flag = "*" if cell["ratio"] is not None and cell["ratio"] < 0.5 else " "
            cells.append(f"{ratio}{flag}[{cell['scaling']:4.1f}]".rjust(14))
        print(name.ljust(width) + row["lang"].ljust(5) + "".join(cells))
    low = [(n, c) for n in names for c in COLUMNS if (results[n][c]["ratio"] or 1) < 0.5]
    print(f"\n{len(low)} cell(s) below 0.5 (marked *); n/a: the stage got no text (normalize removed it all)")
    print(f"total {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps({"size": args.size, "small": args.small, "repeat": args.repeat,
                                         "results": results}, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
