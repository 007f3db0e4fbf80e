"""The ``dates`` stage: ``dates`` spans and ``meta.document_date`` for each record.

The document date, against which yearless and relative dates resolve, is taken
from ``--doc-date`` (one date for every record), else from a metadata field
(``--doc-date-field``, by default ``published`` then ``date``; a
``document_date`` an earlier run took from an option or a field is kept), else
from the text (a "published" label, then a date alone on a header line). It
is never the system clock. Details: corpuskit/dates/extract.py, docs/dates.md.
"""

from __future__ import annotations

from typing import Any

from corpuskit.pipeline import Stage

#: Metadata fields read as the document date when --doc-date-field is not given.
DEFAULT_DATE_FIELDS = ("published", "date")


class Dates(Stage):
    name = "dates"
    requires = ("text", "lang")
    provides = ("dates", "meta")
    prerequisites = {"lang": "langid"}

    def __init__(self, doc_date: str | None = None, doc_date_field: str | None = None):
        self.doc_date = doc_date
        self.doc_date_field = doc_date_field

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> Dates:
        return cls(doc_date=options.get("doc_date"), doc_date_field=options.get("doc_date_field"))

    def setup(self) -> None:
        from corpuskit.dates.detect import _patterns

        for lang in ("fa", "ar", "any"):
            _patterns(lang)  # compile once per process, not on the first record

    def _document_date(self, record: dict[str, Any]):
        from corpuskit.dates.extract import DocumentDate, parse_document_date

        if self.doc_date:
            return parse_document_date(self.doc_date, "option")
        meta = record.get("meta") or {}
        fields = (self.doc_date_field,) if self.doc_date_field else DEFAULT_DATE_FIELDS
        for name in fields:
            if meta.get(name) not in (None, ""):
                return parse_document_date(meta[name], f"field:{name}")
        earlier = meta.get("document_date")
        if isinstance(earlier, dict) and earlier.get("value") and str(earlier.get("source", "")).startswith(
            ("option", "field:")
        ):
            return DocumentDate(earlier["value"], earlier["source"])
        return None

    def process(self, record: dict[str, Any]) -> dict[str, Any]:
        from corpuskit.dates.extract import extract

        spans, document = extract(record["text"], record.get("lang"), self._document_date(record))
        record["dates"] = spans
        record.setdefault("meta", {})["document_date"] = document.to_json()
        return record
