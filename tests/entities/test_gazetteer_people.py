"""Checks of the people gazetteer (src/corpuskit/data/gazetteer/people.tsv).

The file is read here with a few lines of plain Python (not the loader), so
these tests hold the data to FORMAT.md whatever the loader does.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

PATH = Path(__file__).resolve().parents[2] / "src/corpuskit/data/gazetteer/people.tsv"
HEADER = ["id", "label", "type", "lang", "name", "note"]
ID_RE = re.compile(r"^(Q[1-9]\d*|local:[a-z0-9]+(?:-[a-z0-9]+)*)$")

_FOLD = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
     "ة": "ه", "ۀ": "ه", "\u200c": None, " ": None}
)


def fold(text: str) -> str:
    """The letter and space folding FORMAT.md says the matcher applies."""
    return text.translate(_FOLD)


def _read():
    comments, header, rows = [], None, []
    for n, line in enumerate(PATH.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#"):
            if header is None:
                comments.append(line)
            continue
        if header is None:
            header = line.split("\t")
            continue
        rows.append((n, line.split("\t")))
    return comments, header, rows


COMMENTS, HEAD, ROWS = _read()
RECORDS = [dict(zip(HEAD, fields)) for _, fields in ROWS]


def _langs(lang: str) -> set[str]:
    return {"fa", "ar"} if lang == "both" else {lang}


def names_of(pid: str, lang: str) -> dict[str, list[str]]:
    """Folded name -> note tags, for one id in one language."""
    out = {}
    for r in RECORDS:
        if r["id"] == pid and lang in _langs(r["lang"]):
            out[fold(r["name"])] = r["note"].split(",") if r["note"] else []
    return out


def test_header_comments_and_header_line():
    text = "\n".join(COMMENTS)
    assert "# format-version: 1" in COMMENTS
    assert "MIT" in text and "CC0" in text and "Wikidata" in text
    assert HEAD == HEADER


@pytest.mark.parametrize("lineno,fields", ROWS, ids=[str(n) for n, _ in ROWS])
def test_row_shape(lineno, fields):
    assert len(fields) == 6, f"line {lineno}: {fields}"
    pid, label, typ, lang, name, note = fields
    assert ID_RE.match(pid), f"line {lineno}: bad id {pid!r}"
    assert typ == "PER"
    assert lang in {"fa", "ar", "both"}
    assert label and label == label.strip() and re.search(r"[A-Za-z]", label)
    assert name and name == name.strip() and "  " not in name
    assert not re.search(r"[A-Za-z0-9]", name), f"line {lineno}: Latin or digit in {name!r}"
    for tag in filter(None, note.split(",")):
        assert tag in {"surname", "short"} or tag.startswith("ambiguous:"), tag


def test_enough_people():
    assert len(ROWS) >= 800
    assert len({r["id"] for r in RECORDS}) >= 300


def test_one_label_per_id_and_no_label_shared():
    labels = defaultdict(set)
    ids_of_label = defaultdict(set)
    for r in RECORDS:
        labels[r["id"]].add(r["label"])
        ids_of_label[r["label"]].add(r["id"])
    assert {i: ls for i, ls in labels.items() if len(ls) > 1} == {}
    assert {lb: ids for lb, ids in ids_of_label.items() if len(ids) > 1} == {}


def test_no_duplicate_spelling_per_id_and_language():
    """No two rows of one id in one language that the matcher folds together."""
    seen = {}
    for n, fields in ROWS:
        r = dict(zip(HEAD, fields))
        for lang in _langs(r["lang"]):
            key = (r["id"], lang, fold(r["name"]))
            assert key not in seen, f"line {n} repeats line {seen[key]}: {key}"
            seen[key] = n


def test_both_only_when_the_languages_would_not_differ():
    """A `both` row must not coexist with a fa or ar row of the same folded name."""
    for r in RECORDS:
        if r["lang"] == "both":
            for lang in ("fa", "ar"):
                assert sum(
                    1 for x in RECORDS
                    if x["id"] == r["id"] and fold(x["name"]) == fold(r["name"])
                    and lang in _langs(x["lang"])
                ) == 1


def test_shared_spellings_are_marked_ambiguous_both_ways():
    ids_by_name = defaultdict(set)
    for r in RECORDS:
        ids_by_name[fold(r["name"])].add(r["id"])
    all_ids = {r["id"] for r in RECORDS}
    for r in RECORDS:
        tags = r["note"].split(",") if r["note"] else []
        others = ids_by_name[fold(r["name"])] - {r["id"]}
        for other in others:
            assert f"ambiguous:{other}" in tags, (r, other)
        for tag in tags:
            if tag.startswith("ambiguous:Q") or tag.startswith("ambiguous:local:"):
                assert tag.split(":", 1)[1] in all_ids, tag


@pytest.mark.parametrize(
    "a,b,fa,ar",
    [
        ("Q23505", "Q207", "بوش", "بوش"),
        ("Q1124", "Q6294", "کلینتون", "كلينتون"),
        ("local:hafez-al-assad", "local:bashar-al-assad", "اسد", "الأسد"),
        ("local:condoleezza-rice", "local:susan-rice", "رایس", "رايس"),
        ("local:igor-ivanov", "local:sergei-ivanov", "ایوانف", "إيفانوف"),
    ],
)
def test_known_shared_surnames(a, b, fa, ar):
    for lang, name in (("fa", fa), ("ar", ar)):
        assert f"ambiguous:{b}" in names_of(a, lang)[fold(name)]
        assert f"ambiguous:{a}" in names_of(b, lang)[fold(name)]


def test_khomeini_and_khamenei_are_different_people():
    assert fold("خامنه‌ای") in names_of("Q57336", "fa")
    assert fold("خامنئی") in names_of("Q57336", "fa")
    assert fold("خمینی") in names_of("Q38823", "fa")
    assert fold("خمینی") not in names_of("Q57336", "fa")


def test_putin_persian_and_arabic_share_q7747():
    fa = {r["id"] for r in RECORDS if fold(r["name"]) == fold("ولادیمیر پوتین")}
    ar = {r["id"] for r in RECORDS if fold(r["name"]) == fold("فلاديمير بوتين")}
    assert fa == ar == {"Q7747"}
    assert fold("پوتن") in names_of("Q7747", "fa")


# Every person named in data/samples/*.txt, with the spelling the sample uses
# (id, language, spelling). Persian: 000, 003; Arabic: 001, 002, 004.
SEED_PEOPLE = [
    ("Q7747", "fa", "ولادیمیر پوتین"),
    ("Q7747", "fa", "پوتین"),
    ("Q7747", "ar", "فلاديمير بوتين"),
    ("Q7747", "ar", "بوتين"),
    ("Q7747", "ar", "بوتین"),  # 001, Persian yeh in an Arabic headline
    ("Q22686", "fa", "دونالد ترامپ"),
    ("Q22686", "fa", "ترامپ"),
    ("Q22686", "ar", "دونالد ترامب"),
    ("Q22686", "ar", "ترامب"),
    ("Q22686", "ar", "دونالد ترمب"),
    ("Q22686", "ar", "ترمب"),
    ("Q6279", "fa", "جو بایدن"),
    ("Q6279", "fa", "بایدن"),
    ("Q6279", "ar", "جو بايدن"),
    ("Q6294", "fa", "هیلاری کلینتون"),
    ("Q6294", "fa", "کلینتون"),
    ("Q6294", "ar", "هيلاري كلينتون"),
    ("local:alexei-navalny", "fa", "آلکسی ناوالنی"),
    ("local:abdel-fattah-el-sisi", "ar", "السيسي"),
    ("local:svetlana-lukash", "ar", "سفتلانا لوكاش"),
    ("local:svetlana-lukash", "ar", "لوكاش"),
    ("local:marco-rubio", "ar", "ماركو روبيو"),
    ("local:bashar-al-assad", "ar", "بشار الأسد"),
    ("local:robert-mueller", "ar", "روبرت مولر"),
    ("local:john-bolton", "ar", "جون بولتون"),
    ("local:john-bolton", "ar", "بولتون"),
    ("local:nikolai-patrushev", "ar", "نيكولاي باتروشيف"),
    ("local:nikolai-patrushev", "ar", "باتروشيف"),
    ("local:sergey-lavrov", "ar", "سيرغي لافروف"),
    ("local:sergey-lavrov", "ar", "لافروف"),
    ("local:mike-pompeo", "ar", "مايك بومبيو"),
    ("local:mike-pompeo", "ar", "بومبيو"),
    ("local:maria-butina", "ar", "ماريا بوتينا"),
]

# The seed people the samples also name by surname alone.
SEED_SURNAMES = [
    ("Q7747", "fa", "پوتین"),
    ("Q7747", "ar", "بوتين"),
    ("Q22686", "fa", "ترامپ"),
    ("Q22686", "ar", "ترامب"),
    ("Q22686", "ar", "ترمب"),
    ("Q6279", "fa", "بایدن"),
    ("Q6294", "fa", "کلینتون"),
    ("local:abdel-fattah-el-sisi", "ar", "السيسي"),
    ("local:svetlana-lukash", "ar", "لوكاش"),
    ("local:john-bolton", "ar", "بولتون"),
    ("local:nikolai-patrushev", "ar", "باتروشيف"),
    ("local:sergey-lavrov", "ar", "لافروف"),
    ("local:mike-pompeo", "ar", "بومبيو"),
]


@pytest.mark.parametrize("pid,lang,name", SEED_PEOPLE)
def test_seed_person_present(pid, lang, name):
    assert fold(name) in names_of(pid, lang), (pid, lang, name)


@pytest.mark.parametrize("pid,lang,name", SEED_SURNAMES)
def test_seed_surname_rows(pid, lang, name):
    assert "surname" in names_of(pid, lang)[fold(name)]


@pytest.mark.parametrize(
    "pid", sorted({pid for pid, _, _ in SEED_PEOPLE})
)
def test_seed_people_in_both_languages(pid):
    """The seeds name each person in one language; the gazetteer has both."""
    assert names_of(pid, "fa") and names_of(pid, "ar")


def test_samples_mention_the_seed_spellings():
    """The seed list above was read off the samples: keep it in step with them."""
    samples = Path(__file__).resolve().parents[2] / "data/samples"
    if not samples.is_dir():
        pytest.skip("no data/samples")
    text = fold("".join(p.read_text(encoding="utf-8") for p in sorted(samples.glob("*.txt"))))
    for _, _, name in SEED_PEOPLE:
        assert fold(name) in text, name
