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

Model files come only from the folder and are read only as weights
(:func:`corpuskit.model_guard.model_files_only_from`, shared by the three model
backends): a file that fails this is refused with a ``StageSetupError`` that
names it, and so is torch older than 2.6.

Stanza and torch are imported on the first ``load()``, never at import time,
so ``corpuskit --help`` stays instant.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
from collections.abc import Callable

from corpuskit.model_guard import model_files_only_from, one_line, refused_in
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
    return StageSetupError(_STAGE, one_line(message))



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
        missing = missing_file(error)
        problem = f"no Stanza tokenizer for '{lang}' in {folder}" + (f": missing {missing}" if missing else "")
        raise _fail(lang, folder, problem) from error
    except Exception as error:  # a corrupt or incompatible model, an unknown language
        refused = refused_in(error)
        if refused is not None:
            raise _fail(lang, folder, str(refused)) from error
        detail = one_line(str(error))[:300]
        raise _fail(lang, folder, f"cannot load the Stanza tokenizer for '{lang}' from {folder}: {type(error).__name__}: {detail}") from error

    def tokenize(text: str) -> list[list[Span]]:
        if not text or text.isspace():
            return []
        return to_spans(pipeline(text), text)

    tokenize.pipeline = pipeline  # type: ignore[attr-defined]
    return tokenize


def missing_file(error: BaseException) -> str | None:
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
