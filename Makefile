# Two commands set everything up on a fresh machine:
#   make serve   – virtual environment, what the site needs, site served on http://127.0.0.1:8000
#   make test    – lint, format check and the whole test suite (installs the test tools too)
# `make check` is the fast run (no browser, no whole-site builds): under two minutes.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
SITE    = $(VENV)/.installed-site
TESTING = $(VENV)/.installed-test
TOOLS   = tests/checkers/node_modules/.installed
export NO_MKDOCS_2_WARNING = 1

.PHONY: serve build test check lint format install bench evaluate clean

# Only what the site needs: no test tools, no browser driver. pip shows what it fetches.
$(SITE): pyproject.toml
	@echo "Installing Annals and what the site needs into $(VENV) (the first time takes a few minutes)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade --progress-bar on pip
	$(BIN)/python -m pip install --progress-bar on -e .
	touch $@

$(TESTING): $(SITE)
	@echo "Installing the test tools into $(VENV)"
	$(BIN)/python -m pip install --progress-bar on -e ".[test]"
	touch $@

install: $(SITE)

serve: $(SITE)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: $(SITE)
	$(BIN)/mkdocs build --strict

# External site checkers (Nu Html Checker, axe-core), pinned in tests/checkers/package-lock.json.
$(TOOLS): tests/checkers/package.json tests/checkers/package-lock.json
	@if command -v npm >/dev/null 2>&1; then cd tests/checkers && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed; \
	else echo "npm not found: the HTML and accessibility checks will be skipped" >&2; fi

lint: $(TESTING)
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests

format: $(TESTING)
	$(BIN)/ruff check --fix generator tests
	$(BIN)/ruff format generator tests

test: lint $(TOOLS)
	$(BIN)/python -m pytest -m ""

check: $(TESTING)
	$(BIN)/python -m pytest

evaluate: $(SITE)
	$(BIN)/annals evaluate --gold ../shared/gold/seeds.yaml
	$(BIN)/annals evaluate --corpus ../shared/corpus-dev --gold ../shared/gold/dev.yaml

bench: $(SITE)
	$(BIN)/annals bench --repeat 10

clean:
	rm -rf site tests/checkers/node_modules
