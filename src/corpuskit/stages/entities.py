"""The ``entities`` stage: ``entities`` spans (PER, LOC, ORG; MISC, EVENT from a model).

``ner`` picks the recognizer:

* ``gazetteer`` (default): the shipped gazetteer and rules, offline, with one
  identity (``id``, a Wikidata item where known) across Persian and Arabic;
* ``stanza``: Stanza's Persian (arman) and Arabic (aqmar) NER models from a
  local folder (``--stanza-dir`` / ``STANZA_RESOURCES_DIR``), run on the
  record's own tokens so the offsets are ours;
* ``camel``: CAMeL Tools' Arabic NER from ``--camel-data`` / ``CAMELTOOLS_DATA``;
* ``gazetteer+stanza``, ``gazetteer+camel``: the gazetteer's known names (with
  their identities) and, elsewhere, the model's spans (see ``merge``).

A model covers the languages it has (Stanza fa and ar, CAMeL ar); records in
other languages get the offline default, and each span's ``source`` says which
recognizer found it. A model that cannot load stops the run with one line
(StageSetupError), as the tokenizer's Stanza backend does.
"""

from __future__ import annotations

from typing import Any

from corpuskit.pipeline import Stage

NER_CHOICES = ("gazetteer", "stanza", "camel", "gazetteer+stanza", "gazetteer+camel")
#: Languages each model backend has.
MODEL_LANGS = {"stanza": ("fa", "ar"), "camel": ("ar",)}


class Entities(Stage):
    name = "entities"
    requires = ("text", "lang")
    provides = ("entities",)
    prerequisites = {"lang": "langid"}

    def __init__(self, ner: str = "gazetteer", stanza_dir: str | None = None, camel_data: str | None = None):
        if ner not in NER_CHOICES:
            raise ValueError(f"unknown recognizer {ner!r} (use {', '.join(NER_CHOICES)})")
        self.ner = ner
        self.model = ner.split("+")[-1] if ner != "gazetteer" else None
        self.use_gazetteer = ner.startswith("gazetteer")
        self.stanza_dir = stanza_dir
        self.camel_data = camel_data
        if self.model:  # a model reads our tokens, so they must be there
            self.prerequisites = {"lang": "langid", "tokens": "tokenize"}

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> Entities:
        return cls(
            ner=options.get("ner") or "gazetteer",
            stanza_dir=options.get("stanza_dir"),
            camel_data=options.get("camel_data"),
        )

    def setup(self) -> None:
        from corpuskit.entities import gazetteer

        gazetteer.load()

    def _tagger(self, lang: str):
        if self.model == "stanza":
            from corpuskit.entities.stanza_backend import load

            return load(lang, self.stanza_dir)
        from corpuskit.entities.camel_backend import load

        return load(self.camel_data)

    def _model_spans(self, record: dict[str, Any]) -> list[dict[str, Any]]:
        text, tokens = record["text"], record.get("tokens") or []
        sentences: list[list[dict[str, Any]]] = [[] for _ in record.get("sentences") or [None]]
        for token in tokens:
            sentences[token["sentence"]].append(token)
        tagged = self._tagger(record["lang"])([[t["text"] for t in sentence] for sentence in sentences])
        spans = []
        for sentence, found in zip(sentences, tagged):
            for first, last, label in found:
                start, end = sentence[first]["start"], sentence[last - 1]["end"]
                spans.append({"start": start, "end": end, "text": text[start:end], "label": label, "id": None,
                              "name": None, "source": self.model})
        return spans

    def process(self, record: dict[str, Any]) -> dict[str, Any]:
        from corpuskit.entities.extract import find_entities

        lang = record.get("lang")
        if self.model and lang in MODEL_LANGS[self.model]:
            spans = self._model_spans(record)
            if self.use_gazetteer:
                spans = merge(spans, find_entities(record["text"], lang))
        else:
            spans = find_entities(record["text"], lang)
        record["entities"] = spans
        return record


def merge(model: list[dict[str, Any]], gazetteer: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A model's spans and the offline default's, one reading per stretch of text.

    A gazetteer name with an identity is a known name: it keeps its own extent,
    label and id, and the model spans that overlap it go (its source says
    ``MODEL+gazetteer`` when the model found the same span with the same
    label). Everywhere else the model's spans stand, and the offline default's
    rule spans (no id) only fill what the model left empty."""
    known = [g for g in gazetteer if g["id"]]
    out = []
    for g in known:
        agreeing = [m for m in model if (m["start"], m["end"], m["label"]) == (g["start"], g["end"], g["label"])]
        out.append({**g, "source": f"{agreeing[0]['source']}+gazetteer"} if agreeing else g)
    out += [m for m in model if not any(_overlap(m, g) for g in known)]
    out += [g for g in gazetteer if not g["id"] and not any(_overlap(g, o) for o in out)]
    return sorted(out, key=lambda s: (s["start"], s["end"]))


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]
