"""HTML files as input: which files are read as HTML, what the record holds,
and the declared encoding of older pages."""

from __future__ import annotations

import gzip

from conftest import parse_jsonl, run_corpuskit
from corpuskit.io.readers import read_input, read_inputs

PAGE = """<!doctype html>
<html lang="fa-IR"><head><meta charset="utf-8"><title>سد تازه | خبرگزاری نمونه</title>
<meta property="og:title" content="ساخت سد تازه در فارس آغاز شد">
<meta property="og:site_name" content="ایرنا">
<link rel="canonical" href="https://www.irna.ir/news/85012345/">
<meta property="article:published_time" content="2023-11-06T10:35:00+03:30">
<script>var tracking = "نباید دیده شود";</script></head>
<body><nav><a href="/">خانه</a> <a href="/p">سیاسی</a></nav>
<h1>ساخت سد تازه در فارس آغاز شد</h1>
<p>وزیر نیرو روز شنبه از آغاز ساخت سد تازه‌ای در استان فارس خبر داد.</p>
<p>به گفته او، کار تا دو سال دیگر تمام می‌شود.</p></body></html>
"""


def test_an_html_file_is_its_visible_text_with_the_head_in_meta(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [record] = read_input(str(path))
    assert record["text"].split("\n") == [
        "خانه",
        "سیاسی",
        "ساخت سد تازه در فارس آغاز شد",
        "وزیر نیرو روز شنبه از آغاز ساخت سد تازه‌ای در استان فارس خبر داد.",
        "به گفته او، کار تا دو سال دیگر تمام می‌شود.",
    ]
    assert record["meta"]["title"] == "ساخت سد تازه در فارس آغاز شد"
    assert record["meta"]["url"] == "https://www.irna.ir/news/85012345/"
    assert record["meta"]["site_name"] == "ایرنا"
    assert record["meta"]["published"] == "2023-11-06T10:35:00+03:30"
    assert record["meta"]["lang"] == "fa"


def test_which_inputs_are_html(tmp_path):
    (tmp_path / "a.htm").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "c.txt").write_text(PAGE, encoding="utf-8")  # a .txt file is text, whatever it holds
    (tmp_path / "d").write_text(PAGE, encoding="utf-8")  # no suffix: it starts like HTML
    (tmp_path / "e").write_text("متن ساده با یک <علامت> در میان", encoding="utf-8")
    records = list(read_inputs([str(tmp_path / name) for name in ("a.htm", "b.html.gz", "c.txt", "d", "e")]))
    assert ["<html" in record["text"] for record in records] == [False, False, True, False, False]
    assert [bool(record["meta"]) for record in records] == [True, True, False, True, False]
    # a directory walk picks up .html files
    walked = [record["source"] for record in read_inputs([str(tmp_path)])]
    assert str(tmp_path / "a.htm") in walked and str(tmp_path / "b.html.gz") in walked


def test_input_format_html_and_stdin():
    result = run_corpuskit("langid", input=PAGE.encode())
    assert result.returncode == 0, result.stderr
    [record] = parse_jsonl(result.stdout)
    assert record["lang"] == "fa" and record["meta"]["site_name"] == "ایرنا"
    result = run_corpuskit("langid", "--input-format", "html", input=b"<p>\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85</p>")
    assert parse_jsonl(result.stdout)[0]["text"] == "سلام"


def test_a_declared_windows_1256_page_is_decoded(tmp_path):
    # windows-1256 (older Arabic and Persian sites) has no Persian yeh: such pages spell ي
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head>'
        "<body><p>أعلنت وزارة الزراعة اليوم عن مشروع جديد.</p></body></html>"
    )
    path = tmp_path / "old.html"
    path.write_bytes(page.encode("cp1256"))
    [record] = read_input(str(path))
    assert record["text"] == "أعلنت وزارة الزراعة اليوم عن مشروع جديد."
    # undeclared, the same bytes are not UTF-8: an input error, not mojibake
    path.write_bytes(page.replace("charset=windows-1256", "").encode("cp1256"))
    errors = []
    assert list(read_input(str(path), on_error=errors.append)) == [] and "not valid UTF-8" in str(errors[0])


def test_clean_on_an_html_page_uses_its_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    result = run_corpuskit("clean", "--keep-removed", str(path))
    assert result.returncode == 0, result.stderr
    [record] = parse_jsonl(result.stdout)
    assert record["text"].split("\n") == [
        "وزیر نیرو روز شنبه از آغاز ساخت سد تازه‌ای در استان فارس خبر داد.",
        "به گفته او، کار تا دو سال دیگر تمام می‌شود.",
    ]
    assert [entry["reason"] for entry in record["meta"]["removed"]] == ["navigation", "navigation", "title"]
    assert record["meta"]["outlet"] == "IRNA"  # the site name, as the outlet list names it
