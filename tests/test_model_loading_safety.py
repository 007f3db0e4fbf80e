"""Issue 7: model files are loaded only from the folders the user names, with
``torch.load(weights_only=True)``, by all three model backends (the Stanza
tokenizer, Stanza NER, CAMeL Tools NER), on tiny real models built offline
(tests/tokenize/tiny_stanza.py, tests/entities/tiny_ner_models.py).

* every ``torch.load`` while a backend loads is made with ``weights_only=True``
  and of a file inside the named folder, even when the library asks otherwise,
  and nothing reaches the network;
* a checkpoint whose pickle would run code is refused before it runs, with a
  one-line ``StageSetupError`` naming the file;
* a named folder that is missing or incomplete is an error, never a fallback
  to a default folder (``~/stanza_resources``, ``~/.cache/stanza``,
  ``~/.camel_tools``), and a model file or transformer outside the folder is
  refused.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
for _sub in ("tokenize", "entities"):  # the tiny model builders
    if str(HERE / _sub) not in sys.path:
        sys.path.insert(0, str(HERE / _sub))

stanza = pytest.importorskip("stanza", reason="stanza is not installed: the model backends are optional")
torch = pytest.importorskip("torch")

from tiny_ner_models import build_tiny_camel_ner, build_tiny_stanza_ner  # noqa: E402
from tiny_stanza import build_tiny_stanza_tokenizer  # noqa: E402

from corpuskit.entities import camel_backend  # noqa: E402
from corpuskit.entities import stanza_backend as ner_backend  # noqa: E402
from corpuskit.model_guard import RefusedModelFile, model_files_only_from  # noqa: E402
from corpuskit.pipeline import StageSetupError  # noqa: E402
from corpuskit.tokenize import stanza_backend as tok_backend  # noqa: E402

FA_TEXT = "علی رضایی دیروز به تهران رفت. بانک مرکزی نرخ ارز را اعلام کرد."
FA_TOKENS = [["علی", "رضایی", "دیروز", "به", "تهران", "رفت", "."]]
AR_TOKENS = [["زار", "محمد", "علي", "القاهرة", "أمس", "."]]


def private_env(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """HOME and the Hugging Face caches in a temporary folder, no model folder
    named by the environment."""
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("HF_HOME", str(home / "hf"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("STANZA_RESOURCES_DIR", raising=False)
    monkeypatch.delenv("CAMELTOOLS_DATA", raising=False)


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test in a HOME of its own: importing camel_tools creates ~/.camel_tools."""
    home = tmp_path / "home"
    home.mkdir()
    private_env(monkeypatch, home)
    return home


@pytest.fixture(scope="module", autouse=True)
def one_torch_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The three tiny models, built side by side: ``tok`` (a Stanza folder with
    fa/tokenize), ``ner`` (a Stanza folder with fa/ner and fa/pretrain),
    ``camel`` (a CAMeL data folder with data/ner/arabert, model.safetensors)."""
    pytest.importorskip("transformers")
    pytest.importorskip("camel_tools")
    root = tmp_path_factory.mktemp("tiny-models")
    with pytest.MonkeyPatch.context() as patch:
        private_env(patch, root / "home")
        with ThreadPoolExecutor(2) as pool:
            tok = pool.submit(build_tiny_stanza_tokenizer, root / "tok", root / "work-tok")
            ner = pool.submit(build_tiny_stanza_ner, root / "ner", "fa", root / "work-ner")
            build_tiny_camel_ner(root / "camel")
            tok.result(), ner.result()
    return {"tok": root / "tok", "ner": root / "ner", "camel": root / "camel"}


def copy_of(tiny: dict[str, Path], kind: str, where: Path) -> Path:
    """A copy of a tiny model folder (so that no backend has it cached yet);
    ``camel-bin`` is the CAMeL model with pytorch_model.bin instead of
    model.safetensors, the format that transformers reads with torch.load."""
    source = tiny["camel" if kind.startswith("camel") else kind]
    folder = Path(shutil.copytree(source, where))
    if kind == "camel-bin":
        from safetensors.torch import load_file

        model = folder / camel_backend.MODEL_SUBPATH
        torch.save(load_file(str(model / "model.safetensors")), str(model / "pytorch_model.bin"))
        (model / "model.safetensors").unlink()
    return folder


def load_and_run(kind: str, folder: Path | str | None):
    """Load the backend for ``kind`` from ``folder`` and use it once."""
    folder = None if folder is None else str(folder)
    if kind == "tok":
        return tok_backend.load("fa", folder)(FA_TEXT)
    if kind == "ner":
        return ner_backend.load("fa", folder)(FA_TOKENS)
    return camel_backend.load(folder)(AR_TOKENS)


@pytest.fixture
def torch_loads(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Every call that reaches torch.load from here on (after the backends'
    guard, so: what torch is really asked), as ``{path, weights_only, ...}``."""
    calls = []
    real = torch.load

    def spy(f, *args, **kwargs):
        calls.append({"path": os.fspath(f), "args": args, **kwargs})
        return real(f, *args, **kwargs)

    monkeypatch.setattr(torch, "load", spy)
    return calls


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list:
    """Every attempt to resolve a host name or connect a socket, refused."""
    attempts = []

    def refuse(what):
        def refused(*args, **kwargs):
            attempts.append((what, args[:2]))
            raise OSError(f"network access in a test: {what}")

        return refused

    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    return attempts


# --- (a) weights only, from the folder ----------------------------------------------

#: The files each backend unpickles, relative to its folder.
PICKLED = {
    "tok": {"fa/tokenize/tiny.pt"},
    "ner": {"fa/ner/tiny.pt", "fa/pretrain/tiny.pt"},
    "camel-bin": {f"{camel_backend.MODEL_SUBPATH}/pytorch_model.bin"},
    "camel": set(),  # model.safetensors: transformers reads it without pickle
}


@pytest.mark.parametrize("kind", sorted(PICKLED))
def test_backends_load_weights_only_from_the_named_folder_offline(kind, tiny, tmp_path, torch_loads, no_network):
    folder = copy_of(tiny, kind, tmp_path / "models")
    assert load_and_run(kind, folder) is not None
    loaded = {os.path.relpath(call["path"], folder) for call in torch_loads}
    assert loaded == PICKLED[kind]
    assert all(call.get("weights_only") is True for call in torch_loads), torch_loads
    assert not no_network
    assert torch.load.__name__ == "spy", "the guard is removed once the model is loaded"


def bomb_checkpoint(path: Path, marker: Path) -> None:
    """A .pt whose pickle writes ``marker`` when unpickled without weights_only."""

    class Bomb:
        def __reduce__(self):
            return (exec, (f"open({str(marker)!r}, 'w').write('pwned')",))

    torch.save({"model": {"weight": torch.zeros(2)}, "config": Bomb()}, str(path))


def test_the_bomb_is_real(tmp_path):
    """The control: unpickled without weights_only, the bomb runs its code."""
    marker = tmp_path / "marker"
    bomb_checkpoint(tmp_path / "bomb.pt", marker)
    torch.load(str(tmp_path / "bomb.pt"), weights_only=False)
    assert marker.read_text() == "pwned"


class AsksForFullPickle:
    """torch, for a library module, except that its ``load`` asks for
    ``weights_only=False`` as older Stanza releases did when a weights-only
    load failed (common/pretrain.py: "remove the weights_only=False version")."""

    def __getattr__(self, name):
        return getattr(torch, name)

    @staticmethod
    def load(*args, **kwargs):
        kwargs["weights_only"] = False
        return torch.load(*args, **kwargs)


def test_weights_only_is_forced_even_when_the_library_asks_for_a_full_unpickle(tiny, tmp_path, monkeypatch, torch_loads):
    import stanza.models.tokenization.trainer as tokenizer_trainer

    monkeypatch.setattr(tokenizer_trainer, "torch", AsksForFullPickle())
    folder = copy_of(tiny, "tok", tmp_path / "good")
    assert load_and_run("tok", folder)
    assert [call["weights_only"] for call in torch_loads] == [True]

    bombed = copy_of(tiny, "tok", tmp_path / "bombed")
    marker = tmp_path / "marker"
    bomb_checkpoint(bombed / "fa" / "tokenize" / "tiny.pt", marker)
    with pytest.raises(StageSetupError, match="refused to load"):
        tok_backend.load("fa", str(bombed))
    assert not marker.exists()


def test_guard_keeps_map_location_and_drops_a_pickle_module(tiny, tmp_path, torch_loads):
    import pickle

    folder = str(tiny["ner"])
    with model_files_only_from(folder, "entities"):
        data = torch.load(os.path.join(folder, "fa", "pretrain", "tiny.pt"), "cpu", pickle, weights_only=False)
    assert "emb" in data
    assert torch_loads[0]["args"] == ("cpu",) and torch_loads[0]["weights_only"] is True


def test_guard_refuses_buffers_and_files_outside_the_folder(tiny, tmp_path):
    import io

    inside = tiny["ner"] / "fa" / "pretrain" / "tiny.pt"
    outside = tmp_path / "elsewhere.pt"
    shutil.copy(inside, outside)
    with model_files_only_from(str(tiny["ner"]), "entities"):
        assert torch.load(str(inside))
        with pytest.raises(RefusedModelFile, match="outside the model folder"):
            torch.load(str(outside))
        with pytest.raises(RefusedModelFile, match="outside the model folder"):
            torch.load(str(tiny["ner"] / ".." / "elsewhere.pt"))  # ".." does not get out
        with pytest.raises(RefusedModelFile, match="BytesIO"):
            torch.load(io.BytesIO(inside.read_bytes()))
    assert torch.load(str(outside), weights_only=True)  # outside a load: torch as it was


def test_torch_older_than_2_6_is_refused(tiny, tmp_path, monkeypatch):
    monkeypatch.setattr(torch, "__version__", "2.5.1")
    with pytest.raises(StageSetupError, match="CVE-2025-32434") as caught:
        tok_backend.load("fa", str(copy_of(tiny, "tok", tmp_path / "models")))
    assert caught.value.stage == "tokenize"


# --- (b) a pickle bomb is refused -------------------------------------------------------

BOMBS = [
    ("tok", "fa/tokenize/tiny.pt", "tokenize"),
    ("ner", "fa/ner/tiny.pt", "entities"),
    ("ner", "fa/pretrain/tiny.pt", "entities"),
    ("camel-bin", f"{camel_backend.MODEL_SUBPATH}/pytorch_model.bin", "entities"),
]


@pytest.mark.parametrize(("kind", "file", "stage"), BOMBS, ids=[f"{k}:{Path(f).parent.name}" for k, f, _ in BOMBS])
def test_a_pickle_bomb_is_refused_before_it_runs(kind, file, stage, tiny, tmp_path):
    folder = copy_of(tiny, kind, tmp_path / "models")
    marker = tmp_path / "marker"
    bomb_checkpoint(folder / file, marker)
    with pytest.raises(StageSetupError) as caught:
        load_and_run(kind, folder)
    message = str(caught.value)
    assert not marker.exists()
    assert caught.value.stage == stage
    assert "\n" not in message and "\x1b" not in message
    assert f"refused to load {folder / file}: it holds Python objects besides weights (it would call or import exec)" in message
    assert "weights_only=True" in message and "weights_only=False" not in message  # no unsafe advice


def test_the_cli_reports_a_refused_model_in_one_line(tiny, tmp_path):
    from conftest import run_corpuskit

    folder = copy_of(tiny, "ner", tmp_path / "models")
    marker = tmp_path / "marker"
    bomb_checkpoint(folder / "fa" / "ner" / "tiny.pt", marker)
    sample = tmp_path / "a.txt"
    sample.write_text("علی به تهران رفت.", encoding="utf-8")
    env = {"HOME": str(tmp_path / "home"), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    result = run_corpuskit("entities", "--ner", "stanza", "--stanza-dir", str(folder), str(sample), env=env)
    stderr = result.stderr.decode()
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert result.returncode == 1, stderr
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    assert "refused to load" in lines[0] and str(folder / "fa" / "ner" / "tiny.pt") in lines[0]
    assert not marker.exists()


# --- (c) only the named folder ------------------------------------------------------------


def test_a_model_file_outside_the_folder_is_refused(tiny, tmp_path, torch_loads):
    """resources.json names a package whose path leads out of the folder."""
    folder = copy_of(tiny, "ner", tmp_path / "models")
    outside = tmp_path / "outside"
    shutil.copytree(folder / "fa" / "ner", outside)
    escape = "../../../outside/tiny"
    resources = json.loads((folder / "resources.json").read_text(encoding="utf-8"))
    resources["fa"]["ner"] = {escape: resources["fa"]["ner"]["tiny"]}
    resources["fa"]["default_processors"]["ner"] = escape
    (folder / "resources.json").write_text(json.dumps(resources), encoding="utf-8")
    (folder / "fa" / "ner" / "tiny.pt").unlink()
    assert (folder / "fa" / "ner" / f"{escape}.pt").resolve() == (outside / "tiny.pt").resolve()
    with pytest.raises(StageSetupError, match="outside the model folder"):
        ner_backend.load("fa", str(folder))
    assert not any("outside" in os.path.abspath(call["path"]) for call in torch_loads)


def test_a_stanza_model_needing_a_transformer_is_refused(tiny, tmp_path, monkeypatch):
    """Stanza would take the transformer from the Hugging Face cache or hub."""
    import stanza.models.common.bert_embedding as bert_embedding

    asked = []
    monkeypatch.setattr(bert_embedding, "load_bert", lambda *args, **kwargs: asked.append(args))
    folder = copy_of(tiny, "ner", tmp_path / "models")
    model = folder / "fa" / "ner" / "tiny.pt"
    checkpoint = torch.load(str(model), weights_only=True)
    checkpoint["config"]["bert_model"] = "HooshvareLab/bert-fa-base-uncased"
    torch.save(checkpoint, str(model))
    with pytest.raises(StageSetupError) as caught:
        ner_backend.load("fa", str(folder))
    assert "refused to load the transformer HooshvareLab/bert-fa-base-uncased" in str(caught.value)
    assert "Hugging Face" in str(caught.value)
    assert asked == []  # stanza's loader was never reached


def fill_default_folders(home: Path, tiny: dict[str, Path]) -> list[Path]:
    """Working models in every default folder under ``home``: Stanza's
    (``~/stanza_resources`` and, stanza >= 1.10, ``~/.cache/stanza/<version>/resources``)
    holding the tokenizer and the NER model, CAMeL's (``~/.camel_tools``) with a catalogue."""
    from stanza.resources.common import __resources_version__

    stanza_defaults = [home / "stanza_resources", home / ".cache" / "stanza" / __resources_version__ / "resources"]
    for target in stanza_defaults:
        shutil.copytree(tiny["ner"], target)
        shutil.copytree(tiny["tok"] / "fa" / "tokenize", target / "fa" / "tokenize")
        # resources.json lists a tokenizer "default" for the NER model: let it be this one too
        shutil.copy(target / "fa" / "tokenize" / "tiny.pt", target / "fa" / "tokenize" / "default.pt")
        resources = json.loads((target / "resources.json").read_text(encoding="utf-8"))
        resources["fa"]["tokenize"]["tiny"] = {}
        resources["fa"]["default_processors"]["tokenize"] = "tiny"
        resources["fa"]["packages"] = {"default": {"tokenize": "tiny", "ner": "tiny"}}
        (target / "resources.json").write_text(json.dumps(resources), encoding="utf-8")
    camel_default = home / ".camel_tools"
    shutil.copytree(tiny["camel"], camel_default, dirs_exist_ok=True)
    (camel_default / "catalogue.json").write_text(json.dumps(camel_backend.MINIMAL_CATALOGUE), encoding="utf-8")
    return [*stanza_defaults, camel_default]


@pytest.fixture
def defaults_in_home(tiny, private_home, monkeypatch) -> list[Path]:
    """Default folders with working models; Stanza's defaults (computed when it
    was imported) pointed into this HOME."""
    import stanza.pipeline.core
    import stanza.resources.common as common

    folders = fill_default_folders(private_home, tiny)
    monkeypatch.setattr(common, "USER_CACHE_DIR", str(folders[1].parent))
    monkeypatch.setattr(common, "DEFAULT_MODEL_DIR", str(folders[1]))
    monkeypatch.setattr(stanza.pipeline.core, "DEFAULT_MODEL_DIR", str(folders[1]))
    return folders


ENV_OF = {"tok": "STANZA_RESOURCES_DIR", "ner": "STANZA_RESOURCES_DIR", "camel": "CAMELTOOLS_DATA"}


@pytest.mark.parametrize("how", ["argument", "environment", "argument-over-environment"])
@pytest.mark.parametrize("kind", ["tok", "ner", "camel"])
def test_a_missing_named_folder_is_an_error_not_a_fallback(kind, how, tiny, tmp_path, defaults_in_home, monkeypatch, torch_loads):
    missing = tmp_path / "nowhere"
    if how == "argument-over-environment":  # the environment names a good folder
        monkeypatch.setenv(ENV_OF[kind], str(copy_of(tiny, kind, tmp_path / "good")))
    if how == "environment":
        monkeypatch.setenv(ENV_OF[kind], str(missing))
    with pytest.raises(StageSetupError) as caught:
        load_and_run(kind, None if how == "environment" else missing)
    assert f"{missing} does not exist" in str(caught.value)
    assert torch_loads == []
    # The control: with no folder named, the default folder would have worked.
    monkeypatch.delenv(ENV_OF[kind], raising=False)
    assert load_and_run(kind, None)
    assert all(str(defaults_in_home[0].parent) in call["path"] for call in torch_loads)


def test_an_incomplete_named_folder_is_an_error_not_a_fallback(tiny, tmp_path, defaults_in_home, torch_loads):
    folder = copy_of(tiny, "ner", tmp_path / "models")
    (folder / "fa" / "pretrain" / "tiny.pt").unlink()
    with pytest.raises(StageSetupError, match=f"missing {folder / 'fa' / 'pretrain' / 'tiny.pt'}"):
        ner_backend.load("fa", str(folder))
    assert all(call["path"].startswith(str(folder)) for call in torch_loads)


CHILD = r"""
import json, os, sys

opened, network = [], []
phase = ["start"]


def audit(event, args):
    if event == "open" and isinstance(args[0], str):
        opened.append((phase[0], os.path.abspath(args[0])))
    elif event.startswith("socket."):
        network.append((phase[0], event, repr(args)[:200]))


sys.addaudithook(audit)
from corpuskit.entities import camel_backend
from corpuskit.entities import stanza_backend as ner
from corpuskit.tokenize import stanza_backend as tok

named, missing = json.loads(sys.argv[1]), sys.argv[2]
loaders = {
    "tok": lambda folder: tok.load("fa", folder)("علی به تهران رفت."),
    "ner": lambda folder: ner.load("fa", folder)([["علی", "به", "تهران", "رفت"]]),
    "camel": lambda folder: camel_backend.load(folder)([["زار", "محمد"]]),
}
errors, defaults = {}, {}
for kind, load in loaders.items():
    phase[0] = "missing"
    try:
        load(missing)
    except Exception as error:
        errors[kind] = f"{type(error).__name__}: {error}"
    phase[0] = "named"
    load(named[kind])
defaults = {"stanza": tok.resolve_dir(None), "camel": camel_backend.resolve_dir(None)}
phase[0] = "default"
for kind, load in loaders.items():
    load(None)
print(json.dumps({"opened": opened, "network": network, "errors": errors, "defaults": defaults}))
"""


def test_named_folders_only_nothing_read_from_the_default_folders(tiny, tmp_path):
    """A fresh process whose HOME holds working models in every default folder
    (and CAMeL's catalogue): loading from named folders, or failing to, opens
    nothing there and touches no network; with no folder named, the defaults
    are where the models come from (the control)."""
    home = tmp_path / "home"
    defaults = fill_default_folders(home, tiny)
    named = {kind: str(copy_of(tiny, kind, tmp_path / f"named-{kind}")) for kind in ("tok", "ner", "camel")}
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("STANZA_RESOURCES_DIR", "CAMELTOOLS_DATA", "XDG_CACHE_HOME", "HF_HOME")
    }
    env.update(HOME=str(home), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", OMP_NUM_THREADS="1")
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CHILD), json.dumps(named), str(tmp_path / "nowhere")],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.splitlines()[-1])
    assert set(report["errors"]) == {"tok", "ner", "camel"}
    assert all("StageSetupError" in error and "nowhere does not exist" in error for error in report["errors"].values())
    # (urllib3 opens and binds a socket to ::1 at import to see whether IPv6 works: not network use)
    reached = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto", "socket.sendmsg")
    assert [event for event in report["network"] if event[1] in reached] == []

    def in_defaults(path: str) -> bool:
        return any(path == str(folder) or path.startswith(f"{folder}{os.sep}") for folder in defaults)

    assert [path for phase, path in report["opened"] if phase != "default" and in_defaults(path)] == []
    assert report["defaults"]["stanza"] in map(str, defaults[:2]) and report["defaults"]["camel"] == str(defaults[2])
    from_defaults = {path for phase, path in report["opened"] if phase == "default" and in_defaults(path)}
    assert any(os.path.dirname(path).endswith(os.path.join("fa", "tokenize")) for path in from_defaults)
    assert any(path.endswith(os.path.join("fa", "ner", "tiny.pt")) for path in from_defaults)
    assert any(path.endswith("config.json") for path in from_defaults)
