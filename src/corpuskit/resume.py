"""``--resume``: knowing that a unit's output is complete and up to date.

When a unit's output file has been renamed into place, a small manifest is
written beside it, ``.NAME.corpuskit.json`` (hidden, so a directory walk never
takes it for a document). It records:

- a fingerprint of the settings (corpuskit version, stages and their options,
  input and output format): other settings give other records;
- each input's path and SHA-256 of the bytes read;
- the output's size and SHA-256, so that an output changed or cut since is
  not taken as finished;
- the counts (records, records with stage errors, input errors) and the
  error entries, so that a resumed run reports
  and counts them exactly as an uninterrupted run would.

A unit is up to date when all of these still hold. The manifest is written
after the output is renamed into place, each atomically: killed between the
two, the unit is simply done again.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

from corpuskit import __version__

MANIFEST_FORMAT = 1
_BLOCK = 1 << 20


def settings_fingerprint(settings: dict[str, Any]) -> str:
    """SHA-256 of everything that changes what a run writes."""
    payload = json.dumps({"corpuskit": __version__, **settings}, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def manifest_path(output: str) -> str:
    directory, name = os.path.split(output)
    return os.path.join(directory, f".{name}.corpuskit.json")


def file_sha256(path: str, offset: int = 0, length: int | None = None) -> str:
    """SHA-256 of a file, or of ``length`` bytes of it from ``offset`` (a partition)."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        stream.seek(offset)
        left = length
        while block := stream.read(_BLOCK if left is None else min(_BLOCK, left)):
            digest.update(block)
            if left is not None:
                left -= len(block)
    return digest.hexdigest()


def write_manifest(
    output: str,
    *,
    settings: str,
    inputs: list[tuple[str, str]],
    written: tuple[int, str],
    counts: dict[str, int],
    errors: list[dict[str, Any]],
    line_range: Any = None,
) -> None:
    """Write the manifest of a finished output (after its rename), atomically
    like the output. ``written`` is the output's (size, SHA-256) as written;
    ``line_range`` (an ``io.readers.LineRange``) when the output holds only
    those lines of its one input, whose SHA-256 is then of the range's bytes."""
    from corpuskit.io.writers import JsonlWriter

    size, digest = written
    manifest = {
        "format": MANIFEST_FORMAT,
        "settings": settings,
        "inputs": [{"path": path, "sha256": sha} for path, sha in inputs],
        "output": {"size": size, "sha256": digest},
        "counts": counts,
        "errors": errors,
    }
    if line_range is not None:
        manifest["range"] = _range_json(line_range)
    with JsonlWriter(manifest_path(output), serialize=lambda m: json.dumps(m, ensure_ascii=False).encode()) as writer:
        writer.write(manifest)


def remove_manifest(output: str) -> None:
    """Forget that ``output`` was finished (before it is written again)."""
    try:
        os.unlink(manifest_path(output))
    except FileNotFoundError:
        pass


def _range_json(line_range: Any) -> dict[str, Any]:
    return {"offset": line_range.offset, "length": line_range.length, "first_line": line_range.first_line}


def up_to_date(output: str, inputs: list[str], settings: str, line_range: Any = None) -> dict[str, Any] | None:
    """The manifest of ``output`` if the output is complete and was made from
    these very inputs (same bytes; for a ``line_range``, the same range of the
    same bytes) with these settings; else None."""
    try:
        with open(manifest_path(output), encoding="utf-8") as stream:
            manifest = json.load(stream)
        if manifest.get("format") != MANIFEST_FORMAT or manifest.get("settings") != settings:
            return None
        if [entry["path"] for entry in manifest["inputs"]] != inputs:
            return None
        if os.path.getsize(output) != manifest["output"]["size"]:
            return None
        if file_sha256(output) != manifest["output"]["sha256"]:
            return None
        wanted = _range_json(line_range) if line_range is not None else None
        if manifest.get("range") != wanted:
            return None
        for entry in manifest["inputs"]:
            bounds = (wanted["offset"], wanted["length"]) if wanted else ()
            if file_sha256(entry["path"], *bounds) != entry["sha256"]:
                return None
        return manifest
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remove_stale_parts(outputs: list[str]) -> int:
    """Remove the temporary files (``.NAME.XXXXXXXX.part``) that a killed run
    left beside these outputs and their manifests; each folder is listed once.
    Returns how many were removed."""
    by_folder: dict[str, set[str]] = {}
    for output in outputs:
        directory, name = os.path.split(output)
        by_folder.setdefault(directory or ".", set()).update({name, os.path.basename(manifest_path(output))})
    removed = 0
    for directory, names in by_folder.items():
        try:
            entries = os.listdir(directory)
        except OSError:
            continue
        for entry in entries:
            parts = entry[1:].rsplit(".", 2)
            if entry.startswith(".") and len(parts) == 3 and parts[2] == "part" and parts[0] in names:
                try:
                    os.unlink(os.path.join(directory, entry))
                    removed += 1
                except OSError:
                    pass
    return removed
