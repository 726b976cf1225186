# tradescreen — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
export TRADESCREEN_DATA_DIR ?= $(CURDIR)/.tradescreen

.PHONY: run test bench lint install clean

$(BIN)/tradescreen: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/tradescreen

## Load the bundled UN list into the embedded database and screen a real example.
run: install
	$(BIN)/tradescreen lists import --bundled
	$(BIN)/tradescreen lists status
	$(BIN)/tradescreen screen "Korea Mining Development Trading Corporation" --schema Organization

## The whole test suite (SQLite and PostgreSQL).
test: install
	$(BIN)/pytest -n 2

## Import every list in ../shared/data and report timings.
bench: install
	$(BIN)/python benchmarks/bench_import.py --shared $(SHARED)

clean:
	rm -rf $(VENV) .tradescreen .pytest_cache
