"""The commands for looking rather than processing: `inspect` (one document, in
the terminal or as an HTML page) and `stats` (a corpus summed up).

They are registered on the group by corpuskit/cli.py, whose shared options
they reuse; like every command they only parse options and call the library
(corpuskit.view, corpuskit.stats), and import rich only when they run.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from corpuskit.cli import CONTEXT, EXIT_FAILED, EXIT_OK, READ_OPTIONS, _stage_options, exit_if_missing
from corpuskit.pipeline import DEFAULT_STAGES, StageSetupError


def _read_options(command):
    for option in reversed(READ_OPTIONS):
        command = option(command)
    return command


def _error(message: str) -> None:
    click.echo(f"corpuskit: error: {message}", err=True)


def _warning(message: str) -> None:
    click.echo(f"corpuskit: warning: {message}", err=True)


@click.command("inspect", context_settings=CONTEXT)
@click.argument("file", metavar="FILE")
@click.option("--record", "record_number", type=click.IntRange(min=1), default=1, show_default=True,
              help="Which document of a JSONL file (the first is 1).")
@click.option("--html", "html_path", metavar="OUT.html",
              help="Also write the view as one self-contained HTML page (right-to-left text, hover or click a span).")
@click.option("--open", "open_page", is_flag=True,
              help="Open the HTML page in a browser (a temporary one when --html is not given).")
@click.option("--clean", "clean_page", is_flag=True,
              help="Clean the news page first (the clean stage): show its body, title, outlet and publication "
              "date, and how many lines were removed.")
@_read_options
@_stage_options(list(DEFAULT_STAGES))
def inspect(file: str, record_number: int, html_path: str | None, open_page: bool, clean_page: bool,
            **options: Any) -> None:
    """Run the pipeline on one document and show it: language, document date,
    the text with entities and dates highlighted, and tables of both.

    Colour is used on a terminal and left out with NO_COLOR or when piped;
    without colour, spans are bracketed in the text: [پوتین|PER] {۳ مهر|DATE}.

    \b
    Examples:
      corpuskit inspect data/samples/000_0910b1e2c8685b1a.txt
      corpuskit inspect crawl.jsonl --record 12 --html page.html --open
      corpuskit inspect --clean scraped/page.html
    """
    from rich.console import Console

    from corpuskit.io.readers import InputError
    from corpuskit.view.document import inspect_document

    exit_if_missing([file])
    read = {key: options.pop(key) for key in ("input_format", "text_field", "id_field", "encoding_errors")}
    try:
        record = inspect_document(
            file,
            record=record_number,
            stages=["clean", *DEFAULT_STAGES] if clean_page else None,
            options={**options, "keep_removed": True} if clean_page else options,
            on_problem=lambda problem: _warning(str(problem)),
            **read,
        )
    except InputError as error:
        _error(str(error))
        sys.exit(EXIT_FAILED)
    except StageSetupError as error:
        _error(str(error))
        sys.exit(EXIT_FAILED)

    from corpuskit.view.terminal import render_document

    render_document(record, Console(highlight=False, soft_wrap=False))
    if html_path or open_page:
        _write_page(record, html_path, open_page)
    # A stage that failed on the document is shown in the view, as `run`
    # writes it into the record: the command itself succeeded.
    sys.exit(EXIT_OK)


def _write_page(record: dict[str, Any], html_path: str | None, open_page: bool) -> None:
    from corpuskit.view.html import render_page

    page = render_page(record)
    if html_path:
        path = Path(html_path)
        try:
            path.write_text(page, encoding="utf-8")
        except OSError as error:
            _error(f"{html_path}: {error.strerror or error}")
            sys.exit(EXIT_FAILED)
    else:
        handle, name = tempfile.mkstemp(prefix="corpuskit-inspect-", suffix=".html")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(page)
        path = Path(name)
    click.echo(f"corpuskit: page written to {path}", err=True)
    if open_page:
        import webbrowser

        if not webbrowser.open(path.resolve().as_uri()):
            _warning(f"no browser found to open {path}; open it by hand")


@click.command("stats", context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object instead of tables.")
@click.option("--top", type=click.IntRange(min=1), default=15, show_default=True,
              help="How many of the most frequent entities to show.")
@click.option(
    "--glob",
    "globs",
    multiple=True,
    metavar="PATTERN",
    help="Only files matching PATTERN in directory inputs (repeatable).",
)
@_read_options
@_stage_options(list(DEFAULT_STAGES))
def stats(inputs: tuple[str, ...], as_json: bool, top: int, globs: tuple[str, ...], **options: Any) -> None:
    """Sum up a corpus: documents, characters, sentences and tokens per
    language, the most frequent entities (one identity across Persian and
    Arabic), dates per month as a small chart, and documents with errors.

    Reads corpuskit's JSONL as it is; any other input (text files, or JSONL
    that no corpuskit command wrote) goes through the default pipeline first.
    Streams: memory does not grow with the corpus.

    \b
    Examples:
      corpuskit stats out.jsonl
      corpuskit stats data/samples --json | jq '.entities.top[:3]'
      corpuskit run corpus/ | tee out.jsonl | corpuskit stats
    """
    from corpuskit.console import Reporter
    from corpuskit.io.readers import read_inputs
    from corpuskit.pipeline import Pipeline, build_stages
    from corpuskit.stats import CorpusStats

    exit_if_missing(inputs)
    read = {key: options.pop(key) for key in ("input_format", "text_field", "id_field", "encoding_errors")}
    reporter = Reporter(quiet=as_json)
    failed = []
    pipeline: Pipeline | None = None
    figures = CorpusStats()

    def input_error(error) -> None:
        failed.append(error)
        reporter.input_error(error)

    try:
        with reporter:
            for record in read_inputs(inputs or ("-",), globs=globs, on_error=input_error, **read):
                if not record["corpuskit"]["stages"]:  # not written by corpuskit: process it first
                    if pipeline is None:
                        pipeline = Pipeline(build_stages(list(DEFAULT_STAGES), options), options)
                    record = pipeline.run_one(record)
                figures.add(record)
                reporter.record_done(record.get("source") or "")
    except StageSetupError as error:
        _error(str(error))
        sys.exit(EXIT_FAILED)
    except KeyboardInterrupt:
        _error("interrupted")
        sys.exit(130)
    if as_json:
        import json

        click.echo(json.dumps(figures.as_json(top=top), ensure_ascii=False))
    else:
        from rich.console import Console

        figures.render(Console(highlight=False), top=top)
    sys.exit(EXIT_FAILED if failed else EXIT_OK)
