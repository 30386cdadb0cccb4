"""log_bounding_boxes cost in script mode, beside a plain json.dump of the same boxes.

    python -m benchmarks.bench_boxes [--calls N] [--boxes K]

Prints a Markdown table of median milliseconds per call for K boxes (default 100):
the baseline writes the same dict with json.dump(indent=4) to a file (no checks, no
conversion, no atomic rename); dvclive_nb.Live.log_bounding_boxes checks, converts,
and writes atomically. Issue 16's target: <= 1 ms for 100 boxes.
"""

import argparse
import json
import logging
import os
import statistics
import tempfile
import time

import numpy as np

import dvclive_nb


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=400)
    parser.add_argument("--boxes", type=int, default=100)
    args = parser.parse_args()
    logging.getLogger("dvclive").setLevel(logging.ERROR)
    rng = np.random.default_rng(0)
    n = args.boxes
    tl = rng.uniform(0, 400, (n, 2))
    tlbr = np.hstack([tl, tl + rng.uniform(1, 200, (n, 2))])
    labels = [("cat", "dog", "person", "car")[i] for i in rng.integers(0, 4, n)]
    scores = rng.uniform(0, 1, n)
    inputs = {
        "tlbr": tlbr,
        "cxcywh": np.stack([(tlbr[:, 1] + tlbr[:, 3]) / 2, (tlbr[:, 0] + tlbr[:, 2]) / 2,
                            tlbr[:, 3] - tlbr[:, 1], tlbr[:, 2] - tlbr[:, 0]], 1),
    }
    plain = {"annotations": {}}
    for (t, left, b, r), label, s in zip(tlbr.round().astype(int).tolist(), labels,
                                         scores.tolist()):
        plain["annotations"].setdefault(label, []).append(
            {"box": {"top": t, "left": left, "bottom": b, "right": r}, "score": s})
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as root:
        os.chdir(root)  # dvclive would `dvc init` an enclosing git repo
        live = dvclive_nb.Live(save_dvc_exp=False, dvcyaml=False)
        times = {k: [] for k in ("json.dump", *inputs)}
        for i in range(args.calls):
            for kind in times:  # interleaved, so drift on the machine hits all alike
                t0 = time.perf_counter()
                if kind == "json.dump":
                    with open(os.path.join(root, f"plain{i}.json"), "w") as f:
                        json.dump(plain, f, indent=4)
                        f.write("\n")
                else:
                    live.log_bounding_boxes(f"{kind}/{i}.png", inputs[kind], labels, scores,
                                            format=kind)
                times[kind].append(time.perf_counter() - t0)
        live.end()
        os.chdir(cwd)
    med = {k: statistics.median(v) * 1e3 for k, v in times.items()}
    print(f"{n} boxes, median ms per call over {args.calls} calls (script mode)\n")
    print("| | ms | / json.dump |")
    print("|---|---:|---:|")
    for kind, ms in med.items():
        label = kind if kind == "json.dump" else f"log_bounding_boxes ({kind}, ndarray)"
        print(f"| {label} | {ms:.3f} | {ms / med['json.dump']:.2f} |")


if __name__ == "__main__":
    main()
