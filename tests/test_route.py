"""Routing frames to views, per cell, in a real IPython shell (no browser)."""

import os

import numpy as np
import pytest
from IPython.utils.capture import capture_output
from ipywidgets import Widget

from dvclive_nb import Live
from dvclive_nb._route import LiveViews
from tests.support.images import png

WIDGET = "application/vnd.jupyter.widget-view+json"

pytestmark = pytest.mark.filterwarnings("ignore:Widget.widgets is deprecated")


@pytest.fixture
def shell(ipshell):
    return ipshell


def end_cell(shell):
    shell.events.trigger("post_run_cell", None)


def img(v):
    return np.full((4, 4), v, np.uint8)


def _log(views, name, step, value=0):
    views.frame(name, step, png(value))


def test_series_of_one_cell_share_a_view(tmp_path, shell):
    views = LiveViews(str(tmp_path), shell)
    with capture_output() as cell1:
        for step in range(3):
            _log(views, f"input/{step}.png", step)
            _log(views, f"pred/{step}.png", step)
            _log(views, "latest.png", step)
    assert len(views.views) == 1
    view = views.views[0]
    assert [p["name"] for p in view.panels] == ["input", "pred", "latest.png"]
    assert [p["kind"] for p in view.panels] == ["series", "series", "single"]
    # Displayed once, under this cell: the widget, then its static fallback.
    kinds = [list(o.data) for o in cell1.outputs]
    assert kinds == [["text/plain", "application/vnd.jupyter.widget-view+json"],
                     ["text/html", "text/plain"]]
    end_cell(shell)

    with capture_output() as cell2:
        _log(views, "pred/3.png", 3)  # an old series goes on in its own view...
        _log(views, "loss/3.png", 3)  # a new series starts a view in this cell
        _log(views, "pred/4.png", 4)
    assert len(views.views) == 2 and views.views[1].panels == [{"name": "loss", "kind": "series"}]
    assert len(view._log) == 11
    # ...which is shown again in this cell, once, beside the new one.
    shown = [o.data[WIDGET]["model_id"] for o in cell2.outputs if WIDGET in o.data]
    assert shown == [view.model_id, views.views[1].model_id]
    assert len(cell2.outputs) == 4
    views.close()


def test_a_later_cell_shows_the_same_model_again(tmp_path, shell):
    views = LiveViews(str(tmp_path), shell)
    cells = []
    for cell in range(3):
        with capture_output() as out:
            for step in range(cell * 5, cell * 5 + 5):
                _log(views, f"pred/{step}.png", step, value=step)
        end_cell(shell)
        cells.append(out.outputs)
    assert len(views.views) == 1  # one model
    view = views.views[0]
    for outputs in cells:  # each cell: that model's view, then a static fallback
        assert [WIDGET in o.data for o in outputs] == [True, False]
        assert outputs[0].data[WIDGET]["model_id"] == view.model_id
        assert "dvnb-static" in outputs[1].data["text/html"]
    assert len(view._log) == 15 and view.frame["step"] == 14  # kept when a cell ended
    with capture_output() as quiet:  # a cell that logs nothing shows nothing
        pass
    end_cell(shell)
    assert not quiet.outputs
    views.close()


def test_static_refreshed_when_the_cell_ends(tmp_path, shell, monkeypatch):
    views = LiveViews(str(tmp_path), shell)
    with capture_output():
        _log(views, "pred/0.png", 0)
    updates = []
    handle = views.presenter.handles[views.views[0].uid]
    monkeypatch.setattr(handle, "update", lambda obj, **kw: updates.append(obj))
    _log(views, "pred/1.png", 1)
    _log(views, "pred/2.png", 2)
    assert not updates  # nothing per step
    end_cell(shell)
    assert len(updates) == 1 and "pred · step 2" in updates[0]["text/html"]
    end_cell(shell)
    assert len(updates) == 1  # nothing new, nothing sent
    views.close()


def test_previews_off(tmp_path, shell):
    views = LiveViews(str(tmp_path), shell, previews=False)
    with capture_output() as out:
        _log(views, "latest.png", 0)
    assert not views.views and not out.outputs
    views.close()


def test_a_new_live_leaves_earlier_views_open(tmp_path, shell):
    """Issue 21: views outlive their Live. (Until then a new Live closed them.)"""
    before = set(Widget.widgets)
    (tmp_path / "a" / "pred").mkdir(parents=True)
    (tmp_path / "a" / "pred" / "0.png").write_bytes(b"run a")
    first = LiveViews(str(tmp_path / "a"), shell)
    with capture_output():
        _log(first, "pred/0.png", 0)
    end_cell(shell)
    with capture_output():
        _log(first, "other/0.png", 0)
    assert len(set(Widget.widgets) - before) == 4  # two views, each with its Layout
    callbacks = len(shell.events.callbacks["post_run_cell"])
    second = LiveViews(str(tmp_path / "b"), shell)
    assert len(set(Widget.widgets) - before) == 4 and first.views[0].comm is not None
    with capture_output() as out:  # the older Live goes on logging, in its own views
        _log(first, "pred/1.png", 1)
    assert [len(v._log) for v in first.views] == [2, 1] and len(out.outputs) == 2
    assert first.load("pred", 0) == b"run a"
    first.finish()  # it ended: its views stay, its cell watch goes after this cell
    end_cell(shell)
    assert len(shell.events.callbacks["post_run_cell"]) == callbacks  # +1 -1
    assert first.views[0].comm is not None
    # A new run in the same folder deletes the earlier run's files: no wrong bytes.
    third = LiveViews(str(tmp_path / "a"), shell)
    assert first.load("pred", 0) is None and first.views[0].comm is not None
    for views in (first, second, third):
        views.close()
    assert set(Widget.widgets) == before


def test_at_its_end_a_live_sends_the_page_the_frames_it_lacks(tmp_path, shell):
    """Issue 21: under Run All the page's request waits for an idle kernel, and the next
    cell's new Live in the same folder deletes the files first. So the Live's end sends
    every frame whose bytes the page has not had (faster than the screen, only each
    panel's newest went), and no frame twice."""
    views = LiveViews(str(tmp_path), shell)
    with capture_output():
        for step in range(20):
            (tmp_path / "pred").mkdir(exist_ok=True)
            (tmp_path / "pred" / f"{step}.png").write_bytes(png(step))
            _log(views, f"pred/{step}.png", step, step)
    view = views.views[0]
    view.flush()
    sent = []
    view.send = lambda content, buffers=None: sent.append((content, buffers))
    before = set(view._transport.delivered)
    assert len(before) < 20  # logged faster than the screen: most went without bytes
    views.finish()
    with_bytes = {m["step"] for c, _ in sent for m in c["frames"] if m["buf"] >= 0}
    assert with_bytes == set(range(20)) - {view._log[s].step for s in before}
    sent.clear()
    views.finish()  # nothing left to send
    assert sent == []
    end_cell(shell)
    views.close()


def test_resume_lists_frames_on_disk(tmp_path, shell):
    folder = tmp_path / "pred"
    folder.mkdir()
    for step in (0, 1, 2, 3):  # step 3 is the one being logged: written first
        (folder / f"{step}.png").write_bytes(b"old")
    views = LiveViews(str(tmp_path), shell, resume=True)
    with capture_output():
        _log(views, "pred/3.png", 3)
    view = views.views[0]
    assert [entry[:2] for entry in view._log] == [("pred", 0), ("pred", 1), ("pred", 2),
                                                  ("pred", 3)]
    view.keep_newest()
    assert view.frame["seq"] == 3
    assert views.load("pred", 1) == b"old"
    views.close()


def test_view_errors_do_not_escape_log_image(tmp_dir, caplog):
    class Broken:
        def frame(self, *args):
            raise RuntimeError("comm closed")

    live = Live(save_dvc_exp=False)
    live._views = Broken()
    live.log_image("pred/0.png", img(1))
    assert os.path.exists("dvclive/plots/images/pred/0.png")
    assert "could not show pred/0.png" in caplog.text


def test_script_mode_live_has_no_views(tmp_dir):
    live = Live(save_dvc_exp=False)
    live.log_image("pred/0.png", img(1))
    assert live._views is None
    assert os.path.exists("dvclive/plots/images/pred/0.png")


def test_missing_widget_libraries_mean_no_view(tmp_dir, shell, monkeypatch, caplog):
    import logging
    import sys

    from dvclive_nb.live import _make_views

    monkeypatch.setitem(sys.modules, "anywidget", None)  # as if not installed
    monkeypatch.delitem(sys.modules, "dvclive_nb._route", raising=False)
    monkeypatch.delitem(sys.modules, "dvclive_nb.widget", raising=False)
    live = Live(save_dvc_exp=False)
    with caplog.at_level(logging.INFO, logger="dvclive_nb"):
        assert _make_views(live, shell, True, 256) is None
    assert "pip install anywidget" in caplog.text
    live.log_image("pred/0.png", img(1))  # and logging works as in dvclive


def test_show_of_the_live_folder_leaves_the_live_views_open(tmp_path, shell):
    """show() of the folder a Live writes to is another view of it: the Live's views stay
    (they once shared a registry key, and show() closed them: its cell came back with
    no slider of the run). A new Live in that folder still supersedes the earlier one."""
    import dvclive_nb

    images = tmp_path / "dvclive" / "plots" / "images"
    (images / "pred").mkdir(parents=True)
    (images / "pred" / "0.png").write_bytes(png(0))
    live = LiveViews(str(images), shell)
    with capture_output():
        _log(live, "pred/0.png", 0)
    end_cell(shell)
    (view,) = live.views
    shown = [dvclive_nb.show(str(tmp_path / "dvclive"), display=False) for _ in range(2)]
    assert view.comm is not None and not live.presenter.closed
    assert shown[0].comm is None and shown[1].comm is not None  # show() still replaces
    with capture_output():  # the Live goes on logging into its own view
        _log(live, "pred/1.png", 1)
    assert len(view._log) == 2 and not live.presenter.superseded
    again = LiveViews(str(images), shell)  # a new run in the same folder
    assert live.presenter.superseded and view.comm is not None
    assert shown[1].comm is not None
    for views in (live, again):
        views.close()
    shown[1].close()
