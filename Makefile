# The two commands (see README):
#   make demo   install dvclive-nb and open the demo notebooks in JupyterLab
#   make test   install everything the tests need (Chromium included) and run them
VENV ?= .venv
LOWER_VENV ?= .venv-lower
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
export DVC_NO_ANALYTICS := 1

.PHONY: demo test test-lower lint bench screenshots chromium js

# Root is common in containers and cloud VMs: Jupyter refuses it without --allow-root.
# With no desktop to open a browser on, Jupyter prints the URL (token included) to open.
NO_DESKTOP := $(if $(or $(DISPLAY),$(WAYLAND_DISPLAY),$(filter Darwin,$(shell uname -s))),,1)
LAB_ARGS := --allow-root $(if $(NO_DESKTOP),--no-browser)

demo: $(VENV)/.demo
	PATH=$(abspath $(VENV))/bin:$$PATH binder/prepare-demo demo
	@$(if $(NO_DESKTOP),echo "No desktop browser here: open the http://127.0.0.1:... URL that JupyterLab prints below.")
	cd demo && PATH=$(abspath $(VENV))/bin:$$PATH jupyter lab $(LAB_ARGS) quickstart.ipynb

test: $(VENV)/.test chromium
	$(MAKE) lint
	$(PY) -m pytest
	$(MAKE) test-lower

lint: $(VENV)/.test
	$(VENV)/bin/ruff check dvclive_nb tests benchmarks
	$(VENV)/bin/mypy dvclive_nb

# The same suite (browser tests and the Binder build aside, which install their own
# versions) with every dependency at the lowest version pyproject.toml allows.
test-lower: $(LOWER_VENV)/.test
	$(LOWER_VENV)/bin/python -m pytest -p no:cacheprovider --ignore=tests/browser \
	  --ignore=tests/integrations \
	  --deselect tests/test_binder.py::test_binder_build_runs_every_notebook

bench: $(VENV)/.test chromium
	$(PY) benchmarks/bench_log_image.py
	$(PY) benchmarks/bench_slider.py
	$(PY) benchmarks/bench_watch.py
	$(PY) benchmarks/bench_view.py
	$(PY) benchmarks/bench_async.py
	$(PY) benchmarks/bench_integrations.py
	$(PY) benchmarks/bench_annotate.py

# Retake the README's pictures (docs/*.png, docs/slider.gif) from the browser tests.
screenshots: $(VENV)/.test chromium
	DVCLIVE_NB_SCREENSHOTS=1 $(PY) -m pytest tests/browser/test_training_lab.py \
	  tests/browser/test_theme_lab.py tests/browser/test_compare_lab.py \
	  tests/browser/test_detection_lab.py

$(VENV)/bin/python:
	python3 -m venv $(VENV)

$(VENV)/.demo: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e ".[demo]"
	touch $@

$(VENV)/.test: pyproject.toml | $(VENV)/bin/python
	$(PIP) install torch==2.13.0 -e ".[test,demo,integrations]"
	touch $@

$(LOWER_VENV)/.test: pyproject.toml .ci/lower-bounds
	python3 -m venv $(LOWER_VENV)
	python3 .ci/lower-bounds > $(LOWER_VENV)/lower.txt
	$(LOWER_VENV)/bin/python -m pip --disable-pip-version-check -q install \
	  --only-binary numpy,pillow,matplotlib -c $(LOWER_VENV)/lower.txt -e ".[test]"
	$(LOWER_VENV)/bin/python -m pip freeze | grep -iE '^(dvclive|dvc|fsspec|ipywidgets|anywidget|ipython|numpy|pillow|matplotlib)=='
	touch $@

# esbuild, pinned in js/package-lock.json: tests/test_bundle.py rebuilds the committed
# bundle with it. After editing js/src/, `cd js && npm run build` and commit the bundle.
js: js/node_modules/.package-lock.json

js/node_modules/.package-lock.json: js/package-lock.json
	cd js && npm ci --no-audit --no-fund

# Debian's Chromium for the browser tests; Playwright never downloads a browser here.
chromium:
	@test -x /usr/bin/chromium || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium; }
