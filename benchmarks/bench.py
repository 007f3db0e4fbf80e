#!/usr/bin/env python3
"""``make bench``: every stage and the whole pipeline against the libraries they
build on or replace, in one run (issue 9). See docs/performance.md.

    python benchmarks/bench.py [--mb 20] [--repeat 3] [--slice-mb 1]
        [--json benchmarks/results.json] [--markdown]

1. Builds a corpus of at least ``--mb`` MB from data/samples, every copy varied
   (lines shuffled, digits changed: benchmarks/corpus.py).
2. In this process, single-threaded, median of ``--repeat`` passes: each
   corpuskit stage on the records the stages before it made, beside its
   reference on the same texts (references.py). dateparser, and the glue
   pipeline built on it, run on a slice of ``--slice-mb`` MB per language
   (they would take minutes on the whole corpus); their chars/s are measured
   on that slice and the table says so.
3. As a user runs it, in a subprocess (wall time, start-up and JSON included):
   ``corpuskit run`` with 1 and 2 workers (interleaved), its peak RSS,
   ``corpuskit --help`` and ``corpuskit run`` on a 5 KB file.

It prints the table, writes the figures to ``--json`` and, with
``--markdown``, prints the table as Markdown for docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import references  # noqa: E402
from corpus import ROOT, SAMPLE_DATE, SAMPLE_LANG, SAMPLES, varied_documents  # noqa: E402
from report import Row, machine, markdown, print_table  # noqa: E402
from scaling import corpuskit  # noqa: E402

Document = tuple[str, str, str]  # (lang, document date, text)


# --------------------------------------------------------------------------- timing


def median_seconds(work: Callable[[], object], repeat: int, prepare: Callable[[], object] | None = None) -> float:
    """Median wall time of ``work()`` over ``repeat`` passes; ``prepare()`` runs
    before each pass, outside the clock. The collector runs between passes, not
    inside them by chance of timing."""
    import gc

    times = []
    for _ in range(repeat):
        if prepare is not None:
            prepare()
        gc.collect()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def chars(texts: list[str]) -> int:
    return sum(map(len, texts))


# --------------------------------------------------------------------------- corpus


def build_corpus(megabytes: float) -> list[Document]:
    return [(SAMPLE_LANG[number], SAMPLE_DATE[number], text) for number, text in varied_documents(int(megabytes * 1e6))]


def slice_of(documents: list[Document], lang: str, megabytes: float) -> list[Document]:
    """The first documents of ``lang`` up to ``megabytes`` of UTF-8."""
    out, size = [], 0
    for document in documents:
        if document[0] == lang and size < megabytes * 1e6:
            out.append(document)
            size += len(document[2].encode("utf-8"))
    return out


def records(documents: list[Document]) -> list[dict[str, Any]]:
    from corpuskit.record import new_record

    return [
        new_record(f"doc-{number}", text, source="bench", lang=lang, meta={"date": date})
        for number, (lang, date, text) in enumerate(documents)
    ]


# --------------------------------------------------------------------------- in-process figures


class Stages:
    """Times each stage of the default pipeline on the records the stages before
    it made (langid and normalize on fresh records, since normalize replaces the
    text it reads; tokenize, dates and entities rerun on the same records, as
    they replace their own fields)."""

    def __init__(self, repeat: int):
        from corpuskit.pipeline import build_stages

        self.repeat = repeat
        self.stage = {stage.name: stage for stage in build_stages(["langid", "normalize", "tokenize", "dates", "entities"])}
        for stage in self.stage.values():
            stage.ensure_ready()

    def seconds(self, name: str, batch: list[dict[str, Any]], fresh: bool = False) -> float:
        process = self.stage[name].process
        holder: dict[str, list[dict[str, Any]]] = {"batch": batch}

        def prepare() -> None:
            if fresh:
                holder["batch"] = [dict(record, meta=dict(record["meta"])) for record in batch]

        return median_seconds(lambda: [process(record) for record in holder["batch"]], self.repeat, prepare)

    def advance(self, name: str, batch: list[dict[str, Any]]) -> None:
        for record in batch:
            self.stage[name].process(record)


def in_process_rows(documents: list[Document], repeat: int, slice_mb: float) -> list[Row]:
    rows: list[Row] = []
    stages = Stages(repeat)
    by_lang = {lang: [d for d in documents if d[0] == lang] for lang in ("fa", "ar")}
    batches = {lang: records(docs) for lang, docs in by_lang.items()}
    raw = {lang: [text for _, _, text in docs] for lang, docs in by_lang.items()}

    everything = records(documents)
    for record in everything:
        record["lang"] = None  # langid detects: its figure is on the whole mixed corpus
    rows.append(Row("langid", "fa+ar", chars(raw["fa"]) + chars(raw["ar"]), stages.seconds("langid", everything, fresh=True)))

    from corpuskit.tokenize import tokenize as tokenize_spans

    references_for = {
        "fa": ("hazm Normalizer().normalize", references.hazm_normalizer(), "hazm sent_tokenize + word_tokenize",
               references.hazm_tokenizer()),
        "ar": ("camel normalize_unicode + dediac_ar", references.camel_normalizer(), "camel simple_word_tokenize",
               references.camel_tokenizer()),
    }
    normalized: dict[str, list[str]] = {}
    for lang in ("fa", "ar"):
        name, normalize, tokenizer_name, tokenizer = references_for[lang]
        batch = batches[lang]
        size = chars(raw[lang])
        rows.append(Row("normalize", lang, size, stages.seconds("normalize", batch, fresh=True),
                        name, median_seconds(lambda: [normalize(t) for t in raw[lang]], repeat), target=1.0))
        stages.advance("normalize", batch)
        normalized[lang] = [record["text"] for record in batch]
        size = chars(normalized[lang])
        theirs = median_seconds(lambda: [tokenizer(t) for t in normalized[lang]], repeat)
        rows.append(Row("tokenize", lang, size, stages.seconds("tokenize", batch), tokenizer_name, theirs, target=1.0))
        # The stage's tokenizer alone, spans without the record's span dicts:
        # what the stage costs beyond the reference's lists of strings.
        rows.append(Row("tokenize, spans only", lang, size,
                        median_seconds(lambda: [tokenize_spans(t, lang) for t in normalized[lang]], repeat),
                        tokenizer_name, theirs, note="corpuskit.tokenize.tokenize(), no record"))

    for lang in ("fa", "ar"):
        batch = batches[lang]
        size = chars(normalized[lang])
        ours = stages.seconds("dates", batch)
        # dateparser on a slice: its chars/s there stands for the whole corpus.
        part = [(d[1], text) for d, text in zip(by_lang[lang], normalized[lang])][: len(slice_of(by_lang[lang], lang, slice_mb))]
        search = references.dateparser_search(lang)
        part_chars = sum(len(text) for _, text in part)
        theirs = median_seconds(lambda: [search(text, date) for date, text in part], repeat)
        rows.append(Row("dates", lang, size, ours, "dateparser search_dates", theirs * size / part_chars, target=10.0,
                        note=f"dateparser on {part_chars:,} chars, scaled"))

    for lang in ("fa", "ar"):
        stages.advance("tokenize", batches[lang])
    both = batches["fa"] + batches["ar"]
    rows.append(Row("entities (gazetteer)", "fa+ar", chars(normalized["fa"]) + chars(normalized["ar"]),
                    stages.seconds("entities", both)))

    # The whole default pipeline in this process, and the glue on a slice.
    from corpuskit.pipeline import process

    fresh = records(documents)
    for record in fresh:
        record["lang"] = None
    total = chars([text for _, _, text in documents])
    pipeline_seconds = median_seconds(
        lambda: list(process([dict(r, meta=dict(r["meta"])) for r in fresh])), repeat
    )
    glue = references.glue_pipeline()
    part = slice_of(documents, "fa", slice_mb / 2) + slice_of(documents, "ar", slice_mb / 2)
    part_chars = chars([text for _, _, text in part])
    glue_seconds = median_seconds(lambda: [glue(text, lang, date) for lang, date, text in part], repeat)
    rows.append(Row("pipeline, in process", "fa+ar", total, pipeline_seconds, "glue: normalize, tokenize, dateparser",
                    glue_seconds * total / part_chars, target=10.0, note=f"glue on {part_chars:,} chars, scaled"))
    hazm_row = next(row for row in rows if row.stage == "normalize" and row.lang == "fa")
    rows.append(Row("pipeline, in process", "fa+ar", total, pipeline_seconds, "hazm normalizer alone",
                    hazm_row.reference_seconds * total / hazm_row.chars, target=0.5,
                    note="hazm's chars/s on the Persian documents"))
    return rows


# --------------------------------------------------------------------------- as a user runs it


#: Runs a command and writes the largest peak RSS of it and its descendants (KiB).
#: A small launcher, because a child forked from this process, which holds the
#: corpus, would report this process's peak as its own (Linux keeps the high
#: water mark across exec).
_LAUNCHER = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""


def wall(arguments: list[str], rss_file: Path | None = None) -> tuple[float, int]:
    """Wall seconds of one corpuskit command (output to /dev/null) and, with
    ``rss_file``, the peak RSS in KiB of its largest process (else 0)."""
    command = [*corpuskit(), *arguments]
    if rss_file is not None:
        command = [sys.executable, "-c", _LAUNCHER, str(rss_file), *command]
    with open(os.devnull, "wb") as sink:
        start = time.perf_counter()
        code = subprocess.call(command, stdin=subprocess.DEVNULL, stdout=sink, cwd=ROOT)
        seconds = time.perf_counter() - start
    if code:
        sys.exit(f"corpuskit {' '.join(arguments)} failed with exit code {code}")
    return seconds, int(rss_file.read_text()) if rss_file is not None else 0


def write_jsonl(documents: list[Document], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as stream:
        for number, (lang, date, text) in enumerate(documents):
            stream.write(json.dumps({"id": f"doc-{number}", "text": text, "date": date}, ensure_ascii=False) + "\n")


def subprocess_figures(documents: list[Document], repeat: int, folder: Path) -> tuple[list[Row], dict[str, Any]]:
    corpus = folder / "corpus.jsonl"
    write_jsonl(documents, corpus)
    total = chars([text for _, _, text in documents])
    small = folder / "small.txt"  # about 5 KB: whole lines of the samples, in order
    lines, size = [], 0
    for line in (line for path in SAMPLES for line in path.read_text(encoding="utf-8").splitlines(keepends=True)):
        if size >= 5000:
            break
        lines.append(line)
        size += len(line.encode("utf-8"))
    small.write_text("".join(lines), encoding="utf-8")

    # The first run on a machine builds corpuskit's disk cache (hazm's lexicon,
    # the langid model): timed once in a cache of its own, then kept warm.
    os.environ["CORPUSKIT_CACHE_DIR"] = str(folder / "cold-cache")
    cold = wall(["run", str(small)])[0]
    os.environ["CORPUSKIT_CACHE_DIR"] = str(folder / "cache")
    wall(["run", str(small)])
    startup = {
        "help_seconds": statistics.median(wall(["--help"])[0] for _ in range(5)),
        "run_5kb_seconds": statistics.median(wall(["run", str(small)])[0] for _ in range(3)),
        "run_5kb_cold_cache_seconds": cold,
        "small_file_bytes": size,
    }
    times: dict[int, list[float]] = {1: [], 2: []}
    peak: dict[int, int] = {}
    for _ in range(repeat):  # interleaved, so a machine getting busier touches both alike
        for workers in (1, 2):
            seconds, rss = wall(["run", str(corpus), "--workers", str(workers)], folder / "rss")
            times[workers].append(seconds)
            peak[workers] = max(peak.get(workers, 0), rss)
    one, two = (statistics.median(times[w]) for w in (1, 2))
    rows = [
        Row("pipeline, corpuskit run", "fa+ar", total, one, note="wall time: start-up, reading and writing JSONL included"),
        Row("pipeline, --workers 2", "fa+ar", total, two, "the same with --workers 1", one, target=1.8),
    ]
    startup["peak_rss_mb_workers_1"] = peak[1] / 1024
    startup["peak_rss_mb_largest_process_workers_2"] = peak[2] / 1024
    return rows, startup


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB of UTF-8 (default 20)")
    parser.add_argument("--repeat", type=int, default=3, help="passes per figure; the median counts (default 3)")
    parser.add_argument("--slice-mb", type=float, default=1.0, help="MB per language for dateparser (default 1)")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results.json")
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
    parser.add_argument("--skip-subprocess", action="store_true", help="only the in-process figures (for tests)")
    args = parser.parse_args()

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="corpuskit-bench-") as name:
        folder = Path(name)
        os.environ["CORPUSKIT_CACHE_DIR"] = str(folder / "cache")
        documents = build_corpus(args.mb)
        total_bytes = sum(len(text.encode("utf-8")) for _, _, text in documents)
        print(f"corpus: {len(documents):,} documents, {chars([t for _, _, t in documents]):,} characters, "
              f"{total_bytes / 1e6:.1f} MB", file=sys.stderr)
        rows = in_process_rows(documents, args.repeat, args.slice_mb)
        startup: dict[str, Any] = {}
        if not args.skip_subprocess:
            more, startup = subprocess_figures(documents, args.repeat, folder)
            rows += more
    results = {
        "machine": machine(),
        "date": time.strftime("%Y-%m-%d"),
        "corpus": {"documents": len(documents), "characters": chars([t for _, _, t in documents]), "mb": total_bytes / 1e6,
                   "repeat": args.repeat, "slice_mb": args.slice_mb},
        "rows": [row.as_json(total_bytes / chars([t for _, _, t in documents])) for row in rows],
        "startup": startup,
        "benchmark_seconds": time.perf_counter() - started,
    }
    print_table(results)
    if args.markdown:
        print(markdown(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written to {args.json}", file=sys.stderr)


if __name__ == "__main__":
    main()
