"""Executors: where a run's work is done, behind one small interface.

An executor maps a task (an object with ``setup()``, run once per worker, and
``apply(item)``; see corpuskit.parallel) over a stream of items:

- ``local`` (the default): in this process with one worker, else in a pool of
  worker processes on this machine (corpuskit.parallel). The items are records:
  this process reads the inputs and writes the outputs.
- ``dask`` (``corpuskit[dask]``): on a Dask cluster, a ``LocalCluster`` or a
  scheduler's address (executors/dask_cluster.py). The items are partitions
  (corpuskit.partitions): each worker reads and writes its own files.

Another engine (Ray, ...) is one more class with ``imap`` and ``close``; the
stages do not change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from corpuskit.parallel import Task

EXECUTORS = ("local", "dask")


class ExecutorError(RuntimeError):
    """An executor cannot start (Dask missing, a scheduler out of reach): a
    message meant for the user."""


@dataclass
class TaskFailed:
    """An item an engine gave up on (its worker died every time it was tried)."""

    item: Any
    message: str


class Executor(Protocol):
    name: str
    #: How many items are worked on at once.
    workers: int
    #: True when the workers may be other machines: they are handed partitions
    #: and read and write files themselves (``--output-dir`` on shared storage).
    distributed: bool

    def imap(self, task: Task, items: Iterable[Any], *, ordered: bool = True) -> Iterator[Any]:
        """``task.apply(item)`` for every item: in input order, or as they
        finish when not ``ordered``; at most a few items per worker in flight.
        An exception ``apply`` raises is raised here, except that an engine
        that can lose workers yields ``TaskFailed`` for an item it gave up on."""
        ...

    def close(self) -> None:
        """Stop the workers (also after an interrupted ``imap``)."""
        ...


class InProcess:
    """In this process. With ``batch``, a task that has ``apply_batch`` gets
    the items in batches (``corpuskit.parallel.batches``): faster, but an item
    comes out only when its batch is read."""

    name, workers, distributed = "local", 1, False

    def __init__(self, batch: bool = True):
        self.batch = batch

    def imap(self, task: Task, items: Iterable[Any], *, ordered: bool = True) -> Iterator[Any]:
        apply_batch = getattr(task, "apply_batch", None)
        if not self.batch or apply_batch is None:
            return map(task.apply, items)
        from corpuskit.parallel import batches

        return (result for batch in batches(items) for result in apply_batch(batch))

    def close(self) -> None:
        pass


class ProcessPool:
    """Worker processes on this machine; results always come in input order."""

    name, distributed = "local", False

    def __init__(self, workers: int):
        self.workers = workers
        self._running: list[Any] = []

    def imap(self, task: Task, items: Iterable[Any], *, ordered: bool = True) -> Iterator[Any]:
        from corpuskit.parallel import parallel_map

        mapped = parallel_map(task, items, workers=self.workers)
        self._running.append(mapped)
        return mapped

    def close(self) -> None:
        for mapped in self._running:
            mapped.close()  # stops the worker processes early
        self._running.clear()


def open_executor(name: str, workers: int, scheduler: str | None = None, *, batch: bool = True) -> Executor:
    """The executor called ``name``; raises ``ExecutorError`` when it cannot
    start. ``scheduler`` is for ``dask`` only. ``batch=False``: one worker in
    this process hands each item on as soon as it is done."""
    if name == "local":
        return InProcess(batch) if workers <= 1 else ProcessPool(workers)
    if name == "dask":
        from corpuskit.executors.dask_cluster import DaskExecutor

        return DaskExecutor(workers, scheduler)
    raise ExecutorError(f"unknown executor {name!r} (use {', '.join(EXECUTORS)})")
