"""The clean stage against the hand-made gold of the five sample pages
(tests/data/clean/*.json): the same lines removed for the same reasons, every
body line kept, the same metadata."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, SAMPLES
from corpuskit.clean import clean_text

GOLD = sorted((ROOT / "tests" / "data" / "clean").glob("*.json"))


def _load(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    return gold, (SAMPLES / gold["seed"]).read_text(encoding="utf-8")


@pytest.mark.parametrize("path", GOLD, ids=lambda path: path.stem)
def test_the_removed_lines_and_reasons_are_the_gold_ones(path):
    gold, text = _load(path)
    result = clean_text(text)
    assert [(r["line"], r["reason"], r["text"]) for r in result.removed] == [
        (r["line"], r["reason"], r["text"]) for r in gold["removed"]
    ]


@pytest.mark.parametrize("path", GOLD, ids=lambda path: path.stem)
def test_the_body_is_the_kept_lines_in_order(path):
    gold, text = _load(path)
    lines = text.split("\n")
    body = [line for line in clean_text(text).text.split("\n") if line.strip()]
    assert body == [lines[number - 1].rstrip() for number in gold["kept"]]


@pytest.mark.parametrize("path", GOLD, ids=lambda path: path.stem)
def test_the_metadata_is_the_gold_metadata(path):
    gold, text = _load(path)
    meta = clean_text(text, gold["lang"]).meta
    assert {name: meta.get(name) for name in gold["meta"]} == gold["meta"]
    # and the same without the language known (clean runs before langid)
    assert {name: clean_text(text).meta.get(name) for name in gold["meta"]} == gold["meta"]


def test_the_update_time_is_kept_too():
    _, text = _load(ROOT / "tests" / "data" / "clean" / "004_01a04b12ec460661.json")
    assert clean_text(text).meta["updated"] == "2018-08-23T18:01+00:00"
