import pytest

from corpuskit import __version__
from corpuskit.record import FIELD_ORDER, add_error, from_json_object, new_record, ordered, span_problems

from conftest import assert_valid_record


def test_new_record_has_every_required_field_and_validates():
    record = new_record("a.txt", "سلام", source="a.txt")
    assert record == {
        "id": "a.txt",
        "source": "a.txt",
        "lang": None,
        "text": "سلام",
        "meta": {},
        "errors": [],
        "corpuskit": {"version": __version__, "stages": []},
    }
    assert_valid_record(record)


def test_json_object_keeps_its_id_and_moves_foreign_fields_to_meta():
    obj = {"id": 7, "body": "متن", "title": "عنوان", "url": "https://x.ir/1", "meta": {"k": 1}}
    record = from_json_object(obj, default_id="in.jsonl:1", source="in.jsonl", text_field="body")
    assert record["id"] == "7"
    assert record["text"] == "متن"
    assert record["meta"] == {"k": 1, "title": "عنوان", "url": "https://x.ir/1"}
    assert "body" not in record["meta"]
    assert_valid_record(record)


def test_foreign_fields_named_like_ours_go_to_meta():
    obj = {"id": "x", "doc": "d-1", "text": "متن", "tokens": ["a", "b"], "lang": "Persian", "errors": "none"}
    record = from_json_object(obj, default_id="in:1", source="in", id_field="doc")
    assert record["id"] == "d-1" and record["lang"] is None
    assert record["meta"] == {"id": "x", "tokens": ["a", "b"], "lang": "Persian", "errors": "none"}
    assert "tokens" not in record
    assert_valid_record(record)


def test_json_object_without_id_gets_path_and_line():
    record = from_json_object({"text": "x"}, default_id="in.jsonl:3", source="in.jsonl")
    assert record["id"] == "in.jsonl:3"
    assert record["source"] == "in.jsonl"


@pytest.mark.parametrize(
    "obj, message",
    [({"body": "x"}, "no 'text' field"), ({"text": 5}, "int, not a string"), ({"text": None}, "NoneType")],
)
def test_json_object_without_string_text_is_refused(obj, message):
    with pytest.raises(ValueError, match=message):
        from_json_object(obj, default_id="x:1", source="x")


def test_a_corpuskit_record_passes_through_a_second_command():
    first = new_record("a", "نص", source="a.txt", lang="ar")
    first["langid"] = {"score": 0.9, "method": "detected"}
    first["corpuskit"]["stages"] = ["langid"]
    first["errors"] = [{"stage": "langid", "type": "X", "message": "m"}]
    again = from_json_object(first, default_id="<stdin>:1", source="<stdin>")
    assert again == first


def test_ordered_puts_fields_in_documented_order_and_unknown_last():
    record = {"zzz": 1, "corpuskit": {}, "text": "", "id": "x"}
    assert list(ordered(record)) == ["id", "text", "corpuskit", "zzz"]
    assert FIELD_ORDER[0] == "id" and FIELD_ORDER[-1] == "corpuskit"


def test_span_problems_finds_wrong_text_and_offsets():
    record = new_record("a", "ولادیمیر پوتین", source="a")
    record["tokens"] = [
        {"start": 0, "end": 8, "text": "ولادیمیر"},
        {"start": 9, "end": 14, "text": "پوتین"},
    ]
    assert span_problems(record) == []
    record["tokens"].append({"start": 9, "end": 13, "text": "پوتین"})
    record["tokens"].append({"start": 10, "end": 99, "text": ""})
    record["tokens"].append({"start": 5, "end": 4, "text": ""})
    problems = span_problems(record)
    assert len(problems) == 3
    assert problems[0].startswith("tokens[2]: text[9:13]")


def test_add_error_records_stage_type_and_message():
    record = new_record("a", "x", source="a")
    add_error(record, "langid", KeyError("boom"))
    add_error(record, "io", "plain message")
    assert record["errors"] == [
        {"stage": "langid", "type": "KeyError", "message": "'boom'"},
        {"stage": "io", "type": "Error", "message": "plain message"},
    ]
    assert_valid_record(record)
