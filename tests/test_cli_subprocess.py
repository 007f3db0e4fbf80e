"""The CLI as users run it: real processes, real pipes, real exit codes."""

import gzip
import json
import signal
import subprocess
import sys
import threading
import time

from conftest import ROOT, corpuskit_cmd, parse_jsonl, run_corpuskit

CK = " ".join(corpuskit_cmd())


def bash(script, **kw):
    return subprocess.run(
        ["bash", "-c", "set -o pipefail; " + script], capture_output=True, cwd=ROOT, timeout=120, **kw
    )


def test_stage_commands_chain_in_a_shell_pipe():
    result = bash(f"{CK} langid data/samples | {CK} langid")
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert [r["lang"] for r in parse_jsonl(result.stdout)] == ["fa", "ar", "ar", "fa", "ar"]


def test_head_closes_the_pipe_and_corpuskit_ends_quietly_with_0(tmp_path):
    # Enough output to fill the pipe buffer, so that corpuskit really meets the closed pipe.
    big = tmp_path / "big.jsonl"
    line = json.dumps({"text": (ROOT / "data/samples/000_0910b1e2c8685b1a.txt").read_text()}, ensure_ascii=False)
    big.write_text((line + "\n") * 300, encoding="utf-8")
    result = bash(f"{CK} langid {big} | head -1; echo \"status=${{PIPESTATUS[0]}}\" >&2")
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr == b"status=0\n"


def test_gzipped_stdin_through_a_real_pipe():
    result = bash(f"cat data/samples/*.txt | gzip -c | {CK} langid")
    [record] = parse_jsonl(result.stdout)
    assert record["id"] == "<stdin>" and result.returncode == 0


def test_python_dash_m_works():
    result = subprocess.run([sys.executable, "-m", "corpuskit", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("corpuskit ")


def test_output_is_utf8_whatever_the_locale():
    result = run_corpuskit("langid", "data/samples", env={"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert "پوتین".encode() in result.stdout
    assert len(parse_jsonl(result.stdout)) == 5


def test_help_imports_nothing_heavy():
    # `corpuskit --help` must stay instant: no model library may be imported for it.
    code = (
        "import sys; from corpuskit.cli import cli\n"
        "for args in (['--help'], ['run', '--help'], ['langid', '--help']):\n"
        "    try: cli(args, prog_name='corpuskit')\n"
        "    except SystemExit: pass\n"
        "heavy = [m for m in ('hazm', 'camel_tools', 'stanza', 'torch', 'py3langid', 'numpy', 'rich', 'jsonschema')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip().endswith("HEAVY []"), result.stdout[-500:] + result.stderr


def test_nothing_on_stderr_in_a_pipe_and_no_progress():
    result = run_corpuskit("run", "data/samples")
    assert result.returncode == 0 and result.stderr == b""


def langid_reading_stdin() -> subprocess.Popen:
    """`corpuskit langid` reading JSONL from a pipe this test writes to."""
    return subprocess.Popen(
        [*corpuskit_cmd(), "langid", "--input-format", "jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )


def test_ctrl_c_stops_cleanly_with_130():
    # stdin stays open, so corpuskit is waiting for input when the signal comes.
    process = langid_reading_stdin()
    process.stdin.write(b'{"text": "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 \xd8\xaf\xd9\x86\xdb\x8c\xd8\xa7"}\n')
    process.stdin.flush()
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr.decode() == "corpuskit: error: interrupted (Ctrl-C) after 1 record; the output is incomplete\n"
    assert b"Traceback" not in stderr


def test_records_from_stdin_come_out_while_stdin_is_still_open():
    """stdin is not batched (`tail -f log | corpuskit langid` answers line by
    line); files are (Pipeline.run_batch)."""
    import select

    process = langid_reading_stdin()
    try:
        for number in range(3):
            process.stdin.write(json.dumps({"id": f"n{number}", "text": "سلام دنیا، این یک متن است"}).encode() + b"\n")
            process.stdin.flush()
            ready, _, _ = select.select([process.stdout], [], [], 30)
            assert ready, f"record {number} did not come out while stdin was open"
            assert json.loads(process.stdout.readline())["id"] == f"n{number}"
    finally:
        process.stdin.close()
        process.stdout.read()
        process.wait(timeout=30)
    assert process.returncode == 0


def test_an_unreadable_line_does_not_hide_other_records_and_exits_1(tmp_path):
    path = tmp_path / "mixed.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "ok"}\n{"text": 1}\n'))
    result = run_corpuskit("langid", str(path))
    assert result.returncode == 1
    assert len(parse_jsonl(result.stdout)) == 1
    error, summary = result.stderr.decode().splitlines()
    assert error == f"corpuskit: error: {path}:2: field 'text' is int, not a string"
    assert summary.startswith("corpuskit: 2 documents in: 1 record out (0 with stage errors), 1 error in ")


def run_with_terminal_stderr(*args, env=None):
    """Run corpuskit with stderr on a pseudo-terminal (as a person would see it)."""
    import os
    import pty

    master, slave = pty.openpty()
    process = subprocess.Popen(
        [*corpuskit_cmd(), *args],
        stdout=subprocess.PIPE,
        stderr=slave,
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "100", **(env or {})},
    )
    os.close(slave)
    # Read the terminal while the process runs, so that a full pty buffer can
    # never block it or lose what it wrote.
    chunks = []

    def drain():
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the process closed its end
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    stdout = process.stdout.read()
    process.wait(timeout=60)
    reader.join(timeout=30)
    os.close(master)
    seen = b"".join(chunks)
    return process.returncode, stdout, seen.decode("utf-8", "replace")


def test_progress_and_summary_only_where_a_person_watches():
    code, stdout, terminal = run_with_terminal_stderr("run", "data/samples")
    assert code == 0
    assert len(parse_jsonl(stdout)) == 5
    assert "corpuskit: 5 documents in: 5 records out (0 with stage errors), 0 errors in" in terminal
    code, stdout, terminal = run_with_terminal_stderr("run", "data/samples", "--quiet")
    assert code == 0 and terminal == ""
