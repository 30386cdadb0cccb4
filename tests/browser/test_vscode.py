"""The view in VS Code's widget renderer (``@vscode/jupyter-ipywidgets8``, from npm), in
headless Chromium, on a real kernel of a ``jupyter server`` that the test starts.

vscode/webview.js says what the page reproduces of VS Code's webview, step by step, and
what it leaves out. Setup: ``npm ci --prefix tests/browser/vscode`` (vscode_host.SETUP).
"""

import time

import pytest

from tests.browser.vscode_host import Site, build_site, start_kernel, stop_kernel, webview_url
from tests.support.harness import Server
from tests.support.images import FRAME_CODE
from tests.support.pages import FRAMES_HELD_JS, shown_step
from tests.support.waiting import wait_for

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
    kernel = start_kernel(jupyter)
    page.goto(webview_url(webview_site, jupyter, kernel))
    page.wait_for_function("() => window.harness && (harness.ready || harness.errors.length)",
                           timeout=60000)
    assert page.evaluate("harness.errors") == []
    yield page
    stop_kernel(jupyter, kernel)


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

    # The static fallback (text/html, same page) is there, and hidden next to the view.
    static = page.locator(".dvnb-static")
    assert static.count() == 1 and not static.is_visible()

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
    # Every frame's bytes crossed the relay in a binary frame (a byte array in between).
    assert page.evaluate("harness.relayed.binary") >= 40, page.evaluate("harness.relayed")
    page.keyboard.press("End")
    assert wait_for(lambda: shown_step(page, "pred", 1) == 39, timeout=3, what="step 39")
    # The fallback was brought up to date at the end, and is still hidden.
    assert "pred · step 39" in static.text_content() and not static.is_visible()
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


# vscode-jupyter's renderer stylesheet around a widget output is not in the npm package;
# two versions of it are known (restated here, not copied):
RENDERER_CSS = {
    # Up to 2025 (microsoft/vscode-jupyter#7161, #9403): a white background behind every
    # widget, since ipywidgets' variables are JupyterLab's light theme whatever VS Code's.
    "white": ".cell-output-ipywidget-background { background: white !important; }",
    # Its JupyterLab theme bridge (jupyterlabThemeBridge.css): a transparent background,
    # and inside the output JupyterLab's variables are set from VS Code's; these are the
    # ones the view reads.
    "bridge": """
      .cell-output-ipywidget-background {
        background: transparent !important;
        --jp-ui-font-color1: var(--vscode-editor-foreground);
        --jp-ui-font-color2: var(--vscode-editor-foreground);
        --jp-ui-font-color3: var(--vscode-editor-foreground);
        --jp-ui-inverse-font-color1: var(--vscode-button-foreground);
        --jp-brand-color1: var(--vscode-textLink-foreground, var(--vscode-focusBorder));
        --jp-border-color1: var(--vscode-panel-border, var(--vscode-editorPane-border));
        --jp-ui-font-family: var(--vscode-editor-font-family);
      }
      .vscode-dark .cell-output-ipywidget-background {
        --jp-layout-color0: var(--vscode-input-background);
        --jp-layout-color1: var(--vscode-input-background);
        --jp-layout-color2: var(--vscode-input-background);
        --jp-layout-color3: var(--vscode-input-background);
      }""",
}

# Colours as the page computes them, and the contrast of text with what is behind it.
COLOURS_JS = """() => {
  const rgba = (s) => { const c = document.createElement('canvas').getContext('2d');
    c.fillStyle = s; const v = c.fillStyle;
    if (v.startsWith('#')) return [1, 3, 5].map(i => parseInt(v.slice(i, i + 2), 16)).concat(1);
    const m = v.match(/[\\d.]+/g).map(Number); return m.length === 3 ? m.concat(1) : m; };
  const behind = (e) => { const layers = [];
    for (let n = e; n; n = n.parentElement) {
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] === 1) break; } }
    const over = (b, c) => b.map((v, i) => i < 3 ? c[i] * c[3] + v * (1 - c[3]) : 1);
    return layers.reverse().reduce(over, [255, 255, 255, 1]); };
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const contrast = (e) => { const bg = behind(e), c = rgba(getComputedStyle(e).color);
    const fg = bg.map((v, i) => i < 3 ? c[i] * c[3] + v * (1 - c[3]) : 1);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x); return (a + 0.05) / (b + 0.05); };
  const view = document.querySelector('.dvnb');
  const caption = view.querySelector('.dvnb-panel figcaption');
  const button = view.querySelector('button:not(:disabled):not([aria-pressed="true"])');
  const readout = view.querySelector('.dvnb-readout');
  const css = getComputedStyle(view);
  return { fg: rgba(css.color), bg: behind(view),
           control: rgba(getComputedStyle(button).backgroundColor),
           brand: rgba(css.getPropertyValue('--dvnb-brand').trim()),
           text: contrast(view), caption: contrast(caption), button: contrast(button),
           readout: contrast(readout) };
}"""

SMALL = '''
from dvclive_nb import Live

small = Live("small", save_dvc_exp=False)
for _ in range(4):
    small.log_image(f"pred/{small.step}.png", frame(small.step, 1))
    small.next_step()
'''


@pytest.mark.parametrize("renderer_css", ["white", "bridge"])
def test_colours_follow_vscode_dark_theme(webview, renderer_css):
    page = webview
    page.add_style_tag(content=RENDERER_CSS[renderer_css])
    run(page, FRAME_CODE + SMALL)
    wait_for(lambda: not busy(page), timeout=60, what="the cell")
    page.wait_for_selector(".cell-output-ipywidget-background .dvnb-readout", timeout=30000)
    wait_for(lambda: shown_step(page, "pred", 1) == 3, timeout=10, what="step 3")
    got = page.evaluate(COLOURS_JS)
    if renderer_css == "white":
        # ipywidgets' light variables and VS Code's white: the view is light there.
        assert got["bg"] == [255, 255, 255, 1]
        assert got["fg"] == [0, 0, 0, 0.8]
    else:
        # VS Code's Dark Modern colours, through the bridge (vscode/index.html).
        assert got["bg"] == [31, 31, 31, 1]  # --vscode-editor-background
        assert got["fg"] == [204, 204, 204, 1]  # --vscode-editor-foreground
        assert got["control"] == [49, 49, 49, 1]  # --vscode-input-background
        assert got["brand"] == [77, 170, 252, 1]  # --vscode-textLink-foreground
    # Readable either way: WCAG AA for text (4.5:1); secondary text at least 3:1.
    assert got["text"] >= 4.5 and got["button"] >= 4.5, got
    assert got["caption"] >= 3 and got["readout"] >= 3, got
    assert errors(page) == []


def test_keyboard_reaches_and_drives_the_controls(webview):
    page = webview
    run(page, FRAME_CODE + SMALL)
    wait_for(lambda: not busy(page), timeout=60, what="the cell")
    page.wait_for_selector(".cell-output-ipywidget-background .dvnb-slider", timeout=30000)
    page.wait_for_function("() => harness.keyboardPasses >= 1")
    wait_for(lambda: shown_step(page, "pred", 1) == 3, timeout=10, what="step 3")

    # Tab from the output region (vscode-jupyter's focusable wrapper) reaches the slider
    # through the view's own controls only.
    page.locator(".cell-output-ipywidget-background[tabindex='0']").first.focus()
    visited = []
    for _ in range(12):
        page.keyboard.press("Tab")
        visited.append(page.evaluate(
            "() => { const e = document.activeElement; return [e.className,"
            " !!e.closest('.dvnb'), e.matches(':focus-visible')"
            " && getComputedStyle(e).outlineStyle !== 'none'] }"))
        if "dvnb-slider" in visited[-1][0]:
            break
    assert "dvnb-slider" in visited[-1][0], visited
    assert all(inside and ring for _, inside, ring in visited), visited

    # The arrow keys move the slider, and the frame on screen with it.
    for key, step in (("Home", 0), ("ArrowRight", 1), ("ArrowRight", 2), ("End", 3),
                      ("ArrowLeft", 2)):
        page.keyboard.press(key)
        assert wait_for(lambda s=step: shown_step(page, "pred", 1) == s, timeout=3,
                        what=f"{key} to step {step}")

    # Enter and Space on a button: one click each, with VS Code's keyboard pass on it.
    play = page.locator(".dvnb-play").first
    before = play.get_attribute("aria-pressed")
    for key in ("Enter", " "):
        play.focus()
        page.keyboard.press(key)
        page.wait_for_timeout(300)
        now = play.get_attribute("aria-pressed")
        assert now != before, f"{key!r} did not toggle Play once ({before} -> {now})"
        before = now
    assert errors(page) == []
