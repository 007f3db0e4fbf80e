"""Golden files: each seed normalized, compared with an expected output reviewed by hand.

After a deliberate change, regenerate with ``scripts/update-golden`` and review
the diff line by line before committing it.
"""

import pytest

from corpuskit.normalize import normalize, normalize_text
from corpuskit.stages.langid import detect

from conftest import ROOT, SAMPLE_FILES

GOLDEN = ROOT / "tests" / "golden" / "normalize"


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name[:3])
def test_seed_normalizes_to_its_golden_file(path):
    text = path.read_text(encoding="utf-8")
    lang, _ = detect(text)
    expected = (GOLDEN / path.name).read_text(encoding="utf-8")
    assert normalize_text(text, lang) == expected


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name[:3])
def test_seed_lines_map_back_to_their_raw_lines(path):
    raw = path.read_text(encoding="utf-8")
    result = normalize(raw, detect(raw)[0])
    start = 0
    for line in result.text.split("\n"):
        end = start + len(line)
        raw_start, raw_end = result.to_raw(start, end)
        # Each normalized line comes from within one raw line (or blank ones).
        assert "\n" not in raw[raw_start:raw_end].strip("\n"), (line, raw[raw_start:raw_end])
        start = end + 1
