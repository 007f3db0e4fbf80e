"""The places part of the entity gazetteer: countries.tsv (generated) and places.tsv (by hand)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GAZETTEER = ROOT / "src" / "corpuskit" / "data" / "gazetteer"
SCRIPT = ROOT / "scripts" / "build-gazetteer-countries"
FILES = ["countries.tsv", "places.tsv"]
ID = re.compile(r"^(Q[1-9]\d*|local:[a-z0-9-]+)$")
HEADER = ["id", "label", "type", "lang", "name", "note"]

#: ISO codes every build must cover (UN members, observers, Kosovo, Taiwan...): a sample.
COUNTRY_IDS = {
    "Q30": "United States", "Q159": "Russia", "Q794": "Iran", "Q796": "Iraq", "Q858": "Syria",
    "Q79": "Egypt", "Q851": "Saudi Arabia", "Q183": "Germany", "Q142": "France", "Q145": "United Kingdom",
    "Q148": "China", "Q43": "Turkey", "Q801": "Israel", "Q889": "Afghanistan", "Q212": "Ukraine",
    "Q17": "Japan", "Q668": "India", "Q843": "Pakistan", "Q219060": "State of Palestine",
    "Q1246": "Kosovo", "Q865": "Taiwan", "Q237": "Vatican City", "Q265": "Uzbekistan",
    "Q184": "Belarus", "Q958": "South Sudan", "Q878": "United Arab Emirates", "Q817": "Kuwait",
}

#: (file, lang, spelling) that must be present: the places of data/samples/ and a few more.
SEEDS = [
    ("countries.tsv", "fa", "آمریکا"), ("countries.tsv", "ar", "أمريكا"), ("countries.tsv", "ar", "أميركا"),
    ("countries.tsv", "fa", "ایالات متحده"), ("countries.tsv", "ar", "الولايات المتحدة"),
    ("countries.tsv", "fa", "روسیه"), ("countries.tsv", "ar", "روسيا"), ("countries.tsv", "fa", "چین"),
    ("countries.tsv", "fa", "ایران"), ("countries.tsv", "fa", "افغانستان"), ("countries.tsv", "ar", "أفغانستان"),
    ("countries.tsv", "fa", "اوکراین"), ("countries.tsv", "fa", "اکراین"), ("countries.tsv", "ar", "أوكرانيا"),
    ("countries.tsv", "ar", "أوزبكستان"), ("countries.tsv", "ar", "جنوب السودان"), ("countries.tsv", "ar", "سوريا"),
    ("countries.tsv", "ar", "سورية"), ("countries.tsv", "ar", "إسرائيل"), ("countries.tsv", "ar", "السعودية"),
    ("countries.tsv", "ar", "الإمارات"), ("countries.tsv", "ar", "الكويت"), ("countries.tsv", "ar", "بيلاروسيا"),
    ("countries.tsv", "fa", "بریتانیا"), ("countries.tsv", "fa", "انگلیس"), ("countries.tsv", "ar", "بريطانيا"),
    ("countries.tsv", "ar", "المملكة المتحدة"), ("countries.tsv", "fa", "عربستان"),
    ("countries.tsv", "ar", "المملكة العربية السعودية"),
    ("places.tsv", "fa", "مسکو"), ("places.tsv", "ar", "موسكو"), ("places.tsv", "fa", "واشنگتن"),
    ("places.tsv", "ar", "واشنطن"), ("places.tsv", "ar", "طهران"), ("places.tsv", "ar", "هامبورغ"),
    ("places.tsv", "fa", "هامبورگ"), ("places.tsv", "ar", "جنيف"), ("places.tsv", "fa", "جنیف"),
    ("places.tsv", "ar", "هلسنكي"), ("places.tsv", "ar", "فلوريدا"), ("places.tsv", "ar", "الساحل"),
    ("places.tsv", "ar", "بكين"), ("places.tsv", "ar", "بيجين"), ("places.tsv", "ar", "قطاع غزة"),
    ("places.tsv", "ar", "الضفة الغربية"), ("places.tsv", "ar", "القدس"), ("places.tsv", "fa", "بیت‌المقدس"),
    ("places.tsv", "ar", "الجولان"), ("places.tsv", "ar", "كردستان العراق"), ("places.tsv", "ar", "القرم"),
    ("places.tsv", "fa", "کریمه"), ("places.tsv", "fa", "دونباس"), ("places.tsv", "ar", "الخليج"),
    ("places.tsv", "fa", "خلیج فارس"), ("places.tsv", "ar", "مضيق هرمز"), ("places.tsv", "fa", "تنگه هرمز"),
    ("places.tsv", "ar", "سيناء"), ("places.tsv", "ar", "دارفور"), ("places.tsv", "ar", "إدلب"),
    ("places.tsv", "ar", "حلب"), ("places.tsv", "ar", "الموصل"), ("places.tsv", "fa", "بلوچستان"),
    ("places.tsv", "fa", "خوزستان"), ("places.tsv", "fa", "کشمیر"), ("places.tsv", "fa", "سیبری"),
    ("places.tsv", "ar", "أوروبا"), ("places.tsv", "fa", "اروپا"), ("places.tsv", "ar", "آسيا"),
    ("places.tsv", "ar", "أفريقيا"), ("places.tsv", "ar", "الشرق الأوسط"), ("places.tsv", "fa", "خاورمیانه"),
    ("places.tsv", "fa", "آسیای مرکزی"), ("places.tsv", "fa", "بم"), ("places.tsv", "fa", "کرج"),
    ("places.tsv", "ar", "عمان"),
]

#: Names that must carry an ambiguous: note: (file, lang, name).
AMBIGUOUS = [
    ("places.tsv", "fa", "بم"), ("places.tsv", "fa", "کرج"), ("places.tsv", "ar", "الساحل"),
    ("places.tsv", "ar", "عمان"), ("countries.tsv", "ar", "عمان"), ("countries.tsv", "fa", "مالی"),
]

_FOLD = str.maketrans({"ي": "ی", "ك": "ک", "أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه"})


def fold(name: str) -> str:
    """The letter variants the matcher folds itself (FORMAT.md)."""
    return re.sub(r"[\u200c\s]+", "", name.translate(_FOLD))


def read(name: str) -> tuple[list[str], list[list[str]]]:
    lines = (GAZETTEER / name).read_text(encoding="utf-8").splitlines()
    comments = [line for line in lines if line.startswith("#")]
    body = [line for line in lines if not line.startswith("#")]
    assert body[0].split("\t") == HEADER, name
    return comments, [line.split("\t") for line in body[1:]]


ROWS = {name: read(name)[1] for name in FILES}
ALL = [(name, row) for name in FILES for row in ROWS[name]]


def matches(row: list[str], lang: str) -> bool:
    return row[3] in (lang, "both")


@pytest.mark.parametrize("name", FILES)
def test_header_comments(name):
    comments, _ = read(name)
    text = "\n".join(comments)
    assert "# format-version: 1" in comments
    assert "Sources" in text and ("MIT" in text or "Unicode License" in text) and "CC0" in text


def test_rows_are_well_formed():
    for name, row in ALL:
        assert len(row) == 6, (name, row)
        ident, label, kind, lang, spelling, note = row
        assert ID.match(ident), (name, row)
        assert kind == "LOC", (name, row)
        assert lang in ("fa", "ar", "both"), (name, row)
        assert label and label == label.strip() and re.search(r"[A-Za-z]", label), (name, row)
        assert spelling and spelling == spelling.strip() and "  " not in spelling, (name, row)
        assert not re.search(r"[A-Za-z]", spelling), (name, row)
        for tag in filter(None, note.split(",")):
            assert tag in ("surname", "short") or tag.startswith("ambiguous:") or re.fullmatch(r"[\w-]+", tag), row


def test_one_label_per_id_across_files():
    labels = defaultdict(set)
    for _, row in ALL:
        labels[row[0]].add(row[1])
    assert {i: ls for i, ls in labels.items() if len(ls) > 1} == {}


def test_no_duplicate_rows_even_after_folding():
    seen = {}
    for name, row in ALL:
        for lang in (["fa", "ar"] if row[3] == "both" else [row[3]]):
            key = (row[0], lang, fold(row[4]), row[5])
            assert key not in seen, f"{name}: {row} repeats {seen[key]}"
            seen[key] = row


def test_countries_and_places_do_not_share_ids():
    countries = {row[0] for row in ROWS["countries.tsv"]}
    places = {row[0] for row in ROWS["places.tsv"]}
    assert countries & places == set()


def test_every_country_has_a_persian_and_an_arabic_name():
    by_id = defaultdict(list)
    for row in ROWS["countries.tsv"]:
        by_id[row[0]].append(row)
    for ident, rows in by_id.items():
        assert any(matches(r, "fa") for r in rows), ident
        assert any(matches(r, "ar") for r in rows), ident
    for ident, label in COUNTRY_IDS.items():
        assert ident in by_id and by_id[ident][0][1] == label, ident
    assert len(by_id) >= 200


def test_every_iso_country_present():
    pycountry = pytest.importorskip("pycountry", reason="pycountry not installed: ISO list unavailable")
    skipped = {"BV", "HM", "UM", "GS", "TF", "IO"}  # no permanent population (SKIP in the script)
    ids = {row[0] for row in ROWS["countries.tsv"]}
    local = {i.removeprefix("local:country-").upper() for i in ids if i.startswith("local:country-")}
    n_wikidata = sum(1 for i in ids if i.startswith("Q"))
    codes = {c.alpha_2 for c in pycountry.countries} - skipped
    assert codes - local, "sanity"
    # every code is either a local:country-xx id or one of the Wikidata ids
    assert len(ids) == len(codes) + 1  # + Kosovo
    assert n_wikidata + len(local) == len(ids)


def test_seed_places_present():
    have = defaultdict(set)
    for name, row in ALL:
        for lang in (["fa", "ar"] if row[3] == "both" else [row[3]]):
            have[(name, lang)].add(fold(row[4]))
    missing = [seed for seed in SEEDS if fold(seed[2]) not in have[(seed[0], seed[1])]]
    assert missing == []


def test_ambiguous_names_are_marked():
    for name, lang, spelling in AMBIGUOUS:
        notes = [row[5] for row in ROWS[name] if matches(row, lang) and fold(row[4]) == fold(spelling)]
        assert notes and all("ambiguous:" in n for n in notes), (name, lang, spelling, notes)


def test_amman_and_oman_both_listed():
    ids = {row[0] for name, row in ALL if fold(row[4]) == fold("عمان") and matches(row, "ar")}
    assert {"Q842", "Q3805"} <= ids


def test_script_reproduces_countries_tsv(tmp_path):
    babel = pytest.importorskip("babel", reason="babel not installed: cannot regenerate countries.tsv")
    pycountry = pytest.importorskip("pycountry", reason="pycountry not installed: cannot regenerate countries.tsv")
    comments, _ = read("countries.tsv")
    header = "\n".join(comments)
    from importlib.metadata import version

    for dist, module in (("babel", babel), ("pycountry", pycountry)):
        if f"{'Babel' if dist == 'babel' else 'pycountry'} {version(dist)} " not in header:
            pytest.skip(f"{dist} {version(dist)} is not the version countries.tsv was built with")
    out = tmp_path / "countries.tsv"
    subprocess.run([sys.executable, str(SCRIPT), "--output", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == (GAZETTEER / "countries.tsv").read_bytes()
