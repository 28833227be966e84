# Two commands for a newcomer: `make run` and `make test`. Both build .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## run the bot: Telegram with IDP_TELEGRAM_TOKEN, else the terminal demo
	$(BIN)/idp-bot run

test: $(STAMP)  ## every test, on SQLite (and PostgreSQL when IDP_TEST_DATABASE_URL is set)
	$(BIN)/lint-imports
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy handlers bot storage messages

bench: $(STAMP)  ## every benchmark; each prints its figures against a baseline of the same run
	$(BIN)/python -m bench.bind_menu
	$(BIN)/python -m bench.formulir1_journey
	$(BIN)/python -m bench.import_org
	$(BIN)/python -m bench.broadcast
	$(BIN)/python -m bench.verify_recap

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
