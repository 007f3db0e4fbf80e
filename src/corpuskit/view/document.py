"""The one document `corpuskit inspect` looks at: read it, run the pipeline on it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from corpuskit.io.readers import InputError, read_input


def load_document(
    path: str, *, record: int = 1, on_problem: Callable[[InputError], None] | None = None, **read_options: Any
) -> dict[str, Any]:
    """The ``record``-th document (from 1) of ``path``: a text file is one
    document, a JSONL file one per line (lines that are no document, such as
    malformed JSON, do not count; those met on the way go to ``on_problem``).
    Reading stops at the document wanted. Raises ``InputError`` when there is
    no such document: the file's last problem when it gave none at all."""
    if record < 1:
        raise ValueError("record numbers start at 1")
    problems: list[InputError] = []
    seen = 0
    for document in read_input(path, on_error=problems.append, **read_options):
        seen += 1
        if seen == record:
            for problem in problems if on_problem is not None else ():
                on_problem(problem)
            return document
    if seen == 0 and problems:
        raise problems[-1]
    found = "no document" if seen == 0 else f"only {seen} document{'s' if seen > 1 else ''}"
    raise InputError(path, f"{found}; asked for record {record}")


def inspect_document(
    path: str,
    *,
    record: int = 1,
    stages: Sequence[str] | None = None,
    options: dict[str, Any] | None = None,
    **read_options: Any,
) -> dict[str, Any]:
    """``load_document`` and the pipeline (every default stage unless
    ``stages`` says otherwise) on it: the record `inspect` shows."""
    from corpuskit.pipeline import DEFAULT_STAGES, Pipeline, build_stages

    options = options or {}
    document = load_document(path, record=record, **read_options)
    pipeline = Pipeline(build_stages(list(stages or DEFAULT_STAGES), options), options)
    return pipeline.run_one(document)
