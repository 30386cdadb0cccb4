"""%dvclive_image / %%dvclive_image in a real IPython shell."""

import os

import matplotlib
import numpy as np
import pytest
from IPython.core.error import UsageError
from PIL import Image

import dvclive_nb

IMAGES = os.path.join("dvclive", "plots", "images")


@pytest.fixture
def ip(tmp_dir, ipshell):
    matplotlib.use("Agg")
    from dvclive_nb import _current

    shell = ipshell
    _current._recent_lives.clear()  # each test starts with no Live in this process
    shell.extension_manager.load_extension("dvclive_nb")
    shell.user_ns["np"] = np
    # Every test's cells use Live: imported here, not by whichever test happens to run first.
    shell.run_cell("from dvclive_nb import Live; import matplotlib.pyplot as plt; "
                   "plt.close('all')")
    yield shell
    shell.run_cell("plt.close('all')")
    for name in ("live", "other", "step", "fig2", "notfig"):
        shell.user_ns.pop(name, None)


def _files():
    if not os.path.isdir(IMAGES):
        return []
    return sorted(os.path.relpath(os.path.join(d, f), IMAGES)
                  for d, _, fs in os.walk(IMAGES) for f in fs)


def _magic_error(ip, line, cell=None):
    with pytest.raises(UsageError) as info:
        if cell is None:
            ip.run_line_magic("dvclive_image", line)
        else:
            ip.run_cell_magic("dvclive_image", line, cell)
    return str(info.value)


def test_load_and_unload(ip):
    magics = ip.magics_manager.magics
    assert "dvclive_image" in magics["line"] and "dvclive_image" in magics["cell"]
    ip.run_line_magic("unload_ext", "dvclive_nb")
    assert "dvclive_image" not in magics["line"] and "dvclive_image" not in magics["cell"]
    ip.run_line_magic("load_ext", "dvclive_nb")
    assert "dvclive_image" in magics["line"]


def test_live_makes_the_magic_available(ip):
    ip.run_line_magic("unload_ext", "dvclive_nb")
    assert "dvclive_image" not in ip.magics_manager.magics["line"]
    ip.run_cell("from dvclive_nb import Live; live = Live(save_dvc_exp=False)")
    assert "dvclive_image" in ip.magics_manager.magics["line"]
    assert "dvclive_nb" in ip.extension_manager.loaded


def test_logs_current_figure_with_same_pixels_as_savefig(ip, tmp_dir):
    ip.run_cell("live = Live(save_dvc_exp=False)\n"
                "fig, ax = plt.subplots(figsize=(2, 2), dpi=50)\n"
                "ax.imshow(np.arange(16).reshape(4, 4))\n"
                "fig.savefig('expected.png')")
    ip.run_line_magic("dvclive_image", "weights.png")
    assert _files() == ["weights.png"]
    got = np.asarray(Image.open(os.path.join(IMAGES, "weights.png")))
    assert np.array_equal(got, np.asarray(Image.open("expected.png")))


def test_step_series_and_user_step_variable(ip):
    ip.run_cell("live = Live(save_dvc_exp=False); step = 'not-this'")
    for _ in range(3):
        ip.run_cell("plt.figure(); plt.plot([1, 2, live.step])")
        ip.run_line_magic("dvclive_image", "curves/{step}.png")
        ip.run_cell("live.next_step()")
    assert _files() == ["curves/0.png", "curves/1.png", "curves/2.png"]


def test_step_is_not_expanded_from_the_namespace_in_run_cell(ip):
    ip.run_cell("live = Live(save_dvc_exp=False); step = 99; live.step = 4")
    result = ip.run_cell("plt.plot([1, 2])\n%dvclive_image c/{step}.png")
    assert result.success
    assert _files() == ["c/4.png"]


def test_live_and_fig_options(ip, tmp_dir):
    ip.run_cell("other = Live('other', save_dvc_exp=False)\n"
                "live = Live(save_dvc_exp=False)\n"
                "fig2 = plt.figure(); fig2.add_subplot().plot([3, 1])\n"
                "plt.figure(); plt.plot([1, 2])")
    ip.run_line_magic("dvclive_image", "x.png --live other --fig fig2")
    assert os.path.exists("other/plots/images/x.png")
    assert _files() == []
    assert not matplotlib.pyplot.fignum_exists(ip.user_ns["fig2"].number)  # logged: closed
    assert len(matplotlib.pyplot.get_fignums()) == 1  # the current one was untouched


def test_cell_form_runs_then_logs(ip):
    ip.run_cell("live = Live(save_dvc_exp=False)")
    ip.run_cell_magic("dvclive_image", "cell/{step}.png",
                      "fig, ax = plt.subplots()\nax.plot([0, 1, 0])\nvalue = 7")
    assert ip.user_ns["value"] == 7
    assert _files() == ["cell/0.png"]


def test_help_has_usage_and_examples(ip):
    doc = ip.magics_manager.magics["line"]["dvclive_image"].__doc__
    assert "%dvclive_image [--live VAR] [--fig VAR] name" in doc
    assert "Examples" in doc and "--fig" in doc


@pytest.mark.parametrize("setup, line, expect", [
    ("", "x.png", "No active dvclive_nb.Live"),
    ("live = Live(save_dvc_exp=False); live.end()", "x.png", "has ended"),
    ("", "x.png --live nothere", "no variable named 'nothere'"),
    ("notfig = 3", "x.png --live notfig", "not a dvclive_nb.Live"),
    ("live = Live(save_dvc_exp=False); notfig = 3", "x.png --fig notfig",
     "not a matplotlib Figure"),
    ("live = Live(save_dvc_exp=False)", "x.png --fig nothere", "no variable named"),
    ("live = Live(save_dvc_exp=False)", "../x.png", "would leave the images folder"),
    ("live = Live(save_dvc_exp=False)", "x.bmp", "suffix"),
    ("live = Live(save_dvc_exp=False); plt.close('all')", "x.png", "No matplotlib figure"),
    ("live = Live(save_dvc_exp=False); plt.figure()", "x.png", "blank"),
])
def test_errors_write_nothing(ip, tmp_dir, setup, line, expect):
    ip.run_cell(setup)
    if "plt.figure()" not in setup and "close" not in setup:
        ip.run_cell("plt.figure(); plt.plot([1, 2])")
    assert expect in _magic_error(ip, line)
    assert _files() == []
    assert not (tmp_dir / "x.png").exists() and not (tmp_dir.parent / "x.png").exists()


def test_already_logged(ip):
    ip.run_cell("live = Live(save_dvc_exp=False); plt.plot([1, 2])")
    ip.run_line_magic("dvclive_image", "x.png")
    before = open(os.path.join(IMAGES, "x.png"), "rb").read()
    ip.run_cell("plt.plot([5, 1])")
    msg = _magic_error(ip, "x.png")
    assert "already been logged with step '0'" in msg
    assert "live.next_step()" in msg and "{step}" in msg
    assert open(os.path.join(IMAGES, "x.png"), "rb").read() == before


def test_magics_stay_out_of_import():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", "import dvclive_nb, sys; "
                          "print('IPython' in sys.modules)"], capture_output=True, text=True)
    assert out.stdout.strip() == "False"
    assert callable(dvclive_nb.load_ipython_extension)
