"""to_html(): runs logged with dvclive_nb.Live (or written file by file where a name is
too hostile for log_image) shared as one HTML file; the page's embedded frames, metrics
and model read back and compared with what is on disk."""

import base64
import io
import json
import os
import re
from array import array

import numpy as np
import pytest
from PIL import Image

import dvclive_nb
from dvclive_nb import Live
from dvclive_nb._share import MB, answer_save_html
from dvclive_nb.error import DvcLiveError, ShareBudgetError, ShareError, UnknownSeriesError

SERIES = ("a", "b", "c")


def marker(step, k, column=0, size=16):
    """Left half: which series and column; right half: which step (red = 10 * step)."""
    arr = np.zeros((size, size, 3), np.uint8)
    arr[:, : size // 2] = (0, 60 * k + 10, 100 * column)
    arr[:, size // 2:] = (10 * step, 60 * k + 10, 100 * column)
    return arr


def log_run(folder="dvclive", steps=12, series=SERIES, column=0, size=16, params=None):
    with Live(folder, save_dvc_exp=False) as live:
        if params:
            live.log_params(params)
        for step in range(steps):
            for k, name in enumerate(series):
                live.log_image(f"{name}/{step}.png", marker(step, k, column, size))
            live.log_metric("loss", 1.0 / (step + 1))
            live.next_step()
    return folder


def read_page(path):
    """(html, state, {(panel, step): bytes}) of a shared file."""
    text = open(path, encoding="utf-8").read()
    state = json.loads(re.search(
        r'<script type="application/json" id="dvnb-state">(.*?)</script>', text, re.S).group(1))
    blob = re.search(r'<script type="application/octet-stream" id="dvnb-frames">(.*?)</script>',
                     text, re.S).group(1)
    frames = {(f["name"], f["step"]): base64.b64decode(blob[f["at"]: f["at"] + f["len"]])
              for f in state["frames"]}
    return text, state, frames


def steps_of(state, panel=None):
    return sorted({f["step"] for f in state["frames"] if panel is None or f["name"] == panel})


def test_a_run_is_one_file_with_every_frame_and_metric(tmp_dir):
    log_run()
    shared = dvclive_nb.to_html("dvclive", "run.html")
    assert (shared.series, shared.runs, shared.steps_kept, shared.steps_total) == (
        SERIES, (), 12, 12)
    assert shared.bytes == os.path.getsize("run.html") and not shared.thinned
    assert repr(shared).startswith("<dvclive-nb shared file run.html: 3 series · 12 of 12 steps")
    text, state, frames = read_page("run.html")
    assert len(frames) == 36
    for (name, step), data in frames.items():
        assert data == open(f"dvclive/plots/images/{name}/{step}.png", "rb").read()
    assert [p["name"] for p in state["model"]["panels"]] == list(SERIES)
    (metric,) = state["metrics"]
    assert metric["name"] == "loss"
    steps = array("d", base64.b64decode(metric["steps"]))
    values = array("d", base64.b64decode(metric["values"]))
    assert list(steps) == list(range(12)) and values[3] == pytest.approx(0.25)
    # No request: a CSP that allows none, and no URL to fetch anything from.
    assert "default-src 'none'" in text and "connect-src data: blob:;" in text
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)|@import|url\(\s*["']?https?:""",
                         text, re.I)


def test_series_keeps_those_and_names_what_the_run_holds(tmp_dir):
    log_run()
    shared = dvclive_nb.to_html("dvclive", "ab.html", series=["a", "c"])
    _, state, frames = read_page("ab.html")
    assert shared.series == ("a", "c") and {n for n, _ in frames} == {"a", "c"}
    with pytest.raises(UnknownSeriesError, match="Its series: a, b, c"):
        dvclive_nb.to_html("dvclive", "nope.html", series="nope")
    assert not os.path.exists("nope.html")


@pytest.mark.parametrize(("steps", "kept"), [
    (3, [0, 3, 6, 9]),
    (range(2, 8, 2), [2, 4, 6]),
    (slice(5, None), [5, 6, 7, 8, 9, 10, 11]),
    (slice(None, 6, 2), [0, 2, 4]),
    (1, list(range(12))),
])
def test_steps_every_kth_a_range_or_a_slice(tmp_dir, steps, kept):
    log_run()
    shared = dvclive_nb.to_html("dvclive", "s.html", steps=steps)
    _, state, _ = read_page("s.html")
    assert steps_of(state) == kept
    assert all(steps_of(state, name) == kept for name in SERIES)
    assert (shared.steps_kept, shared.steps_total) == (len(kept), 12)


def test_max_side_re_encodes_larger_frames_only(tmp_dir):
    log_run(size=64, steps=3)
    shared = dvclive_nb.to_html("dvclive", "small.html", max_side=16)
    _, _, frames = read_page("small.html")
    for (name, step), data in frames.items():
        image = Image.open(io.BytesIO(data))
        assert image.format == "PNG" and image.size == (16, 16)
        k = SERIES.index(name)
        assert image.convert("RGB").getpixel((12, 8)) == (10 * step, 60 * k + 10, 0)
    assert shared.max_side == 16 and "at most 16 px" in shared.note
    dvclive_nb.to_html("dvclive", "same.html", max_side=64)  # not larger: bytes untouched
    _, _, same = read_page("same.html")
    assert same[("a", 2)] == open("dvclive/plots/images/a/2.png", "rb").read()


def noisy_run(steps=40):
    """Frames that do not compress (about 12 KB each), so that a budget bites."""
    rng = np.random.default_rng(0)
    with Live(save_dvc_exp=False) as live:
        for step in range(steps):
            for name in ("x", "y"):
                live.log_image(f"{name}/{step}.png", rng.integers(0, 255, (64, 64, 3), np.uint8))
            live.next_step()


def test_max_mb_thins_steps_evenly_and_the_page_says_so(tmp_dir):
    noisy_run()
    full = dvclive_nb.to_html("dvclive", "full.html")
    budget = (full.bytes * 0.5) / MB
    shared = dvclive_nb.to_html("dvclive", "half.html", max_mb=budget)
    assert shared.thinned and shared.bytes <= budget * MB
    text, state, _ = read_page("half.html")
    kept = steps_of(state)
    assert kept[0] == 0 and kept[-1] == 39 and 14 <= len(kept) < 20
    gaps = {b - a for a, b in zip(kept, kept[1:])}
    assert max(gaps) - min(gaps) <= 1  # evenly
    said = f"thinned evenly to fit max_mb={budget:g}: {len(kept)} of 40 kept"
    assert said in state["model"]["status"].lower().replace("steps thinned", "thinned")
    assert f"{len(kept)} of 40 steps · thinned evenly to fit max_mb={budget:g}" in text
    assert f"{len(kept)} of 40 steps" in repr(shared)
    roomy = dvclive_nb.to_html("dvclive", "roomy.html", max_mb=full.bytes * 2 / MB)
    assert not roomy.thinned and roomy.steps_kept == 40
    with pytest.raises(ShareBudgetError, match="max_mb=0.01 is too small"):
        dvclive_nb.to_html("dvclive", "tiny.html", max_mb=0.01)
    assert not os.path.exists("tiny.html")


def test_a_list_of_runs_is_the_board_with_params_that_differ(tmp_dir):
    log_run("runs/a", steps=4, params={"lr": 0.1, "seed": 1})
    log_run("runs/b", steps=6, column=1, params={"lr": 1.0, "seed": 1})
    shared = dvclive_nb.to_html(["runs/a", "runs/b"], "board.html", series="b")
    _, state, frames = read_page("board.html")
    model = state["model"]
    assert model["board"] is True and shared.runs == ("runs/a", "runs/b")
    assert [c["params"] for c in model["columns"]] == [{"lr": "0.1"}, {"lr": "1"}]
    assert [p["name"] for p in model["panels"]] == ["0:b", "1:b"]
    assert set(frames) == {("0:b", s) for s in range(4)} | {("1:b", s) for s in range(6)}
    assert shared.steps_total == 6 and "2 runs · 1 series" in shared.note


HOSTILE = ("<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>")


def hostile_run(folder):
    """A run folder, series, metric and params named to run script if pasted as HTML."""
    images = os.path.join(folder, "plots", "images")
    for k, name in enumerate(HOSTILE):
        os.makedirs(os.path.join(images, name), exist_ok=True)
        for step in range(3):
            Image.fromarray(marker(step, k)).save(os.path.join(images, name, f"{step}.png"))
    metrics = os.path.join(folder, "plots", "metrics")
    os.makedirs(metrics, exist_ok=True)
    with open(os.path.join(metrics, "<b onmouseover=alert(1)>x.tsv"), "w") as f:
        f.write("timestamp\tstep\t<b onmouseover=alert(1)>x\n1\t0\t0.5\n2\t1\t0.25\n")
    with open(os.path.join(folder, "params.yaml"), "w") as f:
        f.write('"<svg onload=alert(1)>": "</script><!--"\n')


def test_hostile_names_are_text_not_markup(tmp_dir):
    for folder in (HOSTILE[0], "plain"):
        hostile_run(folder)
    with open("plain/params.yaml", "w") as f:
        f.write('"<svg onload=alert(1)>": 1\n')  # a param that differs: the board heads it
    for source, path in ((HOSTILE[0], "one.html"), ([HOSTILE[0], "plain"], "board.html")):
        dvclive_nb.to_html(source, path)
        text, state, frames = read_page(path)
        for raw in (*HOSTILE, "<b onmouseover", "<svg onload", "<!--"):
            assert raw not in text  # neither as markup nor able to end a <script>
        assert "&lt;img src=x onerror=alert(1)&gt;" in text  # the title, escaped
        assert {name.partition(":")[2] if ":" in name else name for name, _ in frames} >= set(
            HOSTILE)  # and the names come back literally
    _, state, _ = read_page("one.html")
    assert state["metrics"][0]["name"] == "<b onmouseover=alert(1)>x"
    _, state, _ = read_page("board.html")
    assert state["model"]["columns"][0]["params"] == {"<svg onload=alert(1)>": "</script><!--"}


@pytest.mark.parametrize(("kwargs", "argument"), [
    ({"path": "run.txt"}, "path"),
    ({"path": "missing/run.html"}, "path"),
    ({"path": 3}, "path"),
    ({"steps": 0}, "steps"),
    ({"steps": 1.5}, "steps"),
    ({"steps": "all"}, "steps"),
    ({"steps": [1, 2]}, "steps"),
    ({"steps": slice(0, 5, 0)}, "steps"),
    ({"steps": range(100, 200)}, "steps"),
    ({"max_side": 4}, "max_side"),
    ({"max_side": True}, "max_side"),
    ({"max_side": 32.0}, "max_side"),
    ({"max_mb": 0}, "max_mb"),
    ({"max_mb": float("nan")}, "max_mb"),
    ({"max_mb": "2"}, "max_mb"),
    ({"series": 3}, "series"),
    ({"series": []}, "series"),
    ({"series": [""]}, "series"),
    ({"title": 3}, "title"),
    ({"source": []}, "source"),
])
def test_bad_arguments_are_typed_and_write_nothing(tmp_dir, kwargs, argument):
    log_run(steps=3)
    call = {"source": "dvclive", "path": "run.html", **kwargs}
    with pytest.raises(ShareError) as info:
        dvclive_nb.to_html(call.pop("source"), call.pop("path"), **call)
    assert isinstance(info.value, DvcLiveError) and info.value.argument == argument
    assert not os.path.exists("run.html")
    assert not [n for n in os.listdir(".") if n.endswith(".tmp")]


def test_a_failure_leaves_the_old_file_whole_and_no_partial_one(tmp_dir):
    noisy_run(steps=5)
    with open("run.html", "w") as f:
        f.write("the old file")
    before = sorted(os.listdir("."))
    with pytest.raises(ShareBudgetError):  # fails after every frame was read
        dvclive_nb.to_html("dvclive", "run.html", max_mb=0.05)
    assert open("run.html").read() == "the old file"
    assert sorted(os.listdir(".")) == before
    dvclive_nb.to_html("dvclive", "run.html")
    assert open("run.html").read().startswith("<!DOCTYPE html>")
    assert sorted(os.listdir(".")) == before  # replaced in place, no temporary file left


def test_the_save_html_action_answers_the_page_with_the_file(tmp_dir, monkeypatch):
    import comm
    from comm.base_comm import BaseComm

    sent = []

    class RecordingComm(BaseComm):
        def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
            sent.append((data or {}, list(buffers or [])))

    monkeypatch.setattr(comm, "create_comm", RecordingComm)
    log_run(steps=5)
    view = dvclive_nb.show("dvclive", display=False, follow=False)
    try:
        view._handle_custom_msg({"type": "save_html", "id": "r1", "filename": "x.html"}, [])
        view._handle_custom_msg({"type": "save_html", "id": "r2", "max_mb": -1}, [])
    finally:
        view.close()
    replies = [(d["content"], b) for d, b in sent
               if d.get("method") == "custom" and d["content"]["type"] == "saved_html"]
    (ok, (data,)), (bad, none) = replies
    assert ok["id"] == "r1" and ok["filename"] == "x.html" and "error" not in ok
    assert ok["note"] == "3 series · 5 of 5 steps"
    with open("saved.html", "wb") as f:
        f.write(bytes(data))
    _, state, frames = read_page("saved.html")
    assert len(frames) == 15 and state["metrics"][0]["name"] == "loss"
    assert frames[("b", 4)] == open("dvclive/plots/images/b/4.png", "rb").read()
    assert bad["id"] == "r2" and "ShareError" in bad["error"] and not none
    assert answer_save_html  # the handler show() registers, through its Presenter
