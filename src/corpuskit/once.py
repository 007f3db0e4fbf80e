"""Models and other heavy resources, built once per process and key.

Every model backend (the tokenizer's Stanza, the entities' Stanza and CAMeL)
keeps one loaded model per language and folder for the life of the process, and
threads that ask for one while it is being built wait for that build instead of
starting another.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class BuiltOnce(dict):
    """A dict of built objects; ``get_or_build(key, build)`` calls ``build()``
    only for a key not built yet. A build that raises stores nothing, so the
    next call tries again (a model folder may be filled in between)."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()

    def get_or_build(self, key: Hashable, build: Callable[[], T]) -> T:
        value = self.get(key)
        if value is None:
            with self._lock:
                value = self.get(key)
                if value is None:
                    value = self[key] = build()
        return value
