"""Peak memory of `corpuskit run` on a large input (issue 7: 1 GB, < 500 MB per process).

    python benchmarks/memory.py [--gb 1] [--workers 2] [--stages ...]

Writes a varied JSONL corpus of the given size (benchmarks/corpus.py) to a
temporary folder, runs `corpuskit run BIG.jsonl --workers N > /dev/null`, and
samples /proc every 0.2 s for the peak resident memory (VmHWM) of the parent
and of every worker process. Prints the peaks, the wall time and the
throughput. Needs Linux (/proc) and the free disk space of the corpus.
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


def descendants(pid: int) -> list[int]:
    """The process and everything it started (from /proc/PID/task/*/children)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as stream:
                    queue.extend(int(child) for child in stream.read().split())
        except OSError:
            pass
    return found


def peak_kb(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as stream:
            for line in stream:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gb", type=float, default=1.0, help="input size in GB of UTF-8 (default 1)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--stages", default=None, help="default: every stage")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="corpuskit-memory-"))
    try:
        path = folder / "big.jsonl"
        started = time.perf_counter()
        documents, characters = write_jsonl(path, int(args.gb * 1e9))
        size = path.stat().st_size
        print(f"input: {size / 1e9:.2f} GB, {documents:,} documents, {characters:,} characters "
              f"(written in {time.perf_counter() - started:.0f} s)", flush=True)
        command = [*corpuskit(), "run", str(path), "--workers", str(args.workers), "-q"]
        if args.stages:
            command += ["--stages", args.stages]
        peaks: dict[int, int] = {}
        started = time.perf_counter()
        with open(os.devnull, "wb") as sink:
            process = subprocess.Popen(command, stdout=sink, cwd=ROOT)
            while process.poll() is None:
                for pid in descendants(process.pid):
                    if (kb := peak_kb(pid)) is not None:
                        peaks[pid] = max(peaks.get(pid, 0), kb)
                time.sleep(0.2)
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            sys.exit(f"corpuskit exited with {process.returncode}")
    finally:
        shutil.rmtree(folder)
    parent = peaks.pop(process.pid, 0)
    # Children of the parent that lived long are the workers (and the pool's
    # resource tracker, which is small).
    workers = sorted(peaks.values(), reverse=True)
    print(f"wall time: {seconds:.0f} s, {characters / seconds:,.0f} chars/s, {size / seconds / 1e6:.2f} MB/s")
    print(f"peak RSS: parent {parent / 1024:.0f} MB; other processes "
          + ", ".join(f"{kb / 1024:.0f} MB" for kb in workers))
    limit = 500 * 1024
    verdict = "under" if max([parent, *workers]) < limit else "OVER"
    print(f"every process {verdict} 500 MB")
    if args.json:
        args.json.write_text(json.dumps({
            "bytes": size, "documents": documents, "characters": characters, "seconds": seconds,
            "workers": args.workers, "peak_rss_mb": {"parent": parent / 1024, "others": [kb / 1024 for kb in workers]},
        }, indent=2))


if __name__ == "__main__":
    main()
