"""The slider's costs, measured in a real kernel (nbclient) and a real browser.

    python -m benchmarks.bench_slider [--skip-browser] [--rss-steps 5000]

Side by side in one run:
1. per-step cost over 150 steps of 128x128 RGB noise, in one kernel, for dvclive_nb.Live
   (slider on), upstream dvclive.Live(report=None) and dvclive.Live(report="notebook");
2. the size of the .ipynb nbclient saves (widget state stored) after those 150 steps;
3. kernel RSS growth over N steps with the slider on, and with upstream report=None;
4. in JupyterLab + headless Chromium: the time of a step switch at 500 frames, while the
   kernel is busy and idle, and the JS heap against the bytes of the frames held.
Prints Markdown tables with the issue's targets.
"""

import argparse
import json
import os
import statistics
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

FRAMES = """
import json, time, os
import numpy as np
rng = np.random.default_rng(0)
frames = [rng.integers(0, 256, (128, 128, 3), np.uint8) for _ in range(150)]

def run(live, n=150):
    times = []
    for i in range(n):
        t = time.perf_counter()
        live.log_image(f"pred/{live.step}.png", frames[i % len(frames)])
        live.next_step()
        times.append(time.perf_counter() - t)
    live.end()
    return times
"""

CELL = """
import {module}
times = run({module}.Live("{dir}", save_dvc_exp=False, dvcyaml=False{extra}))
print("TIMES", json.dumps(times))
"""

RSS = """
import gc, resource
def rss_mb():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS")) / 1024
small = [rng.integers(0, 256, (32, 32, 3), np.uint8) for _ in range(16)]
live = {module}.Live("{dir}", save_dvc_exp=False, dvcyaml=False)
for i in range({steps}):
    live.log_image(f"pred/{{live.step}}.png", small[i % 16])
    live.step += 1  # next_step() rewrites summaries: its cost is not the slider's
    if i == 199:
        gc.collect(); start = rss_mb()
gc.collect()
print("RSS", json.dumps([start, rss_mb()]))
"""


def execute(cells, path, timeout=1200):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path)}}).execute()
    return nb


def printed(nb, tag):
    for cell in nb.cells:
        text = "".join(o.get("text", "") for o in cell.get("outputs", []))
        for line in text.splitlines():
            if line.startswith(tag + " "):
                yield json.loads(line[len(tag) + 1:])


def ms(xs):
    return statistics.median(xs) * 1e3


def bench_kernel(work, rounds):
    """Per-step times: {variant: [run, ...]}, the variants interleaved round by round."""
    variants = [("dvclive_nb (slider)", "dvclive_nb", ""),
                ("dvclive report=None", "dvclive", ", report=None"),
                ('dvclive report="notebook"', "dvclive", ', report="notebook"')]
    cells = [FRAMES] + [CELL.format(module=m, dir=f"run{r}-{i}", extra=e)
                        for r in range(rounds) for i, (_, m, e) in enumerate(variants)]
    nb = execute(cells, work)
    runs = list(printed(nb, "TIMES"))
    times = {label: runs[i::len(variants)] for i, (label, _, _) in enumerate(variants)}
    # The saved notebook of each alone, widget state stored (nbclient's default).
    sizes = {}
    for i, (label, module, extra) in enumerate(variants):
        if label.startswith("dvclive report=None"):
            continue
        alone = execute([FRAMES, CELL.format(module=module, dir=f"alone{i}", extra=extra)], work)
        sizes[label] = len(nbformat.writes(alone).encode())
    return times, sizes


def bench_rss(work, steps):
    out = {}
    for module in ("dvclive_nb", "dvclive"):
        nb = execute([FRAMES, f"import {module}", RSS.format(module=module, dir=f"rss-{module}",
                                                            steps=steps)], work)
        start, end = next(printed(nb, "RSS"))
        out[module] = (start, end)
    return out


SWITCH_JS = """
async ({n, busy}) => {
  const slider = document.querySelectorAll('.dvnb-slider')[0];
  const img = document.querySelector('.dvnb-panel[data-name="pred"] img');
  const max = Number(slider.max);
  const out = [];
  for (let k = 0; k < n; k++) {
    const i = (k * 7919) % (max + 1);
    const t0 = performance.now();
    slider.value = i;
    slider.dispatchEvent(new Event('input'));
    await new Promise(r => queueMicrotask(r));
    await new Promise(r => queueMicrotask(r));
    if (img.getAttribute('src')) await img.decode().catch(() => {});
    const decoded = performance.now() - t0;
    await new Promise(r => requestAnimationFrame(r));
    out.push([decoded, performance.now() - t0]);
  }
  return out;
}
"""


def bench_browser(work):
    from playwright.sync_api import sync_playwright

    from tests.support.harness import Server, launch_chromium
    from tests.support.pages import FRAMES_HELD_JS, open_notebook, run_all, write_notebook
    from tests.support.waiting import wait_for

    write_notebook(work / "bench.ipynb", FRAMES + """
import dvclive_nb
live = dvclive_nb.Live("browser-run", save_dvc_exp=False, dvcyaml=False)
frames500 = [rng.integers(0, 256, (128, 128, 3), np.uint8) for _ in range(50)]
for i in range(500):
    live.log_image(f"pred/{live.step}.png", frames500[i % 50])
    live.step += 1
""", "import time\ntime.sleep(40)")
    home = Path(tempfile.mkdtemp(prefix="bench-home-"))
    server = Server("lab", work, home)
    try:
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            cdp = page.context.new_cdp_session(page)
            open_notebook(page, server.url("lab/tree/bench.ipynb"))

            def heap():
                cdp.send("HeapProfiler.collectGarbage")
                return cdp.send("Runtime.getHeapUsage")["usedSize"]

            heap0 = heap()
            run_all(page)
            wait_for(lambda: page.evaluate(
                "() => document.querySelector('.dvnb-slider')?.max === '499'"),
                timeout=120, what="500 frames in the page")
            busy = page.evaluate(
                "() => /\\*/.test(document.querySelectorAll('.jp-InputPrompt')[1].textContent)")
            t_busy = page.evaluate(SWITCH_JS, {"n": 200, "busy": True})
            held = page.evaluate(FRAMES_HELD_JS)
            heap1 = heap()
            wait_for(lambda: page.evaluate(
                "() => !/\\*/.test(document.querySelectorAll('.jp-InputPrompt')[1].textContent)"),
                timeout=120, what="kernel idle")
            t_idle = page.evaluate(SWITCH_JS, {"n": 200, "busy": False})
            browser.close()
    finally:
        server.stop()
    return {"busy_checked": busy, "busy": t_busy, "idle": t_idle, "heap": (heap0, heap1),
            "held": held}


SCALE = """
import json, time
import numpy as np
import {module}
rng = np.random.default_rng(0)
pool = [rng.integers(0, 256, (64, 64, 3), np.uint8) for _ in range(32)]
live = {module}.Live("dvclive", save_dvc_exp=False{extra})
times, start = [], time.perf_counter()
for i in range({steps}):
    t = time.perf_counter()
    for s in range(3):
        live.log_image(f"s{{s}}/{{live.step}}.png", pool[(i + s) % 32])
    live.log_metric("loss", 1 / (i + 1))
    live.next_step()
    times.append(time.perf_counter() - t)
live.end()
print("SCALE", json.dumps([time.perf_counter() - start, times]))
"""


def bench_scale(work, steps, rounds):
    """Issue #10's case, with the page open in JupyterLab: 3 series of 64x64 RGB and a
    metric per step; dvclive_nb (views on) against upstream dvclive (no view)."""
    from playwright.sync_api import sync_playwright

    from tests.support.harness import Server, launch_chromium
    from tests.support.pages import open_notebook, run_all, write_notebook
    from tests.support.waiting import wait_for

    # dvclive_nb without its view too: what the page costs, apart from next_step's gain.
    variants = {"dvclive": ("dvclive", ""), "dvclive_nb": ("dvclive_nb", ""),
                "dvclive_nb, slider=False": ("dvclive_nb", ", slider=False")}
    out: dict = {label: [] for label in variants}
    home = Path(tempfile.mkdtemp(prefix="bench-home-"))
    server = Server("lab", work, home)
    try:
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for r in range(rounds):
                for k, (label, (module, extra)) in enumerate(variants.items()):
                    # A folder per run: its own dvc.yaml, as a user's project has.
                    name = f"scale-{k}-{r}/run.ipynb"
                    (work / name).parent.mkdir()
                    cell = SCALE.format(module=module, steps=steps, extra=extra)
                    write_notebook(work / name, cell)
                    open_notebook(page, server.url(f"lab/tree/{name}"))
                    run_all(page)
                    outputs = page.locator(".jp-OutputArea-output")
                    wait_for(lambda o=outputs: o.count() and "SCALE" in (
                        o.last.text_content(timeout=5000) or ""),
                             timeout=900, interval=1.0, what="the scale run")
                    text = page.locator(".jp-OutputArea-output").last.text_content()
                    total, times = json.loads(text.split("SCALE ", 1)[1].strip())
                    out[label].append((total, times))
                    page.keyboard.press("Control+s")
                    page.goto("about:blank")
            browser.close()
    finally:
        server.stop()
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--rss-steps", type=int, default=5000)
    parser.add_argument("--scale-steps", type=int, default=2000)
    parser.add_argument("--scale-rounds", type=int, default=3,
                        help="runs of each, interleaved (the medians are compared)")
    parser.add_argument("--scale-only", action="store_true",
                        help="only the 3 x 64x64 x 2,000-step case with the page open")
    parser.add_argument("--rounds", type=int, default=7,
                        help="runs of each variant, interleaved (medians are reported)")
    args = parser.parse_args()
    os.environ.setdefault("DVC_NO_ANALYTICS", "1")
    work = Path(tempfile.mkdtemp(prefix="bench-slider-"))
    if args.scale_only:
        scale = bench_scale(work, args.scale_steps, rounds=args.scale_rounds)
        print_scale(scale)
        return

    times, sizes = bench_kernel(work, args.rounds)

    def first(label):
        return statistics.median(ms(run[:20]) for run in times[label])

    def last(label):
        return statistics.median(ms(run[-20:]) for run in times[label])

    def whole(label):
        return statistics.median(ms(run) for run in times[label])

    nb, up, rep = "dvclive_nb (slider)", "dvclive report=None", 'dvclive report="notebook"'
    print(f"Per step (log_image + next_step), 150 steps of 128x128 RGB noise, one kernel, "
          f"median of {args.rounds} interleaved runs\n")
    print("| | first 20 (ms) | last 20 (ms) | last / first | saved .ipynb |")
    print("|---|---:|---:|---:|---:|")
    for label in times:
        size = f"{sizes[label] / 1e6:.2f} MB" if label in sizes else "—"
        print(f"| {label} | {first(label):.2f} | {last(label):.2f} | "
              f"{last(label) / first(label):.2f} | {size} |")
    rows = [
        ("last 20 / first 20 ≤ 1.1", last(nb) / first(nb), 1.1, "le"),
        ("dvclive_nb / dvclive(report=None) ≤ 1.25 (all 150)", whole(nb) / whole(up), 1.25, "le"),
        ("dvclive report=notebook / dvclive_nb at step 150 ≥ 8", last(rep) / last(nb), 8, "ge"),
        ("saved .ipynb ≤ 1.0 MB", sizes[nb] / 1e6, 1.0, "le"),
    ]

    rss = bench_rss(work, args.rss_steps)
    for module, (a, b) in rss.items():
        print(f"\nkernel RSS, {module}: {a:.1f} MB at step 200 -> {b:.1f} MB at step "
              f"{args.rss_steps} (+{b - a:.1f} MB)")
    grow = rss["dvclive_nb"][1] - rss["dvclive_nb"][0]
    rows.append((f"kernel RSS growth over {args.rss_steps} steps ≤ 50 MB", grow, 50, "le"))

    if not args.skip_browser:
        b = bench_browser(work)
        heap_growth = b["heap"][1] - b["heap"][0]
        n_held, bytes_held = b["held"]
        print(f"\nbrowser: {n_held} frames held ({bytes_held / 1e6:.1f} MB of PNG); JS heap "
              f"{b['heap'][0] / 1e6:.1f} -> {b['heap'][1] / 1e6:.1f} MB; kernel busy during "
              f"the busy run: {b['busy_checked']}")
        for when in ("busy", "idle"):
            decoded = statistics.median(t[0] for t in b[when])
            print(f"step switch, kernel {when}: image decoded after {decoded:.1f} ms (median), "
                  "painted at the next animation frame (60 Hz)")
        rows += [
            ("step switch at 500 frames, kernel busy, median ≤ 20 ms (to next paint)",
             statistics.median(t[1] for t in b["busy"]), 20, "le"),
            ("step switch at 500 frames, kernel idle, median ≤ 20 ms (to next paint)",
             statistics.median(t[1] for t in b["idle"]), 20, "le"),
            ("JS heap growth / frame bytes held ≤ 1.2", heap_growth / max(bytes_held, 1),
             1.2, "le"),
        ]
    print("\n| target | measured | ok |")
    print("|---|---:|:--:|")
    for label, value, target, how in rows:
        ok = value <= target if how == "le" else value >= target
        print(f"| {label} | {value:.3f} | {'yes' if ok else 'NO'} |")


def print_scale(scale):
    print("\n| with the page open, 3 x 64x64 RGB + a metric per step | cell time | per step, "
          "first 100 -> last 100 |")
    print("|---|---:|---:|")
    for module, runs in scale.items():
        for total, times in runs:
            print(f"| {module} | {total:.1f} s | {ms(times[:100]):.1f} -> "
                  f"{ms(times[-100:]):.1f} ms |")
    ours = statistics.median(t for t, _ in scale["dvclive_nb"])
    theirs = statistics.median(t for t, _ in scale["dvclive"])
    print(f"\ncell time dvclive_nb / dvclive: {ours / theirs:.2f} (target ≤ 1.2)")
    quiet = statistics.median(t for t, _ in scale["dvclive_nb, slider=False"])
    print(f"cell time dvclive_nb / dvclive_nb without its view: {ours / quiet:.2f}")


if __name__ == "__main__":
    main()
