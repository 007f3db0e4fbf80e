"""The ``clean`` stage: a scraped news page's text becomes its article body.

Boilerplate lines (navigation, share links, photo credits, calls to follow,
related headlines, sign-offs, header lines) are removed; the headline, share
link, outlet, publication date and news id go into ``meta`` (a field the input
already has is never overwritten); with ``keep_removed`` every removed line is
listed in ``meta.removed`` with its line number and reason. The rules:
corpuskit/clean/rules.py and docs/clean.md.

The stage runs first: it changes ``text``, so no stage that adds offsets may
run before it. It runs once per record: a record it has cleaned passes
through unchanged (cleaning the body again could take its lead for a
headline).
"""

from __future__ import annotations

from typing import Any

from corpuskit.pipeline import Stage
from corpuskit.record import SPAN_FIELDS


class Clean(Stage):
    name = "clean"
    requires = ("text",)
    provides = ("text", "meta")

    def __init__(self, keep_removed: bool = False):
        self.keep_removed = keep_removed

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> Clean:
        return cls(keep_removed=bool(options.get("keep_removed")))

    def setup(self) -> None:
        from corpuskit.clean.cues import cues
        from corpuskit.clean.outlets import outlets
        from corpuskit.stages.dates import Dates

        cues()
        outlets()
        Dates().setup()  # the header dates are read by the dates stage's extractor

    def process(self, record: dict[str, Any]) -> dict[str, Any]:
        if self.name in record["corpuskit"]["stages"]:
            return record
        present = [field for field in (*SPAN_FIELDS, "raw") if record.get(field)]
        if present:  # their offsets (or raw_map) would point into the old text
            raise ValueError(f"clean must run before the stages that add spans ({', '.join(present)} already there)")
        from corpuskit.clean import clean_text

        meta = record.setdefault("meta", {})
        result = clean_text(record["text"], record.get("lang"), known=meta)
        record["text"] = result.text
        for name, value in result.meta.items():
            if meta.get(name) in (None, ""):
                meta[name] = value
        if self.keep_removed:
            meta["removed"] = result.removed
        return record
