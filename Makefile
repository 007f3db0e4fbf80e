# corpuskit: `make demo` cleans and runs the pipeline on data/samples, `make test` runs the tests.
# Both create .venv with a Python >= 3.12 (found by scripts/find-python) when needed.
# Set-up messages go to stderr, so `make demo` prints nothing but JSONL on stdout.

VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: demo test fuzz bench bench-adversarial bench-memory install clean help

help:
	@echo "make demo   clean the news pages in data/samples, run the whole pipeline and print JSONL"
	@echo "make test   install what the tests need and run them"
	@echo "make fuzz   fuzz the pipeline with 100000 random texts per property (docs/fuzzing.md)"
	@echo "make bench  every stage and the pipeline against hazm, camel-tools, dateparser; 1 vs 2 workers (docs/performance.md)"
	@echo "make bench-adversarial  speed on adversarial input (about 3 min)"
	@echo "make bench-memory  peak memory of a run over a generated 1 GB input (about 15 min)"
	@echo "make clean  remove the virtual environment and caches"

$(BIN)/python:
	@set -e; python=$$(scripts/find-python); \
	echo "creating $(VENV) with $$python" >&2; \
	"$$python" -m venv $(VENV) >&2

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@echo "installing corpuskit into $(VENV) (the first time takes a few minutes: torch comes with stanza and camel-tools)" >&2
	@$(PIP) install -e . >&2
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	@echo "installing the test dependencies into $(VENV)" >&2
	@$(PIP) install -e '.[test]' >&2
	@touch $@

install: $(VENV)/.installed

# --clean: the samples are scraped pages; the records show their body and, in
# meta, the title, URL, outlet and publication date (docs/clean.md).
demo: $(VENV)/.installed
	@$(BIN)/corpuskit run --clean data/samples

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

fuzz: $(VENV)/.installed-test
	CORPUSKIT_FUZZ_EXAMPLES=$${CORPUSKIT_FUZZ_EXAMPLES:-100000} $(BIN)/python -m pytest tests/test_fuzz_pipeline.py \
		--hypothesis-show-statistics -v

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed
	@echo "installing the benchmark dependencies into $(VENV)" >&2
	@$(PIP) install -e '.[bench]' >&2
	@touch $@

bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/bench.py

bench-adversarial: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/adversarial.py

bench-memory: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/memory.py --gb 1 --workers 2

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build src/*.egg-info
