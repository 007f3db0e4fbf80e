"""Arabic named entities from CAMeL Tools' NER model kept in a local folder.

``load(directory)`` returns a tagger with the same contract as
:func:`corpuskit.entities.stanza_backend.load`: sentences as lists of token
strings in, per sentence ``(first_token_index, end_token_index_exclusive,
label)`` out. CAMeL's labels ``B-``/``I-`` ``PERS LOC ORG MISC`` become ``PER
LOC ORG MISC`` (:data:`corpuskit.entities.stanza_backend.TYPE_LABELS`).

Where the model is: ``directory`` (``--camel-data DIR``), else
``$CAMELTOOLS_DATA``, else CAMeL's default ``~/.camel_tools``; the model is
``<DIR>/data/ner/arabert`` (``config.json``, ``model.safetensors`` or
``pytorch_model.bin``, ``vocab.txt``). That is where ``camel_data -i
ner-arabert`` puts it: camel-tools 1.6's catalogue (catalogue-1.6.json) names
the dataset ``NamedEntityRecognition/arabert`` with path ``ner/arabert``,
resolved under ``$CAMELTOOLS_DATA/data`` (camel_tools/data/catalogue.py), and
``NERecognizer.pretrained()`` loads exactly that path. So a folder filled by
camel_data works as is. A folder that is itself the model (holds
``config.json``) is accepted too.

The model is loaded with ``NERecognizer(path)``, which needs no catalogue.
Importing ``camel_tools.ner`` does: it loads ``$CAMELTOOLS_DATA/catalogue.json``
at import time and tries to download it when missing (``DownloaderError``
offline). So the first import is done with ``CAMELTOOLS_DATA`` pointing at
``DIR`` when ``DIR/catalogue.json`` exists, else at a temporary folder holding
a minimal empty catalogue (deleted right after the import); nothing is read
from a folder the user did not name, nor written to the user's folder.
``HF_HUB_OFFLINE=1`` and ``TRANSFORMERS_OFFLINE=1`` are set before
transformers is imported. Note that importing camel_tools creates an empty
``~/.camel_tools`` folder (camel-tools does that unconditionally).

``NERecognizer(path)`` is ``BertForTokenClassification.from_pretrained(path)``
and ``BertTokenizer.from_pretrained(path)`` (camel_tools/ner/__init__.py:303):
transformers reads ``model.safetensors`` without pickle, else
``pytorch_model.bin`` with ``torch.load(weights_only=True)``
(transformers/modeling_utils.py ``load_state_dict``). The load runs under
:func:`corpuskit.model_guard.model_files_only_from`, so any
``torch.load`` is of a file in the model folder and with ``weights_only=True``.

CAMeL drops a word whose word-piece tokenization is empty from its
predictions; such a word gets ``O`` here so that labels stay aligned with the
tokens. A word is cut to :data:`MAX_WORD_CHARS` characters before tagging (a
word of more than 254 word pieces breaks CAMeL's batching).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import tempfile

from corpuskit.entities.stanza_backend import Span, Tagger, tags_to_spans
from corpuskit.model_guard import model_files_only_from, one_line, refused_in
from corpuskit.once import BuiltOnce
from corpuskit.pipeline import StageSetupError

#: Relative to the CAMeL data folder: where camel_data puts ner-arabert.
MODEL_SUBPATH = os.path.join("data", "ner", "arabert")
#: A word longer than this is cut before tagging (see the module doc).
MAX_WORD_CHARS = 100
#: Makes ``import camel_tools.ner`` work without the real catalogue.
MINIMAL_CATALOGUE = {"version": "1.6.0", "packages": {}, "components": {}}

_STAGE = "entities"
_WEIGHTS = ("model.safetensors", "pytorch_model.bin")
#: absolute model path -> tagger: one model per process.
_CACHE = BuiltOnce()


def resolve_dir(directory: str | None = None) -> str:
    """The absolute CAMeL data folder: ``directory``, else ``$CAMELTOOLS_DATA``,
    else ``~/.camel_tools``."""
    folder = directory or os.environ.get("CAMELTOOLS_DATA") or os.path.join("~", ".camel_tools")
    return os.path.abspath(os.path.expanduser(folder))


def model_path(directory: str | None = None) -> str:
    """Where the model is expected: ``<DIR>/data/ner/arabert``, or ``DIR`` itself
    when it holds a ``config.json``."""
    folder = resolve_dir(directory)
    if os.path.isfile(os.path.join(folder, "config.json")):
        return folder
    return os.path.join(folder, MODEL_SUBPATH)



def _fail(folder: str, problem: str) -> StageSetupError:
    expected = os.path.join(folder, MODEL_SUBPATH)
    message = (
        f"{problem} (expected the CAMeL Tools NER model in {expected}: config.json, model.safetensors, vocab.txt); "
        f"on a machine with internet: CAMELTOOLS_DATA={folder} camel_data -i ner-arabert, then copy {folder} here"
    )
    return StageSetupError(_STAGE, one_line(message))


def check(directory: str | None = None) -> str:
    """The model path after the cheap checks, without importing torch; raises the
    ``StageSetupError`` that ``load()`` would."""
    folder = resolve_dir(directory)
    if not os.path.isdir(folder):
        what = "is not a folder" if os.path.exists(folder) else "does not exist"
        raise _fail(folder, f"CAMeL Tools data folder {folder} {what}")
    path = model_path(folder)
    if not os.path.isdir(path):
        raise _fail(folder, f"no CAMeL Tools NER model in {folder}: missing {path}")
    missing = [name for name in ("config.json", "vocab.txt") if not os.path.isfile(os.path.join(path, name))]
    if not any(os.path.isfile(os.path.join(path, name)) for name in _WEIGHTS):
        missing.append(" or ".join(_WEIGHTS))
    if missing:
        raise _fail(folder, f"incomplete CAMeL Tools NER model in {path}: missing {', '.join(missing)}")
    return path


def load(directory: str | None = None) -> Tagger:
    """The CAMeL Tools Arabic NER tagger from ``directory`` (see the module doc),
    loaded once per process and model path."""
    path = check(directory)
    return _CACHE.get_or_build(path, lambda: _build(resolve_dir(directory), path))


def _import_ner(folder: str):
    """``camel_tools.ner``, imported so that its catalogue load needs no internet
    (see the module doc)."""
    if "camel_tools.data" in sys.modules:
        import camel_tools.ner

        return camel_tools.ner
    previous = os.environ.get("CAMELTOOLS_DATA")
    temporary = None
    if os.path.isfile(os.path.join(folder, "catalogue.json")):
        root = folder
    else:  # not the environment's or ~/.camel_tools': only the folder named
        temporary = tempfile.TemporaryDirectory(prefix="corpuskit-camel-")
        root = temporary.name
        with open(os.path.join(root, "catalogue.json"), "w", encoding="utf-8") as handle:
            json.dump(MINIMAL_CATALOGUE, handle)
    os.environ["CAMELTOOLS_DATA"] = root
    try:
        import camel_tools.ner

        return camel_tools.ner
    finally:
        if previous is None:
            os.environ.pop("CAMELTOOLS_DATA", None)
        else:
            os.environ["CAMELTOOLS_DATA"] = previous
        if temporary is not None:
            temporary.cleanup()


def _build(folder: str, path: str) -> Tagger:
    # Local files only, never the Hugging Face hub (read when transformers and
    # huggingface_hub are first imported).
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        import torch

        ner = _import_ner(folder)
    except ImportError as error:
        raise StageSetupError(_STAGE, f"the CAMeL Tools NER backend needs camel-tools, transformers and torch: pip install camel-tools ({error})") from error
    except Exception as error:  # DownloaderError, CatalogueError: a broken catalogue.json
        detail = one_line(str(error))[:300]
        raise StageSetupError(_STAGE, f"cannot import camel_tools.ner: {type(error).__name__}: {detail}") from error

    if multiprocessing.parent_process() is not None:
        torch.set_num_threads(1)

    try:  # no "Loading weights" progress bar on stderr
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
    except (ImportError, AttributeError):
        pass

    try:
        with model_files_only_from(path, _STAGE):
            recognizer = ner.NERecognizer(path, use_gpu=False)
    except StageSetupError:
        raise
    except Exception as error:  # OSError from transformers: a missing/corrupt file
        refused = refused_in(error)
        if refused is not None:
            raise _fail(folder, str(refused)) from error
        detail = one_line(str(error))[:300]
        raise _fail(folder, f"cannot load the CAMeL Tools NER model from {path}: {type(error).__name__}: {detail}") from error
    tokenizer = recognizer.tokenizer

    def tag(sentences: list[list[str]]) -> list[list[Span]]:
        result: list[list[Span]] = [[] for _ in sentences]
        # CAMeL leaves out words with no word pieces: keep only the others, and
        # put their labels back at their own indices.
        kept: list[list[int]] = []
        words: list[list[str]] = []
        for tokens in sentences:
            cut = [token[:MAX_WORD_CHARS] for token in tokens]
            indices = [i for i, word in enumerate(cut) if tokenizer.tokenize(word)]
            kept.append(indices)
            words.append([cut[i] for i in indices])
        todo = [n for n, indices in enumerate(kept) if indices]
        if not todo:
            return result
        predictions = recognizer.predict([words[n] for n in todo])
        for n, labels in zip(todo, predictions):
            if len(labels) != len(kept[n]):
                raise ValueError(f"CAMeL Tools returned {len(labels)} labels for {len(kept[n])} words")
            tags: list[str] = ["O"] * len(sentences[n])
            for index, label in zip(kept[n], labels):
                tags[index] = label
            result[n] = tags_to_spans(tags)
        return result

    tag.recognizer = recognizer  # type: ignore[attr-defined]
    return tag

