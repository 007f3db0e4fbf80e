"""The JSONL record: one JSON object per document (the contract is docs/schema.md).

A record is a plain ``dict`` so that it round-trips through JSON untouched and the
library is usable without any corpuskit class. This module builds records, checks
the span invariant that JSON Schema cannot express, and knows which top-level
fields belong to corpuskit.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from corpuskit import __version__

#: Top-level fields of the contract, in the order they are written. Anything else
#: found on a JSONL input line is kept under ``meta`` so that nothing the user had
#: is lost.
FIELD_ORDER = (
    "id",
    "source",
    "lang",
    "langid",
    "text",
    "raw",
    "meta",
    "sentences",
    "tokens",
    "dates",
    "entities",
    "errors",
    "corpuskit",
)
RECORD_FIELDS = frozenset(FIELD_ORDER)
#: Fields an earlier corpuskit command added, carried over as they are.
_CARRIED = tuple(f for f in FIELD_ORDER if f not in {"id", "source", "lang", "text", "meta"})

#: Fields whose value is a list of spans into ``text``.
SPAN_FIELDS = ("sentences", "tokens", "dates", "entities")


def new_record(
    id: str,
    text: str,
    *,
    source: str,
    lang: str | None = None,
    meta: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A fresh record in the documented field order."""
    return {
        "id": id,
        "source": source,
        "lang": lang,
        "text": text,
        "meta": dict(meta or {}),
        "errors": [],
        "corpuskit": {"version": __version__, "stages": []},
    }


def from_json_object(
    obj: dict[str, Any],
    *,
    default_id: str,
    source: str,
    text_field: str = "text",
    id_field: str = "id",
) -> dict[str, Any]:
    """Turn one JSONL input object into a record.

    A corpuskit record (the output of an earlier command in a pipe) passes
    through unchanged apart from a missing field being filled in; foreign
    fields of any other JSON document go under ``meta``.

    Raises ``ValueError`` (with a message meant for the user) when the text
    field is missing or not a string.
    """
    if text_field not in obj:
        raise ValueError(f"no {text_field!r} field")
    text = obj[text_field]
    if not isinstance(text, str):
        raise ValueError(f"field {text_field!r} is {type(text).__name__}, not a string")

    raw_id = obj.get(id_field)
    record_id = str(raw_id) if raw_id is not None and raw_id != "" else default_id
    meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
    meta = dict(meta)
    for key, value in obj.items():
        if key in (text_field, id_field) or key in RECORD_FIELDS:
            continue
        meta.setdefault(key, value)

    record = new_record(
        record_id,
        text,
        source=obj["source"] if isinstance(obj.get("source"), str) else source,
        lang=obj["lang"] if isinstance(obj.get("lang"), str) else None,
        meta=meta,
    )
    # Carry over what earlier corpuskit stages added (they are part of the contract).
    for key in _CARRIED:
        if key in obj and key != text_field:
            record[key] = obj[key]
    if not isinstance(record.get("errors"), list):
        record["errors"] = []
    ck = record.get("corpuskit")
    if not isinstance(ck, dict) or not isinstance(ck.get("stages"), list):
        record["corpuskit"] = {"version": __version__, "stages": []}
    else:
        record["corpuskit"] = {"version": __version__, "stages": list(ck["stages"])}
    return record


def ordered(record: dict[str, Any]) -> dict[str, Any]:
    """The record with its fields in the documented order (unknown ones last),
    so that output is byte-for-byte stable whatever order stages added them in."""
    out = {key: record[key] for key in FIELD_ORDER if key in record}
    for key, value in record.items():
        if key not in out:
            out[key] = value
    return out


def add_error(record: dict[str, Any], stage: str, error: BaseException | str) -> None:
    """Note a failure on the record itself; the record is still emitted."""
    if isinstance(error, BaseException):
        entry = {"stage": stage, "type": type(error).__name__, "message": str(error)}
    else:
        entry = {"stage": stage, "type": "Error", "message": error}
    record.setdefault("errors", []).append(entry)


def iter_spans(record: dict[str, Any]) -> Iterator[tuple[str, int, dict[str, Any]]]:
    """Every span of the record as ``(field, index, span)``."""
    for field in SPAN_FIELDS:
        for index, span in enumerate(record.get(field) or ()):
            yield field, index, span


def span_problems(record: dict[str, Any]) -> list[str]:
    """What breaks the span invariant: 0 <= start <= end <= len(text) and
    ``text[start:end] == span["text"]``. Empty list when all spans hold."""
    text = record.get("text", "")
    problems = []
    for field, index, span in iter_spans(record):
        start, end = span.get("start"), span.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            problems.append(f"{field}[{index}]: bad offsets {start!r}..{end!r} (text has {len(text)})")
        elif text[start:end] != span.get("text"):
            problems.append(
                f"{field}[{index}]: text[{start}:{end}] is {text[start:end]!r}, span says {span.get('text')!r}"
            )
    return problems
