"""The JSONL record: one JSON object per document (the contract is docs/schema.md).

A record is a plain ``dict`` so that it round-trips through JSON untouched and the
library is usable without any corpuskit class. This module builds records, checks
the span invariant that JSON Schema cannot express, and knows which top-level
fields belong to corpuskit.
"""

from __future__ import annotations

import re
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
    "key",
    "raw",
    "raw_map",
    "meta",
    "sentences",
    "tokens",
    "dates",
    "entities",
    "errors",
    "corpuskit",
)
#: Fields an earlier corpuskit command added, carried over as they are.
_CARRIED = tuple(f for f in FIELD_ORDER if f not in {"id", "source", "lang", "text", "meta"})

#: Fields whose value is a list of spans into ``text``.
SPAN_FIELDS = ("sentences", "tokens", "dates", "entities")
#: The stage that writes each span field (dropping the field undoes the stage).
_MADE_BY = {"sentences": "tokenize", "tokens": "tokenize", "dates": "dates", "entities": "entities"}

#: A surrogate code point on its own (JSON input may escape one as "\ud800").
#: It is no character, and JSON cannot keep a lone high one next to a lone low
#: one apart from a real pair: once a stage deletes what stood between them, the
#: output would read back one character shorter, with every offset after it off.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def without_lone_surrogates(text: str) -> tuple[str, int]:
    """``text`` with each lone surrogate replaced by U+FFFD (one code point for
    one, so offsets hold), and how many there were."""
    if not _LONE_SURROGATE.search(text):  # the common case: no copy
        return text, 0
    return _LONE_SURROGATE.subn(REPLACEMENT, text)


def new_record(
    id: str,
    text: str,
    *,
    source: str,
    lang: str | None = None,
    meta: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A fresh record in the documented field order. Lone surrogates in
    ``text`` become U+FFFD (see ``without_lone_surrogates``)."""
    return {
        "id": id,
        "source": source,
        "lang": lang,
        "text": without_lone_surrogates(text)[0],
        "meta": dict(meta or {}),
        "errors": [],
        "corpuskit": {"version": __version__, "stages": []},
    }


def is_corpuskit_record(obj: dict[str, Any]) -> bool:
    """Whether a JSON object was written by corpuskit (an earlier command in a pipe)."""
    ck = obj.get("corpuskit")
    return isinstance(ck, dict) and isinstance(ck.get("stages"), list)


def from_json_object(
    obj: dict[str, Any],
    *,
    default_id: str,
    source: str,
    text_field: str = "text",
    id_field: str = "id",
    dropped: list[str] | None = None,
) -> dict[str, Any]:
    """Turn one JSONL input object into a record.

    A corpuskit record (the output of an earlier command in a pipe) passes
    through with its stage fields. Any other JSON document keeps only its text
    and id; all its other fields go under ``meta``, even ones named like ours
    (a foreign ``tokens`` or ``lang`` means something else there).

    Raises ``ValueError`` (with a message meant for the user) when the text
    field is missing or not a string. Carried fields that do not fit the text
    are dropped, and a note for each goes into ``dropped``.
    """
    if text_field not in obj:
        raise ValueError(f"no {text_field!r} field")
    text = obj[text_field]
    if not isinstance(text, str):
        raise ValueError(f"field {text_field!r} is {type(text).__name__}, not a string")
    text, surrogates = without_lone_surrogates(text)
    if surrogates and dropped is not None:
        dropped.append(f"{surrogates} lone surrogate(s) in the text replaced with U+FFFD")
    raw_id = obj.get(id_field)
    record_id = str(raw_id) if raw_id is not None and raw_id != "" else default_id

    if not is_corpuskit_record(obj):
        # A "meta" object of the document's own is merged in, not nested.
        meta = dict(obj["meta"]) if isinstance(obj.get("meta"), dict) else {}
        for key, value in obj.items():
            if key not in (text_field, id_field) and not (key == "meta" and isinstance(value, dict)):
                meta.setdefault(key, value)
        return new_record(record_id, text, source=source, meta=meta)

    meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
    record = new_record(
        record_id,
        text,
        source=obj["source"] if isinstance(obj.get("source"), str) else source,
        lang=obj["lang"] if isinstance(obj.get("lang"), str) else None,
        meta=meta,
    )
    for key in _CARRIED:
        if key in obj and key != text_field:
            record[key] = obj[key]
    if isinstance(record.get("raw"), str):  # same length after, so raw_map still fits
        record["raw"] = without_lone_surrogates(record["raw"])[0]
    if not isinstance(record.get("errors"), list):
        record["errors"] = []
    for field, problem in carried_problems(record):
        # A field an earlier step wrote that no longer fits the text (edited by
        # hand, or by another tool) is dropped, not trusted: a later stage
        # rebuilds it if it needs it.
        record.pop(field, None)
        if field == "raw":
            record.pop("raw_map", None)
        stage = _MADE_BY.get(field)
        if stage in record["corpuskit"]["stages"]:
            record["corpuskit"]["stages"].remove(stage)
            for sibling in (f for f, s in _MADE_BY.items() if s == stage):
                record.pop(sibling, None)
        if dropped is not None:
            dropped.append(f"field {field!r} dropped: {problem}")
    record["corpuskit"] = {"version": __version__, "stages": list(obj["corpuskit"]["stages"])}
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


def carried_problems(record: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, problem) for each span field, and ``raw``/``raw_map``, that does
    not fit the record's text: spans must be objects whose offsets hold, the map
    a list of in-bounds ``[start, end, raw_start, raw_end]`` regions."""
    text = record["text"]
    problems = []
    for field in SPAN_FIELDS:
        if field not in record:
            continue
        spans = record[field]
        if not isinstance(spans, list) or not all(isinstance(span, dict) for span in spans):
            problems.append((field, "not a list of spans"))
        elif found := span_problems({"text": text, field: spans}):
            problems.append((field, found[0]))
    if "raw" in record or "raw_map" in record:
        raw, regions = record.get("raw"), record.get("raw_map")
        if not isinstance(raw, str) or not _valid_regions(regions, len(raw), len(text)):
            problems.append(("raw", "raw and raw_map do not describe this text"))
    return problems


def _valid_regions(regions: Any, raw_length: int, text_length: int) -> bool:
    if not isinstance(regions, list):
        return False
    last_text = last_raw = 0
    for region in regions:
        if not (isinstance(region, list) and len(region) == 4 and all(type(x) is int for x in region)):
            return False
        start, end, raw_start, raw_end = region
        if not (last_text <= start <= end <= text_length and last_raw <= raw_start <= raw_end <= raw_length):
            return False
        last_text, last_raw = end, raw_end
    return True


def add_raw_offsets(record: dict[str, Any]) -> dict[str, Any]:
    """Give every span ``raw_start``/``raw_end`` into ``record["raw"]`` when the
    record keeps its raw text and the map to it (normalize ``--keep-raw``)."""
    raw, regions = record.get("raw"), record.get("raw_map")
    if not isinstance(raw, str) or not isinstance(regions, list):
        return record
    from corpuskit.normalize.alignment import Alignment

    alignment = Alignment.from_json(regions, len(raw), len(record["text"]))
    for _, _, span in iter_spans(record):
        span["raw_start"], span["raw_end"] = alignment.to_raw(span["start"], span["end"])
    return record
