"""Reading documents: files, directories and stdin; plain text or JSONL; compressed or not.

- A plain-text file is one document; its ``id`` is its path.
- A JSONL file (``.jsonl``/``.ndjson``, or ``--input-format jsonl``) is one
  document per line; the ``id`` is the line's id field, else ``PATH:LINE``.
- An HTML file (``.html``/``.htm``, or ``--input-format html``; a file named
  on the command line with another suffix when it starts like HTML) is one
  document: its visible text, one block element a line, with the page's
  title, URL, site name and dates in ``meta`` (corpuskit/io/html.py).
- stdin is JSONL when its first non-blank byte is ``{``, HTML when it starts
  like HTML, plain text otherwise.
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
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from corpuskit.io.decoding import CODEC_ERRORS, binary_kind, decode, encoding_from_bom, label
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
HTML_SUFFIXES = (".html", ".htm")
#: What a directory walk picks up when no ``--glob`` is given.
DOCUMENT_SUFFIXES = tuple(
    s + c for s in JSONL_SUFFIXES + TEXT_SUFFIXES + HTML_SUFFIXES for c in ("",) + _COMPRESSED_SUFFIXES
)


class InputError(Exception):
    """A problem with one input (a file, or a line of it), meant for the user."""

    def __init__(self, source: str, message: str, line: int | None = None, *, unopened: bool = False):
        self.source, self.message, self.line = source, message, line
        #: The input could not be opened at all: trying again later may succeed.
        self.unopened = unopened
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


def _raise(error: InputError) -> None:
    raise error


def _ignore(_: InputError) -> None:
    pass


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


def is_html_name(path: str) -> bool:
    return _strip_compression_suffix(path.lower()).endswith(HTML_SUFFIXES)


def _looks_like_html(head: bytes) -> bool:
    from corpuskit.io.html import looks_like_html

    return looks_like_html(head[:2048].decode("utf-8", "replace"))


def _looks_like_jsonl(stream: io.BufferedReader) -> bool:
    head = stream.peek(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{")


def iter_input_paths(
    inputs: Iterable[str],
    globs: Iterable[str] = (),
    on_error: Callable[[InputError], None] = _raise,
    *,
    exclude: Iterable[str] = (),
) -> Iterator[str]:
    """Expand directories into their files (sorted, recursive). ``-`` is stdin.
    Paths given explicitly are always read; ``globs`` filter directory walks;
    a directory that cannot be listed goes to ``on_error``; directories in
    ``exclude`` are not entered."""
    for top, path in iter_input_files(inputs, globs, on_error, exclude=exclude):
        yield path


def iter_input_files(
    inputs: Iterable[str],
    globs: Iterable[str] = (),
    on_error: Callable[[InputError], None] = _raise,
    *,
    exclude: Iterable[str] = (),
) -> Iterator[tuple[str | None, str]]:
    """Like ``iter_input_paths``, as ``(top, path)``: ``top`` is the directory
    given whose walk found ``path``, None for a path given itself."""
    patterns = list(globs)
    excluded = set()
    for path in exclude:
        with contextlib.suppress(OSError):
            stat = os.stat(path)
            excluded.add((stat.st_dev, stat.st_ino))
    for path in inputs:
        if path != STDIN and os.path.isdir(path):
            for found in _walk(path, patterns, on_error, set(excluded)):
                yield path, found
        else:
            yield None, path


def _walk(
    top: str, patterns: list[str], on_error: Callable[[InputError], None], seen: set[tuple[int, int]]
) -> Iterator[str]:
    """Files under ``top`` in path order (a directory's entries sorted by name,
    subdirectories visited where their name sorts), like ``find | sort``.
    Directories in ``seen`` (already walked, or excluded) are skipped."""

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


_BLOCK = 1 << 20

#: Longest document read, in characters (``--max-chars``). A longer one is an
#: input error: the stages hold a document and its spans in memory (about 70 MB
#: per million characters through the whole pipeline), so without a bound one
#: 100 MB line could take a worker's memory. Two million characters is a
#: 1,000-page book.
DEFAULT_MAX_CHARS = 2_000_000


class _HashingReader(io.RawIOBase):
    """A raw file that feeds every byte read into a hash: the input's content
    fingerprint for ``--resume`` comes from the bytes actually processed."""

    def __init__(self, raw: IO[bytes], digest: Any):
        self._raw, self._digest = raw, digest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        if count:
            self._digest.update(memoryview(buffer)[:count])
        return count

    def close(self) -> None:
        self._raw.close()
        super().close()


@dataclass(frozen=True)
class LineRange:
    """Lines of a file: ``length`` bytes from byte ``offset``, where line number
    ``first_line`` begins (both at a line's start; ``length`` None: to the end)."""

    offset: int
    length: int | None
    first_line: int


class _LimitedReader(io.RawIOBase):
    """The first ``length`` bytes of a raw file (all of it for None)."""

    def __init__(self, raw: IO[bytes], length: int | None):
        self._raw, self._left = raw, length

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        if self._left is not None:
            view = view[: self._left]
        count = self._raw.readinto(view)  # type: ignore[attr-defined]
        if self._left is not None and count:
            self._left -= count
        return count

    def close(self) -> None:
        self._raw.close()
        super().close()


def read_inputs(
    inputs: Iterable[str] = (STDIN,),
    *,
    globs: Iterable[str] = (),
    on_error: Callable[[InputError], None] = _raise,
    exclude: Iterable[str] = (),
    **options: Any,
) -> Iterator[dict[str, Any]]:
    """Yield one record per document of ``inputs`` (paths, directories, ``-``).

    ``options`` are those of ``read_input``. Errors go to ``on_error`` (which may
    raise to stop); ``exclude`` names directories a walk must not enter (the
    output directory).
    """
    stdin_state: dict[str, Any] = {}
    for path in iter_input_paths(inputs, globs, on_error, exclude=exclude):
        yield from read_input(path, on_error=on_error, _stdin_state=stdin_state, **options)


def read_input(
    path: str,
    *,
    input_format: str = "auto",
    text_field: str = "text",
    id_field: str = "id",
    encoding_errors: str = "strict",
    max_chars: int = DEFAULT_MAX_CHARS,
    on_error: Callable[[InputError], None] = _raise,
    on_warning: Callable[[InputError], None] = _ignore,
    stdin: IO[bytes] | None = None,
    digest: Any = None,
    line_range: LineRange | None = None,
    _stdin_state: dict[str, Any] | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield the records of one file (or of stdin for ``-``).

    ``input_format`` is ``auto`` (by extension; stdin by sniffing), ``text``,
    ``jsonl`` or ``html``. ``encoding_errors`` is ``strict``, ``replace`` or ``skip``. A
    ``digest`` (a ``hashlib`` object) is fed the file's bytes as they are read.
    ``line_range`` reads only those lines of an uncompressed JSONL file (a
    partition of a big file, corpuskit.partitions), numbered as in the whole
    file; the digest then covers only the range's bytes.
    Problems that lose a document go to ``on_error``; changes that keep it (bad
    bytes replaced, NUL bytes removed, an empty file) go to ``on_warning``.
    """
    source = STDIN_NAME if path == STDIN else path
    state = {} if _stdin_state is None else _stdin_state
    try:
        if path == STDIN:
            # Opened once and never closed: stdin belongs to the process (a
            # dropped wrapper would close it), and a second ``-`` reads nothing.
            if "stream" not in state:
                state["stream"] = open_decompressed(stdin or sys.stdin.buffer)
            stream = state["stream"]
        else:
            raw: IO[bytes] = open(path, "rb")
            if line_range is not None:
                raw.seek(line_range.offset)
                raw = _LimitedReader(raw, line_range.length)  # type: ignore[assignment]
            if digest is not None:
                raw = hashing = _HashingReader(raw, digest)  # type: ignore[assignment]
            # A range of a file is never a compressed stream of its own, whatever its first bytes.
            stream = open_decompressed(raw) if line_range is None else io.BufferedReader(raw)  # type: ignore[arg-type]
    except OSError as error:
        on_error(InputError(source, f"cannot read: {error.strerror or error}", unopened=True))
        return
    reader = _Reader(source, text_field, id_field, encoding_errors, max_chars, on_error, on_warning)
    if line_range is not None:
        reader.first_line, input_format = line_range.first_line, "jsonl"
    with contextlib.nullcontext(stream) if path == STDIN else stream:
        try:
            head = stream.peek(8192)[:8192]
            # (a file is split only when its head passed this test: corpuskit.partitions)
            kind = binary_kind(head) if line_range is None or not line_range.offset else None
            if input_format == "auto":
                input_format = _sniff(path, stream, head)
            if kind:
                on_error(InputError(source, f"{kind}; skipped"))
            elif input_format == "jsonl":
                yield from reader.jsonl(stream, head)
            elif input_format == "html":
                yield from reader.text(stream, html=True)
            elif path != STDIN or head:  # an empty stdin is no document
                yield from reader.text(stream)
        except _read_errors() as error:
            on_error(InputError(source, f"cannot read: {getattr(error, 'strerror', None) or error}"))
        if digest is not None and path != STDIN:
            # The fingerprint covers the whole file, also when reading stopped early.
            with contextlib.suppress(OSError):
                while hashing.read(_BLOCK):
                    pass


def _sniff(path: str, stream: io.BufferedReader, head: bytes) -> str:
    """jsonl, html or text, for ``--input-format auto``: by the suffix, and by
    the first bytes on stdin or for a file whose suffix says nothing (a .txt
    file is text, whatever it holds)."""
    if path == STDIN:
        return "jsonl" if _looks_like_jsonl(stream) else "html" if _looks_like_html(head) else "text"
    if is_jsonl_name(path):
        return "jsonl"
    if is_html_name(path):
        return "html"
    if not _strip_compression_suffix(path.lower()).endswith(TEXT_SUFFIXES) and _looks_like_html(head):
        return "html"
    return "text"


class _Reader:
    """Documents out of one decompressed stream, as text or as JSONL."""

    def __init__(self, source, text_field, id_field, encoding_errors, max_chars, on_error, on_warning):
        self.source, self.text_field, self.id_field = source, text_field, id_field
        self.encoding_errors, self.max_chars = encoding_errors, max_chars
        self.on_error, self.on_warning = on_error, on_warning
        #: The number of the first line read (a partition starts inside a file).
        self.first_line = 1

    def _too_long(self, what: str, line: int | None = None) -> None:
        self.on_error(
            InputError(
                self.source, f"{what} is longer than --max-chars {self.max_chars:,}; split it, or raise --max-chars", line
            )
        )

    def _decode(self, data: bytes, encoding: str, line: int | None = None) -> str | None:
        try:
            text, warnings = decode(data, encoding, self.encoding_errors)
        except ValueError as error:
            self.on_error(InputError(self.source, str(error), line))
            return None
        for warning in warnings:
            self.on_warning(InputError(self.source, warning, line))
        return text

    def text(self, stream: io.BufferedReader, html: bool = False) -> Iterator[dict[str, Any]]:
        byte_limit = 4 * self.max_chars + 4
        data = stream.read(byte_limit + 1)
        if len(data) > byte_limit:
            self._too_long(f"document of more than {byte_limit:,} bytes")
            return
        if not data:
            self.on_warning(InputError(self.source, "empty file: no document"))
            return
        encoding, bom = encoding_from_bom(data)
        if html and not bom:
            encoding = _declared_charset(data) or encoding
        text = self._decode(data[bom:], encoding)
        if text is None:
            return
        meta: dict[str, str] = {}
        if html:
            from corpuskit.io.html import html_to_document

            document = html_to_document(text)
            text, meta = document.text, document.meta
        if len(text) > self.max_chars:
            self._too_long(f"document of {len(text):,} characters")
            return
        # One line-ending convention, so offsets do not depend on where a file was saved.
        yield new_record(self.source, text.replace("\r\n", "\n"), source=self.source, meta=meta)

    def jsonl(self, stream: io.BufferedReader, head: bytes) -> Iterator[dict[str, Any]]:
        encoding, bom = encoding_from_bom(head)
        if encoding == "utf-8":
            lines: Iterator[bytes] = self._utf8_lines(stream, bom)
        else:  # UTF-16/32 lines are not split at b"\n": decode the stream as a whole
            stream.read(bom)
            lines = self._wide_lines(stream, encoding)
        for number, data in enumerate(lines, start=self.first_line):
            if data is _TOO_LONG:
                self._too_long("line", number)
                continue
            if not data.strip():
                continue  # a blank line is no document
            if not data.strip(b"\x00 \t\r\n"):
                self.on_error(InputError(self.source, "a line of NUL bytes (a file cut short by a crash?)", number))
                continue
            line = self._decode(data, "utf-8", number)
            if line is None:
                continue
            record = self._json_record(line, number)
            if record is not None:
                yield record

    def _wide_lines(self, stream: io.BufferedReader, encoding: str) -> Iterator[bytes]:
        wrapper = io.TextIOWrapper(stream, encoding=encoding, errors=CODEC_ERRORS[self.encoding_errors], newline="")
        try:
            for line in wrapper:
                yield line.encode("utf-8", "surrogatepass")
        except UnicodeDecodeError as error:
            raise OSError(f"not valid {label(encoding)} ({error.reason}); --encoding-errors replace reads it anyway")
        finally:
            wrapper.detach()  # the file is closed by its owner, not by this wrapper

    def _utf8_lines(self, stream: io.BufferedReader, bom: int) -> Iterator[bytes]:
        """Lines as bytes; a line longer than the limit is skipped in pieces and
        comes out as ``_TOO_LONG``, so one huge line never sits in memory."""
        stream.read(bom)
        # JSON may escape every character as \\uXXXX, and other fields share the line.
        limit = 6 * self.max_chars + (1 << 20)
        while data := stream.readline(limit):
            if len(data) == limit and not data.endswith(b"\n"):
                while (rest := stream.readline(limit)) and not rest.endswith(b"\n"):
                    pass
                yield _TOO_LONG
            else:
                yield data

    def _json_record(self, line: str, number: int) -> dict[str, Any] | None:
        source = self.source
        try:
            try:
                obj = json.loads(line.rstrip("\r\n"))
            except json.JSONDecodeError as error:
                raise InputError(source, f"not valid JSON ({error.msg} at column {error.colno})", number) from None
            if not isinstance(obj, dict):
                raise InputError(source, f"a JSON {type(obj).__name__}, not an object", number)
            dropped: list[str] = []
            try:
                record = from_json_object(
                    obj,
                    default_id=f"{source}:{number}",
                    source=source,
                    text_field=self.text_field,
                    id_field=self.id_field,
                    dropped=dropped,
                )
            except ValueError as error:
                raise InputError(source, str(error), number) from None
            for note in dropped:
                self.on_warning(InputError(source, note, number))
            if len(record["text"]) > self.max_chars:
                raise InputError(
                    source,
                    f"text of {len(record['text']):,} characters is longer than --max-chars {self.max_chars:,}; "
                    "split it, or raise --max-chars",
                    number,
                )
        except InputError as error:
            self.on_error(error)
            return None
        return record


#: Marks a JSONL line that was too long to read.
_TOO_LONG = b"\x00too long"


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)


def _declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in its first 2 KB (``<meta
    charset=windows-1256>``, older Persian and Arabic sites), when Python knows
    it; None for UTF-8 or nothing declared."""
    import codecs

    match = _CHARSET.search(data[:2048])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    return None if name == "utf-8" else name
