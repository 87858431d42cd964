# `make run`: set up and regenerate every output from the bundled models (offline).
# `make test`: set up and run lint, type checks and the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MODELS := models/scaling-aws

.PHONY: run test setup lint typecheck pytest bench clean

CHECKOV_VENV := .venv-checkov

setup: $(VENV)/.installed $(CHECKOV_VENV)/.installed
	@sh scripts/ensure-graphviz.sh

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,aws]'
	@touch $@

# checkov's pins clash with the project's, so it gets a venv of its own (see pyproject.toml)
$(CHECKOV_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(CHECKOV_VENV)/bin/python -m pip install --quiet --group checkov
	@touch $@

run: setup
	$(BIN)/archlib show $(MODELS)
	$(BIN)/archlib usage $(MODELS)/6-users-plus-5.yaml
	$(BIN)/archlib docs --output docs
	$(BIN)/archlib render $(MODELS) -o diagrams -f png -f svg -f dot -f mermaid --highlight
	$(BIN)/archlib check $(MODELS) --fail-on never
	$(BIN)/archlib cost $(MODELS) --output costs
	$(BIN)/archlib capacity $(MODELS)
	$(BIN)/archlib evolve $(MODELS) --format markdown --output docs/evolution.md
	$(BIN)/archlib cfn $(MODELS) -o templates/scaling-aws
	$(BIN)/archlib report $(MODELS) -o docs/report

lint: setup
	$(BIN)/ruff check archlib tests benchmarks
	$(BIN)/ruff format --check archlib tests benchmarks

typecheck: setup
	$(BIN)/mypy

pytest: setup
	@sh scripts/ensure-chromium.sh
	$(BIN)/pytest

test: lint typecheck pytest

bench: setup
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) $(CHECKOV_VENV) build .pytest_cache .mypy_cache .ruff_cache .hypothesis
