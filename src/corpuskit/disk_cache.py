"""Resources built from files, kept on disk between runs.

Parsing hazm's lexicon into dicts (about 0.5 s) and decompressing py3langid's
model (about 0.3 s) were most of a pipeline's set-up, paid by every process:
every `corpuskit` command in a shell pipe, and every worker of `--workers N`,
where it is time no other worker can win back. Here such a resource is built
once, pickled under the user's cache folder, and read back in a tenth of the
time by later processes.

* Where: ``$CORPUSKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/corpuskit``, else
  ``~/.cache/corpuskit``. ``CORPUSKIT_CACHE_DIR=`` (empty) turns it off.
* When it is stale: the file name holds a fingerprint of the corpuskit and
  Python versions and of every source file (path, size, modification time), so
  a new hazm, a new corpuskit or an edited data file builds a new entry and the
  old one is removed.
* Safety: a pickle runs code when read, so one is read only from a folder (and
  a file) owned by the current user and writable by nobody else; otherwise the
  resource is built as if there were no cache.
* Failure is never an error: an unwritable folder, a full disk or a damaged
  entry means the resource is built in memory as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from corpuskit import __version__

T = TypeVar("T")

ENV = "CORPUSKIT_CACHE_DIR"
#: Raise this when what an entry holds changes shape, so that no process reads
#: an entry written by code that built something else.
FORMAT = 1


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    if ENV in os.environ:
        value = os.environ[ENV]
        return Path(value).expanduser() if value else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "corpuskit"


def fingerprint(name: str, sources: Iterable[str | os.PathLike[str]], extra: Iterable[str] = ()) -> str:
    """What a cached ``name`` depends on, hashed: the versions and each source
    file's path, size and modification time (a missing file counts as such)."""
    digest = hashlib.sha256()
    for part in (name, str(FORMAT), __version__, sys.version, *extra):
        digest.update(part.encode() + b"\0")
    for source in sources:
        path = os.path.abspath(source)
        try:
            info = os.stat(path)
            digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
        except OSError:
            digest.update(f"{path}\0missing\0".encode())
    return digest.hexdigest()[:20]


def load_or_build(
    name: str,
    build: Callable[[], T],
    *,
    sources: Iterable[str | os.PathLike[str]],
    extra: Iterable[str] = (),
) -> T:
    """``build()``, or the value a previous process built from the same sources."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{_prefix(name)}{fingerprint(name, sources, extra)}.pickle"
    value = _read(path)
    if value is not None:
        return value
    value = build()
    _write(folder, path, name, value)
    return value


def _prefix(name: str) -> str:
    # One entry per resource and Python version: two Pythons sharing the folder
    # do not remove each other's entries.
    return f"{name}-py{sys.version_info.major}{sys.version_info.minor}-"


def _owned_by_me_only(info: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)
    mine = getuid is None or info.st_uid == getuid()
    return mine and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(path: Path):
    try:
        if not (_owned_by_me_only(path.parent.stat()) and _owned_by_me_only(path.stat())):
            return None
        with open(path, "rb") as file:
            return pickle.load(file)
    except FileNotFoundError:
        return None
    except Exception:  # damaged or truncated by hand: build again, and overwrite it
        return None


def _write(folder: Path, path: Path, name: str, value: object) -> None:
    temporary = None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _owned_by_me_only(folder.stat()):
            return
        with tempfile.NamedTemporaryFile("wb", dir=folder, prefix=f".{name}-", suffix=".tmp", delete=False) as file:
            temporary = file.name
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)  # atomic: a reader sees the whole entry or none
        temporary = None
        for old in folder.glob(f"{_prefix(name)}*.pickle"):  # entries of older sources
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()
    except Exception:  # no cache this time; the value built is still returned
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
