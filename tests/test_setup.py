"""The set-up the README promises: scripts/find-python picks a Python >= 3.12 or says why not."""

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

FIND_PYTHON = ROOT / "scripts" / "find-python"


def fake_bin(tmp_path, **programs):
    """A PATH holding only the tools the script uses, plus ``programs``
    (name -> shell script body, or a path to symlink)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("ls", "sort", "sh"):
        os.symlink(f"/bin/{tool}", bin_dir / tool)
    for name, body in programs.items():
        target = bin_dir / name
        if isinstance(body, os.PathLike):
            os.symlink(body, target)
        else:
            target.write_text(f"#!/bin/sh\n{body}\n")
            target.chmod(0o755)
    return bin_dir


def find_python(bin_dir):
    return subprocess.run(
        ["/bin/sh", str(FIND_PYTHON)], capture_output=True, text=True, env={"PATH": str(bin_dir)}, timeout=30
    )


def test_no_suitable_python_is_a_clear_message(tmp_path):
    bin_dir = fake_bin(
        tmp_path, python3="exit 1", **{"python3.12": "echo 'pyenv: python3.12: command not found'; exit 127"}
    )
    result = find_python(bin_dir)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "corpuskit needs Python 3.12 or 3.13" in result.stderr


def test_a_suitable_python_on_the_path_is_found(tmp_path):
    this = os.path.realpath(sys.executable)
    bin_dir = fake_bin(tmp_path, python3="exit 1", **{"python3.12": Path(this)})
    result = find_python(bin_dir)
    assert result.returncode == 0, result.stderr
    assert os.path.realpath(result.stdout.strip()) == this


def test_pyenv_versions_are_tried_when_the_path_has_none(tmp_path):
    root = tmp_path / "pyenv"
    (root / "versions" / "3.12.9" / "bin").mkdir(parents=True)
    os.symlink(os.path.realpath(sys.executable), root / "versions" / "3.12.9" / "bin" / "python3")
    (root / "versions" / "3.9.1" / "bin").mkdir(parents=True)
    bin_dir = fake_bin(tmp_path, python3="exit 1", pyenv=f"echo {root}")
    result = find_python(bin_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(root / "versions" / "3.12.9" / "bin" / "python3")


def test_makefile_and_ci_use_the_readme_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert "scripts/find-python" in makefile
