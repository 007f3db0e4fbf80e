"""Score named-entity recognition against a hand-made gold list (``tests/data/seed-entities.jsonl``).

The gold is JSON lines, one row per entity mention, in text order per
document: ``{"doc", "surface", "occurrence", "label", "entity", "qid",
"note"}``. ``surface`` is the mention as written in the raw text (any run of
whitespace in it matches any run of whitespace in the text); ``occurrence``
is the 0-based index of this surface among its matches in the raw text
(plain substring matches, left to right, non-overlapping, a match may sit
inside a longer word: ``روسيا`` counts the one in ``لروسيا`` and the one in
``بيلاروسيا``); ``label`` is ``PER``, ``LOC`` or ``ORG``; ``entity`` is an
English label naming the entity (the same on all its mentions, in every
document and language) and ``qid`` its Wikidata item when known, else null.
Conventions: ``docs/entities-gold.md``. Same locating rule as the date gold:
:func:`corpuskit.evaluate.dates.locate`. Optional ``{"type": "document",
"doc", "lang"}`` rows give a document's language; otherwise it is taken from
the file name (:func:`language_of`: the sample articles ``000`` and ``003``
are Persian, the others Arabic).

Every mention is located when the gold is loaded, so a row that does not
match its text (or two rows on overlapping spans) fails early.

Predictions are, per document name, a list of dicts with ``start``, ``end``
(code point offsets ``[start, end)`` into the RAW text, read with
``encoding="utf-8"`` and no newline translation), ``label`` and optionally
``id`` (any hashable: a QID, a gazetteer id...). :func:`score` counts:

- **strict**: a prediction with the same ``start``, ``end`` and ``label`` as
  a gold mention is a true positive (one prediction per gold mention; a
  duplicate prediction is a false positive). Precision = strict / predicted,
  recall = strict / gold, F1 their harmonic mean (0.0 when a denominator is 0).
  Reported overall, per language (the document's) and per label (the gold
  label for recall, the predicted label for precision);
- **lenient**: after the strict pass, each gold mention still unmatched takes
  the first unused prediction (in text order) that overlaps it and has the
  same label. Lenient counts = strict + these; same formulas;
- each gold mention gets a status: ``correct`` (strict), ``partial``
  (lenient only), ``wrong-label`` (some prediction has exactly its span but
  another label), ``missed``. Predictions not matched strictly are listed as
  false positives (so a partial match costs one miss and one false positive
  in the strict figures);
- **identity**, over strict matches whose prediction carries an ``id``
  (not None), grouped by gold entity (its ``entity`` label, across all
  documents): an entity is *consistent* when all its mentions got the same
  id; mentions *agreeing* are those whose id is the entity's most frequent
  id; an id is *merged* when it was given to mentions of more than one gold
  entity (e.g. Putin and Butina under one id).

Plain Python, standard library only.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpuskit.evaluate.dates import LocateError, find_texts_dir, locate

__all__ = [
    "LABELS",
    "Counts",
    "EntityScore",
    "FalsePositive",
    "Gold",
    "GoldDocument",
    "GoldMention",
    "Identity",
    "LocateError",
    "MentionResult",
    "language_of",
    "load_gold",
    "score",
]

LABELS = ("PER", "LOC", "ORG")
CORRECT = "correct"
PARTIAL = "partial"
WRONG_LABEL = "wrong-label"
MISSED = "missed"

# Languages of the five sample articles (data/samples/), by file-name prefix.
_SAMPLE_LANGS = {"000": "fa", "001": "ar", "002": "ar", "003": "fa", "004": "ar"}


def language_of(doc: str) -> str:
    """The language of a sample document from its file name: ``fa`` for
    ``000_*`` and ``003_*``, ``ar`` for the other samples. Raises
    ``ValueError`` for another name (give a ``"type": "document"`` row)."""
    try:
        return _SAMPLE_LANGS[doc[:3]]
    except KeyError:
        raise ValueError(f"{doc}: language unknown; add a {{\"type\": \"document\", \"lang\": ...}} row") from None


@dataclass(frozen=True)
class GoldDocument:
    doc: str
    lang: str
    text: str  # the raw text


@dataclass(frozen=True)
class GoldMention:
    doc: str
    surface: str
    occurrence: int
    label: str
    entity: str
    qid: str | None
    note: str
    start: int  # located span in the raw text
    end: int


@dataclass
class Gold:
    documents: dict[str, GoldDocument]
    mentions: list[GoldMention]

    def mentions_of(self, doc: str) -> list[GoldMention]:
        """The mentions of one document, in text order."""
        return sorted((m for m in self.mentions if m.doc == doc), key=lambda m: (m.start, m.end))


# --------------------------------------------------------------------------- loading


def load_gold(path: str | Path, texts_dir: str | Path | None = None) -> Gold:
    """Read an entity gold JSON-lines file and the raw texts of its documents,
    and locate every mention.

    ``texts_dir`` holds the raw ``.txt`` files named as the ``doc`` field; by
    default the first of the gold file's folder and its ancestors that has
    them, directly or in ``data/samples/`` or ``seeds/``. Raises
    :class:`LocateError` (naming the file, document, surface and occurrence)
    when a mention is not in its text, ``ValueError`` for a bad label, a
    missing field or two mentions on overlapping spans."""
    path = Path(path)
    rows: list[tuple[int, dict[str, Any]]] = []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip():
                try:
                    rows.append((number, json.loads(line)))
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path}:{number}: {error}") from None
    langs = {r["doc"]: r["lang"] for _, r in rows if r.get("type") == "document"}
    mention_rows = [(n, r) for n, r in rows if r.get("type") != "document"]
    docs = list(dict.fromkeys([*langs, *(r["doc"] for _, r in mention_rows)]))
    folder = Path(texts_dir) if texts_dir is not None else find_texts_dir(path, docs)

    documents: dict[str, GoldDocument] = {}
    for doc in docs:
        with (folder / doc).open(encoding="utf-8", newline="") as f:
            text = f.read()
        documents[doc] = GoldDocument(doc, langs.get(doc) or language_of(doc), text)

    mentions: list[GoldMention] = []
    for number, row in mention_rows:
        where = f"{path}:{number}: {row.get('doc')}"
        missing = [key for key in ("doc", "surface", "label", "entity") if not row.get(key)]
        if missing:
            raise ValueError(f"{where}: missing {', '.join(missing)}")
        if row["label"] not in LABELS:
            raise ValueError(f"{where}: label {row['label']!r} is not one of {', '.join(LABELS)}")
        occurrence = int(row.get("occurrence", 0))
        try:
            start, end = locate(documents[row["doc"]].text, row["surface"], occurrence)
        except LocateError as error:
            raise LocateError(f"{where}: {error}") from None
        mentions.append(
            GoldMention(
                doc=row["doc"],
                surface=row["surface"],
                occurrence=occurrence,
                label=row["label"],
                entity=row["entity"],
                qid=row.get("qid"),
                note=row.get("note", ""),
                start=start,
                end=end,
            )
        )
    gold = Gold(documents, mentions)
    for doc in documents:
        previous: GoldMention | None = None
        for mention in gold.mentions_of(doc):
            if previous is not None and mention.start < previous.end:
                raise ValueError(
                    f"{path}: {doc}: mentions {previous.surface!r} ({previous.start}-{previous.end}) and "
                    f"{mention.surface!r} ({mention.start}-{mention.end}) overlap"
                )
            previous = mention
    return gold


# --------------------------------------------------------------------------- results


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    strict: int = 0  # true positives, exact span and label
    lenient: int = 0  # strict + overlapping spans with the same label

    @property
    def precision(self) -> float:
        return _ratio(self.strict, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.strict, self.gold)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def lenient_precision(self) -> float:
        return _ratio(self.lenient, self.predicted)

    @property
    def lenient_recall(self) -> float:
        return _ratio(self.lenient, self.gold)

    @property
    def lenient_f1(self) -> float:
        return _f1(self.lenient_precision, self.lenient_recall)

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "strict": self.strict,
            "lenient": self.lenient,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "lenient_precision": self.lenient_precision,
            "lenient_recall": self.lenient_recall,
            "lenient_f1": self.lenient_f1,
        }


@dataclass(frozen=True)
class MentionResult:
    doc: str
    surface: str
    label: str
    entity: str
    start: int
    end: int
    status: str  # "correct", "partial", "wrong-label" or "missed"
    predicted_label: str | None  # label of the matched (or same-span) prediction
    predicted_span: tuple[int, int] | None
    predicted_id: Any = None


@dataclass(frozen=True)
class FalsePositive:
    doc: str
    text: str  # the raw text under the prediction
    label: str
    start: int
    end: int


@dataclass
class Identity:
    entities: int = 0  # gold entities with at least one strict match carrying an id
    consistent: int = 0  # ... all of whose id-carrying matches have the same id
    mentions: int = 0  # strict matches carrying an id
    agreeing: int = 0  # ... whose id is their entity's most frequent id
    merged_ids: list[Any] = field(default_factory=list)  # ids given to more than one gold entity
    split: dict[str, list[Any]] = field(default_factory=dict)  # entity -> its ids, when more than one

    def as_dict(self) -> dict[str, Any]:
        return {
            "entities": self.entities,
            "consistent": self.consistent,
            "mentions": self.mentions,
            "agreeing": self.agreeing,
            "merged_ids": list(self.merged_ids),
            "split": {k: list(v) for k, v in self.split.items()},
        }


@dataclass
class EntityScore:
    overall: Counts
    by_lang: dict[str, Counts]
    by_label: dict[str, Counts]
    identity: Identity
    results: list[MentionResult] = field(default_factory=list)
    false_positives: list[FalsePositive] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.overall.precision

    @property
    def recall(self) -> float:
        return self.overall.recall

    @property
    def f1(self) -> float:
        return self.overall.f1

    def as_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall.as_dict(),
            "by_lang": {k: v.as_dict() for k, v in self.by_lang.items()},
            "by_label": {k: v.as_dict() for k, v in self.by_label.items()},
            "identity": self.identity.as_dict(),
            "mentions": [
                {**r.__dict__, "predicted_span": list(r.predicted_span) if r.predicted_span else None}
                for r in self.results
            ],
            "false_positives": [fp.__dict__.copy() for fp in self.false_positives],
        }

    def table(self) -> str:
        """A plain-text report: the P/R/F1 table, identity, then every gold
        mention not matched strictly and every false positive."""
        header = ("", "gold", "pred", "strict", "P", "R", "F1", "lenient", "lP", "lR", "lF1")
        rows = [header]
        groups = [("all", self.overall)]
        groups += [(lang, c) for lang, c in sorted(self.by_lang.items())]
        groups += [(label, c) for label, c in _label_order(self.by_label)]
        for name, c in groups:
            rows.append(
                (
                    name,
                    str(c.gold),
                    str(c.predicted),
                    str(c.strict),
                    f"{c.precision:.3f}",
                    f"{c.recall:.3f}",
                    f"{c.f1:.3f}",
                    str(c.lenient),
                    f"{c.lenient_precision:.3f}",
                    f"{c.lenient_recall:.3f}",
                    f"{c.lenient_f1:.3f}",
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        lines = ["  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths))) for row in rows]
        ident = self.identity
        lines.append("")
        if ident.mentions:
            lines.append(
                f"identity: {ident.consistent}/{ident.entities} entities consistent, "
                f"{ident.agreeing}/{ident.mentions} mentions agree with their entity's main id, "
                f"{len(ident.merged_ids)} id(s) shared by several entities"
            )
            for entity, ids in sorted(ident.split.items()):
                lines.append(f"  split: {entity}: {', '.join(map(str, ids))}")
            for merged in ident.merged_ids:
                lines.append(f"  merged: {merged}")
        else:
            lines.append("identity: no strict match carries an id")
        lines.append("")
        errors = [r for r in self.results if r.status != CORRECT]
        lines.append(f"gold mentions not matched strictly ({len(errors)}):")
        for r in errors:
            extra = ""
            if r.predicted_span is not None:
                extra = f"  (predicted {r.predicted_label} {r.predicted_span[0]}-{r.predicted_span[1]})"
            lines.append(f"{r.doc[:3]}  {r.status:<11}  {r.label}  {r.start}-{r.end}  {_oneline(r.surface)}{extra}")
        lines.append("")
        lines.append(f"false positives ({len(self.false_positives)}):")
        for fp in self.false_positives:
            lines.append(f"{fp.doc[:3]}  {fp.label}  {fp.start}-{fp.end}  {_oneline(fp.text)}")
        return "\n".join(lines)


def _label_order(by_label: Mapping[str, Counts]) -> list[tuple[str, Counts]]:
    known = [(label, by_label[label]) for label in LABELS if label in by_label]
    return known + sorted((k, v) for k, v in by_label.items() if k not in LABELS)


def _oneline(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --------------------------------------------------------------------------- scoring


@dataclass
class _Prediction:
    start: int
    end: int
    label: str
    id: Any
    used: bool = False


def score(gold: Gold, predictions: Mapping[str, Sequence[Mapping[str, Any]]]) -> EntityScore:
    """Score ``predictions`` (doc name -> list of ``{"start", "end", "label"[, "id"]}``,
    offsets into the raw text) against ``gold``; see the module docstring for
    the rules. A gold document missing from ``predictions`` has no
    predictions; a document not in the gold, or a span outside its text,
    raises ``ValueError``."""
    unknown = sorted(set(predictions) - set(gold.documents))
    if unknown:
        raise ValueError(f"predictions for documents not in the gold: {', '.join(unknown)}")

    overall = Counts()
    by_lang: dict[str, Counts] = defaultdict(Counts)
    by_label: dict[str, Counts] = defaultdict(Counts)
    results: list[MentionResult] = []
    false_positives: list[FalsePositive] = []
    ids_of_entity: dict[str, list[Any]] = defaultdict(list)

    for doc, document in gold.documents.items():
        preds: list[_Prediction] = []
        for p in predictions.get(doc, ()):
            start, end = int(p["start"]), int(p["end"])
            if not 0 <= start < end <= len(document.text):
                raise ValueError(f"{doc}: prediction span {start}-{end} empty or outside the text (length {len(document.text)})")
            preds.append(_Prediction(start, end, str(p["label"]), p.get("id")))
        preds.sort(key=lambda p: (p.start, p.end))
        mentions = gold.mentions_of(doc)
        lang = by_lang[document.lang]

        # strict pass
        matched: dict[int, tuple[str, _Prediction]] = {}
        for k, m in enumerate(mentions):
            for p in preds:
                if not p.used and (p.start, p.end, p.label) == (m.start, m.end, m.label):
                    p.used = True
                    matched[k] = (CORRECT, p)
                    break
        # lenient pass: overlap and same label
        for k, m in enumerate(mentions):
            if k in matched:
                continue
            for p in preds:
                if not p.used and p.label == m.label and p.start < m.end and m.start < p.end:
                    p.used = True
                    matched[k] = (PARTIAL, p)
                    break

        for k, m in enumerate(mentions):
            for counts in (overall, lang, by_label[m.label]):
                counts.gold += 1
            status, p = matched.get(k, (MISSED, None))
            if status == MISSED:
                same_span = [q for q in preds if (q.start, q.end) == (m.start, m.end)]
                if same_span:
                    status, p = WRONG_LABEL, same_span[0]
            if status in (CORRECT, PARTIAL):
                for counts in (overall, lang, by_label[m.label]):
                    counts.lenient += 1
                    if status == CORRECT:
                        counts.strict += 1
            if status == CORRECT and p is not None and p.id is not None:
                ids_of_entity[m.entity].append(p.id)
            results.append(
                MentionResult(
                    doc=doc,
                    surface=m.surface,
                    label=m.label,
                    entity=m.entity,
                    start=m.start,
                    end=m.end,
                    status=status,
                    predicted_label=p.label if p is not None else None,
                    predicted_span=(p.start, p.end) if p is not None else None,
                    predicted_id=p.id if p is not None else None,
                )
            )
        for p in preds:
            for counts in (overall, lang, by_label[p.label]):
                counts.predicted += 1
            strictly = any(r is p for status, r in matched.values() if status == CORRECT)
            if not strictly:
                false_positives.append(FalsePositive(doc, document.text[p.start : p.end], p.label, p.start, p.end))

    return EntityScore(
        overall=overall,
        by_lang=dict(by_lang),
        by_label=dict(by_label),
        identity=_identity(ids_of_entity),
        results=results,
        false_positives=false_positives,
    )


def _identity(ids_of_entity: Mapping[str, list[Any]]) -> Identity:
    identity = Identity()
    entities_of_id: dict[Any, set[str]] = defaultdict(set)
    for entity, ids in ids_of_entity.items():
        counter = Counter(ids)
        identity.entities += 1
        identity.mentions += len(ids)
        identity.agreeing += counter.most_common(1)[0][1]
        if len(counter) == 1:
            identity.consistent += 1
        else:
            identity.split[entity] = sorted(counter, key=lambda i: (-counter[i], str(i)))
        for i in counter:
            entities_of_id[i].add(entity)
    identity.merged_ids = sorted((i for i, ents in entities_of_id.items() if len(ents) > 1), key=str)
    return identity
