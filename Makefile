# Diklat SOP — two commands: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi

.PHONY: run test install system-deps lint i18n catalogs db demo clean serve

run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask seed demo-if-empty
	@echo "Serving on http://127.0.0.1:5000 — stop with Ctrl+C"
	$(BIN)/flask run --host 127.0.0.1 --port 5000

test: install
	$(BIN)/pytest

install: system-deps $(VENV)/.installed catalogs

# Translation catalogs are compiled here (and by the test session), not at every worker start.
catalogs: $(VENV)/.installed
	$(BIN)/flask i18n compile

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

# WeasyPrint needs Pango; installed from the distribution when missing and we are allowed to.
system-deps:
	@bash scripts/system-deps.sh

lint: install
	$(BIN)/ruff check .

i18n: install
	$(BIN)/flask i18n update
	$(BIN)/flask i18n check
	$(BIN)/flask i18n compile

db: install
	$(BIN)/flask db upgrade

demo: db
	$(BIN)/flask seed demo

serve: install
	$(BIN)/gunicorn --workers 2 --bind 127.0.0.1:8000 wsgi:app

clean:
	rm -rf $(VENV) instance/diklat.db*
