"""CoNLL 2018 tokenization and sentence scores (corpuskit.evaluate.tokens).

Hand-made cases with counts worked out by hand, each also scored by the
official algorithm (``udtools.udeval``: the CoNLL 2018 shared task's
conll18_ud_eval.py as updated for IWPT 2020, installed with stanza) on the
same gold and system written as CoNLL-U files; and the same comparison on the
real UD Persian dev sets with a simple regex tokenizer."""

import io
import re
from pathlib import Path

import pytest

from corpuskit.evaluate import conllu
from corpuskit.evaluate import tokens as T

UD_DIR = Path(__file__).resolve().parents[1] / "data" / "ud"
ZWNJ = "\u200c"


# --------------------------------------------------------------------------- helpers
#
# A sentence is written as its tokens: a space after a token means SpaceAfter
# (yes), "|" means no space; "+" inside a token makes it a multiword token of
# those words (the form is the words joined). "کتاب|‌ها" is two tokens with
# no space between them; "ماتم+ش" is one token of two words.


def parse_spec(sentence: str) -> list[tuple[str, bool, list[str]]]:
    """``[(form, space_after, words), ...]`` of one written sentence."""
    out = []
    for chunk in sentence.split(" "):
        pieces = chunk.split("|")
        for i, piece in enumerate(pieces):
            words = piece.split("+")
            out.append(("".join(words), i == len(pieces) - 1, words))
    return out


def spec_text(sentence: str) -> str:
    return sentence.replace("|", "").replace("+", "")


def flat_conllu(sentences: list[str]) -> str:
    """CoNLL-U of written sentences with a flat tree (the official scorer checks trees)."""
    lines = []
    for number, sentence in enumerate(sentences, 1):
        lines.append(f"# sent_id = {number}")
        lines.append(f"# text = {spec_text(sentence)}")
        word_id = 1
        for form, space_after, words in parse_spec(sentence):
            misc = "_" if space_after else "SpaceAfter=No"
            if len(words) > 1:
                lines.append(f"{word_id}-{word_id + len(words) - 1}\t{form}\t_\t_\t_\t_\t_\t_\t_\t{misc}")
                word_misc = "_"
            else:
                word_misc = misc
            for word in words:
                head, deprel = ("0", "root") if word_id == 1 else ("1", "dep")
                lines.append(f"{word_id}\t{word}\t_\t_\t_\t_\t{head}\t{deprel}\t_\t{word_misc}")
                word_id += 1
        lines.append("")
    return "\n".join(lines) + "\n"


def fake_tokenizer(system: list[str]):
    """A tokenizer that returns the written system segmentation of whatever text it gets."""
    sentences = [[form for form, _, _ in parse_spec(s)] for s in system]

    def tokenize(text: str):
        return T.align_tokens(text, sentences)

    return tokenize


def official(gold_conllu: str, system_conllu: str) -> dict[str, tuple[int, int, int]]:
    """(gold, system, correct) of Tokens and Sentences by udtools.udeval."""
    udeval = pytest.importorskip("udtools.udeval")
    gold = udeval.load_conllu(io.StringIO(gold_conllu), "gold", {})
    system = udeval.load_conllu(io.StringIO(system_conllu), "system", {})
    scores = udeval.evaluate(gold, system)
    return {k: (scores[k].gold_total, scores[k].system_total, scores[k].correct) for k in ("Tokens", "Sentences")}


def ours(gold: list[str], system: list[str], mode: str = "document") -> dict[str, tuple[int, int, int]]:
    ev = T.evaluate(fake_tokenizer(system), conllu.loads(flat_conllu(gold)), mode=mode)
    return {"Tokens": (ev.tokens.gold, ev.tokens.system, ev.tokens.correct),
            "Sentences": (ev.sentences.gold, ev.sentences.system, ev.sentences.correct)}


# (name, gold sentences, system sentences, Tokens (gold, system, correct), Sentences (...))
CASES = [
    ("perfect", ["ماتم+ش شد|.", "او آمد|."], ["ماتمش شد|.", "او آمد|."], (6, 6, 6), (2, 2, 2)),
    # a ZWNJ word split in two (the ZWNJ goes with the second piece)
    ("split at ZWNJ", ["کتاب‌ها را دید|."], ["کتاب|‌ها را دید|."], (4, 5, 3), (1, 1, 1)),
    # punctuation left on the word
    ("merge punctuation", ["او آمد|."], ["او آمد."], (3, 2, 1), (1, 1, 1)),
    ("merge two punctuation marks", ["شد|؟|!"], ["شد|؟!"], (3, 2, 1), (1, 1, 1)),
    ("number split", ["نرخ 10.7 درصد|."], ["نرخ 10|.|7 درصد|."], (4, 6, 3), (1, 1, 1)),
    # a sentence boundary missed: both gold sentences lost, the merged one wrong
    ("missed boundary", ["او آمد|.", "ما رفتیم|."], ["او آمد|. ما رفتیم|."], (6, 6, 6), (2, 1, 0)),
    # an abbreviation split off and taken for a sentence end
    ("spurious boundary", ["تاریخ ۱۹۱۷ م. و او آمد|."], ["تاریخ ۱۹۱۷ م|.", "و او آمد|."], (7, 8, 6), (1, 2, 0)),
    # one boundary moved: first sentence wrong, second wrong
    ("moved boundary", ["الف ب|:", "ج د|."], ["الف ب|: ج", "د|."], (6, 6, 6), (2, 2, 0)),
    # a multiword token is one surface token: its words do not count
    ("multiword token kept", ["ماتم+ش شد|."], ["ماتمش شد|."], (3, 3, 3), (1, 1, 1)),
    ("multiword token split", ["ماتم+ش شد|."], ["ماتم|ش شد|."], (3, 4, 2), (1, 1, 1)),
    # PerDT puts the final punctuation inside a clitic multiword token
    ("PerDT punctuation inside a multiword token", ["من پشیمان+م+."], ["من پشیمانم|."], (2, 3, 1), (1, 1, 1)),
    ("everything wrong", ["الف ب|.", "ج د|."], ["الف ب.", "ج", "د|."], (6, 5, 4), (2, 3, 1)),
]


@pytest.mark.parametrize("name, gold, system, tokens, sentences", CASES, ids=[c[0] for c in CASES])
def test_hand_made_cases(name, gold, system, tokens, sentences):
    assert ours(gold, system) == {"Tokens": tokens, "Sentences": sentences}


@pytest.mark.parametrize("name, gold, system, tokens, sentences", CASES, ids=[c[0] for c in CASES])
def test_hand_made_cases_agree_with_the_official_scorer(name, gold, system, tokens, sentences):
    assert official(flat_conllu(gold), flat_conllu(system)) == {"Tokens": tokens, "Sentences": sentences}


def test_precision_recall_f1():
    score = T.Score(gold=4, system=5, correct=3)
    assert score.precision == 3 / 5
    assert score.recall == 3 / 4
    assert score.f1 == pytest.approx(2 * 3 / 9)
    assert T.Score(0, 0, 0).f1 == 0.0
    assert score.as_dict()["correct"] == 3


def test_spans_score_is_the_official_merge():
    gold = [(0, 2), (2, 3), (3, 7), (7, 8)]
    system = [(0, 3), (3, 5), (5, 7), (7, 8)]
    # (0,2)~(0,3) same start, other end: wrong; (3,7)~(3,5): wrong; (7,8): right
    assert T.spans_score(gold, system) == T.Score(4, 4, 1)
    assert T.spans_score([], system) == T.Score(0, 4, 0)


# --------------------------------------------------------------------------- feeding modes


def test_document_mode_joins_lines_with_the_separator():
    gold = conllu.loads(flat_conllu(["او آمد|.", "ما رفتیم|."]))
    seen = []

    def tokenize(text):
        seen.append(text)
        return [[m.span() for m in re.finditer(r"\w+|[^\w\s]", text)]]

    T.evaluate(tokenize, gold)
    T.evaluate(tokenize, gold, separator="\n")
    assert seen == ["او آمد. ما رفتیم.", "او آمد.\nما رفتیم."]


def test_lines_mode_gives_the_sentence_boundaries_away():
    gold = conllu.loads(flat_conllu(["او آمد|.", "ما رفتیم|."]))
    seen = []

    def one_sentence(text):
        seen.append(text)
        return [[m.span() for m in re.finditer(r"\w+|[^\w\s]", text)]]

    document = T.evaluate(one_sentence, gold, mode="document")
    lines = T.evaluate(one_sentence, gold, mode="lines")
    assert seen == ["او آمد. ما رفتیم.", "او آمد.", "ما رفتیم."]
    assert (document.sentences.correct, lines.sentences.correct) == (0, 2)
    assert document.tokens == lines.tokens == T.Score(6, 6, 6)
    assert lines.chars == len("او آمد.") + len("ما رفتیم.")
    with pytest.raises(ValueError):
        T.evaluate(one_sentence, gold, mode="paragraphs")


def test_evaluate_reads_a_path(tmp_path):
    path = tmp_path / "gold.conllu"
    path.write_text(flat_conllu(["او آمد|."]), encoding="utf-8")
    ev = T.evaluate(fake_tokenizer(["او آمد|."]), path)
    assert ev.tokens.f1 == ev.sentences.f1 == 1.0
    assert ev.as_dict()["tokens"]["f1"] == 1.0
    assert ev.chars_per_second > 0


# --------------------------------------------------------------------------- spans


def test_from_spans_drops_whitespace():
    text = "  ab  c\u200cd \n"
    seg = T.from_spans(text, [[(0, 4), (6, 9)], [(9, 11)]])
    assert seg.characters == "abc\u200cd"
    assert seg.tokens == [(0, 2), (2, 5)]  # the whitespace-only span (9, 11) is no token
    assert seg.sentences == [(0, 5)]  # and its sentence is gone
    assert [seg.offsets[i] for i in range(len(seg.characters))] == [2, 3, 6, 7, 8]


def test_uncovered_characters_belong_to_no_token():
    # the ZWNJ of کتاب‌ها left out: gold's one token cannot be matched
    gold = conllu.loads(flat_conllu(["کتاب‌ها"]))
    system = T.from_spans("کتاب‌ها", [[(0, 4), (5, 7)]])
    scores = T.score(T.from_conllu(gold), system)
    assert scores["Tokens"] == T.Score(1, 2, 0)


@pytest.mark.parametrize("bad", [[[(0, 0)]], [[(2, 1)]], [[(0, 9)]], [[(-1, 1)]], [[(0, 2), (1, 3)]], [[(2, 3)], [(0, 1)]]])
def test_from_spans_rejects_bad_spans(bad):
    with pytest.raises(ValueError):
        T.from_spans("abcd", bad)


def test_character_mismatch():
    gold = T.from_conllu(conllu.loads(flat_conllu(["او آمد|."])))
    with pytest.raises(T.CharacterMismatch, match="character 2"):
        T.score(gold, T.from_spans("او رفت.", [[(0, 2), (3, 6), (6, 7)]]))


def test_as_sentences_accepts_dicts_objects_and_records():
    class Tok:
        def __init__(self, start, end):
            self.start, self.end = start, end

    assert T.as_sentences([[(0, 2), [3, 5]]]) == [[(0, 2), (3, 5)]]
    assert T.as_sentences([[{"start": 0, "end": 2, "text": "ab"}], [Tok(3, 5)]]) == [[(0, 2)], [(3, 5)]]
    record = {
        "sentences": [{"start": 0, "end": 7}, {"start": 8, "end": 15}],
        "tokens": [{"start": s, "end": e} for s, e in [(0, 2), (3, 6), (6, 7), (8, 10), (11, 14), (14, 15), (16, 17)]],
    }
    assert T.as_sentences(record) == [[(0, 2), (3, 6), (6, 7)], [(8, 10), (11, 14), (14, 15)], [(16, 17)]]


def test_align_tokens():
    text = "او  آمد.\nما رفتیم"
    assert T.align_tokens(text, [["او", "آمد", "."], ["ما", "رفتیم"]]) == [[(0, 2), (4, 7), (7, 8)], [(9, 11), (12, 17)]]
    # a token with whitespace the text lacks (or the other way round) still aligns
    assert T.align_tokens("ab cd", [["a b", "c d"]]) == [[(0, 2), (3, 5)]]
    with pytest.raises(ValueError, match="does not match"):
        T.align_tokens("او آمد", [["او", "رفت"]])


def test_token_and_sentence_diffs():
    gold = T.from_conllu(conllu.loads(flat_conllu(["کتاب‌ها را دید|.", "او آمد|."])))
    text = "کتاب‌ها را دید. او آمد."
    system = T.from_spans(text, T.align_tokens(text, [["کتاب", "‌ها", "را", "دید.", "او", "آمد", "."]]))
    diffs = T.token_diffs(gold, system)
    assert [(d.gold, d.system) for d in diffs] == [(("کتاب‌ها",), ("کتاب", "‌ها")), (("دید", "."), ("دید.",))]
    missed, spurious = T.sentence_boundary_diffs(gold, system)
    assert missed == [len("کتاب‌هارادید.")] and spurious == []


# --------------------------------------------------------------------------- real data


def regex_tokenizer(text: str):
    """Words (with ZWNJs and diacritics inside), numbers with . or / inside, single
    punctuation; a sentence ends after . ! ? ؟ followed by whitespace."""
    sentences, current = [], []
    for m in re.finditer(r"\d+(?:[./]\d+)*|[\w\u064b-\u065f\u0670]+(?:\u200c+[\w\u064b-\u065f\u0670]+)*\u200c?|[^\w\s]", text):
        current.append(m.span())
        if m.group() in {".", "!", "؟", "?"} and (m.end() == len(text) or text[m.end()].isspace()):
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences


def with_flat_trees(conllu_text: str) -> str:
    """Give every word a HEAD so that the official loader accepts the file."""
    out = []
    for line in conllu_text.split("\n"):
        cols = line.split("\t")
        if len(cols) == 10 and cols[0].isdigit():
            cols[6], cols[7] = ("0", "root") if cols[0] == "1" else ("1", "dep")
        out.append("\t".join(cols))
    return "\n".join(out)


@pytest.mark.parametrize("name", ["fa_seraji", "fa_perdt"])
def test_real_dev_sets_agree_with_the_official_scorer(name):
    path = UD_DIR / f"{name}-ud-dev.conllu"
    gold_text = path.read_text(encoding="utf-8")
    ev = T.evaluate(regex_tokenizer, conllu.read(path))
    # the same segmentation written as a system CoNLL-U file
    pairs = conllu.pairs_from_spans(ev.system.text, regex_tokenizer(ev.system.text))
    system_conllu = with_flat_trees(conllu.dumps(pairs))
    expected = official(gold_text, system_conllu)
    got = {"Tokens": (ev.tokens.gold, ev.tokens.system, ev.tokens.correct),
           "Sentences": (ev.sentences.gold, ev.sentences.system, ev.sentences.correct)}
    assert got == expected
    assert ev.tokens.f1 > 0.99 and ev.sentences.f1 < 1.0  # neither broken nor trivial
    # the gold scored against itself
    assert official(gold_text, gold_text)["Tokens"][2] == ev.tokens.gold
    perfect = T.score(T.from_conllu(path), T.from_conllu(path))
    assert perfect["Tokens"].f1 == perfect["Sentences"].f1 == 1.0


def test_the_gold_characters_are_the_text_lines_without_whitespace():
    for path in sorted(UD_DIR.glob("*.conllu")):
        sentences = conllu.read(path)
        gold = T.from_conllu(sentences)
        text = T.document_text(sentences)
        assert gold.characters == "".join(c for c in text if not c.isspace())
        assert len(gold.sentences) == len(sentences)
