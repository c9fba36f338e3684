# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test bench lint data clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

## Set up (if needed) and start the atlas on its embedded default data.
run: $(STAMP)
	$(VENV)/bin/streamlit run app.py

## Set up (if needed), lint, and run the whole test suite (unit, AppTest, browser).
test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

## Measure speed (not a test): prints each figure next to its target.
bench: $(STAMP)
	$(PY) -m bench

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## Rebuild data/*.csv from ../shared/reference (maintainers only).
data: $(STAMP)
	$(PY) data/build/build_data.py

clean:
	rm -rf $(VENV) .cache .pytest_cache
