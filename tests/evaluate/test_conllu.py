"""CoNLL-U reader and writer (corpuskit.evaluate.conllu): the UD Persian dev sets,
multiword tokens, empty nodes, SpaceAfter=No, round trips and malformed input."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuskit.evaluate import conllu
from corpuskit.evaluate.conllu import ConlluError

UD_DIR = Path(__file__).resolve().parents[1] / "data" / "ud"
SERAJI = UD_DIR / "fa_seraji-ud-dev.conllu"
PERDT = UD_DIR / "fa_perdt-ud-dev.conllu"


def line(*columns: str) -> str:
    """A token line: ID and FORM given, the rest ``_`` unless given."""
    cols = list(columns) + ["_"] * (10 - len(columns))
    return "\t".join(cols)


SAMPLE = "\n".join(
    [
        "# newdoc id = d1",
        "# newpar",
        "# sent_id = s1",
        "# text = ماتمش شد.",
        line("1-2", "ماتمش"),
        line("1", "ماتم", "ماتم", "NOUN", "_", "_", "3", "nsubj"),
        line("2", "ش", "او", "PRON", "_", "_", "1", "nmod"),
        line("3", "شد", "شد", "VERB", "_", "_", "0", "root", "_", "SpaceAfter=No"),
        line("3.1", "بود", "بود", "AUX", "_", "_", "_", "_", "3:aux"),
        line("4", ".", ".", "PUNCT", "_", "_", "3", "punct"),
        "",
        "# sent_id = s2",
        "# text = (ص)",
        line("1", "(", "(", "PUNCT", "_", "_", "2", "punct", "_", "SpaceAfter=No"),
        line("2", "ص", "ص", "NOUN", "_", "_", "0", "root", "_", "SpaceAfter=No"),
        line("3", ")", ")", "PUNCT", "_", "_", "2", "punct"),
        "",
        "",
    ]
)


# --------------------------------------------------------------------------- real files


@pytest.mark.parametrize(
    "path, sentences, tokens, words, multiword",
    [(SERAJI, 599, 15755, 15832, 77), (PERDT, 1456, 24751, 25147, 369)],
    ids=["seraji", "perdt"],
)
def test_reads_the_ud_dev_sets(path, sentences, tokens, words, multiword):
    parsed = conllu.read(path)
    assert len(parsed) == sentences
    assert sum(len(s.tokens) for s in parsed) == tokens
    assert sum(len(s.words) for s in parsed) == words
    assert sum(t.is_multiword for s in parsed for t in s.tokens) == multiword
    ids = [s.sent_id for s in parsed]
    assert all(ids) and len(set(ids)) == len(ids)
    for sentence in parsed:
        # the tokens and their SpaceAfter=No spell the # text line exactly
        assert sentence.surface_text() == sentence.text
        for token, (start, end) in zip(sentence.tokens, sentence.token_offsets()):
            assert sentence.text[start:end] == token.form


@pytest.mark.parametrize("path", [SERAJI, PERDT], ids=["seraji", "perdt"])
def test_real_files_round_trip_byte_for_byte(path, tmp_path):
    raw = path.read_text(encoding="utf-8")
    parsed = conllu.read(path)
    assert conllu.dumps(parsed) == raw
    copy = tmp_path / "copy.conllu"
    conllu.write(parsed, copy)
    assert copy.read_text(encoding="utf-8") == raw


def test_perdt_multiword_token_with_its_words():
    first = conllu.read(PERDT)[0]
    token = next(t for t in first.tokens if t.is_multiword)
    assert (token.id, token.form) == ("38-39", "ماتمش")
    assert [w.form for w in token.words] == ["ماتم", "ش"]
    assert [w.id for w in token.words] == ["38", "39"]


# --------------------------------------------------------------------------- the model


def test_multiword_tokens_empty_nodes_and_space_after():
    first, second = conllu.loads(SAMPLE)
    assert first.sent_id == "s1"
    assert first.text == "ماتمش شد."
    assert first.metadata["newdoc id"] == "d1"
    assert first.metadata["newpar"] is None
    assert [t.form for t in first.tokens] == ["ماتمش", "شد", "."]
    assert [t.id for t in first.tokens] == ["1-2", "3", "4"]
    assert first.tokens[0].is_multiword and not first.tokens[1].is_multiword
    assert [w.form for w in first.tokens[0].words] == ["ماتم", "ش"]
    assert [w.form for w in first.words] == ["ماتم", "ش", "شد", "."]
    assert [n.id for n in first.empty_nodes] == ["3.1"]
    assert [n.kind for n in first.nodes] == ["range", "word", "word", "word", "empty", "word"]
    assert first.pairs() == [("ماتمش", True), ("شد", False), (".", True)]
    assert first.surface_text() == first.text
    assert first.token_offsets() == [(0, 5), (6, 8), (8, 9)]
    assert second.pairs() == [("(", False), ("ص", False), (")", True)]
    assert second.surface_text() == "(ص)"


def test_space_after_of_a_multiword_token_is_on_its_range_line():
    text = "\n".join(
        [
            line("1-2", "ماتمش", "_", "_", "_", "_", "_", "_", "_", "SpaceAfter=No"),
            line("1", "ماتم", "_", "_", "_", "_", "0", "root"),
            line("2", "ش", "_", "_", "_", "_", "1", "nmod"),
            line("3", ".", "_", "_", "_", "_", "1", "punct"),
            "",
        ]
    )
    (sentence,) = conllu.loads(text)
    assert sentence.pairs() == [("ماتمش", False), (".", True)]
    assert sentence.surface_text() == "ماتمش."
    assert sentence.text is None


def test_misc_with_other_attributes():
    text = line("1", "a", "_", "_", "_", "_", "0", "root", "_", "Translit=a|SpaceAfter=No|Gloss=x") + "\n" + line("2", "b") + "\n"
    (sentence,) = conllu.loads(text)
    assert sentence.pairs() == [("a", False), ("b", True)]
    assert sentence.tokens[0].misc == "Translit=a|SpaceAfter=No|Gloss=x"


def test_file_endings_bom_crlf_and_no_final_blank_line():
    body = "\ufeff# text = a b\r\n" + line("1", "a") + "\r\n" + line("2", "b")
    (sentence,) = conllu.loads(body)
    assert sentence.text == "a b"
    assert sentence.pairs() == [("a", True), ("b", True)]


def test_token_offsets_skip_whitespace_and_reject_other_text():
    (sentence,) = conllu.loads("# text = a  ,b\n" + line("1", "a") + "\n" + line("2", ",") + "\n" + line("3", "b") + "\n")
    assert sentence.token_offsets() == [(0, 1), (3, 4), (4, 5)]
    with pytest.raises(ConlluError):
        sentence.token_offsets("a , c")
    with pytest.raises(ConlluError):
        sentence.token_offsets("a , b d")


@pytest.mark.parametrize(
    "text, message",
    [
        ("1\ta\t_\n", "10 tab-separated columns"),
        (line("x", "a") + "\n", "bad ID"),
        (line("2", "a") + "\n", "out of order"),
        (line("1", "a") + "\n" + line("3", "b") + "\n", "out of order"),
        (line("1-2", "ab") + "\n" + line("1", "a") + "\n", "missing words"),
        (line("1-2", "ab") + "\n" + line("1-2", "ab") + "\n", "inside range"),
        (line("2-3", "ab") + "\n" + line("1", "a") + "\n", "range"),
        (line("1", "a") + "\n# late comment\n", "comment line inside"),
        ("# sent_id = 1\n\n" + line("1", "a") + "\n", "comments without a sentence"),
        (line("1.1", "a") + "\n", "without words"),
    ],
)
def test_malformed_input_raises_with_a_line_number(text, message):
    with pytest.raises(ConlluError, match=message):
        conllu.loads(text)


def test_error_line_numbers():
    with pytest.raises(ConlluError) as info:
        conllu.loads("# text = a\n" + line("1", "a") + "\n\n" + "1\ta\n")
    assert info.value.line == 4


# --------------------------------------------------------------------------- writing


def test_writer_from_pairs():
    text = conllu.dumps([[("پوتین", False), (":", True), ("آمریکا", True), ("و", True), ("روسیه", False), (".", True)]])
    lines = text.split("\n")
    assert lines[0] == "# sent_id = 1"
    assert lines[1] == "# text = پوتین: آمریکا و روسیه."
    assert lines[2] == "1\tپوتین\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No"
    assert lines[3] == "2\t:\t_\t_\t_\t_\t_\t_\t_\t_"
    assert text.endswith(".\t_\t_\t_\t_\t_\t_\t_\t_\n\n")


def test_writer_sent_ids_and_last_token_without_space():
    pairs = [[("a", True), ("b", False)], [("c", True)]]
    text = conllu.dumps(pairs, sent_ids=["x-1", "x-2"])
    parsed = conllu.loads(text)
    assert [s.sent_id for s in parsed] == ["x-1", "x-2"]
    assert [s.text for s in parsed] == ["a b", "c"]
    assert [s.pairs() for s in parsed] == pairs


def test_read_of_write_round_trips_through_a_file(tmp_path):
    pairs = [[("به", True), ("گزارش", True), ("مهر", False), ("،", True)], [("(", False), ("ص", False), (")", True)]]
    path = tmp_path / "out.conllu"
    conllu.write(pairs, path)
    assert [s.pairs() for s in conllu.read(path)] == pairs
    with path.open(encoding="utf-8") as handle:
        assert [s.pairs() for s in conllu.read(handle)] == pairs


def test_writer_mixes_sentences_and_pairs():
    first = conllu.loads(SAMPLE)[0]
    text = conllu.dumps([first, [("x", True)]])
    again = conllu.loads(text)
    assert again[0].pairs() == first.pairs()
    assert again[0].comments == first.comments
    assert again[1].sent_id == "2"


@pytest.mark.parametrize("bad", [[], [("", True)], [("a\tb", True)], [("a\nb", True)], [("a\rb", True)]])
def test_writer_rejects_what_conllu_cannot_hold(bad):
    with pytest.raises(ValueError):
        conllu.dumps([bad])


def test_pairs_from_spans():
    text = "پوتین: آمریکا\tو روسیه.»بار"
    spans = [[(0, 5), (5, 6), (7, 13), (14, 15), (16, 21), (21, 22), (22, 23)], [(23, 26)]]
    pairs = conllu.pairs_from_spans(text, spans)
    assert pairs == [
        [("پوتین", False), (":", True), ("آمریکا", True), ("و", True), ("روسیه", False), (".", False), ("»", False)],
        [("بار", True)],
    ]
    assert conllu.pairs_from_spans("a\nb", [[(0, 3)], []]) == [[("a b", True)]]


FORM = st.text(
    alphabet=st.characters(blacklist_characters="\t\n\r", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.tuples(FORM, st.booleans()), min_size=1, max_size=8), max_size=5))
def test_round_trip_property(sentences):
    assert [s.pairs() for s in conllu.loads(conllu.dumps(sentences))] == sentences
