# Two commands for a fresh machine:
#   make run   - create .venv, install pinned requirements, fill the default database with demo data if empty, start the app
#   make test  - create or refresh .venv with the dev requirements, then lint and run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501

.PHONY: run test lint demo clean-db

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-deps: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.run-deps

run: $(VENV)/.run-deps
	$(BIN)/python cli.py init
	@echo "Bảng điều hành: http://localhost:$(PORT)  (dừng: Ctrl+C)"
	$(BIN)/python serve.py --server.port $(PORT)

test: $(VENV)/.dev-deps
	$(BIN)/python -m ruff check .
	$(BIN)/python -m pytest

lint: $(VENV)/.dev-deps
	$(BIN)/python -m ruff check .

demo: $(VENV)/.run-deps
	$(BIN)/python cli.py demo --replace
