"""Model files only from the folder the user named, and only as weights.

A model checkpoint is a pickle, and reading an unrestricted pickle can run any
code the file holds. The three model backends (the Stanza tokenizer, Stanza
NER, CAMeL Tools NER) therefore load their models inside
:func:`model_files_only_from`, which guarantees, while a model loads:

* every ``torch.load`` is made with ``weights_only=True``, whatever the library
  asks for: torch's weights-only unpickler rebuilds tensors and plain
  containers and nothing else (an older Stanza retried with
  ``weights_only=False`` when that failed);
* only a file inside the named folder is loaded, and only by name (a buffer is
  refused): the user chose that folder, and a library falling back to its own
  cache (``~/stanza_resources``, ``~/.cache/stanza``) would load a model nobody
  chose. Inside is decided lexically: ``..`` does not get out, and a symlink
  the user put in the folder is the user's;
* Stanza's ``load_bert`` and ``load_tokenizer`` load only a transformer that is
  a folder inside the named folder, with ``local_files_only=True``: otherwise
  Stanza would take it from the Hugging Face cache or hub. A backend imports
  ``stanza.models.common.bert_embedding`` before the load so that the guard
  finds them;
* torch older than 2.6 is refused (``StageSetupError``): its
  ``weights_only=True`` can still run code from a crafted file
  (CVE-2025-32434), so the first guarantee would not hold.

A file that fails is refused with :class:`RefusedModelFile`
(:class:`UnsafeModelFile` for a pickle holding more than weights), raised
inside the library's load; the backend finds it behind the library's own
exception with :func:`refused_in` and reports it as a one-line
``StageSetupError`` that names the file.

The replacements are process-wide only while a guarded load is under way and
are undone when the last one ends: outside a load, torch is as it was. torch
is imported when a guarded load starts, never at import time, so
``corpuskit --help`` stays instant.
"""

from __future__ import annotations

import functools
import os
import pickle
import re
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from corpuskit.pipeline import StageSetupError

#: The first torch whose ``torch.load(weights_only=True)`` a crafted file cannot
#: escape (CVE-2025-32434 affects 2.5.1 and older).
SAFE_TORCH = (2, 6)

#: Stanza's loaders of a Hugging Face transformer (stanza/models/common/bert_embedding.py),
#: which read the hub or its cache, never the Stanza model folder.
_STANZA_TRANSFORMER_LOADERS = ("load_bert", "load_tokenizer")

_GUARD_LOCK = threading.Lock()
#: Absolute folder -> loads under way from it; the guard is installed while not empty.
_GUARDED: Counter = Counter()
#: (object, attribute, original) of what the guard replaced, to put back.
_REPLACED: list = []


class RefusedModelFile(Exception):
    """A file the guard of :func:`model_files_only_from` would not load: outside
    the model folder, a transformer from outside it, or a pickle holding more
    than weights. ``str()`` is the message for the user."""

    def __init__(self, path: str, message: str):
        super().__init__(path, message)
        self.path, self.message = path, message

    def __str__(self) -> str:
        return self.message


class UnsafeModelFile(RefusedModelFile, pickle.UnpicklingError):
    """A model file that ``torch.load(weights_only=True)`` refused to unpickle.
    Also an ``UnpicklingError``, so that a library handling one still does."""


def refused_in(error: BaseException | None) -> RefusedModelFile | None:
    """The :class:`RefusedModelFile` behind ``error`` (libraries wrap it), if any."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, RefusedModelFile):
            return error
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return None


def torch_version(torch) -> tuple[int, int]:
    match = re.match(r"(\d+)\.(\d+)", str(getattr(torch, "__version__", "")))
    return (int(match[1]), int(match[2])) if match else (0, 0)


@contextmanager
def model_files_only_from(folder: str, stage: str) -> Iterator[None]:
    """While a model loads from ``folder``: every ``torch.load`` is made with
    ``weights_only=True`` whatever its caller asks (an older Stanza retried with
    ``weights_only=False``; a ``functools.partial`` would not override an explicit
    False), and only of a file inside ``folder`` (lexically: ``..`` does not get
    out, a symlink the user put in the folder is the user's); Stanza's transformer
    loaders refuse any model that is not a folder inside ``folder``. Anything
    else raises :class:`RefusedModelFile` (:class:`UnsafeModelFile` for a pickle
    that holds more than weights). Raises ``StageSetupError`` for torch < 2.6.

    The replacements are process-wide while any guarded load is under way
    (threads loading from other folders share them, each folder allowed);
    the originals are put back when the last one ends."""
    import torch

    if torch_version(torch) < SAFE_TORCH:
        raise StageSetupError(
            stage,
            f"torch {torch.__version__} cannot load model files safely: before torch 2.6, "
            "torch.load(weights_only=True) can run code from a crafted file (CVE-2025-32434); "
            "pip install 'torch>=2.6'",
        )
    folder = os.path.abspath(folder)
    with _GUARD_LOCK:
        if not _GUARDED:
            _install_guard(torch)
        _GUARDED[folder] += 1
    try:
        yield
    finally:
        with _GUARD_LOCK:
            _GUARDED[folder] -= 1
            if _GUARDED[folder] <= 0:
                del _GUARDED[folder]
            if not _GUARDED:
                while _REPLACED:
                    owner, name, original = _REPLACED.pop()
                    setattr(owner, name, original)


def _install_guard(torch) -> None:
    original = torch.load
    _replace(torch, "load", _weights_only_load(original))
    if getattr(torch.serialization, "load", None) is original:
        _replace(torch.serialization, "load", torch.load)
    bert = sys.modules.get("stanza.models.common.bert_embedding")
    if bert is not None:
        for name in _STANZA_TRANSFORMER_LOADERS:
            if callable(getattr(bert, name, None)):
                _replace(bert, name, _folder_transformer_only(getattr(bert, name)))


def _replace(owner, name: str, value) -> None:
    _REPLACED.append((owner, name, getattr(owner, name)))
    setattr(owner, name, value)


def _guarded_folders() -> list[str]:
    with _GUARD_LOCK:
        return list(_GUARDED)


def _inside(path: str, folders: list[str]) -> bool:
    path = os.path.abspath(path)
    for folder in folders:
        try:
            if os.path.commonpath([path, folder]) == folder:
                return True
        except ValueError:  # another drive (Windows)
            pass
    return False


def _source(f) -> str | None:
    """The file name ``torch.load`` was given, or None for a buffer."""
    if isinstance(f, (str, bytes, os.PathLike)):
        return os.fsdecode(os.fspath(f))
    name = getattr(f, "name", None)
    return name if isinstance(name, str) else None


def _weights_only_load(original: Callable) -> Callable:
    @functools.wraps(original)
    def load(f, *args, **kwargs):
        path = _source(f)
        folders = _guarded_folders()
        if path is None:
            raise RefusedModelFile(
                repr(f), f"refused to load a model from {type(f).__name__}: corpuskit loads model files only by name from {', '.join(folders)}"
            )
        if not _inside(path, folders):
            raise RefusedModelFile(
                path, f"refused to load {path}: it is outside the model folder {', '.join(folders)}, and corpuskit loads model files only from the folder it is given"
            )
        # args[0] is map_location; args[1], pickle_module, cannot go with weights_only.
        kwargs.pop("pickle_module", None)
        kwargs["weights_only"] = True
        try:
            return original(f, *args[:1], **kwargs)
        except pickle.UnpicklingError as error:
            # torch's own message suggests weights_only=False: not to a user here.
            detail = _unpickler_detail(error)
            if re.search(r"Unsupported operand|String is too long", detail):  # not a pickle at all
                raise pickle.UnpicklingError(f"{path} is not a torch checkpoint: {detail}") from error
            raise UnsafeModelFile(path, _unsafe_message(path, detail)) from error

    return load


def _unpickler_detail(error: BaseException) -> str:
    """What torch's weights-only unpickler objected to, without torch's advice."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(error))
    text = text.rpartition("WeightsUnpickler error:")[2].partition("Check the documentation of torch.load")[0]
    return one_line(text)[:200] or type(error).__name__


def _unsafe_message(path: str, detail: str) -> str:
    found = re.search(r"GLOBAL (\S+) (?:was not an allowed global|whose module)", detail)
    what = f"it would call or import {found[1]}" if found else detail.partition(". Please use")[0]
    return (
        f"refused to load {path}: it holds Python objects besides weights ({what}), which could run code, "
        "and corpuskit reads model files only with torch.load(weights_only=True); "
        "the file is damaged or not the model it claims to be: replace it"
    )


def _folder_transformer_only(original: Callable) -> Callable:
    @functools.wraps(original)
    def load_transformer(model_name, *args, **kwargs):
        if model_name:
            folders = _guarded_folders()
            name = os.fsdecode(os.fspath(model_name))
            if not (os.path.isdir(name) and _inside(name, folders)):
                raise RefusedModelFile(
                    name,
                    f"refused to load the transformer {name}: the Stanza model needs it, and Stanza would take it "
                    f"from the Hugging Face cache or hub, not from the model folder {', '.join(folders)}; "
                    "use a Stanza package without a transformer (the default ones: fa arman, ar aqmar_charlm)",
                )
            if len(args) < 2:  # (tokenizer_kwargs, local_files_only, ...)
                kwargs["local_files_only"] = True
        return original(model_name, *args, **kwargs)

    return load_transformer


def one_line(message: str) -> str:
    """A library's message on one line (stderr shows one line per error)."""
    return re.sub(r"\s*[\r\n]+\s*", " ", message).strip()
