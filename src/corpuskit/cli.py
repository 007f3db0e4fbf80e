"""The ``corpuskit`` command: a thin Click layer over ``corpuskit.job.run_job``.

Every command parses its options and calls the library; nothing heavy is
imported at start-up (``corpuskit --help`` stays well under 0.3 s). Exit codes
are documented in docs/cli.md: 0 success, 1 some records or inputs failed,
2 usage error, 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

import click

from corpuskit import __version__
from corpuskit.io.decoding import ENCODING_ERRORS
from corpuskit.io.readers import DEFAULT_MAX_CHARS
from corpuskit.pipeline import DEFAULT_STAGES, STAGES, StageSetupError
from corpuskit.stages.entities import NER_CHOICES

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 2, 130, 143

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


#: How a document is read: shared by the processing commands and by `inspect`
#: and `stats` (corpuskit/cli_view.py).
READ_OPTIONS = [
    click.option(
        "--input-format",
        type=click.Choice(["auto", "text", "jsonl", "html"]),
        default="auto",
        show_default=True,
        help="auto: .jsonl/.ndjson files are JSONL, .html/.htm HTML (its visible text, one block a line, with "
        "title, URL and dates in meta), other files text; stdin and unknown suffixes are sniffed.",
    ),
    click.option("--text-field", default="text", show_default=True, help="JSONL field holding the text."),
    click.option("--id-field", default="id", show_default=True, help="JSONL field holding the document id."),
    click.option(
        "--encoding-errors",
        type=click.Choice(ENCODING_ERRORS),
        default="strict",
        show_default=True,
        help="Invalid UTF-8 in a document: strict fails the document, replace puts U+FFFD for the bad bytes, "
        "skip drops them.",
    ),
]


def _input_options(command: Callable) -> Callable:
    options = [
        click.argument("inputs", nargs=-1, metavar="[INPUT]..."),
        click.option(
            "-o", "--output", metavar="FILE", help="Write JSONL here (compressed by extension) instead of stdout."
        ),
        *READ_OPTIONS[:3],
        click.option(
            "--glob",
            "globs",
            multiple=True,
            metavar="PATTERN",
            help="Only files matching PATTERN in directory inputs (repeatable). "
            "Default: *.txt, *.text, *.jsonl, *.ndjson, also compressed.",
        ),
        click.option(
            "--output-dir",
            metavar="DIR",
            help="Write one output per input file under DIR, mirroring the input tree (a.txt -> DIR/a.jsonl).",
        ),
        click.option(
            "--resume",
            is_flag=True,
            help="Skip inputs whose output (-o or --output-dir) is complete and made from the same input and "
            "settings; do the rest.",
        ),
        click.option(
            "--errors",
            "errors_path",
            metavar="FILE",
            help="Write an entry (source, line, id, stage, cause) for every document that failed, as JSONL.",
        ),
        READ_OPTIONS[3],
        click.option(
            "--max-chars",
            type=click.IntRange(min=1),
            default=DEFAULT_MAX_CHARS,
            show_default=True,
            help="Longest document, in characters; a longer one is an error (memory stays bounded).",
        ),
        click.option(
            "--strict",
            is_flag=True,
            help="Exit 1 when a stage failed on any record (records are still written, with `errors`).",
        ),
        click.option(
            "--workers",
            type=click.IntRange(min=1),
            default=None,
            envvar="CORPUSKIT_WORKERS",
            help="Worker processes (also CORPUSKIT_WORKERS). Default: one per core for `run` on more than one "
            "input file, else 1.",
        ),
        click.option("-q", "--quiet", is_flag=True, help="No warnings on stderr (errors are still shown)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


#: Options of the stages, by option name. A stage's own command takes its options
#: (``STAGE_OPTIONS``); ``run`` takes those of every stage, each once.
OPTIONS: dict[str, Callable] = {
    "lang": click.option(
        "--lang",
        type=click.Choice(["auto", "fa", "ar"]),
        default="auto",
        show_default=True,
        help="Skip detection and set this language on every record.",
    ),
}
OPTIONS.update(
    {
        "digits": click.option(
            "--digits",
            type=click.Choice(["latin", "native", "keep"]),
            default="latin",
            show_default=True,
            help="Digits of numbers: latin 0-9 (and . , as separators), native (۰-۹ in Persian, ٠-٩ in Arabic), "
            "or keep as written.",
        ),
        "keep_diacritics": click.option(
            "--keep-diacritics", is_flag=True, help="Keep harakat, tanwin, shadda and sukun."
        ),
        "keep_raw": click.option(
            "--keep-raw",
            is_flag=True,
            help="Keep the text before normalization in `raw`, with `raw_map`; spans then get raw_start/raw_end.",
        ),
        "fold": click.option(
            "--fold",
            is_flag=True,
            help="Add `key`: the text with lossy folds (alef variants, teh marbuta, alef maksura) for search.",
        ),
    }
)
OPTIONS["keep_removed"] = click.option(
    "--keep-removed",
    is_flag=True,
    help="List every line the clean stage removed in meta.removed, with its line number and reason.",
)
OPTIONS["format"] = click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "conllu"]),
    default="jsonl",
    show_default=True,
    help="conllu: sentences and tokens as CoNLL-U (# sent_id, # text, SpaceAfter=No) for UD tools.",
)
OPTIONS["tokenizer"] = click.option(
    "--tokenizer",
    type=click.Choice(["builtin", "stanza"]),
    default="builtin",
    show_default=True,
    help="stanza: a Stanza tokenizer model from --stanza-dir, for Persian and Arabic records.",
)
OPTIONS["stanza_dir"] = click.option(
    "--stanza-dir",
    metavar="DIR",
    help="Folder of Stanza models (resources.json, fa/, ar/) for --tokenizer stanza and --ner stanza; "
    "default $STANZA_RESOURCES_DIR.",
)
OPTIONS["ner"] = click.option(
    "--ner",
    type=click.Choice(NER_CHOICES),
    default="gazetteer",
    show_default=True,
    help="Recognizer: the offline gazetteer and rules; a Stanza (fa, ar) or CAMeL (ar) model from a local "
    "folder; or a model with the gazetteer's identities.",
)
OPTIONS["camel_data"] = click.option(
    "--camel-data",
    metavar="DIR",
    help="CAMeL Tools data folder with the Arabic NER model, for --ner camel; default $CAMELTOOLS_DATA.",
)


def _check_doc_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from corpuskit.dates.extract import parse_document_date

    document = parse_document_date(value, "option")
    if document.value is None:
        raise click.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD, or a Jalali YYYY/MM/DD)")
    return value


OPTIONS["doc_date"] = click.option(
    "--doc-date",
    metavar="DATE",
    callback=_check_doc_date,
    help="The date of every document (YYYY-MM-DD, or Jalali 1399/07/04): relative and yearless dates "
    "resolve against it. Default: a metadata field, else a date in the page header.",
)
OPTIONS["doc_date_field"] = click.option(
    "--doc-date-field",
    metavar="NAME",
    help="JSONL field with each document's date (default: published, then date).",
)
STAGE_OPTIONS: dict[str, list[str]] = {
    "clean": ["keep_removed"],
    "langid": ["lang"],
    "normalize": ["lang", "digits", "keep_diacritics", "keep_raw", "fold"],
    "tokenize": ["lang", "tokenizer", "stanza_dir", "format"],
    "dates": ["lang", "doc_date", "doc_date_field"],
    "entities": ["lang", "ner", "stanza_dir", "camel_data"],
}


def _stage_options(stage_names: list[str]) -> Callable[[Callable], Callable]:
    keys = list(dict.fromkeys(key for name in stage_names for key in STAGE_OPTIONS.get(name, [])))

    def decorate(command: Callable) -> Callable:
        for key in reversed(keys):
            command = OPTIONS[key](command)
        return command

    return decorate


def exit_if_missing(inputs: Sequence[str]) -> None:
    """A named input that does not exist is a usage error (exit 2), before anything runs."""
    missing = [path for path in inputs if path != "-" and not os.path.lexists(path)]
    if missing:
        click.echo(f"corpuskit: error: {missing[0]}: no such file or directory", err=True)
        sys.exit(EXIT_USAGE)


def _execute(
    stages: list[str],
    *,
    inputs: tuple[str, ...],
    output: str | None,
    output_dir: str | None,
    resume: bool,
    errors_path: str | None,
    encoding_errors: str,
    max_chars: int,
    strict: bool,
    input_format: str,
    text_field: str,
    id_field: str,
    globs: tuple[str, ...],
    workers: int | None,
    quiet: bool,
    auto_workers: bool = False,
    output_format: str = "jsonl",
    executor: str = "local",
    scheduler: str | None = None,
    partition_size: int | None = None,
    **stage_options: Any,
) -> None:
    """Run the job and exit with the documented code. Never shows a traceback
    for an expected failure."""
    from corpuskit.console import Reporter
    from corpuskit.executors import ExecutorError
    from corpuskit.job import JobInterrupted, run_job
    from corpuskit.partitions import DEFAULT_PARTITION_BYTES
    from corpuskit.plan import PlanError

    reporter = Reporter(quiet=quiet, batch=bool(output_dir or (output and output != "-")))
    exit_if_missing(inputs)
    terminated = _exit_cleanly_on_sigterm()
    try:
        with reporter:
            result = run_job(
                list(inputs),
                stages=stages,
                options=stage_options,
                output=output,
                output_dir=output_dir,
                errors_path=errors_path,
                resume=resume,
                workers=workers if workers is not None or auto_workers else 1,
                input_format=input_format,
                text_field=text_field,
                id_field=id_field,
                globs=globs,
                encoding_errors=encoding_errors,
                max_chars=max_chars,
                on_input_error=reporter.input_error,
                on_warning=reporter.input_warning,
                on_record_error=reporter.record_error,
                on_record=reporter.record_done,
                output_format=output_format,
                executor=executor,
                scheduler=scheduler,
                partition_bytes=partition_size << 20 if partition_size else DEFAULT_PARTITION_BYTES,
                on_partition_failed=reporter.partition_failed,
            )
    except PlanError as error:
        reporter.error(str(error))
        sys.exit(EXIT_USAGE)
    except BrokenPipeError:
        # `corpuskit ... | head` closed the pipe: that is how the user wanted it to end.
        _silence_stdout()
        sys.exit(EXIT_OK)
    except (StageSetupError, ExecutorError) as error:
        reporter.error(str(error))
        sys.exit(EXIT_FAILED)
    except JobInterrupted as interrupted:
        reporter.interrupted(interrupted.result, signal_name="SIGTERM" if terminated else "Ctrl-C")
        _silence_stdout()
        sys.exit(EXIT_TERMINATED if terminated else EXIT_INTERRUPTED)
    except OSError as error:  # an output that cannot be written: a full disk, a folder without permission
        reporter.error(f"{error.filename or output or 'stdout'}: {error.strerror or error}")
        _silence_stdout()
        sys.exit(EXIT_FAILED)
    reporter.summary(result)
    failed = not result.ok or (strict and result.failed_records)
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


def _exit_cleanly_on_sigterm() -> list[bool]:
    """Make SIGTERM (a batch system's stop) end the run like Ctrl-C does: no
    temporary file left, finished outputs kept. The returned list becomes
    ``[True]`` when it happened."""
    import signal

    happened: list[bool] = []

    def handler(signum: int, frame: Any) -> None:
        happened.append(True)
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (an embedding application): leave it be
        pass
    return happened


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="corpuskit", message="%(prog)s %(version)s")
def cli() -> None:
    """Process Persian and Arabic corpora: language identification,
    normalization, tokenization and dates, one JSON record per document.

    run and the stage commands read text files, JSONL, directories or stdin
    (also compressed) and write JSONL to stdout, so they chain in a pipe.

    \b
    Examples:
      corpuskit run data/samples > out.jsonl
      corpuskit langid corpus/ | jq -r .lang | sort | uniq -c
      zcat dump.jsonl.gz | corpuskit run --text-field body -o out.jsonl.gz
    """


@cli.command(context_settings=CONTEXT)
@_input_options
@click.option(
    "--stages",
    default=",".join(DEFAULT_STAGES),
    show_default=True,
    metavar="NAME,...",
    help=f"Stages to run, in order (available: {', '.join(STAGES)}).",
)
@click.option(
    "--clean",
    "clean_pages",
    is_flag=True,
    help="Clean news pages first: strip navigation, share links, related headlines and the like, and put the "
    "title, URL, outlet and publication date into meta (the clean stage; docs/clean.md).",
)
@_stage_options(list(STAGES))
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: this machine (--workers processes). dask: a Dask cluster (needs corpuskit[dask] and "
    "--output-dir on storage every worker reaches; docs/scaling.md).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    envvar="CORPUSKIT_SCHEDULER",
    help="With --executor dask: the cluster's scheduler (tcp://host:8786; also CORPUSKIT_SCHEDULER). "
    "Default: a local cluster of --workers processes, started for the run.",
)
@click.option(
    "--partition-size",
    type=click.IntRange(min=1),
    metavar="MB",
    help="With --executor dask: JSONL files bigger than this are split into line ranges of about this size, "
    "written as DIR/NAME-00000-of-0000N.jsonl.  [default: 64]",
)
def run(stages: str, clean_pages: bool, **options: Any) -> None:
    """Run the pipeline over INPUT files, directories or stdin and write JSONL.

    \b
    Examples:
      corpuskit run data/samples
      corpuskit run corpus/ --glob '*.txt' --workers 2 -o out.jsonl.zst
      cat docs.jsonl | corpuskit run --stages langid --lang fa
      corpuskit run --clean --keep-removed scraped/ -o pages.jsonl
      corpuskit run /shared/corpus --executor dask --scheduler tcp://head:8786 --output-dir /shared/out
    """
    names = [name.strip() for name in stages.split(",") if name.strip()]
    unknown = [name for name in names if name not in STAGES]
    if unknown or not names:
        raise click.BadParameter(
            f"unknown stage {unknown[0]!r}" if unknown else "no stage given", param_hint="--stages"
        )
    if clean_pages and "clean" not in names:
        names.insert(0, "clean")
    if options.get("keep_removed") and "clean" not in names:
        raise click.BadParameter("--keep-removed needs --clean (or clean in --stages)", param_hint="--keep-removed")
    if options.get("output_format") == "conllu" and "tokenize" not in names:
        raise click.BadParameter("conllu needs the tokenize stage in --stages", param_hint="--format")
    if options["executor"] == "local":
        # CORPUSKIT_SCHEDULER may be set for every run; only a --scheduler typed
        # here, which the local executor cannot honour, is a mistake.
        source = click.get_current_context().get_parameter_source("scheduler")
        if options.get("scheduler") and source == click.core.ParameterSource.COMMANDLINE:
            raise click.BadParameter("--scheduler needs --executor dask", param_hint="--scheduler")
        options["scheduler"] = None
    _execute(names, auto_workers=True, **options)


#: Help text and example of each stage's own command.
STAGE_HELP = {
    "clean": (
        "Strip the boilerplate of scraped news pages (menus, share links, photo credits, related headlines, "
        "sign-offs) and put the title, URL, outlet, publication date and news id into meta.",
        [
            "corpuskit clean data/samples | jq -r .meta.title",
            "corpuskit clean --keep-removed page.txt | jq -c '.meta.removed[] | [.reason, .text]'",
            "corpuskit clean scraped/ | corpuskit run > articles.jsonl",
        ],
    ),
    "langid": (
        "Identify the language of each document: fa, ar, another ISO code, or und.",
        ["corpuskit langid data/samples", "corpuskit langid corpus/ | jq -r '[.id, .lang] | @tsv'"],
    ),
    "tokenize": (
        "Split each document into sentences and tokens, with character offsets into its text.",
        [
            "corpuskit tokenize data/samples | jq -c '[.tokens[].text]'",
            "corpuskit normalize corpus/ | corpuskit tokenize --format conllu > corpus.conllu",
        ],
    ),
    "dates": (
        "Find Jalali, Gregorian and Hijri dates in Persian and Arabic text and resolve them against the document date.",
        [
            "corpuskit dates data/samples | jq -c '.dates[] | [.text, .value]'",
            "corpuskit dates --doc-date 2020-09-25 article.txt",
            "cat crawl.jsonl | corpuskit dates --doc-date-field published_at > dated.jsonl",
        ],
    ),
    "entities": (
        "Find people, places and organizations, with one identity (a Wikidata id where known) across Persian "
        "and Arabic.",
        [
            "corpuskit entities data/samples | jq -c '.entities[] | [.text, .label, .id]'",
            "corpuskit run corpus/ --ner gazetteer+stanza --stanza-dir ~/stanza_resources -o out.jsonl",
        ],
    ),
    "normalize": (
        "Normalize Persian (on hazm) and Arabic (on camel-tools) text, keeping URLs, numbers and Latin intact.",
        [
            "corpuskit normalize data/samples | jq -r .text",
            "corpuskit normalize --keep-raw --digits native corpus/ > normalized.jsonl",
        ],
    ),
}


def _stage_command(name: str) -> click.Command:
    summary, examples = STAGE_HELP[name]

    def command(**options: Any) -> None:
        _execute([name], **options)

    command.__doc__ = (
        f"{summary}\n\nReads INPUT files, directories or stdin (text or JSONL) and writes JSONL.\n\n"
        "\b\nExamples:\n" + "\n".join(f"  {example}" for example in examples)
    )
    command = _stage_options([name])(_input_options(command))
    return click.command(name, context_settings=CONTEXT)(command)


for _name in STAGES:
    cli.add_command(_stage_command(_name))


@cli.command(context_settings=CONTEXT)
@OPTIONS["stanza_dir"]
@OPTIONS["camel_data"]
@click.option("--json", "as_json", is_flag=True, help="One JSON object per model instead of a table.")
def models(stanza_dir: str | None, camel_data: str | None, as_json: bool) -> None:
    """List the Stanza and CAMeL models found in the local folders, and what is missing.

    Exits 0 even when nothing is found: the offline default needs no model.

    \b
    Examples:
      corpuskit models --stanza-dir ~/stanza_resources
      corpuskit models --camel-data ~/.camel_tools --json | jq -r 'select(.present) | .path'
    """
    import json

    from corpuskit.entities.models import find_models

    found = find_models(stanza_dir, camel_data)
    if as_json:
        for entry in found:
            click.echo(json.dumps(entry, ensure_ascii=False))
        return
    for entry in found:
        state = "found  " if entry["present"] else "missing"
        note = f"  ({entry['note']})" if entry.get("note") else ""
        click.echo(f"{state}  {entry['backend']:<7} {entry['lang']:<3} {entry['processor']:<9} {entry['path']}{note}")


@cli.command(context_settings=CONTEXT)
def schema() -> None:
    """Print the JSON Schema that every emitted record follows (docs/schema.md).

    \b
    Example:
      corpuskit schema > record.schema.json
    """
    from corpuskit.schema import schema_text

    click.echo(schema_text(), nl=False)


_CALENDAR_CHOICE = click.Choice(["gregorian", "jalali", "hijri"], case_sensitive=False)


@cli.command(context_settings=CONTEXT)
@click.argument("dates", nargs=-1, metavar="[DATE]...")
@click.option(
    "--from",
    "from_calendar",
    type=_CALENDAR_CHOICE,
    help="Calendar of the input dates. Default: a year from 1700 on is gregorian; "
    "a smaller year needs --from jalali or --from hijri.",
)
@click.option(
    "--to",
    "to_calendar",
    type=_CALENDAR_CHOICE,
    help="Print only the date in this calendar, as YYYY-MM-DD, one line per input date.",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="One JSON object per date: every calendar with month and weekday names (not with --to).",
)
def convert(dates: tuple[str, ...], from_calendar: str | None, to_calendar: str | None, as_json: bool) -> None:
    """Convert dates between the Jalali (Solar Hijri), Gregorian and Hijri (Umm al-Qura) calendars.

    A DATE is written year first: 1399-07-04, 1399/7/4 or 1399.07.04, in Latin, Persian or Arabic
    digits. With no DATE, or -, dates are read from stdin, one a line (blank lines are skipped).

    Prints each date in all three calendars, with the weekday and month names in English, Persian
    and Arabic, and a blank line between dates. The Hijri calendar is defined for 1343-1500 AH
    (1924-2077 CE) only; outside that the Hijri line gives the reason instead of a date, and --to
    hijri fails for that date. A date that cannot be read or does not exist (31 Mehr) is reported on
    stderr, the others are still converted, and the exit code is 1.

    \b
    Examples:
      corpuskit convert 1399-07-04 --from jalali
      corpuskit convert 2024-03-11 --to hijri
      cat dates.txt | corpuskit convert --from jalali --to gregorian
      corpuskit convert --json ۱۴۰۴/۰۱/۰۱ --from jalali | jq -r .gregorian.date
    """
    if as_json and to_calendar:
        raise click.UsageError("--json prints every calendar; it cannot be combined with --to")
    import json

    from corpuskit.dates.calendars import convert as convert_date
    from corpuskit.dates.convert import describe, format_description, parse_date

    from_calendar = from_calendar.lower() if from_calendar else None
    to_calendar = to_calendar.lower() if to_calendar else None
    stdout = sys.stdout.buffer
    stderr = sys.stderr.buffer

    def entries() -> Any:
        """(where, text) for every date to convert; text is None for a line that is not UTF-8."""
        for argument in dates or ("-",):
            if argument != "-":
                yield argument, argument
                continue
            for number, raw in enumerate(sys.stdin.buffer, start=1):
                if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError:
                    yield f"line {number}", None
                    continue
                if line.strip():
                    yield f"line {number}", line

    failed = False
    shown = 0
    try:
        for where, text in entries():
            try:
                if text is None:
                    raise ValueError("not valid UTF-8")
                date = parse_date(text, from_calendar)
                if to_calendar:
                    out = convert_date(date, to_calendar).isoformat() + "\n"
                elif as_json:
                    out = json.dumps(describe(date), ensure_ascii=False) + "\n"
                else:
                    out = ("\n" if shown else "") + "\n".join(format_description(describe(date))) + "\n"
            except (ValueError, OverflowError) as error:
                failed = True
                stderr.write(f"corpuskit: {where}: {error}\n".encode("utf-8", "backslashreplace"))
                stderr.flush()
                continue
            stdout.write(out.encode())
            stdout.flush()  # each date as soon as it is read: works interactively and with `tail -f`
            shown += 1
    except BrokenPipeError:
        # `corpuskit convert ... | head` closed the pipe: that is how the user wanted it to end.
        _silence_stdout()
        sys.exit(EXIT_OK)
    except KeyboardInterrupt:
        stderr.write(b"corpuskit: error: interrupted\n")
        _silence_stdout()
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


# Defined in their own module, which uses the options above.
from corpuskit.cli_view import inspect, stats  # noqa: E402

cli.add_command(inspect)
cli.add_command(stats)


def main() -> None:
    cli(prog_name="corpuskit")
