"""One document in the terminal: what `corpuskit inspect FILE` prints.

Most terminals lay out right-to-left text poorly, so the view does not depend on
colour or layout to be read: with colour, entities and dates are highlighted
(a legend says which colour is which); without colour (``NO_COLOR``, a pipe, a
file) each span is bracketed and labelled in the text itself, ``[پوتین|PER]``
and ``{۳ مهر|DATE}``. The same record gives the same lines at a given width,
which the golden test relies on.

rich is imported by the functions, not at module level, so that importing the
CLI stays fast.
"""

from __future__ import annotations

from typing import Any

#: Background colours of the labels, as displaCy's; one legend line names them.
LABEL_STYLE = {
    "PER": "black on #aa9cfc",
    "LOC": "black on #feca74",
    "ORG": "black on #7aecec",
    "MISC": "black on #e4e7d2",
    "EVENT": "black on #ffeb80",
}
DATE_STYLE = "black on #bfe1d9"
OTHER_STYLE = "black on #dddddd"


def summary_line(record: dict[str, Any]) -> str:
    """``12 sentences, 340 tokens, 5 dates, 9 entities, 0 errors``; a field no
    stage made is ``-`` (``- dates``), which is not the same as none found."""
    parts = []
    for field, one in (("sentences", "sentence"), ("tokens", "token"), ("dates", "date"), ("entities", "entity")):
        spans = record.get(field)
        count = "-" if spans is None else len(spans)
        parts.append(f"{count} {one if count == 1 else field}")
    errors = len(record.get("errors") or [])
    parts.append(f"{errors} {'error' if errors == 1 else 'errors'}")
    return ", ".join(parts)


#: What the page says of itself (the clean stage, an HTML head), shown when present.
PAGE_FACTS = ("title", "outlet", "published", "url", "news_id")


def page_facts(record: dict[str, Any]) -> list[tuple[str, str]]:
    """``(name, value)`` of the page metadata the record has, and how many
    lines the clean stage removed (by reason) when it kept them."""
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    facts = [(name, str(meta[name])) for name in PAGE_FACTS if meta.get(name) not in (None, "")]
    removed = meta.get("removed")
    if isinstance(removed, list) and removed:
        counts: dict[str, int] = {}
        for entry in removed:
            reason = str(entry.get("reason")) if isinstance(entry, dict) else "?"
            counts[reason] = counts.get(reason, 0) + 1
        facts.append(("removed", f"{len(removed)} lines: " + ", ".join(f"{n} {r}" for r, n in counts.items())))
    return facts


def document_date_line(record: dict[str, Any]) -> str:
    found = (record.get("meta") or {}).get("document_date")
    if not isinstance(found, dict):
        return "not looked for (the dates stage did not run)"
    if not found.get("value"):
        return "none found (relative and yearless dates stay unresolved)"
    return f"{found['value']} (from {found.get('source') or 'unknown'})"


def _marked_spans(record: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    """(start, end, tag, style) of the dates and entities, in text order."""
    text = record.get("text", "")
    spans = []
    for span in record.get("dates") or []:
        spans.append((span["start"], span["end"], "DATE", DATE_STYLE))
    for span in record.get("entities") or []:
        label = span.get("label") or "ENT"
        spans.append((span["start"], span["end"], label, LABEL_STYLE.get(label, OTHER_STYLE)))
    return sorted(s for s in spans if 0 <= s[0] <= s[1] <= len(text))


def highlighted_text(record: dict[str, Any], *, color: bool):
    """The text as a rich ``Text``: styled spans with colour, bracketed ones without."""
    from rich.text import Text

    text = record.get("text", "")
    spans = _marked_spans(record)
    if color:
        out = Text(text)
        # Entities over dates: an entity inside a date (بتوقيت غرينتش) stays visible.
        for start, end, tag, style in sorted(spans, key=lambda s: s[2] != "DATE"):
            out.stylize(style, start, end)
        return out
    # Brackets are inserted at span edges; overlapping spans interleave their
    # brackets, which still shows where each starts and ends.
    inserts: dict[int, list[str]] = {}
    for start, end, tag, _ in spans:
        opening, closing = ("{", "}") if tag == "DATE" else ("[", "]")
        inserts.setdefault(start, []).append(opening)
        inserts.setdefault(end, []).insert(0, f"|{tag}{closing}")
    pieces, last = [], 0
    for position in sorted(inserts):
        pieces.append(text[last:position])
        # closings before openings at the same position: "[a|PER][b|LOC]"
        pieces.extend(sorted(inserts[position], key=lambda mark: not mark.startswith("|")))
        last = position
    pieces.append(text[last:])
    return Text("".join(pieces))


#: Below this width the seven columns of the dates table do not fit: each
#: date is shown as a small block of lines instead, with the same fields.
WIDE = 110


def dates_table(record: dict[str, Any], width: int = WIDE):
    from rich import box
    from rich.table import Table

    rows = [
        (span["text"], span.get("calendar") or "-", _gregorian(span), span.get("jalali") or "-",
         span.get("hijri") or "-", span.get("resolved") or "-", ", ".join(span.get("flags") or []) or "-")
        for span in record.get("dates") or []
    ]
    if width >= WIDE:
        table = Table(title="Dates", box=box.SIMPLE_HEAD, title_justify="left")
        for name in ("as written", "calendar", "Gregorian", "Jalali", "Hijri", "resolved", "flags"):
            table.add_column(name, overflow="fold")
        for row in rows:
            table.add_row(*row)
        return table
    table = Table(title="Dates", box=box.SIMPLE_HEAD, title_justify="left", show_header=False)
    table.add_column("date", overflow="fold")
    for number, (written, calendar, gregorian, jalali, hijri, resolved, flags) in enumerate(rows, start=1):
        table.add_row(
            f"{number}. {written}\n"
            f"   calendar {calendar} · resolved {resolved} · flags {flags}\n"
            f"   Gregorian {gregorian} · Jalali {jalali}\n"
            f"   Hijri {hijri}"
        )
    return table


def _gregorian(span: dict[str, Any]) -> str:
    value = span.get("value")
    if value is None:
        return "-"
    time = span.get("time")
    if time and "T" not in value:
        value = f"{value} {time}"
    return value


def entities_table(record: dict[str, Any]):
    from rich import box
    from rich.table import Table

    table = Table(title="Entities", box=box.SIMPLE_HEAD, title_justify="left", expand=False)
    for name in ("text", "label", "identity", "source"):
        table.add_column(name, overflow="fold")
    for span in record.get("entities") or []:
        identity = " ".join(part for part in (span.get("id"), span.get("name")) if part) or "-"
        table.add_row(span["text"], span.get("label") or "-", identity, span.get("source") or "-")
    return table


def render_document(record: dict[str, Any], console) -> None:
    """Print the whole view of ``record`` on a rich ``Console``."""
    from rich.text import Text

    # NO_COLOR leaves rich a colour system but no colours: brackets then, too.
    color = console.color_system is not None and not console.no_color
    lang = record.get("lang") or "und"
    score = (record.get("langid") or {}).get("score")
    header = Text(f"{record.get('id')}", style="bold")
    if record.get("source") and record.get("source") != record.get("id"):
        header.append(f" ({record['source']})", style="dim")
    console.print(header)
    console.print(f"language: {lang}" + (f" ({score:.2f})" if isinstance(score, (int, float)) else ""))
    for name, value in page_facts(record):
        console.print(f"{name}: {value}", markup=False)
    console.print(f"document date: {document_date_line(record)}")
    console.print(summary_line(record))
    if color:
        legend = Text("highlights: ")
        for tag, style in (("DATE", DATE_STYLE), *LABEL_STYLE.items()):
            legend.append(f" {tag} ", style=style)
            legend.append(" ")
        console.print(legend)
    console.rule()
    console.print(highlighted_text(record, color=color))
    console.rule()
    if record.get("dates"):
        console.print(dates_table(record, console.width))
    if record.get("entities"):
        console.print(entities_table(record))
    for error in record.get("errors") or []:
        console.print(f"error in {error.get('stage')}: {error.get('type')}: {error.get('message')}", style="red")
