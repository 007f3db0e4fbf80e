"""The NER model backends of the entities stage, on tiny real models built
offline by tests/entities/tiny_ner_models.py: Stanza (fa, ar) and CAMeL Tools
(ar). The models are too small to tag well: these tests check the plumbing
(loading offline, shapes, offsets, label mapping, errors, caching)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest

stanza = pytest.importorskip("stanza", reason="stanza is not installed: the Stanza NER backend is optional")

from tiny_ner_models import (  # noqa: E402
    build_tiny_camel_ner,
    build_tiny_stanza_ner,
    tagged_sentences,
)

from corpuskit.entities import camel_backend, stanza_backend  # noqa: E402
from corpuskit.entities.models import find_models  # noqa: E402
from corpuskit.entities.stanza_backend import LABELS, map_type, tags_to_spans  # noqa: E402
from corpuskit.pipeline import StageSetupError  # noqa: E402

FA = [["علی", "رضایی", "دیروز", "به", "تهران", "رفت", "."], ["بانک", "مرکزی", "نرخ", "ارز", "را", "اعلام", "کرد", "."]]
AR = [["زار", "محمد", "علي", "القاهرة", "أمس", "."], ["أعلنت", "شركة", "أرامكو", "عن", "أرباح", "جديدة", "."]]


@contextmanager
def private_home(root: Path):
    """HOME and the Hugging Face caches in a temporary folder while the models are
    built and first loaded: importing camel_tools creates ~/.camel_tools, and
    transformers may write caches. Restored afterwards."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(root))
        patch.setenv("HF_HOME", str(root / "hf"))
        patch.setenv("HF_HUB_OFFLINE", "1")
        patch.setenv("TRANSFORMERS_OFFLINE", "1")
        patch.delenv("CAMELTOOLS_DATA", raising=False)
        yield root


@pytest.fixture(scope="session")
def stanza_ner_dir(tmp_path_factory) -> Path:
    """A Stanza folder with tiny NER models for fa and ar, trained side by side."""
    root = tmp_path_factory.mktemp("stanza-ner")
    started = time.monotonic()
    with private_home(tmp_path_factory.mktemp("home")), ThreadPoolExecutor(2) as pool:
        builds = [pool.submit(build_tiny_stanza_ner, root / "models", lang, root / f"work-{lang}") for lang in ("fa", "ar")]
        for build in builds:
            build.result()
    print(f"tiny Stanza NER models built in {time.monotonic() - started:.1f} s")
    return root / "models"


@pytest.fixture(scope="session")
def camel_data_dir(tmp_path_factory) -> Path:
    """A CAMeL data folder holding only the tiny NER model at data/ner/arabert,
    loaded once (the first import of camel_tools happens here, in a private HOME)."""
    pytest.importorskip("transformers")
    pytest.importorskip("camel_tools")
    root = tmp_path_factory.mktemp("camel-data")
    started = time.monotonic()
    with private_home(tmp_path_factory.mktemp("home")):
        build_tiny_camel_ner(root)
        camel_backend.load(str(root))
    print(f"tiny CAMeL NER model built and loaded in {time.monotonic() - started:.1f} s")
    return root


@pytest.fixture(scope="module", autouse=True)
def one_torch_thread():
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def check_spans(sentences: list[list[str]], result) -> None:
    """One list per sentence of in-order, non-overlapping, in-range spans with our labels."""
    assert isinstance(result, list) and len(result) == len(sentences)
    for tokens, spans in zip(sentences, result):
        assert isinstance(spans, list)
        previous = 0
        for span in spans:
            assert isinstance(span, tuple) and len(span) == 3
            first, end, label = span
            assert isinstance(first, int) and isinstance(end, int)
            assert previous <= first < end <= len(tokens), (span, tokens)
            assert label in LABELS
            previous = end


def assert_one_line(error: StageSetupError, *parts: str) -> str:
    message = str(error)
    assert error.stage == "entities"
    assert "\n" not in message and "\r" not in message
    for part in parts:
        assert part in message, (part, message)
    return message


# --- tags -> spans ---------------------------------------------------------------


@pytest.mark.parametrize(
    "tags, spans",
    [
        (["B-PERS", "E-PERS", "O", "S-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
        (["B-pers", "I-pers", "E-pers"], [(0, 3, "PER")]),
        (["S-fac", "S-pro", "S-event", "S-org"], [(0, 1, "LOC"), (1, 2, "MISC"), (2, 3, "EVENT"), (3, 4, "ORG")]),
        (["B-PERS", "I-PERS", "O", "B-ORG", "I-ORG"], [(0, 2, "PER"), (3, 5, "ORG")]),  # BIO, ends at the end
        (["B-LOC", "B-LOC"], [(0, 1, "LOC"), (1, 2, "LOC")]),
        (["I-MISC", "I-MISC", "O"], [(0, 2, "MISC")]),  # I without B opens an entity
        (["B-PER", "I-LOC", "E-LOC"], [(0, 1, "PER"), (1, 3, "LOC")]),  # a type change starts a new one
        (["E-ORG", "O", "B-ORG"], [(0, 1, "ORG"), (2, 3, "ORG")]),
        (["O", "O"], []),
        ([], []),
        ([None, "S-PER", None], [(1, 2, "PER")]),
        (["S-gpe", "S-weird"], [(0, 1, "LOC"), (1, 2, "MISC")]),  # an unknown type is still an entity
    ],
)
def test_tags_to_spans(tags, spans):
    assert tags_to_spans(tags) == spans


def test_label_mapping_of_every_model_type():
    persian = {"pers": "PER", "org": "ORG", "loc": "LOC", "fac": "LOC", "pro": "MISC", "event": "EVENT"}
    arabic = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}
    camel = {"PERS": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}
    for table in (persian, arabic, camel):
        for entity_type, label in table.items():
            assert map_type(entity_type) == label
    camel_spans = tags_to_spans(["B-PERS", "I-PERS", "B-LOC", "B-ORG", "I-ORG", "B-MISC", "O"])
    assert camel_spans == [(0, 2, "PER"), (2, 3, "LOC"), (3, 5, "ORG"), (5, 6, "MISC")]


# --- Stanza ------------------------------------------------------------------------


def test_stanza_fa_loads_offline_and_returns_spans(stanza_ner_dir):
    tag = stanza_backend.load("fa", str(stanza_ner_dir))
    check_spans(FA, tag(FA))
    train = [[word for word, _ in sentence] for sentence in tagged_sentences("fa")]
    result = tag(train)
    check_spans(train, result)
    # The spans are exactly what Stanza's own BIOES tags say, token for token.
    document = tag.pipeline(train)
    assert [len(s.tokens) for s in document.sentences] == [len(s) for s in train]
    assert result == [tags_to_spans(t.ner for t in s.tokens) for s in document.sentences]
    # The tiny model learnt some of its training names: real tags flow through the mapping.
    labels = {label for spans in result for _, _, label in spans}
    assert labels and labels <= set(LABELS)


def test_stanza_ar_loads_offline_and_returns_spans(stanza_ner_dir):
    tag = stanza_backend.load("ar", str(stanza_ner_dir))
    check_spans(AR, tag(AR))
    train = [[word for word, _ in sentence] for sentence in tagged_sentences("ar")]
    result = tag(train)
    check_spans(train, result)
    assert {label for spans in result for _, _, label in spans} <= {"PER", "LOC", "ORG", "MISC"}
    assert any(result)


def test_stanza_keeps_our_tokens_and_empty_sentences(stanza_ner_dir):
    tag = stanza_backend.load("fa", str(stanza_ner_dir))
    sentences = [[], ["علی"], [], ["سلام\u00a0دنیا", "x y", "‌", "😀"], []]
    result = tag(sentences)
    check_spans(sentences, result)
    assert result[0] == result[2] == result[4] == []
    assert tag([]) == [] and tag([[]]) == [[]]


def test_stanza_pipeline_is_cached(stanza_ner_dir, monkeypatch):
    first = stanza_backend.load("fa", str(stanza_ner_dir))
    assert stanza_backend.load("fa", str(stanza_ner_dir) + "/") is first
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(stanza_ner_dir))
    assert stanza_backend.load("fa", None) is first
    assert stanza_backend.load("ar", str(stanza_ner_dir)) is not first
    config = first.pipeline.config
    assert config["tokenize_pretokenized"] is True
    assert list(first.pipeline.processors) == ["tokenize", "ner"]


def test_stanza_missing_folder(tmp_path):
    folder = tmp_path / "nowhere"
    with pytest.raises(StageSetupError) as caught:
        stanza_backend.load("fa", str(folder))
    message = assert_one_line(
        caught.value,
        f"Stanza model folder {folder} does not exist",
        f"{folder}/resources.json",
        f"stanza.download('fa', model_dir='{folder}', processors='tokenize,ner')",
    )
    assert message.startswith("stage entities: ")


def test_stanza_empty_folder(tmp_path):
    with pytest.raises(StageSetupError) as caught:
        stanza_backend.load("fa", str(tmp_path))
    assert_one_line(caught.value, f"no resources.json in Stanza model folder {tmp_path}", "processors='tokenize,ner'")


def test_stanza_folder_without_resources_json(stanza_ner_dir, tmp_path):
    folder = Path(shutil.copytree(stanza_ner_dir, tmp_path / "models"))
    (folder / "resources.json").unlink()
    with pytest.raises(StageSetupError) as caught:
        stanza_backend.load("ar", str(folder))
    assert_one_line(caught.value, f"no resources.json in Stanza model folder {folder}", "stanza.download('ar'")


def test_stanza_resources_json_without_ner_for_the_language(stanza_ner_dir, tmp_path):
    folder = Path(shutil.copytree(stanza_ner_dir, tmp_path / "models"))
    resources = json.loads((folder / "resources.json").read_text(encoding="utf-8"))
    del resources["fa"]["ner"]
    (folder / "resources.json").write_text(json.dumps(resources), encoding="utf-8")
    with pytest.raises(StageSetupError) as caught:
        stanza_backend.load("fa", str(folder))
    assert_one_line(caught.value, f"no Stanza NER model for 'fa' in {folder}/resources.json", f"{folder}/fa/ner/*.pt")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "resources.json").write_text(json.dumps({"ar": resources["ar"]}), encoding="utf-8")
    with pytest.raises(StageSetupError, match="no Stanza NER model for 'fa'"):
        stanza_backend.load("fa", str(tmp_path / "other"))


def test_stanza_model_file_missing(stanza_ner_dir, tmp_path):
    folder = Path(shutil.copytree(stanza_ner_dir, tmp_path / "models"))
    (folder / "fa" / "ner" / "tiny.pt").unlink()
    with pytest.raises(StageSetupError) as caught:
        stanza_backend.load("fa", str(folder))
    assert_one_line(caught.value, f"missing {folder}/fa/ner/tiny.pt")


def test_stanza_dependency_missing(stanza_ner_dir, tmp_path, capfd):
    folder = Path(shutil.copytree(stanza_ner_dir, tmp_path / "models"))
    (folder / "fa" / "pretrain" / "tiny.pt").unlink()
    with pytest.raises(StageSetupError) as caught:
        stanza_backend.load("fa", str(folder))
    assert_one_line(caught.value, "Stanza NER model for 'fa'", str(folder))
    assert capfd.readouterr().err == ""
    assert ("fa", str(folder)) not in stanza_backend._CACHE  # a failure is not cached


# --- CAMeL Tools ---------------------------------------------------------------------


def test_camel_loads_offline_and_returns_spans(camel_data_dir):
    tag = camel_backend.load(str(camel_data_dir))
    result = tag(AR)
    check_spans(AR, result)
    # A random model: the spans are just what its B-/I- labels say, token for token.
    labels = tag.recognizer.predict(AR)
    assert result == [tags_to_spans(sentence) for sentence in labels]
    assert {label for sentence in labels for label in sentence} <= set(tag.recognizer.labels())
    assert not (camel_data_dir / "catalogue.json").exists()  # nothing written to the user's folder
    assert sorted(p.name for p in camel_data_dir.iterdir()) == ["data"]


def test_camel_keeps_alignment_for_words_without_word_pieces(camel_data_dir):
    tag = camel_backend.load(str(camel_data_dir))
    sentences = [["\u200b", "محمد", " ", "علي", "ب" * 500], [], ["\u200c"]]
    result = tag(sentences)
    check_spans(sentences, result)
    assert result[1] == [] and result[2] == []
    for first, end, _ in result[0]:
        assert 0 not in range(first, end) and 2 not in range(first, end)  # no word pieces: always O
    assert tag([]) == []


def test_camel_model_is_cached(camel_data_dir, monkeypatch):
    first = camel_backend.load(str(camel_data_dir))
    assert camel_backend.load(str(camel_data_dir / "data" / "ner" / "arabert")) is first  # the model folder itself
    monkeypatch.setenv("CAMELTOOLS_DATA", str(camel_data_dir))
    assert camel_backend.load(None) is first


def test_camel_missing_folder(tmp_path):
    folder = tmp_path / "nowhere"
    with pytest.raises(StageSetupError) as caught:
        camel_backend.load(str(folder))
    assert_one_line(
        caught.value,
        f"CAMeL Tools data folder {folder} does not exist",
        f"{folder}/data/ner/arabert",
        "camel_data -i ner-arabert",
    )


def test_camel_folder_without_model(tmp_path):
    with pytest.raises(StageSetupError) as caught:
        camel_backend.load(str(tmp_path))
    assert_one_line(caught.value, f"no CAMeL Tools NER model in {tmp_path}: missing {tmp_path}/data/ner/arabert")


def test_camel_incomplete_model(camel_data_dir, tmp_path):
    folder = Path(shutil.copytree(camel_data_dir, tmp_path / "camel"))
    (folder / "data" / "ner" / "arabert" / "model.safetensors").unlink()
    with pytest.raises(StageSetupError) as caught:
        camel_backend.load(str(folder))
    assert_one_line(caught.value, f"incomplete CAMeL Tools NER model in {folder}/data/ner/arabert", "model.safetensors")


# --- find_models --------------------------------------------------------------------


def test_find_models_reports_what_is_present(stanza_ner_dir, camel_data_dir):
    found = {(m["backend"], m["lang"]): m for m in find_models(str(stanza_ner_dir), str(camel_data_dir))}
    assert set(found) == {("stanza", "fa"), ("stanza", "ar"), ("camel", "ar")}
    for entry in found.values():
        assert set(entry) == {"backend", "lang", "processor", "path", "present", "note"}
        assert entry["present"] is True and entry["processor"] == "ner"
    assert found["stanza", "fa"]["path"] == str(stanza_ner_dir / "fa" / "ner" / "tiny.pt")
    assert found["camel", "ar"]["path"] == str(camel_data_dir / "data" / "ner" / "arabert")


def test_find_models_reports_what_is_absent(stanza_ner_dir, tmp_path):
    found = find_models(str(tmp_path / "none"), str(tmp_path / "none"))
    assert [m["present"] for m in found] == [False, False, False]
    assert all(m["note"] for m in found)
    assert "does not exist" in found[0]["note"] and "processors='tokenize,ner'" in found[0]["note"]
    folder = Path(shutil.copytree(stanza_ner_dir, tmp_path / "models"))
    shutil.rmtree(folder / "ar")
    found = {(m["backend"], m["lang"]): m for m in find_models(str(folder), str(tmp_path))}
    assert found["stanza", "fa"]["present"] is True
    assert found["stanza", "ar"]["present"] is False and "missing" in found["stanza", "ar"]["note"]
    assert found["camel", "ar"]["present"] is False and "data/ner/arabert" in found["camel", "ar"]["note"]
    (folder / "resources.json").unlink()
    assert not any(m["present"] for m in find_models(str(folder), None) if m["backend"] == "stanza")


def test_importing_the_backends_loads_no_heavy_library():
    code = (
        "import sys, corpuskit.entities.stanza_backend, corpuskit.entities.camel_backend, corpuskit.entities.models; "
        "print(sorted(m for m in ('stanza', 'torch', 'camel_tools', 'transformers') if m in sys.modules))"
    )
    env = {**os.environ}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True, env=env)
    assert done.stdout.strip() == "[]"


# --------------------------------------------------------------------------- the stage with a model


def _record(text: str, lang: str) -> dict:
    from corpuskit.pipeline import process
    from corpuskit.record import new_record

    [record] = process([new_record("d", text, source="t", lang=lang)], ["tokenize"])
    return record


def _check_entities(record: dict) -> None:
    from conftest import assert_valid_record

    assert_valid_record(record)
    for span in record["entities"]:
        assert record["text"][span["start"] : span["end"]] == span["text"]
        assert span["label"] in LABELS


def test_stage_with_stanza_tags_the_records_own_tokens(stanza_ner_dir):
    from corpuskit.stages.entities import Entities

    sentence = " ".join(word for word, _ in tagged_sentences("fa")[0])
    record = Entities(ner="stanza", stanza_dir=str(stanza_ner_dir)).process(_record(sentence, "fa"))
    _check_entities(record)
    assert record["entities"], "the tiny model tags the names of its own training sentence"
    assert {span["source"] for span in record["entities"]} == {"stanza"}


def test_stage_gazetteer_plus_stanza_adds_identities_and_the_names_the_model_missed(stanza_ner_dir):
    from corpuskit.stages.entities import Entities

    text = "ولادیمیر پوتین و دونالد ترامپ در هلسینکی دیدار کردند."
    record = Entities(ner="gazetteer+stanza", stanza_dir=str(stanza_ner_dir)).process(_record(text, "fa"))
    _check_entities(record)
    by_text = {span["text"]: span for span in record["entities"]}
    assert by_text["ولادیمیر پوتین"]["id"] == "Q7747"
    assert by_text["دونالد ترامپ"]["id"] == "Q22686"
    assert by_text["هلسینکی"]["label"] == "LOC"
    assert all(span["source"] in ("stanza", "stanza+gazetteer", "gazetteer") for span in record["entities"])
    spans = sorted((s["start"], s["end"]) for s in record["entities"])
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "one reading per stretch of text"


def test_stage_with_camel_tags_arabic_and_leaves_persian_to_the_gazetteer(camel_data_dir):
    from corpuskit.stages.entities import Entities

    stage = Entities(ner="camel", camel_data=str(camel_data_dir))
    arabic = stage.process(_record("زار محمد علي القاهرة أمس .", "ar"))
    _check_entities(arabic)
    assert {span["source"] for span in arabic["entities"]} <= {"camel"}
    persian = stage.process(_record("پوتین به مسکو رفت.", "fa"))
    _check_entities(persian)
    assert [(s["text"], s["source"]) for s in persian["entities"]] == [("پوتین", "gazetteer"), ("مسکو", "gazetteer")]


def test_cli_says_in_one_line_that_the_stanza_model_is_missing(tmp_path):
    from conftest import run_corpuskit

    sample = tmp_path / "a.txt"
    sample.write_text("پوتین به مسکو رفت.", encoding="utf-8")
    result = run_corpuskit("entities", "--ner", "stanza", "--stanza-dir", str(tmp_path / "nowhere"), str(sample))
    assert result.returncode == 1
    stderr = result.stderr.decode()
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "nowhere" in lines[0] and "Traceback" not in stderr, stderr


def test_cli_models_lists_what_is_found(stanza_ner_dir, camel_data_dir):
    from conftest import run_corpuskit

    result = run_corpuskit("models", "--stanza-dir", str(stanza_ner_dir), "--camel-data", str(camel_data_dir), "--json")
    assert result.returncode == 0, result.stderr
    found = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert {(m["backend"], m["lang"], m["present"]) for m in found} == {
        ("stanza", "fa", True), ("stanza", "ar", True), ("camel", "ar", True)
    }
    empty = run_corpuskit("models", "--stanza-dir", "/nonexistent", "--camel-data", "/nonexistent")
    assert empty.returncode == 0 and empty.stdout.decode().count("missing") == 3
