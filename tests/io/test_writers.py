import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpuskit.io.readers import read_inputs
from corpuskit.io.writers import JsonlWriter, dumps
from corpuskit.record import new_record


def test_lines_are_utf8_with_readable_persian_and_arabic():
    line = dumps(new_record("x", "پوتین بوتين", source="x"))
    assert "پوتین بوتين".encode() in line
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert list(json.loads(line)) == ["id", "source", "lang", "text", "meta", "errors", "corpuskit"]


def test_a_lone_surrogate_still_gives_valid_json():
    # new_record replaces lone surrogates; a record built by hand may hold one
    record = new_record("x", "ab", source="x")
    record["text"] = "a\ud800b"
    assert json.loads(dumps(record))["text"] == "a\ud800b"


def test_new_record_replaces_lone_surrogates():
    assert new_record("x", "a\ud800\u200e\udc00b", source="x")["text"] == "a\ufffd\u200e\ufffdb"
    assert new_record("x", "a\U0001f600b", source="x")["text"] == "a\U0001f600b"  # a real pair is one character


@given(st.text())
def test_any_text_round_trips(text):
    assert json.loads(dumps(new_record("x", text, source="x")))["text"] == text


def test_file_appears_only_when_complete(tmp_path):
    path = tmp_path / "out.jsonl"
    with JsonlWriter(str(path)) as writer:
        writer.write(new_record("1", "یک", source="s"))
        writer.flush()
        assert not path.exists()  # still under a temporary name
    assert [json.loads(line)["id"] for line in path.read_text().splitlines()] == ["1"]
    assert list(tmp_path.iterdir()) == [path]


def test_an_interrupted_write_leaves_no_file_and_keeps_the_old_one(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text("old\n")
    with pytest.raises(KeyboardInterrupt):
        with JsonlWriter(str(path)) as writer:
            writer.write(new_record("1", "x", source="s"))
            raise KeyboardInterrupt
    assert path.read_text() == "old\n"
    assert list(tmp_path.iterdir()) == [path]


@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".xz", ".zst"])
def test_compressed_output_by_extension_reads_back(tmp_path, suffix):
    path = tmp_path / f"out.jsonl{suffix}"
    with JsonlWriter(str(path)) as writer:
        for i in range(3):
            writer.write(new_record(f"n{i}", f"متن {i}", source="s"))
    assert path.read_bytes()[:1] != b"{"
    assert [r["id"] for r in read_inputs([str(path)])] == ["n0", "n1", "n2"]


def test_output_file_gets_ordinary_permissions(tmp_path):
    path = tmp_path / "out.jsonl"
    with JsonlWriter(str(path)) as writer:
        writer.write(new_record("1", "x", source="s"))
    assert path.stat().st_mode & 0o644 == 0o644
