"""to_html's costs: the file's size and time to a painted first frame, to_html's time at
scale, and a step switch in the file at 2,000 frames (headless Chromium, from disk, with
every request blocked).

    python -m benchmarks.bench_share

1. 3 series x 150 steps of 64x64 PNG: the file's size (target <= 2 MB) and the time
   from navigation to every panel's first frame decoded (median of 5 loads, <= 1 s);
2. 4 runs x 3 series x 200 steps of 256x256 PNG as one board: to_html's wall time
   (<= 10 s on two cores);
3. 4 series x 500 steps (2,000 frames) of 64x64: a slider step switch, from the input
   event to every panel's new frame decoded (target: within one frame, <= 16.7 ms, so
   each switch is one paint), then to the next animation frame.
Prints a Markdown table with the targets.
"""

import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]


def picture(step, k, side, column=0):
    """A smooth prediction-like frame (a blob moving over a gradient) with a step marker:
    compresses as real outputs do, unlike noise."""
    y, x = np.mgrid[0:side, 0:side] / side
    cx, cy = 0.5 + 0.3 * np.cos(step / 9 + k), 0.5 + 0.3 * np.sin(step / 7 + column)
    blob = np.exp(-((x - cx) ** 2 + (y - cy) ** 2) * 30)
    arr = np.stack([blob * 255, x * 200 * (k + 1) / 3, y * 180 + column * 20], -1)
    arr = arr.astype(np.uint8)
    arr[:2, :2] = (step % 256, k, column)
    return arr


def write_run(folder, series, steps, side, column=0):
    for k in range(series):
        out = Path(folder) / "plots" / "images" / f"s{k}"
        out.mkdir(parents=True, exist_ok=True)
        for step in range(steps):
            Image.fromarray(picture(step, k, side, column)).save(out / f"{step}.png")
    metrics = Path(folder) / "plots" / "metrics"
    metrics.mkdir(parents=True, exist_ok=True)
    rows = "".join(f"{i}\t{i}\t{1 / (i + 1)}\n" for i in range(steps))
    (metrics / "loss.tsv").write_text("timestamp\tstep\tloss\n" + rows)


FIRST_PAINT = """() => {
  const imgs = [...document.querySelectorAll('.dvnb-panel img')];
  return imgs.length && imgs.every((i) => i.complete && i.naturalWidth) ? performance.now() : null;
}"""

# As benchmarks/bench_slider.py times a step switch: the input event, the view's repaint
# (a microtask), every panel's new image decoded, then the next animation frame.
SWITCH = """
async (n) => {
  const slider = document.querySelector('.dvnb-slider');
  const imgs = [...document.querySelectorAll('.dvnb-panel img')];
  const max = Number(slider.max);
  const out = [];
  for (let k = 0; k < n; k++) {
    const i = (k * 7919 + 1) % (max + 1);
    const t0 = performance.now();
    slider.value = i;
    slider.dispatchEvent(new Event('input'));
    await new Promise((r) => queueMicrotask(r));
    await new Promise((r) => queueMicrotask(r));
    await Promise.all(imgs.map((img) => img.decode().catch(() => {})));
    const decoded = performance.now() - t0;
    await new Promise((r) => requestAnimationFrame(r));
    out.push([decoded, performance.now() - t0]);
  }
  return out;
}
"""


def open_page(browser, path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked = []
    url = path.as_uri()

    def route(r):
        if r.request.url == url:
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    return context, page, blocked


def main():
    from playwright.sync_api import sync_playwright

    import dvclive_nb
    from tests.support.harness import launch_chromium

    work = Path(tempfile.mkdtemp(prefix="bench-share-"))
    os.chdir(work)
    rows = []

    write_run("small", 3, 150, 64)
    t = time.perf_counter()
    small = dvclive_nb.to_html("small", "small.html")
    t_small = time.perf_counter() - t
    print(f"small: {small!r} in {t_small:.2f} s")

    for c in range(4):
        write_run(f"runs/{c}", 3, 200, 256, column=c)
    t = time.perf_counter()
    big = dvclive_nb.to_html([f"runs/{c}" for c in range(4)], "board.html")
    t_big = time.perf_counter() - t
    print(f"board: {big!r} in {t_big:.2f} s")

    write_run("many", 4, 500, 64)
    many = dvclive_nb.to_html("many", "many.html")
    print(f"2,000 frames: {many!r}")

    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        loads = []
        for _ in range(5):
            context, page, blocked = open_page(browser, work / "small.html")
            page.goto((work / "small.html").as_uri(), wait_until="commit")
            loads.append(page.wait_for_function(FIRST_PAINT, polling="raf").json_value())
            assert not blocked, blocked
            context.close()
        context, page, blocked = open_page(browser, work / "many.html")
        page.goto((work / "many.html").as_uri())
        page.wait_for_function(FIRST_PAINT)
        page.evaluate(SWITCH, 20)  # warm up
        result = page.evaluate(SWITCH, 200)
        assert not blocked, blocked
        context.close()
        browser.close()

    first = statistics.median(loads)
    decoded = sorted(d for d, _ in result)
    painted = sorted(p for _, p in result)
    within = sum(1 for d in decoded if d <= 1000 / 60)
    rows += [
        ("3 series x 150 steps of 64² PNG: file size", f"{small.bytes / 2**20:.2f} MB",
         "≤ 2 MB", small.bytes <= 2 * 2**20),
        ("... opened from disk to every first frame painted (median of 5)",
         f"{first:.0f} ms", "≤ 1 s", first <= 1000),
        ("4 runs x 3 series x 200 steps of 256² PNG: to_html",
         f"{t_big:.2f} s ({big.bytes / 2**20:.1f} MB)", "≤ 10 s", t_big <= 10),
        ("2,000 frames (4 panels): step switch to every new image decoded, median / p95",
         f"{statistics.median(decoded):.1f} / {decoded[int(0.95 * len(decoded))]:.1f} ms",
         "≤ 16.7 ms", statistics.median(decoded) <= 1000 / 60),
        ("... switches decoded within one frame (16.7 ms)", f"{within} of {len(decoded)}",
         "all", within == len(decoded)),
        ("... to the next animation frame after it, median", f"{statistics.median(painted):.1f} ms",
         "", True),
    ]
    print("\n| measure | value | target | met |\n|---|---|---|---|")
    for name, value, target, met in rows:
        print(f"| {name} | {value} | {target} | {'yes' if met else 'NO'} |")


if __name__ == "__main__":
    main()
