# zndraw-joblib: the Makefile is the interface. `make help` lists the targets.
# `make run` serves the embedded default; `make test` runs everything CI runs.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PYTEST := $(BIN)/pytest
TS := clients/ts
NPX := cd $(TS) && npx --no-install
export REDOCLY_TELEMETRY := off
export REDOCLY_SUPPRESS_UPDATE_NOTICE := true
export PATH := $(CURDIR)/$(BIN):$(PATH)

RUN_STAMP := $(VENV)/.installed-run
PY_STAMP := $(VENV)/.installed
TS_STAMP := $(TS)/node_modules/.installed
DASHBOARD := dashboard
DASH_STAMP := $(DASHBOARD)/node_modules/.installed
CHROMIUM := /usr/bin/chromium

# every suite of `make test`, in order; all of them run, failures are listed at the end
SUITES := lint check-generated test-contract test-server test-conformance test-distributed test-client test-ts \
          test-tooling test-browser

.PHONY: help install install-run ui generate check-generated lint format test test-all test-contract test-server \
        test-conformance conformance-package test-distributed test-client test-ts test-tooling test-browser services \
        services-stop run bench bench-compare clean

help: ## list the documented targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  \033[1m%-18s\033[0m %s\n", $$1, $$2}'

install-run: $(RUN_STAMP) ## create .venv with the server and the Python client only (what `make run` and the examples need)

install: $(PY_STAMP) $(TS_STAMP) $(DASH_STAMP) ## everything for development: install-run plus test and dev extras, the conformance package, and the TS deps (client, dashboard)

$(RUN_STAMP): server/pyproject.toml clients/python/pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e server -e clients/python
	touch $@

$(PY_STAMP): $(RUN_STAMP) conformance/pyproject.toml
	$(PY) -m pip install --quiet -e "server[test,dev]" -e "clients/python[test]" -e "conformance[test,dev]"
	touch $@

$(TS_STAMP): $(TS)/package.json $(TS)/package-lock.json
	cd $(TS) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(DASH_STAMP): $(DASHBOARD)/package.json $(DASHBOARD)/package-lock.json $(TS_STAMP)
	cd $(DASHBOARD) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CHROMIUM):
	scripts/chromium.sh

generate: install ## regenerate models, stubs and clients from openapi.yaml and asyncapi.yaml
	$(PY) codegen/generate.py

ui: install ## rebuild the browser assets the server ships (dashboard bundle, Swagger UI, Redoc) into its package
	cd $(TS) && npm run --silent build
	cd $(DASHBOARD) && npm run --silent typecheck && npm run --silent build

check-generated: install ## fail if generated code or the shipped browser assets differ from a fresh build (stale or hand-edited)
	$(PY) codegen/generate.py --check
	cd $(TS) && npm run --silent build
	cd $(DASHBOARD) && npm run --silent check

lint: install ## ruff, mypy --strict, the OpenAPI document (validator + redocly) and the AsyncAPI document
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy server/src/zndraw_joblib clients/python/src/zndraw_joblib_client conformance/src/zndraw_joblib_conformance
	$(BIN)/openapi-spec-validator openapi.yaml
	$(NPX) redocly lint ../../openapi.yaml --config ../../redocly.yaml --format=summary
	cd $(TS) && node scripts/validate-asyncapi.mjs ../../asyncapi.yaml
	cd $(TS) && npm run --silent build
	cd $(DASHBOARD) && npm run --silent typecheck

format: install ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install $(CHROMIUM) ## everything CI runs, with throwaway PostgreSQL + Redis started (and stopped) for the run
	scripts/services.sh run $(MAKE) --no-print-directory test-all
	@echo "make test: all suites passed"

test-all: install ## run every suite (also after a failure); fail at the end, naming the failed ones
	@failed=(); \
	for suite in $(SUITES); do \
	  started=$$(date +%s); echo "==> $$suite"; \
	  if $(MAKE) --no-print-directory $$suite; then echo "<== $$suite passed in $$(( $$(date +%s) - started )) s"; \
	  else echo "<== $$suite FAILED after $$(( $$(date +%s) - started )) s"; failed+=("$$suite"); fi; \
	done; \
	if [ $${#failed[@]} -gt 0 ]; then echo "make test: failed suites: $${failed[*]}"; exit 1; fi

services: ## start PostgreSQL and Redis for the tests; `. .services/env` exports their URLs
	scripts/services.sh start

services-stop: ## stop them
	scripts/services.sh stop

# pytest exits 5 when it collects no tests; a suite without tests is reported, not failed.
define pytest_suite
	$(PYTEST) $(1) || { rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected in $(1)"; else exit $$rc; fi; }
endef

test-contract: install ## the spec documents and the generated code agree (examples, stubs, drift detection)
	$(call pytest_suite,tests/contract)

test-server: install ## server tests on SQLite, and on PostgreSQL + Redis when the services run
	$(call pytest_suite,server/tests)

test-conformance: install ## the conformance package: its own tests, our server through it, its wheel alone, upstream 0.1.7
	$(call pytest_suite,conformance/tests tests/conformance)

conformance-package: install ## build the conformance wheel into dist/ (it ships openapi.yaml and asyncapi.yaml)
	$(PY) -m pip wheel --quiet --no-deps --wheel-dir dist conformance

test-distributed: install ## two replicas on PostgreSQL + Redis: claims, wake-ups, events, kill -9, conformance
	$(call pytest_suite,tests/distributed)

test-client: install ## the Python client against a live server
	$(call pytest_suite,clients/python/tests)

test-ts: install ## the TypeScript client: tsc (incl. compile-error tests), build, vitest against a live server; the dashboard's unit tests
	cd $(TS) && npm test
	cd $(DASHBOARD) && npm run --silent typecheck && npm test

test-tooling: install ## the two commands anywhere: the services script, the wheels, the Makefile, README and example commands
	$(call pytest_suite,tests/tooling)

test-browser: install $(CHROMIUM) ## the TS client on another origin, the dashboard and offline /docs in a real browser (Debian's Chromium)
	$(call pytest_suite,tests/browser)

run: install-run ## serve the embedded default (SQLite file + in-process pub/sub) on http://127.0.0.1:8000
	$(BIN)/zndraw-joblib serve --dev

bench: install ## throughput and latency benchmarks (not part of make test)
	$(PY) bench/run.py $(BENCH_ARGS)

bench-compare: install ## make bench, plus the pre-issue-16 server and upstream zndraw-joblib 0.1.7 in the same run
	$(PY) bench/run.py --compare --upstream $(BENCH_ARGS)

clean: ## remove the virtualenv, node_modules, caches and the services' data
	-scripts/services.sh stop
	rm -rf $(VENV) $(TS)/node_modules $(DASHBOARD)/node_modules .pytest_cache .ruff_cache .services
