"""Caller-visible cost of log_image with async_images=True, against the alternatives.

    python -m benchmarks.bench_async [--rounds N] [--per-round K]

1. Cost per call, in one run, interleaved round by round (the order rotates): raw
   Pillow `Image.fromarray(a).save(path)`, upstream `dvclive.Live.log_image`,
   `dvclive_nb.Live.log_image` synchronous and with `async_images=True`, and MLflow's
   `mlflow.log_image(a, key=..., step=...)` (its default, synchronous=False), on a
   local file store. The asynchronous writers are drained, untimed, after each call,
   as training work between two logs would let them: the figure is what the caller
   waits for while the queue has room, and no writer's background work lands in
   another's timing.
2. Throughput: images written per second, back to back, the final wait included
   (`wait_for_images()`; MLflow: `flush_artifact_async_logging()` + `end_run()`).
3. Peak queued bytes against the cap, with a small cap under that load.
4. The files: async and sync write the same bytes.

MLflow is optional (`pip install -e .[bench]`); without it, its column says so.
"""

import argparse
import hashlib
import logging
import os
import statistics
import tempfile
import time

import dvclive
import numpy as np
from PIL import Image

import dvclive_nb

CASES = {
    "256x256 RGB": (256, 256, 3),
    "1024x1024 RGB": (1024, 1024, 3),
}
TARGET_MS = {"256x256 RGB": 1.5, "1024x1024 RGB": 6.0}
NAMES = ("Pillow", "dvclive", "nb sync", "nb async", "MLflow")


def _mlflow(root):
    """A started MLflow run on a local file store, or None when MLflow is missing."""
    try:
        import mlflow
    except ImportError:
        return None
    # MLflow 3 keeps the file store only on request; it needs no server or database.
    os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")
    logging.getLogger("mlflow").setLevel(logging.ERROR)
    mlflow.set_tracking_uri("file:" + os.path.join(root, "mlruns"))
    mlflow.start_run()
    return mlflow


def _writers(root, mlflow):
    os.makedirs(os.path.join(root, "raw"), exist_ok=True)
    up = dvclive.Live(os.path.join(root, "up"), save_dvc_exp=False, dvcyaml=False)
    sync = dvclive_nb.Live(os.path.join(root, "sync"), save_dvc_exp=False, dvcyaml=False)
    asyn = dvclive_nb.Live(os.path.join(root, "async"), save_dvc_exp=False, dvcyaml=False,
                           async_images=True)
    writers = {
        "Pillow": (lambda i, a: Image.fromarray(a).save(os.path.join(root, "raw", f"{i}.png")),
                   None),
        "dvclive": (lambda i, a: up.log_image(f"b/{i}.png", a), None),
        "nb sync": (lambda i, a: sync.log_image(f"b/{i}.png", a), None),
        "nb async": (lambda i, a: asyn.log_image(f"b/{i}.png", a), asyn.wait_for_images),
    }
    if mlflow is not None:
        writers["MLflow"] = (lambda i, a: mlflow.log_image(a, key="b", step=i),
                             mlflow.flush_artifact_async_logging)
    return writers, (up, sync, asyn)


def bench_calls(rounds, per_round, mlflow_ok):
    rng = np.random.default_rng(0)
    rows = {}
    for case, shape in CASES.items():
        frames = [rng.integers(0, 256, shape, dtype=np.uint8) for _ in range(4)]
        with tempfile.TemporaryDirectory() as root:
            os.chdir(root)  # dvclive would `dvc init` an enclosing git repo
            mlflow = _mlflow(root) if mlflow_ok else None
            writers, lives = _writers(root, mlflow)
            times = {name: [] for name in writers}
            i = 0
            for r in range(rounds):
                order = list(writers.items())
                k = r % len(order)
                for name, (write, drain) in order[k:] + order[:k]:
                    for _ in range(per_round):
                        a = frames[i % len(frames)]
                        t = time.perf_counter()
                        write(i, a)
                        times[name].append(time.perf_counter() - t)
                        if drain is not None:
                            drain()
                        i += 1
            for live in lives:
                live.end()
            if mlflow is not None:
                mlflow.end_run()
        rows[case] = {k: statistics.median(v) * 1e3 for k, v in times.items()}
    return rows


def _throughput_once(kind, frames, n, root, cap_mb=256):
    """Seconds to log ``n`` images back to back and have them all on disk."""
    folder = os.path.join(root, f"{kind}-{time.perf_counter_ns()}")
    writer = None
    if kind == "MLflow":
        import mlflow

        mlflow.set_tracking_uri("file:" + os.path.join(folder, "mlruns"))
        mlflow.start_run()
        t = time.perf_counter()
        for i in range(n):
            mlflow.log_image(frames[i % len(frames)], key="b", step=i)
        mlflow.flush_artifact_async_logging()
        mlflow.end_run()
        return time.perf_counter() - t, None
    live = dvclive_nb.Live(folder, save_dvc_exp=False, dvcyaml=False,
                           async_images=kind == "async", async_queue_mb=cap_mb)
    t = time.perf_counter()
    for i in range(n):
        live.log_image(f"b/{i}.png", frames[i % len(frames)])
    live.wait_for_images()
    elapsed = time.perf_counter() - t
    writer = live._image_writer
    peak = writer.peak_bytes if writer is not None else None
    live.end()
    return elapsed, peak


def bench_throughput(repeats, mlflow_ok):
    rng = np.random.default_rng(1)
    rows = {}
    kinds = ["sync", "async"] + (["MLflow"] if mlflow_ok else [])
    counts = {"256x256 RGB": 120, "1024x1024 RGB": 24}
    for case, shape in CASES.items():
        frames = [rng.integers(0, 256, shape, dtype=np.uint8) for _ in range(4)]
        n = counts[case]
        secs = {k: [] for k in kinds}
        with tempfile.TemporaryDirectory() as root:
            os.chdir(root)
            for r in range(repeats):
                for kind in kinds[r % len(kinds):] + kinds[: r % len(kinds)]:
                    secs[kind].append(_throughput_once(kind, frames, n, root)[0])
        rows[case] = {k: n / statistics.median(v) for k, v in secs.items()}
    return rows


def bench_cap():
    """Peak queued bytes, 1024x1024 RGB back to back, against a small and the default cap."""
    rng = np.random.default_rng(2)
    frames = [rng.integers(0, 256, (1024, 1024, 3), dtype=np.uint8) for _ in range(4)]
    out = []
    with tempfile.TemporaryDirectory() as root:
        os.chdir(root)
        for cap_mb, n in ((16, 40), (256, 40)):
            _, peak = _throughput_once("async", frames, n, root, cap_mb=cap_mb)
            out.append((cap_mb, n, peak))
    return out


def check_bytes():
    """Sync and async write the same files, for arrays, PIL images and formats."""
    rng = np.random.default_rng(3)
    values = {
        "a.png": rng.integers(0, 256, (256, 256, 3), dtype=np.uint8),
        "b.jpg": rng.integers(0, 256, (1024, 1024, 3), dtype=np.uint8),
        "c.gif": rng.integers(0, 256, (64, 64), dtype=np.uint8),
        "d.png": Image.fromarray(rng.integers(0, 256, (128, 128, 4), dtype=np.uint8)),
    }
    digests = []
    with tempfile.TemporaryDirectory() as root:
        os.chdir(root)
        for kind in ("sync", "async"):
            live = dvclive_nb.Live(kind, save_dvc_exp=False, async_images=kind == "async")
            for name, val in values.items():
                live.log_image(name, val)
            live.end()
            digests.append({
                name: hashlib.sha256(open(os.path.join(kind, "plots", "images", name),
                                          "rb").read()).hexdigest()
                for name in values})
    return digests[0] == digests[1], len(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--per-round", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    logging.getLogger("dvclive").setLevel(logging.ERROR)
    cwd = os.getcwd()
    try:
        import mlflow  # noqa: F401

        mlflow_ok = True
    except ImportError:
        mlflow_ok = False

    rows = bench_calls(args.rounds, args.per_round, mlflow_ok)
    os.chdir(cwd)
    n = args.rounds * args.per_round
    print(f"log_image, caller-visible median ms per call, {n} calls each, interleaved\n")
    print("| image | Pillow | dvclive | nb sync | nb async | MLflow | async / sync "
          "| async / MLflow | target |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for case, t in rows.items():
        ml = f"{t['MLflow']:.2f}" if "MLflow" in t else "MLflow not installed"
        vs_ml = f"{t['nb async'] / t['MLflow']:.2f}" if "MLflow" in t else "—"
        met = "met" if t["nb async"] <= TARGET_MS[case] else "NOT met"
        print(f"| {case} | {t['Pillow']:.2f} | {t['dvclive']:.2f} | {t['nb sync']:.2f} "
              f"| {t['nb async']:.2f} | {ml} | {t['nb async'] / t['nb sync']:.3f} | {vs_ml} "
              f"| ≤ {TARGET_MS[case]} ms: {met} |")

    tp = bench_throughput(args.repeats, mlflow_ok)
    os.chdir(cwd)
    print(f"\nthroughput, images on disk per second (final wait included), "
          f"median of {args.repeats} interleaved runs\n")
    print("| image | nb sync | nb async | MLflow | async / sync |")
    print("|---|---:|---:|---:|---:|")
    for case, t in tp.items():
        ml = f"{t['MLflow']:.1f}" if "MLflow" in t else "MLflow not installed"
        print(f"| {case} | {t['sync']:.1f} | {t['async']:.1f} | {ml} "
              f"| {t['async'] / t['sync']:.2f} |")

    print("\npeak queued bytes, 1024x1024 RGB (3 MB each) back to back\n")
    print("| cap | images | peak queued | within cap |")
    print("|---:|---:|---:|:--:|")
    for cap_mb, count, peak in bench_cap():
        print(f"| {cap_mb} MB | {count} | {peak / 2**20:.1f} MB "
              f"| {'yes' if peak <= cap_mb << 20 else 'NO'} |")
    os.chdir(cwd)
    same, count = check_bytes()
    os.chdir(cwd)
    print(f"\nasync files byte-identical to sync ({count} files, png/jpg/gif, array and PIL): "
          f"{'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
