"""Watching runs that other processes write: what it costs, and how quickly it shows.

    python -m benchmarks.bench_watch [--skip-browser] [--idle-seconds 30]
    python -m benchmarks.bench_watch --cold 3 [--work DIR]

1. ``dvclive_nb.running()`` in a repo with DVC's run files: two queued runs, a script,
   and the stale entries DVC leaves behind;
2. the CPU cost of watching an idle folder of 10,000 frames, beside a naive watcher that
   walks the folder on every poll;
3. in JupyterLab + headless Chromium: from a frame's file being written by another
   process to that frame on the slider; the first paint of ``show()`` for a finished
   run of 3 series x 1,000 steps, from its folder and from its experiment commit; and
   of ``compare()`` for 4 experiments x 3 series x 200 steps.
``--cold N`` times only those three first paints, each as the first call in N fresh
kernels (medians), with when the kernel's output and the view reach the page, and once
warm for calibration; ``--work`` keeps the runs and experiments it makes for next time.
Prints Markdown tables with the issue's targets.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from tests.support.images import FRAME_CODE, encode_png


def png_bytes(rng, size=32):
    return encode_png(rng.integers(0, 256, (size, size, 3), np.uint8))


def make_run(folder: Path, series=3, steps=1000, size=32):
    """A finished run folder: ``series`` x ``steps`` PNG frames (a few distinct ones)."""
    rng = np.random.default_rng(0)
    pool = [png_bytes(rng, size) for _ in range(16)]
    images = folder / "plots" / "images"
    for s in range(series):
        (images / f"s{s}").mkdir(parents=True, exist_ok=True)
        for step in range(steps):
            (images / f"s{s}" / f"{step}.png").write_bytes(pool[(s + step) % 16])
    (folder / "metrics.json").write_text(json.dumps({"step": steps - 1}))


# -- 1. running() --------------------------------------------------------------------------
def bench_running(work: Path, calls=300):
    from dvclive_nb.runs import running

    repo = work / "repo"
    base = repo / ".dvc" / "tmp" / "exps" / "run"
    base.mkdir(parents=True)
    me = os.getpid()
    (base / "DVCLIVE_ONLY").write_text(json.dumps({"pid": me, "exp_name": "script-run"}))
    for i in range(22):  # 2 running queue entries, 20 stale ones (status 1, as DVC leaves)
        rev = f"{i:040x}"
        (base / rev).mkdir()
        tmp = repo / ".dvc" / "tmp" / "exps" / f"tmp{i:08d}"
        (tmp / "dvclive").mkdir(parents=True)
        (tmp / "dvc.yaml").write_text("plots:\n- dvclive/plots/images\n")
        (tmp / "dvclive" / "metrics.json").write_text(json.dumps({"loss": 0.1, "step": 7}))
        info = {"location": "dvc-task", "root_dir": str(tmp), "wdir": ".",
                "name": f"q-{i}", "status": 2 if i < 2 else 1, "result_ref": None}
        (base / rev / f"{rev}.run").write_text(json.dumps(info))
        (base / rev / f"{rev}.json").write_text(json.dumps({"pid": me}))
    runs = running(str(repo))
    assert [r.name for r in runs] == ["script-run", "q-0", "q-1"], runs
    times = []
    for _ in range(calls):
        t = time.perf_counter()
        running(str(repo))
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e3, max(times) * 1e3


# -- 2. idle cost ---------------------------------------------------------------------------
def cpu_while(seconds):
    start_cpu, start = time.process_time(), time.perf_counter()
    time.sleep(seconds)
    return (time.process_time() - start_cpu) / (time.perf_counter() - start)


def bench_idle(work: Path, seconds: float):
    import dvclive_nb

    folder = work / "idle-run"
    make_run(folder, series=3, steps=3334, size=8)  # 10,002 frames
    baseline = cpu_while(seconds / 3)  # this process with nothing to do
    view = dvclive_nb.show(str(folder), display=False)
    time.sleep(3)  # past the first quick polls, into the idle pace
    ours = cpu_while(seconds)
    view.close()

    stop = threading.Event()

    def naive():  # what a watcher that lists the whole folder every 0.25 s would cost
        while not stop.wait(0.25):
            for _ in os.walk(folder):
                pass

    thread = threading.Thread(target=naive, daemon=True)
    thread.start()
    walk = cpu_while(seconds / 3)
    stop.set()
    thread.join()
    return baseline, ours, walk


# -- 3. in the browser ----------------------------------------------------------------------
WRITER = FRAME_CODE + """
import json, sys, time
from dvclive import Live

written = {}
live = Live("pickup-run", save_dvc_exp=False)
for _ in range(int(sys.argv[1])):
    live.log_image(f"live/{live.step}.png", frame(live.step, 9))
    written[live.step] = time.time() * 1000  # the file is complete now
    time.sleep(float(sys.argv[2]))
    live.next_step()
json.dump(written, open("written.json", "w"))
"""

RECORD_JS = """
() => {
  // When each step reached the slider (its range), and which step is on screen, read
  // from the pixels of the image shown: the view follows the newest frame.
  window.__arrived = {};
  window.__shown = -1;
  let last = null;
  const tick = () => {
    const slider = document.querySelector('.dvnb-slider');
    const now = Date.now();
    if (slider && slider.dataset.step !== "") {
      const newest = Number(slider.dataset.step);
      for (let s = 0; s <= newest; s++) if (!(s in window.__arrived)) window.__arrived[s] = now;
    }
    const img = document.querySelector('.dvnb-panel[data-name="live"] img');
    if (img && img.complete && img.naturalWidth && img.src !== last) {
      last = img.src;
      const c = document.createElement('canvas');
      c.width = img.naturalWidth; c.height = img.naturalHeight;
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(1, 1, 1, 1).data;
      if (d[2] === 9) window.__shown = d[0] + 256 * d[1];
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
"""

OUTPUT_JS = """
() => !!document.querySelector('.jp-Cell.jp-mod-active .jp-OutputArea-output')
"""

APPEARED_JS = """
() => !!document.querySelector('.jp-Cell.jp-mod-active .dvnb .dvnb-slider')
"""

PAINTED_JS = """
(n) => {
  const imgs = [...document.querySelectorAll('.jp-Cell.jp-mod-active .dvnb-panel img')];
  return imgs.length === n && imgs.every(i => i.complete && i.naturalWidth > 0
                                             && i.getAttribute('src'));
}
"""


def make_experiment(work: Path, steps: int, names=("bench-exp",), folder="exp-repo") -> Path:
    """A git + DVC repo whose experiments ``names`` each hold 3 x ``steps`` frames."""
    repo = work / folder
    repo.mkdir()
    env = dict(os.environ, DVC_NO_ANALYTICS="1")

    def run(*cmd):
        subprocess.run(cmd, cwd=repo, check=True, capture_output=True, env=env)

    run("git", "init", "-q", "-b", "main")
    run("git", "config", "user.email", "bench@example.com")
    run("git", "config", "user.name", "bench")
    run(sys.executable, "-m", "dvc", "init", "-q")
    run("git", "commit", "-qm", "init")
    script = f"""
from dvclive import Live
for k, name in enumerate({list(names)!r}):
    with Live(exp_name=name) as live:
        for step in range({steps}):
            for s in range(3):
                live.log_image(f"s{{s}}/{{live.step}}.png", f"pool/{{(s + step + k) % 16}}.png")
            live.next_step()
"""
    pool = repo / "pool"
    pool.mkdir()
    rng = np.random.default_rng(0)
    for i in range(16):
        (pool / f"{i}.png").write_bytes(png_bytes(rng))
    (repo / ".gitignore").write_text("pool/\n")
    run("git", "add", ".gitignore")
    run("git", "commit", "-qm", "ignore the pool")
    (repo / "make.py").write_text(script)
    run(sys.executable, "make.py")
    return repo


def first_paint(page, cell_index, n_panels, timeout=60, appeared=None):
    """Run code cell ``cell_index``; seconds until all its panels show an image. With a
    list ``appeared``, also append the seconds until the view (its slider) is on the page."""
    cell = page.locator(".jp-CodeCell").nth(cell_index)
    cell.click()
    page.keyboard.press("Escape")
    t0 = time.perf_counter()
    page.keyboard.press("Control+Enter")
    if appeared is not None:
        page.wait_for_function(OUTPUT_JS, polling="raf", timeout=timeout * 1000)
        output = time.perf_counter() - t0  # the kernel's display message is in the page
        page.wait_for_function(APPEARED_JS, polling="raf", timeout=timeout * 1000)
        appeared.append((output, time.perf_counter() - t0))
    page.wait_for_function(PAINTED_JS, arg=n_panels, polling="raf", timeout=timeout * 1000)
    return time.perf_counter() - t0


def fresh_kernels(server):
    """Shut every kernel down: the next notebook opened starts a new one (a cold call)."""
    import urllib.request

    with urllib.request.urlopen(server.url("api/sessions")) as answer:
        sessions = json.load(answer)
    for session in sessions:
        request = urllib.request.Request(server.url(f"api/sessions/{session['id']}"),
                                         method="DELETE")
        urllib.request.urlopen(request).close()


PAINTS = (("paint_folder", "paint.ipynb", 3),
          ("paint_exp", "exp-repo/paint-exp.ipynb", 3),
          ("paint_board", "board-repo/paint-board.ipynb", 12))


def make_paint_sources(work: Path):
    from tests.support.pages import write_notebook

    if (work / "paint.ipynb").exists():  # --work: made by an earlier run
        return
    make_run(work / "finished-run", series=3, steps=1000)
    repo = make_experiment(work, steps=1000)
    write_notebook(work / "paint.ipynb", "import dvclive_nb",
                   "dvclive_nb.show('finished-run')")
    write_notebook(repo / "paint-exp.ipynb", "import dvclive_nb",
                   "dvclive_nb.show('bench-exp')")
    board = make_experiment(work, steps=200, names=[f"board-{k}" for k in range(4)],
                            folder="board-repo")
    write_notebook(board / "paint-board.ipynb", "import dvclive_nb",
                   "dvclive_nb.compare('board-0', 'board-1', 'board-2', 'board-3')")


def bench_cold(work: Path, rounds: int):
    """Each source ``rounds`` times, each time in a fresh kernel (``import dvclive_nb``
    in a cell of its own, untimed), taking turns; then once more in the last kernel
    (warm, for calibration). Returns ``{key: (appeared, painted, warm)}``."""
    from playwright.sync_api import sync_playwright

    from tests.support.harness import Server, launch_chromium
    from tests.support.pages import open_notebook, wait_kernel_idle

    make_paint_sources(work)
    home = Path(tempfile.mkdtemp(prefix="bench-home-"))
    server = Server("lab", work, home)
    out = {key: ([], [], []) for key, _, _ in PAINTS}
    try:
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for r in range(rounds):
                for key, path, panels in PAINTS:
                    fresh_kernels(server)
                    open_notebook(page, server.url(f"lab/tree/{path}"))
                    page.locator(".jp-CodeCell").nth(0).click()
                    page.keyboard.press("Escape")
                    page.keyboard.press("Control+Enter")  # the import, out of the timing
                    wait_kernel_idle(page)
                    time.sleep(0.5)
                    appeared, painted, warm = out[key]
                    painted.append(first_paint(page, 1, panels, appeared=appeared))
                    wait_kernel_idle(page)
                    if r == rounds - 1:
                        time.sleep(0.5)
                        warm.append(first_paint(page, 1, panels))
                        wait_kernel_idle(page)
            browser.close()
    finally:
        fresh_kernels(server)
        server.stop()
    return out


CALLS = (("paint_folder", ".", "dvclive_nb.show('finished-run')"),
         ("paint_exp", "exp-repo", "dvclive_nb.show('bench-exp')"),
         ("paint_board", "board-repo",
          "dvclive_nb.compare('board-0', 'board-1', 'board-2', 'board-3')"))


def bench_calls(work: Path, rounds: int):
    """The call's own time in the kernel, first call in a fresh kernel (no browser):
    what the kernel adds before the page can show anything. ``{key: [seconds]}``."""
    from jupyter_client.manager import start_new_kernel

    out: dict = {key: [] for key, _, _ in CALLS}
    timed = ("import time as _t\n_t0 = _t.perf_counter()\n{}\n"
             "print('@@', _t.perf_counter() - _t0)")
    for _ in range(rounds):
        for key, folder, call in CALLS:
            manager, client = start_new_kernel(kernel_name="python3", cwd=str(work / folder))
            try:
                client.execute_interactive("import dvclive_nb", timeout=120)
                text: list = []
                client.execute_interactive(
                    timed.format(call), timeout=120,
                    output_hook=lambda msg, text=text: text.append(
                        msg["content"].get("text", "") or str(msg["content"].get("evalue", ""))))
                said = "".join(text)
                if "@@" not in said:
                    print(f"{key}: the call failed in the kernel: {said[-500:]}")
                    continue
                out[key].append(float(said.rpartition("@@")[2].split()[0]))
            finally:
                client.stop_channels()
                manager.shutdown_kernel(now=True)
    return out


def report_cold(out, calls=None):
    targets = {"paint_folder": ("show(), 3 series x 1,000 steps, run folder", 1.0),
               "paint_exp": ("show(), 3 series x 1,000 steps, experiment commit", 1.0),
               "paint_board": ("compare(), 4 experiments x 3 series x 200 steps", 1.5)}
    call_head = "the call, in the kernel | " if calls else ""
    print(f"\n| cold, first call in a fresh kernel | {call_head}"
          "output in the page | view on the page (≤ 0.3 s) | first paint | target | met | warm |")
    print(f"|---|{'---:|' if calls else ''}---:|---:|---:|---:|:--:|---:|")
    for key, (appeared, painted, warm) in out.items():
        label, target = targets[key]
        o = statistics.median(t for t, _ in appeared)
        a, p = statistics.median(t for _, t in appeared), statistics.median(painted)
        runs = ", ".join(f"{t:.2f}" for t in painted)
        call = (f"{statistics.median(calls[key]):.2f} s | " if calls and calls[key]
                else "– | " if calls else "")
        print(f"| {label} | {call}{o:.2f} s | {a:.2f} s | {p:.2f} s ({runs}) | {target:g} s "
              f"| {'yes' if p <= target else 'NO'} | {statistics.median(warm):.2f} s |")


def bench_browser(work: Path, pickup_steps: int, paint_rounds: int):
    from playwright.sync_api import sync_playwright

    from tests.support.harness import Server, launch_chromium
    from tests.support.pages import open_notebook, run_all, wait_kernel_idle, write_notebook

    make_run(work / "finished-run", series=3, steps=1000)
    repo = make_experiment(work, steps=1000)
    (work / "pickup-run").mkdir()
    (work / "writer.py").write_text(WRITER)
    write_notebook(work / "watch.ipynb", "import dvclive_nb\ndvclive_nb.show('pickup-run')")
    write_notebook(work / "paint.ipynb", "import dvclive_nb",
                   "dvclive_nb.show('finished-run')")
    write_notebook(repo / "paint-exp.ipynb", "import dvclive_nb",
                   "dvclive_nb.show('bench-exp')")
    board = make_experiment(work, steps=200, names=[f"board-{k}" for k in range(4)],
                            folder="board-repo")
    write_notebook(board / "paint-board.ipynb", "import dvclive_nb",
                   "dvclive_nb.compare('board-0', 'board-1', 'board-2', 'board-3')")
    home = Path(tempfile.mkdtemp(prefix="bench-home-"))
    server = Server("lab", work, home)
    out = {}
    try:
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            # Pick-up latency: another process writes; the page records each new step.
            open_notebook(page, server.url("lab/tree/watch.ipynb"))
            run_all(page)
            page.wait_for_selector(".dvnb-status", state="attached", timeout=30000)
            page.evaluate(RECORD_JS)
            writer = subprocess.run([sys.executable, "writer.py", str(pickup_steps), "0.3"],
                                    cwd=work, check=True, capture_output=True)
            assert writer.returncode == 0
            time.sleep(2)
            seen = {int(k): v for k, v in page.evaluate("() => window.__arrived").items()}
            stamps = json.loads((work / "written.json").read_text())
            written = {int(k): v for k, v in stamps.items()}
            out["pickup"] = [seen[s] - written[s] for s in written if s in seen]
            out["pickup_missed"] = sorted(set(written) - set(seen))
            out["last_shown"] = page.evaluate("() => window.__shown")
            # First paint of show(): a finished run folder, then an experiment commit.
            for key, url, panels in (
                    ("paint_folder", "lab/tree/paint.ipynb", 3),
                    ("paint_exp", "lab/tree/exp-repo/paint-exp.ipynb", 3),
                    ("paint_board", "lab/tree/board-repo/paint-board.ipynb", 12)):
                open_notebook(page, server.url(url))
                page.locator(".jp-CodeCell").nth(0).click()
                page.keyboard.press("Escape")
                page.keyboard.press("Control+Enter")  # the import, out of the timing
                wait_kernel_idle(page)
                times = []
                for _ in range(paint_rounds):
                    times.append(first_paint(page, 1, panels))
                    wait_kernel_idle(page)
                    time.sleep(0.5)
                out[key] = times
            browser.close()
    finally:
        server.stop()
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--idle-seconds", type=float, default=30)
    parser.add_argument("--pickup-steps", type=int, default=60)
    parser.add_argument("--paint-rounds", type=int, default=5)
    parser.add_argument("--cold", type=int, metavar="N", default=0,
                        help="only the first paints, each in N fresh kernels (medians)")
    parser.add_argument("--work", type=Path,
                        help="--cold: reuse this folder's runs and experiments (made if new)")
    args = parser.parse_args()
    os.environ.setdefault("DVC_NO_ANALYTICS", "1")
    work = args.work.resolve() if args.cold and args.work else Path(
        tempfile.mkdtemp(prefix="bench-watch-"))
    work.mkdir(parents=True, exist_ok=True)
    os.chdir(work)  # dvclive runs `dvc init` on an enclosing git repo: stay out of ours
    if args.cold:
        paints = bench_cold(work, args.cold)
        report_cold(paints, bench_calls(work, args.cold))
        return
    rows = []

    median, worst = bench_running(work)
    print(f"running(): {median:.2f} ms median, {worst:.2f} ms worst (3 running, 20 stale)")
    rows.append(("running() ≤ 50 ms (median)", f"{median:.2f} ms", median <= 50))

    baseline, ours, walk = bench_idle(work, args.idle_seconds)
    print(f"\nidle folder of 10,002 frames, CPU of one core over {args.idle_seconds:.0f} s: "
          f"process alone {baseline:.2%}, watching {ours:.2%} "
          f"(a watcher walking the folder every 0.25 s: {walk:.2%})")
    cost = max(ours - baseline, 0.0)
    rows.append(("watching an idle 10,000-frame folder ≤ 1% of a core",
                 f"{cost:.3%} (naive walk: {max(walk - baseline, 0):.1%})", cost <= 0.01))

    if not args.skip_browser:
        b = bench_browser(work, args.pickup_steps, args.paint_rounds)
        pick = statistics.median(b["pickup"])
        print(f"\npick-up, file written -> on the slider: median {pick:.0f} ms, "
              f"p90 {sorted(b['pickup'])[int(len(b['pickup']) * 0.9)]:.0f} ms over "
              f"{len(b['pickup'])} frames; steps that never reached it: "
              f"{b['pickup_missed'] or 'none'}; on screen at the end: step {b['last_shown']} "
              f"of {args.pickup_steps - 1}")
        rows.append(("pick-up, file -> slider, median ≤ 0.5 s", f"{pick / 1000:.3f} s",
                     pick <= 500))
        for key, label, target in (
                ("paint_folder", "show(), 3 series x 1,000 steps, run folder", 1.0),
                ("paint_exp", "show(), 3 series x 1,000 steps, experiment commit", 1.0),
                ("paint_board", "compare(), 4 experiments x 3 series x 200 steps", 1.5)):
            times = b[key]
            print(f"first paint, {label}: first {times[0]:.2f} s, then median "
                  f"{statistics.median(times[1:]):.2f} s")
            rows.append((f"first paint, {label} ≤ {target:g} s (first call in the kernel)",
                         f"{times[0]:.2f} s", times[0] <= target))
    print("\n| target | measured | met |")
    print("|---|---:|:--:|")
    for label, value, ok in rows:
        print(f"| {label} | {value} | {'yes' if ok else 'NO'} |")


if __name__ == "__main__":
    main()
