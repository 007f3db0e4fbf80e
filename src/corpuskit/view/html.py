"""One document as an HTML page: what `corpuskit inspect FILE --html OUT.html` writes.

``render_page(record)`` returns a single self-contained HTML5 file: the header
(id, language, document date, counts), the text with its entities and dates
highlighted the way spaCy's displaCy does it (a coloured box, the label as a
small tag after the text), a Dates and an Entities table like the terminal
view's, and the errors. Clicking a highlight (or Enter on it) shows every field
of the span in a details panel.

Rules the code keeps, and why:

- Nothing is loaded from anywhere: inline CSS and script, system fonts, and a
  Content-Security-Policy that allows only that CSS and that script (by hash),
  so that a page made from hostile text can neither phone home nor run
  anything that came from the text, even if an escape were missed.
- The text block's text content is the record's ``text``, exactly once and in
  order: labels, joiners and control-character badges are empty elements whose
  look comes from CSS ``content``, so copying the text or reading
  ``textContent`` gives the document, and offsets stay meaningful.
- Spans may overlap (a date and an entity over the same words). The text is cut
  at every span edge and the spans are nested; a span that crosses the end of
  an enclosing one is closed and reopened, and only its first piece carries
  ``data-kind``/``data-index``, so there is one such element per span.
- Only the standard library: the page is plain string building with
  ``html.escape`` on everything that came from the record.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import unicodedata
from typing import Any

from corpuskit.view.terminal import page_facts

#: Languages written right to left (the primary subtag of ``lang``).
RTL_LANGS = frozenset({"fa", "ar", "ur", "ps", "ckb", "ku", "sd", "ug", "dv", "he", "yi", "arz", "azb", "mzn", "glk"})

#: displaCy's colours, the same as the terminal view's.
LABEL_COLOURS = {"PER": "#aa9cfc", "LOC": "#feca74", "ORG": "#7aecec", "MISC": "#e4e7d2", "EVENT": "#ffeb80"}
DATE_COLOUR = "#bfe1d9"
OTHER_COLOUR = "#dddddd"

#: Code points an HTML page cannot carry as they are: controls other than tab
#: and newline (NUL is dropped by the parser, CR becomes LF, the rest are parse
#: errors), lone surrogates (not encodable as UTF-8) and noncharacters.
_UNSHOWABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)

#: Arabic-script letters that join only to the letter before them (alef, dal,
#: reh, waw, teh marbuta and their variants): the next letter starts afresh.
_RIGHT_JOINING = frozenset("آأؤإاةدذرزوٱٲٳٵٶٷڈډڊڋڌڍڎڏڐڑڒړڔڕږڗژڙۀۄۅۆۇۈۉۊۋۏےۓەۮۯ")


def render_page(record: dict[str, Any], *, title: str | None = None) -> str:
    """The whole HTML page for ``record`` (a corpuskit record, any stage run or not)."""
    text = record.get("text") if isinstance(record.get("text"), str) else ""
    lang = _lang_tag(record.get("lang"))
    direction = "rtl" if lang.split("-")[0].lower() in RTL_LANGS else "auto"
    # What the browser makes of dir="auto": the first strong character decides.
    spans = _spans(record, text, "rtl" if direction == "rtl" else _direction(text) or "ltr")
    # One hash per inline block: the browser runs and applies nothing else.
    policy = (
        f"default-src 'none'; style-src {_csp_hash(_CSS)}; script-src {_csp_hash(_SCRIPT)}; "
        "base-uri 'none'; form-action 'none'"
    )
    page_title = title if title is not None else f"{record.get('id', '')} · corpuskit inspect"
    lang_attr = f' lang="{_esc(lang)}"'
    parts = [
        "<!DOCTYPE html>\n",
        # The page around the text is English; the text and table cells carry the document's lang.
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{_esc(policy)}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="referrer" content="no-referrer">\n',
        f"<title>{_esc(page_title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n",
        _header(record),
        f'<main>\n<section aria-label="text">\n<div id="ck-text" class="ck-text" dir="{direction}"{lang_attr}>',
        _text_html(text, spans),
        "</div>\n</section>\n",
        _dates_table(record, lang_attr),
        _entities_table(record, lang_attr),
        _errors(record),
        "</main>\n",
        _footer(record),
        '<aside id="ck-details" hidden aria-live="polite"><div class="ck-details-head">'
        '<strong id="ck-details-title"></strong>'
        '<button type="button" id="ck-details-close" aria-label="close">×</button></div>'
        '<pre id="ck-details-json" dir="auto"></pre></aside>\n',
        f'<script type="application/json" id="ck-spans">{_json_for_script(record)}</script>\n',
        f"<script>{_SCRIPT}</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


# -- the text ---------------------------------------------------------------


class _Span:
    """A date or entity that can be highlighted: its place in the record and in
    the text, and ``against``, its direction (``ltr``, ``rtl``) when that is not
    the text block's (a Latin name in Persian text), else ``""``."""

    __slots__ = ("kind", "index", "start", "end", "label", "fields", "against")

    def __init__(self, kind: str, index: int, start: int, end: int, label: str, fields: dict, against: str):
        self.kind, self.index, self.start, self.end, self.label, self.fields = kind, index, start, end, label, fields
        self.against = against

    @property
    def ref(self) -> str:
        return f"{self.kind}-{self.index}"


def _spans(record: dict[str, Any], text: str, block_direction: str) -> list[_Span]:
    """The dates and entities whose offsets fit the text (others are still in the tables)."""
    found = []
    for kind, field in (("date", "dates"), ("entity", "entities")):
        items = record.get(field)
        for index, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict):
                continue
            start, end = item.get("start"), item.get("end")
            if type(start) is not int or type(end) is not int or not 0 <= start < end <= len(text):
                continue
            label = "DATE" if kind == "date" else str(item.get("label") or "ENT")
            direction = _direction(text[start:end])
            against = direction if direction != block_direction else ""
            found.append(_Span(kind, index, start, end, label, item, against))
    return found


def _text_html(text: str, spans: list[_Span]) -> str:
    """The text with the spans as nested ``<mark>`` elements (see the module doc)."""
    starting: dict[int, list[_Span]] = {}
    # Longest first, so that a span encloses the ones starting with it; dates
    # before entities over the same characters.
    for span in sorted(spans, key=lambda s: (s.start, -s.end, s.kind != "date", s.index)):
        starting.setdefault(span.start, []).append(span)
    edges = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    out: list[str] = []
    open_spans: list[_Span] = []  # outermost first
    for number, at in enumerate(edges):
        tags = []
        if any(s.end == at for s in open_spans):
            # Close from the innermost out until every span ending here is closed;
            # the ones closed on the way only because they were inside reopen.
            reopen = []
            while any(s.end == at for s in open_spans):
                span = open_spans.pop()
                if span.end == at:
                    tags.append(f'<span class="ck-tag" aria-hidden="true" data-label="{_esc(span.label)}"></span>')
                    tags.append("</mark>")
                else:
                    tags.append("</mark>")
                    reopen.append(span)
            for span in reversed(reopen):
                tags.append(_open_mark(span, first=False))
                open_spans.append(span)
        for span in starting.get(at, ()):
            tags.append(_open_mark(span, first=True))
            open_spans.append(span)
        if tags and _joins_across(text, at):
            # The box's padding cuts the text into separately shaped runs, which
            # would show a word cut by a highlight (the ل of لروسيا) in its
            # unjoined forms. A zero-width joiner on each side keeps both
            # letters in their joined forms; it comes from CSS, not the text.
            out.append(f"{_ZWJ}{''.join(tags)}{_ZWJ}")
        else:
            out.append("".join(tags))
        if number + 1 < len(edges):
            out.append(_text_piece(text[at : edges[number + 1]]))
    return "".join(out)


_ZWJ = '<span class="ck-zwj" aria-hidden="true"></span>'


def _open_mark(span: _Span, *, first: bool) -> str:
    colour = span.label if span.kind == "entity" and span.label in LABEL_COLOURS else "other"
    kind_class = "ck-date" if span.kind == "date" else f"ck-entity ck-{colour}"
    if span.against:
        kind_class += f" ck-{span.against}"
    common = f'data-ref="{span.ref}" title="{_esc(_summary(span))}"'
    if not first:
        return f'<mark class="ck-mark {kind_class} ck-cont" {common}>'
    return (
        f'<mark class="ck-mark {kind_class}" id="ck-{span.ref}" {common} data-kind="{span.kind}" '
        f'data-index="{span.index}" data-start="{span.start}" data-end="{span.end}" tabindex="0">'
    )


def _summary(span: _Span) -> str:
    """The hover text: the label and the span, then one line per other field."""
    lines = [f"{span.label}  {span.fields.get('text', '')}"]
    for key, value in span.fields.items():
        if key in ("start", "end", "text", "label") or value is None or value == []:
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False, default=str)
        lines.append(f"{key}: {value}")
    return "\n".join(lines)


def _text_piece(piece: str) -> str:
    """Escaped text; a code point the page cannot carry becomes a visible badge."""
    return _UNSHOWABLE.sub(_badge, html.escape(piece, quote=False))


def _badge(match: re.Match) -> str:
    code = f"U+{ord(match.group()):04X}"
    return f'<span class="ck-ctl" data-cp="{code}" title="{code}, not shown as is"></span>'


def _direction(piece: str) -> str:
    """``ltr`` or ``rtl`` after the first strong character, ``""`` when there is none."""
    for char in piece:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return ""


def _is_arabic_letter(char: str) -> bool:
    return char == "\u0640" or (char != "\u0621" and unicodedata.name(char, "").startswith("ARABIC LETTER"))


def _joins_across(text: str, at: int) -> bool:
    """Would the letters either side of ``at`` be joined in plain text?"""
    if not 0 < at < len(text):
        return False
    before, after = text[at - 1], text[at]
    return _is_arabic_letter(before) and before not in _RIGHT_JOINING and _is_arabic_letter(after)


# -- header, tables, errors ---------------------------------------------------


def _header(record: dict[str, Any]) -> str:
    record_id, source = str(record.get("id", "")), str(record.get("source", ""))
    langid = record.get("langid") if isinstance(record.get("langid"), dict) else {}
    language = str(record.get("lang") or "und")  # as the record has it; lang= gets only a valid tag
    score = langid.get("score")
    if isinstance(score, (int, float)) and not isinstance(score, bool):
        language += f" ({langid.get('method') or 'langid'}, score {score:.2f})"
    rows = [("source", source)] if source and source != record_id else []
    rows += [("language", language), *page_facts(record), ("document date", _document_date(record))]
    # Classes, not style attributes: the page's policy allows no inline style.
    legend = '<span class="ck-chip ck-date">DATE</span>' + "".join(
        f'<span class="ck-chip ck-{label}">{label}</span>' for label in LABEL_COLOURS
    )
    return (
        f'<header>\n<h1><bdi>{_esc(record_id)}</bdi></h1>\n<dl class="ck-facts">'
        + "".join(f"<dt>{name}</dt><dd><bdi>{_esc(value)}</bdi></dd>" for name, value in rows)
        + f'</dl>\n<p class="ck-summary">{_esc(_counts(record))}</p>\n'
        f'<p class="ck-legend">{legend}<span class="ck-hint">click a highlight to see all its fields</span></p>\n'
        "</header>\n"
    )


def _counts(record: dict[str, Any]) -> str:
    """``25 sentences, 400 tokens, ...``; a field no stage made says so (not the same as none found)."""
    parts = []
    for field, one in (
        ("sentences", "sentence"), ("tokens", "token"), ("dates", "date"), ("entities", "entity"), ("errors", "error")
    ):
        value = record.get(field, [] if field == "errors" else None)
        if isinstance(value, list):
            parts.append(f"{len(value)} {one if len(value) == 1 else field}")
        else:
            parts.append(f"{field}: not run")
    return ", ".join(parts)


def _document_date(record: dict[str, Any]) -> str:
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    found = meta.get("document_date")
    if not isinstance(found, dict):
        return "not looked for (the dates stage did not run)"
    if not found.get("value"):
        return f"none found (source: {found.get('source') or 'none'})"
    return f"{found['value']} (from {found.get('source') or 'unknown'})"


def _table(title: str, headings: tuple[str, ...], rows: list[tuple[str, list[str]]]) -> str:
    """A titled table; ``rows`` are (ref, cells) with cells already HTML."""
    head = "".join(f"<th>{h}</th>" for h in headings)
    body = "".join(f'<tr data-ref="{ref}" tabindex="0">{"".join(cells)}</tr>\n' for ref, cells in rows)
    return (
        f'<section>\n<h2>{title}</h2>\n<div class="ck-scroll"><table>\n<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{body}</tbody>\n</table></div>\n</section>\n"
    )


def _cell(value: Any, lang_attr: str = "", *, code: bool = False) -> str:
    """A cell of record text; ``dir="auto"`` so Persian or Arabic reads right to left.
    A ``code`` (a date, an interval) is not broken at its hyphens, only after a slash."""
    if value is None or value == "" or value == []:
        return '<td class="ck-none">-</td>'
    if code:
        return f'<td class="ck-code" dir="auto">{_esc(value).replace("/", "/<wbr>")}</td>'
    return f'<td dir="auto"{lang_attr}>{_esc(value)}</td>'


def _dates_table(record: dict[str, Any], lang_attr: str) -> str:
    dates = record.get("dates")
    if not isinstance(dates, list) or not dates:
        return ""
    rows = []
    for index, span in enumerate(dates):
        span = span if isinstance(span, dict) else {}
        resolved = _cell(span.get("resolved"), code=True)
        if span.get("anchor"):
            resolved = resolved.replace("</td>", f'<br><span class="ck-dim">anchor {_esc(span["anchor"])}</span></td>')
        flags = span.get("flags")
        if isinstance(flags, list) and flags:
            # one flag a line: "weekday-mismatch" is not cut at its hyphen
            flags = "<td>" + "<br>".join(f'<span class="ck-code">{_esc(flag)}</span>' for flag in flags) + "</td>"
        else:
            flags = _cell(flags)
        cells = [
            f'<td class="ck-num">{index}</td>',
            _cell(span.get("text"), lang_attr),
            _cell(span.get("kind"), code=True),
            _cell(span.get("calendar"), code=True),
            _cell(_gregorian(span), code=True),
            _cell(span.get("jalali"), code=True),
            _cell(span.get("hijri"), code=True),
            resolved,
            flags,
        ]
        rows.append((f"date-{index}", cells))
    headings = ("#", "as written", "kind", "calendar", "Gregorian", "Jalali", "Hijri", "resolved", "flags")
    return _table("Dates", headings, rows)


def _gregorian(span: dict[str, Any]) -> str | None:
    """The value, with the clock time when the value does not have it."""
    value = span.get("value")
    if value is None:
        return None
    value = str(value)
    if span.get("time") and "T" not in value:
        value = f"{value} {span['time']}"
    return value


def _entities_table(record: dict[str, Any], lang_attr: str) -> str:
    entities = record.get("entities")
    if not isinstance(entities, list) or not entities:
        return ""
    rows = []
    for index, span in enumerate(entities):
        span = span if isinstance(span, dict) else {}
        label = str(span.get("label") or "ENT")
        colour = label if label in LABEL_COLOURS else "other"
        identity = " ".join(str(part) for part in (span.get("id"), span.get("name")) if part)
        cells = [
            f'<td class="ck-num">{index}</td>',
            _cell(span.get("text"), lang_attr),
            f'<td><span class="ck-chip ck-{colour}">{_esc(label)}</span></td>',
            _cell(identity),
            _cell(span.get("source")),
        ]
        rows.append((f"entity-{index}", cells))
    return _table("Entities", ("#", "text", "label", "identity", "source"), rows)


def _errors(record: dict[str, Any]) -> str:
    errors = record.get("errors")
    if not isinstance(errors, list) or not errors:
        return ""
    items = []
    for error in errors:
        error = error if isinstance(error, dict) else {"message": error}
        where = f"{error.get('stage') or '?'}: {error.get('type') or 'error'}"
        message = _esc(error.get("message", ""))
        items.append(f'<li><strong>{_esc(where)}</strong> <span dir="auto">{message}</span></li>')
    return f'<section class="ck-errors">\n<h2>Errors</h2>\n<ul>{"".join(items)}</ul>\n</section>\n'


def _footer(record: dict[str, Any]) -> str:
    about = record.get("corpuskit") if isinstance(record.get("corpuskit"), dict) else {}
    stages = about.get("stages")
    stages = ", ".join(map(str, stages)) if isinstance(stages, list) and stages else "none"
    return f"<footer>corpuskit {_esc(about.get('version', '?'))} · stages run: {_esc(stages)}</footer>\n"


# -- small helpers ----------------------------------------------------------


def _esc(value: Any) -> str:
    """``value`` as HTML text or attribute value (quotes escaped too)."""
    return html.escape(_UNSHOWABLE.sub("\ufffd", str(value)))


def _lang_tag(lang: Any) -> str:
    """A BCP 47-looking tag for ``lang=``, ``und`` when there is none."""
    if isinstance(lang, str) and re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", lang):
        return lang
    return "und"


def _json_for_script(record: dict[str, Any]) -> str:
    """The dates and entities as JSON that is safe inside ``<script>``: no
    ``<``, ``>`` or ``&`` (so no ``</script>``), and ASCII only (so lone
    surrogates and controls travel as escapes)."""
    data = {}
    for kind, field in (("date", "dates"), ("entity", "entities")):
        data[kind] = record[field] if isinstance(record.get(field), list) else []
    encoded = json.dumps(data, ensure_ascii=True, default=str)
    return encoded.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


_CSS = """
:root { color-scheme: light; }
body { margin: 0 auto; max-width: 60rem; padding: 1.25rem 1.5rem 3rem; color: #1f2328; background: #fff;
  font: 15px/1.5 system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
h1 { font-size: 1.25rem; margin: 0 0 .5rem; overflow-wrap: anywhere; }
h2 { font-size: 1.05rem; margin: 1.75rem 0 .5rem; }
.ck-facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: 0 0 .5rem; }
.ck-facts dt { color: #59636e; }
.ck-facts dd { margin: 0; overflow-wrap: anywhere; }
.ck-summary { margin: .25rem 0; font-weight: 600; }
.ck-legend { margin: .5rem 0 1rem; display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
.ck-chip { display: inline-block; padding: .05rem .45rem; border-radius: .35em; color: #1f2328;
  font: 700 .75rem/1.4 system-ui, sans-serif; }
.ck-hint { color: #59636e; font-size: .85rem; margin-inline-start: .5rem; }
.ck-text, [lang|="fa"], [lang|="ar"] {
  font-family: "Vazirmatn", "Noto Naskh Arabic", "Noto Sans Arabic", Tahoma, "DejaVu Sans", sans-serif; }
.ck-text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1.1rem; line-height: 2.6;
  padding: .75rem 1.25rem; border: 1px solid #d1d9e0; border-radius: .5rem; background: #fcfcfd; }
/* displaCy's box; line-height 1 and the block's 2.6 keep boxes of two lines apart */
.ck-mark { padding: .3em .45em; margin: 0 .1em; border-radius: .35em; line-height: 1; color: inherit;
  cursor: pointer; }
.ck-mark .ck-mark { padding: .05em .25em; }
/* A box is an isolate: its text stays together and its tag comes at its end.
   Except a box written against the block's direction (a Latin name in Persian
   text): isolated, it would count as a neutral to its neighbours and
   "Reuters/C. Barria" would read "C. Barria/Reuters"; so it takes part in the
   text's bidi as it is, and a mark (LRM or RLM, from CSS) keeps its tag after it.
   Embeddings (unicode-bidi: embed) would do both but draw stray box pieces. */
.ck-mark { unicode-bidi: isolate; }
.ck-mark.ck-ltr, .ck-mark.ck-rtl { unicode-bidi: normal; }
.ck-ltr { direction: ltr; }  /* no bidi effect here; sets the side of the tag's margin */
.ck-rtl { direction: rtl; }
.ck-ltr::after { content: "\\200E"; }
.ck-rtl::after { content: "\\200F"; }
.ck-date { background: """ + DATE_COLOUR + """; }
.ck-other { background: """ + OTHER_COLOUR + """; }
""" + "".join(f".ck-{label} {{ background: {colour}; }}\n" for label, colour in LABEL_COLOURS.items()) + """
.ck-tag::before { content: attr(data-label); }
.ck-tag { font: 700 .62rem/1 system-ui, sans-serif; margin-inline-start: .4em; vertical-align: middle;
  letter-spacing: .02em; opacity: .8; unicode-bidi: isolate; }
.ck-zwj::before { content: "\\200D"; }
.ck-ctl::before { content: attr(data-cp); }
.ck-ctl { font: .7rem/1 ui-monospace, monospace; border: 1px solid #cf222e; color: #cf222e; border-radius: .2em;
  padding: 0 .2em; margin: 0 .1em; unicode-bidi: isolate; direction: ltr; }
.ck-mark:focus-visible, .ck-selected { outline: 2px solid #cf222e; outline-offset: 1px; }
.ck-scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: start; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #e4e8ec; }
th { background: #f6f8fa; font-weight: 600; white-space: nowrap; }
tbody tr { cursor: pointer; }
tbody tr:hover, tbody tr:focus-visible { background: #f3f6fb; outline: none; }
.ck-num { color: #59636e; font-variant-numeric: tabular-nums; }
.ck-none { color: #8c959f; }
.ck-code { white-space: nowrap; font-variant-numeric: tabular-nums; }
.ck-dim { color: #59636e; font-size: .85em; }
.ck-errors li { white-space: pre-wrap; color: #82071e; }
footer { margin-top: 2rem; color: #59636e; font-size: .85rem; }
#ck-details { position: fixed; right: 1rem; bottom: 1rem; width: min(28rem, calc(100vw - 2rem)); max-height: 45vh;
  overflow: auto; background: #fff; border: 1px solid #d1d9e0; border-radius: .5rem;
  box-shadow: 0 6px 24px rgba(0,0,0,.18); }
#ck-details[hidden] { display: none; }
.ck-details-head { display: flex; justify-content: space-between; align-items: center; padding: .4rem .75rem;
  border-bottom: 1px solid #e4e8ec; position: sticky; top: 0; background: #f6f8fa; }
#ck-details button { border: 0; background: none; font-size: 1.2rem; cursor: pointer; }
#ck-details pre { margin: 0; padding: .6rem .75rem; font: .8rem/1.45 ui-monospace, "DejaVu Sans Mono", monospace;
  white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: plaintext; }
"""

# The details panel, and a layout report in <body data-*> that costs nothing
# and lets a headless browser (the test) read back how the text was laid out:
# its direction, how many highlights there are, and whether the first two
# highlights found on one line run right to left.
_SCRIPT = """
(function () {
  "use strict";
  var spans = JSON.parse(document.getElementById("ck-spans").textContent);
  var panel = document.getElementById("ck-details");
  var selected = [];

  function show(ref) {
    var cut = ref.lastIndexOf("-"), kind = ref.slice(0, cut), index = Number(ref.slice(cut + 1));
    var span = (spans[kind] || [])[index];
    selected.forEach(function (el) { el.classList.remove("ck-selected"); });
    selected = Array.prototype.slice.call(document.querySelectorAll('mark[data-ref="' + ref + '"]'));
    selected.forEach(function (el) { el.classList.add("ck-selected"); });
    document.getElementById("ck-details-title").textContent =
      kind + " " + index + (span && span.label ? " \\u00b7 " + span.label : "");
    document.getElementById("ck-details-json").textContent = JSON.stringify(span, null, 2);
    panel.hidden = false;
    return selected[0];
  }

  function activate(target) {
    var el = target.closest ? target.closest("[data-ref]") : null;
    if (!el) return false;
    var mark = show(el.dataset.ref);
    if (el.tagName === "TR" && mark) mark.scrollIntoView({block: "center"});
    return true;
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("#ck-details")) return;
    activate(event.target);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { panel.hidden = true; return; }
    if ((event.key === "Enter" || event.key === " ") && activate(event.target)) event.preventDefault();
  });
  document.getElementById("ck-details-close").addEventListener("click", function () { panel.hidden = true; });
  // page.html#entity-3 opens with that span's details: a link to one span.
  if (document.getElementById("ck-" + location.hash.slice(1))) {
    show(location.hash.slice(1)).scrollIntoView({block: "center"});
  }

  var block = document.getElementById("ck-text");
  var marks = block.querySelectorAll("mark[data-kind]");
  var order = "none";
  for (var i = 0; i + 1 < marks.length && order === "none"; i++) {
    var a = marks[i].getClientRects(), b = marks[i + 1].getClientRects();
    if (a.length === 1 && b.length === 1 && !marks[i].contains(marks[i + 1]) && Math.abs(a[0].top - b[0].top) < 2) {
      order = a[0].left > b[0].left ? "rtl" : "ltr";
    }
  }
  document.body.dataset.textDirection = getComputedStyle(block).direction;
  document.body.dataset.highlightCount = String(marks.length);
  document.body.dataset.lineOrder = order;
})();
"""
