"""The clean stage on the five pages written by hand for it (tests/data/clean/
written/: a Persian and an Arabic agency, a Persian and an Arabic
broadcaster, a Persian HTML page), in the seeds' styles but not taken from
them: whether the rules hold beyond the five seeds. The HTML page goes
through the reader (corpuskit/io/html.py) first, as a user's would."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from corpuskit.io.readers import read_input
from corpuskit.pipeline import process

WRITTEN = ROOT / "tests" / "data" / "clean" / "written"
GOLD = sorted(WRITTEN.glob("*.json"))


def _cleaned(gold):
    [record] = read_input(str(WRITTEN / gold["page"]))
    [record] = process([record], ["clean"], options={"keep_removed": True})
    assert record["errors"] == []
    return record


@pytest.mark.parametrize("path", GOLD, ids=lambda path: path.stem)
def test_the_removed_lines_and_reasons_are_the_gold_ones(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    removed = _cleaned(gold)["meta"]["removed"]
    got = [(entry["text"], entry["reason"]) for entry in removed]
    assert got == [(entry["text"], entry["reason"]) for entry in gold["removed"]]
    if not gold["page"].endswith(".html"):  # a text page's line numbers are the file's
        assert [entry["line"] for entry in removed] == [entry["line"] for entry in gold["removed"]]


@pytest.mark.parametrize("path", GOLD, ids=lambda path: path.stem)
def test_every_body_line_is_kept(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    body = [line.strip() for line in _cleaned(gold)["text"].split("\n") if line.strip()]
    assert body == [entry["text"] for entry in gold["kept"]]


@pytest.mark.parametrize("path", GOLD, ids=lambda path: path.stem)
def test_the_metadata_is_the_gold_metadata(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    meta = _cleaned(gold)["meta"]
    assert {name: meta.get(name) for name in gold["meta"]} == gold["meta"]
