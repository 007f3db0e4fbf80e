"""Every bad input of issue 7, with the message a user sees and the exit code.

docs/robustness.md lists the same cases; keep the two in step.
"""

import bz2
import errno
import gzip
import io
import json
import os
import re
import subprocess

import pytest
from click.testing import CliRunner

from corpuskit.cli import cli

from conftest import ROOT, SAMPLE_FILES, corpuskit_cmd, parse_jsonl, run_corpuskit

FAST = ["--stages", "langid,normalize,tokenize"]
PERSIAN = "این یک سند کوتاه فارسی است."


def invoke(*args, input=None):
    return CliRunner().invoke(cli, ["run", *FAST, *args], input=input, catch_exceptions=False)


def lines(stderr: str) -> list[str]:
    """stderr without the closing summary."""
    return [line for line in stderr.splitlines() if not re.match(r"corpuskit: [\d,]+ documents? in: ", line)]


def counts(stderr: str) -> tuple[int, int, int]:
    """(documents in, records out, errors) from the summary line."""
    match = re.search(r"corpuskit: ([\d,]+) documents? in: ([\d,]+) records? out \(\d+ with stage errors\), ([\d,]+) errors?", stderr)
    assert match, stderr
    return tuple(int(group.replace(",", "")) for group in match.groups())


# -- encodings ------------------------------------------------------------------


def test_invalid_utf8_fails_the_document_by_default(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(PERSIAN.encode() + b" \xff\xfe end")
    result = invoke(str(path))
    assert result.exit_code == 1 and result.stdout_bytes == b""
    assert lines(result.stderr) == [
        f"corpuskit: error: {path}: not valid UTF-8 (byte {len(PERSIAN.encode()) + 1}: b'\\xff'); "
        "--encoding-errors replace or skip reads it anyway"
    ]
    assert counts(result.stderr) == (1, 0, 1)


@pytest.mark.parametrize("policy, expected", [("replace", PERSIAN + " \ufffd\ufffd end"), ("skip", PERSIAN + "  end")])
def test_invalid_utf8_replaced_or_skipped_on_request(tmp_path, policy, expected):
    path = tmp_path / "bad.txt"
    path.write_bytes(PERSIAN.encode() + b" \xff\xfe end")
    result = invoke(str(path), "--encoding-errors", policy, "--stages", "langid")
    assert result.exit_code == 0
    assert parse_jsonl(result.stdout_bytes)[0]["text"] == expected
    action = "replaced by U+FFFD" if policy == "replace" else "dropped"
    assert lines(result.stderr) == [f"corpuskit: warning: {path}: 2 invalid UTF-8 byte(s) {action}"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_bom_are_read(tmp_path, encoding):
    text = tmp_path / "doc.txt"
    bom = {"utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    text.write_bytes(bom + (PERSIAN + "\r\n").encode(encoding))
    jsonl = tmp_path / "doc.jsonl"
    jsonl.write_bytes(bom + ('{"text": "%s"}\r\n{"text": "دوم"}\n' % PERSIAN).encode(encoding))
    result = invoke(str(text), str(jsonl))
    assert result.exit_code == 0 and result.stderr == ""
    assert [r["text"] for r in parse_jsonl(result.stdout_bytes)] == [PERSIAN + "\n", PERSIAN, "دوم"]


def test_a_utf8_bom_is_dropped(tmp_path):
    text, jsonl = tmp_path / "doc.txt", tmp_path / "doc.jsonl"
    text.write_bytes(b"\xef\xbb\xbf" + PERSIAN.encode())
    jsonl.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": PERSIAN}).encode() + b"\n")
    result = invoke(str(text), str(jsonl))
    assert result.exit_code == 0 and result.stderr == ""
    assert [r["text"] for r in parse_jsonl(result.stdout_bytes)] == [PERSIAN, PERSIAN]


def test_crlf_line_ends(tmp_path):
    text, jsonl = tmp_path / "doc.txt", tmp_path / "doc.jsonl"
    text.write_bytes("سطر اول\r\nسطر دوم\r\n".encode())
    jsonl.write_bytes(b'{"text": "a"}\r\n{"text": "b"}\r\n')
    result = invoke(str(text), str(jsonl), "--stages", "langid")
    assert result.exit_code == 0 and result.stderr == ""
    assert [r["text"] for r in parse_jsonl(result.stdout_bytes)] == ["سطر اول\nسطر دوم\n", "a", "b"]


def test_nul_bytes_in_text_are_removed_with_a_warning(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(PERSIAN.encode().replace(b" ", b"\x00 ", 2))
    result = invoke(str(path))
    assert result.exit_code == 0
    assert parse_jsonl(result.stdout_bytes)[0]["text"] == PERSIAN
    assert lines(result.stderr) == [f"corpuskit: warning: {path}: 2 NUL byte(s) removed"]


def test_lone_surrogates_in_jsonl_become_replacement_characters(tmp_path):
    # JSON may escape a lone surrogate; it is no character, and a stage that
    # deleted the mark between "\ud800" and "\udc00" would make the output read
    # back as one character U+10000, with every offset after it one too far.
    path = tmp_path / "doc.jsonl"
    path.write_text('{"text": "\\ud800\\u200e\\udc00 ' + PERSIAN + '"}\n')
    result = invoke(str(path), "--keep-raw")
    assert result.exit_code == 0
    [record] = parse_jsonl(result.stdout_bytes)
    assert record["text"] == "\ufffd\ufffd " + PERSIAN and record["raw"] == "\ufffd\u200e\ufffd " + PERSIAN
    assert all(record["text"][t["start"]:t["end"]] == t["text"] for t in record["tokens"])
    assert lines(result.stderr) == [f"corpuskit: warning: {path}:1: 2 lone surrogate(s) in the text replaced with U+FFFD"]


def test_a_jsonl_line_of_nul_bytes(tmp_path):
    path = tmp_path / "cut.jsonl"
    path.write_bytes(b'{"text": "a"}\n' + b"\x00" * 50 + b"\n")
    result = invoke(str(path), "--stages", "langid")
    assert result.exit_code == 1
    assert lines(result.stderr) == [f"corpuskit: error: {path}:2: a line of NUL bytes (a file cut short by a crash?)"]
    assert counts(result.stderr) == (2, 1, 1)


def test_a_file_of_mostly_nul_bytes_is_binary(tmp_path):
    path = tmp_path / "zeros.txt"
    path.write_bytes(b"\x00" * 4096)
    result = invoke(str(path))
    assert result.exit_code == 1
    assert lines(result.stderr) == [f"corpuskit: error: {path}: binary data, not text; skipped"]


def test_utf16_without_a_bom_is_named(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(PERSIAN.encode("utf-16-le"))
    result = invoke(str(path))
    assert result.exit_code == 1
    assert lines(result.stderr) == [
        f"corpuskit: error: {path}: UTF-16 text without a byte-order mark (save it as UTF-8, or with a BOM); skipped"
    ]


# -- files ------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


def test_an_image_in_an_input_directory(tmp_path):
    (tmp_path / "doc.txt").write_text(PERSIAN, encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(PNG)
    (tmp_path / "photo-saved-as.txt").write_bytes(PNG)
    result = invoke(str(tmp_path))  # *.png is not a document name: not read at all
    assert result.exit_code == 1
    assert lines(result.stderr) == [f"corpuskit: error: {tmp_path}/photo-saved-as.txt: a PNG image; skipped"]
    everything = invoke(str(tmp_path), "--glob", "*")
    assert lines(everything.stderr) == [
        f"corpuskit: error: {tmp_path}/photo-saved-as.txt: a PNG image; skipped",
        f"corpuskit: error: {tmp_path}/photo.png: a PNG image; skipped",
    ]
    assert len(parse_jsonl(everything.stdout_bytes)) == 1


def test_an_empty_file_is_no_document(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = invoke(str(path), "--output-dir", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert lines(result.stderr) == [f"corpuskit: warning: {path}: empty file: no document"]
    assert (tmp_path / "out" / "empty.jsonl").read_bytes() == b""  # the output exists, for make


def test_a_zero_byte_jsonl_line_is_skipped(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"text": "a"}\n\n\r\n   \n{"text": "b"}\n')
    result = invoke(str(path), "--stages", "langid")
    assert result.exit_code == 0 and result.stderr == ""
    assert [r["id"] for r in parse_jsonl(result.stdout_bytes)] == [f"{path}:1", f"{path}:5"]


@pytest.mark.parametrize(
    "line, message",
    [
        (b'{"text": "a"', "not valid JSON (Expecting ',' delimiter at column 13)"),
        (b"{'text': 'a'}", "not valid JSON (Expecting property name enclosed in double quotes at column 2)"),
        (b'["text"]', "a JSON list, not an object"),
        (b'"text"', "a JSON str, not an object"),
        (b"42", "a JSON int, not an object"),
        (b"null", "a JSON NoneType, not an object"),
        (b'{"body": "a"}', "no 'text' field"),
        (b'{"text": null}', "field 'text' is NoneType, not a string"),
        (b'{"text": ["a"]}', "field 'text' is list, not a string"),
    ],
)
def test_bad_jsonl_lines(tmp_path, line, message):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"text": "first"}\n' + line + b'\n{"text": "last"}\n')
    errors = tmp_path / "errors.jsonl"
    result = invoke(str(path), "--stages", "langid", "--errors", str(errors))
    assert result.exit_code == 1
    assert lines(result.stderr) == [f"corpuskit: error: {path}:2: {message}"]
    assert [r["text"] for r in parse_jsonl(result.stdout_bytes)] == ["first", "last"]
    assert json.loads(errors.read_text()) == {"source": str(path), "line": 2, "id": None, "stage": "read", "cause": message}
    assert counts(result.stderr) == (3, 2, 1)


def test_a_100_mb_single_line_is_refused_without_holding_it(tmp_path):
    huge = "س" * (50 * 1024 * 1024)  # 100 MB of UTF-8
    jsonl, text = tmp_path / "huge.jsonl", tmp_path / "huge.txt"
    with open(jsonl, "w", encoding="utf-8") as stream:
        stream.write('{"text": "small"}\n{"text": "' + huge + '"}\n{"text": "after"}\n')
    text.write_text(huge, encoding="utf-8")
    del huge
    result = invoke(str(jsonl), str(text), "--stages", "langid")
    assert result.exit_code == 1
    assert lines(result.stderr) == [
        f"corpuskit: error: {jsonl}:2: line is longer than --max-chars 2,000,000; split it, or raise --max-chars",
        f"corpuskit: error: {text}: document of more than 8,000,004 bytes is longer than --max-chars 2,000,000; "
        "split it, or raise --max-chars",
    ]
    assert [r["text"] for r in parse_jsonl(result.stdout_bytes)] == ["small", "after"]


def test_max_chars_counts_characters(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "۱۲۳۴۵"}\n{"text": "۱۲۳۴۵۶"}\n', encoding="utf-8")
    result = invoke(str(path), "--stages", "langid", "--max-chars", "5")
    assert lines(result.stderr) == [
        f"corpuskit: error: {path}:2: text of 6 characters is longer than --max-chars 5; split it, or raise --max-chars"
    ]


def test_a_truncated_gz_keeps_what_was_readable(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(b"".join(b'{"text": "line %d"}\n' % i for i in range(3000)))
    path.write_bytes(data[: len(data) // 2])
    result = invoke(str(path), "--stages", "langid")
    assert result.exit_code == 1
    assert lines(result.stderr) == [
        f"corpuskit: error: {path}: cannot read: Compressed file ended before the end-of-stream marker was reached"
    ]
    assert 0 < len(parse_jsonl(result.stdout_bytes)) < 3000


def test_a_corrupt_bz2(tmp_path):
    path = tmp_path / "bad.txt.bz2"
    path.write_bytes(bz2.compress(PERSIAN.encode())[:12] + b"garbage" * 5)
    result = invoke(str(path))
    assert result.exit_code == 1
    assert lines(result.stderr) == [f"corpuskit: error: {path}: cannot read: Invalid data stream"]


def test_a_directory_with_a_symlink_loop(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(PERSIAN, encoding="utf-8")
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")
    os.symlink(tmp_path, tmp_path / "d" / "up")
    result = invoke(str(tmp_path))
    assert result.exit_code == 0 and result.stderr == ""
    assert [r["id"] for r in parse_jsonl(result.stdout_bytes)] == [f"{tmp_path}/d/a.txt"]


def deny(monkeypatch, target):
    """Make ``target`` unreadable: chmod when that works, else (as root, which
    ignores permissions) refuse it at the OS boundary, in ``open``."""
    os.chmod(target, 0)
    if os.geteuid() != 0:
        return
    import builtins

    real_open = builtins.open

    def refusing(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and os.fspath(file) == str(target):
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing)


def test_an_unreadable_file(tmp_path, monkeypatch):
    good, bad = tmp_path / "a.txt", tmp_path / "b.txt"
    good.write_text(PERSIAN, encoding="utf-8")
    bad.write_text(PERSIAN, encoding="utf-8")
    deny(monkeypatch, bad)
    result = invoke(str(tmp_path), "--output-dir", str(tmp_path / "out"))
    os.chmod(bad, 0o644)
    assert result.exit_code == 1
    assert lines(result.stderr) == [f"corpuskit: error: {bad}: cannot read: Permission denied"]
    # No output and no manifest for it: a later --resume tries it again.
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".a.jsonl.corpuskit.json", "a.jsonl"]


def test_an_output_directory_that_is_not_writable(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    os.chmod(out, 0o555)
    if os.geteuid() == 0:  # root writes anywhere: refuse at the OS boundary instead
        real_open = os.open

        def refusing(path, *args, **kwargs):
            if str(out) in (os.fspath(path), os.path.dirname(os.fspath(path))):
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing)
    result = invoke(str(SAMPLE_FILES[0]), "--output-dir", str(out))
    os.chmod(out, 0o755)
    assert result.exit_code == 1
    assert result.stderr == f"corpuskit: error: {out}: Permission denied\n"


def test_an_output_directory_that_is_a_file(tmp_path):
    target = tmp_path / "taken"
    target.write_text("x")
    result = invoke(str(SAMPLE_FILES[0]), "--output-dir", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"corpuskit: error: {target}: File exists\n"


# -- a full disk ----------------------------------------------------------------------


def test_a_full_disk_on_stdout():
    """/dev/full answers every write with ENOSPC: the real OS error."""
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [*corpuskit_cmd(), "run", *FAST, "data/samples", "--workers", "1"],
            stdout=full,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            timeout=120,
        )
    assert result.returncode == 1
    assert result.stderr.decode() == "corpuskit: error: stdout: No space left on device\n"


class _FullDisk(io.RawIOBase):
    """A file whose writes fail as a full disk does (the layer under Python's buffers)."""

    def __init__(self, fd):
        self.fd = fd

    def writable(self):
        return True

    def write(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    def fileno(self):
        return self.fd

    def close(self):
        if not self.closed:
            os.close(self.fd)
        super().close()


def test_a_full_disk_on_an_output_file_leaves_nothing_half_written(tmp_path, monkeypatch):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"the previous output\n")
    from corpuskit.io import writers

    monkeypatch.setattr(writers.os, "fdopen", lambda fd, mode: io.BufferedWriter(_FullDisk(fd), 64))
    result = invoke("data/samples", "-o", str(out), "--workers", "1")
    assert result.exit_code == 1
    assert result.stderr == f"corpuskit: error: {out}: No space left on device\n"
    assert out.read_bytes() == b"the previous output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_a_full_disk_in_a_tiny_tmpfs(tmp_path):
    """A real full file system, when this machine lets us mount one."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({made.stderr.decode().strip() or 'not root'}); the mocked test covers it")
    try:
        result = run_corpuskit("run", *FAST, "data/samples", "--output-dir", str(mount / "out"), "--workers", "1")
        assert result.returncode == 1
        assert result.stderr.decode().endswith(": No space left on device\n")
        assert not [p for p in (mount / "out").rglob("*.part")]
        for path in (mount / "out").glob("*.jsonl"):  # what was published is whole
            parse_jsonl(path.read_bytes())
    finally:
        subprocess.run(["umount", str(mount)], check=True)


# -- documents ---------------------------------------------------------------------------


def test_text_in_another_language_is_a_record_without_errors(tmp_path):
    path = tmp_path / "en.txt"
    path.write_text("The quick brown fox jumps over the lazy dog. It was 5 May 2020.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(path)], catch_exceptions=False)
    assert result.exit_code == 0 and result.stderr == ""
    [record] = parse_jsonl(result.stdout_bytes)
    assert record["lang"] == "en" and record["errors"] == []


@pytest.mark.parametrize("text", ["   \n\t\n ", "!!! ... ؟؟ ،، «» -- ::", "\u200c\u200c\u200f", "."])
def test_documents_of_only_whitespace_or_punctuation(tmp_path, text):
    path = tmp_path / "odd.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(path)], catch_exceptions=False)
    assert result.exit_code == 0 and result.stderr == ""
    [record] = parse_jsonl(result.stdout_bytes)
    assert record["errors"] == [] and record["dates"] == [] and record["entities"] == []
