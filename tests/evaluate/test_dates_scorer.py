"""Date extraction scorer (corpuskit.evaluate.dates) on the seed gold, with
synthetic predictions built from the gold itself."""

import json
from pathlib import Path

import pytest

from corpuskit.evaluate import dates as D

ROOT = Path(__file__).resolve().parents[2]
GOLD_PATH = ROOT / "tests" / "data" / "seed-dates.jsonl"
SAMPLES = ROOT / "data" / "samples"
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def gold() -> D.Gold:
    return D.load_gold(GOLD_PATH, SAMPLES)


def perfect(gold: D.Gold) -> dict[str, list[dict]]:
    """One prediction per scored item, on its span, with the gold value."""
    predictions: dict[str, list[dict]] = {doc: [] for doc in gold.documents}
    for item in gold.scored_items:
        predictions[item.doc].append({"start": item.start, "end": item.end, "value": item.value})
    return predictions


def find(gold: D.Gold, doc_prefix: str, surface: str, occurrence: int = 0) -> D.GoldItem:
    (item,) = [
        i for i in gold.items if i.doc.startswith(doc_prefix) and i.surface == surface and i.occurrence == occurrence
    ]
    return item


def result(score: D.DateScore, doc_prefix: str, surface: str) -> list[D.ItemResult]:
    return [r for r in score.results if r.doc.startswith(doc_prefix) and r.surface == surface]


# --------------------------------------------------------------------------- loading


def test_gold_file_is_a_copy_with_26_scored_items(gold):
    assert len(gold.documents) == 5
    assert len(gold.scored_items) == 26
    assert len(gold.items) == 33
    assert {d.lang for d in gold.documents.values()} == {"fa", "ar"}


def test_document_date_from_the_text_or_from_outside(gold):
    dates = {doc[:3]: (d.date, d.date_in_text) for doc, d in gold.documents.items()}
    assert dates == {
        "000": ("2020-09-25", True),
        "001": ("2020-09-25", False),
        "002": ("2017-07-10", True),
        "003": ("2021-01-27", False),
        "004": ("2018-08-23", True),
    }


def test_every_item_is_located_on_its_surface(gold):
    for item in gold.items:
        text = gold.documents[item.doc].text[item.start : item.end]
        assert text.split() == item.surface.split(), item


def test_texts_found_without_texts_dir():
    gold = D.load_gold(GOLD_PATH)  # tests/data -> walks up to data/samples
    assert len(gold.scored_items) == 26


def test_gold_row_that_does_not_match_its_text_fails(tmp_path):
    rows = [json.loads(line) for line in GOLD_PATH.read_text(encoding="utf-8").splitlines()]
    rows.append({"doc": rows[0]["doc"], "surface": "۳۱ دسامبر ۱۹۹۹", "occurrence": 0, "value": "1999-12-31", "scored": True})
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    with pytest.raises(D.LocateError, match="۳۱ دسامبر ۱۹۹۹"):
        D.load_gold(bad, SAMPLES)


# --------------------------------------------------------------------------- locate


def test_locate_nbsp_surface_of_document_002(gold):
    text = gold.documents["002_e68672c9ac4d086f.txt"].text
    surface = "۲۰:۳۵  - الاثنين  ۱۰  یولیو  ۲۰۱۷"
    assert surface not in text  # the raw text has NBSPs there
    start, end = D.locate(text, surface, 0)
    found = text[start:end]
    assert NBSP in found
    assert found.startswith("۲۰:۳۵") and found.endswith("۲۰۱۷")
    assert found.replace(NBSP, " ").split() == surface.split()


def test_locate_whitespace_runs_match_each_other():
    text = "a\u00a0\u00a0b  c\u202fd\te a b"
    assert D.locate(text, "a b", 0) == (0, 4)
    assert D.locate(text, "c  d e", 0) == (6, 11)
    assert D.locate(text, "a b", 1) == (12, 15)


def test_locate_counts_occurrences_and_fails_clearly(gold):
    text = gold.documents["004_01a04b12ec460661.txt"].text
    assert text[slice(*D.locate(text, "2018", 4))] == "2018"
    assert D.locate(text, "2018", 4) == (find(gold, "004", "2018", 4).start, find(gold, "004", "2018", 4).end)
    assert D.locate(text, "الخميس", 1) < D.locate(text, "الخميس", 3)
    with pytest.raises(D.LocateError, match="occurrence 99"):
        D.locate(text, "الخميس", 99)
    with pytest.raises(D.LocateError, match="not found"):
        D.locate(text, "سپتامبر", 0)


# --------------------------------------------------------------------------- score


def test_all_correct(gold):
    s = D.score(gold, perfect(gold))
    assert (s.scored, s.found, s.correct, s.false_alarms) == (26, 26, 26, 0)
    assert all(r.status == "correct" for r in s.results)
    assert "found 26/26, correct 26/26" in s.table()


def test_no_predictions_misses_everything(gold):
    s = D.score(gold, {})
    assert (s.scored, s.found, s.correct, s.false_alarms) == (26, 0, 0, 0)
    assert s.missed == 26


def test_dropped_prediction_is_missed(gold):
    predictions = perfect(gold)
    item = find(gold, "000", "سال ۲۰۱۶")
    predictions[item.doc] = [p for p in predictions[item.doc] if p["start"] != item.start]
    s = D.score(gold, predictions)
    assert (s.found, s.correct, s.false_alarms) == (25, 25, 0)
    (r,) = result(s, "000", "سال ۲۰۱۶")
    assert r.status == "missed" and r.predicted == [] and r.matched is None
    assert "missed" in s.table()


def test_changed_value_is_wrong_value(gold):
    predictions = perfect(gold)
    item = find(gold, "000", "روز جمعه سوم مهر")
    for p in predictions[item.doc]:
        if p["start"] == item.start:
            p["value"] = "2020-09-25"  # the Friday reading
    s = D.score(gold, predictions)
    assert (s.found, s.correct, s.false_alarms) == (26, 25, 0)
    assert s.wrong_value == 1
    (r,) = result(s, "000", "روز جمعه سوم مهر")
    assert (r.status, r.gold, r.predicted) == ("wrong-value", "2020-09-24", ["2020-09-25"])


def test_partial_overlap_is_found(gold):
    item = find(gold, "004", "2018/08/23 الساعة 18:00 بتوقيت غرينتش")
    predictions = {item.doc: [{"start": item.start, "end": item.start + 10, "value": "2018-08-23"}]}
    s = D.score(gold, predictions)
    assert (s.found, s.correct, s.false_alarms) == (1, 0, 0)
    assert D.score(gold, predictions, truncate=True).correct == 0  # gold is finer than the prediction


def test_value_canonicalization(gold):
    item = find(gold, "004", "2018/08/23 الساعة 18:00 بتوقيت غرينتش")
    predictions = {item.doc: [{"start": item.start, "end": item.end, "value": " 2018-08-23T18:00+00:00 "}]}
    assert D.score(gold, predictions).correct == 1
    assert D.canonical_value("2018-08-23T18:00+00:00") == "2018-08-23T18:00Z"
    assert D.canonical_value("2018-08-23T18:00+03:00") == "2018-08-23T18:00+03:00"
    assert D.canonical_value(None) is None
    predictions[item.doc][0]["value"] = "2018-08-23T18:00:00Z"  # no other canonicalization
    assert D.score(gold, predictions).correct == 0


def test_truncate_compares_at_gold_granularity(gold):
    item = find(gold, "000", "سال ۲۰۱۶")
    predictions = {item.doc: [{"start": item.start, "end": item.end, "value": "2016-09-25"}]}
    assert D.score(gold, predictions).correct == 0
    assert D.score(gold, predictions, truncate=True).correct == 1
    predictions[item.doc][0]["value"] = None
    assert D.score(gold, predictions, truncate=True).found == 1
    assert D.score(gold, predictions, truncate=True).correct == 0


def test_prediction_on_a_non_date_is_a_false_alarm(gold):
    doc = "001_ce289c37d510c88d.txt"
    text = gold.documents[doc].text
    start = text.index("3.5 آلاف")
    predictions = perfect(gold)
    predictions[doc].append({"start": start, "end": start + 3, "value": "2020-03-05"})
    s = D.score(gold, predictions)
    assert (s.found, s.correct, s.false_alarms) == (26, 26, 1)
    (alarm,) = s.alarms
    assert (alarm.doc, alarm.text, alarm.value) == (doc, "3.5", "2020-03-05")
    assert "3.5" in s.table()


def test_prediction_on_an_unscored_item_is_no_false_alarm(gold):
    item = find(gold, "002", "40 دقيقة")
    assert not item.scored
    predictions = perfect(gold)
    predictions[item.doc].append({"start": item.start, "end": item.end, "value": "2017-07-10"})
    s = D.score(gold, predictions)
    assert (s.scored, s.found, s.correct, s.false_alarms) == (26, 26, 26, 0)


def test_one_prediction_satisfies_one_item(gold):
    first = find(gold, "000", "روز جمعه سوم مهر")
    second = find(gold, "000", "۲۴ سپتامبر")
    # one span over "روز جمعه سوم مهر (۲۴ سپتامبر)": overlaps both, may count once
    predictions = {first.doc: [{"start": first.start, "end": second.end, "value": "2020-09-24"}]}
    s = D.score(gold, predictions)
    assert (s.found, s.correct, s.false_alarms) == (1, 1, 0)
    assert [r.status for r in result(s, "000", "روز جمعه سوم مهر")] == ["correct"]
    assert [r.status for r in result(s, "000", "۲۴ سپتامبر")] == ["missed"]


def test_exact_value_is_preferred(gold):
    first = find(gold, "000", "روز جمعه سوم مهر")
    second = find(gold, "000", "۲۴ سپتامبر")
    wide = {"start": first.start, "end": second.end, "value": "2020-09-25"}
    narrow = {"start": first.start, "end": first.end, "value": "2020-09-24"}
    s = D.score(gold, {first.doc: [wide, narrow]})
    # the narrow exact prediction goes to "روز جمعه سوم مهر", the wide one is left for "۲۴ سپتامبر"
    assert (s.found, s.correct) == (2, 1)
    assert [r.status for r in result(s, "000", "روز جمعه سوم مهر")] == ["correct"]
    assert [r.status for r in result(s, "000", "۲۴ سپتامبر")] == ["wrong-value"]


def test_duplicate_prediction_is_neither_credited_nor_penalised(gold):
    predictions = perfect(gold)
    item = find(gold, "002", "أمس")
    predictions[item.doc].append({"start": item.start, "end": item.end, "value": "1999"})
    s = D.score(gold, predictions)
    assert (s.found, s.correct, s.false_alarms) == (26, 26, 0)


def test_bad_predictions_raise(gold):
    with pytest.raises(ValueError, match="not in the gold"):
        D.score(gold, {"999.txt": []})
    with pytest.raises(ValueError, match="outside the text"):
        D.score(gold, {"000_0910b1e2c8685b1a.txt": [{"start": 0, "end": 10**6, "value": None}]})


def test_as_dict_is_json(gold):
    s = D.score(gold, perfect(gold))
    data = json.loads(json.dumps(s.as_dict(), ensure_ascii=False))
    assert data["correct"] == 26 and len(data["items"]) == 26 and data["alarms"] == []
