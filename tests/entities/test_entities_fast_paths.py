"""The shortcuts that make the offline entities stage fast keep its behaviour:
pieces cut from the raw text and folded word by word (gazetteer.Pieces), the
table of words that can start a name, the per-language trie, and the rules
visited only at their trigger words."""

import random
import re

import pytest

from corpuskit.dates.fold import fold
from corpuskit.entities import gazetteer as gaz
from corpuskit.entities.extract import find_entities
from corpuskit.entities.gazetteer import PIECE, Pieces, build, find, parse


def test_fold_makes_no_word_character_and_unmakes_none():
    """Pieces cuts the raw text, not the folded one: both must have the same pieces."""
    every = "".join(map(chr, range(0x110000)))
    word = re.compile(r"\w")
    folded = fold(every)
    assert len(folded) == len(every)
    assert word.sub("\x01", every).translate({c: 2 for c in range(0x110000) if c != 1}) == word.sub(
        "\x01", folded
    ).translate({c: 2 for c in range(0x110000) if c != 1})


ALPHABET = list("ابپتثجحخدذرزژسشصضطظعغفقکگلمنوهیيكةۀأإآٱى") + list("۰۱۹٠٩09٫٬.,،؛!?/-_") + [
    " ", " ", " ", "\u200c", "\u00a0", "\u2009", "\u202f", "\n", "a", "Z", "\U0001f600", "\u064e"
]


@pytest.mark.parametrize("seed", range(5))
def test_pieces_are_the_folded_texts_pieces(seed):
    rng = random.Random(seed)
    for _ in range(200):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 60)))
        pieces = Pieces(text)
        matches = list(PIECE.finditer(fold(text)))
        assert pieces.words == [m.group() for m in matches]
        assert [(pieces.start(i), pieces.end(i)) for i in range(len(matches))] == [m.span() for m in matches]
        assert [fold(g) for g in pieces.gaps] == re.split(r"\w+", fold(text))
        for i in range(len(matches)):
            gap = fold(text)[matches[i].end() : matches[i + 1].start()] if i + 1 < len(matches) else None
            assert pieces.joined(i) == bool(gap and gaz.NAME_GAP.fullmatch(gap))


def test_the_word_cache_may_be_emptied_at_any_time(monkeypatch):
    text = "به گزارش خبرگزاری مهر، ولادیمیر پوتین و دونالد ترامپ در هلسینکی دیدار کردند."
    expected = find_entities(text, "fa")
    monkeypatch.setattr(gaz, "_FOLDED_MAX", 3)
    gaz._FOLDED.clear()
    assert find_entities(text, "fa") == expected
    assert len(gaz._FOLDED) <= len(set(PIECE.findall(text)))


def test_a_no_break_space_joins_a_name_and_a_zwnj_suffix_still_unmakes_it():
    assert [s["text"] for s in find_entities("دویچه\u00a0وله گزارش داد", "fa")] == ["دویچه\u00a0وله"]
    assert find_entities("سیاست روسیه\u200cای", "fa") == []


def test_clitics_read_off_a_word_that_also_starts_a_name_itself():
    [span] = find_entities("قال للولايات المتحدة أمس", "ar")
    assert span["text"] == "لولايات المتحدة"


SMALL = build(
    parse(
        "# format-version: 1\nid\tlabel\ttype\tlang\tname\tnote\n"
        "Q1\tCouncil\tORG\tboth\tمجلس\t\nQ2\tSecurity Council\tORG\tar\tمجلس امن\t\n",
        "t",
    )
)


def test_a_longer_name_of_another_language_still_hides_the_shorter_one():
    """The matcher takes the longest name first and only then keeps the rows of
    the text's language: with none left, the start position gives nothing."""
    assert find("مجلس امن", SMALL, "fa") == []
    assert [(m.start, m.end, [r.id for r in m.rows]) for m in find("مجلس امن", SMALL, "ar")] == [(0, 8, ["Q2"])]
    assert [[r.id for r in m.rows] for m in find("مجلس", SMALL, "fa")] == [["Q1"]]
    assert [[r.id for r in m.rows] for m in find("مجلس امن", SMALL, None)] == [["Q2"]]


def test_matches_carry_their_first_and_last_piece():
    [match] = find("گفت ولادیمیر پوتین امروز", None, "fa")
    assert (match.first, match.last) == (1, 2)
