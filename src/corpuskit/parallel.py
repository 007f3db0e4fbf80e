"""Run a pipeline in worker processes, streaming, in input order, with bounded memory.

``multiprocessing.Pool.imap`` reads its whole input ahead of the workers, so memory
would grow with the corpus; here at most ``2 * workers`` chunks are in flight.
Workers are started with ``spawn`` (no fork of a parent that may hold torch
threads), ignore Ctrl-C (the parent decides), run one BLAS/torch thread each, and
set up every stage once.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import pickle
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from corpuskit.pipeline import Pipeline

_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")

#: Records per task: large enough to amortise pickling, small enough to keep order
#: latency and memory low.
CHUNK_SIZE = 16

_worker_pipeline: Pipeline | None = None


def _init_worker(pickled_pipeline: bytes) -> None:
    global _worker_pipeline
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Before the pipeline is unpickled, so that no stage module can have loaded
    # numpy or torch with more threads.
    for name in _THREAD_VARIABLES:
        os.environ[name] = "1"
    _worker_pipeline = pickle.loads(pickled_pipeline)


def _run_chunk(chunk: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # Set-up happens here rather than in the initializer: a failure then reaches
    # the parent as a StageSetupError instead of breaking the pool.
    assert _worker_pipeline is not None
    _worker_pipeline.setup()
    return [_worker_pipeline.run_one(record) for record in chunk]


def _chunks(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(records)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def parallel_map(
    pipeline: Pipeline, records: Iterable[dict[str, Any]], *, workers: int, chunk_size: int = CHUNK_SIZE
) -> Iterator[dict[str, Any]]:
    """Yield ``pipeline.run_one(record)`` for every record, in input order."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(pickle.dumps(pipeline),)
    ) as pool:
        pending: deque = deque()
        try:
            for chunk in _chunks(records, chunk_size):
                pending.append(pool.submit(_run_chunk, chunk))
                if len(pending) >= 2 * workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
