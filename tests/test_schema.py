"""The JSON Schema itself, and that everything the pipeline makes follows it."""

import copy

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuskit.pipeline import process
from corpuskit.record import new_record
from corpuskit.schema import load_schema

from conftest import assert_valid_record


def test_the_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(load_schema())


GOOD = new_record("a.txt", "متن", source="a.txt", lang="fa")


@pytest.mark.parametrize(
    "change",
    [
        lambda r: r.pop("id"),
        lambda r: r.update(id=""),
        lambda r: r.update(lang="Persian"),
        lambda r: r.update(text=None),
        lambda r: r.update(surprise=1),
        lambda r: r.update(errors=[{"stage": "x"}]),
        lambda r: r.update(tokens=[{"start": -1, "end": 2, "text": "م"}]),
        lambda r: r.update(langid={"score": 2, "method": "detected"}),
        lambda r: r["corpuskit"].update(stages=["langid", "langid"]),
    ],
)
def test_broken_records_are_rejected(change):
    record = copy.deepcopy(GOOD)
    change(record)
    with pytest.raises(AssertionError):
        assert_valid_record(record)


def test_span_mismatch_is_rejected_even_when_the_schema_passes():
    record = copy.deepcopy(GOOD)
    record["tokens"] = [{"start": 0, "end": 2, "text": "مت"}, {"start": 1, "end": 3, "text": "مت"}]
    with pytest.raises(AssertionError):
        assert_valid_record(record)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500), st.sampled_from(["auto", "fa", "ar"]))
def test_every_record_the_pipeline_makes_is_valid(text, lang):
    [record] = process([new_record("x", text, source="x")], ["langid"], options={"lang": lang})
    assert record["errors"] == []
    assert_valid_record(record)
