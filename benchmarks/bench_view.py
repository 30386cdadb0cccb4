"""The looking glass, measured in JupyterLab + headless Chromium.

    python -m benchmarks.bench_view [--seconds 3]

1. Zoom and pan on a 1024x1024 frame with two linked panels: one wheel or drag event per
   animation frame for ``--seconds``, while a cell trains and once the kernel is idle.
   Reports frames per second delivered by ``requestAnimationFrame`` and the slowest frame.
2. The metrics strip: 3 metrics x 10,000 steps logged by ``dvclive_nb.Live``; the time
   of its full redraw (``drawStrip``), and of adding one row (``store.addMetrics``).
Prints Markdown tables with the issue's targets (>= 50 fps; <= 10 ms).
"""

import argparse
import tempfile
from pathlib import Path

BIG = '''
import time
import numpy as np
from dvclive_nb import Live

rng = np.random.default_rng(0)
big = [rng.integers(0, 256, (1024, 1024, 3), np.uint8) for _ in range(2)]
live = Live("zoom-run", save_dvc_exp=False, dvcyaml=False)
for step in range({steps}):
    live.log_image(f"pred/{{step}}.png", big[step % 2])
    live.log_image(f"target/{{step}}.png", big[(step + 1) % 2])
    live.next_step()
    time.sleep({sleep})
'''

METRICS = '''
from dvclive_nb import Live

live = Live("strip-run", save_dvc_exp=False, dvcyaml=False)
live.log_image("pred/0.png", __import__("numpy").zeros((8, 8, 3), "uint8"))
for step in range(10_000):
    for name in ("loss", "acc", "lr"):
        live.log_metric(name, 1 / (step + 1))
    live.step += 1
live.log_image(f"pred/{live.step}.png", __import__("numpy").zeros((8, 8, 3), "uint8"))
live.next_step()
'''

# One synthetic wheel (zoom) or drag (pan) per animation frame on the first stage.
FPS_JS = """async (seconds) => {
  const stage = document.querySelector('.dvnb-stage');
  const r = stage.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  stage.dispatchEvent(new WheelEvent('wheel', {deltaY: -600, clientX: x, clientY: y,
                                                bubbles: true, cancelable: true}));
  const times = [];
  let i = 0;
  await new Promise((done) => {
    const end = performance.now() + seconds * 1000;
    const tick = (t) => {
      times.push(t);
      const dir = Math.sin(i++ / 10);
      if (i % 2) {
        stage.dispatchEvent(new WheelEvent('wheel', {deltaY: 40 * dir, clientX: x + 30 * dir,
          clientY: y, bubbles: true, cancelable: true}));
      } else {
        const opts = {clientX: x, clientY: y, button: 0, pointerId: 1, bubbles: true};
        stage.dispatchEvent(new PointerEvent('pointerdown', opts));
        stage.dispatchEvent(new PointerEvent('pointermove', {...opts, clientX: x + 5 * dir}));
        stage.dispatchEvent(new PointerEvent('pointerup', opts));
      }
      if (t < end) requestAnimationFrame(tick); else done();
    };
    requestAnimationFrame(tick);
  });
  const gaps = times.slice(1).map((t, k) => t - times[k]);
  const linked = getComputedStyle(document.querySelectorAll('.dvnb-stage img')[1]).transform;
  return {fps: gaps.length / ((times.at(-1) - times[0]) / 1000),
          worst: Math.max(...gaps), linked: linked !== 'none'};
}"""

STRIP_JS = """() => {
  const store = [...globalThis.__dvclive_nb_stores.values()].at(-1);
  const rows = [...store.metrics.values()].map((m) => m.steps.length);
  const timing = globalThis.__dvclive_nb_timing || {};
  // One more row of one metric, as the kernel sends it.
  const buf = (v) => new Float64Array([v]).buffer;
  const t0 = performance.now();
  for (let i = 0; i < 100; i++) {
    store.addMetrics({reset: false, metrics: [{name: 'loss', start: rows[0] + i, buf: 0}]},
                     [buf(20000 + i), buf(0.5)]);
  }
  const add = (performance.now() - t0) / 100;
  return {rows, draw: timing.strip, add};
}"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from tests.support.harness import Server, launch_chromium
    from tests.support.pages import open_notebook, run_all, wait_kernel_idle, write_notebook
    from tests.support.waiting import wait_for

    work = Path(tempfile.mkdtemp(prefix="bench-view-"))
    write_notebook(work / "zoom.ipynb", BIG.format(steps=60, sleep=0.5))
    write_notebook(work / "strip.ipynb", METRICS)
    server = Server("lab", work, Path(tempfile.mkdtemp(prefix="bench-home-")))
    results = {}
    try:
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            open_notebook(page, server.url("lab/tree/zoom.ipynb"))
            run_all(page)
            page.wait_for_selector('.dvnb-panel[data-name="target"] img[src]', timeout=120000)
            results["busy"] = page.evaluate(FPS_JS, args.seconds)
            results["busy"]["was_busy"] = "*" in page.locator(
                ".jp-InputPrompt").first.text_content()
            wait_kernel_idle(page, timeout=300)
            results["idle"] = page.evaluate(FPS_JS, args.seconds)

            open_notebook(page, server.url("lab/tree/strip.ipynb"))
            run_all(page)
            wait_kernel_idle(page, timeout=600)
            wait_for(lambda: page.evaluate(
                "() => (globalThis.__dvclive_nb_timing || {}).rows >= 30000"),
                timeout=60, what="the strip with 30,000 rows")
            results["strip"] = page.evaluate(STRIP_JS)
            browser.close()
    finally:
        server.stop()

    print("Zoom and pan, 1024x1024, two linked panels (target >= 50 fps)\n")
    print("| kernel | fps | slowest frame | linked |")
    print("|---|---:|---:|---|")
    for key in ("busy", "idle"):
        r = results[key]
        label = "busy training" if key == "busy" else "idle"
        if key == "busy" and not r["was_busy"]:
            label += " (finished early!)"
        print(f"| {label} | {r['fps']:.0f} | {r['worst']:.1f} ms | {r['linked']} |")
    s = results["strip"]
    print("\nMetrics strip (target: redraw <= 10 ms for 3 x 10,000)\n")
    print("| rows | full redraw | adding one row |")
    print("|---|---:|---:|")
    print(f"| {' + '.join(map(str, s['rows']))} | {s['draw']:.1f} ms | {s['add'] * 1000:.1f} µs |")


if __name__ == "__main__":
    main()
