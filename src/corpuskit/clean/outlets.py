"""Which outlet published a page: names and domains from data/outlets.tsv.

A page names its outlet in a few places: a line of its own in the header
(``عربي بوست``), its dateline (``به گزارش خبرگزاری مهر``, ``طهران- وكالة ...-``),
its share link's domain (``p.dw.com``), or a call to follow it. Several outlets
have a Persian and an Arabic edition under one domain or one name, so the
page's language picks the edition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from corpuskit.clean.lines import key


@dataclass(frozen=True)
class Outlet:
    name: str
    lang: str  # fa, ar or *
    domains: tuple[str, ...]
    aliases: tuple[str, ...]  # keys


class Outlets:
    def __init__(self, rows: list[Outlet]):
        self.rows = rows
        self.by_alias: dict[str, list[Outlet]] = {}
        for row in rows:
            for alias in row.aliases:
                self.by_alias.setdefault(alias, []).append(row)
        names = sorted(self.by_alias, key=len, reverse=True)
        self.alias_pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a).replace(r"\ ", " ?") for a in names) + r")(?!\w)")

    def _pick(self, candidates: list[Outlet], lang: str | None) -> Outlet | None:
        if not candidates:
            return None
        for row in candidates:
            if row.lang == lang:
                return row
        for row in candidates:
            if row.lang == "*":
                return row
        return candidates[0] if len({row.name for row in candidates}) == 1 or lang is None else None

    def named(self, alias_key: str, lang: str | None) -> Outlet | None:
        """The outlet whose name is exactly ``alias_key`` (a line's key)."""
        return self._pick(self.by_alias.get(alias_key.strip(), []), lang)

    def mentioned(self, text_key: str, lang: str | None) -> list[tuple[int, int, Outlet]]:
        """Outlets named inside a key, with where."""
        found = []
        for match in self.alias_pattern.finditer(text_key):
            outlet = self.named(match.group(), lang)
            if outlet is not None:
                found.append((match.start(), match.end(), outlet))
        return found

    def of_url(self, url: str, lang: str | None) -> Outlet | None:
        """The outlet whose domain (and path prefix, when it has one) the URL is on;
        the longest matching entry wins, then the page's language."""
        match = re.match(r"^(?:https?://)?(?:www\.)?([^/?#\s]+)(/[^?#\s]*)?", url.strip().lower())
        if not match:
            return None
        host, path = match.group(1), match.group(2) or "/"
        scored: list[tuple[int, Outlet]] = []
        for row in self.rows:
            for domain in row.domains:
                domain_host, _, domain_path = domain.partition("/")
                if host != domain_host and not host.endswith("." + domain_host):
                    continue
                if domain_path and not (path + "/").startswith("/" + domain_path + "/"):
                    continue
                scored.append((len(domain), row))
        if not scored:
            return None
        best = max(length for length, _ in scored)
        return self._pick([row for length, row in scored if length == best], lang)


@cache
def outlets() -> Outlets:
    rows = []
    text = resources.files("corpuskit.data").joinpath("outlets.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for line in lines[1:]:  # after the header row
        name, lang, domains, aliases = line.split("\t")
        rows.append(
            Outlet(
                name=name,
                lang=lang,
                domains=tuple(d.strip().lower() for d in domains.split(",") if d.strip()),
                aliases=tuple(key(a) for a in aliases.split("|") if a.strip()),
            )
        )
    return Outlets(rows)
