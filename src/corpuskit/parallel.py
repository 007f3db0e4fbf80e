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

import itertools
import multiprocessing
import os
import pickle
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol


class Task(Protocol):
    def setup(self) -> None: ...

    def apply(self, item: Any) -> Any: ...


_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")

#: Records per task: large enough to amortise pickling, small enough to keep order
#: latency and memory low.
CHUNK_SIZE = 16

_worker_task: Task | None = None


def _init_worker(pickled_task: bytes) -> None:
    global _worker_task
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Before the task is unpickled, so that no stage module can have loaded
    # numpy or torch with more threads.
    for name in _THREAD_VARIABLES:
        os.environ[name] = "1"
    _worker_task = pickle.loads(pickled_task)


def _run_chunk(chunk: list[Any]) -> list[Any]:
    # Set-up happens here rather than in the initializer: a failure then reaches
    # the parent as a StageSetupError instead of breaking the pool.
    assert _worker_task is not None
    _worker_task.setup()
    return [_worker_task.apply(item) for item in chunk]


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def parallel_map(task: Task, items: Iterable[Any], *, workers: int, chunk_size: int = CHUNK_SIZE) -> Iterator[Any]:
    """Yield ``task.apply(item)`` for every item, in input order."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(pickle.dumps(task),)
    ) as pool:
        pending: deque = deque()
        try:
            for chunk in _chunks(items, chunk_size):
                pending.append(pool.submit(_run_chunk, chunk))
                if len(pending) >= 2 * workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
