# The README's two commands: `make run` (set up and open Maru) and `make test`.
# Everything lands in .venv; pip's wheel cache keeps the llama-cpp-python build
# (about 10 minutes on 2 cores) to the first install on a machine.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STARTER := resources/models/SmolLM2-135M-Instruct-Q4_1.gguf
export CMAKE_BUILD_PARALLEL_LEVEL ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: run setup test lint bench clean system-deps screenshots translations chaos package package-test

run: setup
	$(BIN)/maru

setup: system-deps $(BIN)/.installed $(STARTER)

test: system-deps $(BIN)/.installed-dev $(STARTER)
	$(BIN)/ruff check desktop tests bench
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(BIN)/.installed-dev
	$(BIN)/ruff check desktop tests bench
	$(BIN)/lint-imports

# The hostile-input and hard-fault suite with its full counts (make test runs it bounded);
# the figures are printed at the end and saved to bench/results/chaos.json.
chaos: system-deps $(BIN)/.installed-dev $(STARTER)
	MARU_CHAOS=full QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/chaos --timeout=3600 $(PYTEST_ARGS)

# Known vulnerabilities (PyPI's advisory data) in every package installed in .venv, and
# which llama.cpp commit llama-cpp-python vendors (its advisories are llama.cpp's own, not
# PyPI's). --strict: a package that could not be checked fails the audit. Ignored, each
# with its reason: GHSA-w8v5-vhqr-4h9v / PYSEC-2026-2447, diskcache <= 5.6.3 unpickles its
# cache directory (no fix released); it comes with llama-cpp-python, whose LlamaDiskCache
# Maru never creates, so Maru reads no diskcache directory.
.PHONY: audit
audit: $(BIN)/.installed-dev
	$(BIN)/python -c "import ctypes, llama_cpp, pathlib; lib = ctypes.CDLL(str(next((pathlib.Path(llama_cpp.__file__).parent / 'lib').glob('libggml-base.*')))); lib.ggml_commit.restype = lib.ggml_version.restype = ctypes.c_char_p; print('llama-cpp-python', llama_cpp.__version__, 'vendors llama.cpp', lib.ggml_commit().decode(), '(ggml', lib.ggml_version().decode() + ')')"
	$(BIN)/pip-audit --strict --skip-editable --progress-spinner off --desc \
		--ignore-vuln GHSA-w8v5-vhqr-4h9v --ignore-vuln PYSEC-2026-2447

# The frozen app and the .deb (packaging/linux/build.sh), then the .deb installed into a
# scratch root, its `maru --selftest` run offscreen, and removed (CI runs this too).
package: system-deps $(STARTER)
	bash packaging/linux/build.sh

package-test: package
	bash packaging/linux/test-deb.sh

bench: setup
	$(BIN)/python bench/decode_overhead.py
	$(BIN)/python bench/ttft_turns.py
	$(BIN)/python bench/bandwidth.py
	$(BIN)/python bench/markdown_stream.py
	$(BIN)/python bench/gui_stalls.py --real
	$(BIN)/python bench/download.py
	$(BIN)/python bench/documents.py

# docs/screenshot-*.png, docs/ui-*.png: the real window with a scripted fake model,
# each theme on its own Xvfb (apt-get install xvfb xauth fonts-noto-cjk libxcb-cursor0).
screenshots: $(BIN)/.installed
	$(BIN)/python docs/screenshots.py
	$(BIN)/python docs/screenshot_ui.py
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python docs/screenshot_models.py
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python docs/screenshot_documents.py
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python docs/screenshot_tasks.py

# resources/i18n: pick up new and changed strings from the code into the .ts files
# (Korean: every string; English: only plural forms), then build the .qm files Maru
# loads. Translate with `pyside6-linguist resources/i18n/maru_ko.ts` in between.
I18N_SOURCES = $(shell find desktop -name '*.py' | LC_ALL=C sort)
translations: $(BIN)/.installed
	$(BIN)/pyside6-lupdate $(I18N_SOURCES) -ts resources/i18n/maru_ko.ts -no-obsolete
	$(BIN)/pyside6-lupdate $(I18N_SOURCES) -ts resources/i18n/maru_en.ts -pluralonly -no-obsolete
	$(BIN)/pyside6-lrelease resources/i18n/maru_ko.ts resources/i18n/maru_en.ts

# Shared libraries Qt needs on a bare Debian/Ubuntu; installed only when missing.
system-deps:
	@bash packaging/linux/ensure-system-deps.sh

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools  # the venv's own setuptools has known CVEs

$(BIN)/.installed: pyproject.toml $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(BIN)/.installed-dev: pyproject.toml $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(BIN)/.installed

$(STARTER): | $(VENV)/bin/python
	$(BIN)/python -m desktop.backends.starter_model resources/models

clean:
	rm -rf $(VENV) build *.egg-info
