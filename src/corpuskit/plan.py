"""Which inputs go to which output: the units of a run.

A *unit* is the smallest piece of a run that is finished as a whole: its
output file appears (atomically) when the unit is done, and ``--resume`` skips
it when that output is complete and up to date.

- ``--output-dir DIR``: one unit per input file. A file found by walking a
  directory ``D`` is written to ``DIR/<its path under D>``; a file named itself
  to ``DIR/<its name>``. The name's document suffix becomes ``.jsonl`` (or
  ``.conllu``) and a compression suffix is kept: ``a/b.txt.gz`` ->
  ``DIR/a/b.jsonl.gz``.
- ``-o FILE`` or stdout: one unit holding every input.

Whatever the input names contain, an output path is built from path
components that a directory walk returned (never ``..``) or from a base name,
and is checked again against symbolic links when it is written.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from corpuskit.io.readers import STDIN, InputError, iter_input_files

_COMPRESSION = (".gz", ".bz2", ".xz", ".zst")
_DOCUMENT_SUFFIXES = (".txt", ".text", ".jsonl", ".ndjson")


class PlanError(ValueError):
    """The inputs and outputs asked for cannot be planned (a usage error)."""


@dataclass
class Unit:
    index: int
    inputs: list[str]
    #: The output file; None for stdout.
    output: str | None
    #: Where the output must stay inside (``--output-dir``); None otherwise.
    root: str | None = None
    #: Per input: the directory given whose walk found it (None if named itself).
    tops: list[str | None] = field(default_factory=list)


def output_name(relative: str, suffix: str = ".jsonl") -> str:
    """``relative`` with its document suffix replaced by ``suffix``, keeping
    any compression suffix: ``a/b.txt.gz`` -> ``a/b.jsonl.gz``; ``notes`` ->
    ``notes.jsonl``."""
    lower = relative.lower()
    cut = next((len(c) for c in _COMPRESSION if lower.endswith(c)), 0)
    base, compression = relative[: len(relative) - cut], relative[len(relative) - cut :]
    document = next((s for s in _DOCUMENT_SUFFIXES if base.lower().endswith(s)), "")
    return base[: len(base) - len(document)] + suffix + compression


def plan_units(
    inputs: Iterable[str],
    *,
    output: str | None = None,
    output_dir: str | None = None,
    output_format: str = "jsonl",
    globs: Iterable[str] = (),
    on_error: Callable[[InputError], None],
) -> list[Unit]:
    """The units of a run, in input order. Raises ``PlanError`` for a plan that
    cannot work (stdin or colliding names with ``--output-dir``)."""
    inputs = list(inputs) or [STDIN]
    if output_dir is None:
        found = list(iter_input_files(inputs, globs, on_error))
        return [Unit(0, [path for _, path in found], output, tops=[top for top, _ in found])]
    if STDIN in inputs:
        raise PlanError("--output-dir writes one file per input file; stdin (-) has no name to give it")
    suffix = ".conllu" if output_format == "conllu" else ".jsonl"
    units: list[Unit] = []
    claimed: dict[str, str] = {}
    for top, path in iter_input_files(inputs, globs, on_error, exclude=[output_dir]):
        relative = os.path.relpath(path, top) if top is not None else os.path.basename(os.path.normpath(path))
        if os.path.isabs(relative) or relative.split(os.sep)[0] in ("..", "", "."):
            raise PlanError(f"{path}: cannot place its output inside {output_dir}")
        target = os.path.join(output_dir, output_name(relative, suffix))
        if target in claimed:
            raise PlanError(
                f"{claimed[target]} and {path} would both be written to {target}; rename one or run them separately"
            )
        claimed[target] = path
        if not _stays_inside(target, output_dir):
            raise PlanError(f"{target}: a symbolic link in {output_dir} leads outside it; not writing there")
        units.append(Unit(len(units), [path], target, root=output_dir, tops=[top]))
    return units


def _stays_inside(target: str, root: str) -> bool:
    """Whether ``target``'s folder resolves (through the symbolic links that
    exist now) to a place inside ``root``. The file itself may be a link: it is
    replaced by a rename, never written through."""
    real_root = os.path.realpath(root)
    return os.path.commonpath([real_root, os.path.realpath(os.path.dirname(target))]) == real_root


def prepare_output(unit: Unit) -> None:
    """Create the output's folders, checking again that no symbolic link made
    since planning leads outside the output directory."""
    if unit.output is None or unit.root is None:
        return
    os.makedirs(os.path.dirname(unit.output) or ".", exist_ok=True)
    if not _stays_inside(unit.output, unit.root):
        raise PermissionError(errno.EPERM, f"a symbolic link leads outside {unit.root}", unit.output)
