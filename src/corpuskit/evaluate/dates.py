"""Score date extraction against a hand-made gold list (``tests/data/seed-dates.jsonl``).

The gold is JSON lines of two kinds:

- one ``{"type": "document", "doc", "lang", "doc_date", "doc_date_src"}`` row
  per document. ``doc_date`` is the document's date (the date a system should
  be given to resolve "today", "yesterday", yearless dates...). When the text
  carries no date, ``doc_date`` is null and ``doc_date_src`` names the date to
  supply as metadata (``"... external 2020-09-25 ..."``); :func:`load_gold`
  reads it from there, so :attr:`GoldDocument.date` is always set;
- date items ``{"doc", "surface", "occurrence", "kind", "calendar", "value",
  "scored", "note"}``: ``surface`` as written in the raw text, except that any
  run of whitespace in it matches any run of whitespace in the text (raw texts
  have NBSPs and double spaces where the surface has one plain space);
  ``occurrence`` is the 0-based index of this surface among its matches in
  the raw text (non-overlapping matches, left to right; a match may sit
  inside a longer word or number: ``2018`` counts the one in ``2018/08/23``);
  ``value`` is ISO (``2016``, ``2018-11``, ``2020-09-24``,
  ``2018-08-23T18:00Z``, ``2017-07-10T20:35``); ``scored`` is false for items
  that are not required (durations, vague or anaphoric expressions) but that
  are no false alarms either.

The raw texts are read when the gold is loaded, and every item is located
(:func:`locate`) then, so a gold row that does not match its text fails early.

Predictions are, per document name, a list of dicts with at least ``start``,
``end`` (code point offsets ``[start, end)`` into the RAW document text, as
read with ``encoding="utf-8"`` and no newline translation) and ``value`` (an
ISO string or None). :func:`score` matches them to the gold:

1. a prediction *overlaps* a gold item when their spans share at least one
   character (``p.start < g.end and g.start < p.end``);
2. each prediction may satisfy at most one scored gold item. Matching is
   greedy, in two passes over the scored items of a document in text order:
   first every item takes the first unused overlapping prediction whose value
   equals the gold value (*correct*); then every item still unmatched takes
   the first unused overlapping prediction whatever its value
   (*wrong-value*); an item with neither is *missed*. *Found* = correct +
   wrong-value. (So one long prediction covering two gold items satisfies one
   of them only; the seed gold has no such pair of adjacent items, and no
   attempt is made to do better.)
3. a prediction that overlaps no gold item, scored or not, is a *false
   alarm*. A prediction that overlaps a gold item but was not used (a second
   prediction on the same date, a prediction on an unscored duration) is
   neither credited nor penalised.

Values are compared as strings after one canonicalization
(:func:`canonical_value`): strip, and a trailing ``+00:00`` is written
``Z``. ``score(..., truncate=True)`` compares at the gold's granularity
instead: the predicted value is cut to the length of the gold value first
(a prediction ``2018-08-23`` is then correct for gold ``2018``, never for
gold ``2018-08-23T18:00Z``).

Plain Python, standard library only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "DateScore",
    "FalseAlarm",
    "Gold",
    "GoldDocument",
    "GoldItem",
    "ItemResult",
    "LocateError",
    "canonical_value",
    "load_gold",
    "locate",
    "score",
]

CORRECT = "correct"
WRONG_VALUE = "wrong-value"
MISSED = "missed"

_EXTERNAL_DATE = re.compile(r"external\s+(\d{4}-\d{2}-\d{2})")
# A whitespace run in the text: str.isspace() characters (Unicode Zs such as
# NBSP U+00A0, NNBSP U+202F, thin space..., plus tab and line breaks), which is
# what \s matches in a str pattern.
_SPACE_RUN = r"\s+"


class LocateError(ValueError):
    """A gold surface (or the requested occurrence of it) is not in the text."""


@dataclass(frozen=True)
class GoldDocument:
    doc: str
    lang: str
    date: str  # ISO date to supply to a system as the document's date
    date_in_text: bool  # False when the date came from outside the text (doc_date null)
    text: str  # the raw text


@dataclass(frozen=True)
class GoldItem:
    doc: str
    surface: str
    occurrence: int
    kind: str
    calendar: str | None
    value: str | None
    scored: bool
    note: str
    start: int  # located span in the raw text
    end: int


@dataclass
class Gold:
    documents: dict[str, GoldDocument]
    items: list[GoldItem]

    @property
    def scored_items(self) -> list[GoldItem]:
        return [item for item in self.items if item.scored]

    def items_of(self, doc: str) -> list[GoldItem]:
        """The items of one document, in text order."""
        return sorted((i for i in self.items if i.doc == doc), key=lambda i: (i.start, i.end))


@dataclass(frozen=True)
class ItemResult:
    doc: str
    surface: str
    gold: str
    predicted: list[str | None]  # values of all predictions overlapping the item
    matched: str | None  # value of the prediction that was credited, if any
    status: str  # "correct", "wrong-value" or "missed"
    start: int
    end: int


@dataclass(frozen=True)
class FalseAlarm:
    doc: str
    text: str  # the raw text under the prediction
    value: str | None
    start: int
    end: int


@dataclass
class DateScore:
    scored: int
    found: int
    correct: int
    false_alarms: int
    results: list[ItemResult] = field(default_factory=list)
    alarms: list[FalseAlarm] = field(default_factory=list)
    truncate: bool = False

    @property
    def wrong_value(self) -> int:
        return self.found - self.correct

    @property
    def missed(self) -> int:
        return self.scored - self.found

    def summary(self) -> str:
        mode = "at gold granularity" if self.truncate else "exact"
        return (
            f"found {self.found}/{self.scored}, correct {self.correct}/{self.scored} ({mode}), "
            f"false alarms {self.false_alarms}"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "scored": self.scored,
            "found": self.found,
            "correct": self.correct,
            "wrong_value": self.wrong_value,
            "missed": self.missed,
            "false_alarms": self.false_alarms,
            "truncate": self.truncate,
            "items": [r.__dict__.copy() for r in self.results],
            "alarms": [a.__dict__.copy() for a in self.alarms],
        }

    def table(self) -> str:
        """A plain-text report: one line per scored gold item, then the false alarms."""
        rows = [("doc", "status", "gold", "predicted", "surface")]
        for r in self.results:
            predicted = ", ".join("None" if v is None else v for v in r.predicted) or "-"
            rows.append((r.doc[:3], r.status, r.gold, predicted, _oneline(r.surface)))
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        lines = [self.summary(), ""]
        for row in rows:
            lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[4])
        lines.append("")
        if self.alarms:
            lines.append(f"false alarms ({len(self.alarms)}):")
            for a in self.alarms:
                value = "None" if a.value is None else a.value
                lines.append(f"{a.doc[:3]}  {a.start}-{a.end}  {value}  {_oneline(a.text)}")
        else:
            lines.append("false alarms: none")
        return "\n".join(lines)


def _oneline(text: str) -> str:
    return re.sub(_SPACE_RUN, " ", text).strip()


# --------------------------------------------------------------------------- loading


def locate(text: str, surface: str, occurrence: int = 0) -> tuple[int, int]:
    """The span ``(start, end)`` of the ``occurrence``-th (0-based) match of
    ``surface`` in ``text``, where any whitespace run in ``surface`` matches any
    whitespace run in ``text`` (NBSP and other Unicode spaces included).
    Matches are counted left to right without overlap. Raises
    :class:`LocateError` when there are not enough matches."""
    parts = surface.split()
    if not parts:
        raise LocateError(f"empty surface {surface!r}")
    if occurrence < 0:
        raise LocateError(f"negative occurrence {occurrence} for {surface!r}")
    pattern = re.compile(_SPACE_RUN.join(re.escape(part) for part in parts))
    count = 0
    for match in pattern.finditer(text):
        if count == occurrence:
            return match.start(), match.end()
        count += 1
    raise LocateError(
        f"surface {surface!r} occurrence {occurrence} not found: the text has {count} match(es)"
    )


def _document_date(row: Mapping[str, Any]) -> tuple[str, bool]:
    if row.get("doc_date"):
        return str(row["doc_date"]), True
    match = _EXTERNAL_DATE.search(row.get("doc_date_src") or "")
    if not match:
        raise ValueError(f"{row.get('doc')}: no doc_date and no 'external YYYY-MM-DD' in doc_date_src")
    return match.group(1), False


def find_texts_dir(gold_path: Path, docs: Iterable[str]) -> Path:
    """The folder beside or above a gold file that holds the raw texts of ``docs``."""
    docs = list(docs)
    for folder in [gold_path.parent, *gold_path.parent.parents]:
        for candidate in (folder, folder / "data" / "samples", folder / "seeds"):
            if docs and all((candidate / doc).is_file() for doc in docs):
                return candidate
    raise FileNotFoundError(
        f"no folder holding the raw texts of {gold_path} (looked for data/samples/ and seeds/ "
        "beside it and above it); pass texts_dir"
    )


def load_gold(path: str | Path, texts_dir: str | Path | None = None) -> Gold:
    """Read a gold JSON-lines file and the raw texts of its documents, and locate every item.

    ``texts_dir`` holds the raw ``.txt`` files named as the ``doc`` field; by
    default the first of the gold file's folder and its ancestors that has
    them, directly or in ``data/samples/`` or ``seeds/``."""
    path = Path(path)
    rows = []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path}:{number}: {error}") from None
    document_rows = [r for r in rows if r.get("type") == "document"]
    item_rows = [r for r in rows if r.get("type") != "document"]
    folder = Path(texts_dir) if texts_dir is not None else find_texts_dir(path, (r["doc"] for r in document_rows))

    documents: dict[str, GoldDocument] = {}
    for row in document_rows:
        if row["doc"] in documents:
            raise ValueError(f"{path}: document {row['doc']} listed twice")
        with (folder / row["doc"]).open(encoding="utf-8", newline="") as f:
            text = f.read()
        date, in_text = _document_date(row)
        documents[row["doc"]] = GoldDocument(row["doc"], row["lang"], date, in_text, text)

    items: list[GoldItem] = []
    for row in item_rows:
        doc = row["doc"]
        if doc not in documents:
            raise ValueError(f"{path}: item {row.get('surface')!r} of unknown document {doc}")
        try:
            start, end = locate(documents[doc].text, row["surface"], int(row.get("occurrence", 0)))
        except LocateError as error:
            raise LocateError(f"{path}: {doc}: {error}") from None
        items.append(
            GoldItem(
                doc=doc,
                surface=row["surface"],
                occurrence=int(row.get("occurrence", 0)),
                kind=row.get("kind", ""),
                calendar=row.get("calendar"),
                value=row.get("value"),
                scored=bool(row.get("scored", True)),
                note=row.get("note", ""),
                start=start,
                end=end,
            )
        )
        if items[-1].scored and not items[-1].value:
            raise ValueError(f"{path}: {doc}: scored item {row['surface']!r} has no value")
    return Gold(documents, items)


# --------------------------------------------------------------------------- scoring


def canonical_value(value: str | None) -> str | None:
    """The form values are compared in: stripped, a trailing ``+00:00`` written ``Z``."""
    if value is None:
        return None
    value = str(value).strip()
    if value.endswith("+00:00"):
        value = value[: -len("+00:00")] + "Z"
    return value


def _overlaps(start: int, end: int, item: GoldItem) -> bool:
    return start < item.end and item.start < end


def _same(predicted: str | None, gold: str, truncate: bool) -> bool:
    predicted = canonical_value(predicted)
    gold = canonical_value(gold)  # type: ignore[assignment]
    if predicted is None:
        return False
    if truncate:
        predicted = predicted[: len(gold)]
    return predicted == gold


def score(
    gold: Gold,
    predictions: Mapping[str, Sequence[Mapping[str, Any]]],
    *,
    truncate: bool = False,
) -> DateScore:
    """Score ``predictions`` (doc name -> list of ``{"start", "end", "value"}``,
    offsets into the raw text) against ``gold``; see the module docstring for
    the rules. A document of the gold missing from ``predictions`` has no
    predictions; a document not in the gold raises ``ValueError``."""
    unknown = sorted(set(predictions) - set(gold.documents))
    if unknown:
        raise ValueError(f"predictions for documents not in the gold: {', '.join(unknown)}")

    results: list[ItemResult] = []
    alarms: list[FalseAlarm] = []
    for doc, document in gold.documents.items():
        spans = []
        for p in predictions.get(doc, ()):
            start, end = int(p["start"]), int(p["end"])
            if not 0 <= start <= end <= len(document.text):
                raise ValueError(f"{doc}: prediction span {start}-{end} outside the text (length {len(document.text)})")
            spans.append((start, end, p.get("value")))
        spans.sort(key=lambda s: (s[0], s[1]))
        items = gold.items_of(doc)
        scored = [item for item in items if item.scored]

        used = [False] * len(spans)
        matched: dict[int, tuple[str, int]] = {}  # scored index -> (status, span index)
        for exact in (True, False):
            for k, item in enumerate(scored):
                if k in matched:
                    continue
                for j, (start, end, value) in enumerate(spans):
                    if used[j] or not _overlaps(start, end, item):
                        continue
                    if exact and not _same(value, item.value or "", truncate):
                        continue
                    used[j] = True
                    matched[k] = (CORRECT if exact else WRONG_VALUE, j)
                    break

        for k, item in enumerate(scored):
            overlapping = [value for start, end, value in spans if _overlaps(start, end, item)]
            status, j = matched.get(k, (MISSED, -1))
            results.append(
                ItemResult(
                    doc=doc,
                    surface=item.surface,
                    gold=item.value or "",
                    predicted=overlapping,
                    matched=spans[j][2] if j >= 0 else None,
                    status=status,
                    start=item.start,
                    end=item.end,
                )
            )
        for start, end, value in spans:
            if not any(_overlaps(start, end, item) for item in items):
                alarms.append(FalseAlarm(doc, document.text[start:end], value, start, end))

    found = sum(r.status != MISSED for r in results)
    correct = sum(r.status == CORRECT for r in results)
    return DateScore(len(results), found, correct, len(alarms), results, alarms, truncate)
