# Two commands set everything up on a fresh machine:
#   make serve   – virtual environment, pinned dependencies, site served on http://127.0.0.1:8000
#   make test    – the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
TOOLS   = tests/tools/node_modules/.installed
export NO_MKDOCS_2_WARNING = 1

.PHONY: serve build test install bench evaluate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

# External site checkers (Nu Html Checker, axe-core), pinned in tests/tools/package-lock.json.
$(TOOLS): tests/tools/package.json tests/tools/package-lock.json
	@if command -v npm >/dev/null 2>&1; then cd tests/tools && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed; \
	else echo "npm not found: the HTML and accessibility checks will be skipped" >&2; fi

test: $(STAMP) $(TOOLS)
	$(BIN)/python -m pytest

evaluate: $(STAMP)
	$(BIN)/annals evaluate --gold ../shared/gold/seeds.yaml
	$(BIN)/annals evaluate --corpus ../shared/corpus-dev --gold ../shared/gold/dev.yaml

bench: $(STAMP)
	$(BIN)/annals bench --repeat 10

clean:
	rm -rf site .annals-cache tests/tools/node_modules
