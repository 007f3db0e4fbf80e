"""The ``tokenize`` stage: ``sentences`` and ``tokens`` spans for each record.

Each token carries the index of its sentence (``sentence``). The built-in
tokenizer is corpuskit.tokenize; it needs no model. ``tokenizer="stanza"`` uses a
Stanza model from a local folder (tokenize/stanza_backend.py) for Persian and
Arabic records; other languages keep the built-in one.
"""

from __future__ import annotations

from typing import Any

from corpuskit.pipeline import Stage
from corpuskit.tokenize import tokenize


TOKENIZERS = ("builtin", "stanza")


class Tokenize(Stage):
    name = "tokenize"
    requires = ("text", "lang")
    provides = ("sentences", "tokens")
    prerequisites = {"lang": "langid"}

    def __init__(self, tokenizer: str = "builtin", stanza_dir: str | None = None):
        if tokenizer not in TOKENIZERS:
            raise ValueError(f"unknown tokenizer {tokenizer!r} (use {', '.join(TOKENIZERS)})")
        self.tokenizer = tokenizer
        self.stanza_dir = stanza_dir

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> Tokenize:
        return cls(tokenizer=options.get("tokenizer") or "builtin", stanza_dir=options.get("stanza_dir"))

    def _split(self, text: str, lang: str) -> list[list[tuple[int, int]]]:
        if self.tokenizer == "stanza" and lang in ("fa", "ar"):
            from corpuskit.tokenize.stanza_backend import load

            return load(lang, self.stanza_dir)(text)  # a missing model raises StageSetupError
        return tokenize(text, lang)

    def process(self, record: dict[str, Any]) -> dict[str, Any]:
        text = record["text"]
        split = list(self._split(text, record["lang"] or "und"))
        # (two comprehensions: text made of punctuation has a sentence every few characters)
        record["sentences"] = [
            {"start": spans[0][0], "end": spans[-1][1], "text": text[spans[0][0] : spans[-1][1]]} for spans in split
        ]
        record["tokens"] = [
            {"start": s, "end": e, "text": text[s:e], "sentence": index}
            for index, spans in enumerate(split)
            for s, e in spans
        ]
        return record


def to_conllu(record: dict[str, Any]) -> str:
    """The record's sentences and tokens as CoNLL-U: ``# sent_id = ID-N``,
    ``# text``, one line per token with ``SpaceAfter=No`` where no space follows."""
    from corpuskit.evaluate.conllu import dumps

    text = record["text"]
    by_sentence: list[list[tuple[str, bool]]] = [[] for _ in record.get("sentences") or ()]
    tokens = record.get("tokens") or []
    for index, token in enumerate(tokens):
        following = tokens[index + 1]["start"] if index + 1 < len(tokens) else len(text)
        space_after = following > token["end"] and text[token["end"] : following][:1].isspace()
        by_sentence[token["sentence"]].append((token["text"], space_after or following == len(text)))
    return dumps(by_sentence, sent_ids=[f"{record['id']}-{number}" for number in range(1, len(by_sentence) + 1)])
