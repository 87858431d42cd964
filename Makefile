# `make run`: set up and regenerate every output from the bundled models (offline).
# `make test`: set up and run lint, type checks and the test suite.
#
# Two set-ups share .venv/:
# - `make run` installs archlib and its runtime dependencies only, as a regular (non-editable)
#   install, byte-compiled, so the main job starts the way a user's install does.
# - `make setup` (used by `make test`, `make bench`) installs archlib editable with the
#   development and AWS extras. Once it has run, `make run` uses that install.
PYTHON ?= python3
# The suite starts archlib in hundreds of child processes; without cached byte-code each one
# compiles every module it imports again (about a fifth of the suite's time).
unexport PYTHONDONTWRITEBYTECODE
VENV := .venv
BIN := $(VENV)/bin
MODELS := models/scaling-aws
DEV_STAMP := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run
PACKAGE_FILES := $(shell find archlib -type f -not -path '*/__pycache__/*' 2>/dev/null)

.PHONY: run test setup setup-run lint typecheck pytest bench clean

CHECKOV_VENV := .venv-checkov

setup: $(DEV_STAMP) $(CHECKOV_VENV)/.installed
	@sh scripts/ensure-graphviz.sh
	@sh scripts/ensure-shellcheck.sh

$(DEV_STAMP): pyproject.toml
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

setup-run: $(RUN_STAMP)
	@sh scripts/ensure-graphviz.sh

# A development install already holds everything the main job needs (and follows the
# sources); otherwise install the package itself, rebuilt whenever its files change.
$(RUN_STAMP): pyproject.toml $(PACKAGE_FILES)
	@if [ -f $(DEV_STAMP) ]; then \
		$(MAKE) --no-print-directory $(DEV_STAMP); \
	else \
		$(PYTHON) -m venv $(VENV) && \
		$(BIN)/python -m pip install --quiet --disable-pip-version-check --compile . ; \
	fi
	@touch $@

run: setup-run
	$(BIN)/archlib show $(MODELS)
	$(BIN)/archlib usage $(MODELS)/6-users-plus-5.yaml
	$(BIN)/archlib docs --output docs
	$(BIN)/archlib render $(MODELS) -o diagrams -f png -f svg -f dot -f mermaid --highlight
	$(BIN)/archlib check $(MODELS) --fail-on never
	$(BIN)/archlib cost $(MODELS) --output costs --sensitivity
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
	$(BIN)/pytest -n auto

test: lint typecheck pytest

bench: setup
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) $(CHECKOV_VENV) build .pytest_cache .mypy_cache .ruff_cache .hypothesis
