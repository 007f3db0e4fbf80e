"""Memory stays flat as the input grows: the run streams (issue 7).

The 1 GB figure comes from benchmarks/memory.py (docs/robustness.md); here the
same property on two sizes small enough for `make test`: four times the input
may not take more memory.
"""

import json
import subprocess
import sys

from conftest import ROOT, SAMPLE_FILES, corpuskit_cmd

#: Reports the peak RSS (kB) of the command it runs, in a fresh process so that
#: no earlier child of the test process counts.
PEAK = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def write_corpus(path, megabytes):
    texts = [p.read_text(encoding="utf-8") for p in SAMPLE_FILES]
    written = number = 0
    with open(path, "w", encoding="utf-8") as stream:
        while written < megabytes * 1_000_000:
            text = f"{number} " + texts[number % len(texts)]
            line = json.dumps({"id": str(number), "text": text}, ensure_ascii=False) + "\n"
            stream.write(line)
            written += len(line.encode("utf-8"))
            number += 1


def peak_rss_mb(path):
    command = [*corpuskit_cmd(), "run", "--stages", "langid,normalize,tokenize", str(path), "--workers", "1"]
    result = subprocess.run(
        [sys.executable, "-c", PEAK, *command], capture_output=True, text=True, cwd=ROOT, timeout=600
    )
    assert result.returncode == 0, result.stderr
    return int(result.stdout) / 1024


def test_four_times_the_input_takes_no_more_memory(tmp_path):
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    write_corpus(small, 2)
    write_corpus(large, 8)
    small_peak, large_peak = peak_rss_mb(small), peak_rss_mb(large)
    assert large_peak < 500
    assert large_peak - small_peak < 25, (small_peak, large_peak)
    print(f"peak RSS {small_peak:.0f} MB (2 MB input), {large_peak:.0f} MB (8 MB input)")
