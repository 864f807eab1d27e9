# ZoneDesk: `make run` and `make test` set everything up on their own (see .ci/bootstrap).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
SRC := editor tests $(wildcard main.py)
ARGS ?=
PYTEST_ARGS ?=
export VENV

.PHONY: help setup run test lint typecheck format bench translations lupdate clean distclean \
	dist dist-check

help:
	@echo "make run        set up (Debian packages, .venv, translations), then start ZoneDesk"
	@echo "                (under xvfb-run when there is no display); ARGS='--db URL' passes options"
	@echo "make test       set up, then ruff format --check, ruff check, mypy, pytest (offscreen, every"
	@echo "                core, branch coverage per package, the slowest 15 tests)"
	@echo "                PYTEST_ARGS='-k name' narrows pytest"
	@echo "make bench      run every tests/bench/bench_*.py script"
	@echo "make dist       set up, then build the staff bundle with PyInstaller: dist/ZoneDesk/,"
	@echo "                dist/ZoneDesk-<version>-linux-<arch>.tar.gz, dist/install.sh"
	@echo "make dist-check run packaging/smoke-test.sh on that tarball (Xvfb, a clean environment)"
	@echo "                SMOKE_ARGS=--move-venv also moves .venv aside during the run"
	@echo "make lint | typecheck | format | translations | lupdate | clean | distclean"

setup:
	@bash .ci/bootstrap all

run: setup
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
		$(PY) main.py $(ARGS); \
	else \
		echo "no DISPLAY or WAYLAND_DISPLAY: running on a virtual screen (xvfb-run)"; \
		xvfb-run -a -s "-screen 0 1280x800x24" $(PY) main.py $(ARGS); \
	fi

test: setup
	@bash .ci/check $(PYTEST_ARGS)

bench: setup
	@found=0; for f in tests/bench/bench_*.py; do \
		[ -e "$$f" ] || continue; found=1; \
		echo "=== $$f ==="; $(PY) "$$f" || exit $$?; \
	done; \
	[ $$found = 1 ] || echo "no benchmarks yet (tests/bench/bench_*.py)"

lint: setup
	$(VENV)/bin/ruff format --check $(SRC)
	$(VENV)/bin/ruff check $(SRC)

typecheck: setup
	$(VENV)/bin/mypy $(SRC)

format: setup
	$(VENV)/bin/ruff format $(SRC)
	$(VENV)/bin/ruff check --fix $(SRC)

translations:
	@bash .ci/bootstrap translations

# Refresh the .ts files from the sources (new strings appear unfinished in them).
lupdate: setup
	$(VENV)/bin/pyside6-lupdate -locations none $$(grep -rlE '\btr\(|translate\(' editor --include='*.py') \
		-ts resources/translations/*.ts

clean:
	rm -rf .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info .coverage .coverage.*
	rm -f resources/translations/*.qm
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

# The staff bundle (README: "Installing ZoneDesk for staff"); PyInstaller is the 'dist' extra.
dist: setup
	@[ -x $(VENV)/bin/pyinstaller ] || $(VENV)/bin/python -m pip install -q -e '.[dist]'
	@VENV=$(VENV) bash packaging/make-dist.sh

SMOKE_ARGS ?=
dist-check:
	@bash .ci/bootstrap system
	@tarball=$$(ls -t dist/ZoneDesk-*.tar.gz 2>/dev/null | head -1); \
	[ -n "$$tarball" ] || { echo "no dist/ZoneDesk-*.tar.gz: run make dist first"; exit 1; }; \
	bash packaging/smoke-test.sh $(SMOKE_ARGS) "$$tarball"

distclean: clean
	rm -rf $(VENV)
