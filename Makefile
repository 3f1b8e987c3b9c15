# kvalitet — developer commands (GNU make).  `make help` lists them.
#
# Variables:  PORT=8000  PYTEST_ARGS=  PYTHON=<interpreter for the venv; found automatically>
# DATABASE_URL in the environment selects PostgreSQL (default: SQLite under var/).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PORT ?= 8000
BENCH_SCALE ?= national
BENCH_COMPARE_SCALE ?= $(if $(filter national,$(BENCH_SCALE)),small,tiny)
BENCH_PORT ?= 54339
BENCH_ARGS ?=
PYTEST_ARGS ?=
PYTHON ?=

VENV := .venv
BIN := $(VENV)/bin
KVALITET := $(CURDIR)/$(BIN)/kvalitet
PKG := src/kvalitet

VENV_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
MESSAGES_STAMP := var/.messages-compiled
STATIC_STAMP := var/static/.collected

PO_FILES := $(shell find $(PKG) -path '*/locale/*/LC_MESSAGES/*.po' 2>/dev/null)
STATIC_SOURCES := $(shell find $(PKG) -path '*/static/*' -type f 2>/dev/null)
LOCK_FILE := $(wildcard package-lock.json)
TYPECHECK_FILES = $(wildcard src/kvalitet/*/services.py src/kvalitet/*/services_*.py src/kvalitet/*/selectors.py) src/kvalitet/access.py src/kvalitet/history.py src/kvalitet/workdays.py

.PHONY: help setup system-packages browser run test test-browser lint format typecheck messages clean

help: ## List the targets
	@echo "kvalitet — make targets:"
	@grep -E '^[a-z-]+:.*## ' $(firstword $(MAKEFILE_LIST)) \
		| awk 'BEGIN {FS = ":.*## "} {printf "  %-12s %s\n", $$1, $$2}'
	@echo
	@echo "Variables: PORT=$(PORT)  PYTEST_ARGS=...  PYTHON=/path/to/python3.12+"
	@echo "DATABASE_URL=postgres://... in the environment uses PostgreSQL instead of SQLite."

setup: system-packages $(VENV_STAMP) $(NODE_STAMP) $(MESSAGES_STAMP) $(STATIC_STAMP) ## Install everything (idempotent, fast when done)

system-packages:
	@bash scripts/ensure-system-packages.sh

# The virtual environment, rebuilt when pyproject.toml changes or its Python is too old.
$(VENV_STAMP): pyproject.toml | system-packages
	@if ! $(BIN)/python -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1; then \
		py='$(PYTHON)'; \
		if [ -z "$$py" ]; then py=$$(bash scripts/find-python.sh); fi; \
		echo "==> creating $(VENV) with $$py ($$("$$py" --version 2>&1))"; \
		rm -rf $(VENV); \
		if ! "$$py" -m venv $(VENV); then \
			rm -rf $(VENV); \
			echo "error: '$$py -m venv' failed; on Debian/Ubuntu install python3.X-venv for that Python." >&2; \
			exit 1; \
		fi; \
	fi
	@echo "==> installing Python packages into $(VENV)"
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

# Front-end packages from npm (served as our own static files, never from a CDN).
$(NODE_STAMP): package.json $(LOCK_FILE) | system-packages
	@echo "==> installing front-end packages"
	@if [ -f package-lock.json ]; then \
		npm ci --no-audit --no-fund; \
	else \
		npm install --no-audit --no-fund; \
	fi
	@touch $@

# Compiled translations (.mo files are not kept in git).
$(MESSAGES_STAMP): $(PO_FILES) $(VENV_STAMP)
	@mkdir -p $(@D)
	@if [ -n "$(strip $(PO_FILES))" ]; then \
		echo "==> compiling translations"; \
		cd $(PKG) && $(KVALITET) compilemessages -v0; \
	fi
	@touch $@

$(STATIC_STAMP): $(STATIC_SOURCES) $(VENV_STAMP) $(NODE_STAMP)
	@echo "==> collecting static files"
	$(KVALITET) collectstatic --noinput -v0
	@mkdir -p $(@D)
	@touch $@

run: setup ## Migrate, load demo data, run worker + server on 127.0.0.1:PORT
	$(KVALITET) migrate --noinput
	$(KVALITET) demo
	@$(KVALITET) worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null || true; wait $$worker 2>/dev/null || true' EXIT; \
	trap 'exit 130' INT TERM; \
	echo "kvalitet is running at http://127.0.0.1:$(PORT)"; \
	$(KVALITET) runserver 127.0.0.1:$(PORT)

test: setup ## Run the tests (parallel; PYTEST_ARGS=... passes more options)
	$(BIN)/pytest -n auto -q $(PYTEST_ARGS)

browser: ## Install Debian's chromium for the browser tests (apt-get) when it is missing
	@bash scripts/ensure-browser.sh

test-browser: setup browser ## Browser, accessibility and journey tests (Chromium; src/kvalitet/e2e)
	@rm -rf build/screenshots
	KVALITET_E2E=1 $(BIN)/pytest -n 2 -q src/kvalitet/e2e $(PYTEST_ARGS)

lint: $(VENV_STAMP) ## Check style with ruff (lint + format check)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV_STAMP) ## Fix what ruff can fix and reformat
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: $(VENV_STAMP) ## Type-check services, selectors and access rules with mypy
	$(BIN)/mypy $(TYPECHECK_FILES)

messages: $(VENV_STAMP) | system-packages ## Update da/sv/en .po files from the code and compile them
	@mkdir -p $(PKG)/locale
	cd $(PKG) && $(KVALITET) makemessages -l da -l sv -l en --no-obsolete --ignore=tests
	cd $(PKG) && $(KVALITET) compilemessages -v0
	@mkdir -p $(dir $(MESSAGES_STAMP)) && touch $(MESSAGES_STAMP)

bench: setup ## Benchmark on its own PostgreSQL: generate BENCH_SCALE=national, measure every budget
	@if ! command -v wrk >/dev/null; then \
		if [ "$$(id -u)" -eq 0 ]; then \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk; \
		else \
			echo "warning: wrk is missing (sudo apt-get install wrk); latency is not measured" >&2; \
		fi; \
	fi
	@source scripts/postgres.sh; \
	postgres_start $(BENCH_PORT) -c shared_buffers=1GB -c max_wal_size=8GB -c maintenance_work_mem=1GB; \
	trap postgres_stop EXIT; \
	small=postgres://postgres@127.0.0.1:$(BENCH_PORT)/kvalitet_small; \
	main=postgres://postgres@127.0.0.1:$(BENCH_PORT)/kvalitet; \
	postgres_createdb kvalitet_small; \
	postgres_createdb kvalitet; \
	echo "==> the $(BENCH_COMPARE_SCALE) data set (for the query counts)"; \
	DATABASE_URL=$$small $(KVALITET) migrate --noinput -v0; \
	DATABASE_URL=$$small $(KVALITET) bench generate --scale $(BENCH_COMPARE_SCALE); \
	echo "==> the $(BENCH_SCALE) data set"; \
	DATABASE_URL=$$main $(KVALITET) migrate --noinput -v0; \
	DATABASE_URL=$$main $(KVALITET) bench generate --scale $(BENCH_SCALE); \
	echo "==> measuring"; \
	DATABASE_URL=$$main $(KVALITET) bench run --compare-database $$small $(BENCH_ARGS)

clean: ## Remove .venv, node_modules and collected static files
	rm -rf $(VENV) node_modules var/static $(MESSAGES_STAMP)
