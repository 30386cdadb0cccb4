import subprocess
import sys

HEAVY = ("ipywidgets", "IPython", "matplotlib", "PIL", "anywidget")


def _modules_after(code):
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    return {m.split(".")[0] for m in out}


def test_import_is_light():
    loaded = _modules_after("import dvclive_nb")
    assert "dvclive" in loaded  # sanity: the probe sees real imports
    assert not loaded & set(HEAVY)


def test_script_mode_live_stays_light(tmp_path):
    loaded = _modules_after(
        f"import os; os.chdir({str(tmp_path)!r})\n"
        "import numpy as np\n"
        "from dvclive_nb import Live\n"
        "live = Live(save_dvc_exp=False)\n"
        "live.log_metric('m', 1.0)\n"
        "live.next_step()\n"
        "live.end()"
    )
    assert not loaded & {"ipywidgets", "IPython", "anywidget"}
