"""``find_dates``: the dates of one text, with the document date they resolve against.

The document date comes, in this order, from the caller (a ``--doc-date``, or a
metadata field the stage read), from a date after a "published" label in the
text (``تاریخ انتشار:``, ``تم النشر:``), from a full date standing alone on a
line of the page header, or from nowhere (then relative dates stay unresolved).
It is never the system clock.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from corpuskit.dates import lexicon as lx
from corpuskit.dates.detect import Mention, find_atoms, group
from corpuskit.dates.fold import fold, fold_pattern_text
from corpuskit.dates.resolve import Context, resolve

#: How far into the text a date alone on a line counts as the page header's date.
HEADER_LINES = 20
#: How far a label or the ends of a header line may stand from the date.
LINE_REACH = 120

_LABEL = re.compile(
    r"(?:^|\n)[ \t]*[^\w\n]{0,3}[ \t]*(?:"
    + "|".join(sorted((re.escape(fold_pattern_text(w)).replace(r"\ ", r"[ \t\u200c]+") for w in lx.PUBLISHED_LABELS), key=len, reverse=True))
    + r")[ \t]*[:：]?[ \t]*[-–]?[ \t]*$"
)
_ISO = re.compile(
    r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?\s*$"
)


@dataclass
class DocumentDate:
    """The date a document's relative dates resolve against."""

    value: str | None  # ISO date, or datetime when the source gives a time
    source: str  # option | field:NAME | published-label | header | none
    error: str | None = None

    @property
    def day(self) -> dt.date | None:
        return dt.date.fromisoformat(self.value[:10]) if self.value else None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value, "source": self.source}
        if self.error:
            out["error"] = self.error
        return out


def parse_document_date(value: Any, source: str) -> DocumentDate:
    """Read a document date given from outside: ISO date or datetime, a
    ``datetime.date``, or a Jalali date such as ``1399/07/04`` (years below 1700
    are read as Jalali). Anything else gives ``value: None`` with an error."""
    if isinstance(value, dt.datetime):
        return DocumentDate(value.isoformat(timespec="minutes"), source)
    if isinstance(value, dt.date):
        return DocumentDate(value.isoformat(), source)
    if not isinstance(value, str) or not value.strip():
        return DocumentDate(None, source, f"not a date: {value!r}")
    match = _ISO.match(fold(value))
    if match:
        year, month, day = (int(match.group(i)) for i in (1, 2, 3))
        try:
            if year < 1700:
                from corpuskit.dates.calendars import CalendarDate

                date = CalendarDate("jalali", year, month, day).to_gregorian()
            else:
                date = dt.date(year, month, day)
        except ValueError as error:
            return DocumentDate(None, source, f"not a date: {value!r} ({error})")
        iso = date.isoformat()
        if match.group(4):
            zone = match.group(7) or ""
            iso += f"T{int(match.group(4)):02d}:{match.group(5)}" + ("Z" if zone in ("Z", "+00:00", "+0000") else zone)
        return DocumentDate(iso, source)
    # A date written in words ("23 أغسطس 2018"): the first full date in it.
    for span in find_dates(value, None, DocumentDate(None, "none")):
        if span.get("granularity") in ("day", "minute", "second") and span.get("resolved") == "explicit":
            return DocumentDate(span["value"], source)
    return DocumentDate(None, source, f"not a date: {value!r}")


def _mentions(text: str, lang: str | None) -> tuple[str, list[Mention]]:
    folded = fold(text)
    language = lang if lang in ("fa", "ar") else "any"
    return folded, group(find_atoms(folded, language), folded)


def _from_text(folded: str, mentions: list[Mention], lang: str) -> tuple[int, DocumentDate] | None:
    """The document date found in the text, and the index of its mention: the
    first full date after a "published" label, else the first full date alone
    on a line of the header. Only those candidates are resolved."""
    header_end = _nth_line_end(folded, HEADER_LINES)
    header: tuple[int, DocumentDate] | None = None
    context = Context(lang, None)
    for index, mention in enumerate(mentions):
        # Only the near side of the line is looked at: a label stands right at
        # the start of a short line, and a header date alone on one. (Searching
        # a whole long line for every date in it would be quadratic.)
        reach = max(0, mention.start - LINE_REACH)
        line_start = folded.rfind("\n", reach, mention.start) + 1
        if line_start == 0 and reach > 0:
            continue  # the line starts further back than any label or header line does
        labelled = bool(_LABEL.search(folded[max(0, line_start - 1) : mention.start]))
        if not labelled:
            if header is not None or mention.start >= header_end:
                continue
            line_end = folded.find("\n", mention.end, mention.end + LINE_REACH)
            if line_end < 0:
                if mention.end + LINE_REACH < len(folded):
                    continue
                line_end = len(folded)
            if re.search(r"\w", folded[line_start : mention.start] + folded[mention.end : line_end]):
                continue
        span = resolve(mention, context)
        if span is None or span.get("resolved") != "explicit" or span.get("granularity") not in ("day", "minute", "second"):
            continue
        if labelled:
            return index, DocumentDate(span["value"], "published-label")
        header = index, DocumentDate(span["value"], "header")
    return header


def _nth_line_end(text: str, lines: int) -> int:
    position = -1
    for _ in range(lines):
        position = text.find("\n", position + 1)
        if position < 0:
            return len(text)
    return position


def extract(text: str, lang: str | None, document: DocumentDate | None = None) -> tuple[list[dict[str, Any]], DocumentDate]:
    """Date spans of ``text`` and the document date used. ``document``: a date
    given from outside (its ``value`` may be None: then the text is searched)."""
    folded, mentions = _mentions(text, lang)
    doc = document if document is not None and document.value else None
    doc_index = None
    if doc is None:
        found = _from_text(folded, mentions, lang or "und")
        if found is not None:
            doc_index, doc = found
        elif document is not None:
            doc = document  # keeps the error of an unreadable field
        else:
            doc = DocumentDate(None, "none")
    context = Context(lang or "und", doc.day)
    spans = []
    # A mention's fields depend only on its atoms' kinds and fields and on the
    # context: a date written twice the same way is resolved once.
    resolved: dict[tuple, dict[str, Any] | None] = {}
    for index in range(len(mentions)):
        # (each mention let go once its span is made: text dense with dates
        # then never holds both, and the garbage collector has less to walk)
        mention, mentions[index] = mentions[index], None
        atoms = mention.atoms
        if len(atoms) == 1:
            key = (atoms[0].kind, *atoms[0].fields.items())
        else:
            key = tuple((atom.kind, *atom.fields.items()) for atom in atoms)
        fields = resolved[key] if key in resolved else resolved.setdefault(key, resolve(mention, context))
        if fields is None:
            continue
        span = {"start": mention.start, "end": mention.end, "text": text[mention.start : mention.end], **fields}
        # its own copies of the lists and dicts, which another span may share
        span["flags"] = list(fields["flags"])
        if "interval" in fields:
            span["interval"] = dict(fields["interval"])
        if index == doc_index:
            span["flags"].append("document-date")
        spans.append(span)
    return spans, doc


def find_dates(text: str, lang: str | None = None, doc_date: Any = None) -> list[dict[str, Any]]:
    """The date spans of ``text`` (``lang``: ``fa``, ``ar`` or None for both).

    ``doc_date``: the document's date (ISO string, ``datetime.date``, or a
    :class:`DocumentDate`); without it, one is looked for in the text."""
    if isinstance(doc_date, DocumentDate):
        document = doc_date
    elif doc_date is None:
        document = None
    else:
        document = parse_document_date(doc_date, "option")
    return extract(text, lang, document)[0]
