VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: install demo test lint bench-writer

install:
	@bash scripts/install.sh

demo: install
	$(VENV)/bin/openlam tasks try --requests tests/data/writer_requests.jsonl --n 4
	$(VENV)/bin/openlam pipeline --config configs/demo.yaml

test: install
	$(PY) -m ruff check src tests benchmarks
	$(PY) -m pytest -q -p no:cacheprovider

lint: install
	$(PY) -m ruff check src tests benchmarks
	$(PY) -m ruff format --check src tests benchmarks

bench-writer: install
	$(PY) benchmarks/writer_env.py
