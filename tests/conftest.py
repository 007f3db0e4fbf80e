"""Shared test helpers: paths, schema validation of records, running the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from corpuskit.record import span_problems
from corpuskit.schema import load_schema

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))
UD_DIR = Path(__file__).resolve().parent / "data" / "ud"

_VALIDATOR = jsonschema.Draft202012Validator(load_schema())


def ud_texts() -> list[str]:
    """The ``# text`` of every sentence of the UD Persian dev sets, in file order."""
    from corpuskit.evaluate import conllu

    return [sentence.text for path in sorted(UD_DIR.glob("*.conllu")) for sentence in conllu.read(path)]


def assert_valid_record(record: dict) -> None:
    """The record follows the JSON Schema and every span points at its own text."""
    errors = sorted(_VALIDATOR.iter_errors(record), key=str)
    assert not errors, f"{record.get('id')}: {errors[0].message} at {list(errors[0].absolute_path)}"
    assert span_problems(record) == []


def parse_jsonl(output: str | bytes) -> list[dict]:
    """Every line is one JSON object that validates; returns them."""
    if isinstance(output, bytes):
        output = output.decode("utf-8")
    records = [json.loads(line) for line in output.splitlines()]
    for record in records:
        assert_valid_record(record)
    return records


def corpuskit_cmd() -> list[str]:
    """The installed console script when it is beside this Python, else ``-m``."""
    script = Path(sys.executable).with_name("corpuskit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "corpuskit"]


def run_corpuskit(*args: str, input: bytes | None = None, cwd: Path = ROOT, env: dict | None = None, **kw):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [*corpuskit_cmd(), *args], input=input, capture_output=True, cwd=cwd, env=full_env, timeout=120, **kw
    )


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session", autouse=True)
def private_disk_cache(tmp_path_factory):
    """Resources the stages cache on disk (corpuskit.disk_cache) go to a folder
    of this test session, inherited by every subprocess, not to the user's
    ~/.cache; pytest removes it with its other old temporary folders."""
    previous = os.environ.get("CORPUSKIT_CACHE_DIR")
    os.environ["CORPUSKIT_CACHE_DIR"] = str(tmp_path_factory.mktemp("disk-cache"))
    yield
    if previous is None:
        del os.environ["CORPUSKIT_CACHE_DIR"]
    else:
        os.environ["CORPUSKIT_CACHE_DIR"] = previous
