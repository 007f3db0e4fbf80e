"""Cleaning scraped news pages: the article body without the page around it.

``clean_text(text, lang)`` returns the body (the page's lines without the
boilerplate ones, blank-line runs collapsed), the metadata the page gives
(``title``, ``url``, ``outlet``, ``published``, ``updated``, ``news_id``) and
every removed line with its reason. The rules: corpuskit/clean/rules.py;
the record stage: corpuskit/stages/clean.py; the reference: docs/clean.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: The metadata fields the stage may set, in the order they are written.
META_FIELDS = ("title", "url", "outlet", "published", "updated", "news_id")


@dataclass
class Cleaned:
    text: str
    meta: dict[str, str] = field(default_factory=dict)
    #: ``{"line": 1-based line in the input, "reason": ..., "text": the line stripped}``
    removed: list[dict] = field(default_factory=list)


def clean_text(text: str, lang: str | None = None, *, known: dict | None = None) -> Cleaned:
    """Clean one page. ``lang`` (fa, ar or None) picks an outlet's edition;
    the line rules of both languages apply either way. ``known``: metadata the
    document already has (an HTML page's ``title``, ``url``, ``site_name``):
    with a ``title``, a header line is removed as the title only if it is that
    headline; the URL and site name help name the outlet."""
    from corpuskit.clean.rules import classify

    page = classify(text, lang, known or {})
    raw_lines = text.split("\n")
    kept: list[str] = []
    for line, raw in zip(page.lines, raw_lines):
        if line.reason:
            continue
        if line.blank:
            if kept and kept[-1].strip():
                kept.append("")
            continue
        kept.append(raw.rstrip())
    while kept and not kept[-1].strip():
        kept.pop()
    removed = [{"line": line.number, "reason": line.reason, "text": line.text} for line in page.removed]
    meta = {name: page.meta[name] for name in META_FIELDS if page.meta.get(name)}
    return Cleaned("\n".join(kept), meta, removed)
