"""Batch runs: --output-dir, --resume, --errors, --strict, the summary, the worker default."""

import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpuskit import pipeline
from corpuskit.cli import cli
from corpuskit.job import run_job
from corpuskit.plan import PlanError, output_name, plan_units
from corpuskit.pipeline import Stage
from corpuskit.resume import file_sha256, manifest_path

from conftest import ROOT, SAMPLE_FILES, parse_jsonl

FAST = ["--stages", "langid,tokenize"]


def invoke(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def summary_line(stderr: str) -> str:
    return [line for line in stderr.splitlines() if " documents in: " in line or " document in: " in line][-1]


@pytest.fixture
def corpus(tmp_path):
    """in/ with the five samples, one in a subfolder, and a JSONL file with a bad line."""
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    for path in SAMPLE_FILES[:4]:
        shutil.copy(path, root / path.name)
    shutil.copy(SAMPLE_FILES[4], root / "sub" / SAMPLE_FILES[4].name)
    (root / "sub" / "lines.jsonl").write_text(
        '{"id": "a", "text": "سلام دنیا"}\nnot json\n{"id": "c", "text": "مرحبا بالعالم"}\n', encoding="utf-8"
    )
    return root


@pytest.mark.parametrize(
    "relative, expected",
    [
        ("a.txt", "a.jsonl"),
        ("a/b.txt.gz", "a/b.jsonl.gz"),
        ("x.JSONL.ZST", "x.jsonl.ZST"),
        ("notes", "notes.jsonl"),
        ("page.html", "page.html.jsonl"),
        ("report.2020.text", "report.2020.jsonl"),
    ],
)
def test_output_names(relative, expected):
    assert output_name(relative) == expected


def test_output_dir_mirrors_the_input_tree(corpus, tmp_path):
    out = tmp_path / "out"
    result = invoke("run", *FAST, str(corpus), "--output-dir", str(out), "--workers", "1")
    assert result.exit_code == 1  # the bad JSONL line
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))
    assert written == sorted(
        [f"{p.stem}.jsonl" for p in SAMPLE_FILES[:4]] + [f"sub/{SAMPLE_FILES[4].stem}.jsonl", "sub/lines.jsonl"]
    )
    for path in SAMPLE_FILES[:4]:
        [record] = parse_jsonl((out / f"{path.stem}.jsonl").read_bytes())
        assert record["source"] == str(corpus / path.name)
    assert [r["id"] for r in parse_jsonl((out / "sub" / "lines.jsonl").read_bytes())] == ["a", "c"]
    assert summary_line(result.stderr).startswith("corpuskit: 8 documents in: 7 records out (0 with stage errors), 1 error")


def test_files_named_themselves_go_under_their_own_name(tmp_path):
    out = tmp_path / "out"
    result = invoke("run", *FAST, str(SAMPLE_FILES[0]), "--output-dir", str(out))
    assert result.exit_code == 0
    assert [p.name for p in out.iterdir() if not p.name.startswith(".")] == [f"{SAMPLE_FILES[0].stem}.jsonl"]


def test_two_inputs_that_would_share_an_output_are_a_usage_error(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("سلام")
    (tmp_path / "in" / "a.jsonl").write_text('{"text": "سلام"}\n')
    result = invoke("run", *FAST, str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"corpuskit: error: {tmp_path}/in/a.jsonl and {tmp_path}/in/a.txt would both be written to "
        f"{tmp_path}/out/a.jsonl; rename one or run them separately\n"
    )
    assert not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize(
    "args, message",
    [
        (["-", "--output-dir", "OUT"], "--output-dir writes one file per input file; stdin (-) has no name to give it"),
        (["data/samples", "-o", "x.jsonl", "--output-dir", "OUT"], "give -o FILE or --output-dir DIR, not both"),
        (["data/samples", "--resume"], "--resume needs -o FILE or --output-dir DIR"),
        (["-", "--resume", "-o", "x.jsonl"], "--resume cannot tell whether stdin changed; give files"),
    ],
)
def test_plans_that_cannot_work_are_usage_errors(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").symlink_to(ROOT / "data")
    result = invoke("langid", *[str(tmp_path / "out") if a == "OUT" else a for a in args], input=b"x")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"corpuskit: error: {message}")


def test_never_writes_outside_the_output_dir_through_a_symlink(tmp_path):
    inputs = tmp_path / "in" / "sub"
    inputs.mkdir(parents=True)
    (inputs / "a.txt").write_text("سلام")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "sub").symlink_to(outside)
    result = invoke("run", *FAST, str(tmp_path / "in"), "--output-dir", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "a symbolic link in" in result.stderr and "leads outside it" in result.stderr
    assert list(outside.iterdir()) == []


def test_strange_file_names_stay_inside(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    names = ["a..x.txt", "x...txt", "-n.txt", "line\nbreak.txt", "a b.txt", "ملف.txt"]
    for name in names:
        (inputs / name).write_text("سلام", encoding="utf-8")
    units = plan_units([str(inputs)], output_dir=str(tmp_path / "out"), on_error=print)
    for unit in units:
        assert os.path.realpath(unit.output).startswith(str(tmp_path / "out") + os.sep)
    result = invoke("run", *FAST, str(inputs), "--output-dir", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.endswith(".corpuskit.json")) == sorted(
        output_name(name) for name in names
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]


def test_an_output_dir_inside_the_input_dir_is_not_read_back(tmp_path):
    (tmp_path / "a.txt").write_text("سلام")
    for _ in range(2):
        result = invoke("run", *FAST, str(tmp_path), "--output-dir", str(tmp_path / "out"))
        assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".a.jsonl.corpuskit.json", "a.jsonl"]


def test_stdin_plan_needs_no_output():
    [unit] = plan_units(["-"], on_error=print)
    assert unit.inputs == ["-"] and unit.output is None
    with pytest.raises(PlanError):
        plan_units(["-"], output_dir="x", on_error=print)


# -- resume -------------------------------------------------------------------


def outputs_of(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_resume_skips_finished_outputs_and_gives_the_same_bytes(corpus, tmp_path):
    out, errors = tmp_path / "out", tmp_path / "errors.jsonl"
    first = invoke("run", *FAST, str(corpus), "--output-dir", str(out), "--errors", str(errors), "--workers", "1")
    before, errors_before = outputs_of(out), errors.read_bytes()
    again = invoke("run", *FAST, str(corpus), "--output-dir", str(out), "--errors", str(errors), "--resume")
    assert again.exit_code == first.exit_code == 1
    assert outputs_of(out) == before and errors.read_bytes() == errors_before
    assert summary_line(again.stderr).startswith(
        "corpuskit: 8 documents in: 7 records out (0 with stage errors), 1 error; 6 of 6 outputs were up to date"
    )
    assert "not valid JSON" not in again.stderr  # nothing was read again


def test_resume_redoes_what_changed(corpus, tmp_path):
    out = tmp_path / "out"
    invoke("run", *FAST, str(corpus), "--output-dir", str(out))
    stamps = {name: (out / name).stat().st_mtime_ns for name in outputs_of(out)}
    changed_input = corpus / SAMPLE_FILES[1].name
    changed_input.write_text(changed_input.read_text(encoding="utf-8") + "\nیک خط دیگر.\n", encoding="utf-8")
    cut_output = out / f"{SAMPLE_FILES[2].stem}.jsonl"
    cut_output.write_bytes(cut_output.read_bytes()[:-10])
    os.unlink(manifest_path(str(out / f"{SAMPLE_FILES[3].stem}.jsonl")))
    result = invoke("run", *FAST, str(corpus), "--output-dir", str(out), "--resume")
    assert "3 of 6 outputs were up to date" in summary_line(result.stderr)
    redone = {name for name in stamps if (out / name).stat().st_mtime_ns != stamps[name]}
    assert {name for name in redone if not name.startswith(".")} == {
        f"{SAMPLE_FILES[i].stem}.jsonl" for i in (1, 2, 3)
    }
    assert parse_jsonl(cut_output.read_bytes())  # whole again


def test_resume_redoes_everything_when_settings_change(corpus, tmp_path):
    out = tmp_path / "out"
    invoke("run", *FAST, str(corpus), "--output-dir", str(out))
    result = invoke("run", "--stages", "langid", str(corpus), "--output-dir", str(out), "--resume")
    assert "up to date" not in result.stderr
    assert all("tokens" not in r for r in parse_jsonl((out / f"{SAMPLE_FILES[0].stem}.jsonl").read_bytes()))


def test_resume_removes_temporary_files_a_killed_run_left(corpus, tmp_path):
    out = tmp_path / "out"
    invoke("run", *FAST, str(corpus), "--output-dir", str(out))
    stale = out / f".{SAMPLE_FILES[0].stem}.jsonl.abcd1234.part"
    stale.write_bytes(b'{"half a rec')
    stale_manifest = out / f"..{SAMPLE_FILES[0].stem}.jsonl.corpuskit.json.abcd1234.part"
    stale_manifest.write_bytes(b'{"format"')
    other = out / ".not-ours.part"
    other.write_bytes(b"x")
    invoke("run", *FAST, str(corpus), "--output-dir", str(out), "--resume")
    assert not stale.exists() and not stale_manifest.exists() and other.exists()


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".jsonl.zst"])
def test_the_manifest_holds_the_hash_of_the_file_as_written(tmp_path, suffix):
    out = tmp_path / f"all{suffix}"
    invoke("run", *FAST, "data/samples", "-o", str(out))
    manifest = json.loads(Path(manifest_path(str(out))).read_text(encoding="utf-8"))
    assert manifest["output"] == {"size": out.stat().st_size, "sha256": file_sha256(str(out))}


def test_resume_with_one_output_file(tmp_path):
    out = tmp_path / "all.jsonl"
    first = invoke("run", *FAST, "data/samples", "-o", str(out))
    data = out.read_bytes()
    again = invoke("run", *FAST, "data/samples", "-o", str(out), "--resume")
    assert first.exit_code == again.exit_code == 0
    assert "1 of 1 output were up to date" in again.stderr and out.read_bytes() == data


# -- errors file, summary, strict -----------------------------------------------


def test_errors_file_accounts_for_every_lost_document(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"text": "\xd8\xb3"}\n[1]\n{"body": "x"}\n{"text": "\xff"}\n{"text": "ok"}\n')
    errors = tmp_path / "errors.jsonl"
    result = invoke("langid", str(path), "--errors", str(errors))
    assert result.exit_code == 1
    entries = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert entries == [
        {"source": str(path), "line": 2, "id": None, "stage": "read", "cause": "a JSON list, not an object"},
        {"source": str(path), "line": 3, "id": None, "stage": "read", "cause": "no 'text' field"},
        {
            "source": str(path),
            "line": 4,
            "id": None,
            "stage": "read",
            "cause": "not valid UTF-8 (byte 10: b'\\xff'); --encoding-errors replace or skip reads it anyway",
        },
    ]
    records = parse_jsonl(result.stdout_bytes)
    match = re.match(r"corpuskit: (\d+) documents in: (\d+) records out \(0 with stage errors\), (\d+) errors", summary_line(result.stderr))
    documents, out, lost = map(int, match.groups())
    assert (documents, out, lost) == (5, 2, 3) == (5, len(records), len(entries))


class FailingStage(Stage):
    """A stage that fails on every record."""

    name = "failing"

    def process(self, record):
        raise RuntimeError("it always fails")


def test_a_record_a_stage_failed_on_is_written_and_exits_0_unless_strict(tmp_path, monkeypatch):
    result = run_job(["-"], stages=[FailingStage()], stdin=io.BytesIO("سلام".encode()), stdout=io.BytesIO())
    assert (result.records, result.failed_records, result.ok) == (1, 1, True)

    path = tmp_path / "r.jsonl"
    path.write_text('{"id": "r", "text": "سلام"}\n', encoding="utf-8")
    monkeypatch.setitem(pipeline.STAGES, "failing", f"{__name__}:FailingStage")
    plain = invoke("run", "--stages", "failing", str(path))
    strict = invoke("run", "--stages", "failing", str(path), "--strict")
    assert plain.exit_code == 0 and strict.exit_code == 1
    assert plain.stderr.splitlines()[0] == "corpuskit: warning: r: failing: it always fails"
    assert summary_line(plain.stderr).startswith("corpuskit: 1 document in: 1 record out (1 with stage errors), 0 errors")
    assert parse_jsonl(plain.stdout_bytes)[0]["errors"][-1]["message"] == "it always fails"


def test_a_bad_raw_map_carried_in_is_dropped_with_a_warning():
    bad = {"id": "r", "text": "سلام", "lang": "fa", "raw": "سلام", "raw_map": [[0, 9, "x", 1]],
           "errors": [], "corpuskit": {"version": "0", "stages": ["normalize"]}}
    result = invoke("tokenize", input=json.dumps(bad, ensure_ascii=False).encode())
    assert result.exit_code == 0
    [record] = parse_jsonl(result.stdout_bytes)
    assert "raw" not in record and "raw_map" not in record and record["tokens"]
    assert result.stderr.splitlines()[0] == (
        "corpuskit: warning: <stdin>:1: field 'raw' dropped: raw and raw_map do not describe this text"
    )


def test_summary_only_for_files_or_problems():
    piped = invoke("run", *FAST, "data/samples", "--workers", "1")
    assert piped.exit_code == 0 and piped.stderr == ""


def test_workers_default_to_the_cores_for_run_on_several_files(monkeypatch):
    monkeypatch.delenv("CORPUSKIT_WORKERS", raising=False)
    import corpuskit.job as job

    monkeypatch.setattr(job, "available_cores", lambda: 2)
    seen = {}
    real = job.run_job

    def spy(*args, **kwargs):
        result = real(*args, **kwargs)
        seen["workers"] = result.workers
        return result

    monkeypatch.setattr(job, "run_job", spy)
    assert invoke("run", *FAST, "data/samples").exit_code == 0
    assert seen["workers"] == 2
    assert invoke("run", *FAST, str(SAMPLE_FILES[0])).exit_code == 0
    assert seen["workers"] == 1
    assert invoke("langid", "data/samples").exit_code == 0
    assert seen["workers"] == 1
    monkeypatch.setenv("CORPUSKIT_WORKERS", "1")
    assert invoke("run", *FAST, "data/samples").exit_code == 0
    assert seen["workers"] == 1
