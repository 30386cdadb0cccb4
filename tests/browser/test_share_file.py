"""A shared HTML file (dvclive_nb.to_html) opened from disk in headless Chromium with
every request blocked and counted (none is made): by pixel markers, the slider, typed
steps, Play, the pin's difference, the strip's click and the board's synced slider show
the right frame of every series; hostile names show as text and run nothing."""

import numpy as np
import pytest

import dvclive_nb
from dvclive_nb import Live

SERIES = ("a", "b", "c")
STEPS = 12


def marker(step, k, column=0, size=16):
    """Left half: series and column (green, blue); right half: the step (red = 10 * step)."""
    arr = np.zeros((size, size, 3), np.uint8)
    arr[:, : size // 2] = (0, 60 * k + 10, 100 * column)
    arr[:, size // 2:] = (10 * step, 60 * k + 10, 100 * column)
    return arr


def log_run(folder, column=0, series=SERIES, lr=0.1):
    with Live(folder, save_dvc_exp=False) as live:
        live.log_params({"lr": lr})
        for step in range(STEPS):
            for k, name in enumerate(series):
                live.log_image(f"{name}/{step}.png", marker(step, k, column))
            live.log_metric("loss", 1.0 / (step + 1))
            live.next_step()


@pytest.fixture
def run_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    log_run("runs/a")
    return tmp_path


def open_offline(page, path):
    """Open ``path`` from disk; every request but the file itself is aborted, and all of
    them are counted in the returned list."""
    url = path.as_uri()
    requests = []

    def route(r):
        if r.request.url == url:
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    page.context.route("**/*", route)
    page.on("request", lambda r: r.url != url and requests.append(r.url))
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_selector(".dvnb-panel img[src]")
    return requests, dialogs, errors


# Every panel's figure at ``step``, its image loaded, and the image's own pixels.
PIXELS = """([step, x, y]) => {
  const out = [];
  for (const fig of document.querySelectorAll('.dvnb-panel')) {
    const img = fig.querySelector('img');
    if (fig.dataset.step !== String(step) || !img.complete || !img.naturalWidth) return null;
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    out.push([fig.dataset.name, Array.from(g.getImageData(x, y, 1, 1).data.slice(0, 3))]);
  }
  return out;
}"""


def shown(page, step, x=12, y=8):
    """``[(panel, [r, g, b])]`` once every panel shows ``step`` (polled)."""
    handle = page.wait_for_function(PIXELS, arg=[step, x, y], timeout=5000)
    return handle.json_value()


def expect_step(page, step, columns=(0,)):
    got = shown(page, step)
    want = sorted([f"{c}:{s}" if len(columns) > 1 else s for c in columns for s in SERIES])
    assert sorted(name for name, _ in got) == want
    for name, rgb in got:
        column, _, series = name.rpartition(":")
        assert rgb == [10 * step, 60 * SERIES.index(series) + 10, 100 * int(column or 0)], name
    assert page.locator(".dvnb-slider").get_attribute("data-step") == str(step)


def test_slider_typed_steps_and_play_show_the_right_frame(run_dir, page):
    dvclive_nb.to_html("runs/a", "a.html")
    requests, _, errors = open_offline(page, run_dir / "a.html")
    expect_step(page, STEPS - 1)  # opens on the newest step, painted
    slider = page.locator(".dvnb-slider")
    slider.focus()
    page.keyboard.press("Home")
    expect_step(page, 0)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect_step(page, 2)
    box = page.locator(".dvnb-stepbox")
    box.fill("7")
    box.press("Enter")
    expect_step(page, 7)
    page.select_option(".dvnb-speed", "20")
    page.click(".dvnb-play")
    page.wait_for_function("() => document.querySelector('.dvnb-slider').dataset.step !== '7'")
    page.wait_for_timeout(300)
    page.click(".dvnb-play")  # pause
    assert page.locator(".dvnb-play").get_attribute("aria-pressed") == "false"
    step = int(slider.get_attribute("data-step"))
    assert step != 7
    expect_step(page, step)
    # The pixel readout reads the frame's own bytes (a blob: URL, not a request).
    img = page.locator(".dvnb-panel img").first
    bbox = img.bounding_box()
    page.mouse.move(bbox["x"] + bbox["width"] * 0.75, bbox["y"] + bbox["height"] / 2)
    page.wait_for_function(
        "() => /RGB\\(/.test(document.querySelector('.dvnb-pixel').textContent)")
    assert f"RGB({10 * step}, 10, 0)" in page.locator(".dvnb-pixel").text_content()
    assert requests == [] and errors == []


def test_pin_difference_and_strip_click(run_dir, page):
    dvclive_nb.to_html("runs/a", "a.html")
    requests, _, errors = open_offline(page, run_dir / "a.html")
    box = page.locator(".dvnb-stepbox")
    box.fill("2")
    box.press("Enter")
    expect_step(page, 2)
    page.click(".dvnb-pin")
    box.fill("6")
    box.press("Enter")
    expect_step(page, 6)
    page.select_option(".dvnb-pin-mode", "diff")
    # |step 6 - step 2| is 40 in red on the right half, 0 on the left: heat(1) and heat(0).
    page.wait_for_function(
        "() => [...document.querySelectorAll('.dvnb-pinned [data-max]')].length === 3")
    assert page.eval_on_selector_all(".dvnb-pinned [data-max]",
                                     "fs => fs.map(f => f.dataset.max)") == ["40"] * 3
    pixels = page.eval_on_selector_all(".dvnb-pinned .dvnb-diff-canvas", """cs => cs.map(c => {
        const g = c.getContext('2d');
        return [Array.from(g.getImageData(2, 8, 1, 1).data.slice(0, 3)),
                Array.from(g.getImageData(12, 8, 1, 1).data.slice(0, 3))]; })""")
    assert pixels == [[[0, 0, 0], [255, 255, 255]]] * 3
    # The strip: a click at a fraction of its width lands on that step.
    page.click(".dvnb-pin")  # unpin
    lanes = page.locator(".dvnb-strip-lanes")
    lanes.wait_for()
    bbox = lanes.bounding_box()
    page.mouse.click(bbox["x"] + bbox["width"] * 4 / (STEPS - 1), bbox["y"] + bbox["height"] / 2)
    expect_step(page, 4)
    assert "loss 0.2" in page.locator(".dvnb-metrics-readout").text_content()
    assert requests == [] and errors == []


def test_the_board_slider_moves_every_column(run_dir, page):
    log_run("runs/b", column=1, lr=1.0)
    dvclive_nb.to_html(["runs/a", "runs/b"], "board.html")
    requests, _, errors = open_offline(page, run_dir / "board.html")
    expect_step(page, STEPS - 1, columns=(0, 1))
    assert page.locator(".dvnb-head-params").all_text_contents() == ["≠ lr=0.1", "≠ lr=1"]
    page.locator(".dvnb-slider").focus()
    page.keyboard.press("Home")
    expect_step(page, 0, columns=(0, 1))
    box = page.locator(".dvnb-stepbox")
    box.fill("5")
    box.press("Enter")
    expect_step(page, 5, columns=(0, 1))
    assert requests == [] and errors == []


def test_thinned_file_says_so_and_follows_the_theme(run_dir, page):
    shared = dvclive_nb.to_html("runs/a", "a.html", steps=3)
    assert shared.steps_kept == 4
    page.emulate_media(color_scheme="dark")
    requests, _, errors = open_offline(page, run_dir / "a.html")
    expect_step(page, 9)
    assert "4 of 12 steps" in page.locator(".dvnb-share-note").text_content()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(17, 17, 17)"
    page.emulate_media(color_scheme="light")
    page.wait_for_function(
        "() => getComputedStyle(document.body).backgroundColor === 'rgb(255, 255, 255)'")
    assert requests == [] and errors == []


HOSTILE = ("<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>")


def test_hostile_names_show_literally_and_run_nothing(tmp_path, page, monkeypatch):
    from PIL import Image

    monkeypatch.chdir(tmp_path)
    images = tmp_path / HOSTILE[0] / "plots" / "images"
    for k, name in enumerate(HOSTILE):
        (images / name).mkdir(parents=True)
        for step in range(3):
            Image.fromarray(marker(step, k)).save(images / name / f"{step}.png")
    metrics = tmp_path / HOSTILE[0] / "plots" / "metrics"
    metrics.mkdir()
    (metrics / "<b onmouseover=alert(1)>m.tsv").write_text(
        "timestamp\tstep\tm\n1\t0\t1\n2\t1\t2\n3\t2\t3\n")
    dvclive_nb.to_html(HOSTILE[0], "hostile.html")
    requests, dialogs, errors = open_offline(page, tmp_path / "hostile.html")
    page.wait_for_timeout(500)  # an onerror would have fired by now
    captions = page.locator(".dvnb-caption").all_text_contents()
    # Captions name their series (the step sits in the step box, issue 21).
    assert any(c.startswith(HOSTILE[0] + " · ") for c in captions), captions
    assert any(c.startswith(HOSTILE[1] + " · ") for c in captions), captions
    assert page.locator(".dvnb-share-title").text_content() == f"dvclive-nb · {HOSTILE[0]}"
    assert page.title() == f"dvclive-nb · {HOSTILE[0]}"
    assert "<b onmouseover=alert(1)>m 3" in page.locator(".dvnb-metrics-readout").text_content()
    assert page.locator("body img:not(.dvnb-img)").count() == 0  # no element made of a name
    assert page.locator("script").count() == 3  # the page's own: state, frames, module
    assert dialogs == [] and requests == [] and errors == []
