"""A run on a cluster (``--executor dask``): this process plans the partitions
(corpuskit.partitions) and hands them to the executor's workers, which read
their inputs and write their outputs themselves; it only counts and reports
what comes back, and writes ``--errors``.

What differs from a local run: ``--errors`` entries come in the order the
partitions finish (each names its source and line), and a partition that
failed (its worker died each time it was tried, or its output could not be
written) is reported with its input and left unpublished, so that
``--resume`` does only what is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from corpuskit.executors import Executor, TaskFailed
from corpuskit.io.readers import InputError
from corpuskit.io.writers import JsonlWriter
from corpuskit.partitions import Partition, PartitionResult, PartitionTask, plan_partitions
from corpuskit.plan import Unit
from corpuskit.resume import remove_stale_parts


def run_partitions(
    units: list[Unit],
    *,
    executor: Executor,
    task: PartitionTask,
    result: Any,
    input_format: str,
    partition_bytes: int,
    errors_path: str | None,
    walk_errors: list[dict[str, Any]],
    on_input_error: Callable[[InputError], None],
    on_warning: Callable[[InputError], None],
    on_record_error: Callable[[str, dict[str, Any]], None],
    on_record: Callable[[str], None],
    on_skip: Callable[[str], None],
    on_partition_failed: Callable[[str, str], None],
) -> Any:
    """Run ``task`` over the partitions of ``units`` on ``executor``; fills and
    returns ``result`` (a ``JobResult``). Closes the executor."""
    from corpuskit.job import JobInterrupted, entry_line

    try:
        partitions = plan_partitions(units, input_format=input_format, partition_bytes=partition_bytes)
        result.units, result.workers = len(partitions), executor.workers
        if task.resume:
            remove_stale_parts([partition.output for partition in partitions])
        errors = JsonlWriter(errors_path, serialize=entry_line) if errors_path else None
        try:
            for entry in walk_errors:
                errors and errors.write(entry)
            for outcome in executor.imap(task, partitions, ordered=False):
                if isinstance(outcome, TaskFailed):
                    _failed(result, outcome.item, outcome.message, on_partition_failed)
                    continue
                partition = partitions[outcome.index]
                if outcome.failure is not None:
                    _failed(result, partition, outcome.failure, on_partition_failed)
                    continue
                _count(result, partition, outcome, on_input_error, on_warning, on_record_error, on_record, on_skip)
                for entry in outcome.errors:
                    errors and errors.write(entry)
            if errors:
                errors.close()
        except KeyboardInterrupt:
            if errors:
                errors.close(publish=False)
            raise JobInterrupted(result) from None
        except BaseException:
            if errors:
                errors.close(publish=False)
            raise
    finally:
        executor.close()
    return result


def _failed(result: Any, partition: Partition, message: str, report: Callable[[str, str], None]) -> None:
    result.failed_partitions.append(partition.describe())
    report(partition.describe(), message)


def _count(
    result: Any,
    partition: Partition,
    outcome: PartitionResult,
    on_input_error: Callable[[InputError], None],
    on_warning: Callable[[InputError], None],
    on_record_error: Callable[[str, dict[str, Any]], None],
    on_record: Callable[[str], None],
    on_skip: Callable[[str], None],
) -> None:
    counts = outcome.counts
    result.records += counts["records"]
    result.failed_records += counts["failed_records"]
    result.input_errors += counts["input_errors"]
    if outcome.skipped:  # up to date: counted as a local --resume counts it, without messages
        result.skipped_units += 1
        on_skip(partition.output)
        return
    result.finished_units += 1
    result.warnings += outcome.warnings
    for source, message, line in outcome.warning_messages:
        on_warning(InputError(source, message, line))
    for entry in outcome.errors:
        if entry["stage"] == "read":
            on_input_error(InputError(entry["source"], entry["cause"], entry["line"]))
        else:
            on_record_error(entry["id"], {"stage": entry["stage"], "message": entry["cause"]})
    for _ in range(counts["records"]):
        on_record(partition.path)
