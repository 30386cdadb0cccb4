# The two commands (see README):
#   make demo   install dvclive-nb and open the demo notebooks in JupyterLab
#   make test   install everything the tests need (Chromium included) and run them
# and, for a developer's inner loop (CONTRIBUTING.md):
#   make check  lint and the unit tests, in under two minutes
VENV ?= .venv
LOWER_VENV ?= .venv-lower
NEWEST_VENV ?= .venv-newest
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
export DVC_NO_ANALYTICS := 1

# The lowest and the newest Python that we support, tested by test-lower and test-newest.
# Found by .ci/find-python (pyenv's, or pythonX.Y on PATH); pass PY_LOW=... PY_NEW=... to
# use others. Expanded only by the targets that need them.
PY_LOW ?= $(shell .ci/find-python 3.10)
PY_NEW ?= $(shell .ci/find-python 3.13)
# The slow tier waits on kernels, DVC's queue and other processes more than it computes,
# so it runs on JOBS pytest-xdist workers even on 2 cores. Each file goes to one worker, so
# its module fixtures are built once and its tests run in their order. Each test has its
# own tmp repo, ports and processes (DVC's queue workers belong to that repo). The browser
# tier stays serial: its tests time frames and animation on screen, and two JupyterLabs
# with two Chromiums on 2 cores starve each other.
JOBS ?= 2
XDIST := -n $(JOBS) --dist loadfile

.PHONY: demo check test test-main test-lower test-newest lint bench screenshots chromium js vscode

# Root is common in containers and cloud VMs: Jupyter refuses it without --allow-root.
# With no desktop to open a browser on, Jupyter prints the URL (token included) to open.
NO_DESKTOP := $(if $(or $(DISPLAY),$(WAYLAND_DISPLAY),$(filter Darwin,$(shell uname -s))),,1)
LAB_ARGS := --allow-root $(if $(NO_DESKTOP),--no-browser)

demo: $(VENV)/.demo
	PATH=$(abspath $(VENV))/bin:$$PATH binder/prepare-demo demo
	@$(if $(NO_DESKTOP),echo "No desktop browser here: open the http://127.0.0.1:... URL that JupyterLab prints below.")
	cd demo && PATH=$(abspath $(VENV))/bin:$$PATH jupyter lab $(LAB_ARGS) quickstart.ipynb

# Lint, then the unit tests (unmarked): no kernel, no browser, no queue. Serial: they
# compute rather than wait, and two xdist workers cost more CPU than they save here.
check: $(VENV)/.test js
	$(MAKE) lint
	$(PY) -m pytest -q $(UNIT)

test: $(VENV)/.test chromium js vscode
	$(MAKE) lint
	$(MAKE) test-main
	$(MAKE) test-lower
	$(MAKE) test-newest

# Each run below takes the tiers one by one: the unit tests alone (a few time their own
# threads, and lose to a busy neighbour), then the slow tier in parallel.
UNIT := -m "not slow and not browser"
SLOW := -m slow $(XDIST)

# The whole suite on .venv's Python (3.11), the only run with the browser tests.
test-main: $(VENV)/.test chromium js vscode
	$(PY) -m pytest $(UNIT)
	$(PY) -m pytest $(SLOW)
	$(PY) -m pytest -m browser

lint: $(VENV)/.test
	$(VENV)/bin/ruff check dvclive_nb tests benchmarks
	$(VENV)/bin/mypy dvclive_nb

# The suite (browser tests and the Binder build aside, which install their own versions)
# on the lowest Python, with every dependency at the lowest version pyproject.toml allows.
# The frameworks (tests/integrations, lightning.ipynb) run in .venv only: the
# `integrations` extra pulls torch and TensorFlow, installed once, with the CPU torch.
NOT_HERE := --ignore=tests/integrations \
  --deselect 'tests/test_notebooks.py::test_notebook_runs[lightning.ipynb]' \
  --deselect tests/test_binder.py::test_binder_build_runs_every_notebook
test-lower: $(LOWER_VENV)/.test
	$(LOWER_VENV)/bin/python -m pytest -p no:cacheprovider $(UNIT) $(NOT_HERE)
	$(LOWER_VENV)/bin/python -m pytest -p no:cacheprovider $(SLOW) $(NOT_HERE)

# The same on the newest Python with the newest release of every dependency. A warning
# that our own code causes (attributed to dvclive_nb or a module under it) fails the test
# there. An ini-style filter, not -W: pytest escapes -W's module, matching dvclive_nb alone.
# `rm -rf .venv-newest` to take newer releases.
OUR_WARNINGS := -o 'filterwarnings=error::Warning:dvclive_nb(\.|$$)'
test-newest: $(NEWEST_VENV)/.test
	$(NEWEST_VENV)/bin/python -m pytest -p no:cacheprovider $(UNIT) $(OUR_WARNINGS) $(NOT_HERE)
	$(NEWEST_VENV)/bin/python -m pytest -p no:cacheprovider $(SLOW) $(OUR_WARNINGS) $(NOT_HERE)

# As modules from the root: benchmarks import tests.support (the harness, the frames).
bench: $(VENV)/.test chromium
	$(PY) -m benchmarks.bench_log_image
	$(PY) -m benchmarks.bench_slider
	$(PY) -m benchmarks.bench_watch
	$(PY) -m benchmarks.bench_view
	$(PY) -m benchmarks.bench_async
	$(PY) -m benchmarks.bench_integrations
	$(PY) -m benchmarks.bench_annotate
	$(PY) -m benchmarks.bench_index

# Retake the README's pictures (docs/*.png, docs/slider.gif) from the browser tests.
screenshots: $(VENV)/.test chromium
	DVCLIVE_NB_SCREENSHOTS=1 $(PY) -m pytest tests/browser/test_training_lab.py \
	  tests/browser/test_theme_lab.py tests/browser/test_compare_lab.py \
	  tests/browser/test_layout_lab.py tests/browser/test_layout_board_lab.py \
	  tests/browser/test_detection_lab.py

$(VENV)/bin/python:
	python3 -m venv $(VENV)

$(VENV)/.demo: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e ".[demo]"
	touch $@

$(VENV)/.test: pyproject.toml | $(VENV)/bin/python
	$(PIP) install torch==2.13.0 -e ".[test,demo,integrations]"
	touch $@

# A newer pip than the one a Python ships resolves the pins in far less time; the pins
# are the dependencies', not pip's.
$(LOWER_VENV)/.test: pyproject.toml .ci/lower-bounds
	@test -n "$(PY_LOW)" || { echo "test-lower needs Python 3.10 (see above)" >&2; exit 1; }
	$(PY_LOW) -m venv --clear $(LOWER_VENV)
	$(LOWER_VENV)/bin/python -m pip --disable-pip-version-check -q install --upgrade pip
	python3 .ci/lower-bounds > $(LOWER_VENV)/lower.txt
	$(LOWER_VENV)/bin/python -m pip --disable-pip-version-check -q install \
	  --only-binary numpy,pillow,matplotlib -c $(LOWER_VENV)/lower.txt -e ".[test]"
	$(LOWER_VENV)/bin/python -m pip freeze | grep -iE '^(dvclive|dvc|fsspec|ipywidgets|anywidget|ipython|numpy|pillow|matplotlib)=='
	touch $@

$(NEWEST_VENV)/.test: pyproject.toml
	@test -n "$(PY_NEW)" || { echo "test-newest needs Python 3.13 (see above)" >&2; exit 1; }
	$(PY_NEW) -m venv --clear $(NEWEST_VENV)
	$(NEWEST_VENV)/bin/python -m pip --disable-pip-version-check -q install --upgrade pip
	$(NEWEST_VENV)/bin/python -m pip --disable-pip-version-check -q install \
	  --upgrade --upgrade-strategy eager -e ".[test]"
	$(NEWEST_VENV)/bin/python -m pip freeze | grep -iE '^(dvclive|dvc|fsspec|ipywidgets|anywidget|ipython|numpy|pillow|matplotlib)=='
	touch $@

# esbuild, pinned in js/package-lock.json: tests/test_bundle.py rebuilds the committed
# bundle with it. After editing js/src/, `cd js && npm run build` and commit the bundle.
js: js/node_modules/.package-lock.json

js/node_modules/.package-lock.json: js/package-lock.json
	cd js && npm ci --no-audit --no-fund

# VS Code's widget renderer (@vscode/jupyter-ipywidgets8, pinned) for tests/browser/test_vscode.py.
vscode: tests/browser/vscode/node_modules/.package-lock.json

tests/browser/vscode/node_modules/.package-lock.json: tests/browser/vscode/package-lock.json
	npm ci --prefix tests/browser/vscode --no-audit --no-fund

# Debian's Chromium for the browser tests; Playwright never downloads a browser here.
chromium:
	@test -x /usr/bin/chromium || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium; }
