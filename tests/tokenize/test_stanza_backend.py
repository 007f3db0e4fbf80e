"""The Stanza tokenizer backend, on a tiny real Persian model built offline
(tests/tokenize/tiny_stanza.py): spans, the folder it reads, its errors, its cache."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

stanza = pytest.importorskip("stanza", reason="stanza is not installed: the Stanza tokenizer backend is optional")

from corpuskit.pipeline import StageSetupError  # noqa: E402
from corpuskit.tokenize import stanza_backend  # noqa: E402
from corpuskit.tokenize.stanza_backend import check, load, resolve_dir, to_spans  # noqa: E402
from tiny_stanza import stanza_tiny_dir  # noqa: F401  (a session fixture: builds the tiny model once)

PERSIAN = "امروز هوا آفتابی است و بچه‌ها در پارک بازی می‌کنند. کتابخانهٔ شهر از ساعت هشت صبح باز می‌شود."
#: What Stanza's tokenizer reads as a space: NBSP, NEL (a C1 control), the line
#: separator, tabs, CRLF; plus an astral emoji, ZWNJ, a diacritic and a token
#: longer than the model's max_seqlen (Stanza's text for it is "<UNK>").
AWKWARD = (
    "  سلام\u00a0دنیا!\r\n\r\nچرا این‌قدر دیر آمدی؟ 😀 او ۳ سال\u0085در اصفهان\u2028زندگی\tکرد.  "
    + "ب" * 1200
    + " رودخانهٔ «آب» ... "
)


def check_spans(text: str, sentences: list[list[tuple[int, int]]]) -> None:
    """The contract of every corpuskit tokenizer: lists of lists of in-order,
    non-overlapping, non-empty spans without edge whitespace, covering every
    non-space character of the text."""
    assert isinstance(sentences, list)
    previous = 0
    for sentence in sentences:
        assert isinstance(sentence, list) and sentence
        for span in sentence:
            start, end = span
            assert isinstance(start, int) and isinstance(end, int)
            assert previous <= start < end <= len(text), (span, previous)
            assert not text[start].isspace() and not text[end - 1].isspace(), repr(text[start:end])
            previous = end
    covered = "".join(text[s:e] for sentence in sentences for s, e in sentence)
    assert "".join(covered.split()) == "".join(text.split())


@pytest.fixture(scope="module", autouse=True)
def one_torch_thread():
    """Torch's default threads fight over a busy machine's cores on inputs this
    small (a call taking seconds instead of milliseconds); restored afterwards."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture
def model_copy(stanza_tiny_dir: Path, tmp_path: Path) -> Path:
    """A copy of the tiny model in a folder of its own, so that it is not cached yet."""
    return Path(shutil.copytree(stanza_tiny_dir, tmp_path / "models"))


@pytest.fixture
def count_pipelines(monkeypatch: pytest.MonkeyPatch) -> list:
    """Every stanza.Pipeline built from here on, in order."""
    built = []
    original = stanza.Pipeline

    def counting(*args, **kwargs):
        built.append(kwargs)
        return original(*args, **kwargs)

    monkeypatch.setattr(stanza, "Pipeline", counting)
    return built


# --- tokenizing --------------------------------------------------------------


def test_tiny_model_loads_offline_and_tokenizes_persian(stanza_tiny_dir):
    tokenize = load("fa", str(stanza_tiny_dir))
    sentences = tokenize(PERSIAN)
    check_spans(PERSIAN, sentences)
    assert sum(map(len, sentences)) > 1
    words = [PERSIAN[s:e] for sentence in sentences for s, e in sentence]
    assert all(word == word.strip() for word in words)


def test_spans_hold_exactly_the_tokens_stanza_found(stanza_tiny_dir):
    tokenize = load("fa", str(stanza_tiny_dir))
    document = tokenize.pipeline(PERSIAN)
    expected = [[(t.start_char, t.end_char) for t in sentence.tokens] for sentence in document.sentences]
    assert tokenize(PERSIAN) == expected
    for sentence in document.sentences:
        for token in sentence.tokens:
            assert PERSIAN[token.start_char : token.end_char] == token.text


def test_offsets_are_code_points_into_the_text_given_even_where_stanza_rewrites_tokens(stanza_tiny_dir):
    tokenize = load("fa", str(stanza_tiny_dir))
    sentences = tokenize(AWKWARD)
    check_spans(AWKWARD, sentences)
    words = [AWKWARD[s:e] for sentence in sentences for s, e in sentence]
    assert "ب" * 1200 in words  # Stanza's token text is "<UNK>"; the span keeps the word
    emoji = AWKWARD.index("😀")
    assert any(s <= emoji < e for sentence in sentences for s, e in sentence)
    # Stanza itself normalises whitespace in token texts: that is why spans come
    # from offsets, never from token.text.
    texts = [t.text for s in tokenize.pipeline(AWKWARD).sentences for t in s.tokens]
    assert "<UNK>" in texts


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\u00a0\t"])
def test_empty_or_blank_text_has_no_sentences(stanza_tiny_dir, text):
    assert load("fa", str(stanza_tiny_dir))(text) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(
        alphabet=st.sampled_from(list("ابپتسشکگیهٔمنو‌ًّ۰۱۲3.،؟!«» \n\u00a0\t\u0085\u2028\u200bx😀")),
        max_size=120,
    )
)
def test_any_text_gets_valid_spans(stanza_tiny_dir, text):
    check_spans(text, load("fa", str(stanza_tiny_dir))(text))


# --- mapping Stanza's output back to the text ---------------------------------


def fake_document(*sentences):
    return SimpleNamespace(
        sentences=[
            SimpleNamespace(tokens=[SimpleNamespace(text=t, start_char=s, end_char=e) for t, s, e in tokens])
            for tokens in sentences
        ]
    )


def test_to_spans_trusts_offsets_that_hold_the_token_up_to_whitespace():
    text = "سلام\u00a0دنیا  خوب"
    document = fake_document([("سلام دنیا", 0, 9), ("خوب", 11, 14)])
    assert to_spans(document, text) == [[(0, 9), (11, 14)]]


def test_to_spans_trims_whitespace_at_the_edges_of_a_span():
    text = "  آب  نان "
    assert to_spans(fake_document([("آب", 1, 5), ("نان", 5, 10)]), text) == [[(2, 4), (6, 9)]]


def test_to_spans_finds_tokens_whose_offsets_are_wrong_or_missing():
    text = "آب\u0085و نان. نان"
    document = fake_document([("آب و", 3, 5), ("نان", None, None), (".", 99, 100)], [("نان", 0, 2)])
    assert to_spans(document, text) == [[(0, 4), (5, 8), (8, 9)], [(10, 13)]]
    for sentence in to_spans(document, text):
        for start, end in sentence:
            assert text[start:end].strip() == text[start:end]


def test_to_spans_refuses_a_token_that_is_not_in_the_text():
    with pytest.raises(ValueError, match="not found"):
        to_spans(fake_document([("آب", 0, 2), ("شیر", 3, 6)]), "آب نان")


def test_to_spans_drops_empty_sentences():
    assert to_spans(fake_document([], [("آب", 0, 2)], []), "آب") == [[(0, 2)]]


# --- the folder and its errors ---------------------------------------------------


def assert_one_line(error: StageSetupError, *parts: str) -> str:
    message = str(error)
    assert "\n" not in message and "\r" not in message
    assert error.stage == "tokenize"
    for part in parts:
        assert part in message, (part, message)
    return message


def test_missing_folder(tmp_path):
    folder = tmp_path / "nowhere"
    with pytest.raises(StageSetupError) as caught:
        load("fa", str(folder))
    message = assert_one_line(
        caught.value,
        f"Stanza model folder {folder} does not exist",
        f"{folder}/fa/tokenize/*.pt",
        f"{folder}/resources.json",
        f"stanza.download('fa', model_dir='{folder}', processors='tokenize')",
    )
    assert message.startswith("stage tokenize: ")


def test_folder_without_resources_json(stanza_tiny_dir, tmp_path):
    folder = Path(shutil.copytree(stanza_tiny_dir, tmp_path / "models"))
    (folder / "resources.json").unlink()
    with pytest.raises(StageSetupError) as caught:
        load("fa", str(folder))
    assert_one_line(caught.value, f"no resources.json in Stanza model folder {folder}", "stanza.download('fa'")


def test_folder_without_a_persian_tokenizer(tmp_path):
    (tmp_path / "resources.json").write_text(json.dumps({"ar": {"lang_name": "Arabic", "tokenize": {"padt": {}}}}))
    with pytest.raises(StageSetupError) as caught:
        load("fa", str(tmp_path))
    assert_one_line(
        caught.value,
        f"no Stanza tokenizer for 'fa' in {tmp_path}",
        f"(expected {tmp_path}/fa/tokenize/*.pt and {tmp_path}/resources.json)",
        f"python -c \"import stanza; stanza.download('fa', model_dir='{tmp_path}', processors='tokenize')\"",
    )


def test_resources_json_names_a_tokenizer_whose_file_is_missing(stanza_tiny_dir, tmp_path):
    folder = Path(shutil.copytree(stanza_tiny_dir, tmp_path / "models"))
    (folder / "fa" / "tokenize" / "tiny.pt").unlink()
    with pytest.raises(StageSetupError) as caught:
        load("fa", str(folder))
    assert_one_line(caught.value, f"no Stanza tokenizer for 'fa' in {folder}")


def test_resources_json_names_a_package_other_than_the_file_present(model_copy, capfd):
    tokenize_dir = model_copy / "fa" / "tokenize"
    (tokenize_dir / "tiny.pt").rename(tokenize_dir / "other.pt")
    with pytest.raises(StageSetupError) as caught:
        load("fa", str(model_copy))
    assert_one_line(caught.value, f"no Stanza tokenizer for 'fa' in {model_copy}: missing {tokenize_dir}/tiny.pt")
    assert capfd.readouterr().err == ""  # Stanza's own log lines are silenced while it builds


def test_check_fails_fast_without_torch_and_passes_a_good_folder(stanza_tiny_dir, tmp_path):
    assert check("fa", str(stanza_tiny_dir)) == str(stanza_tiny_dir)
    with pytest.raises(StageSetupError, match="no resources.json"):
        check("fa", str(tmp_path))
    code = (
        "import sys; from corpuskit.tokenize.stanza_backend import check\n"
        "try: check('fa', sys.argv[1])\n"
        "except Exception as e: print(type(e).__name__)\n"
        "print(sorted(m for m in ('stanza', 'torch') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["StageSetupError", "[]"]


def test_arabic_is_looked_up_as_ar(stanza_tiny_dir):
    with pytest.raises(StageSetupError) as caught:
        load("ar", str(stanza_tiny_dir))
    assert_one_line(caught.value, "no Stanza tokenizer for 'ar'", f"{stanza_tiny_dir}/ar/tokenize/*.pt")


def test_corrupt_model_file(model_copy, capfd):
    (model_copy / "fa" / "tokenize" / "tiny.pt").write_bytes(b"not a torch checkpoint\n" * 3)
    with pytest.raises(StageSetupError) as caught:
        load("fa", str(model_copy))
    assert_one_line(caught.value, f"cannot load the Stanza tokenizer for 'fa' from {model_copy}: ", "stanza.download('fa'")
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize(
    "error",
    [
        lambda path: stanza.resources.common.ResourcesFileNotFoundError(f"{path}/resources.json"),
        lambda path: FileNotFoundError(2, "No such file or directory", f"{path}/fa/tokenize/tiny.pt"),
        lambda path: stanza.pipeline.core.LanguageNotDownloadedError("fa", f"{path}/fa", f"{path}/fa/tokenize/tiny.pt"),
    ],
    ids=["ResourcesFileNotFoundError", "FileNotFoundError", "LanguageNotDownloadedError"],
)
def test_stanza_exceptions_become_one_line(model_copy, monkeypatch, error):
    def failing(*args, **kwargs):
        raise error(model_copy)

    monkeypatch.setattr(stanza, "Pipeline", failing)
    with pytest.raises(StageSetupError) as caught:
        load("fa", str(model_copy))
    assert_one_line(caught.value, f"no Stanza tokenizer for 'fa' in {model_copy}", "stanza.download('fa'")
    assert isinstance(caught.value.__cause__, FileNotFoundError)


def test_stanza_dir_comes_from_the_environment_when_not_given(stanza_tiny_dir, monkeypatch, tmp_path):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(stanza_tiny_dir))
    assert resolve_dir(None) == str(stanza_tiny_dir)
    assert load("fa", None) is load("fa", str(stanza_tiny_dir))
    assert resolve_dir(str(tmp_path)) == str(tmp_path)  # the argument wins
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "empty"))
    with pytest.raises(StageSetupError, match="empty does not exist"):
        load("fa", None)


def test_default_folder_is_stanzas(monkeypatch):
    monkeypatch.delenv("STANZA_RESOURCES_DIR", raising=False)
    from stanza.resources.common import USER_CACHE_DIR

    assert resolve_dir(None) == str(Path(USER_CACHE_DIR, "resources").absolute())
    assert resolve_dir("") == resolve_dir(None)


# --- loading once --------------------------------------------------------------------


def test_loaded_once_per_language_and_folder(model_copy, count_pipelines, monkeypatch):
    first = load("fa", str(model_copy))
    assert load("fa", str(model_copy)) is first
    assert load("fa", str(model_copy) + "/") is first
    monkeypatch.chdir(model_copy.parent)
    assert load("fa", model_copy.name) is first
    assert len(count_pipelines) == 1
    kwargs = count_pipelines[0]
    assert kwargs["download_method"] is None and kwargs["processors"] == "tokenize"
    assert kwargs["lang"] == "fa" and kwargs["dir"] == str(model_copy)


def test_a_failed_load_is_not_cached(model_copy, count_pipelines):
    resources = model_copy / "resources.json"
    saved = resources.read_text()
    resources.unlink()
    with pytest.raises(StageSetupError):
        load("fa", str(model_copy))
    resources.write_text(saved)
    assert load("fa", str(model_copy))(PERSIAN)
    assert len(count_pipelines) == 1


def test_one_torch_thread_in_a_worker_process_only(model_copy, stanza_tiny_dir, monkeypatch):
    import multiprocessing

    import torch

    calls = []
    monkeypatch.setattr(torch, "set_num_threads", calls.append)
    load("fa", str(stanza_tiny_dir))  # the main process: torch's threads untouched
    stanza_backend._CACHE.pop(("fa", str(stanza_tiny_dir)), None)
    load("fa", str(stanza_tiny_dir))
    assert calls == []
    monkeypatch.setattr(multiprocessing, "parent_process", lambda: object())
    load("fa", str(model_copy))
    assert calls == [1]


def test_importing_the_backend_loads_neither_stanza_nor_torch():
    code = (
        "import sys, corpuskit.tokenize.stanza_backend, corpuskit.stages.tokenize; "
        "print(sorted(m for m in ('stanza', 'torch') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"
