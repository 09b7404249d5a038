# ouvert — the two commands a newcomer needs: `make run` and `make test`.
# Everything installs into .venv (Python) and node_modules (front-end packages from npm).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))

.DEFAULT_GOAL := help
.PHONY: help run install database test worker lint format messages lock clean

help:
	@echo "make run      install, prepare the SQLite database with demo content, serve http://$(HOST):$(PORT)"
	@echo "make test     run the whole test suite (SQLite; set DATABASE_URL for PostgreSQL)"
	@echo "make worker   run the background worker (e-mails and other tasks)"
	@echo "make lint     ruff check and format check"
	@echo "make format   format the code with ruff"
	@echo "make messages extract the strings to translate into locale/en"
	@echo "make lock     re-pin the Python dependencies from pyproject.toml"

$(VENV)/.installed: requirements/dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "ouvert needs Python 3.11 or newer (PYTHON=python3.x make ...)")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements/dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the front-end packages (Debian: apt install npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(VENV)/.installed
	$(PY) manage.py compile_catalogues

install: $(VENV)/.installed node_modules/.installed $(CATALOGUES)

database: install
	mkdir -p var
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_communes
	$(PY) manage.py load_demo

run: database
	@echo "Serving http://$(HOST):$(PORT) (Ctrl+C to stop); the background worker runs alongside."
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py db_worker --no-startup-delay & worker=$$!; \
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: install
	$(PY) manage.py db_worker

test: install
	$(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install
	$(PY) manage.py makemessages --locale en --ignore ".venv/*" --ignore "node_modules/*" --ignore "var/*" --no-obsolete
	$(PY) manage.py compile_catalogues

lock: install
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements/base.txt pyproject.toml
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
		--extra dev --output-file requirements/dev.txt pyproject.toml

clean:
	rm -rf $(VENV) node_modules var
	find . -name "*.mo" -path "*/locale/*" -delete
