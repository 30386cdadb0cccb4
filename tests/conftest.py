import os
import sys

import pytest

from tests.support.repos import make_repo

os.environ.setdefault("DVC_NO_ANALYTICS", "1")
os.environ.setdefault("MPLBACKEND", "Agg")
# DVC's queue starts its workers as plain `dvc` (dvc-task): this environment's bin folder
# must be on PATH, as it is for anyone who activates the environment.
_BIN = os.path.dirname(sys.executable)
if _BIN not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _BIN + os.pathsep + os.environ.get("PATH", "")


@pytest.fixture(autouse=True)
def close_shown_views():
    """Views that show() or compare() left open are closed after each test, which stops
    their watcher threads: no test sees another's threads."""
    yield
    import sys

    present = sys.modules.get("dvclive_nb._present")
    if present is not None:
        for presenter in list(present.SHOWN.values()):
            presenter.close()


@pytest.fixture
def tmp_dir(tmp_path, monkeypatch):
    """An empty folder, made the working directory (as in dvclive's own tests)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(name="make_repo")
def make_repo_fixture():
    return make_repo


@pytest.fixture
def repo(tmp_dir):
    return make_repo(tmp_dir)


@pytest.fixture(scope="session")
def ipshell():
    """IPython's real test shell (one per process, as IPython's own tests use)."""
    from IPython import get_ipython
    from IPython.testing.globalipapp import start_ipython

    return start_ipython() or get_ipython()


@pytest.fixture
def two_repos(tmp_dir, make_repo):
    """Two git + DVC repos side by side: one for upstream dvclive, one for us."""
    up, nb = tmp_dir / "up", tmp_dir / "nb"
    up.mkdir()
    nb.mkdir()
    return make_repo(up), make_repo(nb)


def pytest_collection_modifyitems(items):
    # Everything under tests/browser/ is the browser tier, and everything under
    # tests/integrations/ (real training with the frameworks) the slow one
    # (CONTRIBUTING.md): marked here, by place, so that a new test cannot forget it.
    here = os.path.dirname(__file__)
    browser = os.path.join(here, "browser") + os.sep
    integrations = os.path.join(here, "integrations") + os.sep
    for item in items:
        if str(item.path).startswith(browser):
            item.add_marker(pytest.mark.browser)
        elif str(item.path).startswith(integrations):
            item.add_marker(pytest.mark.slow)
