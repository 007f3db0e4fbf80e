"""``--executor dask`` on a real ``LocalCluster(n_workers=2)``: the same files as
the local executor, on the seeds and on a generated corpus of a few thousand
records split into line ranges; failures reported, not fatal."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="Dask is not installed: pip install 'corpuskit[dask]'")

from click.testing import CliRunner  # noqa: E402

from conftest import SAMPLE_FILES, SAMPLES, run_corpuskit  # noqa: E402
from test_partitions import generated_jsonl, joined_shards, outputs  # noqa: E402
from corpuskit.cli import cli  # noqa: E402
from corpuskit.executors import TaskFailed  # noqa: E402
from corpuskit.executors.dask_cluster import DaskExecutor  # noqa: E402
from corpuskit.job import run_job  # noqa: E402

STAGES = ["langid", "normalize", "tokenize", "dates", "entities"]


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0", silence_logs=40
    ) as cluster:
        yield cluster.scheduler_address


def everything(folder: Path) -> dict[str, bytes]:
    """Every file, manifests included (they hold counts, errors and hashes)."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_the_seeds_come_out_as_the_local_executor_writes_them(scheduler, tmp_path):
    local = run_corpuskit("run", str(SAMPLES), "--output-dir", str(tmp_path / "local"))
    dask = run_corpuskit(
        "run", str(SAMPLES), "--executor", "dask", "--scheduler", scheduler, "--output-dir", str(tmp_path / "dask")
    )
    assert (local.returncode, dask.returncode) == (0, 0), dask.stderr.decode()
    assert b"Traceback" not in dask.stderr
    assert everything(tmp_path / "dask") == everything(tmp_path / "local")
    assert len(everything(tmp_path / "dask")) == 2 * len(SAMPLE_FILES)


def test_a_generated_corpus_split_into_line_ranges(scheduler, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first = generated_jsonl(corpus / "first.jsonl", 2_000, seed=1, bad_every=400)
    generated_jsonl(corpus / "second.jsonl", 1_000, seed=2)
    options = {"stages": STAGES, "errors_path": None}
    local = run_job([str(corpus)], output_dir=str(tmp_path / "local"), workers=1, **options)
    dask = run_job(
        [str(corpus)], output_dir=str(tmp_path / "dask"), executor="dask", scheduler=scheduler,
        partition_bytes=first.stat().st_size // 4, **options,
    )
    theirs, ours = outputs(tmp_path / "dask"), outputs(tmp_path / "local")
    assert sum("first-" in name for name in theirs) >= 4  # split
    assert joined_shards(theirs, "first.jsonl") == ours["first.jsonl"]
    assert joined_shards(theirs, "second.jsonl") == ours["second.jsonl"]
    assert (dask.records, dask.input_errors, dask.failed_records) == (local.records, local.input_errors, 0)
    assert dask.records == 3_000 and dask.input_errors == 5 and dask.workers == 2
    records = [json.loads(line) for line in ours["first.jsonl"].splitlines()]
    assert [record["id"] for record in records] == [f"g{number}" for number in range(2_000)]


def test_resume_on_the_cluster_skips_finished_partitions(scheduler, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for sample in SAMPLE_FILES:
        shutil.copy(sample, corpus / sample.name)
    arguments = ["run", str(corpus), "--executor", "dask", "--scheduler", scheduler, "--output-dir", str(tmp_path / "o")]
    assert run_corpuskit(*arguments).returncode == 0
    (tmp_path / "o" / SAMPLE_FILES[2].name.replace(".txt", ".jsonl")).unlink()
    again = run_corpuskit(*arguments, "--resume")
    assert again.returncode == 0, again.stderr.decode()
    assert f"{len(SAMPLE_FILES) - 1} of {len(SAMPLE_FILES)} outputs were up to date" in again.stderr.decode()


def test_a_stage_that_cannot_load_fails_the_run_cleanly(scheduler, tmp_path):
    result = run_corpuskit(
        "run", str(SAMPLES), "--executor", "dask", "--scheduler", scheduler, "--output-dir", str(tmp_path / "o"),
        "--ner", "stanza", "--stanza-dir", str(tmp_path / "no-models"),
    )
    assert result.returncode == 1
    assert b"corpuskit: error:" in result.stderr and b"Traceback" not in result.stderr


def test_corpuskit_starts_its_own_local_cluster(tmp_path):
    result = run_corpuskit("run", str(SAMPLES), "--executor", "dask", "--workers", "2", "--output-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr.decode()
    assert sorted(path.name for path in tmp_path.glob("*.jsonl")) == sorted(
        sample.name.replace(".txt", ".jsonl") for sample in SAMPLE_FILES
    )
    assert b"Traceback" not in result.stderr and b"distributed" not in result.stderr  # no cluster logs


_SETUPS: list[int] = []  # in each worker process: one entry per setup() there


class _CountsSetups:
    def setup(self) -> None:
        _SETUPS.append(os.getpid())

    def apply(self, item: int) -> tuple[int, int]:
        time.sleep(0.02)  # long enough that both workers get items
        return os.getpid(), len(_SETUPS)


def test_each_worker_sets_the_task_up_once(scheduler):
    from corpuskit.executors.dask_cluster import DaskExecutor as Executor

    executor = Executor(0, scheduler)
    try:
        assert executor.workers == 2
        results = list(executor.imap(_CountsSetups(), range(40)))
    finally:
        executor.close()  # a cluster given by address is left running
    assert {setups for _, setups in results} == {1}
    assert len({pid for pid, _ in results}) == 2  # both workers took items


class _DiesOnTwo:
    """A task whose item 2 kills the worker process every time it is tried."""

    def setup(self) -> None:
        pass

    def apply(self, item: int) -> int:
        if item == 2:
            os._exit(1)
        return item * 10


@pytest.mark.parametrize("ordered", [True, False])
def test_an_item_that_kills_its_workers_comes_back_as_failed(ordered):
    import dask

    # A saturation of 4 queues several items on each worker, so items that only
    # waited beside item 2 die with its worker too (Dask blames them all): they
    # must still come back with their results. (This failed now and then
    # before the executor retried such items alone.)
    config = {"distributed.scheduler.allowed-failures": 1, "distributed.scheduler.worker-saturation": 4.0}
    with dask.config.set(config):
        executor = DaskExecutor(2)
        try:
            results = list(executor.imap(_DiesOnTwo(), range(8), ordered=ordered))
        finally:
            executor.close()
    if not ordered:
        failed = [result for result in results if isinstance(result, TaskFailed)]
        results = sorted((r for r in results if not isinstance(r, TaskFailed)), key=int) + failed
        results.insert(2, results.pop())
    assert results[:2] == [0, 10] and results[3:] == [30, 40, 50, 60, 70]
    assert isinstance(results[2], TaskFailed) and results[2].item == 2
    assert "died" in results[2].message and "also alone" in results[2].message


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--executor", "dask"], "give --output-dir"),
        (["--scheduler", "tcp://127.0.0.1:8786", "--output-dir", "o"], "--scheduler needs --executor dask"),
    ],
)
def test_usage_errors(tmp_path, arguments, message):
    result = CliRunner().invoke(cli, ["run", str(SAMPLE_FILES[0]), *arguments])
    assert result.exit_code == 2 and message in result.output


def test_the_scheduler_variable_does_not_disturb_local_runs(tmp_path):
    result = CliRunner().invoke(
        cli, ["run", str(SAMPLE_FILES[0]), "--stages", "langid"], env={"CORPUSKIT_SCHEDULER": "tcp://nowhere:1"}
    )
    assert result.exit_code == 0, result.output


def test_a_scheduler_out_of_reach_is_an_error_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setattr("corpuskit.executors.dask_cluster.CONNECT_TIMEOUT", 2)
    result = CliRunner().invoke(
        cli, ["run", str(SAMPLE_FILES[0]), "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9",
              "--output-dir", str(tmp_path)],
    )
    assert result.exit_code == 1, result.output
    assert "cannot start the Dask scheduler at tcp://127.0.0.1:9" in result.output
