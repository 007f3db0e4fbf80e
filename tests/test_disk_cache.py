"""corpuskit.disk_cache: resources built once and read back by later processes."""

import os
import pickle
import subprocess
import sys

import pytest

from corpuskit import disk_cache
from corpuskit.disk_cache import cache_dir, load_or_build


@pytest.fixture
def folder(tmp_path, monkeypatch):
    path = tmp_path / "cache"
    monkeypatch.setenv("CORPUSKIT_CACHE_DIR", str(path))
    return path


class Builds:
    """A build function that counts its calls."""

    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def entries(folder):
    return sorted(path.name for path in folder.glob("*.pickle"))


def test_built_once_then_read_back(folder, tmp_path):
    source = tmp_path / "words.dat"
    source.write_text("a\t1\n")
    build = Builds({"a": (1, True)})
    assert load_or_build("lexicon", build, sources=[source]) == {"a": (1, True)}
    assert load_or_build("lexicon", build, sources=[source]) == {"a": (1, True)}
    assert build.calls == 1
    [name] = entries(folder)
    assert name.startswith(f"lexicon-py{sys.version_info.major}{sys.version_info.minor}-")
    # private: a pickle runs code when read
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    assert (folder / name).stat().st_mode & 0o077 == 0


def test_a_changed_source_builds_a_new_entry_and_removes_the_old(folder, tmp_path):
    source = tmp_path / "words.dat"
    source.write_text("a\t1\n")
    load_or_build("lexicon", Builds(1), sources=[source])
    [old] = entries(folder)
    source.write_text("a\t1\nb\t2\n")  # another size
    build = Builds(2)
    assert load_or_build("lexicon", build, sources=[source]) == 2 and build.calls == 1
    assert entries(folder) != [old] and len(entries(folder)) == 1


def test_a_new_version_of_what_it_depends_on_builds_again(folder, tmp_path):
    load_or_build("model", Builds(1), sources=[], extra=["numpy 1.0"])
    build = Builds(2)
    assert load_or_build("model", build, sources=[], extra=["numpy 2.0"]) == 2 and build.calls == 1


def test_a_damaged_entry_is_built_again_and_replaced(folder):
    load_or_build("model", Builds([1, 2, 3]), sources=[])
    [name] = entries(folder)
    data = (folder / name).read_bytes()
    (folder / name).write_bytes(data[: len(data) // 2])  # cut short
    build = Builds([1, 2, 3])
    assert load_or_build("model", build, sources=[]) == [1, 2, 3] and build.calls == 1
    assert pickle.loads((folder / name).read_bytes()) == [1, 2, 3]


def test_an_entry_others_can_write_is_never_read(folder):
    load_or_build("model", Builds("first"), sources=[])
    [name] = entries(folder)
    (folder / name).write_bytes(pickle.dumps("planted"))
    os.chmod(folder / name, 0o666)
    build = Builds("built")
    assert load_or_build("model", build, sources=[]) == "built" and build.calls == 1


def test_a_folder_others_can_write_is_not_used(folder):
    folder.mkdir(mode=0o777)
    os.chmod(folder, 0o777)
    build = Builds("built")
    assert load_or_build("model", build, sources=[]) == "built"
    assert load_or_build("model", build, sources=[]) == "built"
    assert build.calls == 2 and entries(folder) == []


def test_turned_off_with_an_empty_variable(monkeypatch):
    monkeypatch.setenv("CORPUSKIT_CACHE_DIR", "")
    assert cache_dir() is None
    build = Builds(1)
    load_or_build("model", build, sources=[])
    load_or_build("model", build, sources=[])
    assert build.calls == 2


def test_the_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("CORPUSKIT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "corpuskit"


def test_a_folder_that_cannot_be_made_is_no_error(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("CORPUSKIT_CACHE_DIR", str(blocker / "cache"))  # under a file
    build = Builds(1)
    assert load_or_build("model", build, sources=[]) == 1


def test_no_temporary_file_is_left_when_writing_fails(folder, monkeypatch):
    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(disk_cache.os, "replace", fail)
    assert load_or_build("model", Builds(1), sources=[]) == 1
    assert list(folder.iterdir()) == []


def test_the_real_resources_read_back_equal_what_was_built(folder):
    """In fresh processes: the first builds hazm's lexicon and py3langid's
    model and writes them; the second reads them back; both give the same."""
    script = (
        "from corpuskit.normalize import zwnj, core\n"
        "from corpuskit.stages import langid\n"
        "lex = zwnj._lexicon()\n"
        "print(len(lex.words), len(lex.compounds), sorted(lex.heads)[:3], lex.rank('کتاب'))\n"
        "print(langid.detect('این یک متن فارسی برای آزمایش است.'), langid.detect('هذا نص عربي للتجربة.'))\n"
        "print(core.normalize('بیانیهای می رسد', 'fa').text)\n"
    )
    env = {**os.environ, "CORPUSKIT_CACHE_DIR": str(folder)}
    first = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert len(entries(folder)) == 2
    written = {path: path.stat().st_mtime_ns for path in folder.glob("*.pickle")}
    second = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert first.stdout == second.stdout
    # read back, not built and written again
    assert {path: path.stat().st_mtime_ns for path in folder.glob("*.pickle")} == written
    assert "بیانیه‌ای می‌رسد" in second.stdout
