"""The hand-made gold of the news-page `clean` stage (tests/data/clean/, issue
11) agrees with the sample articles it describes: every non-blank line is kept
or removed exactly once, removed lines are quoted exactly, the metadata has the
documented shape. The stage's own tests will score it against these files."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import ROOT, SAMPLES

GOLD = sorted((ROOT / "tests" / "data" / "clean").glob("*.json"))
REASONS = {"navigation", "title", "published", "updated", "outlet", "news_id", "share_link", "photo_credit",
           "follow", "related", "sign_off", "comments", "duplicate"}


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
    assert set(meta) == {"title", "url", "outlet", "published", "news_id"}
    [title] = [entry["text"] for entry in gold["removed"] if entry["reason"] == "title"]
    assert meta["title"] == title
    if meta["url"] is not None:
        assert any(entry["text"] == meta["url"] and entry["reason"] == "share_link" for entry in gold["removed"])
    if meta["published"] is not None:
        parsed = dt.datetime.fromisoformat(meta["published"])
        assert any(entry["reason"] == "published" for entry in gold["removed"])
        assert parsed.year >= 2000
    if meta["news_id"] is not None:
        assert meta["news_id"].isascii() and meta["news_id"].isdigit()
    duplicates = [entry["line"] for entry in gold["removed"] if entry["reason"] == "duplicate"]
    for number in duplicates:  # a repeat of a line kept before it
        assert any(lines[kept - 1] == lines[number - 1] for kept in gold["kept"] if kept < number)
