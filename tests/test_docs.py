"""Docs kept in step with the code: help with examples, docs/cli.md, docs/schema.md."""

import importlib.machinery
import importlib.util
import re

import pytest
from click.testing import CliRunner

from corpuskit.cli import cli
from corpuskit.schema import load_schema

from conftest import ROOT


def load_sync_script():
    path = ROOT / "scripts" / "sync-cli-docs"
    loader = importlib.machinery.SourceFileLoader("sync_cli_docs", str(path))
    spec = importlib.util.spec_from_loader("sync_cli_docs", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    summary = cli.commands[name].help.strip().splitlines()[0]
    assert len(summary) > 20, f"{name} needs a real one-line summary"
    assert re.search(r"^\s+Examples?:\n\s+corpuskit " + name, result.output, re.M), result.output


def test_group_help_has_examples():
    assert "Examples:" in CliRunner().invoke(cli, ["--help"]).output


def test_docs_cli_md_shows_the_current_help_of_every_command():
    sync = load_sync_script()
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    blocks = sync.help_blocks()
    assert set(blocks) == {"corpuskit", *cli.commands}
    for name, help_text in blocks.items():
        marker = f"<!-- help: {name} -->\n```text\n{help_text}```\n<!-- /help: {name} -->"
        assert marker in text, f"docs/cli.md is out of date for {name}: run scripts/sync-cli-docs"


def test_docs_cli_md_documents_the_exit_codes():
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for code in ("0", "1", "2", "130"):
        assert re.search(rf"\|\s*`?{code}`?\s*\|", text), f"exit code {code} is not in the table of docs/cli.md"


def test_docs_schema_md_documents_every_field():
    text = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    schema = load_schema()
    names = [*schema["properties"], *schema["$defs"]["span"]["properties"]]
    for definition in ("date", "entity"):
        names += [name for part in schema["$defs"][definition]["allOf"] for name in part.get("properties", {})]
    for name, spec in schema["properties"].items():
        if spec.get("type") == "object" and "properties" in spec:
            names.extend(spec["properties"])
    missing = [name for name in names if f"`{name}`" not in text]
    assert not missing, f"docs/schema.md does not document {missing}"


def test_architecture_doc_names_every_module():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    modules = sorted(p.relative_to(ROOT / "src").as_posix() for p in (ROOT / "src" / "corpuskit").rglob("*.py"))
    missing = [m for m in modules if m.rsplit("/", 1)[-1] != "__init__.py" and m.rsplit("/", 1)[-1] not in text]
    assert not missing, f"docs/architecture.md does not mention {missing}"
