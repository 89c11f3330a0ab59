# Lantern: two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-postgres lint typecheck i18n messages lock browser clean

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c "import ensurepip" 2>/dev/null || { echo "Python's venv module is missing: on Debian, apt-get install python3-venv"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/lantern compilecatalogue >/dev/null
	touch $(STAMP)

## demo: migrate an SQLite database, load demo data, start web server and worker
demo: $(STAMP)
	$(BIN)/lantern demo

## test: the whole suite (SQLite unless DATABASE_URL says otherwise), lint, i18n completeness
test: $(STAMP)
	$(BIN)/lantern compilecatalogue >/dev/null
	$(BIN)/ruff check lantern conftest.py
	$(BIN)/mypy lantern
	$(BIN)/lantern i18n_check
	$(BIN)/lantern makemigrations --check --dry-run >/dev/null
	$(BIN)/pytest -n 2 -p no:cacheprovider

## test-postgres: the same suite on the local PostgreSQL server
test-postgres:
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/test $(MAKE) test

## messages: refresh the French catalogue after adding strings
messages: $(STAMP)
	cd lantern && ../$(BIN)/lantern makemessages -l fr --no-obsolete --add-location file

## lock: regenerate requirements.lock from pyproject.toml (needs uv on PATH)
lock:
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

## browser: install Debian's Chromium for the page and accessibility tests
browser:
	test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium)

clean:
	rm -rf $(VENV) var/
