"""What NER models are where, for ``corpuskit models``: plain data, no printing,
no torch (only files are looked at)."""

from __future__ import annotations

import json
import os

from corpuskit.entities import camel_backend, stanza_backend

#: The Stanza NER models the entities stage can use.
STANZA_NER_LANGS = ("fa", "ar")


def find_models(stanza_dir: str | None, camel_data: str | None) -> list[dict]:
    """One dict per NER model the entities stage can use, found or not:
    ``backend`` ("stanza" / "camel"), ``lang``, ``processor`` ("ner"), ``path``
    (the model file or folder, or where it is expected), ``present`` (bool) and
    ``note`` (what is missing and how to get it, or the package found).
    Folders: the arguments, else ``$STANZA_RESOURCES_DIR`` / ``$CAMELTOOLS_DATA``,
    else the libraries' defaults."""
    found = [_stanza_entry(lang, stanza_dir) for lang in STANZA_NER_LANGS]
    found.append(_camel_entry(camel_data))
    return found


def _stanza_entry(lang: str, directory: str | None) -> dict:
    folder = stanza_backend.resolve_dir(directory)
    entry = {
        "backend": "stanza",
        "lang": lang,
        "processor": "ner",
        "path": os.path.join(folder, lang, "ner"),
        "present": False,
        "note": "",
    }
    resources_path = os.path.join(folder, "resources.json")
    how = f"get it with {stanza_backend.download_command(lang, folder)}"
    if not os.path.isdir(folder):
        entry["note"] = f"folder {folder} does not exist; {how}"
        return entry
    try:
        with open(resources_path, encoding="utf-8") as handle:
            resources = json.load(handle)
    except FileNotFoundError:
        entry["note"] = f"no resources.json in {folder}; {how}"
        return entry
    except (OSError, ValueError) as error:
        entry["note"] = f"unreadable {resources_path}: {type(error).__name__}; {how}"
        return entry
    stanza_lang, package = stanza_backend.ner_package(resources, lang)
    if package is None:
        entry["note"] = f"resources.json names no NER model for '{lang}'; {how}"
        return entry
    model = os.path.join(folder, stanza_lang, "ner", f"{package}.pt")
    entry["path"] = model
    if os.path.isfile(model):
        entry["present"] = True
        entry["note"] = f"package {package}"
    else:
        entry["note"] = f"resources.json names package {package} but {model} is missing; {how}"
    return entry


def _camel_entry(directory: str | None) -> dict:
    folder = camel_backend.resolve_dir(directory)
    entry = {
        "backend": "camel",
        "lang": "ar",
        "processor": "ner",
        "path": camel_backend.model_path(folder),
        "present": False,
        "note": "",
    }
    try:
        entry["path"] = camel_backend.check(folder)
    except Exception as error:  # StageSetupError: its message says what is missing
        entry["note"] = getattr(error, "message", str(error))
        return entry
    entry["present"] = True
    entry["note"] = "ner-arabert"
    return entry
