"""The ORG part of the entity gazetteer: ``data/gazetteer/organizations.tsv``.

These tests read the file directly (not through the loader), so they check the
data itself: the format of FORMAT.md, one identity per organization in both
languages, and that every organization named in the sample articles is there.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GAZETTEER = ROOT / "src" / "corpuskit" / "data" / "gazetteer" / "organizations.tsv"
SAMPLES = ROOT / "data" / "samples"

HEADER = ["id", "label", "type", "lang", "name", "note"]
ID_RE = re.compile(r"Q[1-9][0-9]*|local:[a-z0-9]+(?:-[a-z0-9]+)*")

# What the matcher folds (FORMAT.md): rows that differ only in these are duplicates.
_FOLD = str.maketrans({"ي": "ی", "ك": "ک", "أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "\u200c": None, " ": None})


def fold(text: str) -> str:
    return text.translate(_FOLD)


def _lines() -> list[str]:
    return GAZETTEER.read_text(encoding="utf-8").splitlines()


def _rows() -> list[list[str]]:
    lines = [line for line in _lines() if not line.startswith("#")]
    assert lines[0].split("\t") == HEADER
    return [line.split("\t") for line in lines[1:]]


ROWS = _rows()


def _ids_for(name: str, langs: tuple[str, ...] = ("fa", "ar", "both")) -> set[str]:
    """The ids of every row whose name folds to the same string as ``name``."""
    key = fold(name)
    return {row[0] for row in ROWS if fold(row[4]) == key and row[3] in langs}


def _notes(row: list[str]) -> list[str]:
    return [tag.strip() for tag in row[5].split(",")] if row[5] else []


# -- the file ---------------------------------------------------------------


def test_file_starts_with_comments_sources_licence_and_version():
    lines = _lines()
    head = []
    for line in lines:
        if not line.startswith("#"):
            break
        head.append(line)
    assert head, "the file must start with comment lines"
    text = "\n".join(head)
    assert "# format-version: 1" in head
    assert "MIT" in text and "CC0" in text and "Wikidata" in text
    assert lines[len(head)].split("\t") == HEADER
    assert GAZETTEER.read_bytes().endswith(b"\n")
    assert b"\r" not in GAZETTEER.read_bytes()


def test_has_many_rows():
    assert len(ROWS) >= 400
    assert len({row[0] for row in ROWS}) >= 150


@pytest.mark.parametrize("row", ROWS, ids=lambda row: "|".join(row[:1] + row[3:5]))
def test_row_is_valid(row):
    assert len(row) == 6, row
    ident, label, kind, lang, name, note = row
    assert ID_RE.fullmatch(ident), ident
    assert kind == "ORG"
    assert lang in {"fa", "ar", "both"}
    assert label and label == label.strip() and label.isascii(), label
    assert name and name == name.strip(), repr(name)
    assert "  " not in name and "\u200c\u200c" not in name
    assert not name.startswith("\u200c") and not name.endswith("\u200c")
    # Names are in Persian/Arabic script (digits and a dot allowed, as in `کا.گ.ب`),
    # except agency names Persian and Arabic pages print in Latin letters (photo
    # credits: "عکس: Reuters/C. Barria"), which carry the tag latin-script.
    if "latin-script" in _notes(row):
        assert re.fullmatch(r"[A-Za-z][A-Za-z .&-]*", name), name
    else:
        assert not re.search(r"[A-Za-z]", name), name
        assert re.search(r"[\u0600-\u06ff]", name), name
    for tag in _notes(row):
        assert tag, f"empty tag in note {note!r}"
        if tag.startswith("ambiguous"):
            assert re.fullmatch(r"ambiguous:[a-z0-9]+(?:-[a-z0-9]+)*", tag), tag


def test_one_english_label_per_id():
    labels = defaultdict(set)
    for row in ROWS:
        labels[row[0]].add(row[1])
    assert {ident: names for ident, names in labels.items() if len(names) > 1} == {}


def test_one_id_per_label():
    ids = defaultdict(set)
    for row in ROWS:
        ids[row[1]].add(row[0])
    assert {label: found for label, found in ids.items() if len(found) > 1} == {}


def test_no_duplicate_id_lang_name():
    seen = set()
    for row in ROWS:
        key = (row[0], row[3], row[4])
        assert key not in seen, key
        seen.add(key)


def test_no_rows_that_differ_only_in_folded_letters():
    """Within one id, two rows whose names fold alike are one spelling.

    That holds across languages too: if the fa and the ar spelling fold alike,
    the row should be one `both` row.
    """
    by_key = defaultdict(list)
    for row in ROWS:
        by_key[(row[0], fold(row[4]))].append((row[3], row[4]))
    assert {key: rows for key, rows in by_key.items() if len(rows) > 1} == {}


def test_a_spelling_shared_by_two_organizations_is_marked_ambiguous():
    by_name = defaultdict(list)
    for row in ROWS:
        by_name[fold(row[4])].append(row)
    for rows in by_name.values():
        if len({row[0] for row in rows}) > 1:
            for row in rows:
                assert any(t.startswith("ambiguous:") for t in _notes(row)), row


# -- identities -------------------------------------------------------------


def test_nato_persian_and_arabic_rows_share_one_id():
    fa = _ids_for("ناتو", ("fa", "both")) | _ids_for("سازمان پیمان آتلانتیک شمالی", ("fa",))
    fa |= _ids_for("پیمان ناتو", ("fa",))
    ar = _ids_for("الناتو", ("ar",)) | _ids_for("حلف شمال الأطلسي", ("ar",))
    assert fa == ar == {"Q7184"}


@pytest.mark.parametrize(
    ("fa_name", "ar_name"),
    [
        ("سازمان ملل متحد", "الأمم المتحدة"),
        ("شورای امنیت سازمان ملل", "مجلس الأمن الدولي"),
        ("اتحادیه اروپا", "الاتحاد الأوروبي"),
        ("اتحادیه عرب", "جامعة الدول العربية"),
        ("آژانس بین‌المللی انرژی اتمی", "الوكالة الدولية للطاقة الذرية"),
        ("صندوق بین‌المللی پول", "صندوق النقد الدولي"),
        ("سازمان جهانی بهداشت", "منظمة الصحة العالمية"),
        ("خبرگزاری فرانسه", "وكالة فرانس برس"),
        ("آسوشیتدپرس", "أسوشيتد برس"),
        ("دویچه وله", "دويتشه فيله"),
        ("اسپوتنیک", "سبوتنيك"),
        ("ریانووستی", "ريا نوفوستي"),
        ("باشگاه خبرنگاران جوان", "وكالة نادي المراسلين الشباب للأنباء"),
        ("خبرگزاری مهر", "وكالة مهر للأنباء"),
        ("توییتر", "تويتر"),
        ("اینستاگرام", "إنستغرام"),
        ("حزب دموکرات", "الحزب الديمقراطي"),
        ("حزب جمهوری‌خواه", "الحزب الجمهوري"),
        ("سپاه پاسداران", "الحرس الثوري"),
        ("مجلس شورای اسلامی", "مجلس الشورى الإسلامي"),
        ("شورای نگهبان", "مجلس صيانة الدستور"),
        ("کاخ سفید", "البيت الأبيض"),
        ("کرملین", "الكرملين"),
        ("کنگره آمریکا", "الكونغرس"),
        ("سازمان سیا", "وكالة المخابرات المركزية"),
        ("موساد", "الموساد"),
        ("شورای امنیت ملی روسیه", "مجلس الأمن القومي الروسي"),
        ("وزارت خارجه روسیه", "وزارة الخارجية الروسية"),
        ("جنبش حماس", "حركة حماس"),
        ("اخوان‌المسلمین", "الإخوان المسلمون"),
        ("جنبش انصارالله", "الحوثيون"),
    ],
)
def test_persian_and_arabic_names_are_one_organization(fa_name, ar_name):
    fa = _ids_for(fa_name, ("fa", "both"))
    ar = _ids_for(ar_name, ("ar", "both"))
    assert len(fa) == 1, (fa_name, fa)
    assert fa == ar, (fa_name, fa, ar_name, ar)


def test_well_known_wikidata_ids():
    expected = {
        "الأمم المتحدة": "Q1065",
        "ناتو": "Q7184",
        "الاتحاد الأوروبي": "Q458",
        "رويترز": "Q130879",
        "دویچه وله": "Q701",
        "بی‌بی‌سی": "Q9531",
        "کاخ سفید": "Q35525",
        "حزب دموکرات آمریکا": "Q29552",
        "حزب جمهوری‌خواه آمریکا": "Q29468",
        "داعش": "Q2429253",
    }
    for name, ident in expected.items():
        assert _ids_for(name) == {ident}, name


# -- ambiguity ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["مهر", "فتح", "الجمهوري", "الديمقراطي", "أمل", "حماس", "سبوتنيك", "اسپوتنیک", "مجلس الأمن", "شورای امنیت", "مجلس", "القاعدة", "الجزيرة"],
)
def test_common_word_spellings_are_marked_ambiguous(name):
    rows = [row for row in ROWS if fold(row[4]) == fold(name)]
    assert rows, f"{name} is missing"
    for row in rows:
        assert any(t.startswith("ambiguous:") for t in _notes(row)), row


def test_mehr_news_agency_has_its_full_form_and_the_bare_month_name_only_as_ambiguous():
    assert _ids_for("خبرگزاری مهر") == {"local:mehr-news-agency"}
    bare = [row for row in ROWS if fold(row[4]) == fold("مهر")]
    assert [row[3] for row in bare] == ["fa"]


# -- the sample articles ------------------------------------------------------

# Every organization named in data/samples/*.txt, spelt as the article spells
# it, with the id it must get.
SEED_ORGANIZATIONS = [
    ("000_0910b1e2c8685b1a.txt", "دویچه وله", "Q701"),
    ("000_0910b1e2c8685b1a.txt", "دویچه وله فارسی", "local:dw-persian"),
    ("000_0910b1e2c8685b1a.txt", "كرملین", "local:kremlin"),
    ("000_0910b1e2c8685b1a.txt", "اینستاگرام", "Q209330"),
    ("000_0910b1e2c8685b1a.txt", "تلگرام", "local:telegram"),
    ("000_0910b1e2c8685b1a.txt", "حزب دموکرات", "Q29552"),
    ("000_0910b1e2c8685b1a.txt", "سازمانهای اطلاعاتی روسیه", "local:russian-intelligence-services"),
    ("001_ce289c37d510c88d.txt", "نوفوستي", "local:ria-novosti"),
    ("001_ce289c37d510c88d.txt", "الحزب الديمقراطي", "Q29552"),
    ("001_ce289c37d510c88d.txt", "البيت الأبيض", "Q35525"),
    ("001_ce289c37d510c88d.txt", "هيئة الرقابة الروسية", "local:rospotrebnadzor"),
    ("002_e68672c9ac4d086f.txt", "وكالة نادي المراسلين الشباب للأنباء", "local:young-journalists-club"),
    ("002_e68672c9ac4d086f.txt", "تويتر", "Q918"),
    ("002_e68672c9ac4d086f.txt", "الأمم المتحدة", "Q1065"),
    ("002_e68672c9ac4d086f.txt", "الكونغرس", "Q11268"),
    ("002_e68672c9ac4d086f.txt", "دول العشرين", "local:g20"),
    ("002_e68672c9ac4d086f.txt", "الجمهوري", "Q29468"),
    ("003_b8e355e6825be7e2.txt", "خبرگزاری مهر", "local:mehr-news-agency"),
    ("003_b8e355e6825be7e2.txt", "اسپوتنیک", "local:sputnik"),
    ("003_b8e355e6825be7e2.txt", "کرملین", "local:kremlin"),
    ("003_b8e355e6825be7e2.txt", "کاخ کرملین", "local:kremlin"),
    ("003_b8e355e6825be7e2.txt", "آسوشیتدپرس", "Q40469"),
    ("003_b8e355e6825be7e2.txt", "خبرگزاری آسوشیتدپرس", "Q40469"),
    ("003_b8e355e6825be7e2.txt", "سولار ویندز", "local:solarwinds"),
    ("003_b8e355e6825be7e2.txt", "طالبان", "Q42418"),
    ("003_b8e355e6825be7e2.txt", "کاخ سفید", "Q35525"),
    ("004_01a04b12ec460661.txt", "عربي بوست", "local:arabi-post"),
    ("004_01a04b12ec460661.txt", "رويترز", "Q130879"),
    ("004_01a04b12ec460661.txt", "مجلس الأمن القومي الروسي", "local:security-council-of-russia"),
    ("004_01a04b12ec460661.txt", "مجلس الأمن الروسي", "local:security-council-of-russia"),
    ("004_01a04b12ec460661.txt", "وكالة أسوشييتد برس", "Q40469"),
    ("004_01a04b12ec460661.txt", "الكونغرس", "Q11268"),
    ("004_01a04b12ec460661.txt", "الحزب الديمقراطي", "Q29552"),
    ("004_01a04b12ec460661.txt", "وزارة الخارجية الروسية", "local:russian-foreign-ministry"),
    ("004_01a04b12ec460661.txt", "وكالة الإعلام الروسية", "local:ria-novosti"),
    ("004_01a04b12ec460661.txt", "المجمع الانتخابي", "local:us-electoral-college"),
]


@pytest.mark.parametrize(("sample", "name", "ident"), SEED_ORGANIZATIONS, ids=lambda v: str(v))
def test_every_seed_organization_is_in_the_gazetteer(sample, name, ident):
    text = (SAMPLES / sample).read_text(encoding="utf-8")
    assert fold(name) in fold(text), f"{name} is not in {sample}: the list above is stale"
    lang = "fa" if sample.startswith(("000", "003")) else "ar"  # the language of each sample (README)
    assert _ids_for(name, (lang, "both")) == {ident}, name


def test_every_seed_file_has_organizations_listed():
    assert {sample for sample, _, _ in SEED_ORGANIZATIONS} == {path.name for path in SAMPLES.glob("*.txt")}


@pytest.mark.parametrize(
    "description",
    ["الحكومة الروسية", "دولت روسیه", "وكالات الاستخبارات الأميركية", "سرویس‌های اطلاعاتی ایالات متحده"],
)
def test_descriptions_of_bodies_are_not_organization_names(description):
    """docs/entities-gold.md: "the Russian government" or "the American
    intelligence agencies" describe a body, they do not name one."""
    key = description.translate(_FOLD)
    assert not [r for r in ROWS if r[4].translate(_FOLD) == key]
