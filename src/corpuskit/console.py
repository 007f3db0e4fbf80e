"""What a person sees on stderr: warnings, errors, and progress when stderr is a terminal.

Nothing here writes to stdout, which belongs to the JSONL stream. rich is imported
only when a progress display is actually shown, so pipes start fast.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

import click

from corpuskit.io.readers import InputError


class Reporter:
    """Collects the callbacks ``run_job`` takes and shows them to the user."""

    def __init__(self, *, quiet: bool = False, progress: bool | None = None, batch: bool = False):
        self.quiet = quiet
        #: Output goes to files, so stderr is the run's only voice: always sum up.
        self.batch = batch
        self.show_progress = sys.stderr.isatty() and not quiet if progress is None else progress
        self._progress: Any = None
        self._task: Any = None
        self._count = 0
        self._started = time.monotonic()

    # -- messages ---------------------------------------------------------
    def error(self, message: str) -> None:
        self._print(f"corpuskit: error: {message}")

    def warning(self, message: str) -> None:
        if not self.quiet:
            self._print(f"corpuskit: warning: {message}")

    def _print(self, message: str) -> None:
        if self._progress is not None:
            self._progress.console.print(message, markup=False, highlight=False)
        else:
            click.echo(message, err=True)

    # -- callbacks for run_job -----------------------------------------------
    def input_error(self, error: InputError) -> None:
        self.error(str(error))

    def input_warning(self, error: InputError) -> None:
        self.warning(str(error))

    def record_error(self, record_id: str, error: dict[str, Any]) -> None:
        self.warning(f"{record_id}: {error.get('stage')}: {error.get('message')}")

    def record_done(self, source: str) -> None:
        self._count += 1
        if self._progress is not None:
            self._progress.update(self._task, advance=1, description=_shorten(source or ""))

    # -- progress display ----------------------------------------------------
    def __enter__(self) -> Reporter:
        if self.show_progress:
            from rich.console import Console
            from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            console = Console(stderr=True, no_color=bool(os.environ.get("NO_COLOR")))
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                MofNCompleteColumn(),
                TextColumn("documents"),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("starting", total=None)
        return self

    def __exit__(self, *_: Any) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def partition_failed(self, description: str, message: str) -> None:
        self.error(f"{description}: {message}; its output was not written (run again with --resume to finish it)")

    def summary(self, result: Any) -> None:
        """The closing count, ``documents = records + errors``: shown where a
        person watches, when output went to files, or when something failed."""
        problems = result.input_errors or result.failed_records or result.warnings or result.failed_partitions
        if not (self.show_progress or ((self.batch or problems) and not self.quiet)):
            return
        documents = result.records + result.input_errors
        line = (
            f"corpuskit: {_count(documents, 'document')} in: {_count(result.records, 'record')} out "
            f"({result.failed_records} with stage errors), {_count(result.input_errors, 'error')}"
        )
        if result.skipped_units:
            line += f"; {result.skipped_units} of {_count(result.units, 'output')} were up to date"
        if result.warnings:
            line += f"; {_count(result.warnings, 'warning')}"
        if result.failed_partitions:
            line += f"; {_count(len(result.failed_partitions), 'partition')} not finished (--resume does them)"
        click.echo(f"{line} in {time.monotonic() - self._started:.1f} s", err=True)

    def interrupted(self, result: Any, signal_name: str = "Ctrl-C") -> None:
        """What was finished when the run was stopped, and how to finish it."""
        if result.units > 1:
            done = result.finished_units + result.skipped_units
            self.error(
                f"interrupted ({signal_name}): {done} of {_count(result.units, 'output')} complete, "
                f"{_count(result.records, 'record')} written; "
                "run again with --resume to do the rest"
            )
        else:
            self.error(
                f"interrupted ({signal_name}) after {_count(result.records, 'record')}; the output is incomplete"
            )


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _shorten(text: str, width: int = 40) -> str:
    return text if len(text) <= width else "…" + text[-(width - 1) :]
