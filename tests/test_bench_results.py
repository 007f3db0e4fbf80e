"""docs/performance.md shows the table of the latest ``make bench`` run, as
written to benchmarks/results.json, and that run measured what issue 9 lists."""

from __future__ import annotations

import json
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import report  # noqa: E402

RESULTS = json.loads((ROOT / "benchmarks" / "results.json").read_text(encoding="utf-8"))


def test_performance_doc_shows_the_latest_results():
    table = report.markdown(RESULTS)
    assert table in (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")


def test_results_cover_every_measure_the_issue_asks_for():
    measured = {(row["stage"], row["lang"], row["reference"]) for row in RESULTS["rows"]}
    for stage, lang in [("normalize", "fa"), ("normalize", "ar"), ("tokenize", "fa"), ("tokenize", "ar"),
                        ("dates", "fa"), ("dates", "ar")]:
        assert any(s == stage and lg == lang and ref for s, lg, ref in measured), (stage, lang)
    stages = {row["stage"] for row in RESULTS["rows"]}
    assert {"langid", "entities (gazetteer)", "pipeline, in process", "pipeline, --workers 2"} <= stages
    assert RESULTS["corpus"]["mb"] >= 20
    assert {"help_seconds", "run_5kb_seconds", "peak_rss_mb_workers_1"} <= set(RESULTS["startup"])


def test_ratio_and_verdict():
    row = report.Row("tokenize", "fa", 1000, 2.0, "hazm", 3.0, target=1.0)
    assert row.ratio == 1.5 and row.met is True
    assert report.Row("x", "fa", 1000, 2.0, "ref", 1.0, target=1.0).met is False
    assert report.Row("x", "fa", 1000, 2.0).ratio is None
