"""One run from inputs to outputs: what every CLI command calls.

``run_job`` plans the units (``corpuskit.plan``), skips the finished ones with
``resume``, reads the rest as one stream of records, runs the pipeline over it
(in worker processes with ``workers > 1``), and writes each unit's output
atomically, with a manifest for ``--resume``. It accounts for every document:
each one comes out as a record or as an error entry (``errors_path``), so that
documents in = records out + errors. It prints nothing itself: the caller
passes callbacks and turns the returned ``JobResult`` into an exit code
(docs/cli.md).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from corpuskit.executors import open_executor
from corpuskit.io.readers import DEFAULT_MAX_CHARS, STDIN, InputError, read_input
from corpuskit.io.writers import JsonlWriter, dumps
from corpuskit.record import add_error
from corpuskit.partitions import DEFAULT_PARTITION_BYTES
from corpuskit.pipeline import Pipeline, build_stages
from corpuskit.plan import PlanError, Unit, plan_units, prepare_output
from corpuskit.resume import remove_manifest, remove_stale_parts, settings_fingerprint, up_to_date, write_manifest


@dataclass
class JobResult:
    #: Records written (including those carrying stage errors).
    records: int = 0
    #: Records a stage failed on in this run (written, with ``errors``).
    failed_records: int = 0
    #: Error entries: documents (or whole inputs) that could not be read.
    input_errors: int = 0
    warnings: int = 0
    units: int = 0
    finished_units: int = 0
    skipped_units: int = 0
    workers: int = 1
    stages: list[str] = field(default_factory=list)
    #: Partitions a cluster run could not finish (``--resume`` does them).
    failed_partitions: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No document was lost (stage errors are allowed; see ``--strict``)."""
        return not self.input_errors and not self.failed_partitions


class JobInterrupted(KeyboardInterrupt):
    """Ctrl-C during a run; carries what was finished before it."""

    def __init__(self, result: JobResult):
        super().__init__()
        self.result = result


@dataclass
class _UnitEnd:
    """Travels through the pipeline after a unit's records: the unit is read."""

    index: int
    errors: list[dict[str, Any]]
    inputs: list[tuple[str, str]]
    #: False when an input could not be opened: no output, nothing to resume.
    complete: bool = True
    #: The manifest of a unit ``--resume`` found up to date (nothing was read).
    skipped: dict[str, Any] | None = None


@dataclass
class _Written:
    """A record processed and serialized (in a worker, when there are workers)."""

    line: bytes
    id: str
    source: str
    new_errors: list[dict[str, Any]]


def _to_conllu(record: dict[str, Any]) -> bytes:
    from corpuskit.stages.tokenize import to_conllu

    return to_conllu(record).encode("utf-8")


_SERIALIZERS: dict[str, Callable[[dict[str, Any]], bytes]] = {"jsonl": dumps, "conllu": _to_conllu}


class _RecordTask:
    """Run the pipeline on a record and serialize it; markers pass through.
    Picklable, so it is what worker processes run."""

    def __init__(self, pipeline: Pipeline, output_format: str):
        if output_format not in _SERIALIZERS:
            raise ValueError(f"unknown output format {output_format!r} (use jsonl or conllu)")
        self.pipeline, self.output_format = pipeline, output_format

    def setup(self) -> None:
        self.pipeline.setup()
        _settle_resources()

    def apply(self, item: Any) -> Any:
        return self.apply_batch([item])[0]

    def apply_batch(self, items: list[Any]) -> list[Any]:
        """``apply`` on each item: the records run through the pipeline as one
        batch (``Pipeline.run_batch``), the markers pass through in place."""
        records = [item for item in items if isinstance(item, dict)]
        if not records:
            return items
        if not _settled:  # without workers, nothing called setup() before the first record
            self.setup()
        # Errors a record carried in (from an earlier command in a pipe) are not
        # failures of this run.
        before = {id(record): len(record["errors"]) for record in records}
        self.pipeline.run_batch(records)  # in place; a record's failure stays in its errors
        return [self._serialize(item, before[id(item)]) if isinstance(item, dict) else item for item in items]

    def _serialize(self, record: dict[str, Any], before: int) -> _Written:
        try:
            line = _SERIALIZERS[self.output_format](record)
        except Exception as error:  # no document may take the run down with it
            add_error(record, "pipeline", error)
            line = dumps(record) if self.output_format == "jsonl" else b""
        return _Written(line, record.get("id"), record.get("source"), record["errors"][before:])


_settled = False


def _settle_resources() -> None:
    """Once per process, after the stages are set up: their lexicons and models
    are a few million objects that live as long as the process, and every full
    garbage collection would walk them again. ``gc.freeze`` moves them out of
    its reach (3% of a whole run in benchmarks/scaling.py). A run is the whole
    life of a `corpuskit` process or worker, so nothing else is held back."""
    global _settled
    if not _settled:
        gc.collect()
        gc.freeze()
        _settled = True


def error_entry(error: InputError) -> dict[str, Any]:
    """One line of ``--errors``: a document (or an input) that did not come out."""
    return {"source": error.source, "line": error.line, "id": None, "stage": "read", "cause": error.message}


def new_error_entries(written: _Written) -> list[dict[str, Any]]:
    """The ``--errors`` entries of the stage errors a record got in this run."""
    return [
        {"source": written.source, "line": None, "id": written.id, "stage": error.get("stage"),
         "cause": error.get("message")}
        for error in written.new_errors
    ]


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _ignore(*_: Any) -> None:
    pass


def run_job(
    inputs: Sequence[str],
    *,
    stages: Sequence[str],
    options: dict[str, Any] | None = None,
    output: str | None = None,
    output_dir: str | None = None,
    errors_path: str | None = None,
    resume: bool = False,
    workers: int | None = 1,
    input_format: str = "auto",
    text_field: str = "text",
    id_field: str = "id",
    globs: Sequence[str] = (),
    encoding_errors: str = "strict",
    max_chars: int = DEFAULT_MAX_CHARS,
    on_input_error: Callable[[InputError], None] = _ignore,
    on_warning: Callable[[InputError], None] = _ignore,
    on_record_error: Callable[[str, dict[str, Any]], None] = _ignore,
    on_record: Callable[[str], None] = _ignore,
    on_skip: Callable[[str], None] = _ignore,
    stdin: IO[bytes] | None = None,
    stdout: IO[bytes] | None = None,
    output_format: str = "jsonl",
    executor: str = "local",
    scheduler: str | None = None,
    partition_bytes: int = DEFAULT_PARTITION_BYTES,
    on_partition_failed: Callable[[str, str], None] = _ignore,
) -> JobResult:
    """Run ``stages`` over ``inputs``; write to ``output`` (stdout if None) or
    one file per input under ``output_dir``.

    ``workers=None`` chooses: one per core when there is more than one input
    file, else one. ``executor`` is ``local`` or ``dask`` (corpuskit.executors;
    ``dask`` needs ``output_dir`` and hands partitions to the cluster at
    ``scheduler``, or to a local one of ``workers`` processes). Raises
    ``PlanError`` for a request that cannot work (a usage error),
    ``StageSetupError`` when a stage cannot load, ``ExecutorError`` when the
    executor cannot start, ``OSError`` when an output cannot be written,
    ``JobInterrupted`` on Ctrl-C.
    """
    pipeline = Pipeline(build_stages(stages, options), options)
    task = _RecordTask(pipeline, output_format)
    result = JobResult(stages=pipeline.names)
    inputs = list(inputs) or [STDIN]
    if output is not None and output_dir is not None:
        raise PlanError("give -o FILE or --output-dir DIR, not both")
    if resume and output in (None, "-") and output_dir is None:
        raise PlanError("--resume needs -o FILE or --output-dir DIR: there is nothing to resume on stdout")
    if resume and STDIN in inputs:
        raise PlanError("--resume cannot tell whether stdin changed; give files")
    if executor != "local" and output_dir is None:
        raise PlanError(
            f"--executor {executor} writes one file per input (or part of one) from the workers: give --output-dir DIR "
            "on storage every worker can reach"
        )

    walk_errors: list[dict[str, Any]] = []

    def walk_error(error: InputError) -> None:
        result.input_errors += 1
        walk_errors.append(error_entry(error))
        on_input_error(error)

    if output_dir is not None:
        os.makedirs(output_dir, exist_ok=True)
        _check_writable(output_dir)
    units = plan_units(
        inputs,
        output=None if output == "-" else output,
        output_dir=output_dir,
        output_format=output_format,
        globs=globs,
        on_error=walk_error,
    )
    result.units = len(units)
    settings = settings_fingerprint(
        {
            "stages": pipeline.names,
            "options": {key: value for key, value in sorted((options or {}).items())},
            "input_format": input_format,
            "text_field": text_field,
            "id_field": id_field,
            "encoding_errors": encoding_errors,
            "max_chars": max_chars,
            "output_format": output_format,
        }
    )
    if executor != "local":
        from corpuskit.cluster_job import run_partitions
        from corpuskit.partitions import PartitionTask

        read_options = {
            "input_format": input_format,
            "text_field": text_field,
            "id_field": id_field,
            "encoding_errors": encoding_errors,
            "max_chars": max_chars,
        }
        return run_partitions(
            units,
            executor=open_executor(executor, workers or available_cores(), scheduler),
            task=PartitionTask(task, read_options, settings, resume),
            result=result,
            input_format=input_format,
            partition_bytes=partition_bytes,
            errors_path=errors_path,
            walk_errors=walk_errors,
            on_input_error=on_input_error,
            on_warning=on_warning,
            on_record_error=on_record_error,
            on_record=on_record,
            on_skip=on_skip,
            on_partition_failed=on_partition_failed,
        )
    manifests: dict[int, dict[str, Any]] = {}
    if resume:
        outputs = [unit.output for unit in units if unit.output]
        remove_stale_parts(outputs)
        for unit in units:
            manifest = up_to_date(unit.output, unit.inputs, settings) if unit.output else None
            if manifest is not None:
                manifests[unit.index] = manifest
    todo_inputs = sum(len(unit.inputs) for unit in units if unit.index not in manifests)
    if workers is None:
        workers = min(available_cores(), todo_inputs) if todo_inputs > 1 else 1
    result.workers = max(1, workers)

    def items() -> Iterator[Any]:
        for unit in units:
            if unit.index in manifests:
                yield _UnitEnd(unit.index, [], [], skipped=manifests[unit.index])
                continue
            end = _UnitEnd(unit.index, [], [])

            def input_error(error: InputError, end: _UnitEnd = end) -> None:
                result.input_errors += 1
                end.errors.append(error_entry(error))
                end.complete = end.complete and not error.unopened
                on_input_error(error)

            def warning(error: InputError) -> None:
                result.warnings += 1
                on_warning(error)

            for path in unit.inputs:
                digest = hashlib.sha256() if path != STDIN else None
                yield from read_input(
                    path,
                    input_format=input_format,
                    text_field=text_field,
                    id_field=id_field,
                    encoding_errors=encoding_errors,
                    max_chars=max_chars,
                    on_error=input_error,
                    on_warning=warning,
                    stdin=stdin,
                    digest=digest,
                    _stdin_state=stdin_state,
                )
                end.inputs.append((path, digest.hexdigest() if digest else ""))
            yield end

    stdin_state: dict[str, Any] = {}
    # Records go through the pipeline in batches (1.3x as fast: Pipeline.run_batch),
    # except from stdin, where a batch would hold back the records already read
    # until more arrive (`tail -f log | corpuskit langid` answers line by line).
    local = open_executor("local", result.workers, batch=STDIN not in inputs)
    processed = local.imap(task, items())
    writer = _Outputs(units, stdout, errors_path, settings, result, on_record_error, on_record, on_skip)
    try:
        writer.write_entries(walk_errors)
        for item in processed:
            writer.take(item)
        writer.close()
    except KeyboardInterrupt:
        writer.abort()
        raise JobInterrupted(result) from None
    except BaseException:
        writer.abort()
        raise
    finally:
        local.close()  # stops worker processes early
    return result


def _check_writable(directory: str) -> None:
    """Fail before any work when the output directory cannot take files."""
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=directory):
            pass
    except OSError as error:
        raise OSError(error.errno, error.strerror, directory) from None


class _Outputs:
    """The writing side of a run: one output per unit (or stdout), the errors
    file, the manifests, and the counts."""

    def __init__(self, units, stdout, errors_path, settings, result, on_record_error, on_record, on_skip):
        self.units: list[Unit] = units
        self.stdout, self.settings, self.result = stdout, settings, result
        self.on_record_error, self.on_record, self.on_skip = on_record_error, on_record, on_skip
        self.errors = JsonlWriter(errors_path, serialize=entry_line) if errors_path else None
        self.single = len(units) == 1 and units[0].root is None
        self.writer: JsonlWriter | None = None
        self.unit_counts = _new_counts()
        self.unit_errors: list[dict[str, Any]] = []

    def _open(self, unit: Unit) -> JsonlWriter:
        if self.writer is None:
            if unit.output is not None:
                prepare_output(unit)
                remove_manifest(unit.output)
            self.writer = JsonlWriter(unit.output, stdout=self.stdout, serialize=raw_line)
        return self.writer

    def take(self, item: Any) -> None:
        if isinstance(item, _UnitEnd):
            self._end_unit(item)
            return
        unit = self.units[self.result.finished_units + self.result.skipped_units]
        self._open(unit).write(item.line)
        self.result.records += 1
        self.unit_counts["records"] += 1
        if item.new_errors:
            self.result.failed_records += 1
            self.unit_counts["failed_records"] += 1
            self.unit_errors.extend(new_error_entries(item))
            self.on_record_error(item.id, item.new_errors[-1])
        self.on_record(item.source)

    def _end_unit(self, end: _UnitEnd) -> None:
        unit = self.units[end.index]
        if end.skipped is not None:
            self.result.skipped_units += 1
            counts = end.skipped["counts"]
            self.result.records += counts["records"]
            self.result.failed_records += counts["failed_records"]
            self.result.input_errors += counts["input_errors"]
            self.write_entries(end.skipped["errors"])
            self.on_skip(unit.output)
            return
        entries = self.unit_errors + end.errors
        self.unit_counts["input_errors"] = len(end.errors)
        with _signals_held():
            self._finish(unit, end, entries)

    def _finish(self, unit: Unit, end: _UnitEnd, entries: list[dict[str, Any]]) -> None:
        if end.complete or self.single:
            writer = self._open(unit)
            writer.close()
            if unit.output is not None and end.complete:
                write_manifest(
                    unit.output,
                    settings=self.settings,
                    inputs=end.inputs,
                    written=(writer.size, writer.sha256),
                    counts=self.unit_counts,
                    errors=entries,
                )
        elif self.writer is not None:
            self.writer.close(publish=False)
        self.writer = None
        self.write_entries(entries)
        self.unit_counts, self.unit_errors = _new_counts(), []
        self.result.finished_units += 1

    def write_entries(self, entries: list[dict[str, Any]]) -> None:
        if self.errors is not None:
            for entry in entries:
                self.errors.write(entry)

    def close(self) -> None:
        if self.errors is not None:
            self.errors.close()

    def abort(self) -> None:
        """Leave no temporary file and publish nothing unfinished."""
        for writer in (self.writer, self.errors):
            if writer is not None:
                try:
                    writer.close(publish=False)
                except (OSError, ValueError):
                    pass


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while a unit is published: its output is renamed
    into place and its manifest written, or neither, so that what an
    interrupted run reports as finished is exactly what ``--resume`` skips.

    Python-level handlers are swapped rather than the signals blocked: any
    thread (an OpenBLAS one) may receive a signal, and the main thread then
    runs its handler, so a thread's signal mask is not enough."""
    held = (signal.SIGINT, signal.SIGTERM)
    pending: list[int] = []
    try:
        previous = {number: signal.signal(number, lambda number, _: pending.append(number)) for number in held}
    except ValueError:  # not the main thread (an embedding application): nothing to hold
        yield
        return
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for number in pending[:1]:
            handler = previous[number]
            if callable(handler):
                handler(number, None)  # raises KeyboardInterrupt, as it would have
            elif handler == signal.SIG_DFL:
                os.kill(os.getpid(), number)


def _new_counts() -> dict[str, int]:
    return {"records": 0, "failed_records": 0, "input_errors": 0}


def raw_line(line: bytes) -> bytes:
    return line


def entry_line(entry: dict[str, Any]) -> bytes:
    return json.dumps(entry, ensure_ascii=False).encode("utf-8", "backslashreplace") + b"\n"
