import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuskit.io.html import HtmlDocument, html_to_document, looks_like_html

ZWNJ = "\u200c"


def text(html):
    return html_to_document(html).text


def meta(html):
    return html_to_document(html).meta


def ld(obj):
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


# --- text -------------------------------------------------------------------


def test_returns_dataclass():
    doc = html_to_document("<p>a</p>")
    assert isinstance(doc, HtmlDocument)
    assert doc == HtmlDocument("a", {})


def test_empty_input():
    assert html_to_document("") == HtmlDocument("", {})


@pytest.mark.parametrize(
    "tag",
    "p div h1 h2 h3 h4 h5 h6 li dt dd blockquote pre figcaption figure header footer nav aside section "
    "article main address form button ul ol table tr".split(),
)
def test_block_elements_start_a_line(tag):
    assert text(f"before<{tag}>inside</{tag}>after") == "before\ninside\nafter"


@pytest.mark.parametrize("tag", "a span b strong em i time small sup sub abbr cite q mark label code".split())
def test_inline_elements_do_not_break_lines(tag):
    assert text(f"<p>before <{tag}>inside</{tag}> after</p>") == "before inside after"
    assert text(f"<p>be<{tag}>in</{tag}>af</p>") == "beinaf"


def test_br_and_hr_break_lines():
    assert text("<p>one<br>two<br/>three<hr>four</p>") == "one\ntwo\nthree\nfour"


def test_stray_end_br_is_a_break():
    assert text("one</br>two") == "one\ntwo"


def test_whitespace_collapses_and_blank_lines_go():
    html = "<div>\n  <p>  a \t\n b  </p>\n\n  <p> </p><p>\r\nc</p>  </div>"
    assert text(html) == "a b\nc"


def test_nested_blocks_make_no_blank_lines():
    assert text("<div><div><p>a</p></div></div><div><div><p>b</p></div></div>") == "a\nb"


def test_space_between_inline_elements_kept_once():
    assert text("<p><a>one</a> <a>two</a>  <b> three </b></p>") == "one two three"


@pytest.mark.parametrize("tag", "script style noscript template svg iframe object head title".split())
def test_skipped_elements(tag):
    assert text(f"<p>a<{tag}>hidden text</{tag}>b</p>") == "ab"


def test_skipped_content_with_markup_inside():
    html = "<p>a</p><noscript><p>enable js</p></noscript><svg><title>icon</title><text>x</text></svg><p>b</p>"
    assert text(html) == "a\nb"


def test_script_with_tags_in_strings_is_skipped():
    assert text('<p>a</p><script>document.write("<p>no</p>")</script><p>b</p>') == "a\nb"


@pytest.mark.parametrize(
    "attrs", ["hidden", 'hidden=""', 'hidden="hidden"', 'aria-hidden="true"', "aria-hidden=TRUE"]
)
def test_hidden_elements(attrs):
    assert text(f"<p>a<span {attrs}>x<b>y</b></span>b</p><div {attrs}><p>gone</p></div>") == "ab"


def test_not_hidden():
    assert text('<p aria-hidden="false">a</p><div hidden="until-found">b</div>') == "a\nb"


def test_img_alt_is_not_text():
    assert text('<p>a <img alt="تصویر" src="x.jpg"> b</p>') == "a b"


def test_entities_decoded():
    assert text("<p>&lt;b&gt; &amp; &quot;x&quot; &#1587;&#x644;&#x627;&#x645; caf&eacute;</p>") == '<b> & "x" سلام café'


def test_zwnj_kept():
    assert text(f"<p>می{ZWNJ}خواهم  نمی&zwnj;روم</p>") == f"می{ZWNJ}خواهم نمی{ZWNJ}روم"


def test_zwnj_alone_between_words_is_not_whitespace():
    assert text(f"<p> {ZWNJ} </p>") == ZWNJ


def test_nbsp_is_a_space():
    assert text("<p>a&nbsp;&nbsp;b\u00a0c&nbsp;</p><p>&nbsp;</p>") == "a b c"


def test_other_unicode_spaces_left_alone():
    # thin space, narrow no-break space: for the normalize stage to judge
    assert text("<p>a\u2009b\u202fc</p>") == "a\u2009b\u202fc"


def test_pre_keeps_line_breaks():
    html = "<p>x</p><pre>\n  line  one\r\n\n    line two\rthree <b>bold</b>\n</pre><p>y</p>"
    assert text(html) == "x\nline one\nline two\nthree bold\ny"


def test_table_rows_are_lines_and_cells_tab_separated():
    html = """<table><caption>جدول</caption>
      <thead><tr><th>نام</th><th>سال</th></tr></thead>
      <tbody><tr><td> تهران </td><td></td><td>۱۴۰۳</td></tr>
      <tr><td>a <b>b</b></td><td>c</td></tr></tbody></table>"""
    assert text(html) == "جدول\nنام\tسال\nتهران\t۱۴۰۳\na b\tc"


def test_layout_table_cells_with_blocks():
    assert text("<table><tr><td><p>a</p><p>b</p></td><td><p>c</p></td></tr></table>") == "a\nb\nc"


def test_lists():
    assert text("<ul><li>one<li>two</ul><ol><li><a>three</a></li></ol>") == "one\ntwo\nthree"


def test_arabic_kept_as_written():
    s = "قالَ الرئيسُ: «إنَّ الاقتصادَ ينمو»، وأضافَ ٣٫٥٪"
    assert text(f"<p>{s}</p>") == s


# --- broken HTML ---------------------------------------------------------------


def test_unclosed_tags():
    assert text("<div><p>a<p>b<span>c<div>d") == "a\nbc\nd"


def test_stray_end_tags_ignored():
    assert text("</span></div>a</b><p>b</p></p></td>c") == "a\nb\nc"


def test_misnested_tags():
    assert text("<p><b>a<i>b</b>c</i></p><p>d</p>") == "abc\nd"


def test_end_tag_closes_unclosed_children_of_hidden_element():
    assert text("<div hidden><span>x<b>y</div>visible") == "visible"


def test_unclosed_head_ends_at_body():
    assert text("<html><head><title>t</title><meta charset=utf-8><body><p>a</p>") == "a"


def test_unclosed_head_ends_at_first_body_tag():
    assert text("<head><title>t</title><p>a</p>") == "a"


def test_noscript_img_in_head_does_not_end_it():
    html = '<head><noscript><img src="pixel"></noscript><title>t</title>head text?</head><body>b</body>'
    assert text(html) == "b"


def test_unknown_marked_section_is_a_bogus_comment():
    # html.parser raises AssertionError on these by itself
    assert text("a<![ x]>b") == "ab"
    assert text("<p>a<![\x00</p><p>b</p>") == "a\nb"


def test_unclosed_script_drops_the_rest():
    assert text("<p>a</p><script>var x = 1; <p>b</p>") == "a"


def test_lone_ampersand_and_angle():
    assert text("<p>a & b < c > d &amp e</p>") == "a & b < c > d & e"


def test_comments_and_doctype_dropped():
    assert text("<!DOCTYPE html><!-- c --><p>a<!-- <p>x</p> -->b</p><?php echo 1 ?>") == "ab"


# --- metadata -----------------------------------------------------------------


def test_meta_empty_when_nothing_found():
    assert meta("<p>a</p>") == {}


def test_title_precedence():
    og = '<meta property="og:title" content=" OG  title ">'
    jl = ld({"@type": "NewsArticle", "headline": "LD title"})
    t = "<title>\n  Page\ttitle | Site </title>"
    assert meta(og + jl + t)["title"] == "OG title"
    assert meta(jl + t)["title"] == "LD title"
    assert meta(t)["title"] == "Page title | Site"


def test_title_in_svg_is_not_the_page_title():
    assert meta("<body><svg><title>icon</title></svg><title>real</title>")["title"] == "real"


def test_first_title_wins():
    assert meta("<title>one</title><title>two</title>")["title"] == "one"


def test_repeated_attribute_first_counts():
    assert meta('<meta property="og:title" content="first" content="second">')["title"] == "first"


def test_og_in_name_attribute_and_case():
    assert meta('<META NAME="OG:TITLE" CONTENT="x">')["title"] == "x"


def test_empty_meta_falls_through():
    assert meta('<meta property="og:title" content="  "><meta property="og:title" content="y"><title>t</title>') == {
        "title": "y"
    }


def test_url_precedence():
    canonical = '<link rel="canonical" href=" https://a.example/1 ">'
    og = '<meta property="og:url" content="https://b.example/1">'
    jl = ld({"@type": "Article", "url": "https://c.example/1", "mainEntityOfPage": "https://d.example/1"})
    assert meta(canonical + og + jl)["url"] == "https://a.example/1"
    assert meta(og + jl)["url"] == "https://b.example/1"
    assert meta(jl)["url"] == "https://c.example/1"


def test_url_from_main_entity_of_page():
    assert meta(ld({"@type": "NewsArticle", "mainEntityOfPage": "https://x/1"}))["url"] == "https://x/1"
    obj = {"@type": "NewsArticle", "mainEntityOfPage": {"@type": "WebPage", "@id": "https://x/2"}}
    assert meta(ld(obj))["url"] == "https://x/2"


def test_canonical_among_other_rels():
    html = '<link rel="alternate" href="/amp"><link rel="Canonical nofollow" href="https://x/1">'
    assert meta(html)["url"] == "https://x/1"


def test_site_name_precedence():
    og = '<meta property="og:site_name" content="خبرگزاری">'
    jl = ld({"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Publisher"}})
    assert meta(og + jl)["site_name"] == "خبرگزاری"
    assert meta(jl)["site_name"] == "Publisher"


def test_site_name_from_publisher_reference_in_graph():
    obj = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "NewsArticle", "headline": "h", "publisher": {"@id": "https://x/#org"}},
            {"@type": "Organization", "@id": "https://x/#org", "name": "Org"},
        ],
    }
    assert meta(ld(obj)) == {"title": "h", "site_name": "Org"}


def test_published_precedence():
    prop = '<meta property="article:published_time" content="2024-05-01T10:00:00+03:30">'
    jl = ld({"@type": "NewsArticle", "datePublished": "2024-05-02"})
    name = '<meta name="pubdate" content="2024-05-03">'
    time = '<article><time datetime="2024-05-04T08:00">x</time></article>'
    assert meta(prop + jl + name + time)["published"] == "2024-05-01T10:00:00+03:30"
    assert meta(jl + name + time)["published"] == "2024-05-02"
    assert meta(name + time)["published"] == "2024-05-03"
    assert meta(time)["published"] == "2024-05-04T08:00"


@pytest.mark.parametrize("name", ["pubdate", "publishdate", "date", "DC.date.issued", "dc.date.issued"])
def test_published_meta_names(name):
    assert meta(f'<meta name="{name}" content="2023-12-31">')["published"] == "2023-12-31"


def test_published_from_time_prefers_article():
    html = '<header><time datetime="2020-01-01">today</time></header><article><p><time datetime="2024-02-03">'
    assert meta(html)["published"] == "2024-02-03"


def test_published_from_time_anywhere_without_article():
    assert meta('<p><time>x</time><time datetime=" 2024-02-03T01:02Z ">y</time>')["published"] == (
        "2024-02-03T01:02+00:00"
    )


def test_no_published_from_time_outside_the_article():
    assert "published" not in meta('<time datetime="2020-01-01">x</time><article><p>no time</p></article>')


def test_hidden_time_ignored():
    html = '<article><template><time datetime="2019-01-01"></time></template><time datetime="2024-01-01">'
    assert meta(html)["published"] == "2024-01-01"


def test_invalid_published_falls_through():
    prop = '<meta property="article:published_time" content="yesterday">'
    name = '<meta name="date" content="2024-05-03">'
    assert meta(prop + name)["published"] == "2024-05-03"


def test_updated_precedence():
    prop = '<meta property="article:modified_time" content="2024-05-01T10:00:00Z">'
    jl = ld({"@type": "NewsArticle", "dateModified": "2024-05-02T11:00:00+04:00"})
    assert meta(prop + jl)["updated"] == "2024-05-01T10:00:00+00:00"
    assert meta(jl)["updated"] == "2024-05-02T11:00:00+04:00"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-05-01", "2024-05-01"),
        ("  2024-05-01T10:00  ", "2024-05-01T10:00"),
        ("2024-05-01T10:00:00Z", "2024-05-01T10:00:00+00:00"),
        ("2024-05-01T10:00:00z", "2024-05-01T10:00:00+00:00"),
        ("2024-05-01T10:00:00.123+03:30", "2024-05-01T10:00:00.123+03:30"),
        ("2024-05-01T10:00:00+0330", "2024-05-01T10:00:00+0330"),
        ("2024-05-01 10:00:00", "2024-05-01T10:00:00"),
        ("2024-05-01T10:00:00-05", "2024-05-01T10:00:00-05"),
        ("2024-02-29T23:59:59,5", "2024-02-29T23:59:59,5"),
    ],
)
def test_valid_dates(value, expected):
    assert meta(f'<meta property="article:published_time" content="{value}">') == {"published": expected}


@pytest.mark.parametrize(
    "value",
    [
        "yesterday",
        "2024-13-01",
        "2023-02-29",
        "2024-05-01T25:00",
        "2024-05",
        "1403/02/12",
        "۲۰۲۴-۰۵-۰۱",
        "Wed, 01 May 2024 10:00:00 GMT",
        "2024-05-01T10:00:00+03:30 extra",
        "2024-05-01x10:00",
        "Z",
    ],
)
def test_invalid_dates_dropped(value):
    jl = ld({"@type": "NewsArticle", "datePublished": value, "dateModified": value})
    assert meta(f'<meta property="article:published_time" content="{value}">{jl}') == {}


def test_jsonld_list_and_types():
    objs = [
        {"@type": "BreadcrumbList", "name": "crumbs"},
        {"@type": ["WebPage", "ReportageNewsArticle"], "headline": "in a list"},
    ]
    assert meta(ld(objs))["title"] == "in a list"


@pytest.mark.parametrize(
    "kind", ["Article", "NewsArticle", "ReportageNewsArticle", "BlogPosting", "https://schema.org/NewsArticle"]
)
def test_jsonld_article_types(kind):
    assert meta(ld({"@type": kind, "headline": "h"})) == {"title": "h"}


def test_jsonld_other_types_ignored():
    assert meta(ld({"@type": "WebSite", "headline": "no", "url": "https://x", "name": "n"})) == {}


def test_jsonld_in_graph_and_main_entity():
    graph = {"@graph": [{"@type": "WebPage", "mainEntity": {"@type": "NewsArticle", "headline": "deep"}}]}
    assert meta(ld(graph))["title"] == "deep"


def test_jsonld_first_article_with_the_value_wins():
    objs = [{"@type": "NewsArticle", "headline": "one"}, {"@type": "NewsArticle", "headline": "two", "url": "u"}]
    assert meta(ld(objs)) == {"title": "one", "url": "u"}


def test_jsonld_invalid_json_ignored():
    bad = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
    assert meta(bad + "<title>t</title>") == {"title": "t"}
    assert text(bad + "<p>a</p>") == "a"


def test_jsonld_with_raw_newlines_in_strings():
    html = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "a\nb"}</script>'
    assert meta(html)["title"] == "a b"


def test_jsonld_deeply_nested_does_not_raise():
    deep = "[" * 100_000 + "]" * 100_000
    assert html_to_document(f'<script type="application/ld+json">{deep}</script>').meta == {}
    nested = json.dumps({"@graph": [[[[[[[[{"@type": "Article", "headline": "h"}]]]]]]]]})
    assert meta(f'<script type="application/ld+json">{nested}</script>') == {"title": "h"}


def test_jsonld_non_string_values_ignored():
    obj = {"@type": "NewsArticle", "headline": ["x"], "publisher": "P", "datePublished": 2024, "url": {"a": 1}}
    assert meta(ld(obj)) == {}


def test_jsonld_odd_references():
    obj = {
        "@graph": [
            {"@type": "WebPage", "mainEntity": {"@id": "#a"}},  # a bare reference before the node itself
            {"@type": "NewsArticle", "@id": "#a", "headline": "h", "publisher": {"@id": ["#org"]}},
            {"@type": "Article", "publisher": [{"@id": "#org"}], "mainEntityOfPage": {"@id": 3}},
            {"@type": "Organization", "@id": "#org", "name": "Org"},
        ]
    }
    assert meta(ld(obj)) == {"title": "h", "site_name": "Org"}


def test_jsonld_bare_publisher_string_ignored():
    assert meta(ld({"@type": "NewsArticle", "publisher": "https://x.example"})) == {}


def test_plain_script_is_not_jsonld():
    assert meta('<script>{"@type": "NewsArticle", "headline": "h"}</script>') == {}


def test_jsonld_entities_not_decoded_inside_script():
    # script content is raw text: &amp; stays as written in the JSON string
    assert meta(ld({"@type": "Article", "headline": "A &amp; B"}))["title"] == "A &amp; B"


@pytest.mark.parametrize(
    "html, lang",
    [
        ('<html lang="fa-IR">', "fa"),
        ('<html lang="AR">', "ar"),
        ('<html lang="en_US">', "en"),
        ('<html dir="rtl" lang=" fa ">', "fa"),
        ('<html lang="">', None),
        ("<html>", None),
        ('<html lang="۱">', None),
        ('<p lang="fa">', None),
    ],
)
def test_lang(html, lang):
    assert meta(html).get("lang") == lang


def test_description_precedence():
    og = '<meta property="og:description" content="OG  desc">'
    plain = '<meta name="description" content="plain\n desc">'
    assert meta(og + plain)["description"] == "OG desc"
    assert meta(plain)["description"] == "plain desc"


def test_meta_attribute_entities_decoded():
    assert meta('<meta property="og:title" content="A &amp; B &zwnj;">')["title"] == f"A & B {ZWNJ}"


# --- end to end --------------------------------------------------------------

PERSIAN_PAGE = f"""\ufeff<!DOCTYPE html>
<html lang="fa-IR" dir="rtl">
<head>
  <meta charset="utf-8">
  <title>افزایش بارش‌ها در تهران | خبرگزاری نمونه</title>
  <meta name="description" content="توضیح کوتاه">
  <meta property="og:title" content="افزایش بارش{ZWNJ}ها در تهران">
  <meta property="og:site_name" content="خبرگزاری نمونه">
  <meta property="og:description" content="بارش‌ها در پایتخت  ۲۰ درصد بیشتر شد">
  <meta property="article:published_time" content="2024-04-30T09:15:00+03:30">
  <link rel="canonical" href="https://news.example.ir/fa/news/12345">
  <style>.x {{ color: red }}</style>
  <script>window.dataLayer = [];</script>
  <noscript><img src="https://pixel.example/x.gif"></noscript>
</head>
<body>
  <nav><ul><li><a href="/">صفحه اصلی</a></li><li><a href="/politics">سیاسی</a></li></ul></nav>
  <article>
    <h1>افزایش بارش{ZWNJ}ها در تهران</h1>
    <time datetime="2024-04-30T09:15:00+03:30">۱۱ اردیبهشت ۱۴۰۳</time>
    <figure><img src="rain.jpg" alt="باران"><figcaption>خیابان&zwnj;های تهران</figcaption></figure>
    <p>به گزارش <a href="/">خبرگزاری نمونه</a>، میزان بارش‌ها
       در تهران&nbsp;۲۰ درصد افزایش یافته است.</p>
    <p>کارشناسان می‌گویند:<br>«این روند ادامه دارد.»</p>
    <div class="share" aria-hidden="true"><span>اشتراک</span></div>
    <button type="button">ادامه مطلب</button>
  </article>
  <footer><p>&copy; ۱۴۰۳ خبرگزاری نمونه</p></footer>
  <script type="application/ld+json">
  {{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "عنوان JSON-LD",
    "datePublished": "2024-04-30T05:45:00Z", "dateModified": "2024-04-30T06:00:00Z",
    "publisher": {{"@type": "Organization", "name": "ناشر"}}}}
  </script>
</body>
</html>
"""

ARABIC_PAGE = """<!doctype html>
<html lang="ar-EG">
<head>
<meta charset="utf-8">
<title>
  ارتفاع أسعار الذهب
  - صحيفة المثال
</title>
<link rel="canonical" href="https://example.eg/news/2024/05/gold">
<meta name="description" content="ارتفعت أسعار الذهب اليوم.">
<script type="application/ld+json">
[{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": []},
 {"@context": "https://schema.org", "@graph": [
   {"@type": "WebSite", "@id": "https://example.eg/#site", "name": "الموقع"},
   {"@type": "NewsArticle", "headline": "ارتفاع أسعار الذهب",
    "mainEntityOfPage": {"@type": "WebPage", "@id": "https://example.eg/news/gold"},
    "publisher": {"@id": "https://example.eg/#org"},
    "dateModified": "2024-05-02T12:00:00+02:00"},
   {"@type": "Organization", "@id": "https://example.eg/#org", "name": "صحيفة المثال"}]}]
</script>
</head>
<body>
<header><div class="logo">صحيفة المثال</div></header>
<main>
<article>
<h1>ارتفاع أسعار الذهب</h1>
<p class="date"><time datetime="2024-05-02T10:30:00+02:00">٢ مايو ٢٠٢٤</time></p>
<p>ارتفعت أسعارُ الذهب اليوم بنسبة ١٫٢٪ في <strong>القاهرة</strong>.
<p>وقال التاجر: &laquo;الطلب قوي&raquo;.
<table><tr><th>العيار</th><th>السعر</th></tr><tr><td>٢١</td><td>٣١٠٠ جنيه</td></tr></table>
<div hidden>نص مخفي</div>
</article>
</main>
<aside><h2>الأكثر قراءة</h2><ol><li>خبر أول<li>خبر ثان</ol></aside>
"""


def test_persian_page_end_to_end():
    doc = html_to_document(PERSIAN_PAGE)
    assert doc.text.split("\n") == [
        "صفحه اصلی",
        "سیاسی",
        f"افزایش بارش{ZWNJ}ها در تهران",
        "۱۱ اردیبهشت ۱۴۰۳",
        f"خیابان{ZWNJ}های تهران",
        f"به گزارش خبرگزاری نمونه، میزان بارش{ZWNJ}ها در تهران ۲۰ درصد افزایش یافته است.",
        f"کارشناسان می{ZWNJ}گویند:",
        "«این روند ادامه دارد.»",
        "ادامه مطلب",
        "© ۱۴۰۳ خبرگزاری نمونه",
    ]
    assert doc.meta == {
        "title": f"افزایش بارش{ZWNJ}ها در تهران",
        "url": "https://news.example.ir/fa/news/12345",
        "site_name": "خبرگزاری نمونه",
        "published": "2024-04-30T09:15:00+03:30",
        "updated": "2024-04-30T06:00:00+00:00",
        "lang": "fa",
        "description": f"بارش{ZWNJ}ها در پایتخت ۲۰ درصد بیشتر شد",
    }


def test_arabic_page_end_to_end():
    doc = html_to_document(ARABIC_PAGE)
    assert doc.text.split("\n") == [
        "صحيفة المثال",
        "ارتفاع أسعار الذهب",
        "٢ مايو ٢٠٢٤",
        "ارتفعت أسعارُ الذهب اليوم بنسبة ١٫٢٪ في القاهرة.",
        "وقال التاجر: «الطلب قوي».",
        "العيار\tالسعر",
        "٢١\t٣١٠٠ جنيه",
        "الأكثر قراءة",
        "خبر أول",
        "خبر ثان",
    ]
    assert doc.meta == {
        "title": "ارتفاع أسعار الذهب",
        "url": "https://example.eg/news/2024/05/gold",
        "site_name": "صحيفة المثال",
        "published": "2024-05-02T10:30:00+02:00",
        "updated": "2024-05-02T12:00:00+02:00",
        "lang": "ar",
        "description": "ارتفعت أسعار الذهب اليوم.",
    }


# --- looks_like_html ------------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        "<!DOCTYPE html><html><head>",
        "\ufeff\n  <!doctype HTML>\n<html lang=fa>",
        "<html>\n<body>",
        "<HTML lang='ar'>",
        "<!DOCTYPE html",
        "<head><meta charset=utf-8>",
        "<body><p>x</p>",
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN">',
        "<!-- saved from url=(0042)https://example.com/ -->\n<html>",
        "<p>سلام دنیا</p>\n<p>پاراگراف دوم</p>",
        '<meta charset="utf-8">\n<title>خبر</title>',
        '<div class="article"><h1>عنوان</h1>',
        PERSIAN_PAGE[:1024],
        ARABIC_PAGE[:1024],
    ],
)
def test_looks_like_html(head):
    assert looks_like_html(head)


@pytest.mark.parametrize(
    "head",
    [
        "",
        "   \n",
        "سلام دنیا، این یک متن ساده است.",
        "اگر x < y باشد، آنگاه <b نیست.",
        "<<سلام>> گفت و رفت. <p> اینجا یک تگ است",
        "< p>not a tag</p>",
        "<سلام> و <خداحافظ>",
        "<p>only one tag, then prose",
        '{"id": 1, "text": "<p>x</p><p>y</p>"}',
        '<?xml version="1.0"?><rss version="2.0"><channel>',
        '<svg xmlns="http://www.w3.org/2000/svg"><text>x</text></svg>',
        "text first <html><body>",
        "<htmlx>",
        "<paragraph> and <divider>",
    ],
)
def test_does_not_look_like_html(head):
    assert not looks_like_html(head)


# --- never raises -------------------------------------------------------------

_SOUP = [
    "<p>", "</p>", "<div>", "</div>", "<div hidden>", "<span aria-hidden=true>", "</span>", "<b>", "</b>",
    "<br>", "<br/>", "</br>", "<hr>", "<pre>", "</pre>", "<table>", "<tr>", "<td>", "</td>", "</tr>",
    "<script>", "</script>", '<script type="application/ld+json">', "<style>", "</style>", "<svg>", "</svg>",
    "<title>", "</title>", "<head>", "</head>", "<body>", "<html lang=fa-IR>", "<article>", "</article>",
    '<time datetime="2024-01-01T00:00Z">', '<meta property="og:title" content="t">', '<meta name="date" content="',
    '<link rel=canonical href="u">', "<!--", "-->", "<!", "<![", "<![CDATA[", "]]>", "<?", "<!doctype html>",
    "&", "&nbsp;", "&zwnj;", "&#", "&#x", ";", "<", ">", "/>", "=", '"', "'", "{", "}", "[", "]", ":", ",",
    '"@type"', '"NewsArticle"', '"headline"', '"@graph"', "\n", " ", "\t", "\u00a0", "\r",
    "سلام", "می\u200cروم", "٣", "x",
]  # fmt: skip


def _check(doc):
    assert isinstance(doc, HtmlDocument)
    assert isinstance(doc.text, str)
    for line in doc.text.split("\n") if doc.text else []:
        assert line and line == line.strip(" \t\u00a0") and "  " not in line
    assert all(isinstance(k, str) and isinstance(v, str) and v for k, v in doc.meta.items())
    assert set(doc.meta) <= {"title", "url", "site_name", "published", "updated", "lang", "description"}


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(html):
    _check(html_to_document(html))


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_SOUP), st.text(max_size=4)), max_size=60).map("".join))
def test_never_raises_on_tag_soup(html):
    _check(html_to_document(html))


_LD_KEYS = ["@type", "@graph", "@id", "mainEntity", "mainEntityOfPage", "publisher", "name", "headline", "url",
            "datePublished", "dateModified"]  # fmt: skip
_LD_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5)
    | st.sampled_from(["NewsArticle", "Article", "#o", "2024-01-01", "2024-01-01T00:00Z"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(_LD_KEYS), inner, max_size=6),
    max_leaves=30,
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_LD_VALUES, min_size=1, max_size=3))
def test_never_raises_on_odd_jsonld(objects):
    _check(html_to_document("".join(ld(obj) for obj in objects)))


def test_looks_like_html_is_fast_on_a_run_of_comments():
    assert not looks_like_html("<!-- a -->" * 2000 + "x")
    assert looks_like_html("<!-- a -->" * 2000 + "<html>")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_looks_like_html_never_raises(head):
    assert isinstance(looks_like_html(head), bool)


@settings(max_examples=300, deadline=None)
@given(st.text().filter(lambda s: "<" not in s and "&" not in s))
def test_text_without_markup_is_only_whitespace_collapsed(s):
    expected = re.sub("[ \t\n\r\f\u00a0]+", " ", s.removeprefix("\ufeff")).strip(" ")
    assert text(s) == expected
