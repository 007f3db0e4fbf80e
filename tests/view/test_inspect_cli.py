"""`corpuskit inspect`: the terminal view of one document, golden at 80 columns."""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpuskit.cli import cli
from corpuskit.view.document import load_document
from corpuskit.view.terminal import render_document, summary_line

from conftest import ROOT, corpuskit_cmd

GOLDEN = ROOT / "tests" / "golden" / "inspect"
SEEDS = ["000_0910b1e2c8685b1a.txt", "002_e68672c9ac4d086f.txt"]  # one Persian, one Arabic


def inspect(*args, env=None):
    return CliRunner().invoke(cli, ["inspect", *args], env={"COLUMNS": "80", "NO_COLOR": None, **(env or {})},
                              catch_exceptions=False)


def rendering(name: str) -> str:
    return inspect(f"data/samples/{name}").stdout


@pytest.fixture(autouse=True)
def at_the_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # sources are shown as given: data/samples/...


@pytest.mark.parametrize("name", SEEDS)
def test_golden_rendering_at_80_columns(name):
    """The whole view, without colour (as piped). Regenerate with
    scripts/update-golden and review the diff."""
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert rendering(name) == expected


@pytest.mark.parametrize("name", SEEDS)
def test_every_line_fits_80_columns(name):
    from rich.cells import cell_len

    assert max(cell_len(line) for line in rendering(name).splitlines()) <= 80


def test_the_view_names_language_date_and_counts():
    out = rendering(SEEDS[0])
    assert "language: fa (1.00)" in out
    assert "document date: 2020-09-25 (from header)" in out
    assert "25 sentences, 400 tokens, 6 dates, 48 entities, 0 errors" in out
    # spans bracketed in the text, and the tables
    assert "[ولادیمیر پوتین|PER]" in out and "{روز جمعه سوم مهر|DATE}" in out
    assert "Gregorian 2020-09-24 · Jalali 1399-07-03" in out
    assert "Q7747 Vladimir Putin" in out


def test_clean_shows_the_page_facts_and_the_body_only():
    out = inspect("--clean", f"data/samples/{SEEDS[0]}").stdout
    assert "title: پوتین: آمریکا و روسیه برای عدم مداخله در انتخابات تضمین دهند" in out
    assert "outlet: DW Persian" in out and "url: https://p.dw.com/p/3j1NB" in out
    assert "removed: 11 lines: 4 navigation, 1 title, 1 published" in out
    assert "document date: 2020-09-25 (from field:published)" in out
    assert "پرش به گزارش" not in out and "دنبال کنید" not in out
    # the HTML page shows the same facts
    from corpuskit.view.document import inspect_document
    from corpuskit.view.html import render_page

    record = inspect_document(f"data/samples/{SEEDS[0]}", stages=["clean", "langid"], options={"keep_removed": True})
    page = render_page(record)
    assert "<dt>outlet</dt><dd><bdi>DW Persian</bdi></dd>" in page


def test_no_colour_when_piped_or_with_no_color(tmp_path):
    path = ROOT / "data" / "samples" / SEEDS[1]
    piped = subprocess.run([*corpuskit_cmd(), "inspect", str(path)], capture_output=True, cwd=ROOT, check=True)
    assert b"\x1b[" not in piped.stdout
    # a terminal that asks for colour gets it, unless NO_COLOR says no
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "80"}
    env.pop("NO_COLOR", None)
    coloured = subprocess.run([*corpuskit_cmd(), "inspect", str(path)], capture_output=True, cwd=ROOT, env=env)
    assert b"\x1b[" in coloured.stdout and b"|PER]" not in coloured.stdout
    plain = subprocess.run([*corpuskit_cmd(), "inspect", str(path)], capture_output=True, cwd=ROOT,
                           env={**env, "NO_COLOR": "1"})
    # NO_COLOR: no colour (bold and dim may stay), spans bracketed instead
    assert not re.search(rb"\x1b\[[0-9;]*(3[0-9]|4[0-9]|38;|48;)", plain.stdout)
    assert b"|PER]" in plain.stdout


def test_wide_terminals_get_the_dates_as_one_table():
    out = inspect(f"data/samples/{SEEDS[0]}", env={"COLUMNS": "140"}).stdout
    assert "as written" in out and "calendar" in out and "resolved" in out
    row = next(line for line in out.splitlines() if "روز جمعه سوم مهر" in line and "2020-09-24" in line)
    assert "1399-07-03" in row and "document-year" in row


def test_a_record_of_a_jsonl_file(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(
        "not json\n"
        + json.dumps({"id": "a", "text": "پوتین به تهران رفت."}) + "\n"
        + json.dumps({"id": "b", "text": "زار بوتين القاهرة يوم 23 أغسطس 2018."}) + "\n"
    )
    result = inspect(str(path), "--record", "2")
    assert result.exit_code == 0
    assert result.stdout.startswith("b (")
    assert "{يوم 23 أغسطس 2018|DATE}" in result.stdout and "[بوتين|PER]" in result.stdout
    assert f"corpuskit: warning: {path}:1: not valid JSON" in result.stderr


def test_missing_file_and_missing_record(tmp_path):
    result = inspect(str(tmp_path / "nothing.txt"))
    assert result.exit_code == 2 and "no such file or directory" in result.stderr
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"text": "سلام"}) + "\n")
    result = inspect(str(path), "--record", "3")
    assert result.exit_code == 1
    assert result.stderr == f"corpuskit: error: {path}: only 1 document; asked for record 3\n"


def test_a_file_that_gives_no_document_reports_why(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("[1, 2]\n")
    result = inspect(str(path))
    assert result.exit_code == 1
    assert result.stderr == f"corpuskit: error: {path}:1: a JSON list, not an object\n"


def test_stage_options_reach_the_pipeline(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("دیروز پوتین به تهران رفت.", encoding="utf-8")
    out = inspect(str(path), "--doc-date", "2020-09-25").stdout
    assert "document date: 2020-09-25 (from option)" in out
    assert "Gregorian 2020-09-24" in out


def test_html_page_is_written(tmp_path):
    page = tmp_path / "page.html"
    result = inspect(f"data/samples/{SEEDS[0]}", "--html", str(page))
    assert result.exit_code == 0
    assert f"corpuskit: page written to {page}" in result.stderr
    html = page.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html") and 'dir="rtl"' in html


def test_summary_tells_a_stage_not_run_from_nothing_found():
    record = {"text": "x", "tokens": [], "errors": []}
    assert summary_line(record) == "- sentences, 0 tokens, - dates, - entities, 0 errors"


def test_render_document_never_needs_more_than_the_record():
    from io import StringIO

    from rich.console import Console

    console = Console(file=StringIO(), width=40, color_system=None)
    render_document({"id": "x", "text": "متن <b>[ساده]</b>"}, console)
    assert "متن <b>[ساده]</b>" in console.file.getvalue()


def test_load_document_counts_documents_not_lines(tmp_path):
    path = Path(tmp_path / "d.jsonl")
    path.write_text('{"text": "a"}\n\n{"text": "b"}\n')
    assert load_document(str(path), record=2)["text"] == "b"


def test_open_hands_the_page_to_the_browser(tmp_path):
    """--open without --html: a temporary page, given to $BROWSER (here a
    command that only notes the address it was given)."""
    noted = tmp_path / "opened.txt"
    env = {**os.environ, "BROWSER": f"sh -c 'echo %s > {noted}'"}
    done = subprocess.run([*corpuskit_cmd(), "inspect", f"data/samples/{SEEDS[0]}", "--open"], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    address = noted.read_text().strip()
    assert address.startswith("file:///") and address.endswith(".html")
    page = Path(address.removeprefix("file://"))
    assert 'dir="rtl"' in page.read_text(encoding="utf-8")
    assert f"corpuskit: page written to {page}" in done.stderr
    page.unlink()
