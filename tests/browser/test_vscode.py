"""The view in VS Code's widget renderer (``@vscode/jupyter-ipywidgets8``, from npm), in
headless Chromium, on a real kernel of a ``jupyter server`` that the test starts.

vscode_host.py says what the page reproduces of VS Code's webview and what it replaces:
the extension host's relay of kernel messages (``postKernelMessage``) is a websocket here.
Setup: ``npm ci --prefix tests/browser/vscode`` (vscode_host.SETUP).
"""

import time

import pytest
from harness import Server
from helpers import FRAME_CODE, FRAMES_HELD_JS, shown_step, wait_for
from vscode_host import Site, build_site, start_kernel, webview_url

TRAIN = '''
import time
from dvclive_nb import Live

live = Live(save_dvc_exp=False)
for _ in range(40):
    live.log_image(f"pred/{live.step}.png", frame(live.step, 1))
    time.sleep(0.25)
    live.next_step()
live.end()
'''

# Faster than the view's 30 messages a second: most frames leave without their bytes,
# and reach the page when it asks for them (its "sync" when the kernel is next idle).
BURST = '''
from dvclive_nb import Live

burst = Live("burst", save_dvc_exp=False)
for _ in range(150):
    burst.log_image(f"fast/{burst.step}.png", frame(burst.step, 3))
    burst.next_step()
burst.end()
'''


@pytest.fixture(scope="module")
def webview_site(tmp_path_factory):
    site = Site(build_site(tmp_path_factory.mktemp("webview")))
    yield site
    site.stop()


@pytest.fixture(scope="module")
def jupyter(workspace, tmp_path_factory, webview_site):
    # The page is on another origin, as VS Code's webview is to a Jupyter server.
    server = Server("server", workspace, tmp_path_factory.mktemp("home-server"),
                    extra_args=[f"--ServerApp.allow_origin={webview_site.origin}"])
    yield server
    server.stop()


@pytest.fixture
def webview(page, webview_site, jupyter):
    """The webview page, its renderer loaded and its kernel connected."""
    page.goto(webview_url(webview_site, jupyter, start_kernel(jupyter)))
    page.wait_for_function("() => window.harness && (harness.ready || harness.errors.length)",
                           timeout=60000)
    assert page.evaluate("harness.errors") == []
    return page


def run(page, code):
    page.evaluate("code => harness.run(code)", code)
    page.wait_for_function("() => harness.busy !== undefined")


def busy(page):
    return page.evaluate("harness.busy")


def errors(page):
    return page.evaluate("harness.errors")


def test_view_paints_scrubs_and_follows_training(webview):
    page = webview
    run(page, FRAME_CODE)
    wait_for(lambda: not busy(page), what="the helper cell")
    run(page, TRAIN)

    # The view paints in the renderer's output element while the cell still trains.
    page.wait_for_selector(".cell-output-ipywidget-background .dvnb-slider", timeout=30000)
    first = wait_for(lambda: (s := shown_step(page, "pred", 1)) is not None and s + 1,
                     timeout=20, what="a frame painted") - 1
    later = wait_for(lambda: (s := shown_step(page, "pred", 1)) is not None and s > first + 3
                     and s, timeout=20, what="new frames while the cell trains")
    assert busy(page), errors(page)

    # Scrub with the keyboard while the kernel is busy: the page holds the frames.
    handle = page.locator(".dvnb-slider").first
    handle.focus()
    page.keyboard.press("Home")
    assert wait_for(lambda: shown_step(page, "pred", 1) == 0, timeout=3, what="step 0")
    page.keyboard.press("ArrowRight")
    assert wait_for(lambda: shown_step(page, "pred", 1) == 1, timeout=3, what="step 1")
    assert handle.get_attribute("aria-valuetext") == "step 1"
    # The range input itself scrubs too (a pointer drag ends in its input event).
    handle.evaluate("e => { e.value = 3; e.dispatchEvent(new Event('input', {bubbles: true})); }")
    assert wait_for(lambda: shown_step(page, "pred", 1) == 3, timeout=3, what="step 3")

    # The slider's range keeps growing as frames arrive, without moving off step 3.
    top = int(handle.get_attribute("max"))
    assert top >= later
    wait_for(lambda: int(handle.get_attribute("max")) > top, timeout=10, what="more steps")
    assert shown_step(page, "pred", 1) == 3 and busy(page)

    wait_for(lambda: not busy(page), timeout=60, what="the training cell to end")
    assert page.evaluate("harness.lastStatus") == "ok", errors(page)
    assert int(handle.get_attribute("max")) == 39
    page.keyboard.press("End")
    assert wait_for(lambda: shown_step(page, "pred", 1) == 39, timeout=3, what="step 39")
    assert errors(page) == []


def test_frames_logged_faster_than_sent_reach_the_page_by_sync(webview):
    page = webview
    run(page, FRAME_CODE)
    wait_for(lambda: not busy(page), what="the helper cell")
    run(page, BURST)
    wait_for(lambda: not busy(page), timeout=60, what="the burst cell")
    assert page.evaluate("harness.lastStatus") == "ok", errors(page)
    # Kernel idle: the page's sync is answered with every frame it lacked.
    wait_for(lambda: page.evaluate(FRAMES_HELD_JS)[0] == 150, timeout=15,
             what="all 150 frames on the page")
    box = page.locator(".dvnb-stepbox").first
    for step in (77, 1, 148):
        box.fill(str(step))
        box.press("Enter")
        assert wait_for(lambda s=step: shown_step(page, "fast", 3) == s, timeout=3,
                        what=f"step {step}")
    time.sleep(0.2)
    assert errors(page) == []
