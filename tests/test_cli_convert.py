"""`corpuskit convert`: dates in arguments and on stdin, the three output modes, errors and exit codes."""

import json
import subprocess
import sys

from click.testing import CliRunner

from corpuskit.cli import cli

from conftest import ROOT, corpuskit_cmd, run_corpuskit

JALALI_1399_07_04 = [
    "gregorian  2020-09-25  Friday 25 September 2020 · جمعه ۲۵ سپتامبر ۲۰۲۰ · الجمعة 25 سبتمبر 2020",
    "jalali     1399-07-04  Friday 4 Mehr 1399 · جمعه ۴ مهر ۱۳۹۹ · الجمعة 4 مهر 1399",
    "hijri      1442-02-08  Friday 8 Safar 1442 · جمعه ۸ صفر ۱۴۴۲ · الجمعة 8 صفر 1442",
]


def invoke(*args, input=None):
    return CliRunner().invoke(cli, ["convert", *args], input=input, catch_exceptions=False)


def test_one_date_in_all_three_calendars():
    result = invoke("1399-07-04", "--from", "jalali")
    assert result.exit_code == 0, result.output
    assert result.stdout == "\n".join(JALALI_1399_07_04) + "\n"
    assert result.stderr == ""


def test_several_dates_are_separated_by_a_blank_line():
    result = invoke("--from", "jalali", "1399-07-04", "1404/1/1")
    assert result.exit_code == 0
    blocks = result.stdout.split("\n\n")
    assert len(blocks) == 2
    assert blocks[0].splitlines() == JALALI_1399_07_04
    assert blocks[1].splitlines()[0] == "gregorian  2025-03-21  Friday 21 March 2025 · جمعه ۲۱ مارس ۲۰۲۵ · الجمعة 21 مارس 2025"


def test_to_prints_only_the_iso_date_one_line_each():
    result = invoke("--from", "jalali", "--to", "gregorian", "1399-07-04", "۱۴۰۴/۰۱/۰۱", "1403.12.30")
    assert (result.exit_code, result.stdout) == (0, "2020-09-25\n2025-03-21\n2025-03-20\n")
    assert invoke("2024-03-11", "--to", "hijri").stdout == "1445-09-01\n"
    assert invoke("1445-09-01", "--from", "hijri", "--to", "jalali").stdout == "1402-12-21\n"
    assert invoke("٢٠١٨-٠٨-٢٣", "--to", "Jalali").stdout == "1397-06-01\n"  # calendar names ignore case


def test_json_is_one_object_per_line_that_parses_back():
    result = invoke("--json", "2020-09-25", "1900-01-01")
    assert result.exit_code == 0
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["input"] == {"calendar": "gregorian", "date": "2020-09-25"}
    assert first["weekday"] == {"en": "Friday", "fa": "جمعه", "ar": "الجمعة"}
    assert first["jalali"] == {"date": "1399-07-04", "month": {"en": "Mehr", "fa": "مهر", "ar": "مهر"}}
    assert first["hijri"]["date"] == "1442-02-08"
    assert "جمعه" in result.stdout  # not \u escapes
    # Before the Umm al-Qura table: the Hijri entry says why, the date itself is fine.
    assert second["jalali"]["date"] == "1278-10-11"
    assert second["hijri"]["date"] is None and "1343-1500 AH" in second["hijri"]["error"]


def test_stdin_many_lines_one_bad_exits_1_and_keeps_the_good_ones():
    lines = "1399-07-04\n\n  1399/07/31  \n۱۴۰۴/۰۱/۰۱\r\n1402-12-30\nsoon\n1403.12.30\n"
    result = invoke("--from", "jalali", "--to", "gregorian", input=lines.encode())
    assert result.exit_code == 1
    assert result.stdout == "2020-09-25\n2025-03-21\n2025-03-20\n"
    assert result.stderr.splitlines() == [
        "corpuskit: line 3: invalid jalali date 1399-07-31: Mehr 1399 has 30 days",
        "corpuskit: line 5: invalid jalali date 1402-12-30: Esfand 1402 has 29 days",
        "corpuskit: line 6: cannot read 'soon' as a date: expected YYYY-MM-DD (or YYYY/MM/DD, YYYY.MM.DD)",
    ]


def test_stdin_with_a_bom_a_dash_and_bytes_that_are_not_utf8():
    result = invoke("-", "--to", "jalali", input=b"\xef\xbb\xbf2020-09-25\n\xff\xfe\n2025-03-21")
    assert result.exit_code == 1
    assert result.stdout == "1399-07-04\n1404-01-01\n"
    assert result.stderr == "corpuskit: line 2: not valid UTF-8\n"


def test_an_ambiguous_year_asks_for_from():
    result = invoke("1399-07-04")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "corpuskit: 1399-07-04: 1399-07-04 is ambiguous: a year below 1700 can be Jalali or Hijri; "
        "give --from jalali or --from hijri\n"
    )


def test_to_hijri_outside_the_table_is_an_error_not_a_guess():
    result = invoke("--to", "hijri", "1900-01-01", "2077-11-16", "2077-11-17")
    assert result.exit_code == 1
    assert result.stdout == "1500-12-30\n"
    assert result.stderr.splitlines() == [
        "corpuskit: 1900-01-01: 1900-01-01 is outside the range of the Umm al-Qura Hijri calendar "
        "(hijridate, 1343-1500 AH): 1924-08-01 to 2077-11-16",
        "corpuskit: 2077-11-17: 2077-11-17 is outside the range of the Umm al-Qura Hijri calendar "
        "(hijridate, 1343-1500 AH): 1924-08-01 to 2077-11-16",
    ]


def test_a_hijri_year_outside_the_table_is_reported():
    result = invoke("--from", "hijri", "1600-01-01")
    assert result.exit_code == 1
    assert result.stderr.startswith("corpuskit: 1600-01-01: Hijri year 1600 is outside the Umm al-Qura range")


def test_usage_errors_exit_2():
    assert invoke("--from", "persian", "1399-07-04").exit_code == 2
    result = invoke("--json", "--to", "hijri", "2020-01-01")
    assert result.exit_code == 2 and "cannot be combined with --to" in result.output


def test_empty_stdin_is_no_date_and_success():
    result = invoke(input=b"\n\n")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


# -- real processes --------------------------------------------------------------------


def test_a_shell_pipe_converts_line_by_line():
    ck = " ".join(corpuskit_cmd())
    script = f"set -o pipefail; printf '1399-07-04\\n1404/01/01\\n' | {ck} convert --from jalali --to gregorian"
    result = subprocess.run(["bash", "-c", script], capture_output=True, cwd=ROOT, timeout=120)
    assert (result.returncode, result.stdout, result.stderr) == (0, b"2020-09-25\n2025-03-21\n", b"")


def test_a_real_process_with_a_bad_line_exits_1_without_a_traceback():
    result = run_corpuskit(
        "convert",
        "--from",
        "jalali",
        input=b"1399-07-31\n1399-07-04\n",
        env={"LC_ALL": "C", "PYTHONIOENCODING": "ascii"},  # output is UTF-8 whatever the locale
    )
    assert result.returncode == 1
    assert result.stdout.decode("utf-8").splitlines() == JALALI_1399_07_04
    assert result.stderr == b"corpuskit: line 1: invalid jalali date 1399-07-31: Mehr 1399 has 30 days\n"


def test_head_closes_the_pipe_and_convert_ends_quietly_with_0():
    ck = " ".join(corpuskit_cmd())
    script = (
        f"yes 1399-07-04 | head -20000 | {ck} convert --from jalali | head -1; "
        'echo "status=${PIPESTATUS[2]}" >&2'
    )
    result = subprocess.run(["bash", "-c", script], capture_output=True, cwd=ROOT, timeout=120)
    assert result.stdout.decode("utf-8") == JALALI_1399_07_04[0] + "\n"
    assert result.stderr == b"status=0\n"


def test_convert_help_imports_no_calendar_library():
    code = (
        "import sys; from corpuskit.cli import cli\n"
        "for args in (['--help'], ['convert', '--help']):\n"
        "    try: cli(args, prog_name='corpuskit')\n"
        "    except SystemExit: pass\n"
        "print('LOADED', [m for m in ('persiantools', 'hijridate', 'corpuskit.dates.convert') if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip().endswith("LOADED []"), result.stdout[-500:] + result.stderr
