"""The acceptance test of the dates stage: every date of the five seeds, as the
hand-made gold lists them (tests/data/seed-dates.jsonl), with no false alarm.

Documents 001 and 003 have no date in their text; the gold names the date to
supply as metadata, and the test supplies it the way a user would (--doc-date
for the library call, a ``date`` field of JSONL input for the pipeline). The
other three documents must find their own date in the page header.
"""

import json

import pytest

from conftest import ROOT, SAMPLES, assert_valid_record, parse_jsonl, run_corpuskit
from corpuskit.dates import find_dates
from corpuskit.evaluate import dates as scoring

GOLD = ROOT / "tests" / "data" / "seed-dates.jsonl"


@pytest.fixture(scope="module")
def gold() -> scoring.Gold:
    return scoring.load_gold(GOLD, SAMPLES)


def supplied_date(document: scoring.GoldDocument) -> str | None:
    """The date a user gives for a document whose text carries none."""
    return None if document.date_in_text else document.date


def assert_perfect(score: scoring.DateScore) -> None:
    assert (score.scored, score.correct, score.false_alarms) == (26, 26, 0), score.table()


def test_find_dates_on_the_raw_seeds_gets_every_gold_date_and_no_false_alarm(gold):
    predictions = {
        doc: find_dates(document.text, document.lang, supplied_date(document)) for doc, document in gold.documents.items()
    }
    assert_perfect(scoring.score(gold, predictions))


def test_documents_with_a_dated_header_find_their_own_date(gold):
    for doc, document in gold.documents.items():
        if not document.date_in_text:
            continue
        dated = [s for s in find_dates(document.text, document.lang) if "document-date" in s["flags"]]
        assert len(dated) == 1, doc
        assert dated[0]["value"][:10] == document.date, doc


def test_the_whole_pipeline_with_keep_raw_maps_the_dates_back_to_the_raw_text(gold):
    """`corpuskit run --keep-raw` normalizes first (digits, letters, spaces
    change); raw_start/raw_end must still land on the gold spans."""
    lines = []
    for doc, document in gold.documents.items():
        row = {"id": doc, "text": document.text}
        if supplied_date(document):
            row["date"] = supplied_date(document)
        lines.append(json.dumps(row, ensure_ascii=False))
    result = run_corpuskit("run", "--keep-raw", "--input-format", "jsonl", input=("\n".join(lines) + "\n").encode())
    assert result.returncode == 0, result.stderr
    records = parse_jsonl(result.stdout)
    predictions = {}
    for record in records:
        assert_valid_record(record)
        assert record["raw"] == gold.documents[record["id"]].text
        predictions[record["id"]] = [
            {"start": d["raw_start"], "end": d["raw_end"], "value": d["value"]} for d in record["dates"]
        ]
        expected = {"000": "header", "001": "field:date", "002": "published-label", "003": "field:date"}
        assert record["meta"]["document_date"]["source"] == expected.get(record["id"][:3], "published-label")
    assert_perfect(scoring.score(gold, predictions))
