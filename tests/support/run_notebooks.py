"""Execute notebooks with nbclient and report on them as JSON (one line per notebook).

Run by tests/test_binder.py with the *simulated Binder environment's* Python, so the
kernel is that environment's. Usage: python run_notebooks.py FOLDER NOTEBOOK...
"""

import json
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

WIDGET = "application/vnd.jupyter.widget-view+json"


def main(folder, names):
    for name in names:
        nb = nbformat.read(Path(folder) / name, as_version=4)
        start = time.perf_counter()
        error = None
        try:
            NotebookClient(nb, timeout=300, kernel_name="python3",
                           resources={"metadata": {"path": folder}}).execute()
        except CellExecutionError as exc:
            error = str(exc)[-2000:]
        seconds = time.perf_counter() - start
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        views = sum(1 for o in outputs if WIDGET in o.get("data", {}))
        statics = sum(1 for o in outputs if "dvnb-static" in o.get("data", {}).get("text/html", ""))
        print(json.dumps({"notebook": name, "seconds": round(seconds, 1), "error": error,
                          "views": views, "statics": statics}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
