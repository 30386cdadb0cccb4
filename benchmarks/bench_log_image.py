"""log_image cost in script mode: raw Pillow vs dvclive vs dvclive_nb, in one run.

    python -m benchmarks.bench_log_image [--rounds N]

Prints a Markdown table of median milliseconds per call and the ratios the foundation
issue targets (dvclive_nb / dvclive <= 1.02, dvclive_nb / Pillow <= 1.06), then the
median time of `import dvclive` and `import dvclive_nb` in fresh interpreters, then
one training step (`log_image` 128x128 RGB + `log_metric` + `next_step`, with dvc.yaml)
for dvclive and dvclive_nb: `next_step()` alone and the whole step.
The three writers are interleaved round by round so drift on the machine hits all alike.
"""

import argparse
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time

import dvclive
import numpy as np
from PIL import Image

import dvclive_nb

CASES = {
    "256x256 RGB": lambda rng: rng.integers(0, 256, (256, 256, 3), dtype=np.uint8),
    "500x500 grey": lambda rng: rng.integers(0, 256, (500, 500), dtype=np.uint8),
}


def _writers(root):
    os.makedirs(os.path.join(root, "raw"), exist_ok=True)
    up = dvclive.Live(os.path.join(root, "up"), save_dvc_exp=False, dvcyaml=False)
    nb = dvclive_nb.Live(os.path.join(root, "nb"), save_dvc_exp=False, dvcyaml=False)
    return {
        "Pillow": lambda i, a: Image.fromarray(a).save(os.path.join(root, "raw", f"{i}.png")),
        "dvclive": lambda i, a: up.log_image(f"b/{i}.png", a),
        "dvclive_nb": lambda i, a: nb.log_image(f"b/{i}.png", a),
    }


def bench_calls(rounds, per_round):
    rng = np.random.default_rng(0)
    rows = {}
    for case, make in CASES.items():
        frames = [make(rng) for _ in range(8)]
        times = {name: [] for name in ("Pillow", "dvclive", "dvclive_nb")}
        with tempfile.TemporaryDirectory() as root:
            os.chdir(root)  # dvclive would `dvc init` an enclosing git repo
            writers = _writers(root)
            i = 0
            for r in range(rounds):
                order = list(writers.items())
                order = order[r % 3:] + order[: r % 3]
                for name, write in order:
                    for _ in range(per_round):
                        a = frames[i % len(frames)]
                        t = time.perf_counter()
                        write(i, a)
                        times[name].append(time.perf_counter() - t)
                        i += 1
        rows[case] = {k: statistics.median(v) * 1e3 for k, v in times.items()}
    return rows


def bench_steps(rounds, per_round):
    """Median ms of next_step() and of a whole step, upstream and ours, interleaved."""
    rng = np.random.default_rng(1)
    frames = [rng.integers(0, 256, (128, 128, 3), dtype=np.uint8) for _ in range(8)]
    times = {(cls, part): [] for cls in ("dvclive", "dvclive_nb") for part in ("next", "step")}
    with tempfile.TemporaryDirectory() as root:
        os.chdir(root)
        lives = {
            name: cls(os.path.join(root, name, "dvclive"), save_dvc_exp=False,
                      dvcyaml=os.path.join(root, name, "dvc.yaml"))
            for name, cls in (("dvclive", dvclive.Live), ("dvclive_nb", dvclive_nb.Live))
        }
        for r in range(rounds):
            for name in (("dvclive", "dvclive_nb") if r % 2 else ("dvclive_nb", "dvclive")):
                live = lives[name]
                for _ in range(per_round):
                    a = frames[live.step % len(frames)]
                    t0 = time.perf_counter()
                    live.log_image("pred.png", a)
                    live.log_metric("loss", 1.0 / (live.step + 1))
                    t1 = time.perf_counter()
                    live.next_step()
                    t2 = time.perf_counter()
                    times[name, "next"].append(t2 - t1)
                    times[name, "step"].append(t2 - t0)
        for live in lives.values():
            live.end()
    return {k: statistics.median(v) * 1e3 for k, v in times.items()}


def bench_import(n):
    def once(mod):
        code = f"import time; t=time.perf_counter(); import {mod}; print(time.perf_counter()-t)"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        return float(out.stdout)

    times = {"dvclive": [], "dvclive_nb": []}
    for i in range(n):
        # Alternate which goes first: the second one finds dvclive's files warm.
        for mod in (("dvclive", "dvclive_nb") if i % 2 else ("dvclive_nb", "dvclive")):
            times[mod].append(once(mod))
    return {k: statistics.median(v) * 1e3 for k, v in times.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--per-round", type=int, default=5)
    parser.add_argument("--imports", type=int, default=15)
    args = parser.parse_args()
    logging.getLogger("dvclive").setLevel(logging.ERROR)
    cwd = os.getcwd()

    rows = bench_calls(args.rounds, args.per_round)
    os.chdir(cwd)
    n = args.rounds * args.per_round
    print(f"log_image, median ms per call over {n} calls each (script mode)\n")
    print("| image | Pillow | dvclive | dvclive_nb | nb / dvclive | nb / Pillow "
          "| dvclive / Pillow |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for case, t in rows.items():
        print(
            f"| {case} | {t['Pillow']:.2f} | {t['dvclive']:.2f} | {t['dvclive_nb']:.2f} "
            f"| {t['dvclive_nb'] / t['dvclive']:.3f} | {t['dvclive_nb'] / t['Pillow']:.3f} "
            f"| {t['dvclive'] / t['Pillow']:.3f} |"
        )
    steps = bench_steps(args.rounds, args.per_round)
    os.chdir(cwd)
    print(f"\none step, median ms over {n} steps each (script mode, dvc.yaml on)\n")
    print("| | dvclive | dvclive_nb | nb / dvclive |")
    print("|---|---:|---:|---:|")
    for part, label in (("next", "`next_step()`"),
                        ("step", "`log_image` 128² + `log_metric` + `next_step()`")):
        up, nb = steps["dvclive", part], steps["dvclive_nb", part]
        print(f"| {label} | {up:.2f} | {nb:.2f} | {nb / up:.3f} |")
    imp = bench_import(args.imports)
    print(f"\nimport, median of {args.imports} fresh interpreters\n")
    print("| import dvclive | import dvclive_nb | ratio |")
    print("|---:|---:|---:|")
    print(f"| {imp['dvclive']:.0f} ms | {imp['dvclive_nb']:.0f} ms "
          f"| {imp['dvclive_nb'] / imp['dvclive']:.3f} |")


if __name__ == "__main__":
    main()
