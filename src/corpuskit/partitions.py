"""Partitions: the pieces of a run that workers on other machines do on their own.

With ``--executor dask`` the parent does not read the corpus: it plans
partitions and each worker reads its partition's input, runs the pipeline and
writes the partition's output file itself, so inputs and outputs must be on a
filesystem every worker sees (docs/scaling.md). A partition is

- one input file, written where the local executor writes it
  (``--output-dir`` mirrors the input tree, corpuskit.plan); or
- for an uncompressed UTF-8 JSONL file bigger than ``partition_bytes``, a range
  of its lines (cut at line starts), written to a shard of that output:
  ``DIR/big.jsonl`` becomes ``DIR/big-00000-of-00004.jsonl`` ... whose
  concatenation is what the local executor writes. Compressed files cannot be
  entered in the middle and stay whole.

Each partition's output is published atomically with a manifest
(corpuskit.resume), so ``--resume`` redoes exactly the partitions that did not
finish. The worker checks the manifest itself: the parent never reads the
inputs, which may be terabytes on a shared filesystem.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from corpuskit.io.decoding import binary_kind, encoding_from_bom
from corpuskit.io.readers import InputError, LineRange, detect_compression, is_jsonl_name, read_input
from corpuskit.io.writers import JsonlWriter
from corpuskit.parallel import batches
from corpuskit.pipeline import StageSetupError
from corpuskit.plan import PlanError, Unit, prepare_output
from corpuskit.resume import remove_manifest, up_to_date, write_manifest

#: A JSONL file bigger than this is cut into line ranges of about this size:
#: big enough that a partition's start-up (a task sent, a file opened) is
#: nothing beside its work (about a minute per worker at 1 MB/s), small enough
#: that a lost worker costs little and a few big files still spread over a cluster.
DEFAULT_PARTITION_BYTES = 64 << 20
_BLOCK = 1 << 20


@dataclass(frozen=True)
class Partition:
    index: int
    #: The unit (corpuskit.plan) whose input this partition reads.
    unit: int
    path: str
    output: str
    #: Where the output must stay inside (``--output-dir``).
    root: str
    #: A range of the input's lines; None for the whole file.
    lines: LineRange | None = None
    shard: int = 0
    shards: int = 1

    def describe(self) -> str:
        if self.lines is None:
            return self.path
        return f"{self.path} from line {self.lines.first_line:,} (part {self.shard + 1} of {self.shards})"


@dataclass
class PartitionResult:
    index: int
    #: ``records``, ``failed_records``, ``input_errors`` as in a manifest.
    counts: dict[str, int] = field(default_factory=dict)
    #: ``--errors`` entries: unreadable documents and records a stage failed on.
    errors: list[dict[str, Any]] = field(default_factory=list)
    #: Problems that kept the document (bad bytes replaced...): how many, and
    #: the first ``MAX_WARNINGS`` as (source, message, line).
    warnings: int = 0
    warning_messages: list[tuple[str, str, int | None]] = field(default_factory=list)
    #: The output was up to date (``--resume``); counts and errors are its manifest's.
    skipped: bool = False
    #: False when the input could not be opened: nothing was published.
    complete: bool = True
    #: Why the partition failed (it published nothing); None when it did not.
    failure: str | None = None


def shard_name(output: str, shard: int, shards: int) -> str:
    """``DIR/big.jsonl`` -> ``DIR/big-00001-of-00004.jsonl`` (suffixes kept)."""
    directory, name = os.path.split(output)
    stem, dot, suffix = name.partition(".")
    return os.path.join(directory, f"{stem}-{shard:05d}-of-{shards:05d}{dot}{suffix}")


def splittable(path: str, input_format: str) -> bool:
    """Whether ``path`` is JSONL that can be read from the middle: uncompressed,
    UTF-8 (lines end at a newline byte), and text by its first bytes (a file the
    reader rejects as a whole must stay whole)."""
    if input_format == "text" or (input_format == "auto" and not is_jsonl_name(path)):
        return False
    try:
        with open(path, "rb") as stream:
            head = stream.read(8192)
    except OSError:
        return False  # the worker reports it
    return detect_compression(head) is None and encoding_from_bom(head)[0] == "utf-8" and binary_kind(head) is None


def line_ranges(path: str, size: int) -> list[LineRange]:
    """Cut ``path`` into ranges of about ``size`` bytes, each starting at a line
    start; one scan for newlines (at disk speed), nothing parsed."""
    starts = [(0, 1)]  # (byte offset, line number)
    position = lines = 0  # bytes and newlines before the current block
    last = size - 1  # a range ends at the first newline at or after this byte
    with open(path, "rb") as stream:
        while block := stream.read(_BLOCK):
            while last - position < len(block):
                newline = block.find(b"\n", max(last - position, 0))
                if newline < 0:
                    break  # that newline is in a later block
                cut = position + newline + 1
                starts.append((cut, lines + block.count(b"\n", 0, newline + 1) + 1))
                last = cut + size - 1
            lines += block.count(b"\n")
            position += len(block)
    starts = [start for start in starts if start[0] < position or start[0] == 0]
    ends = [offset for offset, _ in starts[1:]] + [None]
    return [
        LineRange(offset, None if end is None else end - offset, first_line)
        for (offset, first_line), end in zip(starts, ends)
    ]


def plan_partitions(units: list[Unit], *, input_format: str, partition_bytes: int) -> list[Partition]:
    """The partitions of ``units`` (each unit one input file under ``--output-dir``)."""
    partitions: list[Partition] = []
    taken = {unit.output for unit in units}
    for unit in units:
        if unit.output is None or unit.root is None or len(unit.inputs) != 1:
            raise PlanError("a cluster run writes one file per input: give --output-dir DIR")
        path = unit.inputs[0]
        ranges: list[LineRange] = []
        try:
            if os.path.getsize(path) > partition_bytes and splittable(path, input_format):
                ranges = line_ranges(path, partition_bytes)
        except OSError:
            pass  # the worker reports the input as unreadable
        if len(ranges) < 2:
            partitions.append(Partition(len(partitions), unit.index, path, unit.output, unit.root))
            continue
        for shard, lines in enumerate(ranges):
            output = shard_name(unit.output, shard, len(ranges))
            if output in taken:
                raise PlanError(f"{path}: its part {output} would overwrite the output of another input")
            taken.add(output)
            partitions.append(
                Partition(len(partitions), unit.index, path, output, unit.root, lines, shard, len(ranges))
            )
    return partitions


class PartitionTask:
    """What a worker runs on a partition: read it, run the pipeline, publish
    its output and manifest. Errors in one record stay in that record; anything
    else that goes wrong fails only this partition (its output is not
    published), except a stage that cannot load, which fails the run.

    ``record_task`` is ``corpuskit.job``'s per-record task; ``read_options``
    those of ``read_input``; ``settings`` the run's fingerprint for manifests."""

    def __init__(self, record_task: Any, read_options: dict[str, Any], settings: str, resume: bool):
        self.record_task, self.read_options = record_task, read_options
        self.settings, self.resume = settings, resume

    def setup(self) -> None:
        self.record_task.setup()

    def apply(self, partition: Partition) -> PartitionResult:
        result = PartitionResult(partition.index)
        if self.resume:
            manifest = up_to_date(partition.output, [partition.path], self.settings, partition.lines)
            if manifest is not None:
                result.counts, result.errors, result.skipped = manifest["counts"], manifest["errors"], True
                return result
        try:
            self._run(partition, result)
        except StageSetupError:
            raise
        except Exception as error:  # this partition only: the run reports it and goes on
            result.failure = f"{type(error).__name__}: {error}"
        return result

    def _run(self, partition: Partition, result: PartitionResult) -> None:
        from corpuskit.job import error_entry, new_error_entries, raw_line

        counts = {"records": 0, "failed_records": 0, "input_errors": 0}
        record_errors: list[dict[str, Any]] = []
        read_errors: list[dict[str, Any]] = []

        def on_error(error: InputError) -> None:
            read_errors.append(error_entry(error))
            result.complete = result.complete and not error.unopened

        prepare_output(Unit(partition.unit, [partition.path], partition.output, root=partition.root))
        remove_manifest(partition.output)
        digest = hashlib.sha256()
        writer = JsonlWriter(partition.output, serialize=raw_line)
        records = read_input(
            partition.path,
            on_error=on_error,
            on_warning=_collect(result),
            digest=digest,
            line_range=partition.lines,
            **self.read_options,
        )
        try:
            for batch in batches(records):  # as the local executor runs them (Pipeline.run_batch)
                for written in self.record_task.apply_batch(batch):
                    writer.write(written.line)
                    counts["records"] += 1
                    if written.new_errors:
                        counts["failed_records"] += 1
                        record_errors.extend(new_error_entries(written))
        except BaseException:
            writer.close(publish=False)
            raise
        counts["input_errors"] = len(read_errors)
        # The local executor's order: a unit's record errors, then its read errors.
        result.counts, result.errors = counts, record_errors + read_errors
        if not result.complete:
            writer.close(publish=False)
            return
        writer.close()
        write_manifest(
            partition.output,
            settings=self.settings,
            inputs=[(partition.path, digest.hexdigest())],
            written=(writer.size, writer.sha256),
            counts=counts,
            errors=result.errors,
            line_range=partition.lines,
        )


#: Warnings a partition sends back: enough to show what happened, never a
#: corpus's worth of messages through the scheduler.
MAX_WARNINGS = 100


def _collect(result: PartitionResult) -> Callable[[InputError], None]:
    def warning(error: InputError) -> None:
        result.warnings += 1
        if len(result.warning_messages) < MAX_WARNINGS:
            result.warning_messages.append((error.source, error.message, error.line))

    return warning
