"""The ``tokenize`` stage: ``sentences`` and ``tokens`` spans for each record.

Each token carries the index of its sentence (``sentence``). The built-in
tokenizer is corpuskit.tokenize; it needs no model.
"""

from __future__ import annotations

from typing import Any

from corpuskit.pipeline import Stage
from corpuskit.tokenize import tokenize


class Tokenize(Stage):
    name = "tokenize"
    requires = ("text", "lang")
    provides = ("sentences", "tokens")
    prerequisites = {"lang": "langid"}

    def process(self, record: dict[str, Any]) -> dict[str, Any]:
        text = record["text"]
        sentences, tokens = [], []
        for index, spans in enumerate(tokenize(text, record["lang"] or "und")):
            start, end = spans[0][0], spans[-1][1]
            sentences.append({"start": start, "end": end, "text": text[start:end]})
            tokens.extend({"start": s, "end": e, "text": text[s:e], "sentence": index} for s, e in spans)
        record["sentences"] = sentences
        record["tokens"] = tokens
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
