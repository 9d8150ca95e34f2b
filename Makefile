# Front door for people and CI. `make help` lists the targets.
# Everything runs inside .venv, created from the pinned, hashed lock files.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SITE_PTH = $(VENV)/lib/python$(shell $(PYTHON) -c 'import sys;print(f"{sys.version_info[0]}.{sys.version_info[1]}")')/site-packages/ctwg-src.pth
HOST   ?= 127.0.0.1
PORT   ?= 8000
# The site builder: mkdocs, or properdocs (the MkDocs 1.6 fork, a drop-in): make build BUILDER=properdocs
BUILDER ?= mkdocs
export BUILDER

export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help serve build validate test test-fast lint schemas new bench lock chromium java clean linkcheck templates

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(VENV)/.site: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	echo "$(CURDIR)/scripts" > $(SITE_PTH)
	touch $@

$(VENV)/.dev: $(VENV)/.site requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $@

CHROMIUM_PATH ?= /usr/bin/chromium
export CHROMIUM_PATH

chromium: ## Make sure Debian's Chromium is installed (for browser tests; CHROMIUM_PATH overrides)
	@if [ -x "$(CHROMIUM_PATH)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "Browser tests need Chromium: run 'sudo apt-get install -y chromium' and then 'make test' again."; exit 1; fi

java: ## Make sure Java is installed (the Nu Html Checker runs on it)
	@if command -v java >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's Java for the HTML checker..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	else echo "The HTML check needs Java: run 'sudo apt-get install -y default-jre-headless' and then 'make test' again."; exit 1; fi

VNU := tests/vnu/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU): tests/vnu/package-lock.json
	@command -v npm >/dev/null || { echo "The HTML check needs npm: run 'sudo apt-get install -y npm' and then 'make test' again."; exit 1; }
	npm ci --prefix tests/vnu --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

serve: $(VENV)/.site ## Preview the site on http://127.0.0.1:8000 (drafts shown), reloading on every save
	$(PY) -m $(BUILDER) serve --livereload --dev-addr $(HOST):$(PORT)

build: $(VENV)/.site ## Build the public site into site/ (strict: any problem stops it, and no site/ is left)
	$(PY) -m ctwg build --site-dir site

validate: $(VENV)/.site ## Check every data file and report all problems
	$(PY) -m ctwg validate

linkcheck: $(VENV)/.site ## Report external links in the data that no longer work (never fails on rot)
	$(PY) -m ctwg linkcheck

templates: $(VENV)/.site ## Regenerate data/templates/ (annotated record templates) from the models
	$(PY) -m ctwg templates

schemas: $(VENV)/.site ## Regenerate data/schemas/*.schema.json from the models
	$(PY) -m ctwg schemas

new: $(VENV)/.site ## Start a new record: make new TYPE=events (asks for the rest; ARGS="--name ..." to pass options)
	$(PY) -m ctwg new $(TYPE) $(ARGS)

test: $(VENV)/.dev chromium java $(VNU) ## Run every test, browser, accessibility and HTML checks included
	$(PY) -m pytest

test-fast: $(VENV)/.dev java $(VNU) ## Run the tests that need no browser
	$(PY) -m pytest -m "not browser"

lint: $(VENV)/.dev ## ruff and yamllint
	$(PY) -m ruff check scripts tests
	$(PY) -m yamllint -s data .github mkdocs.yml

bench: $(VENV)/.dev chromium ## Benchmark the build at x1, x10, x100 against plain MkDocs
	$(PY) -m ctwg_bench

lock: ## Re-pin the lock files (needs pip-tools; run after editing requirements*.in)
	$(PY) -m piptools compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in
	$(PY) -m piptools compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-dev.lock requirements-dev.in

clean: ## Remove the built site and caches (keeps .venv)
	rm -rf site .pytest_cache .ruff_cache .hypothesis
