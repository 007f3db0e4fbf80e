"""Entity scorer (corpuskit.evaluate.entities) on the seed gold, with
synthetic predictions built from the gold itself."""

import json
from collections import Counter
from pathlib import Path

import pytest

from corpuskit.evaluate import entities as E

ROOT = Path(__file__).resolve().parents[2]
GOLD_PATH = ROOT / "tests" / "data" / "seed-entities.jsonl"
SAMPLES = ROOT / "data" / "samples"
TOTAL = 242


@pytest.fixture(scope="module")
def gold() -> E.Gold:
    return E.load_gold(GOLD_PATH, SAMPLES)


def perfect(gold: E.Gold, with_ids: bool = False) -> dict[str, list[dict]]:
    """One prediction per gold mention, on its span, with its label (and its entity as id)."""
    predictions: dict[str, list[dict]] = {doc: [] for doc in gold.documents}
    for m in gold.mentions:
        p = {"start": m.start, "end": m.end, "label": m.label}
        if with_ids:
            p["id"] = m.qid or m.entity
        predictions[m.doc].append(p)
    return predictions


def find(gold: E.Gold, doc_prefix: str, surface: str, occurrence: int = 0) -> E.GoldMention:
    (m,) = [x for x in gold.mentions if x.doc.startswith(doc_prefix) and x.surface == surface and x.occurrence == occurrence]
    return m


def drop(predictions, mention: E.GoldMention):
    predictions[mention.doc] = [p for p in predictions[mention.doc] if (p["start"], p["end"]) != (mention.start, mention.end)]
    return predictions


def rows():
    return [json.loads(line) for line in GOLD_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]


# --------------------------------------------------------------------------- loading


def test_gold_counts_per_document_and_label(gold):
    counts = Counter((m.doc[:3], m.label) for m in gold.mentions)
    assert dict(counts) == {
        ("000", "PER"): 17, ("000", "LOC"): 21, ("000", "ORG"): 10,
        ("001", "PER"): 13, ("001", "LOC"): 25, ("001", "ORG"): 4,
        ("002", "PER"): 23, ("002", "LOC"): 15, ("002", "ORG"): 9,
        ("003", "PER"): 15, ("003", "LOC"): 32, ("003", "ORG"): 9,
        ("004", "PER"): 20, ("004", "LOC"): 19, ("004", "ORG"): 10,
    }  # fmt: skip
    assert len(gold.mentions) == TOTAL


def test_languages_from_the_file_names(gold):
    assert {doc[:3]: d.lang for doc, d in gold.documents.items()} == {
        "000": "fa", "001": "ar", "002": "ar", "003": "fa", "004": "ar",
    }  # fmt: skip


def test_every_mention_is_located_on_its_surface_and_occurrence(gold):
    for m in gold.mentions:
        text = gold.documents[m.doc].text
        assert text[m.start : m.end] == m.surface, m  # the gold surfaces have plain spaces only
        # recount independently of locate(): plain non-overlapping substring matches before the span
        count, i = 0, text.find(m.surface)
        while 0 <= i < m.start:
            count += 1
            i = text.find(m.surface, i + len(m.surface))
        assert i == m.start and count == m.occurrence, m


def test_gold_rows_are_in_text_order_and_one_entity_has_one_qid(gold):
    for doc in gold.documents:
        in_file = [(m.start, m.end) for m in gold.mentions if m.doc == doc]
        assert in_file == sorted(in_file), doc
    qids = {}
    for m in gold.mentions:
        assert qids.setdefault(m.entity, m.qid) == m.qid, m
        assert m.label in E.LABELS


def test_clitic_trimmed_span_inside_a_word(gold):
    m = find(gold, "001", "روسيا", 6)  # وتتهم ... معاداته لروسيا للفوز
    text = gold.documents[m.doc].text
    assert text[m.start - 1 : m.end] == "لروسيا"
    assert text[m.start - 9 : m.start - 1] == "معاداته "
    # occurrence 5 is the روسيا inside بيلاروسيا, which is no mention
    assert text[text.index("بيلاروسيا") + 4 :].startswith("روسيا")
    assert not any(x.doc == m.doc and x.surface == "روسيا" and x.occurrence == 5 for x in gold.mentions)
    p = find(gold, "004", "بومبيو", 1)
    assert gold.documents[p.doc].text[p.start - 1 : p.end] == "لبومبيو"


def test_texts_found_without_texts_dir():
    assert len(E.load_gold(GOLD_PATH).mentions) == TOTAL


def _write(tmp_path, extra):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows() + extra), encoding="utf-8")
    return bad


def test_row_that_does_not_match_its_text_fails_early(tmp_path):
    doc = rows()[0]["doc"]
    bad = _write(tmp_path, [{"doc": doc, "surface": "انگلا مرکل", "occurrence": 0, "label": "PER", "entity": "Angela Merkel"}])
    with pytest.raises(E.LocateError, match="انگلا مرکل"):
        E.load_gold(bad, SAMPLES)
    bad = _write(tmp_path, [{"doc": doc, "surface": "چین", "occurrence": 1, "label": "LOC", "entity": "China"}])
    with pytest.raises(E.LocateError, match="occurrence 1"):
        E.load_gold(bad, SAMPLES)


def test_bad_label_and_overlapping_rows_fail(tmp_path):
    doc = rows()[0]["doc"]
    bad = _write(tmp_path, [{"doc": doc, "surface": "چین", "occurrence": 0, "label": "GPE", "entity": "China"}])
    with pytest.raises(ValueError, match="GPE"):
        E.load_gold(bad, SAMPLES)
    bad = _write(tmp_path, [{"doc": doc, "surface": "وله", "occurrence": 0, "label": "ORG", "entity": "x"}])
    with pytest.raises(ValueError, match="overlap"):
        E.load_gold(bad, SAMPLES)


# --------------------------------------------------------------------------- scoring


def test_perfect_predictions(gold):
    s = E.score(gold, perfect(gold, with_ids=True))
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    assert s.overall.strict == s.overall.lenient == s.overall.gold == s.overall.predicted == TOTAL
    for counts in [*s.by_lang.values(), *s.by_label.values()]:
        assert (counts.precision, counts.recall, counts.f1) == (1.0, 1.0, 1.0)
    assert s.by_lang["fa"].gold == 104 and s.by_lang["ar"].gold == 138
    assert not s.false_positives
    assert {r.status for r in s.results} == {"correct"}
    entities = len({m.entity for m in gold.mentions})
    assert (s.identity.entities, s.identity.consistent) == (entities, entities)
    assert (s.identity.mentions, s.identity.agreeing) == (TOTAL, TOTAL)
    assert s.identity.merged_ids == []


def test_no_predictions(gold):
    s = E.score(gold, {})
    assert (s.overall.gold, s.overall.predicted, s.overall.strict) == (TOTAL, 0, 0)
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)
    assert s.identity.mentions == 0


def test_missing_mentions_lower_recall_only(gold):
    putin = find(gold, "000", "پوتین", 0)  # fa, PER
    helsinki = find(gold, "004", "هلسنكي", 0)  # ar, LOC
    predictions = drop(drop(perfect(gold), putin), helsinki)
    s = E.score(gold, predictions)
    assert s.precision == 1.0
    assert s.recall == pytest.approx(240 / 242)
    assert s.f1 == pytest.approx(2 * 1 * (240 / 242) / (1 + 240 / 242))  # = 480/482
    assert s.f1 == pytest.approx(480 / 482)
    assert s.by_lang["fa"].recall == pytest.approx(103 / 104)
    assert s.by_lang["ar"].recall == pytest.approx(137 / 138)
    assert s.by_label["PER"].recall == pytest.approx(87 / 88)
    assert s.by_label["LOC"].recall == pytest.approx(111 / 112)
    assert s.by_label["ORG"].recall == 1.0
    missed = [(r.doc[:3], r.surface) for r in s.results if r.status == "missed"]
    assert missed == [("000", "پوتین"), ("004", "هلسنكي")]


def test_wrong_label_costs_one_miss_and_one_false_positive(gold):
    m = find(gold, "003", "کاخ سفید", 0)  # ORG predicted as LOC
    predictions = perfect(gold)
    for p in predictions[m.doc]:
        if (p["start"], p["end"]) == (m.start, m.end):
            p["label"] = "LOC"
    s = E.score(gold, predictions)
    assert (s.overall.strict, s.overall.predicted, s.overall.gold) == (241, 242, 242)
    assert s.precision == pytest.approx(241 / 242) and s.recall == pytest.approx(241 / 242)
    assert s.by_label["ORG"].recall == pytest.approx(41 / 42) and s.by_label["ORG"].precision == 1.0
    assert s.by_label["LOC"].recall == 1.0 and s.by_label["LOC"].precision == pytest.approx(112 / 113)
    assert s.overall.lenient == 241  # lenient needs the same label too
    (r,) = [r for r in s.results if r.status != "correct"]
    assert (r.status, r.predicted_label, r.surface) == ("wrong-label", "LOC", "کاخ سفید")
    assert [(fp.text, fp.label) for fp in s.false_positives] == [("کاخ سفید", "LOC")]


def test_extra_span_lowers_precision_only(gold):
    doc = next(d for d in gold.documents if d.startswith("000"))
    text = gold.documents[doc].text
    start = text.index("آمریکایی")  # an adjective: no mention
    predictions = perfect(gold)
    predictions[doc].append({"start": start, "end": start + len("آمریکا"), "label": "LOC"})
    s = E.score(gold, predictions)
    assert s.recall == 1.0
    assert s.precision == pytest.approx(242 / 243)
    assert s.by_lang["fa"].precision == pytest.approx(104 / 105) and s.by_lang["ar"].precision == 1.0
    assert [(fp.doc, fp.text, fp.label) for fp in s.false_positives] == [(doc, "آمریکا", "LOC")]


def test_duplicate_prediction_is_a_false_positive(gold):
    m = find(gold, "002", "تويتر", 0)
    predictions = perfect(gold)
    predictions[m.doc].append({"start": m.start, "end": m.end, "label": "ORG"})
    s = E.score(gold, predictions)
    assert (s.overall.strict, s.overall.predicted) == (242, 243)


def test_clitic_kept_in_the_prediction_is_lenient_only(gold):
    m = find(gold, "001", "روسيا", 6)  # predicted as لروسيا
    predictions = drop(perfect(gold), m)
    predictions[m.doc].append({"start": m.start - 1, "end": m.end, "label": "LOC"})
    s = E.score(gold, predictions)
    assert s.overall.strict == 241 and s.overall.lenient == 242
    assert s.recall == pytest.approx(241 / 242) and s.precision == pytest.approx(241 / 242)
    assert s.overall.lenient_recall == 1.0 and s.overall.lenient_precision == 1.0
    (r,) = [r for r in s.results if r.status != "correct"]
    assert (r.status, r.predicted_span) == ("partial", (m.start - 1, m.end))
    assert [fp.text for fp in s.false_positives] == ["لروسيا"]


def test_identity_split_and_merge(gold):
    predictions = perfect(gold, with_ids=True)
    butina = find(gold, "004", "ماريا بوتينا", 0)
    putin = find(gold, "002", "بوتين", 3)
    for p in predictions[butina.doc]:
        if p["start"] == butina.start:
            p["id"] = "Q7747"  # Butina linked to Putin
    for p in predictions[putin.doc]:
        if p["start"] == putin.start:
            p["id"] = "local:someone-else"
    s = E.score(gold, predictions)
    entities = len({m.entity for m in gold.mentions})
    putin_mentions = sum(m.entity == "Vladimir Putin" for m in gold.mentions)
    assert s.identity.entities == entities
    assert s.identity.consistent == entities - 1  # Putin got two ids; Butina still has one
    assert s.identity.mentions == TOTAL
    assert s.identity.agreeing == TOTAL - 1
    assert s.identity.split == {"Vladimir Putin": ["Q7747", "local:someone-else"]}
    assert s.identity.merged_ids == ["Q7747"]
    assert putin_mentions > 2
    assert s.f1 == 1.0  # ids do not change the span scores


def test_identity_ignores_predictions_without_id(gold):
    predictions = perfect(gold, with_ids=True)
    for p in predictions[next(iter(gold.documents))]:
        p.pop("id")
    s = E.score(gold, predictions)
    assert s.identity.mentions == TOTAL - 48


def test_unknown_document_and_bad_span_raise(gold):
    with pytest.raises(ValueError, match="not in the gold"):
        E.score(gold, {"999_x.txt": []})
    doc = next(iter(gold.documents))
    with pytest.raises(ValueError, match="outside"):
        E.score(gold, {doc: [{"start": 0, "end": 10**6, "label": "PER"}]})


def test_table_and_as_dict(gold):
    m = find(gold, "003", "طالبان", 0)
    s = E.score(gold, drop(perfect(gold), m))
    table = s.table()
    assert "missed" in table and "طالبان" in table
    assert table.splitlines()[1].split()[:4] == ["all", "242", "241", "241"]
    d = json.loads(json.dumps(s.as_dict(), ensure_ascii=False))
    assert d["overall"]["strict"] == 241 and d["by_label"]["ORG"]["gold"] == 42
    assert d["by_lang"]["fa"]["recall"] == pytest.approx(103 / 104)
    assert len(d["mentions"]) == TOTAL
