# tradescreen — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
export TRADESCREEN_DATA_DIR ?= $(CURDIR)/.tradescreen

.PHONY: run serve test fuzz lint check-data bench install clean

$(BIN)/tradescreen: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/tradescreen

## Load the bundled UN list into the embedded database, screen a name, check an order.
run: install
	$(BIN)/tradescreen lists import --bundled
	$(BIN)/tradescreen lists status
	$(BIN)/tradescreen screen "Korea Mining Development Trading Corporation" --schema Organization
	$(BIN)/tradescreen check examples/aluminium_tubes_to_dprk.json
	@echo "The REST API: make serve (then tradescreen tokens create --name me --role analyst)"

## The REST API on http://127.0.0.1:8000 (docs at /docs), over the same store.
serve: install
	$(BIN)/tradescreen serve

## Lint, type-check, then the whole test suite (SQLite and a throwaway PostgreSQL).
test: install lint
	$(BIN)/pytest -n 2

## The API fuzzed from its OpenAPI document, 1,000 examples per operation (make test runs 25).
fuzz: install
	TRADESCREEN_FUZZ_EXAMPLES=1000 $(BIN)/pytest -p no:xdist tests/service/test_fuzz.py

lint: install
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy

## A maintainer's check: rebuild the tables made from Unicode's Unihan (Debian's unicode-data).
check-data: install
	$(BIN)/python scripts/check_data.py

## Import every list in ../shared/data; command start-up; matching quality and speed beside nomenklatura.
bench: install
	$(BIN)/python benchmarks/bench_import.py --shared $(SHARED)
	$(BIN)/python benchmarks/bench_cold_start.py --shared $(SHARED)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/bench_matching.py --shared $(SHARED)

clean:
	rm -rf $(VENV) .tradescreen .pytest_cache
