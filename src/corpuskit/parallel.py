"""Run a task over a stream in worker processes, in input order, with bounded memory.

A task is an object with ``setup()`` (load resources; run once per worker) and
``apply(item)``: a ``Pipeline`` (records in, records out), or the job's task that
also serializes each record so the parent only writes bytes.

``multiprocessing.Pool.imap`` reads its whole input ahead of the workers, so memory
would grow with the corpus; here at most ``2 * workers`` chunks are in flight.
Workers are started with ``spawn`` (no fork of a parent that may hold torch
threads), ignore Ctrl-C (the parent decides), run one BLAS/torch thread each, and
set up every stage once.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol


class Task(Protocol):
    """``apply`` one item; a task may also have ``apply_batch(items)`` (the
    results of ``apply`` on each, in order), which workers then use."""

    def setup(self) -> None: ...

    def apply(self, item: Any) -> Any: ...


#: Set to 1 in every worker process (also on a Dask cluster: executors/dask_cluster.py).
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")

#: Items per task, and characters of text per task: a task ends at whichever
#: comes first. Each hand-over between the parent and a worker costs a wait
#: for the parent to be scheduled (on 2 cores it shares them with 2 workers),
#: so tasks are large; the character budget keeps memory bounded however long
#: the documents (at most 2 * workers tasks are in flight).
CHUNK_SIZE = 128
CHUNK_CHARS = 1_000_000

_worker_task: Task | None = None


def _init_worker(pickled_task: bytes) -> None:
    global _worker_task
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Before the task is unpickled, so that no stage module can have loaded
    # numpy or torch with more threads.
    for name in THREAD_VARIABLES:
        os.environ[name] = "1"
    _worker_task = pickle.loads(pickled_task)


def _run_chunk(chunk: list[Any]) -> list[Any]:
    # Set-up happens here rather than in the initializer: a failure then reaches
    # the parent as a StageSetupError instead of breaking the pool.
    assert _worker_task is not None
    _worker_task.setup()
    apply_batch = getattr(_worker_task, "apply_batch", None)
    if apply_batch is not None:
        return apply_batch(chunk)
    return [_worker_task.apply(item) for item in chunk]


def batches(items: Iterable[Any], size: int = CHUNK_SIZE, chars: int = CHUNK_CHARS) -> Iterator[list[Any]]:
    """``items`` in lists of at most ``size`` items and about ``chars``
    characters of text (the ``text`` of dict items)."""
    return _chunks(items, size, chars)


def _chunks(items: Iterable[Any], size: int, chars: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    weight = 0
    for item in items:
        chunk.append(item)
        text = item.get("text") if isinstance(item, dict) else None
        weight += len(text) if isinstance(text, str) else 0
        if len(chunk) >= size or weight >= chars:
            yield chunk
            chunk, weight = [], 0
    if chunk:
        yield chunk


def parallel_map(
    task: Task, items: Iterable[Any], *, workers: int, chunk_size: int = CHUNK_SIZE, chunk_chars: int = CHUNK_CHARS
) -> Iterator[Any]:
    """Yield ``task.apply(item)`` for every item, in input order. Items that
    are records (dicts with a ``text``) count their text towards ``chunk_chars``."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(pickle.dumps(task),)
    ) as pool:
        pending: deque = deque()
        try:
            for chunk in _chunks(items, chunk_size, chunk_chars):
                pending.append(pool.submit(_run_chunk, chunk))
                if len(pending) >= 2 * workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
