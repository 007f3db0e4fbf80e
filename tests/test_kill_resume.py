"""A run killed at any moment and resumed gives the bytes of an uninterrupted run.

Real processes and real signals: SIGKILL (nothing is cleaned up), Ctrl-C and
SIGTERM (the run stops cleanly and says what it finished).
"""

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE_FILES, corpuskit_cmd, parse_jsonl

STAGES = ["--stages", "langid,normalize,tokenize,dates"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """40 text files in two folders and a JSONL file of 150 records with two bad lines."""
    root = tmp_path_factory.mktemp("kill") / "in"
    texts = [path.read_text(encoding="utf-8") for path in SAMPLE_FILES]
    for number in range(40):
        folder = root / ("a" if number % 2 else "b")
        folder.mkdir(parents=True, exist_ok=True)
        # Vary each copy so no two outputs are the same.
        (folder / f"doc{number:02}.txt").write_text(f"{number}\n" + texts[number % 5], encoding="utf-8")
    lines = [json.dumps({"id": f"j{n}", "text": texts[n % 5][: 300 + n]}, ensure_ascii=False) for n in range(150)]
    lines[40], lines[90] = "not json", '{"text": 5}'
    (root / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def start(corpus, out, errors, *extra):
    return subprocess.Popen(
        [*corpuskit_cmd(), "run", *STAGES, str(corpus), "--output-dir", str(out), "--errors", str(errors), *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the kill reaches the workers too
    )


def everything(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    base = tmp_path_factory.mktemp("reference")
    process = start(corpus, base / "out", base / "errors.jsonl", "--workers", "1")
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 1, stderr  # the two bad lines
    return everything(base / "out"), (base / "errors.jsonl").read_bytes()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigkill_at_random_moments_then_resume_gives_identical_output(corpus, reference, tmp_path, workers):
    out, errors = tmp_path / "out", tmp_path / "errors.jsonl"
    moments = random.Random(int(workers)).sample([0.3, 0.8, 1.5, 2.2, 3.0, 4.0], 4)
    for moment in moments:
        process = start(corpus, out, errors, "--resume", "--workers", workers)
        time.sleep(moment)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=60)
    process = start(corpus, out, errors, "--resume", "--workers", workers)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 1, stderr
    outputs, error_entries = reference
    assert everything(out) == outputs  # outputs and manifests, byte for byte; no temporary file left
    assert errors.read_bytes() == error_entries
    records = [r for name, data in outputs.items() if name.endswith(".jsonl") for r in parse_jsonl(data)]
    assert len(records) == 40 + 148 and len({r["id"] for r in records}) == len(records)


@pytest.mark.parametrize("sig, code, name", [(signal.SIGINT, 130, "Ctrl-C"), (signal.SIGTERM, 143, "SIGTERM")])
def test_interrupted_runs_stop_cleanly_and_say_what_was_finished(corpus, tmp_path, sig, code, name):
    out = tmp_path / "out"
    process = start(corpus, out, tmp_path / "errors.jsonl", "--workers", "1")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.rglob(".*.corpuskit.json"))) < 3:
        time.sleep(0.05)  # until some outputs are finished
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr.decode()
    message = stderr.decode().strip().splitlines()[-1]
    assert message.startswith(f"corpuskit: error: interrupted ({name}): ")
    assert message.endswith(" run again with --resume to do the rest")
    done = int(message.split(": ")[3].split(" of ")[0])
    assert 3 <= done < 41
    assert "Traceback" not in stderr.decode()
    finished = sorted(out.rglob("*.jsonl"))
    manifests = sorted(out.rglob(".*.corpuskit.json"))
    assert [p.name for p in finished] == [p.name[1:].removesuffix(".corpuskit.json") for p in manifests]
    assert len(finished) == done
    for path in finished:
        parse_jsonl(path.read_bytes())
    assert not list(out.rglob("*.part")) and not (tmp_path / "errors.jsonl").exists()
