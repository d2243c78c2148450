# Two commands set everything up on a fresh machine:
#   make serve   – virtual environment, pinned dependencies, site served on http://127.0.0.1:8000
#   make test    – the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
export NO_MKDOCS_2_WARNING = 1

.PHONY: serve build test install bench evaluate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

test: $(STAMP)
	$(BIN)/python -m pytest

evaluate: $(STAMP)
	$(BIN)/annals evaluate --gold ../shared/gold/seeds.yaml
	$(BIN)/annals evaluate --corpus ../shared/corpus-dev --gold ../shared/gold/dev.yaml

bench: $(STAMP)
	$(BIN)/annals bench --repeat 10

clean:
	rm -rf site .annals-cache
