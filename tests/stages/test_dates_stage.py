"""The dates stage on records: where the document date comes from, how it is
recorded, and the command line around it."""

import json

import pytest
from click.testing import CliRunner

from conftest import assert_valid_record, parse_jsonl, run_corpuskit
from corpuskit.cli import cli
from corpuskit.pipeline import process
from corpuskit.record import new_record

BODY = "قال الوزير أمس إن الاجتماع سيعقد الخميس المقبل."


def dates_of(text, meta=None, lang="ar", **options):
    [record] = process([new_record("d", text, source="t", lang=lang, meta=meta)], ["dates"], options=options)
    assert_valid_record(record)
    return record


def values(record):
    return [(d["text"], d["value"]) for d in record["dates"]]


def test_without_any_document_date_relative_dates_stay_unresolved():
    record = dates_of(BODY)
    assert record["meta"]["document_date"] == {"value": None, "source": "none"}
    assert values(record) == [("أمس", None), ("الخميس المقبل", None)]
    assert all(d["flags"] == ["no-document-date"] and d["resolved"] == "unresolved" for d in record["dates"])


def test_the_option_gives_every_record_its_date():
    record = dates_of(BODY, doc_date="2018-08-20")  # a Monday
    assert record["meta"]["document_date"] == {"value": "2018-08-20", "source": "option"}
    assert values(record) == [("أمس", "2018-08-19"), ("الخميس المقبل", "2018-08-23")]
    assert record["dates"][0]["anchor"] == "2018-08-20"


def test_a_jalali_option_is_read_as_jalali():
    record = dates_of("دیروز جلسه برگزار شد", lang="fa", doc_date="1399/07/04")
    assert record["meta"]["document_date"]["value"] == "2020-09-25"
    assert values(record) == [("دیروز", "2020-09-24")]


@pytest.mark.parametrize("field", ["published", "date"])
def test_a_metadata_field_gives_the_date(field):
    record = dates_of(BODY, meta={field: "2018-08-20T09:30:00+03:00"})
    assert record["meta"]["document_date"] == {"value": "2018-08-20T09:30+03:00", "source": f"field:{field}"}
    assert values(record)[0] == ("أمس", "2018-08-19")


def test_published_wins_over_date_and_a_named_field_over_both():
    meta = {"date": "2001-01-01", "published": "2018-08-20", "crawled": "2019-05-05"}
    assert dates_of(BODY, meta=meta)["meta"]["document_date"]["source"] == "field:published"
    record = dates_of(BODY, meta=meta, doc_date_field="crawled")
    assert record["meta"]["document_date"] == {"value": "2019-05-05", "source": "field:crawled"}


def test_a_field_written_in_words_is_read_too():
    record = dates_of(BODY, meta={"published": "الاثنين 20 أغسطس 2018"})
    assert record["meta"]["document_date"] == {"value": "2018-08-20", "source": "field:published"}


def test_an_unreadable_field_is_said_and_the_text_is_searched_no_further():
    record = dates_of(BODY, meta={"published": "yesterday-ish"})
    assert record["meta"]["document_date"]["value"] is None
    assert record["meta"]["document_date"]["source"] == "field:published"
    assert "not a date" in record["meta"]["document_date"]["error"]
    assert record["errors"] == []  # a record with a bad date field is still a good record


def test_an_unreadable_field_falls_back_to_a_dated_header():
    text = "عنوان الخبر\nتم النشر: 2018/08/23 الساعة 18:00 بتوقيت غرينتش\n" + BODY
    record = dates_of(text, meta={"published": "?"})
    assert record["meta"]["document_date"]["source"] == "published-label"


def test_the_published_label_gives_a_date_with_its_time_and_zone():
    text = "عنوان الخبر\nتم النشر: 2018/08/23 الساعة 18:00 بتوقيت غرينتش\n" + BODY
    record = dates_of(text)
    assert record["meta"]["document_date"] == {"value": "2018-08-23T18:00Z", "source": "published-label"}
    header = record["dates"][0]
    assert (header["kind"], header["time"], header["timezone"], header["utc_offset"]) == ("datetime", "18:00", "UTC", "+00:00")
    assert "document-date" in header["flags"]
    assert values(record)[1:] == [("أمس", "2018-08-22"), ("الخميس المقبل", "2018-08-30")]


def test_a_date_alone_on_a_header_line_is_the_document_date_but_one_in_a_sentence_is_not():
    assert dates_of("خبر\n۱۳۹۹ مهر ۴, جمعه\n\nدیروز", lang="fa")["meta"]["document_date"] == {
        "value": "2020-09-25",
        "source": "header",
    }
    record = dates_of("در ۴ مهر ۱۳۹۹ جلسه بود.\nدیروز", lang="fa")
    assert record["meta"]["document_date"]["source"] == "none"


def test_a_date_alone_on_a_line_far_down_the_page_is_not_the_header():
    text = "\n".join(["سطر"] * 30 + ["۴ مهر ۱۳۹۹"])
    assert dates_of(text, lang="fa")["meta"]["document_date"]["source"] == "none"


def test_rerunning_the_stage_keeps_a_date_given_by_option():
    [record] = process([new_record("d", BODY, source="t", lang="ar")], ["dates"], options={"doc_date": "2018-08-20"})
    [again] = process([record], ["dates"])
    assert again["meta"]["document_date"] == {"value": "2018-08-20", "source": "option"}
    assert values(again) == values(record)


def test_normalize_cannot_run_after_dates():
    [record] = process([new_record("d", BODY, source="t", lang="ar")], ["dates", "normalize"])
    assert record["errors"][0]["stage"] == "normalize"


def test_cli_rejects_a_bad_doc_date_with_a_usage_error():
    result = CliRunner().invoke(cli, ["dates", "--doc-date", "2018-02-30", "-"], input="x")
    assert result.exit_code == 2
    assert "is not a date" in result.output


def test_a_pipe_of_commands_reads_the_date_field_of_jsonl():
    line = json.dumps({"id": "a", "text": BODY, "published": "2018-08-20"}, ensure_ascii=False) + "\n"
    first = run_corpuskit("normalize", input=line.encode())
    assert first.returncode == 0, first.stderr
    second = run_corpuskit("dates", input=first.stdout)
    assert second.returncode == 0, second.stderr
    [record] = parse_jsonl(second.stdout)
    assert_valid_record(record)
    assert record["meta"]["document_date"] == {"value": "2018-08-20", "source": "field:published"}
    assert [d["value"] for d in record["dates"]] == ["2018-08-19", "2018-08-23"]
    assert record["corpuskit"]["stages"] == ["langid", "normalize", "dates"]
