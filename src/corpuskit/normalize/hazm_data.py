"""hazm's character tables and lexicon files, read without importing hazm.

``import hazm`` takes about 1.3 s (its ``__init__`` loads nltk and every model
class); corpuskit needs only ``hazm/constants.py`` and ``hazm/data/*.dat``, so it
finds the installed package and loads those files directly.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from types import ModuleType


@functools.cache
def hazm_dir() -> Path:
    spec = importlib.util.find_spec("hazm")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("hazm is not installed (pip install 'hazm>=0.12')")
    return Path(next(iter(spec.submodule_search_locations)))


@functools.cache
def constants() -> ModuleType:
    """``hazm.constants`` (plain tables; it imports nothing)."""
    path = hazm_dir() / "constants.py"
    spec = importlib.util.spec_from_file_location("corpuskit._hazm_constants", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def data_file(name: str) -> Path:
    """A file of hazm's ``data`` folder, such as ``words.dat`` or ``verbs.dat``."""
    return hazm_dir() / "data" / name
