"""`--executor dask` against the local executor on one machine (issue 10).

    python benchmarks/dask_throughput.py [--mb 20] [--workers 2] [--repeat 2] [--json FILE]

Writes a varied corpus (benchmarks/corpus.py) as one JSONL file, and runs the
whole default pipeline over it as a user would, `--output-dir` on local disk,
wall time with start-up included:

- local: `corpuskit run corpus.jsonl --output-dir OUT --workers N`;
- dask, own cluster: the same with `--executor dask`, which starts a
  LocalCluster of N processes for the run and stops it after;
- dask, running cluster: `--executor dask --scheduler ADDRESS` on a
  LocalCluster started beforehand, as on a real cluster (no cluster start-up).

The file is split into line ranges of `--partition-mb` (default 4: 5 per
worker for 20 MB). Runs are interleaved; the fastest of each counts.
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
from scaling import corpuskit  # noqa: E402


def run(arguments: list[str], out: Path) -> float:
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    result = subprocess.run([*corpuskit(), "run", *arguments, "--output-dir", str(out), "-q"], cwd=ROOT)
    if result.returncode:
        sys.exit(f"corpuskit failed: {arguments}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB of UTF-8 (default 20)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-mb", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=2, help="runs per setting; the fastest counts")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    from distributed import LocalCluster

    folder = Path(tempfile.mkdtemp(prefix="corpuskit-dask-"))
    try:
        path = folder / "corpus.jsonl"
        documents, characters = write_jsonl(path, int(args.mb * 1e6))
        size = path.stat().st_size
        workers = ["--workers", str(args.workers)]
        dask = ["--executor", "dask", "--partition-size", str(args.partition_mb)]
        with LocalCluster(
            n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
            silence_logs=50,
        ) as cluster:
            settings = {
                "local": [str(path), *workers],
                "dask, own cluster": [str(path), *workers, *dask],
                "dask, running cluster": [str(path), *dask, "--scheduler", cluster.scheduler_address],
            }
            # A first short run fills the disk cache (corpuskit.disk_cache), as
            # any earlier use of corpuskit on the machine would have.
            warm = folder / "warm.jsonl"
            with open(path, "rb") as corpus:
                warm.write_bytes(corpus.readline())
            run([str(warm)], folder / "warm")
            times: dict[str, list[float]] = {name: [] for name in settings}
            for _ in range(args.repeat):
                for name, arguments in settings.items():
                    times[name].append(run(arguments, folder / "out"))
                    print(f"{name}: {times[name][-1]:.1f} s", file=sys.stderr)
        figures = {
            "documents": documents,
            "characters": characters,
            "bytes": size,
            "workers": args.workers,
            "cores": os.cpu_count(),
            "partition_mb": args.partition_mb,
            "seconds": {name: min(values) for name, values in times.items()},
        }
        local = figures["seconds"]["local"]
        print(f"{documents:,} documents, {size / 1e6:.1f} MB, {args.workers} workers")
        print("| executor | wall s | MB/s | M chars/s | vs local |")
        print("| --- | --- | --- | --- | --- |")
        for name, seconds in figures["seconds"].items():
            print(f"| {name} | {seconds:.1f} | {size / seconds / 1e6:.2f} | {characters / seconds / 1e6:.2f} "
                  f"| {local / seconds:.2f}x |")
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2) + "\n")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
