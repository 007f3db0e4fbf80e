"""Reading documents: files, directories and stdin; plain text or JSONL; compressed or not.

- A plain-text file is one document; its ``id`` is its path.
- A JSONL file (``.jsonl``/``.ndjson``, or ``--input-format jsonl``) is one
  document per line; the ``id`` is the line's id field, else ``PATH:LINE``.
- stdin is JSONL when its first non-blank byte is ``{``, plain text otherwise.
- gzip, bzip2, xz and zstd are recognised by their magic bytes, also on stdin.
- Directories are walked recursively in sorted order, hidden entries skipped,
  symlinked directories followed once (a loop is not walked twice).

Problems with one input (unreadable file, bad JSON line) are reported through
``on_error`` and reading goes on with the rest; nothing here prints.
"""

from __future__ import annotations

import bz2
import contextlib
import fnmatch
import gzip
import io
import json
import lzma
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from corpuskit.record import from_json_object, new_record

STDIN = "-"
STDIN_NAME = "<stdin>"

_MAGIC = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)
_COMPRESSED_SUFFIXES = (".gz", ".bz2", ".xz", ".zst")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
TEXT_SUFFIXES = (".txt", ".text")
#: What a directory walk picks up when no ``--glob`` is given.
DOCUMENT_SUFFIXES = tuple(s + c for s in JSONL_SUFFIXES + TEXT_SUFFIXES for c in ("",) + _COMPRESSED_SUFFIXES)


class InputError(Exception):
    """A problem with one input (a file, or a line of it), meant for the user."""

    def __init__(self, source: str, message: str, line: int | None = None):
        self.source, self.message, self.line = source, message, line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


def _raise(error: InputError) -> None:
    raise error


def detect_compression(head: bytes) -> str | None:
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return None


def open_decompressed(raw: IO[bytes]) -> io.BufferedReader:
    """Wrap a binary stream, decompressing it if its first bytes say so."""
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[arg-type]
    kind = detect_compression(buffered.peek(8)[:8])
    if kind == "gzip":
        stream: IO[bytes] = gzip.GzipFile(fileobj=buffered, mode="rb")
    elif kind == "bzip2":
        stream = bz2.BZ2File(buffered, mode="rb")
    elif kind == "xz":
        stream = lzma.LZMAFile(buffered, mode="rb")
    elif kind == "zstd":
        import zstandard

        stream = zstandard.ZstdDecompressor().stream_reader(buffered, read_across_frames=True)
    else:
        return buffered
    return io.BufferedReader(stream)  # type: ignore[arg-type]


def _read_errors() -> tuple[type[BaseException], ...]:
    """What a broken or truncated (compressed) stream raises while being read."""
    errors: tuple[type[BaseException], ...] = (OSError, EOFError, lzma.LZMAError)
    zstandard = sys.modules.get("zstandard")
    return errors + (zstandard.ZstdError,) if zstandard else errors


def _strip_compression_suffix(name: str) -> str:
    for suffix in _COMPRESSED_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def is_jsonl_name(path: str) -> bool:
    return _strip_compression_suffix(path.lower()).endswith(JSONL_SUFFIXES)


def _looks_like_jsonl(stream: io.BufferedReader) -> bool:
    head = stream.peek(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{")


def iter_input_paths(
    inputs: Iterable[str], globs: Iterable[str] = (), on_error: Callable[[InputError], None] = _raise
) -> Iterator[str]:
    """Expand directories into their files (sorted, recursive). ``-`` is stdin.
    Paths given explicitly are always read; ``globs`` filter directory walks;
    a directory that cannot be listed goes to ``on_error``."""
    patterns = list(globs)
    for path in inputs:
        if path != STDIN and os.path.isdir(path):
            yield from _walk(path, patterns, on_error)
        else:
            yield path


def _walk(top: str, patterns: list[str], on_error: Callable[[InputError], None]) -> Iterator[str]:
    """Files under ``top`` in path order (a directory's entries sorted by name,
    subdirectories visited where their name sorts), like ``find | sort``."""
    seen: set[tuple[int, int]] = set()

    def visit(directory: str) -> Iterator[str]:
        try:
            stat = os.stat(directory)
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as error:
            on_error(InputError(directory, f"cannot list directory: {error.strerror or error}"))
            return
        if (stat.st_dev, stat.st_ino) in seen:  # a symlink loop: walked already
            return
        seen.add((stat.st_dev, stat.st_ino))
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():  # follows symlinks; loops are caught above
                yield from visit(entry.path)
            elif _wanted(entry.name, os.path.relpath(entry.path, top), patterns):
                yield entry.path

    yield from visit(top)


def _wanted(name: str, relative: str, patterns: list[str]) -> bool:
    if patterns:
        return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(relative, p) for p in patterns)
    return name.lower().endswith(DOCUMENT_SUFFIXES)


def _decode(data: bytes, source: str, line: int | None = None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(source, f"not valid UTF-8 (byte {error.start}: {data[error.start:error.start + 1]!r})", line)


def read_inputs(
    inputs: Iterable[str] = (STDIN,),
    *,
    input_format: str = "auto",
    text_field: str = "text",
    id_field: str = "id",
    globs: Iterable[str] = (),
    on_error: Callable[[InputError], None] = _raise,
    stdin: IO[bytes] | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield one record per document of ``inputs`` (paths, directories, ``-``).

    ``input_format`` is ``auto`` (by extension; stdin by sniffing), ``text`` or
    ``jsonl``. Errors go to ``on_error`` (which may raise to stop).
    """
    stdin_stream: io.BufferedReader | None = None
    for path in iter_input_paths(inputs, globs, on_error):
        source = STDIN_NAME if path == STDIN else path
        try:
            if path == STDIN:
                # Opened once and never closed: stdin belongs to the process (a
                # dropped wrapper would close it), and a second ``-`` reads nothing.
                stdin_stream = stdin_stream or open_decompressed(stdin or sys.stdin.buffer)
                stream = stdin_stream
            else:
                stream = open_decompressed(open(path, "rb"))
        except OSError as error:
            on_error(InputError(source, f"cannot read: {error.strerror or error}"))
            continue
        with contextlib.nullcontext(stream) if path == STDIN else stream:
            try:
                if input_format == "jsonl":
                    jsonl = True
                elif input_format == "text":
                    jsonl = False
                else:
                    jsonl = _looks_like_jsonl(stream) if path == STDIN else is_jsonl_name(path)
                if jsonl:
                    yield from _read_jsonl(stream, source, text_field, id_field, on_error)
                elif path != STDIN or stream.peek(1):  # an empty stdin is no document
                    yield from _read_text(stream, source, on_error)
            except _read_errors() as error:
                on_error(InputError(source, f"cannot read: {getattr(error, 'strerror', None) or error}"))


def _read_text(stream: IO[bytes], source: str, on_error: Callable[[InputError], None]) -> Iterator[dict[str, Any]]:
    try:
        text = _decode(stream.read(), source)
    except InputError as error:
        on_error(error)
        return
    # One line-ending convention, so offsets do not depend on where a file was saved.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    yield new_record(source, text, source=source)


def _read_jsonl(
    stream: IO[bytes], source: str, text_field: str, id_field: str, on_error: Callable[[InputError], None]
) -> Iterator[dict[str, Any]]:
    for number, data in enumerate(stream, start=1):
        if number == 1:
            data = data.removeprefix(b"\xef\xbb\xbf")
        if not data.strip():
            continue
        try:
            line = _decode(data, source, number)
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(source, f"not valid JSON ({error.msg} at column {error.colno})", number) from None
            if not isinstance(obj, dict):
                raise InputError(source, f"a JSON {type(obj).__name__}, not an object", number)
            try:
                record = from_json_object(
                    obj, default_id=f"{source}:{number}", source=source, text_field=text_field, id_field=id_field
                )
            except ValueError as error:
                raise InputError(source, str(error), number) from None
        except InputError as error:
            on_error(error)
            continue
        yield record
