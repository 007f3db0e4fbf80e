#!/usr/bin/env python3
"""Measure Persian ZWNJ repair on the Universal Dependencies Persian dev sets.

    .venv/bin/python benchmarks/zwnj_eval.py [--json FILE] [--ud DIR] [--no-hazm] [--documents]

The benchmark. Every ``# text =`` line of ``tests/data/ud/*.conllu`` (PerDT and
Seraji dev, 2055 sentences) is the gold text, and three inputs are made of it:

- ``clean``: the sentence as it is (a repair must not damage correct text);
- ``glued``: every ZWNJ removed (``کتابها``, ``میشود``);
- ``spaced``: every ZWNJ replaced by a space (``کتاب ها``, ``می شود``).

Each system repairs each input, and the ZWNJs of its output are scored against
the gold's. Each sentence is one text (one call), or with ``--documents`` the
sentences of a treebank, one per line, are one text: what corpuskit's
writer's convention looks at (below) is then the whole treebank.

Scoring. The systems change more than ZWNJs (hazm rewrites digits, punctuation,
spacing and some letters), so gold and output are both reduced to their
sequence of Arabic-script letters (after ي→ی, ك→ک, ى→ی and with diacritics
dropped), and every boundary between two consecutive letters is labelled
"ZWNJ" when the characters between them are nothing but ZWNJs (a space, a
punctuation mark or anything else there means "no ZWNJ"). A boundary is a true
positive when gold and output both have a ZWNJ there, a false positive when
only the output has one, a false negative when only the gold has one.
Precision, recall and F1 are micro-averaged over boundaries, per input variant,
per treebank and over both. When the letter sequences of gold and output differ
(the system changed a letter), they are aligned with ``difflib`` and only the
boundaries inside matched blocks are scored; the number of sentences that
needed this is reported.

ZWNJs after non-joining letters. A ZWNJ after ا د ذ ر ز ژ و (and the other
letters that never join the next one) is invisible, and neither hazm nor
corpuskit writes one; the gold has a few (``دکتر‌ها`` style, 38 in Seraji). Both
counts are reported: ``all`` scores every boundary; ``visible`` scores only
boundaries after a joining letter (so it ignores gold ZWNJs after non-joining
letters and a system's invisible ZWNJs there alike). ``visible`` is the
headline figure; ``all`` is never more than about one point lower.

Systems:

- ``hazm``: ``hazm.Normalizer()`` with its default flags (the whole normalizer:
  it is the usual tool people reach for);
- ``corpuskit zwnj``: ``corpuskit_zwnj_only`` below: only the ZWNJ repair of
  ``corpuskit.normalize.zwnj`` (``join_spaced`` on each run of space-separated
  Arabic-script words, then ``split_glued`` on each word), nothing else
  changed, with the writer's convention: a text whose writer uses ZWNJs (at
  least 3, and at least 10 times as many as the mandatory repairs add) gets
  only the mandatory repairs (suffixes, clitics, می/نمی + verb), not the
  optional ones (the parts of a compound joined or split);
- ``corpuskit zwnj all``: the same with every repair, whoever the writer;
- ``corpuskit normalize``: ``corpuskit.normalize.normalize_text(text, "fa")``,
  reported when it imports.

Speed is the characters per second of ``corpuskit_zwnj_only`` and of
``Normalizer().normalize`` on the same sentences (all three variants, one call
per sentence; lexicons loaded beforehand; corpuskit cold = its per-word caches
emptied first, warm = second pass).
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # run from a checkout without installing

from corpuskit.normalize import zwnj  # noqa: E402

UD_DIR = ROOT / "tests" / "data" / "ud"
ZWNJ = "\u200c"
VARIANTS = ("clean", "glued", "spaced")
#: Targets of corpuskit's ZWNJ repair on these dev sets (F1, visible ZWNJs).
TARGETS = {"clean": 99.0, "glued": 80.0, "spaced": 90.0}

_LETTER = "\u0620-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06ee-\u06ef\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08c9"
_LETTER_RE = re.compile(f"[{_LETTER}]")
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
#: Letters that never join the next one (a ZWNJ after them is invisible).
NON_JOINING = frozenset(
    re.findall(
        "[\u0621-\u0625\u0627\u0629\u062f-\u0632\u0648\u0671-\u0677\u0688-\u0699\u06c0"
        "\u06c3-\u06cb\u06cd\u06cf\u06d2\u06d3\u06d5\u06ee\u06ef]",
        "".join(map(chr, range(0x0600, 0x0700))),
    )
)
_UNIFY = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
#: Arabic-script words separated by single spaces: what join_spaced sees (as
#: corpuskit.normalize.persian.WORD_RUN).
_WORD = f"{ZWNJ}*+[{_LETTER}][{_LETTER}{ZWNJ}]*+"
_WORD_RUN = re.compile(f"{_WORD}(?: {_WORD})*+")


# -- the systems ---------------------------------------------------------------------


def corpuskit_zwnj_only(text: str, optional: bool | None = None) -> str:
    """Only corpuskit's ZWNJ repair: ``join_spaced`` on every run of Arabic-script
    words separated by single spaces, then ``split_glued`` on every word (both
    done by ``repair_runs``, all the runs of the text at once; ``optional``: as
    there, None for the writer's convention)."""
    runs = _WORD_RUN.findall(text)
    repaired = zwnj.repair_runs(runs, optional)
    if repaired is runs:
        return text
    replacements = iter(repaired)
    return _WORD_RUN.sub(lambda match: next(replacements), text)


def systems(use_hazm: bool = True) -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {}
    if use_hazm:
        from hazm import Normalizer

        found["hazm"] = Normalizer().normalize
    found["corpuskit zwnj"] = corpuskit_zwnj_only
    found["corpuskit zwnj all"] = lambda text: corpuskit_zwnj_only(text, optional=True)
    try:
        from corpuskit.normalize import normalize_text
    except ImportError:
        pass
    else:
        found["corpuskit normalize"] = lambda text: normalize_text(text, "fa")
    return found


# -- data ----------------------------------------------------------------------------


def load_sentences(ud_dir: Path = UD_DIR) -> dict[str, list[str]]:
    """Treebank name (``perdt``, ``seraji``) -> its ``# text`` lines."""
    treebanks = {}
    for path in sorted(ud_dir.glob("*.conllu")):
        name = path.name.split("-")[0].removeprefix("fa_")
        treebanks[name] = [
            line[len("# text = ") :].strip()
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("# text = ")
        ]
    return treebanks


def variant(text: str, name: str) -> str:
    if name == "glued":
        return text.replace(ZWNJ, "")
    if name == "spaced":
        return text.replace(ZWNJ, " ")
    return text


# -- scoring -------------------------------------------------------------------------


def letters_and_zwnjs(text: str) -> tuple[str, set[int]]:
    """The Arabic-script letters of ``text`` (unified, without diacritics) and the
    boundaries that hold a ZWNJ: ``i`` is the boundary between letters ``i`` and
    ``i + 1``, marked when only ZWNJs stand between them."""
    text = _DIACRITICS.sub("", text.translate(_UNIFY))
    letters: list[str] = []
    marked: set[int] = set()
    between = ""  # what stands since the last letter
    for char in text:
        if _LETTER_RE.match(char):
            if letters and between and between.strip(ZWNJ) == "":
                marked.add(len(letters) - 1)
            letters.append(char)
            between = ""
        else:
            between += char
    return "".join(letters), marked


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    visible_tp: int = 0
    visible_fp: int = 0
    visible_fn: int = 0
    sentences: int = 0
    aligned: int = 0
    errors: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        for name in ("tp", "fp", "fn", "visible_tp", "visible_fp", "visible_fn", "sentences", "aligned"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = 100 * tp / (tp + fp) if tp + fp else 100.0
        r = 100 * tp / (tp + fn) if tp + fn else 100.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def scores(self) -> dict[str, float | int]:
        p, r, f = self.prf(self.tp, self.fp, self.fn)
        vp, vr, vf = self.prf(self.visible_tp, self.visible_fp, self.visible_fn)
        return {
            "precision": round(p, 2), "recall": round(r, 2), "f1": round(f, 2),
            "visible_precision": round(vp, 2), "visible_recall": round(vr, 2), "visible_f1": round(vf, 2),
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "visible_tp": self.visible_tp, "visible_fp": self.visible_fp, "visible_fn": self.visible_fn,
            "sentences": self.sentences, "aligned_sentences": self.aligned,
        }  # fmt: skip


def score_sentence(gold: str, output: str, counts: Counts, keep_errors: bool = False) -> None:
    gold_letters, gold_marks = letters_and_zwnjs(gold)
    out_letters, out_marks = letters_and_zwnjs(output)
    counts.sentences += 1
    if gold_letters == out_letters:
        boundaries: Iterable[tuple[int, int]] = ((i, i) for i in range(len(gold_letters) - 1))
    else:
        counts.aligned += 1
        matcher = difflib.SequenceMatcher(None, gold_letters, out_letters, autojunk=False)
        boundaries = [
            (block.a + k, block.b + k) for block in matcher.get_matching_blocks() for k in range(block.size - 1)
        ]
    for i, j in boundaries:
        in_gold, in_out = i in gold_marks, j in out_marks
        if not (in_gold or in_out):
            continue
        visible = gold_letters[i] not in NON_JOINING
        kind = "tp" if in_gold and in_out else "fp" if in_out else "fn"
        setattr(counts, kind, getattr(counts, kind) + 1)
        if visible:
            setattr(counts, "visible_" + kind, getattr(counts, "visible_" + kind) + 1)
        if keep_errors and kind != "tp":
            counts.errors.append((kind, _context(gold, i), output))


def _context(gold: str, boundary: int) -> str:
    """The gold word around letter boundary ``boundary`` (for error listings)."""
    seen = -1
    for k, char in enumerate(gold):
        if _LETTER_RE.match(char.translate(_UNIFY)) and not _DIACRITICS.match(char):
            seen += 1
            if seen == boundary:
                start = gold.rfind(" ", 0, k) + 1
                end = gold.find(" ", k + 2)
                return gold[start : end if end >= 0 else len(gold)]
    return ""


def evaluate(
    system: Callable[[str], str],
    treebanks: dict[str, list[str]],
    variants: Iterable[str] = VARIANTS,
    keep_errors: bool = False,
    documents: bool = False,
) -> dict[str, dict[str, Counts]]:
    """variant -> treebank (and ``all``) -> Counts. ``documents``: the system
    repairs the sentences of a treebank as one text, one sentence a line."""
    results: dict[str, dict[str, Counts]] = {}
    for name in variants:
        per_bank: dict[str, Counts] = {}
        total = Counts()
        for bank, sentences in treebanks.items():
            counts = Counts()
            inputs = [variant(gold, name) for gold in sentences]
            if documents:
                outputs = system("\n".join(inputs)).split("\n")
                if len(outputs) != len(sentences):
                    raise ValueError(f"{bank} {name}: the system changed the number of lines")
            else:
                outputs = [system(text) for text in inputs]
            for gold, output in zip(sentences, outputs):
                score_sentence(gold, output, counts, keep_errors)
            per_bank[bank] = counts
            total.add(counts)
            total.errors.extend(counts.errors)
        per_bank["all"] = total
        results[name] = per_bank
    return results


def zwnj_only_f1(
    treebanks: dict[str, list[str]] | None = None, documents: bool = False, optional: bool | None = None
) -> dict[str, dict[str, float]]:
    """F1 (``all`` and ``visible``) of ``corpuskit_zwnj_only`` per variant, over
    both treebanks (what the tests assert)."""
    results = evaluate(
        lambda text: corpuskit_zwnj_only(text, optional), treebanks or load_sentences(), documents=documents
    )
    return {
        name: {"f1": per_bank["all"].scores()["f1"], "visible_f1": per_bank["all"].scores()["visible_f1"]}
        for name, per_bank in results.items()
    }


# -- speed ---------------------------------------------------------------------------


def chars_per_second(system: Callable[[str], str], texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        system(text)
    return sum(map(len, texts)) / (time.perf_counter() - start)


def speed(found: dict[str, Callable[[str], str]], treebanks: dict[str, list[str]]) -> dict[str, float]:
    texts = [variant(s, name) for name in VARIANTS for sentences in treebanks.values() for s in sentences]
    zwnj.load()
    zwnj.clear_caches()  # empty the per-word caches, keep the lexicons
    result = {"corpuskit zwnj (cold)": chars_per_second(corpuskit_zwnj_only, texts)}
    result["corpuskit zwnj (warm)"] = chars_per_second(corpuskit_zwnj_only, texts)
    for name, system in found.items():
        if name not in ("corpuskit zwnj", "corpuskit zwnj all"):
            system("آزمون")
            result[name] = chars_per_second(system, texts)
    return result


# -- report --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="write the numbers to this JSON file")
    parser.add_argument("--ud", type=Path, default=UD_DIR, help="folder of *.conllu files")
    parser.add_argument("--no-hazm", action="store_true", help="skip the hazm baseline")
    parser.add_argument("--errors", type=int, default=0, help="print N errors of corpuskit per variant")
    parser.add_argument("--documents", action="store_true", help="each treebank is one text, not each sentence")
    args = parser.parse_args(argv)

    treebanks = load_sentences(args.ud)
    print("sentences: " + ", ".join(f"{bank} {len(s)}" for bank, s in treebanks.items()))
    found = systems(use_hazm=not args.no_hazm)
    report: dict = {
        "sentences": {bank: len(s) for bank, s in treebanks.items()},
        "texts": "documents" if args.documents else "sentences",
        "systems": {},
    }

    header = f"{'system':20} {'variant':7} {'treebank':8} {'P':>6} {'R':>6} {'F1':>6} | {'vis P':>6} {'vis R':>6} {'vis F1':>6} | aligned"
    print(header)
    print("-" * len(header))
    for system_name, system in found.items():
        keep = args.errors > 0 and system_name == "corpuskit zwnj"
        results = evaluate(system, treebanks, keep_errors=keep, documents=args.documents)
        report["systems"][system_name] = {
            name: {bank: counts.scores() for bank, counts in per_bank.items()} for name, per_bank in results.items()
        }
        for name, per_bank in results.items():
            for bank, counts in per_bank.items():
                s = counts.scores()
                print(
                    f"{system_name:20} {name:7} {bank:8} {s['precision']:6.1f} {s['recall']:6.1f} {s['f1']:6.1f} | "
                    f"{s['visible_precision']:6.1f} {s['visible_recall']:6.1f} {s['visible_f1']:6.1f} | "
                    f"{s['aligned_sentences']}/{s['sentences']}"
                )
            if keep:
                for kind, word, _ in per_bank["all"].errors[: args.errors]:
                    print(f"    {name} {kind}: {word}")
        print()

    report["chars_per_second"] = speeds = speed(found, treebanks)
    for name, value in speeds.items():
        print(f"speed {name:28} {value:12,.0f} chars/s")

    f1 = report["systems"]["corpuskit zwnj"]
    met = all(f1[name]["all"]["visible_f1"] >= target for name, target in TARGETS.items())
    report["targets"] = TARGETS
    report["targets_met"] = met
    print("targets (corpuskit zwnj, visible F1): " + ", ".join(f"{n} >= {t}" for n, t in TARGETS.items()))
    print("met" if met else "NOT met")
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
