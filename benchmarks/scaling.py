"""Throughput of `corpuskit run` with 1 and 2 workers on the same corpus (issue 7).

    python benchmarks/scaling.py [--mb 10] [--json results.json]

Builds a varied corpus (benchmarks/corpus.py), runs the whole default pipeline
as a user would (`corpuskit run corpus.jsonl > /dev/null`, wall time, start-up
included) with --workers 1 and --workers 2, and prints chars/s and the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, write_jsonl  # noqa: E402


def corpuskit() -> list[str]:
    script = Path(sys.executable).with_name("corpuskit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "corpuskit"]


def run(path: Path, workers: int, copies: int = 1) -> float:
    """Wall time of ``copies`` runs started together (each with ``workers``)."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        command = [*corpuskit(), "run", str(path), "--workers", str(workers)]
        processes = [subprocess.Popen(command, stdout=sink, cwd=ROOT) for _ in range(copies)]
        if any(process.wait() for process in processes):
            sys.exit("corpuskit failed")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB of UTF-8 (default 20)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per setting; the fastest counts")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="corpuskit-scaling-"))
    try:
        path = folder / "corpus.jsonl"
        documents, characters = write_jsonl(path, int(args.mb * 1e6))
        # One short run first fills the disk cache (corpuskit.disk_cache), as
        # any earlier use of corpuskit on the machine would have.
        warm = folder / "warm.jsonl"
        with open(path, "rb") as corpus:
            warm.write_bytes(corpus.readline())
        run(warm, 1)
        # Interleaved, so that a machine getting busier or quieter during the
        # benchmark touches both settings alike; the fastest run of each counts.
        times: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(args.repeat):
            for workers in (1, 2):
                times[workers].append(run(path, workers))
        seconds = {workers: min(runs) for workers, runs in times.items()}
        # What the machine itself gives two processes at this moment: two
        # independent single-worker runs side by side. On a VM whose two cores
        # are shared with other guests this can be far below 2.
        pair = min(run(path, 1, copies=2) for _ in range(args.repeat))
    finally:
        shutil.rmtree(folder)
    rate = {workers: characters / s for workers, s in seconds.items()}
    ratio = rate[2] / rate[1]
    print(f"corpus: {documents:,} documents, {characters:,} characters (~{args.mb:g} MB)")
    print(f"{'workers':>8} {'seconds':>8} {'chars/s':>10}")
    for workers in (1, 2):
        print(f"{workers:>8} {seconds[workers]:>8.1f} {rate[workers]:>10,.0f}")
    ceiling = 2 * seconds[1] / pair
    print(f"2 workers / 1 worker: {ratio:.2f}x (target >= 1.8x; cores here: {os.cpu_count()})")
    print(f"machine ceiling now: two independent 1-worker runs together give {ceiling:.2f}x the throughput of one "
          f"({pair:.1f} s for both); corpuskit reaches {ratio / ceiling:.0%} of it")
    if args.json:
        args.json.write_text(
            json.dumps(
                {"documents": documents, "characters": characters, "seconds": seconds, "ratio": ratio,
                 "pair_seconds": pair, "ceiling": ceiling},
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
