"""Fixtures: a real JupyterLab / Notebook 7 server and headless Debian Chromium."""

import os
from pathlib import Path

import pytest

from tests.support.harness import CHROMIUM, Server, launch_chromium


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return tmp_path_factory.mktemp("ws")


def _server(app, workspace, tmp_path_factory):
    assert Path(CHROMIUM).exists(), "Chromium missing: `make test` installs it"
    server = Server(app, workspace, tmp_path_factory.mktemp(f"home-{app}"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def lab(workspace, tmp_path_factory):
    yield from _server("lab", workspace, tmp_path_factory)


@pytest.fixture(scope="module")
def notebook7(workspace, tmp_path_factory):
    yield from _server("notebook", workspace, tmp_path_factory)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        page.screenshot(path=str(Path(request.config.rootpath) / f"failed-{request.node.name}.png"))
    context.close()


SHOTS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture
def screenshot_dir():
    """Where browser tests save the README's screenshots (only when asked to)."""
    return SHOTS if os.environ.get("DVCLIVE_NB_SCREENSHOTS") else None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # Lets the page fixture save a screenshot of a failed browser test.
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
