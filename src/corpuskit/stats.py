"""Streaming statistics over corpuskit records (``corpuskit stats``).

Feed records one at a time to ``CorpusStats.add``; read the result with
``as_json()`` (stable keys, JSON-serializable) or draw it with ``render(console)``.
Memory does not grow with the number of documents: every table is bounded.

* Languages, calendars, labels, error stages: at most ``MAX_KEYS`` distinct keys
  each; further unseen keys are counted under ``"other"`` (records are input
  data, and a hostile file could invent a new label per line).
* Months: keyed ``YYYY-MM`` with a four-digit year, so bounded by the calendar.
* Entities: one entry per identity, at most ``max_entities``; past that the
  rarest are pruned (see ``_prune``), and ``entities.pruned`` says so.

Month attribution (``dates.by_month``): a resolved mention goes to the
Gregorian month that holds it (day, minute, second, month). A span of time
(an ISO week, a Jalali or Hijri month given as ``START/END``) goes to the month
of its midpoint: where most of its days fall, and for an ISO week the month of
its Thursday, as ISO itself decides the year of a week. A span longer than two
months (a year of any calendar) is *year-level*: counted in
``coarser_than_month`` and ``coarse_by_year`` (year of its midpoint), never in
``by_month``, so a corpus full of "in 2016" does not draw a false January spike.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

MAX_KEYS = 64  # distinct keys of each small table before "other"
MAX_FORMS = 20  # surface forms kept per entity and language
EXAMPLE_IDS = 5  # ids of documents with errors shown as examples
CHART_ROWS = 24  # rows of the timeline before it groups months into years
COUNTS = ("documents", "characters", "sentences", "tokens")  # per language and in total
#: Fields written by stages; a record without one did not go through that stage.
STAGE_FIELDS = ("lang", "sentences", "tokens", "dates", "entities")

_POINT = re.compile(r"^(\d{4})-(\d{2})")  # 2020-09, 2020-09-24, 2020-09-24T18:00Z
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_BLOCKS = " ▏▎▍▌▋▊▉"  # eighths of a cell, for bars finer than one character


def _bump(table: dict[str, int], key: str, n: int = 1) -> None:
    """Count ``key``, folding it into "other" once the table is full."""
    if key not in table and len(table) >= MAX_KEYS:
        key = "other"
    table[key] = table.get(key, 0) + n


def _top(counts: dict[str, int], n: int | None = None) -> dict[str, int]:
    """The ``n`` (default all) largest counts, largest first (ties: first seen first)."""
    return dict(sorted(counts.items(), key=lambda kv: -kv[1])[:n])


def _size(value: Any, kind: type = list) -> int:
    """``len(value)`` when it has the expected type, else 0 (partial or foreign records)."""
    return len(value) if isinstance(value, kind) else 0


def _spans(value: Any) -> list[dict[str, Any]]:
    return [span for span in value if isinstance(span, dict)] if isinstance(value, list) else []


def _midpoint(start: str, end: str) -> tuple[date, int]:
    """Midpoint and length in days of the interval START/END (ISO dates)."""
    first, last = date.fromisoformat(start[:10]), date.fromisoformat(end[:10])
    return first + (last - first) / 2, (last - first).days + 1


def month_of(mention: dict[str, Any]) -> tuple[str | None, str | None]:
    """``(month, None)`` for a mention that falls in one month, ``(None, year)``
    for a year-level one, ``(None, None)`` when the value cannot be placed."""
    value = mention.get("value")
    if not isinstance(value, str):
        return None, None
    interval = mention.get("interval") or {}
    try:
        if "/" in value:  # Jalali or Hijri month or year: START/END
            start, end = value.split("/", 1)
        elif interval.get("start") and interval.get("end"):  # Gregorian week, month, year
            start, end = interval["start"], interval["end"]
        elif match := _WEEK.match(value):
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
            start, end = monday.isoformat(), (monday + timedelta(days=6)).isoformat()
        elif match := _YEAR.match(value):
            return None, match[1]
        elif (match := _POINT.match(value)) and 1 <= int(match[2]) <= 12:
            return match[0], None
        else:
            return None, None
        middle, days = _midpoint(start, end)
    except (ValueError, OverflowError):  # invalid-date values, weeks 54+
        return None, None
    if mention.get("granularity") == "year" or days > 62:
        return None, f"{middle.year:04d}"
    return f"{middle.year:04d}-{middle.month:02d}", None


class CorpusStats:
    """Counts over a stream of records; ``add`` each, then ``as_json``/``render``.

    ``max_entities`` bounds the entity table. When it is exceeded the table is
    cut to its most frequent three quarters (so pruning happens once per
    ``max_entities / 4`` new identities, not on every one). An entity pruned and
    seen again starts from zero, so after pruning the counts in ``entities.top``
    are lower bounds; ``entities.pruned`` is then true and
    ``entities.pruned_mentions`` says how many mentions were dropped. Frequent
    entities, the ones the top table shows, are not affected in practice.
    """

    def __init__(self, *, max_entities: int = 100_000):
        self.max_entities = max(4, max_entities)
        self.documents = 0
        self.languages: dict[str, dict[str, int]] = {}
        self.missing = dict.fromkeys(STAGE_FIELDS, 0)
        self.error_documents = 0
        self.errors_by_stage: dict[str, int] = {}
        self.error_examples: list[str] = []
        self.document_dates = 0
        self.date_mentions = 0
        self.dates_resolved = 0
        self.dates_unplaced = 0  # resolved, but a value no month or year can be read from
        self.by_calendar: dict[str, int] = {}
        self.by_month: dict[str, int] = {}
        self.coarse_by_year: dict[str, int] = {}
        self.entity_mentions = 0
        self.by_label: dict[str, int] = {}
        # identity -> {"id", "label", "name", "text", "count", "forms": {lang: {form: n}}}
        self.entities: dict[tuple[str | None, ...], dict[str, Any]] = {}
        self.pruned_mentions = 0

    # -- counting -------------------------------------------------------------
    def add(self, record: dict[str, Any]) -> None:
        """Count one record. Missing or null fields are counted as missing, never fatal."""
        self.documents += 1
        for field in STAGE_FIELDS:
            if record.get(field) is None:
                self.missing[field] += 1
        lang = str(record.get("lang") or "und")
        if lang not in self.languages and len(self.languages) >= MAX_KEYS:
            lang = "other"
        row = self.languages.setdefault(lang, dict.fromkeys(COUNTS, 0))
        row["documents"] += 1
        row["characters"] += _size(record.get("text"), str)
        row["sentences"] += _size(record.get("sentences"))
        row["tokens"] += _size(record.get("tokens"))
        if errors := record.get("errors"):
            self.error_documents += 1
            for stage in {str(e.get("stage")) for e in errors if isinstance(e, dict)}:
                _bump(self.errors_by_stage, stage)
            if len(self.error_examples) < EXAMPLE_IDS:
                self.error_examples.append(str(record.get("id")))
        if ((record.get("meta") or {}).get("document_date") or {}).get("value"):
            self.document_dates += 1
        # A malformed span is skipped rather than stopping the whole report.
        for mention in _spans(record.get("dates")):
            self._add_date(mention)
        for entity in _spans(record.get("entities")):
            self._add_entity(entity, lang)

    def _add_date(self, mention: dict[str, Any]) -> None:
        self.date_mentions += 1
        _bump(self.by_calendar, mention.get("calendar") or "none")
        if mention.get("value") is None:
            return
        self.dates_resolved += 1
        month, year = month_of(mention)
        if month:
            self.by_month[month] = self.by_month.get(month, 0) + 1
        elif year:
            self.coarse_by_year[year] = self.coarse_by_year.get(year, 0) + 1
        else:
            self.dates_unplaced += 1

    def _add_entity(self, span: dict[str, Any], lang: str) -> None:
        self.entity_mentions += 1
        label, text = span.get("label"), span.get("text") or ""
        _bump(self.by_label, label or "none")
        # The same Wikidata id merges Persian, Arabic and any other spelling.
        key = (span["id"],) if span.get("id") else (label, text)
        entry = self.entities.get(key)
        if entry is None:
            entry = {"id": span.get("id"), "label": label, "name": span.get("name"), "text": text, "count": 0}
            entry["forms"] = {}
            self.entities[key] = entry
        entry["count"] += 1
        forms = entry["forms"].setdefault(lang, {})
        forms[text] = forms.get(text, 0) + 1
        if len(forms) > 2 * MAX_FORMS:  # amortized: cut back to the commonest
            entry["forms"][lang] = _top(forms, MAX_FORMS)
        if len(self.entities) > self.max_entities:  # after counting, so a pruned mention is reported
            self._prune()

    def _prune(self) -> None:
        """Keep the most frequent three quarters of the entity table (ties:
        the first seen), so memory stays bounded on endless distinct names."""
        keep = self.max_entities * 3 // 4
        ranked = sorted(self.entities.items(), key=lambda kv: -kv[1]["count"])
        self.pruned_mentions += sum(entry["count"] for _, entry in ranked[keep:])
        self.entities = dict(ranked[:keep])

    # -- output ---------------------------------------------------------------
    def as_json(self, top: int = 50, forms: int = 5) -> dict[str, Any]:
        """All counts as plain JSON data. Every key is always present, in this order:

        ``documents``; ``languages`` {lang: {documents, characters, sentences,
        tokens}} and ``totals`` (the same four); ``missing`` {lang, sentences,
        tokens, dates, entities}: documents without that field; ``errors``
        {documents, by_stage, examples}; ``dates`` {documents_with_date,
        mentions, resolved, unresolved, by_calendar ("none" for null), by_month
        {"YYYY-MM": n}, coarser_than_month, coarse_by_year {"YYYY": n},
        unplaced}; ``entities`` {mentions, distinct, by_label, pruned,
        pruned_mentions, top: [{key, id, label, name, count, forms {lang:
        {form: n}}}]}. ``top`` entities with ``forms`` forms per language;
        counts sort largest first, months and years ascending."""
        totals = {k: sum(row[k] for row in self.languages.values()) for k in COUNTS}
        languages = sorted(self.languages.items(), key=lambda kv: -kv[1]["documents"])
        ranked = sorted(self.entities.values(), key=lambda e: -e["count"])[:top]
        return {
            "documents": self.documents,
            "languages": {lang: dict(row) for lang, row in languages},
            "totals": totals,
            "missing": dict(self.missing),
            "errors": {
                "documents": self.error_documents,
                "by_stage": _top(self.errors_by_stage),
                "examples": list(self.error_examples),
            },
            "dates": {
                "documents_with_date": self.document_dates,
                "mentions": self.date_mentions,
                "resolved": self.dates_resolved,
                "unresolved": self.date_mentions - self.dates_resolved,
                "by_calendar": _top(self.by_calendar),
                "by_month": dict(sorted(self.by_month.items())),
                "coarser_than_month": sum(self.coarse_by_year.values()),
                "coarse_by_year": dict(sorted(self.coarse_by_year.items())),
                "unplaced": self.dates_unplaced,
            },
            "entities": {
                "mentions": self.entity_mentions,
                "distinct": len(self.entities),
                "by_label": _top(self.by_label),
                "pruned": self.pruned_mentions > 0,
                "pruned_mentions": self.pruned_mentions,
                "top": [_entity_json(e, forms) for e in ranked],
            },
        }

    def render(self, console: Any, top: int = 15) -> None:
        """Draw the statistics on a ``rich.console.Console``: a table per language,
        errors and partial records, the dates timeline, the ``top`` entities.
        Styles only; the console decides whether they become colour."""
        from rich.table import Table
        from rich.text import Text

        data = self.as_json(top=top, forms=2)
        title = f"{data['documents']:,} document" + "s" * (data["documents"] != 1)
        summary = Table(title=title, title_justify="left", show_footer=True)
        summary.add_column("Language", footer="total")
        for key in COUNTS:
            summary.add_column(key.capitalize(), footer=f"{data['totals'][key]:,}", justify="right")
        for lang, row in data["languages"].items():
            summary.add_row(lang, *(f"{row[k]:,}" for k in COUNTS))
        console.print(summary)

        missing = [f"{n:,} without {field}" for field, n in data["missing"].items() if n]
        if missing:
            console.print(Text("Partial records: " + ", ".join(missing), style="yellow"))
        errors = data["errors"]
        line = f"Documents with errors: {errors['documents']:,}"
        if errors["documents"]:
            stages = ", ".join(f"{stage} {n:,}" for stage, n in errors["by_stage"].items())
            line += f" ({stages}); e.g. " + ", ".join(errors["examples"][:3])
        console.print(Text(line, style="red" if errors["documents"] else "green"))

        dates = data["dates"]
        line = f"\nDates: {dates['mentions']:,} mentions, {dates['resolved']:,} resolved"
        if dates["by_calendar"]:
            line += " (" + ", ".join(f"{c} {n:,}" for c, n in dates["by_calendar"].items()) + ")"
        console.print(Text(line, style="bold"))
        bars, notes = _timeline(dates, console.width)
        for bar in bars:
            console.print(Text(bar), no_wrap=True, crop=True)
        if notes:
            console.print(Text(notes))

        entities = data["entities"]
        title = f"\nEntities: {entities['mentions']:,} mentions, {entities['distinct']:,} distinct"
        if entities["by_label"]:
            title += " (" + ", ".join(f"{label} {n:,}" for label, n in entities["by_label"].items()) + ")"
        console.print(Text(title, style="bold"))  # not the table's title: that wraps at the table's width
        table = Table()
        for name in ("Entity", "Label", "Count", "Forms"):
            table.add_column(name, justify="right" if name == "Count" else "left", overflow="fold")
        for e in entities["top"]:
            # One form per line, language and count first: the right-to-left word
            # ends its line, so a terminal's bidi reordering cannot mix it up
            # with the count of another form.
            forms = "\n".join(f"{lang} {n:>3} {form}" for lang, f in e["forms"].items() for form, n in f.items())
            table.add_row(e["name"] or e["key"], e["label"] or "", f"{e['count']:,}", forms)
        if entities["top"]:
            console.print(table)
        if entities["pruned"]:
            note = f"Entity table pruned: {entities['pruned_mentions']:,} rare mentions dropped; counts are minimums."
            console.print(Text(note, style="yellow"))


def _entity_json(entry: dict[str, Any], forms: int) -> dict[str, Any]:
    """One row of ``entities.top``; languages with the most mentions first."""
    by_lang = sorted(entry["forms"].items(), key=lambda kv: -sum(kv[1].values()))
    return {
        "key": entry["id"] or f"{entry['label']}:{entry['text']}",
        "id": entry["id"],
        "label": entry["label"],
        "name": entry["name"],
        "count": entry["count"],
        "forms": {lang: _top(counts, forms) for lang, counts in by_lang},
    }


def _timeline(dates: dict[str, Any], width: int) -> tuple[list[str], str]:
    """The lines of the dates chart and a note under it: one bar per month from the first to the
    last month with data (empty months included: gaps are information). Over
    ``CHART_ROWS`` months the bars become years; over ``CHART_ROWS`` years, the
    ``CHART_ROWS`` consecutive years with the most mentions are shown and the
    rest counted in a note, so one stray "1900" does not squash the chart."""
    months = dates["by_month"]
    if not months:
        return [], ""
    first, last = min(months), max(months)
    y0, m0, y1, m1 = int(first[:4]), int(first[5:]), int(last[:4]), int(last[5:])
    if (y1 - y0) * 12 + m1 - m0 < CHART_ROWS:
        unit, rows = "month", []
        for m in range(y0 * 12 + m0 - 1, y1 * 12 + m1):
            key = f"{m // 12:04d}-{m % 12 + 1:02d}"
            rows.append((key, months.get(key, 0)))
    else:
        years: dict[int, int] = {}
        for key, n in months.items():
            years[int(key[:4])] = years.get(int(key[:4]), 0) + n

        def window(start: int) -> tuple[int, int]:  # mentions in the window, then the latest
            return sum(years.get(y, 0) for y in range(start, start + CHART_ROWS)), start

        start = max(range(y0, max(y0, y1 - CHART_ROWS + 1) + 1), key=window)
        unit = "year"
        rows = [(f"{y:04d}", years.get(y, 0)) for y in range(start, min(y1 + 1, start + CHART_ROWS))]
    peak = max(n for _, n in rows)
    label_width, count_width = len(rows[0][0]), len(f"{peak:,}")
    bar_width = max(10, min(50, width - label_width - count_width - 3))
    lines = [f"Date mentions per {unit} (day, week and month precision):"]
    for key, n in rows:
        eighths = max(round(n * bar_width * 8 / peak), 1 if n else 0)  # any mention shows
        bar = "█" * (eighths // 8) + (_BLOCKS[eighths % 8] if eighths % 8 else "")
        lines.append(f"{key} {bar:<{bar_width}} {n:>{count_width},}")
    notes, shown = [], sum(n for _, n in rows)
    if shown < sum(months.values()):
        notes.append(f"{sum(months.values()) - shown:,} mentions outside {rows[0][0]}–{rows[-1][0]} not shown")
    if dates["coarser_than_month"]:
        notes.append(f"{dates['coarser_than_month']:,} year-level mentions not charted")
    return lines, "; ".join(notes)
