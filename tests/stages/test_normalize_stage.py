"""The normalize stage on records: text replaced, raw and its map, key, langid first."""

import pytest

from corpuskit.pipeline import process
from corpuskit.record import new_record

from conftest import SAMPLE_FILES, assert_valid_record


def run(text, lang=None, **options):
    [record] = process([new_record("d", text, source="t", lang=lang)], ["normalize"], options=options)
    assert_valid_record(record)
    return record


def test_text_is_replaced_and_language_detected_first():
    record = run("كرملین در بیانیه ای اعلام کرد که پوتین و ترامپ گفتگو کردند")
    assert record["lang"] == "fa"
    assert record["corpuskit"]["stages"] == ["langid", "normalize"]
    assert record["text"].startswith("کرملین")
    assert "raw" not in record and "raw_map" not in record and "key" not in record


def test_keep_raw_keeps_the_original_and_its_map():
    text = "\u200fكرملین  بیانیهای داد"
    record = run(text, lang="fa", keep_raw=True)
    assert record["raw"] == text
    assert record["raw_map"], "length changed, so there are regions"


def test_spans_get_raw_offsets_with_keep_raw():
    text = "\u200fكرملین  بیانیهای داد"
    record = run(text, lang="fa", keep_raw=True)
    start = record["text"].index("بیانیه")
    end = start + len("بیانیه\u200cای")
    record["tokens"] = [{"start": start, "end": end, "text": record["text"][start:end]}]
    from corpuskit.record import add_raw_offsets

    add_raw_offsets(record)
    token = record["tokens"][0]
    assert record["raw"][token["raw_start"] : token["raw_end"]] == "بیانیهای"


def test_fold_adds_a_key_of_the_same_length():
    record = run("أمريكا والمدرسة على", lang="ar", fold=True)
    assert record["text"] == "أمريكا والمدرسة على"
    assert record["key"] == "امريكا والمدرسه علي"
    assert len(record["key"]) == len(record["text"])


def test_normalizing_after_spans_exist_is_a_record_error():
    record = new_record("d", "متن", source="t", lang="fa")
    record["tokens"] = [{"start": 0, "end": 3, "text": "متن"}]
    [out] = process([record], ["normalize"])
    assert out["errors"][0]["stage"] == "normalize"
    assert "before the stages that add spans" in out["errors"][0]["message"]


def test_normalizing_twice_changes_nothing_and_raw_stays_the_original():
    text = SAMPLE_FILES[0].read_text(encoding="utf-8")
    once = run(text, keep_raw=True)
    [twice] = process([dict(once)], ["normalize"], options={"keep_raw": True})
    assert twice["text"] == once["text"]
    assert twice["raw"] == text


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name[:3])
def test_every_seed_normalizes_idempotently(path):
    record = run(path.read_text(encoding="utf-8"))
    again = run(record["text"], lang=record["lang"])
    assert again["text"] == record["text"]
