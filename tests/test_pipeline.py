import pickle

import pytest

import corpuskit
from corpuskit.pipeline import Pipeline, Stage, StageSetupError, build_stages, load_stage_class, process
from corpuskit.record import new_record

from conftest import assert_valid_record


class Upper(Stage):
    name = "upper"
    setups = 0

    def setup(self):
        type(self).setups += 1

    def process(self, record):
        record["text"] = record["text"].upper()
        return record


class Fails(Stage):
    name = "fails"

    def process(self, record):
        if "bad" in record["text"]:
            raise RuntimeError("cannot handle this one")
        record["meta"]["fails_ran"] = True
        return record


class NeedsLang(Stage):
    name = "needs_lang"
    requires = ("text", "langid")

    def process(self, record):
        return record


def records(*texts):
    return [new_record(f"doc:{i}", text, source="test") for i, text in enumerate(texts, 1)]


def test_setup_runs_once_however_many_records():
    Upper.setups = 0
    out = list(process(records("a", "b", "c"), [Upper()]))
    assert [r["text"] for r in out] == ["A", "B", "C"]
    assert Upper.setups == 1
    assert all(r["corpuskit"]["stages"] == ["upper"] for r in out)


def test_failing_stage_keeps_the_record_and_skips_later_stages_for_it_only():
    out = list(process(records("good", "bad one", "good again"), [Fails(), Upper()]))
    assert [r["text"] for r in out] == ["GOOD", "bad one", "GOOD AGAIN"]
    assert out[1]["errors"] == [{"stage": "fails", "type": "RuntimeError", "message": "cannot handle this one"}]
    assert out[1]["corpuskit"]["stages"] == []
    assert out[0]["corpuskit"]["stages"] == ["fails", "upper"]
    for record in out:
        assert_valid_record(record)


def test_missing_required_field_is_a_record_error():
    [record] = process(records("x"), [NeedsLang()])
    assert record["errors"][0]["stage"] == "needs_lang"
    assert "langid" in record["errors"][0]["message"]


def test_a_stage_that_ran_before_is_listed_once():
    [record] = process(process(records("x"), [Upper()]), [Upper()])
    assert record["corpuskit"]["stages"] == ["upper"]


def test_stages_by_name_and_unknown_name():
    assert load_stage_class("langid").name == "langid"
    with pytest.raises(ValueError, match="unknown stage 'nope'"):
        build_stages(["nope"])


def test_stage_options_reach_the_stage():
    [stage] = build_stages(["langid"], {"lang": "fa"})
    assert stage.lang == "fa"


def test_stage_pickles_without_its_loaded_state():
    stage = Upper()
    stage(new_record("a", "x", source="t"))
    assert stage._ready
    copy = pickle.loads(pickle.dumps(stage))
    assert not copy._ready


def test_process_is_lazy_and_streams():
    def endless():
        i = 0
        while True:
            i += 1
            yield new_record(str(i), "x", source="gen")

    stream = process(endless(), [Upper()])
    assert next(stream)["id"] == "1"
    assert next(stream)["id"] == "2"


def test_workers_keep_input_order_and_give_the_same_records():
    texts = [("سلام دنیا، این یک متن فارسی است " * (i % 5 + 1)) if i % 2 else "مرحبا بالعالم هذا نص عربي" for i in range(60)]
    one = list(corpuskit.process(records(*texts), ["langid"], workers=1))
    two = list(corpuskit.process(records(*texts), ["langid"], workers=2))
    assert [r["id"] for r in two] == [f"doc:{i}" for i in range(1, 61)]
    assert one == two
    assert {r["lang"] for r in one} == {"fa", "ar"}


def test_pipeline_names():
    assert Pipeline([Upper(), Fails()]).names == ["upper", "fails"]


class CannotLoad(Stage):
    name = "cannot_load"

    def setup(self):
        raise FileNotFoundError("no model in /models/xx")

    def process(self, record):
        return record


@pytest.mark.parametrize("workers", [1, 2])
def test_a_stage_that_cannot_set_up_stops_the_run_with_one_error(workers):
    with pytest.raises(StageSetupError) as caught:
        list(process(records("a", "b", "c"), [CannotLoad()], workers=workers))
    assert str(caught.value) == "stage cannot_load: FileNotFoundError: no model in /models/xx"


def test_a_batch_gives_each_record_what_run_one_gives_it():
    from conftest import SAMPLE_FILES

    texts = [path.read_text(encoding="utf-8") for path in SAMPLE_FILES]
    texts += [line for text in texts for line in text.splitlines()[:12]]
    texts += ["", "bad one", "bad سلام دنیا", "x", "۱۲ مهر ۱۳۹۹", "مرحبا بالعالم في ٢٣ أغسطس ٢٠١٨"]
    stages = build_stages(["langid", "normalize", "tokenize"]) + [Fails()] + build_stages(["dates", "entities"])
    pipeline = Pipeline(stages)
    one = [pipeline.run_one(record) for record in records(*texts)]
    batch = pipeline.run_batch(records(*texts))
    assert batch == one
    assert sum(bool(record["errors"]) for record in one) == 2  # "bad": the stages after Fails skipped
    assert all(record["corpuskit"]["stages"][-1] == "entities" for record in one if not record["errors"])


def test_prerequisites_run_in_a_batch_only_for_records_that_lack_the_field():
    given = records("سلام دنیا، این یک متن فارسی است", "مرحبا بالعالم هذا نص عربي")
    given[0]["lang"] = "ar"  # set earlier: kept
    [first, second] = Pipeline(build_stages(["tokenize"])).run_batch(given)
    assert first["lang"] == "ar" and first["corpuskit"]["stages"] == ["tokenize"]
    assert second["lang"] == "ar" and second["corpuskit"]["stages"] == ["langid", "tokenize"]
