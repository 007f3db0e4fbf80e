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

    def __init__(self, *, quiet: bool = False, progress: bool | None = None):
        self.quiet = quiet
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

    def record_error(self, record: dict[str, Any]) -> None:
        last = record["errors"][-1]
        self.warning(f"{record.get('id')}: {last.get('stage')}: {last.get('message')}")

    def record_done(self, record: dict[str, Any]) -> None:
        self._count += 1
        if self._progress is not None:
            self._progress.update(self._task, advance=1, description=_shorten(record.get("source", "")))

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

    def summary(self, records: int, failed: int, input_errors: int) -> None:
        """A closing line, shown only where a person watches (or something failed)."""
        if self.show_progress:
            seconds = time.monotonic() - self._started
            click.echo(
                f"corpuskit: {records} records, {failed} with errors, {input_errors} input errors in {seconds:.1f} s",
                err=True,
            )
        elif failed and not self.quiet:
            click.echo(f"corpuskit: warning: {failed} of {records} records have errors", err=True)


def _shorten(text: str, width: int = 40) -> str:
    return text if len(text) <= width else "…" + text[-(width - 1) :]
