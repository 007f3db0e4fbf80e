"""Partitions (corpuskit.partitions) and the cluster run (corpuskit.cluster_job),
on the in-process executor: the same code a Dask worker runs, without a cluster
(tests/executors/test_dask_cluster.py runs it on one)."""

from __future__ import annotations

import gzip
import json
import random
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SAMPLE_FILES
from corpuskit.cluster_job import run_partitions
from corpuskit.executors import InProcess, TaskFailed
from corpuskit.io.readers import LineRange, read_input
from corpuskit.job import JobResult, run_job
from corpuskit.partitions import Partition, line_ranges, plan_partitions, shard_name, splittable
from corpuskit.plan import PlanError, plan_units

STAGES = ["langid", "normalize", "tokenize", "dates", "entities"]


def generated_jsonl(path: Path, records: int, seed: int = 7, bad_every: int = 0) -> Path:
    """``records`` JSONL documents made of shuffled lines of the samples, with
    a line that is not JSON every ``bad_every`` lines and some blank lines."""
    rng = random.Random(seed)
    lines = [line for file in SAMPLE_FILES for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    with open(path, "w", encoding="utf-8") as out:
        for number in range(records):
            if bad_every and number % bad_every == bad_every - 1:
                out.write("{not json\n")
            if number % 97 == 5:
                out.write("\n")
            text = "\n".join(rng.sample(lines, rng.randint(1, 4)))
            out.write(json.dumps({"id": f"g{number}", "text": text}, ensure_ascii=False) + "\n")
    return path


def local_run(inputs: list[Path], out: Path, **options) -> JobResult:
    return run_job([str(path) for path in inputs], stages=STAGES, output_dir=str(out), **options)


def partitioned_run(inputs: list[Path], out: Path, *, partition_bytes: int, executor=None, resume=False, **options):
    """A cluster run through the in-process executor."""
    from corpuskit.job import _RecordTask
    from corpuskit.partitions import PartitionTask
    from corpuskit.pipeline import Pipeline, build_stages

    out.mkdir(exist_ok=True)
    units = plan_units([str(path) for path in inputs], output_dir=str(out), on_error=lambda error: None)
    read = {"input_format": "auto", "text_field": "text", "id_field": "id", "encoding_errors": "strict",
            "max_chars": 2_000_000}
    task = PartitionTask(_RecordTask(Pipeline(build_stages(STAGES)), "jsonl"), read, "settings", resume)
    failures: list[tuple[str, str]] = []
    result = run_partitions(
        units, executor=executor or InProcess(), task=task, result=JobResult(), input_format="auto",
        partition_bytes=partition_bytes, errors_path=options.get("errors_path"), walk_errors=[],
        on_input_error=lambda error: None, on_warning=lambda error: None, on_record_error=lambda *_: None,
        on_record=lambda source: None, on_skip=lambda output: None,
        on_partition_failed=lambda what, why: failures.append((what, why)),
    )
    return result, failures


# --------------------------------------------------------------------------- planning


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")), max_size=60),
    final_newline=st.booleans(),
    size=st.integers(min_value=1, max_value=300),
)
def test_line_ranges_cover_the_file_at_line_starts(tmp_path_factory, lines, final_newline, size):
    data = b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    path = tmp_path_factory.mktemp("ranges") / "f.jsonl"
    path.write_bytes(data)
    ranges = line_ranges(str(path), size)
    assert ranges[0].offset == 0 and ranges[0].first_line == 1
    assert ranges[-1].length is None
    pieces = [data[r.offset : r.offset + r.length] if r.length is not None else data[r.offset :] for r in ranges]
    assert b"".join(pieces) == data
    for r in ranges:
        assert r.offset == 0 or data[r.offset - 1 : r.offset] == b"\n"  # a line start
        assert r.first_line == data.count(b"\n", 0, r.offset) + 1
        assert r.offset < len(data) or r.offset == 0  # no empty range at the end
    for piece in pieces[:-1]:  # each cut is the first line end at or past the size
        assert len(piece) >= size and b"\n" not in piece[size - 1 : -1]


def test_line_ranges_across_read_blocks(tmp_path):
    """Cuts found when the size falls in a later 1 MB block than the line end."""
    line = b'{"text": "' + b"x" * 700_000 + b'"}\n'
    path = tmp_path / "wide.jsonl"
    path.write_bytes(line * 5)
    ranges = line_ranges(str(path), 1_000_000)
    assert [r.first_line for r in ranges] == [1, 3, 5]
    assert [r.offset for r in ranges] == [0, 2 * len(line), 4 * len(line)]


def test_shard_names_keep_suffixes():
    assert shard_name("out/a/big.jsonl", 1, 4) == "out/a/big-00001-of-00004.jsonl"
    assert shard_name("out/big.conllu", 0, 12) == "out/big-00000-of-00012.conllu"


def test_only_uncompressed_utf8_jsonl_is_split(tmp_path):
    plain = generated_jsonl(tmp_path / "a.jsonl", 5)
    assert splittable(str(plain), "auto")
    assert not splittable(str(plain), "text")
    text = tmp_path / "a.txt"
    text.write_text("متن\n" * 10, encoding="utf-8")
    assert not splittable(str(text), "auto")
    assert splittable(str(text), "jsonl")  # told it is JSONL
    packed = tmp_path / "b.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert not splittable(str(packed), "auto")
    wide = tmp_path / "c.jsonl"
    wide.write_bytes(plain.read_text(encoding="utf-8").encode("utf-16"))
    assert not splittable(str(wide), "auto")


def test_plan_splits_big_files_only(tmp_path):
    big = generated_jsonl(tmp_path / "big.jsonl", 400)
    small = generated_jsonl(tmp_path / "small.jsonl", 3)
    units = plan_units([str(big), str(small)], output_dir=str(tmp_path / "out"), on_error=lambda error: None)
    partitions = plan_partitions(units, input_format="auto", partition_bytes=big.stat().st_size // 3)
    shards = [p for p in partitions if p.path == str(big)]
    assert len(shards) in (3, 4) and [p.shard for p in shards] == list(range(len(shards)))
    assert all(p.output.endswith(f"-of-{len(shards):05d}.jsonl") for p in shards)
    assert [p.path for p in partitions if p.lines is None] == [str(small)]
    assert [p.index for p in partitions] == list(range(len(partitions)))


def test_a_shard_name_taken_by_another_input_is_a_usage_error(tmp_path):
    big = generated_jsonl(tmp_path / "big.jsonl", 200)
    generated_jsonl(tmp_path / "big-00000-of-00002.jsonl", 2)
    units = plan_units([str(tmp_path)], output_dir=str(tmp_path / "out"), on_error=lambda error: None)
    with pytest.raises(PlanError, match="would overwrite"):
        plan_partitions(units, input_format="auto", partition_bytes=big.stat().st_size // 2 + 1)


def test_a_range_is_read_with_the_line_numbers_of_the_whole_file(tmp_path):
    path = generated_jsonl(tmp_path / "g.jsonl", 300, bad_every=50)
    whole_errors, part_errors = [], []
    whole = list(read_input(str(path), on_error=whole_errors.append))
    ranges = line_ranges(str(path), path.stat().st_size // 4)
    parts = [
        record for r in ranges for record in read_input(str(path), line_range=r, on_error=part_errors.append)
    ]
    assert parts == whole
    assert [(e.source, e.line, e.message) for e in part_errors] == [(e.source, e.line, e.message) for e in whole_errors]
    assert len(whole_errors) == 6


# --------------------------------------------------------------------------- running partitions


def outputs(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if not path.name.startswith(".")}


def joined_shards(files: dict[str, bytes], name: str) -> bytes:
    stem = name.rsplit(".", 1)[0]
    return b"".join(data for file, data in sorted(files.items()) if file.startswith(f"{stem}-") and "-of-" in file)


def test_partitions_write_what_the_local_executor_writes(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    big = generated_jsonl(corpus / "big.jsonl", 600, bad_every=150)
    for sample in SAMPLE_FILES[:2]:
        shutil.copy(sample, corpus / sample.name)
    local = local_run([corpus], tmp_path / "local", errors_path=str(tmp_path / "local.err"))
    cluster, failures = partitioned_run(
        [corpus], tmp_path / "parts", partition_bytes=big.stat().st_size // 3, errors_path=str(tmp_path / "parts.err")
    )
    assert not failures
    ours, theirs = outputs(tmp_path / "local"), outputs(tmp_path / "parts")
    assert joined_shards(theirs, "big.jsonl") == ours["big.jsonl"]
    for sample in SAMPLE_FILES[:2]:
        name = sample.name.replace(".txt", ".jsonl")
        assert theirs[name] == ours[name]
    assert (cluster.records, cluster.input_errors, cluster.failed_records) == (
        local.records, local.input_errors, local.failed_records
    ) == (602, 4, 0)
    errors = lambda name: sorted((tmp_path / name).read_text(encoding="utf-8").splitlines())  # noqa: E731
    assert errors("parts.err") == errors("local.err")


def test_resume_redoes_only_missing_or_changed_partitions(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    big = generated_jsonl(corpus / "big.jsonl", 300)
    size = big.stat().st_size // 3
    first, _ = partitioned_run([corpus], tmp_path / "out", partition_bytes=size)
    again, _ = partitioned_run([corpus], tmp_path / "out", partition_bytes=size, resume=True)
    assert again.skipped_units == again.units == first.units >= 3
    assert again.records == first.records == 300
    shards = sorted((tmp_path / "out").glob("big-*"))
    before = {path.name: path.read_bytes() for path in shards}
    shards[1].unlink()
    third, _ = partitioned_run([corpus], tmp_path / "out", partition_bytes=size, resume=True)
    assert (third.skipped_units, third.finished_units, third.records) == (first.units - 1, 1, 300)
    assert {path.name: path.read_bytes() for path in sorted((tmp_path / "out").glob("big-*"))} == before


def test_a_failed_partition_is_reported_and_resume_finishes_it(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    shutil.copy(SAMPLE_FILES[0], corpus / "a.txt")
    shutil.copy(SAMPLE_FILES[1], corpus / "sub" / "b.txt")
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").write_text("a file where the folder must go")  # b's output cannot be written
    result, failures = partitioned_run([corpus], out, partition_bytes=1 << 20)
    assert [what for what, _ in failures] == [str(corpus / "sub" / "b.txt")]
    assert "Error" in failures[0][1]
    assert result.failed_partitions == [str(corpus / "sub" / "b.txt")] and not result.ok
    assert (out / "a.jsonl").exists() and result.finished_units == 1
    (out / "sub").unlink()
    again, failures = partitioned_run([corpus], out, partition_bytes=1 << 20, resume=True)
    assert not failures and (again.skipped_units, again.finished_units) == (1, 1)
    assert (out / "sub" / "b.jsonl").exists()


class _DiesOnSecond(InProcess):
    """An executor that gives up on the second item, as Dask does when the
    item killed its worker each time."""

    def imap(self, task, items, *, ordered=True):
        for number, item in enumerate(items):
            yield TaskFailed(item, "its worker died") if number == 1 else task.apply(item)


def test_an_item_the_executor_gave_up_on_fails_only_its_partition(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for sample in SAMPLE_FILES[:3]:
        shutil.copy(sample, corpus / sample.name)
    result, failures = partitioned_run([corpus], tmp_path / "out", partition_bytes=1 << 20, executor=_DiesOnSecond())
    assert failures == [(str(corpus / SAMPLE_FILES[1].name), "its worker died")]
    assert result.finished_units == 2 and result.records == 2 and not result.ok


def test_a_partition_knows_what_it_reads():
    whole = Partition(0, 0, "in/a.jsonl", "out/a.jsonl", "out")
    part = Partition(3, 0, "in/b.jsonl", "out/b-00001-of-00004.jsonl", "out", LineRange(100, 50, 41), 1, 4)
    assert whole.describe() == "in/a.jsonl"
    assert part.describe() == "in/b.jsonl from line 41 (part 2 of 4)"
