"""The optional Stanza tokenizer: sentences of ``(start, end)`` spans from a Stanza
``tokenize`` model kept in a local folder, never downloaded.

``load(lang, model_dir)`` returns a function ``text -> [[(start, end), ...], ...]``
with the same contract as :func:`corpuskit.tokenize.tokenize`: spans are code-point
offsets into exactly the text given, never empty, in order, without overlap.

The folder is ``model_dir``, else ``$STANZA_RESOURCES_DIR``, else Stanza's own
default (``~/.cache/stanza/<resources version>/resources`` in stanza 1.15). It
holds ``resources.json`` and ``<lang>/tokenize/<package>.pt`` (and
``<lang>/mwt/<package>.pt`` when resources.json pairs the tokenizer with a
multi-word-token model, as for Arabic), which is what
``stanza.download(lang, model_dir=DIR, processors='tokenize')`` writes.

How Stanza's offsets relate to the text (stanza 1.15,
``stanza/models/tokenization/utils.py:decode_predictions``): the tokenizer reads
the text with every whitespace character and every C1 control
(``[\\s\\u0080-\\u009f]``) replaced by one space, so the string keeps its length,
and finds each token in it with ``str.index``; ``start_char``/``end_char`` are
therefore code-point offsets into the text as given. ``token.text`` is *not*
always ``text[start:end]``: whitespace inside a token becomes a plain space
(``سلام\\xa0دنیا`` -> ``سلام دنیا``), and a token longer than ``max_seqlen``
becomes ``<UNK>``. The spans here come from the offsets, checked against the
token's text with whitespace ignored; a token whose offsets do not fit is
looked up in the text again, and a record whose tokens cannot be placed fails
(``ValueError``) instead of getting wrong spans.

Model files come only from the folder (:func:`model_files_only_from`, shared
by the three model backends): while a model loads, every ``torch.load`` is made
with ``weights_only=True`` (whatever the library asks for) and only of a file
inside the folder, and Stanza may not fetch a transformer from the Hugging Face
cache or hub. A file that fails this is refused with a ``StageSetupError`` that
names it. torch older than 2.6 is refused: its ``weights_only=True`` can still
run code from a crafted file (CVE-2025-32434).

Stanza and torch are imported on the first ``load()``, never at import time,
so ``corpuskit --help`` stays instant.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import os
import pickle
import re
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from corpuskit.once import BuiltOnce
from corpuskit.pipeline import StageSetupError

Span = tuple[int, int]
Tokenizer = Callable[[str], list[list[Span]]]

#: corpuskit language code -> Stanza language code.
STANZA_LANGS = {"fa": "fa", "ar": "ar"}

#: What Stanza's tokenizer turns into a space (tokenization/data.py WHITESPACE_RE).
_SPACE = re.compile(r"[\s\u0080-\u009f]+")
#: Stanza's text for a token longer than max_seqlen (pipeline/tokenize_processor.py).
_TOO_LONG = "<UNK>"
_STAGE = "tokenize"

#: (stanza lang, absolute folder) -> tokenizer: one Pipeline per process.
_CACHE = BuiltOnce()


def load(lang: str, model_dir: str | None = None) -> Tokenizer:
    """The Stanza tokenizer for ``lang`` from ``model_dir`` (see the module doc),
    built once per process and folder. Raises ``StageSetupError`` with one line
    that names the folder and what it must hold when the model cannot load."""
    stanza_lang = STANZA_LANGS.get(lang, lang)
    folder = resolve_dir(model_dir)
    return _CACHE.get_or_build((stanza_lang, folder), lambda: _build(stanza_lang, folder))


def check(lang: str, model_dir: str | None = None) -> str:
    """The absolute model folder, after the cheap checks ``load()`` starts with
    (the folder, resources.json, a ``<lang>/tokenize/*.pt``): lets a caller fail
    fast, before reading any input, without importing torch. Raises the same
    ``StageSetupError``."""
    folder = resolve_dir(model_dir)
    _check_folder(STANZA_LANGS.get(lang, lang), folder)
    return folder


def resolve_dir(model_dir: str | None = None) -> str:
    """The absolute model folder: ``model_dir``, else ``$STANZA_RESOURCES_DIR``,
    else Stanza's default."""
    folder = model_dir or os.environ.get("STANZA_RESOURCES_DIR") or _stanza_default_dir()
    return os.path.abspath(os.path.expanduser(folder))


def _stanza_default_dir() -> str:
    try:
        from stanza.resources import common
    except ImportError:
        return os.path.join(os.path.expanduser("~"), "stanza_resources")
    # stanza >= 1.10: a per-version user cache folder; older: ~/stanza_resources.
    # DEFAULT_MODEL_DIR itself was read from the environment when stanza was
    # imported, so rebuild it rather than trust a variable unset since.
    cache = getattr(common, "USER_CACHE_DIR", None)
    return os.path.join(cache, "resources") if cache else common.DEFAULT_MODEL_DIR


def _fail(lang: str, folder: str, problem: str) -> StageSetupError:
    expected = os.path.join(folder, lang, "tokenize", "*.pt")
    resources = os.path.join(folder, "resources.json")
    command = f"python -c \"import stanza; stanza.download('{lang}', model_dir={folder!r}, processors='tokenize')\""
    message = f"{problem} (expected {expected} and {resources}); on a machine with internet: {command}"
    return StageSetupError(_STAGE, _one_line(message))


def _one_line(message: str) -> str:
    return re.sub(r"\s*[\r\n]+\s*", " ", message).strip()


def read_resources(folder: str, fail: Callable[[str], Exception]) -> dict:
    """The ``resources.json`` of a Stanza model folder, after checking the folder
    is there; ``fail(problem)`` makes the error to raise (each backend names
    what it needs and how to get it). Shared with the entities' Stanza backend."""
    if not os.path.isdir(folder):
        what = "is not a folder" if os.path.exists(folder) else "does not exist"
        raise fail(f"Stanza model folder {folder} {what}")
    resources_path = os.path.join(folder, "resources.json")
    if not os.path.isfile(resources_path):
        raise fail(f"no resources.json in Stanza model folder {folder}")
    try:
        with open(resources_path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as error:
        raise fail(f"unreadable {resources_path}: {type(error).__name__}: {error}") from error


# --- model files only from the named folder, only as weights ------------------------

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
    return _one_line(text)[:200] or type(error).__name__


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


def _check_folder(lang: str, folder: str) -> None:
    """The cheap checks, before paying seconds for torch: one clear message each."""
    resources = read_resources(folder, lambda problem: _fail(lang, folder, problem))
    entry = resources.get(lang) if isinstance(resources, dict) else None
    if isinstance(entry, dict) and isinstance(entry.get("alias"), str):  # e.g. "zh" -> "zh-hans"
        lang = entry["alias"]
        entry = resources.get(lang)
    tokenize_dir = os.path.join(folder, lang, "tokenize")
    has_model = os.path.isdir(tokenize_dir) and any(name.endswith(".pt") for name in os.listdir(tokenize_dir))
    if not isinstance(entry, dict) or "tokenize" not in entry or not has_model:
        raise _fail(lang, folder, f"no Stanza tokenizer for '{lang}' in {folder}")


def _build(lang: str, folder: str) -> Tokenizer:
    _check_folder(lang, folder)
    try:
        import stanza
        import stanza.models.common.bert_embedding  # noqa: F401  (for the guard to watch)
        import torch
    except ImportError as error:
        raise StageSetupError(_STAGE, f"the Stanza tokenizer needs stanza and torch: pip install stanza ({error})") from error

    if multiprocessing.parent_process() is not None:
        # A worker of corpuskit.parallel: one torch thread each, or N workers
        # fight over the cores. The parent process keeps torch's default.
        torch.set_num_threads(1)

    try:
        # download_method=None: never fetch resources.json or models (offline).
        # Weights: stanza 1.15 loads the tokenizer and MWT checkpoints itself
        # with torch.load(..., weights_only=True) (tokenization/trainer.py:116,
        # mwt/trainer.py:206); the guard makes sure of it and of the folder.
        with model_files_only_from(folder, _STAGE):
            pipeline = stanza.Pipeline(
                lang=lang,
                dir=folder,
                processors="tokenize",
                download_method=None,
                # Only while building, restored afterwards: every failure becomes
                # the one-line StageSetupError below, not log lines before it.
                logging_level="CRITICAL",
            )
    except StageSetupError:
        raise
    except FileNotFoundError as error:
        # ResourcesFileNotFoundError, LanguageNotDownloadedError,
        # UnsupportedProcessorError, a missing model or MWT file.
        missing = _missing_file(error)
        problem = f"no Stanza tokenizer for '{lang}' in {folder}" + (f": missing {missing}" if missing else "")
        raise _fail(lang, folder, problem) from error
    except Exception as error:  # a corrupt or incompatible model, an unknown language
        refused = refused_in(error)
        if refused is not None:
            raise _fail(lang, folder, str(refused)) from error
        detail = _one_line(str(error))[:300]
        raise _fail(lang, folder, f"cannot load the Stanza tokenizer for '{lang}' from {folder}: {type(error).__name__}: {detail}") from error

    def tokenize(text: str) -> list[list[Span]]:
        if not text or text.isspace():
            return []
        return to_spans(pipeline(text), text)

    tokenize.pipeline = pipeline  # type: ignore[attr-defined]
    return tokenize


def _missing_file(error: BaseException) -> str | None:
    """The file a FileNotFoundError from Stanza is about: Stanza re-raises
    torch's error (which has ``filename``) as its own (which may not)."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        for name in ("filename", "model_path", "resources_filepath"):
            value = getattr(error, name, None)
            if isinstance(value, str) and value:
                return value
        error = error.__cause__ or error.__context__
    return None


def to_spans(document, text: str) -> list[list[Span]]:
    """Sentences of token spans into ``text`` from a Stanza ``Document`` of it."""
    sentences: list[list[Span]] = []
    cursor = 0
    for sentence in document.sentences:
        spans = []
        for token in sentence.tokens:
            start, end = _place(token, text, cursor)
            spans.append((start, end))
            cursor = end
        if spans:
            sentences.append(spans)
    return sentences


def _squash(value: str) -> str:
    return _SPACE.sub("", value)


def _place(token, text: str, cursor: int) -> Span:
    """The span of ``token`` at or after ``cursor``: Stanza's offsets when they hold
    the token's characters, else the token's characters looked up in ``text``."""
    start, end = getattr(token, "start_char", None), getattr(token, "end_char", None)
    if isinstance(start, int) and isinstance(end, int) and cursor <= start < end <= len(text):
        while start < end and _SPACE.match(text, start):
            start += 1
        while end > start and _SPACE.match(text[end - 1]):
            end -= 1
        if start < end and (token.text == _TOO_LONG or _squash(text[start:end]) == _squash(token.text)):
            return start, end
    parts = [part for part in _SPACE.split(token.text) if part]
    if parts and token.text != _TOO_LONG:
        match = re.compile(_SPACE.pattern.join(re.escape(part) for part in parts)).search(text, cursor)
        if match:
            return match.span()
    raise ValueError(f"stanza token {token.text!r} ({start}-{end}) not found in the text after offset {cursor}")
