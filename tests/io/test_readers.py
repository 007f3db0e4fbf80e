import bz2
import gzip
import io
import json
import lzma
import os

import pytest
import zstandard

from corpuskit.io.readers import InputError, detect_compression, iter_input_paths, read_inputs

from conftest import SAMPLE_FILES, assert_valid_record

COMPRESSORS = {
    "gzip": gzip.compress,
    "bzip2": bz2.compress,
    "xz": lzma.compress,
    "zstd": lambda data: zstandard.ZstdCompressor().compress(data),
}


def read_all(inputs, **kw):
    errors = []
    records = list(read_inputs(inputs, on_error=errors.append, **kw))
    for record in records:
        assert_valid_record(record)
    return records, errors


def test_a_text_file_is_one_document_with_its_path_as_id(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes("\ufeffسطر اول\r\nسطر دوم\r\n".encode())
    [record], errors = read_all([str(path)])
    assert errors == []
    assert record["id"] == record["source"] == str(path)
    assert record["text"] == "سطر اول\nسطر دوم\n"  # BOM dropped, CRLF made LF


def test_jsonl_lines_are_documents_with_ids(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [{"id": "a1", "text": "یک"}, {"text": "دو"}, {"id": "c3", "body": "x", "text": "سه", "title": "t"}]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n", encoding="utf-8")
    records, errors = read_all([str(path)])
    assert errors == []
    assert [r["id"] for r in records] == ["a1", f"{path}:2", "c3"]
    assert [r["text"] for r in records] == ["یک", "دو", "سه"]
    assert records[2]["meta"] == {"body": "x", "title": "t"}


def test_text_and_id_fields_can_be_chosen(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"doc": "n-1", "content": "متن"}\n', encoding="utf-8")
    [record], _ = read_all([str(path)], text_field="content", id_field="doc")
    assert (record["id"], record["text"]) == ("n-1", "متن")


def test_bad_jsonl_lines_are_reported_with_line_numbers_and_reading_goes_on(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        b'{"text": "ok 1"}\n{"text": broken\n[1, 2]\n{"title": "no text"}\n{"text": 3}\n\xff\xfe{}\n{"text": "ok 2"}\n'
    )
    records, errors = read_all([str(path)])
    assert [r["text"] for r in records] == ["ok 1", "ok 2"]
    assert [(e.line, e.source) for e in errors] == [(n, str(path)) for n in (2, 3, 4, 5, 6)]
    messages = [e.message for e in errors]
    assert messages[0].startswith("not valid JSON")
    assert messages[1] == "a JSON list, not an object"
    assert messages[2] == "no 'text' field"
    assert messages[3] == "field 'text' is int, not a string"
    assert messages[4].startswith("not valid UTF-8")
    assert str(errors[0]) == f"{path}:2: {messages[0]}"


def test_errors_raise_by_default(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("nope\n")
    with pytest.raises(InputError, match="in.jsonl:1: not valid JSON"):
        list(read_inputs([str(path)]))


def test_invalid_utf8_text_file_is_reported(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("café".encode("latin-1"))
    records, errors = read_all([str(path)])
    assert records == []
    assert str(errors[0]) == (
        f"{path}: not valid UTF-8 (byte 3: b'\\xe9'); --encoding-errors replace or skip reads it anyway"
    )


def test_an_unopenable_input_is_reported_and_the_rest_is_read(tmp_path):
    (tmp_path / "a.txt").write_text("الف")
    os.symlink(tmp_path / "missing", tmp_path / "b.txt")
    (tmp_path / "c.txt").write_text("ج")
    records, errors = read_all([str(tmp_path)])
    assert [r["text"] for r in records] == ["الف", "ج"]
    assert len(errors) == 1 and errors[0].source.endswith("b.txt")
    assert "cannot read: No such file or directory" in errors[0].message


@pytest.mark.parametrize("kind", sorted(COMPRESSORS))
def test_compressed_files_are_detected_by_magic_bytes_not_name(tmp_path, kind):
    data = SAMPLE_FILES[0].read_bytes()
    path = tmp_path / "looks-plain.txt"
    path.write_bytes(COMPRESSORS[kind](data))
    assert detect_compression(path.read_bytes()[:8]) == kind
    [record], errors = read_all([str(path)])
    assert errors == [] and record["text"] == data.decode()


@pytest.mark.parametrize("kind", sorted(COMPRESSORS))
def test_compressed_jsonl_on_stdin(kind):
    payload = "".join(json.dumps({"id": f"n{i}", "text": f"متن {i}"}, ensure_ascii=False) + "\n" for i in range(3))
    stdin = io.BytesIO(COMPRESSORS[kind](payload.encode()))
    records, errors = read_all(["-"], stdin=stdin)
    assert errors == []
    assert [r["id"] for r in records] == ["n0", "n1", "n2"]
    assert {r["source"] for r in records} == {"<stdin>"}


def test_stdin_plain_text_is_one_document():
    [record], _ = read_all(["-"], stdin=io.BytesIO("  سلام\n{not json}\n".encode()))
    assert record["id"] == "<stdin>" and record["text"] == "  سلام\n{not json}\n"


def test_stdin_format_can_be_forced():
    [record], _ = read_all(["-"], stdin=io.BytesIO(b'{"text": "x"}\n'), input_format="text")
    assert record["text"] == '{"text": "x"}\n'


def test_truncated_gzip_is_an_input_error(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(b"".join(b'{"text": "line %d"}\n' % i for i in range(2000)))
    path.write_bytes(data[: len(data) // 2])
    records, errors = read_all([str(path)])
    assert len(errors) == 1 and "cannot read" in errors[0].message
    assert 0 < len(records) < 2000


def test_directories_are_walked_recursively_sorted_hidden_skipped(tmp_path):
    names = ["b/2.txt", "b/1.jsonl", "a.txt", "c/d/e.txt.gz", ".hidden/x.txt", "b/.y.txt", "notes.md", "z.bin", "0/z.txt"]
    for name in names:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    found = [os.path.relpath(p, tmp_path) for p in iter_input_paths([str(tmp_path)])]
    assert found == ["0/z.txt", "a.txt", "b/1.jsonl", "b/2.txt", "c/d/e.txt.gz"]
    only_md = [os.path.relpath(p, tmp_path) for p in iter_input_paths([str(tmp_path)], ["*.md", "b/2.*"])]
    assert only_md == ["b/2.txt", "notes.md"]


def test_explicit_files_are_read_whatever_their_name(tmp_path):
    path = tmp_path / "article.html"
    path.write_text("متن")
    assert list(iter_input_paths([str(path), "-"])) == [str(path), "-"]


def test_a_symlink_loop_is_walked_once(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("x")
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")
    assert [os.path.relpath(p, tmp_path) for p in iter_input_paths([str(tmp_path)])] == ["d/a.txt"]


def test_samples_read_in_sorted_order():
    records, errors = read_all(["data/samples"])
    assert errors == []
    assert [r["id"] for r in records] == [f"data/samples/{p.name}" for p in SAMPLE_FILES]
