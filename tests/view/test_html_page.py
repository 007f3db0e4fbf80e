"""The HTML page of `corpuskit inspect FILE --html` (corpuskit.view.html.render_page).

The unit tests read the page back with the standard library's HTML parser: the
tags balance, the text block holds the record's text exactly, one highlight per
date and entity with the right offsets, nothing loaded from the network,
hostile text stays text. The browser tests open the page in a headless
Chromium (installed with apt when missing; skipped when that cannot be done)
and read back what the page's script measured of the real layout.

CORPUSKIT_UPDATE_SCREENSHOT=1 makes the screenshot test also write
docs/inspect-page.png.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_FILES

from corpuskit.pipeline import DEFAULT_STAGES, Pipeline, build_stages
from corpuskit.record import new_record
from corpuskit.view.html import render_page

# -- reading a page back --------------------------------------------------------

VOID = {"meta", "br", "wbr", "img", "input", "link", "hr", "source", "area", "base", "col", "embed", "track"}


class Page(HTMLParser):
    """Every element with its attributes, the text of #ck-text (or of the
    element ``text_id``), the raw
    contents of <script> and <style>, and any tag that does not balance."""

    def __init__(self, source: str, text_id: str = "ck-text"):
        super().__init__(convert_charrefs=True)
        self.text_id = text_id
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []
        self.problems: list[str] = []
        self.text_parts: list[str] = []
        self.text_depth: int | None = None  # depth of #ck-text while inside it
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self.feed(source)
        self.close()
        if self.open:
            self.problems.append(f"never closed: {self.open}")

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag in VOID:
            return
        self.open.append(tag)
        if attributes.get("id") == self.text_id:
            self.text_depth = len(self.open)
        if tag in self.raw:
            self.raw[tag].append("")

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
            return
        if self.text_depth == len(self.open):
            self.text_depth = None
        self.open.pop()

    def handle_data(self, data):
        if self.text_depth is not None:
            self.text_parts.append(data)
        if self.open and self.open[-1] in self.raw:
            self.raw[self.open[-1]][-1] += data

    @property
    def text(self) -> str:
        return "".join(self.text_parts)

    def find(self, **wanted) -> list[dict]:
        """Attributes of the elements whose attributes include ``wanted`` (``data_kind`` is ``data-kind``)."""
        wanted = {key.replace("_", "-"): value for key, value in wanted.items()}
        return [a for _, a in self.elements if all(a.get(k) == v for k, v in wanted.items())]

    def tag_of(self, **wanted) -> list[str]:
        wanted = {key.replace("_", "-"): value for key, value in wanted.items()}
        return [t for t, a in self.elements if all(a.get(k) == v for k, v in wanted.items())]


def parse(source: str, text_id: str = "ck-text") -> Page:
    page = Page(source, text_id)
    assert page.problems == []
    return page


def assert_highlights(page: Page, record: dict) -> None:
    """One element with data-kind per date and per entity, at the right offsets."""
    for kind, field in (("date", "dates"), ("entity", "entities")):
        marks = page.find(data_kind=kind)
        spans = record.get(field) or []
        assert len(marks) == len(spans)
        by_index = {int(m["data-index"]): m for m in marks}
        assert sorted(by_index) == list(range(len(spans)))
        for index, span in enumerate(spans):
            mark = by_index[index]
            assert (int(mark["data-start"]), int(mark["data-end"])) == (span["start"], span["end"])
            assert mark["title"] and mark["tabindex"] == "0"


# -- records ----------------------------------------------------------------------

_PIPELINE: Pipeline | None = None


def run_pipeline(record: dict) -> dict:
    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = Pipeline(build_stages(DEFAULT_STAGES, {}), {})
    return _PIPELINE.run_one(record)


@pytest.fixture(scope="module")
def seeds() -> list[dict]:
    """The sample articles through every default stage, as `corpuskit inspect` sees them."""
    records = []
    for path in SAMPLE_FILES:
        name = str(path.relative_to(ROOT))
        records.append(run_pipeline(new_record(name, path.read_text(encoding="utf-8"), source=name)))
    return records


def test_seed_pages(seeds):
    assert len(seeds) == 5
    for record in seeds:
        assert record["lang"] in ("fa", "ar") and record["entities"] and record["dates"]
        source = render_page(record)
        page = parse(source)
        assert source.startswith("<!DOCTYPE html>")
        assert page.text == record["text"]
        assert_highlights(page, record)
        [block] = page.find(id="ck-text")
        assert block["dir"] == "rtl" and block["lang"] == record["lang"]
        # the tables: one row per date and per entity, which opens that span
        rows = [a["data-ref"] for t, a in page.elements if t == "tr" and "data-ref" in a]
        assert rows == [f"date-{i}" for i in range(len(record["dates"]))] + [
            f"entity-{i}" for i in range(len(record["entities"]))
        ]
        # the data the details panel shows is every field of every span
        [spans_json] = page.find(id="ck-spans")
        assert spans_json["type"] == "application/json"
        assert json.loads(page.raw["script"][0]) == {"date": record["dates"], "entity": record["entities"]}
        header = source.split("<main>")[0]
        date = record["meta"]["document_date"]
        if date["value"]:
            assert f"{date['value']} (from {date['source']})" in header
        assert (
            f"{len(record['sentences'])} sentences, {len(record['tokens'])} tokens, "
            f"{len(record['dates'])} dates, {len(record['entities'])} entities, 0 errors" in header
        )


def test_nothing_comes_from_the_network(seeds):
    record = seeds[0]
    assert "https://p.dw.com" in record["text"]  # a URL as text is fine
    source = render_page(record)
    page = parse(source)
    for tag, attributes in page.elements:
        for name in ("src", "href", "srcset", "action", "poster", "data", "formaction", "background"):
            assert name not in attributes, (tag, attributes)
    assert not re.search(r"url\(|@import", "".join(page.raw["style"]))
    # ASCII only: a character in CSS or script is written as an escape (a
    # "\200E" that Python read as "\200" once gave U+0080 and an "E")
    assert "".join(page.raw["style"] + page.raw["script"][1:]).isascii()
    assert not re.search(r"fetch\(|XMLHttpRequest|import\(|WebSocket", "".join(page.raw["script"]))
    [policy] = page.find(http_equiv="Content-Security-Policy")
    assert "default-src 'none'" in policy["content"]


def test_policy_allows_exactly_the_page_style_and_script(seeds):
    """The CSP names the inline <style> and <script> by hash: if they did not
    match, a browser would show an unstyled page without its script."""
    page = parse(render_page(seeds[1]))
    [policy] = page.find(http_equiv="Content-Security-Policy")
    [style] = page.raw["style"]
    code = page.raw["script"][1]
    for directive, body in (("style-src", style), ("script-src", code)):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        assert f"{directive} 'sha256-{digest}'" in policy["content"]


HOSTILE = "<script>alert(1)</script>"


def test_hostile_text_stays_text():
    text = f'a {HOSTILE} & "q" \'s\' \u202eRLO\u200f \u200e</div></mark><!-- x --> ]]> </script> {{&amp;}}\n'
    start = text.index(HOSTILE)
    entity = {
        "start": start,
        "end": start + len(HOSTILE),
        "text": HOSTILE,
        "label": '"><img src=x onerror=alert(2)>',
        "id": "Q1\"'<",
        "name": "</script><script>alert(3)</script>",
        "source": "<b>",
    }
    record = new_record('<id "1">', text, source="</title><script>alert(4)</script>", lang='fa" onload="x')
    record["entities"] = [entity]
    record["errors"] = [{"stage": "<s>", "type": "&", "message": "</li><script>alert(5)</script>"}]
    source = render_page(record, title="</title><script>alert(6)</script>")
    page = parse(source)
    assert page.text == text
    assert_highlights(page, record)
    # the only elements are the page's own: no script but its two, no img
    assert [t for t, _ in page.elements].count("script") == 2 and "img" not in [t for t, _ in page.elements]
    assert "alert" not in "".join(page.raw["script"][1:])
    assert json.loads(page.raw["script"][0])["entity"] == [entity]
    assert "<script>alert" not in source and "<img" not in source
    assert page.tag_of(lang="en") == ["html"]
    assert page.find(id="ck-text")[0]["lang"] == "und"  # not a language tag: not copied into lang=
    [label] = page.find(**{"data_label": entity["label"]})
    assert label["class"] == "ck-tag"


def test_characters_a_page_cannot_carry_are_shown_as_badges():
    """NUL would be dropped by a browser, CR turned into LF, a lone surrogate
    cannot even be written as UTF-8: each shows as a badge, the rest is exact."""
    text = "یک\x00دو\r\nسه\x0bچهار\x85\ufffeپنج\ud800"
    record = {"id": "x", "source": "x", "lang": "fa", "text": text, "meta": {}, "errors": []}
    source = render_page(record)
    source.encode("utf-8")  # no lone surrogate left
    page = parse(source)
    badges = [a["data-cp"] for t, a in page.elements if a.get("class") == "ck-ctl"]
    assert badges == ["U+0000", "U+000D", "U+000B", "U+0085", "U+FFFE", "U+D800"]
    assert page.text == re.sub("[\x00\r\x0b\x85\ufffe\ud800]", "", text)


def test_overlapping_dates_and_entities():
    # A date, an entity that starts inside it and ends after it, one inside
    # it, one over exactly the same characters, and one touching its end.
    text = "دیروز جمعه سوم مهر در تهران گفت"
    date = {"start": 6, "end": 18, "text": text[6:18], "kind": "date", "calendar": "jalali", "value": "2020-09-24"}
    entities = [
        {"start": 11, "end": 27, "label": "EVENT"},
        {"start": 15, "end": 18, "label": "MISC"},
        {"start": 6, "end": 18, "label": "ORG"},
        {"start": 22, "end": 27, "label": "LOC"},
        {"start": 18, "end": 22, "label": "XYZ"},
    ]
    for entity in entities:
        entity.update(text=text[entity["start"] : entity["end"]], id=None, name=None, source="test")
    record = new_record("o", text, source="o", lang="fa")
    record.update(dates=[date], entities=entities)
    page = parse(render_page(record))
    assert page.text == text
    assert_highlights(page, record)
    # the entity that crosses the date's end is cut there: a second piece
    # without data-kind, and its label only once, after its last piece
    pieces = [a for t, a in page.elements if t == "mark" and a.get("data-ref") == "entity-0"]
    assert len(pieces) == 2 and "data-kind" not in pieces[1] and "ck-cont" in pieces[1]["class"]
    labels = [a["data-label"] for t, a in page.elements if a.get("class") == "ck-tag"]
    assert sorted(labels) == sorted(["DATE", "EVENT", "MISC", "ORG", "LOC", "XYZ"])
    assert "ck-other" in page.find(data_kind="entity", data_index="4")[0]["class"].split()


def test_overlap_in_a_real_record(seeds):
    record = json.loads(json.dumps(seeds[0]))
    date = record["dates"][0]
    # an entity over the last word of the date and the space after it
    start, end = date["end"] - 4, date["end"] + 1
    entity = {"start": start, "end": end, "text": record["text"][start:end], "label": "MISC", "id": None, "name": None}
    record["entities"].append({**entity, "source": "test"})
    page = parse(render_page(record))
    assert page.text == record["text"]
    assert_highlights(page, record)


def test_record_without_stages():
    record = new_record("plain", "A text with no stage run.\nSecond line.", source="plain.txt")
    source = render_page(record)
    page = parse(source)
    assert page.text == record["text"]
    assert page.find(data_kind="date") == page.find(data_kind="entity") == []
    [block] = page.find(id="ck-text")
    assert block["dir"] == "auto" and block["lang"] == "und"
    assert "<table" not in source and "<h2>Errors" not in source
    assert "sentences: not run, tokens: not run, dates: not run, entities: not run, 0 errors" in source
    assert "not looked for" in source


def test_broken_spans_are_listed_not_highlighted():
    record = new_record("b", "کلمه", source="b", lang="fa")
    record["entities"] = [
        {"start": 2, "end": 99, "text": "?", "label": "PER"},  # past the end of the text
        "junk",
        {"start": 0, "end": 4, "label": "LOC"},
    ]
    record["dates"] = []
    page = parse(render_page(record))
    assert page.text == "کلمه"
    assert [m["data-index"] for m in page.find(data_kind="entity")] == ["2"]
    assert [a["data-ref"] for t, a in page.elements if t == "tr" and "data-ref" in a] == [
        "entity-0",
        "entity-1",
        "entity-2",
    ]


def test_title_and_errors():
    record = new_record("e", "متن", source="e", lang="ar")
    record["errors"] = [{"stage": "dates", "type": "ValueError", "message": "bad & worse"}]
    source = render_page(record, title="My <page>")
    assert "<title>My &lt;page&gt;</title>" in source
    assert "<h2>Errors</h2>" in source and "bad &amp; worse" in source
    assert "sentences: not run, tokens: not run, dates: not run, entities: not run, 1 error<" in source


def test_letters_joined_across_a_highlight_edge_get_joiners():
    """بجنيف with an entity on جنيف: the ب and the ج stay in joined forms; و
    (which never joins the next letter) gets no joiner."""
    text = "في بجنيف ووارسو"
    record = new_record("j", text, source="j", lang="ar")
    record["entities"] = [
        {"start": 4, "end": 8, "text": "جنيف", "label": "LOC"},
        {"start": 10, "end": 15, "text": "وارسو", "label": "LOC"},
    ]
    page = parse(render_page(record))
    assert page.text == text
    assert len([a for t, a in page.elements if a.get("class") == "ck-zwj"]) == 2


# -- in a real browser -------------------------------------------------------------


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        if found := shutil.which(name):
            return found
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


@pytest.fixture(scope="session")
def chromium() -> str:
    """Chromium, installed with apt-get (as root) when it is not there yet."""
    found = find_chromium()
    if found:
        return found
    if not shutil.which("apt-get"):
        pytest.skip("no chromium on PATH or at /usr/bin/chromium, and no apt-get to install it")
    if os.geteuid() != 0:
        pytest.skip("no chromium on PATH or at /usr/bin/chromium; installing it with apt-get needs root")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]
    deadline = time.monotonic() + 600
    tried, said = [], ""
    # When the first install fails, it is mostly for stale or missing package
    # lists ("Unable to locate package"): update them once and install again.
    for command in (install, ["apt-get", "update"], install):
        try:
            done = subprocess.run(
                command, env=env, capture_output=True, text=True, timeout=max(1, deadline - time.monotonic())
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            tried.append(f"`{' '.join(command)}`: {error}")
            break
        tried.append(f"`{' '.join(command)}` exited {done.returncode}")
        said = (done.stderr.strip().splitlines() or [""])[-1]
        if command is install and done.returncode == 0:
            break
    found = find_chromium()
    if not found:
        pytest.skip(f"chromium is not installed and could not be: tried {'; '.join(tried)} ({said})")
    return found


def run_chromium(chromium: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    # Nothing outside tmp_path, and nothing on the network: the page needs none.
    env = {**os.environ, "HOME": str(profile), "XDG_CONFIG_HOME": str(profile), "XDG_CACHE_HOME": str(profile)}
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--hide-scrollbars",
        "--force-device-scale-factor=1", f"--user-data-dir={profile}", *args,
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def dump_dom(chromium: str, tmp_path: Path, record: dict, fragment: str = "", parsed: bool = True):
    """The page's DOM once loaded and its script run, as Chromium serializes it."""
    page_file = tmp_path / "page.html"
    page_file.write_text(render_page(record), encoding="utf-8")
    done = run_chromium(chromium, tmp_path, "--dump-dom", page_file.as_uri() + fragment)
    return parse(done.stdout) if parsed else done.stdout


def body(page: Page) -> dict:
    [attributes] = [a for t, a in page.elements if t == "body"]
    return attributes


def test_in_headless_chromium_text_runs_right_to_left(chromium, seeds, tmp_path):
    """The page's script ran (the CSP let it), the browser parsed the text as
    we meant it, and the highlights are laid out right to left."""
    for record in seeds[:2]:  # a Persian and an Arabic article
        page = dump_dom(chromium, tmp_path, record)
        facts = body(page)
        assert facts["data-text-direction"] == "rtl"
        assert facts["data-highlight-count"] == str(len(record["dates"]) + len(record["entities"]))
        assert facts["data-line-order"] == "rtl"  # the first of two on a line is the rightmost
        assert page.text == record["text"]
        assert_highlights(page, record)
    # the same measure says "ltr" for an English text: it is not a constant
    text = "Vladimir Putin met Donald Trump in Helsinki."
    record = new_record("en", text, source="en", lang="en")
    record["entities"] = [
        {"start": 0, "end": 14, "text": text[0:14], "label": "PER"},
        {"start": 19, "end": 31, "text": text[19:31], "label": "PER"},
    ]
    facts = body(dump_dom(chromium, tmp_path, record))
    assert facts["data-text-direction"] == facts["data-line-order"] == "ltr"
    assert facts["data-highlight-count"] == "2"


def test_in_headless_chromium_details_panel(chromium, seeds, tmp_path):
    """page.html#entity-2 opens the details of entity 2: every field, as JSON."""
    record = seeds[0]
    page_source = dump_dom(chromium, tmp_path, record, "#entity-2", parsed=False)
    page = parse(page_source)
    [panel] = page.find(id="ck-details")
    assert "hidden" not in panel
    details = parse(page_source, "ck-details-json").text
    assert json.loads(details) == record["entities"][2]
    assert "\n  " in details  # pretty-printed
    assert "ck-selected" in page.find(id="ck-entity-2")[0]["class"]


def test_in_headless_chromium_screenshot(chromium, seeds, tmp_path):
    page_file = tmp_path / "page.html"
    page_file.write_text(render_page(seeds[0]), encoding="utf-8")
    shot = tmp_path / "page.png"
    # with the details of one entity open, as after a click on it
    url = page_file.as_uri() + "#entity-4"
    run_chromium(chromium, tmp_path, f"--screenshot={shot}", "--window-size=1000,1400", url)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (1000, 1400)
    assert len(data) > 10_000  # a page with text and colour, not a blank one
    if os.environ.get("CORPUSKIT_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(shot, ROOT / "docs" / "inspect-page.png")
