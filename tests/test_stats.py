"""corpuskit.stats: streaming corpus statistics (issue 8), on records the real
pipeline makes from the seed articles."""

import io
import json
import subprocess
import sys
from collections import Counter

import pytest
from rich.cells import cell_len
from rich.console import Console

from corpuskit import stats as stats_module
from corpuskit.pipeline import DEFAULT_STAGES, Pipeline, Stage, build_stages
from corpuskit.record import new_record
from corpuskit.stats import CorpusStats, month_of

from conftest import ROOT

SEEDS = sorted((ROOT / "data/samples").glob("*.txt"))


class Explodes(Stage):
    """A stage that fails on every record, as a broken model would."""

    name = "explodes"

    def process(self, record):
        raise RuntimeError("boom")


def run(stages, path):
    pipeline = Pipeline(build_stages(stages, {}), {})
    return pipeline.run_one(new_record(path.name, path.read_text(encoding="utf-8"), source=str(path)))


@pytest.fixture(scope="module")
def records():
    return [run(DEFAULT_STAGES, path) for path in SEEDS]


@pytest.fixture(scope="module")
def seed_stats(records):
    stats = CorpusStats()
    for record in records:
        stats.add(record)
    return stats


def render(stats, **kwargs):
    console = Console(file=io.StringIO(), width=80, color_system=None)
    stats.render(console, **kwargs)
    return console.file.getvalue()


def test_counts_are_the_sums_over_the_records(records, seed_stats):
    data = seed_stats.as_json()
    assert data["documents"] == len(records) == len(SEEDS)
    assert data["totals"] == {
        "documents": len(records),
        "characters": sum(len(r["text"]) for r in records),
        "sentences": sum(len(r["sentences"]) for r in records),
        "tokens": sum(len(r["tokens"]) for r in records),
    }
    assert data["missing"] == {"lang": 0, "sentences": 0, "tokens": 0, "dates": 0, "entities": 0}
    assert data["errors"] == {"documents": 0, "by_stage": {}, "examples": []}
    mentions = [d for r in records for d in r["dates"]]
    assert data["dates"]["mentions"] == len(mentions)
    assert data["dates"]["resolved"] == sum(d["value"] is not None for d in mentions)
    assert data["dates"]["by_calendar"] == dict(Counter(d["calendar"] or "none" for d in mentions))
    placed = sum(data["dates"]["by_month"].values()) + data["dates"]["coarser_than_month"] + data["dates"]["unplaced"]
    assert placed == data["dates"]["resolved"]
    entities = [e for r in records for e in r["entities"]]
    assert data["entities"]["mentions"] == len(entities)
    assert data["entities"]["by_label"] == dict(Counter(e["label"] for e in entities))
    identities = {e["id"] or (e["label"], e["text"]) for e in entities}
    assert data["entities"]["distinct"] == len(identities)
    assert data["entities"]["pruned"] is False


def test_per_language_split(records, seed_stats):
    languages = seed_stats.as_json()["languages"]
    assert set(languages) == {"fa", "ar"}
    for lang, row in languages.items():
        mine = [r for r in records if r["lang"] == lang]
        assert row == {
            "documents": len(mine),
            "characters": sum(len(r["text"]) for r in mine),
            "sentences": sum(len(r["sentences"]) for r in mine),
            "tokens": sum(len(r["tokens"]) for r in mine),
        }


def test_putin_is_one_entity_across_persian_and_arabic(records, seed_stats):
    top = {e["key"]: e for e in seed_stats.as_json(top=1000, forms=100)["entities"]["top"]}
    putin = top["Q7747"]
    assert (putin["id"], putin["label"], putin["name"]) == ("Q7747", "PER", "Vladimir Putin")
    assert putin["forms"]["fa"]["پوتین"] >= 1 and putin["forms"]["ar"]["بوتين"] >= 1
    expected = [(r["lang"], e["text"]) for r in records for e in r["entities"] if e["id"] == "Q7747"]
    assert putin["count"] == len(expected)
    assert {(lang, form): n for lang, forms in putin["forms"].items() for form, n in forms.items()} == Counter(expected)
    # Entities without an id are keyed by label and text.
    barria = top.get("PER:C. Barria")
    assert barria is not None and barria["id"] is None and barria["name"] is None


def test_months_in_the_timeline(records, seed_stats):
    dates = seed_stats.as_json()["dates"]
    # Independently: day, minute and Gregorian month values name their month.
    expected = Counter(
        d["value"][:7]
        for r in records
        for d in r["dates"]
        if d["value"] and d["granularity"] in ("month", "day", "minute", "second") and "/" not in d["value"]
    )
    assert expected["2020-09"] >= 3 and expected["2018-08"] >= 1
    assert dates["by_month"] == dict(sorted(expected.items()))
    years = Counter(d["value"] for r in records for d in r["dates"] if d["granularity"] == "year")
    assert dates["coarse_by_year"] == dict(sorted(years.items()))
    assert dates["coarser_than_month"] == sum(years.values()) > 0
    assert dates["documents_with_date"] == sum(bool(r["meta"]["document_date"]["value"]) for r in records)


NOVEMBER = {"start": "2018-11-01", "end": "2018-11-30"}
YEAR_2016 = {"start": "2016-01-01", "end": "2016-12-31"}


@pytest.mark.parametrize(
    "mention, expected",
    [
        ({"value": "2020-09-24", "granularity": "day"}, ("2020-09", None)),
        ({"value": "2018-08-23T18:00Z", "granularity": "minute"}, ("2018-08", None)),
        ({"value": "2018-11", "granularity": "month", "interval": NOVEMBER}, ("2018-11", None)),
        ({"value": "2020-W39", "granularity": "week"}, ("2020-09", None)),  # Thursday 24 September
        ({"value": "2020-W53", "granularity": "week"}, ("2020-12", None)),  # Thursday 31 December
        ({"value": "2023-12-22/2024-01-20", "granularity": "month"}, ("2024-01", None)),  # Dey 1402
        ({"value": "2016", "granularity": "year", "interval": YEAR_2016}, (None, "2016")),
        ({"value": "2023-03-21/2024-03-19", "granularity": "year"}, (None, "2023")),  # Jalali 1402
        ({"value": "2020-13-01", "granularity": "day"}, (None, None)),
        ({"value": None, "granularity": None}, (None, None)),
    ],
)
def test_month_attribution(mention, expected):
    assert month_of(mention) == expected


def test_errors_and_partial_records(records):
    failed = run(["langid", "normalize", "tokenize", Explodes(), "dates", "entities"], SEEDS[0])
    partial = run(["langid"], SEEDS[1])
    assert failed["errors"][0]["stage"] == "explodes" and "dates" not in failed
    stats = CorpusStats()
    for record in [*records, failed, partial]:
        stats.add(record)
    data = stats.as_json()
    assert data["errors"] == {"documents": 1, "by_stage": {"explodes": 1}, "examples": [failed["id"]]}
    assert data["missing"] == {"lang": 0, "sentences": 1, "tokens": 1, "dates": 2, "entities": 2}
    assert data["totals"]["tokens"] == sum(len(r["tokens"]) for r in records) + len(failed["tokens"])
    # A record with nothing but an id still counts, as language "und".
    stats.add({"id": "bare"})
    assert stats.as_json()["languages"]["und"]["documents"] == 1
    assert stats.as_json()["missing"]["lang"] == 1
    out = render(stats)
    assert "Documents with errors: 1 (explodes 1)" in out
    assert "without tokens" in out


def entity(label, text, id=None):
    return {"start": 0, "end": len(text), "text": text, "label": label, "id": id, "name": None}


def test_entity_table_is_pruned_at_the_cap():
    stats = CorpusStats(max_entities=8)
    for i in range(40):
        spans = [entity("PER", "common", "Q1"), entity("PER", f"rare{i}")]
        stats.add({"id": str(i), "lang": "fa", "text": "x", "entities": spans})
    data = stats.as_json()["entities"]
    assert data["distinct"] <= 8
    assert data["pruned"] is True and data["pruned_mentions"] > 0
    assert data["mentions"] == 80  # totals stay exact
    assert data["top"][0]["key"] == "Q1" and data["top"][0]["count"] == 40
    assert "Entity table pruned" in render(stats)


def test_structures_stay_bounded_on_a_long_stream():
    stats = CorpusStats(max_entities=1000)
    for i in range(20_000):
        stats.add(
            {
                "id": str(i),
                "lang": ("fa", "ar", "en")[i % 3],
                "text": "x" * 10,
                "tokens": [{}] * 3,
                "sentences": [{}],
                "dates": [
                    {"value": f"{2000 + i % 20}-{i % 12 + 1:02d}-01", "granularity": "day", "calendar": "gregorian"},
                    {"value": str(1990 + i % 30), "granularity": "year", "calendar": "jalali"},
                    {"value": None, "granularity": None, "calendar": None},
                ],
                "entities": [entity("PER", f"person {i}"), entity("LOC", f"form {i}", "Q30"), entity(f"L{i}", "x")],
                "errors": [{"stage": f"stage{i}", "type": "E", "message": "m"}] if i % 100 == 0 else [],
            }
        )
    assert len(stats.entities) <= 1000
    forms = [len(by_form) for e in stats.entities.values() for by_form in e["forms"].values()]
    assert max(forms) <= 2 * stats_module.MAX_FORMS
    assert len(stats.by_month) <= 20 * 12 and len(stats.coarse_by_year) <= 30
    assert len(stats.by_label) <= stats_module.MAX_KEYS + 1
    assert len(stats.errors_by_stage) <= stats_module.MAX_KEYS + 1
    assert len(stats.error_examples) <= stats_module.EXAMPLE_IDS
    data = stats.as_json()
    assert data["documents"] == 20_000 and data["totals"]["tokens"] == 60_000
    assert data["entities"]["mentions"] == 60_000 and data["dates"]["mentions"] == 60_000
    assert data["errors"]["documents"] == 200 and sum(data["errors"]["by_stage"].values()) == 200
    assert data["entities"]["top"][0]["key"] == "Q30" and data["entities"]["top"][0]["count"] == 20_000
    json.dumps(data)
    assert max(cell_len(line) for line in render(stats).splitlines()) <= 80


def test_as_json_round_trips(seed_stats):
    data = seed_stats.as_json()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert list(data) == ["documents", "languages", "totals", "missing", "errors", "dates", "entities"]
    assert CorpusStats().as_json()["documents"] == 0  # empty input is fine too
    render(CorpusStats())


def test_render_fits_80_columns_and_shows_the_numbers(seed_stats):
    data = seed_stats.as_json()
    out = render(seed_stats, top=5)
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    assert "\x1b[" not in out  # no colour on a colourless console
    for number in (data["totals"]["characters"], data["totals"]["tokens"], data["entities"]["mentions"]):
        assert f"{number:,}" in out
    assert "Vladimir Putin" in out and "پوتین" in out and "بوتين" in out
    assert "2020" in out and "year-level mentions not charted" in out
    assert "█" in out
    assert out.count("│ PER ") + out.count("│ LOC ") + out.count("│ ORG ") <= 5  # top=5 rows


def test_timeline_groups_many_months_into_years_and_keeps_the_dense_window():
    stats = CorpusStats()
    stats.add({"id": "a", "lang": "fa", "text": "", "dates": [{"value": "1900-01-01", "granularity": "day"}]})
    for year in range(2000, 2030):
        mentions = [{"value": f"{year}-05-05", "granularity": "day"}] * 3
        stats.add({"id": str(year), "lang": "fa", "text": "", "dates": mentions})
    out = render(stats)
    assert "per year" in out and "2029" in out and "1900 " not in out
    assert "mentions outside" in out
    few = CorpusStats()
    mentions = [{"value": "2020-01-02", "granularity": "day"}, {"value": "2020-03-02", "granularity": "day"}]
    few.add({"id": "b", "lang": "ar", "text": "", "dates": mentions})
    out = render(few)
    assert "per month" in out and "2020-02" in out  # an empty month inside the range is drawn


def test_malformed_records_are_counted_not_fatal():
    stats = CorpusStats()
    stats.add({"id": "odd", "lang": "fa", "text": 5, "tokens": "abc", "dates": ["x", None], "entities": [3]})
    data = stats.as_json()
    assert data["totals"] == {"documents": 1, "characters": 0, "sentences": 0, "tokens": 0}
    assert data["dates"]["mentions"] == 0 and data["entities"]["mentions"] == 0


def test_importing_stats_does_not_import_rich():
    code = "import sys, corpuskit.stats; print('rich' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "False"
