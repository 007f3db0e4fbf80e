"""HTML pages (scraped news articles) to plain text plus a little metadata.

Built on the standard library's ``html.parser``: it adds no dependency, never
gives up on broken markup (unclosed tags, stray end tags, bad nesting are all
just events), and streams, so a page is read once without building a tree.
There is no boilerplate removal: navigation, footers and the like are kept as
lines of their own, and it is for later stages to drop them.

Kept: the text a reader sees, one line per block (``BLOCKS``, ``<br>``, table
rows with their cells joined by a tab, empty cells dropped), whitespace runs
collapsed to one space. Only HTML whitespace and U+00A0 count as whitespace;
ZWNJ and the other Unicode spaces are left for the normalize stage. ``<pre>``
keeps its line breaks. Dropped: everything in ``SKIPPED`` elements and in
elements marked ``hidden`` or ``aria-hidden="true"``, attributes (so ``<img
alt>``), comments. Buttons and form options are kept, each on its own line.

Metadata comes from Open Graph / ``article:`` meta tags, JSON-LD article
objects, ``<title>``, ``<link rel=canonical>``, ``<html lang>`` and ``<time>``;
see ``html_to_document`` for the order each key is looked for in.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from typing import Any


#: Elements that start and end a line.
BLOCKS = frozenset(
    "address article aside blockquote body button caption center dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol option p pre search "
    "section select summary table tbody textarea tfoot thead tr ul".split()
)
#: Elements whose content is never shown as page text. audio, video, canvas and
#: datalist hold fallback text ("your browser does not support...") like noscript;
#: title is read for the metadata only.
SKIPPED = frozenset(
    "audio canvas datalist head iframe noscript object script style svg template title video".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
#: What may stand in <head>; any other start tag closes an unclosed head, as in a browser.
_HEAD_CONTENT = frozenset("base link meta noscript script style template title".split())
_ARTICLE_TYPES = frozenset(
    "Article NewsArticle ReportageNewsArticle AnalysisNewsArticle BackgroundNewsArticle OpinionNewsArticle "
    "ReviewNewsArticle AskPublicNewsArticle BlogPosting LiveBlogPosting".split()
)
_DATE_NAMES = ("pubdate", "publishdate", "date", "dc.date.issued")
#: What is wanted of a JSON-LD value that is an object rather than a string.
_LD_INNER = {"publisher": "name", "mainEntityOfPage": "@id"}

#: HTML whitespace and NBSP, but not ZWNJ nor the other Unicode spaces.
_SPACE = re.compile("[ \t\n\r\f\u00a0]+")
_SPACES = re.compile("  +")
_CELL = re.compile(" *\t[ \t]*")
_STRIP = " \t"
_PRE_LINES = re.compile("\r\n|[\r\n]")
_ISO = re.compile(r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:[+-]\d\d(?::?\d\d)?)?)?", re.ASCII)
# A comment's body may not run past "-->": with ".*?" a run of comments can be
# split in exponentially many ways before the match fails.
_HTML_START = re.compile(
    r"(?:<\?xml[^>]*>\s*)?(?:<!--(?:(?!-->).)*-->\s*)*<(?:!doctype\s+html|html|head|body)(?:[\s/>]|$)",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(
    r"</?(?:a|article|b|br|div|em|h[1-6]|header|i|img|li|link|meta|nav|ol|p|script|section|span|strong|style"
    r"|table|td|title|tr|ul)(?=[\s/>])[^<>]*>",
    re.IGNORECASE,
)


@dataclass
class HtmlDocument:
    """A page's visible text, one line per block, and the ``meta`` keys found."""

    text: str
    meta: dict[str, str] = field(default_factory=dict)


def looks_like_html(head: str) -> bool:
    """Whether a file whose suffix says nothing is HTML, from its first ~1 KB of text.

    True for a doctype, ``<html>``, ``<head>`` or ``<body>`` first (after a BOM,
    whitespace, an XML declaration, comments), or for a fragment that starts with
    a common tag and has another; text that merely contains a ``<`` is not HTML.
    """
    head = head.lstrip("\ufeff \t\r\n\f")
    if _HTML_START.match(head):
        return True
    return bool(_TAG.match(head)) and len(_TAG.findall(head)) >= 2


def html_to_document(html: str) -> HtmlDocument:
    """The visible text of ``html`` and what its markup says about it; never raises.

    ``meta`` holds the keys found, each from the first source that has it:
    title (og:title, JSON-LD headline, <title>), url (link rel=canonical, og:url,
    JSON-LD url or mainEntityOfPage), site_name (og:site_name, JSON-LD publisher
    name), published (article:published_time, JSON-LD datePublished, meta
    pubdate/publishdate/date/DC.date.issued, the first <time datetime> in
    <article>, or anywhere without one), updated (article:modified_time, JSON-LD
    dateModified), lang (<html lang> primary subtag), description (og:description,
    meta description). Dates must be ISO 8601 calendar dates, optionally with a
    time and offset; they are kept to their precision, with Z written +00:00 and a
    space before the time written T, and dropped when invalid.
    """
    parser = _Extractor()
    try:
        parser.feed(html.removeprefix("\ufeff"))  # a byte-order mark is not text
        parser.close()
    except AssertionError:  # html.parser's last resort; keep what was read before it
        pass
    parser.flush()
    return HtmlDocument("\n".join(parser.lines), parser.meta())


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip(_STRIP)


def _iso_date(value: str | None) -> str | None:
    value = (value or "").strip()
    if value[-1:] in ("Z", "z"):
        value = value[:-1] + "+00:00"
    if not _ISO.fullmatch(value):
        return None
    value = value[:10] + value[10:].replace(" ", "T", 1)
    try:
        datetime.fromisoformat(value.replace(",", "."))
    except ValueError:
        return None
    return value


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._line: list[str] = []
        # Open elements and how many of each: an end tag closes the nearest open
        # one and what was left unclosed inside it; an end tag nothing matches is ignored.
        self._stack: list[tuple[str, bool]] = []
        self._open: Counter[str] = Counter()
        self._hidden = 0
        self._metas: dict[str, str] = {}
        self._links: dict[str, str] = {}
        self._title: list[str] | None = None
        self._title_text: str | None = None
        self._lang: str | None = None
        self._jsonld: list[str] | None = None
        self._articles: list[dict[str, Any]] = []
        self._nodes: dict[str, dict[str, Any]] = {}
        self._saw_article = False
        self._time_in_article: str | None = None
        self._time_anywhere: str | None = None

    def flush(self) -> None:
        line = _CELL.sub("\t", _SPACES.sub(" ", "".join(self._line))).strip(_STRIP)
        if line:
            self.lines.append(line)
        self._line = []

    # html.parser gives up with an AssertionError on an unknown "<![" section;
    # a browser reads one as a bogus comment up to the next ">".
    def parse_marked_section(self, i: int, report: int = 1) -> int:
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self.parse_bogus_comment(i)

    def _menu_link(self, tag: str) -> bool:
        """A link inside a <nav> is a menu item of its own, also when the
        links stand side by side without a list around them: one line each,
        so the clean stage sees a menu, not a line of run-together words."""
        return tag == "a" and self._open["nav"] > 0

    def _close(self, tag: str) -> None:
        while self._stack:
            name, hides = self._stack.pop()
            self._open[name] -= 1
            self._hidden -= hides
            if name == tag:
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in reversed(attrs)}  # of a repeated attribute, the first counts
        # Directly in head only: a tracking <noscript><img></noscript> in head must not end it.
        head_top = bool(self._stack) and self._stack[-1][0] == "head"
        if self._open["head"] and (tag == "body" or head_top and tag not in _HEAD_CONTENT):
            self._close("head")
        if tag == "html" and self._lang is None:
            self._lang = a.get("lang", "").replace("_", "-").split("-")[0].strip().lower()
        elif tag == "meta" and a.get("content", "").strip():
            key = (a.get("property") or a.get("name") or "").strip().lower()
            self._metas.setdefault(key, a["content"].strip())
        elif tag == "link" and a.get("href", "").strip():
            for rel in a.get("rel", "").lower().split():
                self._links.setdefault(rel, a["href"].strip())
        elif tag == "title" and self._title is None and not self._open["svg"]:
            self._title = []
        elif tag == "script" and a.get("type", "").split(";")[0].strip().lower() == "application/ld+json":
            self._jsonld = []
        elif tag == "article":
            self._saw_article = True
        elif tag == "time" and not self._hidden and a.get("datetime", "").strip():
            if self._open["article"] and self._time_in_article is None:
                self._time_in_article = a["datetime"]
            if self._time_anywhere is None:
                self._time_anywhere = a["datetime"]
        if tag in BLOCKS or tag == "br" or self._menu_link(tag):
            self.flush()
        elif tag in ("td", "th") and self._line:
            self._line.append("\t")
        if tag not in _VOID:
            # hidden="until-found" is collapsed text a reader can open (and find): kept.
            hides = (
                tag in SKIPPED
                or ("hidden" in a and a["hidden"].strip().lower() != "until-found")
                or a.get("aria-hidden", "").strip().lower() == "true"
            )
            self._stack.append((tag, hides))
            self._open[tag] += 1
            self._hidden += hides

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._jsonld is not None:
            self._read_jsonld("".join(self._jsonld))
            self._jsonld = None
        elif tag == "title" and self._title is not None and self._title_text is None:
            self._title_text = _collapse("".join(self._title))
        menu_link = self._menu_link(tag)
        if self._open[tag]:
            self._close(tag)
        if tag in BLOCKS or tag == "br" or menu_link:  # a browser reads a stray </br> as <br>
            self.flush()

    def handle_data(self, data: str) -> None:
        if self._jsonld is not None:
            self._jsonld.append(data)
        elif self._title is not None and self._title_text is None and self._open["title"]:
            self._title.append(data)
        if self._hidden:
            return
        if self._open["pre"]:
            first, *rest = _PRE_LINES.split(data)
            self._line.append(_SPACE.sub(" ", first))
            for line in rest:
                self.flush()
                self._line.append(_SPACE.sub(" ", line))
        else:
            self._line.append(_SPACE.sub(" ", data))

    def _read_jsonld(self, source: str) -> None:
        try:
            data = json.loads(source, strict=False)  # strict=False: raw newlines in strings are common
        except (ValueError, RecursionError):
            return
        # Walked with a list, not recursion: the JSON may be nested as deep as json allows.
        todo = [data]
        while todo:
            node = todo.pop()
            if isinstance(node, list):
                todo.extend(reversed(node))
            elif isinstance(node, dict):
                if isinstance(node.get("@id"), str) and len(node) > 1:  # a node, not a bare reference to one
                    self._nodes.setdefault(node["@id"], node)
                types = node.get("@type")
                types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
                if any(isinstance(t, str) and re.split("[/:#]", t)[-1] in _ARTICLE_TYPES for t in types):
                    self._articles.append(node)
                todo += [node.get("mainEntity"), node.get("@graph")]

    def _ld(self, key: str) -> str | None:
        """``key`` of the first JSON-LD article that has it; an object value (or an
        {"@id"} reference to one read elsewhere) gives its ``_LD_INNER`` field."""
        inner = _LD_INNER.get(key)
        for article in self._articles:
            value = article.get(key)
            if inner:
                if isinstance(value, list):
                    value = next((v for v in value if isinstance(v, dict)), None)
                if isinstance(value, dict):
                    ref = value.get("@id")
                    value = self._nodes.get(ref, value) if isinstance(ref, str) else value
                    value = value.get(inner)
                elif inner == "name":  # a bare publisher string may as well be a URL
                    value = None
            if isinstance(value, str) and value.strip():
                return value.strip()
        return None

    def meta(self) -> dict[str, str]:
        get = self._metas.get
        found = {
            "title": get("og:title") or self._ld("headline") or self._title_text,
            "url": self._links.get("canonical") or get("og:url") or self._ld("url") or self._ld("mainEntityOfPage"),
            "site_name": get("og:site_name") or self._ld("publisher"),
            "published": _iso_date(get("article:published_time"))
            or _iso_date(self._ld("datePublished"))
            or next(filter(None, (_iso_date(get(name)) for name in _DATE_NAMES)), None)
            or _iso_date(self._time_in_article if self._saw_article else self._time_anywhere),
            "updated": _iso_date(get("article:modified_time")) or _iso_date(self._ld("dateModified")),
            "lang": self._lang if self._lang and self._lang.isascii() and self._lang.isalpha() else None,
            "description": get("og:description") or get("description"),
        }
        for key in ("title", "site_name", "description"):
            found[key] = found[key] and _collapse(found[key])
        return {key: value for key, value in found.items() if value}
