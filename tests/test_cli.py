"""The CLI through Click's CliRunner: options, inputs, outputs, exit codes."""

import gzip
import json
import re

import pytest
from click.testing import CliRunner

from corpuskit import __version__
from corpuskit.cli import cli

from conftest import ROOT, SAMPLE_FILES, parse_jsonl

SEED_LANGS = ["fa", "ar", "ar", "fa", "ar"]


@pytest.fixture(autouse=True)
def in_repo(monkeypatch):
    monkeypatch.chdir(ROOT)


def invoke(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_run_on_the_samples_emits_one_valid_record_each_in_order():
    result = invoke("run", "data/samples")
    assert result.exit_code == 0, result.output
    records = parse_jsonl(result.stdout_bytes)
    assert [r["id"] for r in records] == [f"data/samples/{p.name}" for p in SAMPLE_FILES]
    assert [r["lang"] for r in records] == SEED_LANGS
    assert all(r["corpuskit"] == {"version": __version__, "stages": ["langid", "normalize", "tokenize", "dates", "entities"]} for r in records)
    assert all(r["tokens"] and r["sentences"] for r in records)
    golden = ROOT / "tests" / "golden" / "normalize"
    assert all(r["text"] == (golden / p.name).read_text(encoding="utf-8") for r, p in zip(records, SAMPLE_FILES))
    assert result.stderr == ""


def test_stage_command_chains_on_its_own_output():
    first = invoke("langid", "data/samples")
    second = invoke("langid", input=first.stdout_bytes)
    assert second.exit_code == 0
    assert parse_jsonl(second.stdout_bytes) == parse_jsonl(first.stdout_bytes)


def test_lang_option_overrides_detection():
    records = parse_jsonl(invoke("run", "--lang", "fa", "data/samples").stdout_bytes)
    assert {r["lang"] for r in records} == {"fa"}
    assert {r["langid"]["method"] for r in records} == {"forced"}


def test_plain_text_on_stdin():
    result = invoke("langid", input="مرحبا بكم في هذا الموقع الإخباري العربي".encode())
    [record] = parse_jsonl(result.stdout_bytes)
    assert (record["id"], record["lang"]) == ("<stdin>", "ar")


def test_compressed_jsonl_on_stdin_with_other_field_names():
    lines = "".join(
        json.dumps({"doc": f"d{i}", "body": p.read_text(encoding="utf-8"), "url": "u"}, ensure_ascii=False) + "\n"
        for i, p in enumerate(SAMPLE_FILES)
    )
    result = invoke("run", "--text-field", "body", "--id-field", "doc", input=gzip.compress(lines.encode()))
    assert result.exit_code == 0
    records = parse_jsonl(result.stdout_bytes)
    assert [r["id"] for r in records] == ["d0", "d1", "d2", "d3", "d4"]
    assert [r["lang"] for r in records] == SEED_LANGS
    assert records[0]["meta"] == {"url": "u", "document_date": {"value": "2020-09-25", "source": "header"}}


def test_empty_stdin_is_no_document_and_stdin_is_read_once():
    assert invoke("run", input=b"").stdout_bytes == b""
    result = invoke("run", "-", "-", input="سلام بر شما دوستان عزیز".encode())
    assert result.exit_code == 0
    assert [r["lang"] for r in parse_jsonl(result.stdout_bytes)] == ["fa"]


def test_errors_from_an_earlier_command_are_not_failures_of_this_one():
    first = parse_jsonl(invoke("langid", "data/samples").stdout_bytes)[0]
    first["errors"] = [{"stage": "other", "type": "X", "message": "earlier"}]
    result = invoke("langid", input=json.dumps(first, ensure_ascii=False).encode())
    assert result.exit_code == 0 and result.stderr == ""
    assert parse_jsonl(result.stdout_bytes)[0]["errors"] == first["errors"]


def test_output_file_compressed_by_extension(tmp_path):
    out = tmp_path / "out.jsonl.gz"
    result = invoke("run", "data/samples", "-o", str(out))
    assert result.exit_code == 0 and result.stdout_bytes == b""
    assert len(parse_jsonl(gzip.decompress(out.read_bytes()))) == 5


def test_bad_lines_are_reported_and_the_rest_is_emitted_with_exit_1(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "سلام بر همه دوستان"}\nnot json\n{"text": "مرحبا بالجميع"}\n', encoding="utf-8")
    result = invoke("langid", str(path))
    assert result.exit_code == 1
    assert len(parse_jsonl(result.stdout_bytes)) == 2
    error, summary = result.stderr.splitlines()
    assert error == f"corpuskit: error: {path}:2: not valid JSON (Expecting value at column 1)"
    assert re.fullmatch(r"corpuskit: 3 documents in: 2 records out \(0 with stage errors\), 1 error in [\d.]+ s", summary)


def test_a_missing_input_is_one_line_and_exit_2():
    result = invoke("run", "no/such/file.txt")
    assert result.exit_code == 2
    assert result.stderr == "corpuskit: error: no/such/file.txt: no such file or directory\n"
    assert result.stdout_bytes == b""


def test_an_unwritable_output_is_one_line_and_exit_1(tmp_path):
    result = invoke("run", "data/samples", "-o", str(tmp_path / "no-dir" / "out.jsonl"))
    assert result.exit_code == 1
    assert result.stderr == f"corpuskit: error: {tmp_path / 'no-dir' / 'out.jsonl'}: No such file or directory\n"


@pytest.mark.parametrize(
    "args, message",
    [
        (["run", "--stages", "langid,nope"], "unknown stage 'nope'"),
        (["run", "--workers", "0"], "0 is not in the range x>=1"),
        (["run", "--lang", "xx"], "'xx' is not one of"),
        (["langid", "--stages", "langid"], "No such option '--stages'"),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_workers_give_the_same_output():
    one = invoke("run", "data/samples")
    two = invoke("run", "data/samples", "--workers", "2")
    assert two.exit_code == 0 and two.stdout_bytes == one.stdout_bytes


def test_workers_from_the_environment(monkeypatch):
    monkeypatch.setenv("CORPUSKIT_WORKERS", "0")
    assert invoke("run", "data/samples").exit_code == 2


def test_glob_filters_directory_inputs():
    records = parse_jsonl(invoke("run", "data/samples", "--glob", "00[13]_*").stdout_bytes)
    assert [r["id"][-24:-21] for r in records] == ["001", "003"]


def test_version():
    result = invoke("--version")
    assert result.output == f"corpuskit {__version__}\n"


def test_schema_command_prints_the_schema():
    schema = json.loads(invoke("schema").output)
    assert schema["title"] == "corpuskit record"


def test_normalize_command_writes_the_golden_text_and_detects_language_first():
    records = parse_jsonl(invoke("normalize", "data/samples").stdout_bytes)
    golden = ROOT / "tests" / "golden" / "normalize"
    assert [r["text"] for r in records] == [(golden / p.name).read_text(encoding="utf-8") for p in SAMPLE_FILES]
    assert [r["corpuskit"]["stages"] for r in records] == [["langid", "normalize"]] * 5


def test_normalize_after_langid_in_a_pipe_keeps_a_forced_language():
    first = invoke("langid", "--lang", "ar", "data/samples/000_0910b1e2c8685b1a.txt")
    [record] = parse_jsonl(invoke("normalize", input=first.stdout_bytes).stdout_bytes)
    assert record["lang"] == "ar" and record["langid"]["method"] == "forced"
    assert "كرملين" in record["text"]  # Arabic rules: keheh made kaf, Persian yeh made Arabic


def test_normalize_options_keep_raw_digits_fold():
    result = invoke("normalize", "--keep-raw", "--digits", "native", "--fold", "data/samples/002_e68672c9ac4d086f.txt")
    [record] = parse_jsonl(result.stdout_bytes)
    assert record["raw"] == SAMPLE_FILES[2].read_text(encoding="utf-8")
    assert "رمز الخبر: ١٣٣٢٥" in record["text"]
    assert len(record["key"]) == len(record["text"])
    assert record["raw_map"]
