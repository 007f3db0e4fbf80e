"""Writing JSONL: UTF-8 whatever the locale, readable Persian and Arabic, atomic files.

A record is one line: ``json.dumps`` with ``ensure_ascii=False`` and compact
separators, fields in the documented order. ``-o FILE`` is written to a
temporary file beside it and renamed into place only when the run completes, so
an interrupted run never leaves a truncated file that looks finished. The output
is compressed when its name ends in ``.gz``, ``.bz2``, ``.xz`` or ``.zst``.
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import hashlib
import json
import lzma
import os
import sys
import tempfile
from collections.abc import Callable
from typing import IO, Any

from corpuskit.record import ordered


def dumps(record: dict[str, Any]) -> bytes:
    """One record as one UTF-8 JSON line (with its newline)."""
    try:
        line = json.dumps(ordered(record), ensure_ascii=False, separators=(",", ":"))
        return line.encode("utf-8") + b"\n"
    except UnicodeEncodeError:
        # A lone surrogate (from a JSON \\ud800 escape) cannot be UTF-8; ASCII
        # escapes keep the line valid JSON that reads back to the same string.
        return json.dumps(ordered(record), ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n"


def _compressor(path: str, raw: IO[bytes]) -> IO[bytes]:
    name = path.lower()
    if name.endswith(".gz"):
        return gzip.GzipFile(fileobj=raw, mode="wb", mtime=0)
    if name.endswith(".bz2"):
        return bz2.BZ2File(raw, mode="wb")
    if name.endswith(".xz"):
        return lzma.LZMAFile(raw, mode="wb")
    if name.endswith(".zst"):
        import zstandard

        return zstandard.ZstdCompressor().stream_writer(raw, closefd=False)
    return raw


class JsonlWriter:
    """Write records to stdout (``path`` None or ``-``) or atomically to a file,
    as JSONL (``serialize=dumps``) or another text format (CoNLL-U).

    Use as a context manager: leaving it normally publishes the file; leaving it
    with an exception removes the temporary file and leaves any earlier output
    untouched.
    """

    def __init__(
        self,
        path: str | None = None,
        stdout: IO[bytes] | None = None,
        serialize: Callable[[dict[str, Any]], bytes] = dumps,
    ):
        self.path = None if path in (None, "-") else path
        self.serialize = serialize
        self.count = 0
        self._closed = False
        self._temp: str | None = None
        if self.path is None:
            self._raw = stdout or sys.stdout.buffer
            self._stream = self._raw
            return
        directory = os.path.dirname(os.path.abspath(self.path))
        try:
            fd, self._temp = tempfile.mkstemp(prefix=f".{os.path.basename(self.path)}.", suffix=".part", dir=directory)
        except OSError as error:  # name the output the user gave, not our temporary file
            raise OSError(error.errno, error.strerror, self.path) from None
        self._raw = os.fdopen(fd, "wb")
        self._sink = _Hashing(self._raw)
        self._stream = _compressor(self.path, self._sink)

    def write(self, record: dict[str, Any]) -> None:
        self._stream.write(self.serialize(record))
        self.count += 1

    @property
    def size(self) -> int:
        """Bytes written to the file (after compression); for ``--resume``."""
        return self._sink.size

    @property
    def sha256(self) -> str:
        """SHA-256 of the bytes written to the file, taken as they were written
        rather than by reading the file back."""
        return self._sink.digest.hexdigest()

    def flush(self) -> None:
        self._stream.flush()

    def close(self, *, publish: bool = True) -> None:
        """Finish: publish the file (rename it into place) or throw it away.
        Safe to call again, also after a close that an interrupt broke off."""
        if self._closed:
            return
        if self.path is None:
            self._closed = True
            self._stream.flush()
            return
        try:
            if publish:
                if self._stream is not self._sink:
                    self._stream.close()
                self._raw.flush()
                os.fsync(self._raw.fileno())
                self._raw.close()
                os.chmod(self._temp, 0o666 & ~_umask())
                os.replace(self._temp, self.path)
                self._temp = None
        finally:
            self._closed = True
            if self._temp is not None:
                with contextlib.suppress(OSError, ValueError):
                    self._raw.close()
                with contextlib.suppress(OSError):
                    os.unlink(self._temp)
                self._temp = None

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close(publish=exc_type is None)


class _Hashing:
    """The file under the compressor: passes writes on, hashing and counting them."""

    def __init__(self, raw: IO[bytes]):
        self.raw, self.digest, self.size = raw, hashlib.sha256(), 0

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        self.size += len(data)
        return self.raw.write(data)

    def __getattr__(self, name: str) -> Any:  # flush, fileno, closed, ... of the file
        return getattr(self.raw, name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
