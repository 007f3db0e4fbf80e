#!/usr/bin/env python3
"""Tokens F1 and Sentences F1 (CoNLL 2018 scoring) of tokenizers on the UD Persian dev sets.

    .venv/bin/python benchmarks/tokenize_eval.py [--json FILE] [--ud DIR]
        [--systems hazm,camel,corpuskit] [--feeds document,lines] [--errors N]

Scoring is ``corpuskit.evaluate.tokens`` (the conll18_ud_eval.py algorithm:
gold and system aligned on the characters of the text with whitespace
removed; a token or sentence is correct when its start and end both match;
multiword tokens such as ``ماتمش`` = ``ماتم`` + ``ش`` count as one token).
The gold is every ``tests/data/ud/*.conllu`` (Seraji dev: 599 sentences,
PerDT dev: 1456).

Feeds (what the tokenizer is given):

- ``document`` (the headline): all ``# text`` lines of a file joined by one
  space, tokenized in one call: the tokenizer must find the sentence
  boundaries itself;
- ``newline``: the same joined by line breaks (one sentence per line);
- ``lines``: one call per ``# text`` line; sentence boundaries are given away,
  so Sentences F1 there only measures sentences split in two.

Systems:

- ``hazm`` 0.12: ``hazm.SentenceTokenizer`` (``sent_tokenize``: a sentence
  ends after ``[!.?⸮؟]+`` followed by a space or line break), then
  ``WordTokenizer(join_verb_parts=False).tokenize`` on each sentence;
- ``camel``: camel-tools ``simple_word_tokenize`` (whitespace split, every
  Unicode punctuation or symbol character its own token) on the whole text,
  and a naive sentence splitter: a sentence ends after a run of ``.`` ``!``
  ``?`` ``؟`` ``…`` tokens, plus the closing ``»`` ``)`` ``]`` ``”`` ``’``
  tokens right after it, when whitespace or the end of the text follows;
- ``corpuskit``: ``corpuskit.tokenize.tokenize(text, "fa")`` when that module
  exists; it may return sentences of ``(start, end)`` spans, or anything
  ``corpuskit.evaluate.tokens.as_sentences`` accepts (span dicts, objects
  with ``start``/``end``, a record-like ``{"sentences", "tokens"}`` dict).

hazm and camel return strings; their spans come from
``tokens.align_tokens`` (both only cut the text, they never rewrite it).

Speed: characters per second of the library call alone (strings out, no
alignment) on the ``document`` text of each file, best of ``--repeat`` runs
after one warm-up call; for corpuskit, the whole ``tokenize`` call.

Errors (``--errors N``, default 12): on the ``document`` feed, every token
boundary one side has and the other lacks, labelled by the characters on
either side (``letter|.``: gold splits a period off a word and the system
does not; ``split letter|ZWNJ``...), and every sentence boundary missed or
added, labelled by the characters around it; top N labels with counts and
examples. Boundaries inside a gold multiword token are marked ``(MWT)``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # run from a checkout without installing

from corpuskit.evaluate import conllu  # noqa: E402
from corpuskit.evaluate import tokens as scoring  # noqa: E402

UD_DIR = ROOT / "tests" / "data" / "ud"
TARGETS = {"tokens": 99.9, "sentences": 99.0}
FEEDS = {"document": " ", "newline": "\n", "lines": None}
ZWNJ = "\u200c"

SENTENCE_END = {".", "!", "?", "؟", "…"}
CLOSING = {"»", ")", "]", "”", "’"}


# --------------------------------------------------------------------------- systems


class System:
    """A tokenizer: ``spans(text)`` for scoring, ``raw(text)`` for timing."""

    def __init__(self, name: str, description: str, spans: Callable, raw: Callable):
        self.name = name
        self.description = description
        self.spans = spans
        self.raw = raw


def hazm_system() -> System:
    from importlib.metadata import version

    import hazm

    words = hazm.WordTokenizer(join_verb_parts=False)
    sentences = hazm.SentenceTokenizer()

    def raw(text: str) -> list[list[str]]:
        return [words.tokenize(sentence) for sentence in sentences.tokenize(text)]

    def spans(text: str) -> list[list[tuple[int, int]]]:
        return scoring.align_tokens(text, raw(text))

    return System(
        "hazm",
        f"hazm {version('hazm')}: SentenceTokenizer + WordTokenizer(join_verb_parts=False)",
        spans,
        raw,
    )


def naive_sentences(text: str, token_spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Split after a run of sentence-final punctuation tokens (and closing quotes) + whitespace."""
    out: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    n = len(token_spans)
    i = 0
    while i < n:
        current.append(token_spans[i])
        if text[token_spans[i][0] : token_spans[i][1]] in SENTENCE_END:
            j = i + 1
            while j < n and token_spans[j][0] == token_spans[j - 1][1] and text[token_spans[j][0] : token_spans[j][1]] in SENTENCE_END | CLOSING:
                current.append(token_spans[j])
                j += 1
            end = current[-1][1]
            if end == len(text) or text[end].isspace():
                out.append(current)
                current = []
            i = j
            continue
        i += 1
    if current:
        out.append(current)
    return out


def camel_system() -> System:
    from importlib.metadata import version

    from camel_tools.tokenizers.word import simple_word_tokenize

    def raw(text: str) -> list[str]:
        return simple_word_tokenize(text)

    def spans(text: str) -> list[list[tuple[int, int]]]:
        flat = scoring.align_tokens(text, [simple_word_tokenize(text)])[0]
        return naive_sentences(text, flat)

    return System(
        "camel",
        f"camel-tools {version('camel-tools')}: simple_word_tokenize + naive splitter (. ! ? ؟ … [closing »)]] + space)",
        spans,
        raw,
    )


def corpuskit_system() -> System | None:
    try:
        from corpuskit import tokenize as module
    except ImportError:
        return None
    function = getattr(module, "tokenize", None)
    if not callable(function):
        return None

    def spans(text: str):
        return scoring.as_sentences(function(text, "fa"))

    return System("corpuskit", "corpuskit.tokenize.tokenize(text, 'fa')", spans, lambda text: function(text, "fa"))


BUILDERS = {"hazm": hazm_system, "camel": camel_system, "corpuskit": corpuskit_system}


# --------------------------------------------------------------------------- errors


def char_class(char: str) -> str:
    if char == ZWNJ:
        return "ZWNJ"
    if char.isdigit():
        return "digit"
    if char.isalpha() or unicodedata.category(char).startswith("M"):
        return "letter"
    return char


def boundaries(spans: list[tuple[int, int]]) -> set[int]:
    """Offsets where a token ends and the next token starts right there (inner cuts)."""
    starts = {s for s, _ in spans}
    return {e for _, e in spans if e in starts}


def token_boundary_errors(
    gold: scoring.Segmentation, system: scoring.Segmentation, mwt_spans: set[tuple[int, int]]
) -> dict[str, list]:
    """``{label: [example, ...]}`` for every token boundary only one side has."""
    chars = gold.characters
    # Over the whitespace-free characters every token boundary is a cut where
    # one token ends and the next begins (whitespace cuts agree on both sides).
    gold_cuts = boundaries(gold.tokens)
    system_cuts = boundaries(system.tokens)
    gold_token_at: dict[int, tuple[int, int]] = {}
    for span in gold.tokens:
        for i in range(span[0], span[1]):
            gold_token_at[i] = span
    system_token_at: dict[int, tuple[int, int]] = {}
    for span in system.tokens:
        for i in range(span[0], span[1]):
            system_token_at[i] = span
    errors: dict[str, list] = defaultdict(list)
    for cut, kind in [(c, "kept together") for c in gold_cuts - system_cuts] + [
        (c, "split") for c in system_cuts - gold_cuts
    ]:
        label = f"{kind} {char_class(chars[cut - 1])}|{char_class(chars[cut])}"
        if kind == "split" and gold_token_at.get(cut) in mwt_spans:
            label += " (MWT)"
        if system.offsets and system.offsets[cut] - system.offsets[cut - 1] > 1:
            label += " (across space)"
        gold_span = gold_token_at.get(cut if kind == "split" else cut - 1)
        system_span = system_token_at.get(cut if kind == "kept together" else cut - 1)
        if kind == "kept together":
            example = chars[system_span[0] : system_span[1]] if system_span else chars[cut - 5 : cut + 5]
        else:
            example = chars[gold_span[0] : gold_span[1]] if gold_span else chars[cut - 5 : cut + 5]
        errors[label].append(example)
    return errors


def sentence_boundary_errors(gold: scoring.Segmentation, system: scoring.Segmentation) -> dict[str, list]:
    missed, spurious = scoring.sentence_boundary_diffs(gold, system)
    text, offsets = system.text, system.offsets
    errors: dict[str, list] = defaultdict(list)
    for kind, ends in (("missed", missed), ("added", spurious)):
        for end in ends:
            before = gold.characters[end - 1]
            after = gold.characters[end] if end < len(gold.characters) else ""
            label = f"{kind} after {char_class(before)} (next {char_class(after) if after else 'end'})"
            at = offsets[end - 1] + 1
            errors[label].append(text[max(0, at - 30) : at] + " ‖ " + text[at : at + 20].replace("\n", " "))
    return errors


def mwt_spans_of(sentences: list[conllu.Sentence], gold: scoring.Segmentation) -> set[tuple[int, int]]:
    flags = [token.is_multiword for sentence in sentences for token in sentence.tokens]
    return {span for span, flag in zip(gold.tokens, flags) if flag}


# --------------------------------------------------------------------------- run


def speed(system: System, text: str, repeat: int) -> float:
    system.raw(text[:2000])
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        system.raw(text)
        best = min(best, time.perf_counter() - started)
    return len(text) / best if best > 0 else float("inf")


def pct(x: float) -> str:
    return f"{100 * x:6.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="write the numbers (and error counts) to this JSON file")
    parser.add_argument("--ud", type=Path, default=UD_DIR, help="folder of *.conllu files")
    parser.add_argument("--systems", default="hazm,camel,corpuskit", help="comma-separated: hazm,camel,corpuskit")
    parser.add_argument("--feeds", default="document,lines", help="comma-separated: document,newline,lines")
    parser.add_argument("--errors", type=int, default=12, help="top N error labels per system and file (0: none)")
    parser.add_argument("--examples", type=int, default=4, help="examples per error label")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs (best is kept)")
    args = parser.parse_args(argv)

    feeds = [f for f in args.feeds.split(",") if f]
    for feed in feeds:
        if feed not in FEEDS:
            parser.error(f"unknown feed {feed!r} (choose from {', '.join(FEEDS)})")
    systems: list[System] = []
    for name in [s for s in args.systems.split(",") if s]:
        if name not in BUILDERS:
            parser.error(f"unknown system {name!r} (choose from {', '.join(BUILDERS)})")
        system = BUILDERS[name]()
        if system is None:
            print(f"[{name}: skipped, corpuskit.tokenize.tokenize(text, lang) does not exist yet]", file=sys.stderr)
            continue
        systems.append(system)
    files = sorted(args.ud.glob("*.conllu"))
    if not files:
        parser.error(f"no *.conllu files in {args.ud}")

    report: dict = {"targets": TARGETS, "systems": {s.name: s.description for s in systems}, "results": [], "errors": {}}
    rows = []
    for path in files:
        treebank = path.name.split("-")[0]
        sentences = conllu.read(path)
        gold = scoring.from_conllu(sentences)
        mwt = mwt_spans_of(sentences, gold)
        document = scoring.document_text(sentences, " ")
        for system in systems:
            rate = speed(system, document, args.repeat)
            for feed in feeds:
                if feed == "lines":
                    ev = scoring.evaluate(system.spans, sentences, mode="lines")
                else:
                    ev = scoring.evaluate(system.spans, sentences, mode="document", separator=FEEDS[feed])
                result = {"treebank": treebank, "system": system.name, "feed": feed, **ev.as_dict()}
                result["library_chars_per_second"] = rate
                report["results"].append(result)
                rows.append((treebank, system.name, feed, ev, rate))
                if feed == "document" and args.errors:
                    tok_errors = token_boundary_errors(ev.gold, ev.system, mwt)
                    sent_errors = sentence_boundary_errors(ev.gold, ev.system)
                    report["errors"].setdefault(system.name, {})[treebank] = {
                        "token_boundaries": {k: {"count": len(v), "examples": v[:10]} for k, v in tok_errors.items()},
                        "sentence_boundaries": {k: {"count": len(v), "examples": v[:10]} for k, v in sent_errors.items()},
                        "diffs": len(scoring.token_diffs(ev.gold, ev.system)),
                    }

    header = f"{'treebank':10} {'system':10} {'feed':9} | {'Tok P':>6} {'Tok R':>6} {'Tok F1':>6} | {'Sent P':>6} {'Sent R':>6} {'Sent F1':>7} | {'chars/s':>10}"
    print(header)
    print("-" * len(header))
    for treebank, name, feed, ev, rate in rows:
        row = (
            f"{treebank:10} {name:10} {feed:9} | {pct(ev.tokens.precision)} {pct(ev.tokens.recall)} {pct(ev.tokens.f1)} | "
            f"{pct(ev.sentences.precision)} {pct(ev.sentences.recall)} {pct(ev.sentences.f1):>7} |"
        )
        print(row + (f" {rate:10,.0f}" if feed == "document" else ""))
    print(f"\ntargets (document feed): Tokens F1 >= {TARGETS['tokens']}, Sentences F1 >= {TARGETS['sentences']}")
    print("chars/s: the library call alone on the document text (hazm, camel); the whole tokenize call (corpuskit)")
    for system in systems:
        print(f"  {system.name}: {system.description}")

    if args.errors:
        for name, per_treebank in report["errors"].items():
            for treebank, found in per_treebank.items():
                print(f"\n== {name} on {treebank} (document feed): token boundaries, gold vs system")
                items = sorted(found["token_boundaries"].items(), key=lambda kv: -kv[1]["count"])
                for label, info in items[: args.errors]:
                    examples = "  ".join(info["examples"][: args.examples])
                    print(f"  {info['count']:5}  {label:28} {examples}")
                print("-- sentence boundaries")
                items = sorted(found["sentence_boundaries"].items(), key=lambda kv: -kv[1]["count"])
                for label, info in items[: args.errors]:
                    print(f"  {info['count']:5}  {label}")
                    for example in info["examples"][: min(2, args.examples)]:
                        print(f"           {example}")

    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
