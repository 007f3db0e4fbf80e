"""The tokenize stage on records, and its CoNLL-U output read back."""

from click.testing import CliRunner

from corpuskit.cli import cli
from corpuskit.evaluate import conllu
from corpuskit.pipeline import process
from corpuskit.record import new_record

from conftest import ROOT, SAMPLE_FILES, assert_valid_record, parse_jsonl


def test_sentences_and_tokens_with_sentence_indexes():
    text = "پوتین آمد. ترامپ، رفت!\nتیتر"
    [record] = process([new_record("d", text, source="t")], ["tokenize"])
    assert_valid_record(record)
    assert [s["text"] for s in record["sentences"]] == ["پوتین آمد.", "ترامپ، رفت!", "تیتر"]
    assert [(t["text"], t["sentence"]) for t in record["tokens"]] == [
        ("پوتین", 0), ("آمد", 0), (".", 0), ("ترامپ", 1), ("،", 1), ("رفت", 1), ("!", 1), ("تیتر", 2),
    ]
    assert record["corpuskit"]["stages"] == ["langid", "tokenize"]


def test_tokens_after_normalize_with_keep_raw_point_into_raw():
    text = "در بیانیهای  که\u200f منتشر شد"
    [record] = process([new_record("d", text, source="t", lang="fa")], ["normalize", "tokenize"], options={"keep_raw": True})
    assert_valid_record(record)
    for token in record["tokens"]:
        raw = record["raw"][token["raw_start"] : token["raw_end"]]
        assert raw.replace("\u200f", "") == token["text"].replace("\u200c", "")


def test_empty_and_blank_text_give_no_sentences():
    for text in ["", "   \n\n  "]:
        [record] = process([new_record("d", text, source="t", lang="fa")], ["tokenize"])
        assert record["sentences"] == [] and record["tokens"] == []


def test_every_seed_record_validates():
    for record in process(
        [new_record(str(p), p.read_text(encoding="utf-8"), source=str(p)) for p in SAMPLE_FILES], ["normalize", "tokenize"]
    ):
        assert_valid_record(record)
        assert record["tokens"]


def test_conllu_output_reads_back_with_the_same_tokens(monkeypatch):
    monkeypatch.chdir(ROOT)
    jsonl = CliRunner().invoke(cli, ["tokenize", "data/samples"], catch_exceptions=False)
    records = parse_jsonl(jsonl.stdout_bytes)
    result = CliRunner().invoke(cli, ["tokenize", "--format", "conllu", "data/samples"], catch_exceptions=False)
    assert result.exit_code == 0
    sentences = conllu.loads(result.stdout)
    assert len(sentences) == sum(len(r["sentences"]) for r in records)
    assert [t.form for s in sentences for t in s.tokens] == [t["text"] for r in records for t in r["tokens"]]
    first = sentences[0]
    assert first.sent_id == f"{records[0]['id']}-1"
    assert first.text == records[0]["sentences"][0]["text"]


def test_conllu_needs_the_tokenize_stage():
    result = CliRunner().invoke(cli, ["run", "--stages", "langid", "--format", "conllu"], input=b"x")
    assert result.exit_code == 2 and "tokenize" in result.stderr


def test_stanza_backend_without_models_is_one_clear_line_and_exit_1(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    missing = tmp_path / "no-models"
    result = CliRunner().invoke(
        cli, ["tokenize", "--tokenizer", "stanza", "--stanza-dir", str(missing), "data/samples"], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"corpuskit: error: stage tokenize: Stanza model folder {missing} does not exist")
    assert "stanza.download('" in result.stderr
