"""What more than one test file (or benchmark) needs, in one place.

- ``images``: PNG bytes and frames whose pixels say their step and tag, and the code that
  makes such frames inside a kernel or a training script.
- ``scripts``: the dvclive training script a DVC stage runs, and the writer a second
  process runs for tests that follow a run.
- ``repos``: real git + DVC repos, and ``git`` / ``dvc`` commands in them.
- ``trees``: a run folder as comparable data, to check us against upstream dvclive.
- ``waiting``: poll until something holds.
- ``harness``: a JupyterLab / Notebook 7 / Voila server and Debian's Chromium.
- ``pages``: driving a notebook page and reading which frame is on screen.
- ``run_notebooks.py``: a script, run by another environment's Python (the Binder test).

Import it as ``tests.support.X``; benchmarks do too (``python -m benchmarks.bench_x``).
"""
