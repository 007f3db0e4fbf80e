"""The ``normalize`` stage: replaces ``text`` by its normalized form for the record's language.

With ``keep_raw`` the record also carries ``raw`` (the text before) and
``raw_map`` (the changed regions, see normalize/alignment.py), from which every
span gets ``raw_start``/``raw_end`` (record.add_raw_offsets). With ``fold`` it
carries ``key``: the text with lossy folds, one character for one.
"""

from __future__ import annotations

from typing import Any

from corpuskit.normalize.alignment import Alignment
from corpuskit.normalize.core import NormalizeOptions, fold_key, normalize
from corpuskit.pipeline import Stage
from corpuskit.record import SPAN_FIELDS


class Normalize(Stage):
    name = "normalize"
    requires = ("text", "lang")
    provides = ("text", "raw", "raw_map", "key")
    #: Run langid first for records that have no language yet.
    prerequisites = {"lang": "langid"}

    def __init__(self, digits: str = "latin", keep_diacritics: bool = False, keep_raw: bool = False, fold: bool = False):
        self.options = NormalizeOptions(digits=digits, keep_diacritics=keep_diacritics)
        self.keep_raw = keep_raw
        self.fold = fold

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> Normalize:
        return cls(
            digits=options.get("digits") or "latin",
            keep_diacritics=bool(options.get("keep_diacritics")),
            keep_raw=bool(options.get("keep_raw")),
            fold=bool(options.get("fold")),
        )

    def setup(self) -> None:
        from corpuskit.normalize import arabic_yeh, persian, zwnj

        persian._tables()
        zwnj.load()
        arabic_yeh.load()

    def process(self, record: dict[str, Any]) -> dict[str, Any]:
        present = [field for field in SPAN_FIELDS if record.get(field)]
        if present:  # their offsets would point into the old text
            raise ValueError(f"normalize must run before the stages that add spans ({', '.join(present)} already there)")
        text = record["text"]
        result = normalize(text, record["lang"] or "und", self.options)
        record["text"] = result.text
        if self.keep_raw:
            if isinstance(record.get("raw"), str) and isinstance(record.get("raw_map"), list):
                # Normalized before: raw stays the original, the maps compose.
                before = Alignment.from_json(record["raw_map"], len(record["raw"]), len(text))
                alignment = before.followed_by(result.alignment)
            else:
                record["raw"] = text
                alignment = result.alignment
            record["raw_map"] = alignment.to_json()
        else:
            record.pop("raw", None)
            record.pop("raw_map", None)
        if self.fold:
            record["key"] = fold_key(result.text, record["lang"] or "und")
        else:
            record.pop("key", None)
        return record
