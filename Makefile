# Two entry points: `make demo` (set up, analyse the bundled example) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test setup clean bench serve

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	mkdir -p out
	$(VENV)/bin/presswatch analyze examples/kabul-corridor.txt --format text
	$(VENV)/bin/presswatch analyze examples/kabul-corridor.txt --format html -o out/kabul-corridor.html
	$(VENV)/bin/presswatch analyze examples/kabul-corridor.txt --format json -o out/kabul-corridor.json
	@echo "HTML report: out/kabul-corridor.html   JSON: out/kabul-corridor.json"

test: $(STAMP)
	$(PY) -m pytest -q

serve: $(STAMP)
	$(VENV)/bin/presswatch ingest examples/kabul-corridor.txt examples/newsroom-page.html --db sqlite:///presswatch.db
	@echo "Open http://127.0.0.1:8000/"
	$(VENV)/bin/presswatch serve --db sqlite:///presswatch.db

bench: $(STAMP)
	$(PY) bench/throughput.py

clean:
	rm -rf $(VENV) out
