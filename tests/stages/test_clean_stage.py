"""The clean stage on records and on the command line: `corpuskit clean`,
`run --clean`, `--keep-removed`, the metadata it fills (never overwrites) and
the document date the dates stage takes from it."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import ROOT, SAMPLE_FILES, assert_valid_record, parse_jsonl, run_corpuskit
from corpuskit.cli import cli
from corpuskit.pipeline import DEFAULT_STAGES, process
from corpuskit.record import new_record

DW = next(path for path in SAMPLE_FILES if path.name.startswith("000_"))
ARABI_POST = next(path for path in SAMPLE_FILES if path.name.startswith("004_"))


def cleaned(text, stages=("clean",), meta=None, **options):
    [record] = process([new_record("d", text, source="t", meta=meta)], list(stages), options=options)
    assert_valid_record(record)
    return record


def test_clean_is_not_a_default_stage():
    assert "clean" not in DEFAULT_STAGES


def test_the_text_becomes_the_body_and_meta_gets_the_header():
    record = cleaned(DW.read_text(encoding="utf-8"))
    assert record["text"].startswith("ولادیمیر پوتین رئیس جمهور روسیه")
    assert record["text"].endswith("اظهارنظر نکردهاند.")
    assert record["meta"] == {
        "title": "پوتین: آمریکا و روسیه برای عدم مداخله در انتخابات تضمین دهند",
        "url": "https://p.dw.com/p/3j1NB",
        "outlet": "DW Persian",
        "published": "2020-09-25",
    }
    assert record["corpuskit"]["stages"] == ["clean"]


def test_keep_removed_lists_every_removed_line():
    record = cleaned(DW.read_text(encoding="utf-8"), keep_removed=True)
    removed = record["meta"]["removed"]
    assert len(removed) == 11
    assert removed[0] == {"line": 1, "reason": "navigation", "text": "1. پرش به گزارش"}


def test_fields_the_input_has_are_not_overwritten():
    record = cleaned(DW.read_text(encoding="utf-8"), meta={"outlet": "Deutsche Welle", "url": ""})
    assert record["meta"]["outlet"] == "Deutsche Welle"
    assert record["meta"]["url"] == "https://p.dw.com/p/3j1NB"  # an empty field is filled


def test_a_cleaned_record_passes_through_a_second_clean_unchanged():
    first = cleaned(ARABI_POST.read_text(encoding="utf-8"))
    [second] = process([json.loads(json.dumps(first))], ["clean"])
    assert second == first


def test_clean_after_a_stage_with_offsets_is_an_error_in_the_record():
    record = cleaned(DW.read_text(encoding="utf-8"), stages=("tokenize", "clean"))
    assert record["errors"] and record["errors"][0]["stage"] == "clean"
    assert "before the stages that add spans" in record["errors"][0]["message"]


def test_the_dates_stage_takes_the_publication_date_as_document_date():
    record = cleaned(ARABI_POST.read_text(encoding="utf-8"), stages=("clean", "dates"))
    assert record["meta"]["document_date"] == {"value": "2018-08-23T18:00Z", "source": "field:published"}
    # the "الخميس" of the body resolves against it: Thursday 23 August 2018
    thursday = [d for d in record["dates"] if d["text"] == "الخميس"]
    assert thursday and all(d["value"] == "2018-08-23" for d in thursday)


def test_the_whole_pipeline_after_clean_gives_valid_offsets():
    for path in SAMPLE_FILES:
        record = cleaned(path.read_text(encoding="utf-8"), stages=("clean", *DEFAULT_STAGES))
        assert record["errors"] == []
        for field in ("sentences", "tokens", "dates", "entities"):
            for span in record[field]:
                assert record["text"][span["start"] : span["end"]] == span["text"]


def test_clean_command_and_run_clean_on_the_samples():
    result = run_corpuskit("clean", "--keep-removed", *map(str, SAMPLE_FILES))
    assert result.returncode == 0, result.stderr
    records = parse_jsonl(result.stdout)
    assert [len(r["meta"]["removed"]) for r in records] == [11, 14, 6, 2, 5]
    assert [r["corpuskit"]["stages"] for r in records] == [["clean"]] * 5
    result = run_corpuskit("run", "--clean", str(ARABI_POST))
    assert result.returncode == 0, result.stderr
    [record] = parse_jsonl(result.stdout)
    assert record["corpuskit"]["stages"] == ["clean", *DEFAULT_STAGES]
    assert "removed" not in record["meta"] and record["meta"]["outlet"] == "Arabi Post"


def test_keep_removed_without_clean_is_a_usage_error():
    result = CliRunner().invoke(cli, ["run", "--keep-removed", str(DW)])
    assert result.exit_code == 2
    assert "--keep-removed needs --clean" in result.output


def test_clean_in_stages_works_like_the_flag():
    runner = CliRunner()
    flag = runner.invoke(cli, ["run", "--clean", "--stages", "langid", str(DW)])
    listed = runner.invoke(cli, ["run", "--stages", "clean,langid", str(DW)])
    assert flag.exit_code == listed.exit_code == 0
    assert flag.output == listed.output


@pytest.mark.parametrize("text", ["", "\n\n", "   "])
def test_empty_documents(text):
    record = cleaned(text)
    assert record["text"] == "" and record["errors"] == []


def test_make_demo_shows_cleaned_records_with_their_metadata():
    makefile = (ROOT / "Makefile").read_text()
    command = makefile.split("\ndemo:", 1)[1].split("\n")[1].strip().lstrip("@")
    assert command == "$(BIN)/corpuskit run --clean data/samples"
    result = run_corpuskit(*command.split()[1:])
    assert result.returncode == 0, result.stderr
    records = parse_jsonl(result.stdout)
    assert [r["meta"].get("outlet") for r in records] == ["DW Persian", None, "YJC", "Mehr", "Arabi Post"]
    assert all(r["meta"]["title"] and not r["text"].startswith(r["meta"]["title"]) for r in records)
    assert [r["meta"]["document_date"]["source"] for r in records] == [
        "field:published", "none", "field:published", "none", "field:published"
    ]
