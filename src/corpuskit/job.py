"""One run from inputs to JSONL output: what every CLI command calls.

``run_job`` reads the inputs, runs the pipeline, writes the records and counts
what happened; it prints nothing itself. The caller passes callbacks for input
errors, failed records and progress, and turns the returned ``JobResult`` into an
exit code (docs/cli.md).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from corpuskit.io.readers import InputError, read_inputs
from corpuskit.io.writers import JsonlWriter, dumps
from corpuskit.pipeline import Pipeline, build_stages, process


@dataclass
class JobResult:
    records: int = 0
    failed_records: int = 0
    input_errors: int = 0
    stages: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.failed_records or self.input_errors)


def _ignore(*_: Any) -> None:
    pass


def _serializer(output_format: str) -> Callable[[dict[str, Any]], bytes]:
    """``jsonl`` (the default) or ``conllu`` (sentences and tokens, for UD tools)."""
    if output_format == "jsonl":
        return dumps
    if output_format == "conllu":
        from corpuskit.stages.tokenize import to_conllu

        return lambda record: to_conllu(record).encode("utf-8")
    raise ValueError(f"unknown output format {output_format!r} (use jsonl or conllu)")


def _counting(records: Iterable[dict[str, Any]], counts: deque[int]) -> Iterator[dict[str, Any]]:
    """Pass records on, noting each one's error count in input order (output
    order is input order, so the parent pops them in step)."""
    for record in records:
        counts.append(len(record["errors"]))
        yield record


def run_job(
    inputs: Sequence[str],
    *,
    stages: Sequence[str],
    options: dict[str, Any] | None = None,
    output: str | None = None,
    workers: int = 1,
    input_format: str = "auto",
    text_field: str = "text",
    id_field: str = "id",
    globs: Sequence[str] = (),
    on_input_error: Callable[[InputError], None] = _ignore,
    on_record_error: Callable[[dict[str, Any]], None] = _ignore,
    on_record: Callable[[dict[str, Any]], None] = _ignore,
    stdin: IO[bytes] | None = None,
    stdout: IO[bytes] | None = None,
    output_format: str = "jsonl",
) -> JobResult:
    """Run ``stages`` over ``inputs`` and write JSONL to ``output`` (stdout if None)."""
    pipeline = Pipeline(build_stages(stages, options), options)
    result = JobResult(stages=pipeline.names)

    def input_error(error: InputError) -> None:
        result.input_errors += 1
        on_input_error(error)

    records = read_inputs(
        inputs or ["-"],
        input_format=input_format,
        text_field=text_field,
        id_field=id_field,
        globs=globs,
        on_error=input_error,
        stdin=stdin,
    )
    # Errors a record already carried (from an earlier command in a pipe) are
    # not failures of this run; remember how many each record came in with.
    errors_before: deque[int] = deque()
    processed = process(_counting(records, errors_before), pipeline, workers=workers)
    try:
        with JsonlWriter(output, stdout=stdout, serialize=_serializer(output_format)) as writer:
            for record in processed:
                writer.write(record)
                result.records += 1
                if len(record["errors"]) > errors_before.popleft():
                    result.failed_records += 1
                    on_record_error(record)
                on_record(record)
    finally:
        processed.close()  # type: ignore[attr-defined]  # stops worker processes early
    return result
