# Two entry points for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INPUT ?= data/raw
OUT ?= data/structured

.PHONY: run test install lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/python -m extract run $(INPUT) --out $(OUT)

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python -m bench.prose
	$(BIN)/python -m bench.pdf
	$(BIN)/python -m bench.scale

clean:
	rm -rf $(VENV) $(OUT)/*.parquet
