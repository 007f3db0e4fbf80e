"""Stages and the pipeline that runs them over a stream of records.

A stage is a small object with a ``name``, the record fields it ``requires`` and
``provides``, a ``setup()`` that loads heavy resources once per process (lazily,
on the first record), and a ``process(record)`` that returns the record enriched.
A pipeline is an ordered list of stages. ``process()`` is the one library entry
point the CLI calls; it streams, keeps input order and never drops a record: a
stage that fails leaves an entry in ``record["errors"]`` and the record goes on.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar

from corpuskit.record import add_error, add_raw_offsets


class StageSetupError(Exception):
    """A stage could not load what it needs (a model, a lexicon): the run cannot go on.

    Carries a message meant for the user; picklable, so it crosses from a worker
    process to the parent intact."""

    def __init__(self, stage: str, message: str):
        super().__init__(stage, message)
        self.stage, self.message = stage, message

    def __str__(self) -> str:
        return f"stage {self.stage}: {self.message}"

#: Stage name -> "module:Class". Imported only when a stage is used, so that
#: ``corpuskit --help`` never pays for hazm, camel-tools or torch.
STAGES: dict[str, str] = {
    "clean": "corpuskit.stages.clean:Clean",
    "langid": "corpuskit.stages.langid:LangId",
    "normalize": "corpuskit.stages.normalize:Normalize",
    "tokenize": "corpuskit.stages.tokenize:Tokenize",
    "dates": "corpuskit.stages.dates:Dates",
    "entities": "corpuskit.stages.entities:Entities",
}

#: The order stages run in when ``run`` is given no ``--stages``: all but
#: ``clean``, which only news pages want (``run --clean`` puts it first).
DEFAULT_STAGES: tuple[str, ...] = tuple(name for name in STAGES if name != "clean")


class Stage:
    """Base class of every stage.

    Subclasses set ``name``, ``requires`` and ``provides``, implement
    ``process(record) -> record`` and, when they need models or lexicons,
    ``setup()``. Keep constructor arguments picklable: worker processes get a
    copy of the stage and call ``setup()`` themselves.
    """

    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ("text",)
    provides: ClassVar[tuple[str, ...]] = ()
    #: Field -> stage that fills it: run for a record whose field is missing or
    #: null (``corpuskit normalize`` on raw text detects the language first).
    prerequisites: ClassVar[dict[str, str]] = {}

    _ready = False

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> Stage:
        """Build the stage from the CLI's (or a caller's) option dict; each stage
        picks the options it knows and ignores the rest."""
        return cls()

    def setup(self) -> None:
        """Load heavy resources. Runs once per stage object, in the process that
        uses it; use module-level caches so several objects share one copy."""

    def process(self, record: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def ensure_ready(self) -> None:
        """Run ``setup()`` once; its failure becomes a ``StageSetupError``."""
        if self._ready:
            return
        try:
            self.setup()
        except StageSetupError:
            raise
        except Exception as error:
            raise StageSetupError(self.name, f"{type(error).__name__}: {error}") from error
        self._ready = True

    def __call__(self, record: dict[str, Any]) -> dict[str, Any]:
        self.ensure_ready()
        return self.process(record)

    def __getstate__(self) -> dict[str, Any]:
        # Loaded resources never travel to a worker: it loads its own.
        state = dict(self.__dict__)
        state.pop("_ready", None)
        return state

    def __repr__(self) -> str:
        return f"<stage {self.name}>"


def load_stage_class(name: str) -> type[Stage]:
    try:
        target = STAGES[name]
    except KeyError:
        known = ", ".join(STAGES)
        raise ValueError(f"unknown stage {name!r} (known: {known})") from None
    module_name, _, class_name = target.partition(":")
    return getattr(importlib.import_module(module_name), class_name)


def build_stages(names: Iterable[str | Stage], options: dict[str, Any] | None = None) -> list[Stage]:
    """Stage objects from names (or stage objects, passed through)."""
    options = options or {}
    stages = []
    for item in names:
        stages.append(item if isinstance(item, Stage) else load_stage_class(item).from_options(options))
    return stages


class Pipeline:
    """An ordered list of stages applied to one record at a time."""

    def __init__(self, stages: Sequence[Stage], options: dict[str, Any] | None = None):
        self.stages = list(stages)
        self.options = dict(options or {})
        self._helpers: dict[str, Stage] = {}

    def _helper(self, name: str) -> Stage:
        if name not in self._helpers:
            self._helpers[name] = load_stage_class(name).from_options(self.options)
        return self._helpers[name]

    @property
    def names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    def setup(self) -> None:
        for stage in self.stages:
            stage.ensure_ready()

    def run_one(self, record: dict[str, Any]) -> dict[str, Any]:
        """Apply every stage. The first failure is written into the record's
        ``errors`` and the later stages are skipped for that record only. A
        stage that cannot set up raises ``StageSetupError``: that is no fault of
        the record, and every later record would fail the same way."""
        return self.run_batch([record])[0]

    def run_batch(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """``run_one`` on each record, run stage by stage over the whole list:
        each record gets exactly what ``run_one`` gives it (stages see a
        record after the stages before it, and nothing of other records), but
        a batch runs 1.3x as fast on news, because each stage's tables and
        compiled patterns stay in the processor's caches through the batch
        instead of being pushed out by the other four at every record
        (docs/performance.md)."""
        going = list(records)
        for stage in self.stages:
            going = [record for record in going if self._advance(stage, record)]
        return [self._finish(record) for record in records]

    def _advance(self, stage: Stage, record: dict[str, Any]) -> bool:
        """Run ``stage`` (and its prerequisites the record lacks) on the
        record; False when it failed, and the later stages skip the record."""
        try:
            helpers = [self._helper(name) for field, name in stage.prerequisites.items() if record.get(field) is None]
            return all(self._run_stage(helper, record) for helper in helpers) and self._run_stage(stage, record)
        except StageSetupError:
            raise
        except Exception as error:  # not a stage's own failure (a helper that cannot be built): this record only
            add_error(record, "pipeline", error)
            return False

    @staticmethod
    def _finish(record: dict[str, Any]) -> dict[str, Any]:
        try:
            return add_raw_offsets(record)
        except Exception as error:  # a raw map no stage of this run made
            add_error(record, "raw offsets", error)
            return record

    @staticmethod
    def _run_stage(stage: Stage, record: dict[str, Any]) -> bool:
        """Run one stage on the record in place; False when it failed."""
        missing = [field for field in stage.requires if field not in record]
        if missing:
            add_error(record, stage.name, f"missing field(s) {', '.join(missing)}")
            return False
        stage.ensure_ready()
        try:
            result = stage.process(record)
        except StageSetupError:  # a model that cannot load fails every record alike
            raise
        except Exception as error:  # a bad record must not stop the corpus
            add_error(record, stage.name, error)
            return False
        if result is not record:  # a stage may return a new dict; keep one object
            record.clear()
            record.update(result)
        ran = record["corpuskit"]["stages"]
        if stage.name not in ran:
            ran.append(stage.name)
        return True

    #: The worker-task interface of ``corpuskit.parallel``.
    apply = run_one
    apply_batch = run_batch

    def __call__(self, records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """The records, processed in batches (``corpuskit.parallel.batches``)."""
        from corpuskit.parallel import batches

        for batch in batches(records):
            yield from self.run_batch(batch)


def process(
    records: Iterable[dict[str, Any]],
    stages: Sequence[str | Stage] | Pipeline = DEFAULT_STAGES,
    *,
    workers: int = 1,
    options: dict[str, Any] | None = None,
) -> Iterator[dict[str, Any]]:
    """Run ``stages`` over ``records`` and yield the enriched records in input order.

    ``stages`` is a list of stage names (see ``STAGES``), stage objects, or a
    ``Pipeline``. ``options`` are passed to the stages built from names
    (for example ``{"lang": "fa"}``). With ``workers > 1`` the records are
    processed in that many worker processes, each loading resources once.
    """
    pipeline = stages if isinstance(stages, Pipeline) else Pipeline(build_stages(stages, options), options)
    if workers <= 1:
        return pipeline(records)
    from corpuskit.parallel import parallel_map

    return parallel_map(pipeline, records, workers=workers)
