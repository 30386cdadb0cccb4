"""MetricsTail reads dvclive's metric files as they grow; MetricsFeed sends only rows
the page has not had (the browser side is tests/browser/test_strip_lab.py)."""

import os
from array import array

import dvclive

from dvclive_nb.metrics import MetricsFeed, MetricsTail


def test_tail_reads_what_dvclive_appends(tmp_dir):
    live = dvclive.Live(save_dvc_exp=False)
    tail = MetricsTail("dvclive/plots/metrics")
    assert not tail.poll()  # nothing yet, and no folder: no error
    for _ in range(3):
        live.log_metric("train/loss", 1 / (live.step + 1))
        live.log_metric("acc", live.step * 0.1, timestamp=True)
        live.next_step()
    assert tail.poll()
    assert list(tail.steps["train/loss"]) == [0, 1, 2]
    assert list(tail.values["train/loss"]) == [1.0, 0.5, 1 / 3]
    assert list(tail.values["acc"]) == [0.0, 0.1, 0.2]  # timestamp column skipped
    assert not tail.poll()  # unchanged: nothing new
    live.log_metric("acc", 0.9, timestamp=True)
    assert tail.poll() and list(tail.steps["acc"]) == [0, 1, 2, 3]


def test_unfinished_lines_wait_and_rewrites_start_over(tmp_dir):
    os.makedirs("m")
    with open("m/loss.tsv", "w") as f:
        f.write("step\tloss\n0\t1.5\n1\t1.")
    tail = MetricsTail("m")
    tail.poll()
    assert list(tail.values["loss"]) == [1.5]
    with open("m/loss.tsv", "a") as f:
        f.write("25\n2\tnan-ish\n3\t0.5\n")
    tail.poll()
    assert list(tail.steps["loss"]) == [0, 1, 3] and list(tail.values["loss"]) == [1.5, 1.25, 0.5]
    generation = tail.generation
    os.remove("m/loss.tsv")  # a new run in the same folder
    with open("m/loss.tsv", "w") as f:
        f.write("step\tloss\n0\t9\n")
    tail.poll()
    assert tail.generation == generation + 1 and list(tail.values["loss"]) == [9.0]


class _Recorder:
    """Stands in for a view's comm: records what would be sent."""

    comm = object()

    def __init__(self):
        self.sent, self.sync = [], []

    def on_sync(self, callback):
        self.sync.append(callback)

    def send(self, content, buffers):
        rows = {m["name"]: (m["start"], list(array("d", buffers[m["buf"]])),
                            list(array("d", buffers[m["buf"] + 1])))
                for m in content["metrics"]}
        self.sent.append((content["reset"], rows))


def test_feed_sends_new_rows_once_and_all_on_reconnect(tmp_dir):
    os.makedirs("m")
    with open("m/loss.tsv", "w") as f:
        f.write("step\tloss\n0\t3\n1\t2\n")
    tail, view = MetricsTail("m"), _Recorder()
    feed = MetricsFeed(tail, view)
    tail.poll()
    feed.send_new()
    with open("m/loss.tsv", "a") as f:
        f.write("2\t1\n")
    tail.poll()
    feed.send_new()
    feed.send_new()  # nothing new: nothing sent
    assert view.sent == [(False, {"loss": (0, [0, 1], [3, 2])}),
                         (False, {"loss": (2, [2], [1])})]
    view.sync[0]()  # the page reloaded
    assert view.sent[-1] == (True, {"loss": (0, [0, 1, 2], [3, 2, 1])})


def test_board_columns_rows_named_by_column(tmp_dir):
    """A board's headers: each column's rows, sent as "<column>:<metric>"; a source that
    read its file anew is sent whole again."""
    from dvclive_nb.metrics import ColumnRows, tsv_rows
    from dvclive_nb.sources.folder import FolderSource

    os.makedirs("a/plots/metrics")
    os.makedirs("a/plots/images")
    with open("a/plots/metrics/mse.tsv", "w") as f:
        f.write("timestamp\tstep\tmse\n0\t0\t0.5\n0\t1\tinf\n0\t2\tnan\n")
    source = FolderSource("a/plots/images")
    rows, view = ColumnRows(), _Recorder()
    feed = MetricsFeed(rows, view)
    rows.update(0, source.metric_rows())
    rows.update(1, {"mse": tsv_rows(b"step\tmse\n0\t9\nbad\trow\n3\t7\n")})
    feed.send_new()
    (reset, sent), = view.sent
    assert sent["1:mse"] == (0, [0, 3], [9, 7])
    start, steps, values = sent["0:mse"]
    assert (start, steps, values[:2]) == (0, [0, 1, 2], [0.5, float("inf")])
    assert values[2] != values[2]  # NaN goes through as NaN
    with open("a/plots/metrics/mse.tsv", "a") as f:
        f.write("0\t3\t0.25\n")
    rows.update(0, source.metric_rows())
    feed.send_new()
    # Only the new row, and its wall time (the file has dvclive's timestamp column).
    assert view.sent[-1] == (False, {"0:mse": (3, [3], [0.25]), "0:wall_time": (3, [3], [0])})
    before = len(view.sent)
    rows.update(1, {"mse": tsv_rows(b"step\tmse\n0\t1\n")})  # read anew: all again
    feed.send_new()
    reset, sent = next(m for m in view.sent[before:] if m[0])  # the page forgets every row...
    assert sent["1:mse"] == (0, [0], [1]) and sent["0:mse"][0] == 0  # ...and gets them all
