"""`corpuskit stats`: the CLI over corpuskit.stats, on the seeds."""

import json
import subprocess

import pytest
from click.testing import CliRunner

from corpuskit.cli import cli

from conftest import ROOT, corpuskit_cmd

GOLDEN = ROOT / "tests" / "golden" / "stats" / "seeds.txt"


def stats(*args, input=None):
    return CliRunner().invoke(cli, ["stats", *args], input=input, env={"COLUMNS": "80", "NO_COLOR": None},
                              catch_exceptions=False)


@pytest.fixture(autouse=True)
def at_the_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def seed_records(tmp_path_factory):
    """The seeds as corpuskit JSONL, made by a real `corpuskit run`."""
    path = tmp_path_factory.mktemp("stats") / "seeds.jsonl"
    done = subprocess.run([*corpuskit_cmd(), "run", "data/samples", "-o", str(path)], cwd=ROOT, capture_output=True)
    assert done.returncode == 0, done.stderr
    return path


def test_golden_rendering_at_80_columns(seed_records):
    """Regenerate with scripts/update-golden and review the diff."""
    result = stats(str(seed_records))
    assert result.exit_code == 0
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")


def test_raw_input_runs_the_pipeline_and_gives_the_same_figures(seed_records):
    processed = json.loads(stats(str(seed_records), "--json").stdout)
    raw = json.loads(stats("data/samples", "--json").stdout)
    assert raw == processed
    assert processed["documents"] == 5 and set(processed["languages"]) == {"fa", "ar"}
    putin = next(entity for entity in processed["entities"]["top"] if entity["id"] == "Q7747")
    assert set(putin["forms"]) == {"fa", "ar"}


def test_a_pipe_of_corpuskit_commands():
    run = subprocess.Popen([*corpuskit_cmd(), "run", "data/samples"], cwd=ROOT, stdout=subprocess.PIPE)
    done = subprocess.run([*corpuskit_cmd(), "stats", "--json"], cwd=ROOT, stdin=run.stdout, capture_output=True)
    run.stdout.close()
    assert run.wait() == 0 and done.returncode == 0
    figures = json.loads(done.stdout)
    assert figures["totals"]["documents"] == 5 and figures["dates"]["mentions"] > 0
    assert done.stderr == b""


def test_partial_records_are_counted_as_they_are(tmp_path):
    path = tmp_path / "langid.jsonl"
    done = subprocess.run([*corpuskit_cmd(), "langid", "data/samples", "-o", str(path)], cwd=ROOT)
    assert done.returncode == 0
    figures = json.loads(stats(str(path), "--json").stdout)
    # written by corpuskit: not run through the pipeline again, so no tokens
    assert figures["missing"]["tokens"] == 5 and figures["totals"]["tokens"] == 0


def test_bad_lines_are_reported_and_the_rest_counted(tmp_path, seed_records):
    path = tmp_path / "mixed.jsonl"
    path.write_text(seed_records.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    result = stats(str(path), "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["documents"] == 5
    assert f"corpuskit: error: {path}:6: not valid JSON" in result.stderr


def test_missing_input_is_a_usage_error(tmp_path):
    result = stats(str(tmp_path / "none.jsonl"))
    assert result.exit_code == 2 and "no such file or directory" in result.stderr


def test_top_limits_the_entity_table(seed_records):
    figures = json.loads(stats(str(seed_records), "--json", "--top", "3").stdout)
    assert len(figures["entities"]["top"]) == 3
