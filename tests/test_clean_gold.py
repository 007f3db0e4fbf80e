"""The hand-made gold of the news-page `clean` stage (tests/data/clean/, issue
11) agrees with the pages it describes: every non-blank line is kept or removed
exactly once, lines are quoted exactly, the metadata has the documented shape.
Two sets: the seed articles (`data/samples/*.txt`, gold beside the other test
data) and the pages written for corpuskit (`tests/data/clean/written/`: four
plain-text pages and one HTML page, each with its gold beside it). The stage's
own tests will score it against these files."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser

import pytest

from conftest import ROOT, SAMPLES

CLEAN = ROOT / "tests" / "data" / "clean"
GOLD = sorted(CLEAN.glob("*.json"))
WRITTEN = CLEAN / "written"
WRITTEN_GOLD = sorted(WRITTEN.glob("*.json"))
WRITTEN_PAGES = ["ar_agency.txt", "ar_broadcaster.txt", "fa_agency.txt", "fa_broadcaster.txt", "fa_html.html"]
REASONS = {"navigation", "title", "published", "updated", "outlet", "news_id", "share_link", "photo_credit",
           "follow", "related", "sign_off", "comments", "duplicate"}
# the written pages may also use these
REASONS_WRITTEN = REASONS | {"tags", "share", "copyright", "author"}
META = {"title", "url", "outlet", "published", "news_id"}


def check_meta(meta: dict, removed: list[dict]) -> None:
    """The shape of `meta` and its ties to the removed lines (title, share link, date line)."""
    assert set(meta) == META
    [title] = [entry["text"] for entry in removed if entry["reason"] == "title"]
    assert meta["title"] == title
    if meta["published"] is not None:
        parsed = dt.datetime.fromisoformat(meta["published"])
        assert any(entry["reason"] == "published" for entry in removed)
        assert parsed.year >= 2000
    if meta["news_id"] is not None:
        assert meta["news_id"].isascii() and meta["news_id"].isdigit()
    if meta["outlet"] is not None:
        assert meta["outlet"].isascii() and meta["outlet"].strip() == meta["outlet"] != ""


# ---- seeds ----------------------------------------------------------------------------------------------------


def test_there_is_gold_for_every_sample():
    assert [path.stem for path in GOLD] == [path.stem for path in sorted(SAMPLES.glob("*.txt"))]


@pytest.mark.parametrize("path", GOLD, ids=lambda path: path.stem)
def test_gold_agrees_with_its_sample(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    lines = (SAMPLES / gold["seed"]).read_text(encoding="utf-8").split("\n")
    removed = {entry["line"]: entry for entry in gold["removed"]}
    assert len(removed) == len(gold["removed"])
    assert sorted([*removed, *gold["kept"]]) == [n for n, line in enumerate(lines, 1) if line.strip()]
    for number, entry in removed.items():
        assert entry["text"] == lines[number - 1].strip()
        assert entry["reason"] in REASONS
    meta = gold["meta"]
    check_meta(meta, gold["removed"])
    if meta["url"] is not None:
        assert any(entry["text"] == meta["url"] and entry["reason"] == "share_link" for entry in gold["removed"])
    duplicates = [entry["line"] for entry in gold["removed"] if entry["reason"] == "duplicate"]
    for number in duplicates:  # a repeat of a line kept before it
        assert any(lines[kept - 1] == lines[number - 1] for kept in gold["kept"] if kept < number)


# ---- written pages --------------------------------------------------------------------------------------------


def test_every_written_page_has_its_gold():
    assert sorted(path.name for path in WRITTEN.iterdir() if path.suffix != ".json") == WRITTEN_PAGES
    assert [path.stem for path in WRITTEN_GOLD] == sorted(page.rsplit(".", 1)[0] for page in WRITTEN_PAGES)


def load_written(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert set(gold) == {"page", "lang", "meta", "removed", "kept"}
    assert gold["page"].rsplit(".", 1)[0] == path.stem
    assert gold["lang"] in {"fa", "ar"}
    for entry in gold["removed"]:
        assert entry["reason"] in REASONS_WRITTEN
    assert all("reason" not in entry for entry in gold["kept"])
    check_meta(gold["meta"], gold["removed"])
    return gold, (WRITTEN / gold["page"]).read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [p for p in WRITTEN_GOLD if p.stem != "fa_html"], ids=lambda path: path.stem)
def test_written_gold_agrees_with_its_page(path):
    gold, page = load_written(path)
    lines = page.split("\n")
    non_blank = [n for n, line in enumerate(lines, 1) if line.strip()]
    assert 15 <= len(non_blank) <= 40
    entries = [*gold["removed"], *gold["kept"]]
    for entry in gold["removed"]:
        assert set(entry) == {"line", "reason", "text"}
    for entry in gold["kept"]:
        assert set(entry) == {"line", "text"}
    assert sorted(entry["line"] for entry in entries) == non_blank  # each non-blank line exactly once
    for entry in entries:
        assert entry["text"] == lines[entry["line"] - 1].strip()
    assert [entry["line"] for entry in gold["removed"]] == sorted(entry["line"] for entry in gold["removed"])
    assert [entry["line"] for entry in gold["kept"]] == sorted(entry["line"] for entry in gold["kept"])
    assert 6 <= len(gold["kept"]) <= 12
    meta = gold["meta"]
    if meta["url"] is not None:
        assert any(entry["text"] == meta["url"] and entry["reason"] == "share_link" for entry in gold["removed"])
    for entry in gold["removed"]:
        if entry["reason"] == "duplicate":  # a repeat of a line kept before it
            assert any(kept["text"] == entry["text"] for kept in gold["kept"] if kept["line"] < entry["line"])


class Blocks(HTMLParser):
    """The visible text of an HTML page's <body>, one string per block element (whitespace collapsed), and what
    the <head> says: <link rel=canonical>, <meta property/name=...> values, the JSON-LD objects, the <h1>s."""

    BLOCK = {"address", "article", "aside", "blockquote", "body", "br", "button", "dd", "details", "div", "dl",
             "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
             "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th",
             "tr", "ul"}
    HIDDEN = {"script", "style", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.h1, self.meta, self.canonical, self.json_ld = [], [], {}, None, []
        self._text, self._hidden, self._in_body, self._in_h1, self._script = [], 0, False, False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            self.meta[attrs.get("property") or attrs.get("name")] = attrs["content"]
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs["href"]
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._script = []
        if tag in self.HIDDEN:
            self._hidden += 1
        if tag == "body":
            self._in_body = True
        if tag in self.BLOCK:
            self._flush()
        if tag == "h1":
            self._in_h1 = True

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.json_ld.append(json.loads("".join(self._script)))
            self._script = None
        if tag in self.HIDDEN:
            self._hidden -= 1
        if tag in self.BLOCK:
            self._flush()
        if tag == "h1":
            self._in_h1 = False
        if tag == "body":
            self._in_body = False

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        elif self._in_body and not self._hidden:
            self._text.append(data)

    def _flush(self):
        text = " ".join("".join(self._text).split())
        if text:
            self.blocks.append(text)
            if self._in_h1:
                self.h1.append(text)
        self._text = []


def test_written_html_gold_agrees_with_its_page():
    gold, page = load_written(WRITTEN / "fa_html.json")
    parser = Blocks()
    parser.feed(page)
    parser.close()
    blocks = parser.blocks
    for entry in gold["removed"]:
        assert set(entry) == {"reason", "text"}
    for entry in gold["kept"]:
        assert set(entry) == {"text"}
    # every listed text occurs in the body's text (tags removed, whitespace collapsed), in order
    body_text = " ".join(blocks)
    for entries in gold["removed"], gold["kept"]:
        start = 0
        for entry in entries:
            found = body_text.find(entry["text"], start)
            assert found >= 0, entry["text"]
            start = found + len(entry["text"])
    # and each visible block is listed exactly once: removed and kept, each in page order, share out the blocks
    positions = []
    for entries in gold["removed"], gold["kept"]:
        start = 0
        for entry in entries:
            index = blocks.index(entry["text"], start)
            positions.append(index)
            start = index + 1
    assert sorted(positions) == list(range(len(blocks)))
    assert 6 <= sum(1 for entry in gold["kept"]) <= 14
    # the metadata is what the page's <head> and <h1> say
    meta = gold["meta"]
    [h1] = parser.h1
    assert meta["title"] == h1
    assert meta["url"] in {parser.canonical, parser.meta.get("og:url")}
    assert meta["published"] == parser.meta["article:published_time"]
    [article] = [item for item in parser.json_ld if item.get("@type") == "NewsArticle"]
    assert article["datePublished"] == meta["published"]
    assert dt.datetime.fromisoformat(meta["published"]).utcoffset() is not None
    assert parser.meta.get("og:site_name")
