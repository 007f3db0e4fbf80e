"""``--executor dask``: partitions on a Dask cluster.

Without ``--scheduler`` a ``LocalCluster`` of ``--workers`` processes (one
thread each) is started for the run and stopped after it; with one, the run
uses that cluster and leaves it running. The task (under a kilobyte: stages
pickle their options, not their resources) travels with each item, and each
worker process keeps the first copy it sets up, so every stage loads its
resources once per worker process, as with the local pool. It is not
scattered: data scattered to a worker that dies is lost, and with it every
item still to run.

Dask retries an item whose worker died (and reruns one whose result was lost
with its worker: a partition's output is replaced atomically with the same
bytes); an item that killed workers every time comes back as ``TaskFailed``
and the run goes on with the others.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from concurrent.futures import CancelledError
from collections.abc import Iterable, Iterator
from typing import Any

from corpuskit.executors import ExecutorError, TaskFailed
from corpuskit.parallel import THREAD_VARIABLES, Task

#: One BLAS/torch thread per worker process, as in the local pool: the cluster
#: runs one item per core already.
_WORKER_ENV = {name: "1" for name in THREAD_VARIABLES}
#: Seconds to wait for a scheduler given by address.
CONNECT_TIMEOUT = 30


class DaskExecutor:
    name, distributed = "dask", True

    def __init__(self, workers: int, scheduler: str | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ExecutorError("--executor dask needs Dask: pip install 'corpuskit[dask]'") from None
        self._cluster = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
            else:
                self._cluster = LocalCluster(
                    n_workers=max(1, workers),
                    threads_per_worker=1,
                    processes=True,
                    # The scheduler always serves HTTP: on any free port of
                    # this machine only, never a warning about a busy 8787.
                    dashboard_address="127.0.0.1:0",
                    silence_logs=logging.CRITICAL,  # a worker logs each failed task with its traceback
                    env=_WORKER_ENV,
                )
                self._client = Client(self._cluster, set_as_default=False)
        except (OSError, TimeoutError) as error:
            self.close()
            where = f"the Dask scheduler at {scheduler}" if scheduler else "a local Dask cluster"
            raise ExecutorError(f"cannot start {where}: {error}") from None
        self.workers = max(1, sum(self._client.nthreads().values()))

    def imap(self, task: Task, items: Iterable[Any], *, ordered: bool = True) -> Iterator[Any]:
        from distributed import as_completed

        client = self._client
        token = uuid.uuid4().hex
        window = 2 * self.workers
        pending = iter(enumerate(items))
        running = as_completed(loop=client.loop)
        inputs: dict[Any, tuple[int, Any]] = {}
        done: dict[int, Any] = {}
        next_out = 0

        def submit() -> bool:
            try:
                number, item = next(pending)
            except StopIteration:
                return False
            future = client.submit(_apply, token, task, item, pure=False)
            inputs[future.key] = (number, item)
            running.add(future)
            return True

        # Items whose worker died while they were on it. Dask blames every task
        # a dying worker held, also one only queued beside the item that killed
        # it, so each is tried again at the end, alone on the cluster: an
        # innocent one then runs, the culprit fails on its own.
        suspects: list[tuple[int, Any]] = []

        def finish(number: int, result: Any) -> Iterator[Any]:
            nonlocal next_out
            if not ordered:
                yield result
                return
            done[number] = result
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1

        for _ in range(window):
            if not submit():
                break
        for future in running:
            number, item = inputs.pop(future.key)
            result = _result(future, item, last_try=False)
            future.release()
            submit()
            if result is _SUSPECT:
                suspects.append((number, item))
            else:
                yield from finish(number, result)
        for number, item in suspects:
            future = client.submit(_apply, token, task, item, pure=False)
            result = _result(future, item, last_try=True)
            future.release()
            yield from finish(number, result)

    def close(self) -> None:
        for part in (getattr(self, "_client", None), self._cluster):
            if part is not None:
                try:
                    part.close()
                except Exception:  # a cluster already gone is closed enough
                    pass


#: ``_result`` of an item whose worker died with it before its last try.
_SUSPECT = object()


def _result(future: Any, item: Any, *, last_try: bool) -> Any:
    """The item's result; ``TaskFailed`` when the cluster gave up on it (and
    this was its ``last_try``; else ``_SUSPECT``); an exception ``apply``
    raised is raised again here."""
    from distributed.client import FutureCancelledError
    from distributed.scheduler import KilledWorker

    try:
        return future.result()
    except KilledWorker as error:
        if not last_try:
            return _SUSPECT
        return TaskFailed(
            item, f"its worker died each of the {error.allowed_failures + 1} times it was tried, also alone"
        )
    except (FutureCancelledError, CancelledError) as error:
        return TaskFailed(item, f"cancelled by the cluster ({error})")


#: Per worker process: the task of each run, set up (``imap`` call -> task).
_tasks: dict[str, Task] = {}
_setup_lock = threading.Lock()


def _apply(token: str, task: Task, item: Any) -> Any:
    """On a worker: set the run's task up the first time this process sees
    it, and apply that copy (threads of one worker share it)."""
    ready = _tasks.get(token)
    if ready is None:
        with _setup_lock:
            ready = _tasks.get(token)
            if ready is None:
                for name, value in _WORKER_ENV.items():
                    os.environ.setdefault(name, value)
                task.setup()
                _tasks.clear()  # a long-lived worker serves one run after another
                _tasks[token] = ready = task
    return ready.apply(item)
