"""A benchmark corpus: the samples in data/samples repeated and varied, so that no
cache (ours or the OS's) can make a later copy cheaper than the first.

Each copy shuffles the lines of its sample and changes its numbers (digits of any
script are replaced by other digits of the same script), keeping the language and
the mix of text, dates and names that real news has.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "data" / "samples").glob("*.txt"))
_DIGIT = re.compile(r"[0-9۰-۹٠-٩]")
_ZEROS = {"0": 0x30, "۰": 0x6F0, "٠": 0x660}


def _other_digit(match: re.Match[str], rng: random.Random) -> str:
    digit = match.group()
    zero = 0x30 if digit <= "9" else 0x6F0 if "۰" <= digit <= "۹" else 0x660
    return chr(zero + rng.randrange(10))


#: Each sample's language and its document date: the date its header gives,
#: or for 001 and 003, which give none, the one tests/data/seed-dates.jsonl
#: takes as their reference. Line shuffling can move a header away from the
#: top, so benchmarks hand this date to every system alike as metadata.
SAMPLE_LANG = {"000": "fa", "001": "ar", "002": "ar", "003": "fa", "004": "ar"}
SAMPLE_DATE = {"000": "2020-09-25", "001": "2020-09-25", "002": "2017-07-10", "003": "2021-01-27", "004": "2018-08-23"}


def varied_documents(total_bytes: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """``(sample number, text)`` of documents of at least ``total_bytes`` of UTF-8 in all."""
    rng = random.Random(seed)
    samples = [(path.name[:3], path.read_text(encoding="utf-8")) for path in SAMPLES]
    written = 0
    while written < total_bytes:
        number, sample = samples[rng.randrange(len(samples))]
        lines = sample.splitlines()
        rng.shuffle(lines)
        text = _DIGIT.sub(lambda m: _other_digit(m, rng), "\n".join(lines)) + "\n"
        written += len(text.encode("utf-8"))
        yield number, text


def varied_texts(total_bytes: int, seed: int = 0) -> Iterator[str]:
    """Documents of at least ``total_bytes`` of UTF-8 in all."""
    for _, text in varied_documents(total_bytes, seed):
        yield text


def write_jsonl(path: Path, total_bytes: int, seed: int = 0) -> tuple[int, int]:
    """Write the corpus as JSONL; returns (documents, characters)."""
    documents = characters = 0
    with open(path, "w", encoding="utf-8") as stream:
        for number, text in enumerate(varied_texts(total_bytes, seed)):
            stream.write(json.dumps({"id": f"doc-{number}", "text": text}, ensure_ascii=False) + "\n")
            documents += 1
            characters += len(text)
    return documents, characters
