# Two commands on a fresh machine with Python 3.11: `make book` and `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: book test lint notebooks validate bench clean

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

book: $(VENV)/.installed  ## build the HTML book into _build/html
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo
	@echo "The book is built. Open this file in a browser:"
	@echo "    file://$(CURDIR)/_build/html/index.html"

test: $(VENV)/.installed  ## every test: lint, unit, strict nbval, strict book build, browser
	$(MAKE) lint
	$(BIN)/python -m coursekit validate exercises/
	$(BIN)/python -m pytest --nbval -p no:cacheprovider

lint: $(VENV)/.installed  ## ruff, codespell, YAML/JSON checks (the pre-commit hooks, all local)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/pre-commit run --all-files

validate: $(VENV)/.installed  ## check every question bank and checklist file
	$(BIN)/python -m coursekit validate exercises/

notebooks: $(VENV)/.installed  ## re-execute the exercise notebooks after changing a bank
	$(BIN)/python scripts/make_exercise_notebooks.py

bench: $(VENV)/.installed  ## print build times and quiz asset sizes
	$(BIN)/python scripts/benchmark.py

clean:
	rm -rf _build
