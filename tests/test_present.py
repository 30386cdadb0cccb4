"""The presenter (dvclive_nb/_present.py) in IPython's real test shell: display and
fallback, the one registry, refresh at a cell's end, the Export handler, the metrics."""

import dvclive
import numpy as np
from IPython.utils.capture import capture_output

from dvclive_nb._present import SHOWN, Presenter
from dvclive_nb.widget import ImageView

WIDGET = "application/vnd.jupyter.widget-view+json"


def png(value):
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(np.full((4, 4), value, np.uint8)).save(buf, format="PNG")
    return buf.getvalue()


def test_show_refresh_and_logged(ipshell, monkeypatch):
    presenter = Presenter(ipshell, keep_newest=True)
    view = ImageView()
    presenter.adopt(view)
    assert "export" in view._page.handlers  # registered by whoever builds the view
    view.add_frame("pred", 0, png(0), "image/png")
    with capture_output() as out:
        presenter.logged(view)
        presenter.logged(view)  # once per cell
    assert [WIDGET in o.data for o in out.outputs] == [True, False]
    updates = []
    monkeypatch.setattr(presenter.handles[view.uid], "update",
                        lambda obj, **kw: updates.append(obj))
    view.add_frame("pred", 1, png(1), "image/png")
    presenter.changed(view)
    ipshell.events.trigger("post_run_cell", None)
    assert len(updates) == 1 and "pred · step 1" in updates[0]["text/html"]
    with capture_output() as out:  # a later cell that logs shows it again
        presenter.logged(view)
    assert len(out.outputs) == 2
    presenter.close()
    assert view.comm is None


def test_one_registry_replaces_or_supersedes(tmp_path):
    first = Presenter(key="a")
    view = ImageView()
    first.adopt(view, owns=True)
    second = Presenter(key="a")  # show() of the same source again
    assert view.comm is None and first.closed and SHOWN["a"] is second
    third = Presenter(key="a", replaces=False)  # a new Live in the same folder
    assert not second.closed and second.superseded and SHOWN["a"] is third
    for presenter in (second, third):
        presenter.close()


def test_metrics_rows_reach_the_views(tmp_dir):
    live = dvclive.Live("run", save_dvc_exp=False)
    presenter = Presenter(metrics_dir="run/plots/metrics")
    view = ImageView()
    presenter.adopt(view)
    sent = []
    view.send = lambda content, buffers=None: sent.append(content)
    live.log_metric("loss", 0.5)
    live.next_step()
    assert presenter.metrics() is True
    assert [m["name"] for m in sent[-1]["metrics"]] == ["loss"]
    assert presenter.metrics() is False  # nothing new
    presenter.close()


def test_retire_unregisters_the_cell_watch_without_skipping_other_callbacks(ipshell):
    """retire() closes the cell watch from inside post_run_cell: IPython iterates over a
    copy of the callbacks, so the one registered after it still runs in that cell."""
    presenter = Presenter(ipshell)
    later = []
    callback = lambda *_: later.append(1)  # noqa: E731
    ipshell.events.register("post_run_cell", callback)
    before = len(ipshell.events.callbacks["post_run_cell"])
    presenter.retire()
    ipshell.events.trigger("post_run_cell", None)
    assert later == [1] and presenter._cells is None
    assert len(ipshell.events.callbacks["post_run_cell"]) == before - 1
    ipshell.events.unregister("post_run_cell", callback)
    presenter.close()


def test_a_scrub_refreshes_the_fallback_once_it_stops(ipshell, monkeypatch):
    """The page writes its step every 250 ms while scrubbing: the fallback follows the
    step it stops at, in one update, not one per write."""
    import time

    monkeypatch.setattr("dvclive_nb._present.QUIET", 0.3)
    presenter = Presenter(ipshell)
    view = ImageView(load=lambda name, step: png(step))  # earlier frames read back
    presenter.adopt(view)
    for step in range(3):
        view.add_frame("pred", step, png(step), "image/png")
    with capture_output():
        presenter.show(view)
    updates = []
    monkeypatch.setattr(presenter.handles[view.uid], "update",
                        lambda obj, **kw: updates.append(obj["text/html"]))
    view.view_state = {"following": False}
    for step in (0, 1, 2, 1):  # a scrub: faster than the quiet period
        view.step = step
    assert updates == []
    deadline = time.time() + 5
    while not updates and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # no second update comes
    assert len(updates) == 1 and "pred · step 1" in updates[0]
    view.step = 0
    presenter.close()  # a pending refresh dies with its presenter
    time.sleep(0.5)
    assert len(updates) == 1
