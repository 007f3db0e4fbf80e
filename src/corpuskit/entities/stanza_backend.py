"""Named entities from a Stanza NER model kept in a local folder, never downloaded.

``load(lang, directory)`` returns a tagger ``sentences -> spans``: it takes
sentences as lists of token strings (corpuskit's own tokens, given to Stanza
with ``tokenize_pretokenized=True`` so nothing is re-tokenized) and returns,
per sentence, ``(first_token_index, end_token_index_exclusive, label)`` with
the label one of ``PER LOC ORG MISC EVENT``. An empty sentence gets ``[]``
(Stanza itself fails on one).

Labels (:data:`TYPE_LABELS`): Stanza's Persian model (``fa``, package
``arman``, ArmanPersoNER) tags ``pers org loc fac pro event`` -> ``PER ORG LOC
LOC MISC EVENT`` (a facility is a place; a product is MISC); its Arabic model
(``ar``, ``aqmar_charlm``) tags ``PER LOC ORG MISC`` -> the same. An entity
type the table does not know becomes MISC. Stanza writes BIOES tags on each
token (``token.ner``); :func:`tags_to_spans` turns them into spans, leniently
(also BIO).

The folder is ``directory``, else ``$STANZA_RESOURCES_DIR``, else Stanza's
default (``~/.cache/stanza/<resources version>/resources`` in stanza 1.15),
as for the tokenizer (:mod:`corpuskit.tokenize.stanza_backend`). It holds
``resources.json`` and ``<lang>/ner/<package>.pt`` with the dependencies
resources.json names for it (``<lang>/pretrain/<package>.pt``,
``<lang>/forward_charlm/...``, ``<lang>/backward_charlm/...``): what
``stanza.download(lang, model_dir=DIR, processors='tokenize,ner')`` writes.
The tokenizer model is not needed (input is pretokenized). The NER package is
the one resources.json makes the default for the language
(``default_processors``, else ``packages.default``, else the only one).

Model files come only from the folder, read with ``torch.load(weights_only=True)``
(the NER model, its pretrain and charlms), and a NER model that needs a Hugging
Face transformer (which Stanza would take from the Hugging Face cache, not from
the folder) is refused: see
:func:`corpuskit.model_guard.model_files_only_from`.

One Pipeline per (language, folder) per process; Stanza and torch are
imported on the first ``load()``, never at import time.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable

from corpuskit.model_guard import model_files_only_from, one_line, refused_in
from corpuskit.once import BuiltOnce
from corpuskit.pipeline import StageSetupError

Span = tuple[int, int, str]
Tagger = Callable[[list[list[str]]], list[list[Span]]]

#: Our labels, for every NER backend.
LABELS = ("PER", "LOC", "ORG", "MISC", "EVENT")

#: A model's entity type (lower-cased) -> our label: Stanza fa/arman
#: (pers org loc fac pro event), Stanza ar/aqmar (PER LOC ORG MISC), CAMeL
#: Tools (PERS LOC ORG MISC), and a few other spellings of the same types.
TYPE_LABELS = {
    "pers": "PER",
    "per": "PER",
    "person": "PER",
    "loc": "LOC",
    "location": "LOC",
    "fac": "LOC",
    "gpe": "LOC",
    "org": "ORG",
    "organization": "ORG",
    "pro": "MISC",
    "misc": "MISC",
    "event": "EVENT",
}
#: The label of an entity type not in TYPE_LABELS: still an entity.
UNKNOWN_TYPE_LABEL = "MISC"

#: corpuskit language code -> Stanza language code.
STANZA_LANGS = {"fa": "fa", "ar": "ar"}

_STAGE = "entities"
_STARTS = {"B", "S", "U"}
_INSIDE = {"I", "E", "L"}
_ENDS = {"E", "S", "U", "L"}

#: (stanza lang, absolute folder) -> tagger: one Pipeline per process.
_CACHE = BuiltOnce()


# --- tags -> spans -------------------------------------------------------------


def map_type(entity_type: str | None) -> str:
    """A model's entity type (``pers``, ``PERS``, ``fac`` ...) -> one of :data:`LABELS`."""
    return TYPE_LABELS.get((entity_type or "").strip().lower(), UNKNOWN_TYPE_LABEL)


def split_tag(tag: str | None) -> tuple[str, str | None]:
    """``"B-PERS"`` -> ``("B", "PERS")``; ``"O"``, ``None``, ``""`` -> ``("O", None)``.
    A tag without a prefix (``"PER"``) counts as ``("I", "PER")``."""
    if not tag or tag in ("O", "_"):
        return "O", None
    prefix, sep, entity_type = tag.partition("-")
    if sep and entity_type and prefix.upper() in _STARTS | _INSIDE:
        return prefix.upper(), entity_type
    return "I", tag


def tags_to_spans(tags: Iterable[str | None], label_of: Callable[[str | None], str] = map_type) -> list[Span]:
    """BIOES / BIO / BILOU tags, one per token -> ``[(first, end, label), ...]`` in
    token indices (end exclusive), in order, never overlapping. Lenient, as
    conlleval: ``B``/``S`` start an entity; ``I``/``E`` continue the open one of
    the same type, else start one; ``E``/``S`` and ``O`` close it."""
    spans: list[Span] = []
    start: int | None = None
    open_type: str | None = None
    index = -1
    for index, tag in enumerate(tags):
        prefix, entity_type = split_tag(tag)
        if prefix == "O":
            if start is not None:
                spans.append((start, index, label_of(open_type)))
            start = open_type = None
            continue
        if not (prefix in _INSIDE and start is not None and entity_type == open_type):
            if start is not None:
                spans.append((start, index, label_of(open_type)))
            start, open_type = index, entity_type
        if prefix in _ENDS:
            spans.append((start, index + 1, label_of(open_type)))
            start = open_type = None
    if start is not None:
        spans.append((start, index + 1, label_of(open_type)))
    return spans


# --- the folder ------------------------------------------------------------------


def resolve_dir(directory: str | None = None) -> str:
    """The absolute model folder: ``directory``, else ``$STANZA_RESOURCES_DIR``,
    else Stanza's default."""
    from corpuskit.tokenize.stanza_backend import resolve_dir as tokenizer_dir

    return tokenizer_dir(directory)



def download_command(lang: str, folder: str) -> str:
    return f"python -c \"import stanza; stanza.download('{lang}', model_dir={folder!r}, processors='tokenize,ner')\""


def _fail(lang: str, folder: str, problem: str) -> StageSetupError:
    expected = os.path.join(folder, lang, "ner", "*.pt")
    resources = os.path.join(folder, "resources.json")
    message = (
        f"{problem} (expected {resources} and {expected}); "
        f"on a machine with internet: {download_command(lang, folder)}, then copy {folder} here"
    )
    return StageSetupError(_STAGE, one_line(message))


def ner_package(resources: dict, lang: str) -> tuple[str, str | None]:
    """``(lang, package)``: the language after resources.json's alias, and its
    default NER package (None when resources.json has no NER model for it)."""
    entry = resources.get(lang) if isinstance(resources, dict) else None
    if isinstance(entry, dict) and isinstance(entry.get("alias"), str):
        lang = entry["alias"]
        entry = resources.get(lang)
    if not isinstance(entry, dict) or not isinstance(entry.get("ner"), dict) or not entry["ner"]:
        return lang, None
    known = entry["ner"]
    for candidate in (
        (entry.get("default_processors") or {}).get("ner"),
        ((entry.get("packages") or {}).get("default") or {}).get("ner"),
    ):
        if isinstance(candidate, list) and candidate:
            candidate = candidate[0]
        if isinstance(candidate, str) and candidate in known:
            return lang, candidate
    return lang, sorted(known)[0]


def check(lang: str, directory: str | None = None) -> tuple[str, str]:
    """``(folder, package)`` after the cheap checks (the folder, resources.json,
    a NER entry for ``lang``, its ``.pt`` file), without importing torch; raises
    the ``StageSetupError`` that ``load()`` would."""
    folder = resolve_dir(directory)
    stanza_lang = STANZA_LANGS.get(lang, lang)
    _, package = _check_folder(stanza_lang, folder)
    return folder, package


def _check_folder(lang: str, folder: str) -> tuple[str, str]:
    from corpuskit.tokenize.stanza_backend import read_resources

    resources = read_resources(folder, lambda problem: _fail(lang, folder, problem))
    resources_path = os.path.join(folder, "resources.json")
    lang, package = ner_package(resources, lang)
    if package is None:
        raise _fail(lang, folder, f"no Stanza NER model for '{lang}' in {resources_path}")
    model = os.path.join(folder, lang, "ner", f"{package}.pt")
    if not os.path.isfile(model):
        raise _fail(lang, folder, f"no Stanza NER model for '{lang}' in {folder}: missing {model}")
    for path in _dependency_files(resources[lang]["ner"][package], lang, folder):
        if not os.path.isfile(path):
            raise _fail(lang, folder, f"no Stanza NER model for '{lang}' in {folder}: missing {path}")
    return lang, package


def _dependency_files(entry, lang: str, folder: str) -> list[str]:
    """The pretrain and charlm files resources.json names for a NER package, where
    Stanza looks for them (pipeline/core.py ``build_default_config``). Checked
    beforehand: stanza 1.15 reports a missing pretrain as a TypeError of its own."""
    dependencies = entry.get("dependencies") if isinstance(entry, dict) else None
    paths = []
    for dependency in dependencies if isinstance(dependencies, list) else []:
        if isinstance(dependency, dict) and isinstance(dependency.get("model"), str) and isinstance(dependency.get("package"), str):
            paths.append(os.path.join(folder, lang, dependency["model"], f"{dependency['package']}.pt"))
    return paths


# --- loading ---------------------------------------------------------------------


def load(lang: str, directory: str | None = None) -> Tagger:
    """The Stanza NER tagger for ``lang`` from ``directory`` (see the module doc),
    built once per process and folder. Raises ``StageSetupError`` with one line
    naming the folder, what is missing and how to fill it."""
    stanza_lang = STANZA_LANGS.get(lang, lang)
    folder = resolve_dir(directory)
    return _CACHE.get_or_build((stanza_lang, folder), lambda: _build(stanza_lang, folder))



def _build(lang: str, folder: str) -> Tagger:
    lang, package = _check_folder(lang, folder)
    try:
        import stanza
        import stanza.models.common.bert_embedding  # noqa: F401  (for the guard to watch)
        import torch
    except ImportError as error:
        raise StageSetupError(_STAGE, f"the Stanza NER backend needs stanza and torch: pip install stanza ({error})") from error

    if multiprocessing.parent_process() is not None:
        torch.set_num_threads(1)  # a worker of corpuskit.parallel: one thread each

    try:
        # download_method=None: never fetch resources.json or models (offline);
        # it also makes Stanza ask transformers for local files only, and the
        # guard refuses a transformer outside the folder altogether.
        # Weights: stanza 1.15 reads the NER model, pretrain and charlms with
        # torch.load(..., weights_only=True) (ner/trainer.py:202,
        # common/pretrain.py:63, common/char_model.py:271); the guard makes sure.
        # Pretokenized: our tokens, so that token i of a sentence is our token i;
        # the tokenize model is then not loaded. The NER package is named
        # explicitly: with processors="tokenize,ner" Stanza looks for a "default"
        # package and, not finding one, drops NER with a warning.
        with model_files_only_from(folder, _STAGE):
            pipeline = stanza.Pipeline(
                lang=lang,
                dir=folder,
                processors={"tokenize": "default", "ner": package},
                tokenize_pretokenized=True,
                download_method=None,
                logging_level="CRITICAL",
            )
    except StageSetupError:
        raise
    except FileNotFoundError as error:
        from corpuskit.tokenize.stanza_backend import missing_file

        missing = missing_file(error)
        problem = f"no Stanza NER model for '{lang}' in {folder}" + (f": missing {missing}" if missing else "")
        raise _fail(lang, folder, problem) from error
    except Exception as error:  # a corrupt or incompatible model
        refused = refused_in(error)
        if refused is not None:
            raise _fail(lang, folder, str(refused)) from error
        detail = one_line(str(error))[:300]
        raise _fail(lang, folder, f"cannot load the Stanza NER model for '{lang}' from {folder}: {type(error).__name__}: {detail}") from error
    if "ner" not in pipeline.processors:
        raise _fail(lang, folder, f"Stanza built no NER processor for '{lang}' from {folder}")

    def tag(sentences: list[list[str]]) -> list[list[Span]]:
        result: list[list[Span]] = [[] for _ in sentences]
        todo = [index for index, tokens in enumerate(sentences) if tokens]
        if not todo:
            return result
        document = pipeline([list(sentences[index]) for index in todo])
        if len(document.sentences) != len(todo):
            raise ValueError(f"Stanza returned {len(document.sentences)} sentences for {len(todo)}")
        for index, sentence in zip(todo, document.sentences):
            if len(sentence.tokens) != len(sentences[index]):
                raise ValueError(f"Stanza returned {len(sentence.tokens)} tokens for {len(sentences[index])}")
            result[index] = tags_to_spans(token.ner for token in sentence.tokens)
        return result

    tag.pipeline = pipeline  # type: ignore[attr-defined]
    tag.package = package  # type: ignore[attr-defined]
    return tag
