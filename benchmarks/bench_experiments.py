"""experiments()'s cost over 50 finished experiments (target: <= 1 s warm).

    python -m benchmarks.bench_experiments [REPO]

Builds a real git + DVC repo with 50 experiments (``dvc exp run`` in one process, a
stage that writes dvclive-style ``params.yaml`` and ``metrics.json``), unless REPO
already holds them, then times ``dvclive_nb.experiments(REPO)``: the first call in this
process (cold: DVC's imports) and the median of 5 more (warm). Prints a Markdown table.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

N = 50
TRAIN = """import json, os, yaml
p = yaml.safe_load(open("params.yaml"))
os.makedirs("dvclive", exist_ok=True)
json.dump({"step": 3, "val_loss": 1 / (1 + p["lr"] * p["seed"])}, open("dvclive/metrics.json", "w"))
"""
DVC_YAML = """stages:
  train:
    cmd: {python} train.py
    deps: [train.py]
    params: [lr, seed]
    metrics: [dvclive/metrics.json: {{cache: false}}]
"""


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def build(repo: Path) -> None:
    from dvc.repo import Repo

    git("init", "-q", "-b", "main", cwd=repo)
    git("config", "user.email", "b@example.com", cwd=repo)
    git("config", "user.name", "B", cwd=repo)
    subprocess.run([sys.executable, "-m", "dvc", "init", "-q"], cwd=repo, check=True)
    (repo / "train.py").write_text(TRAIN)
    (repo / "params.yaml").write_text("lr: 0.1\nseed: 1\n")
    (repo / "dvc.yaml").write_text(DVC_YAML.format(python=sys.executable))
    git("add", "-A", cwd=repo)
    git("commit", "-qm", "train", cwd=repo)
    os.chdir(repo)  # DVC resolves params.yaml against the working directory
    dvc = Repo(str(repo))
    for i in range(N):
        dvc.experiments.run(params=[f"lr={0.01 * (i + 1):.2f}", f"seed={i % 5}"],
                            name=f"e-{i:02d}")


def main() -> None:
    repo = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / "r"
    repo.mkdir(parents=True, exist_ok=True)
    if not (repo / ".dvc").is_dir():
        t = time.perf_counter()
        build(repo)
        print(f"built {N} experiments in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    import dvclive_nb

    t = time.perf_counter()
    first = dvclive_nb.experiments(str(repo))
    cold = time.perf_counter() - t
    warm = []
    for _ in range(5):
        t = time.perf_counter()
        table = dvclive_nb.experiments(str(repo), sort="val_loss")
        warm.append(time.perf_counter() - t)
    assert len(first) >= N and len(table) == len(first), (len(first), len(table))
    print(f"| experiments() over {len(first)} experiments | time | target |")
    print("|---|---|---|")
    print(f"| first call (DVC imported) | {cold:.2f} s | |")
    print(f"| warm, median of 5 | {statistics.median(warm):.2f} s | <= 1 s |")
    print(json.dumps({"cold_s": cold, "warm_s": statistics.median(warm)}), file=sys.stderr)


if __name__ == "__main__":
    main()
