"""The widget's kernel side, without a browser: state, messages, replies, cleanup."""

import io
import json

import numpy as np
import pytest
from ipywidgets import Widget
from PIL import Image

from dvclive_nb.widget import ImageView
from tests.support.images import png


@pytest.fixture
def sent(monkeypatch):
    """Record every message widgets send, as ipywidgets' own tests do with a dummy comm."""
    import comm
    from comm.base_comm import BaseComm

    messages = []

    class RecordingComm(BaseComm):
        def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
            messages.append((msg_type, data or {}, list(buffers or [])))

    monkeypatch.setattr(comm, "create_comm", RecordingComm)
    return messages


def _updates(messages):
    return [(d, b) for t, d, b in messages if t == "comm_msg" and d.get("method") == "update"]


def _frames_replies(messages):
    out = []
    for t, d, b in messages:
        if t == "comm_msg" and d.get("method") == "custom" and d["content"]["type"] == "frames":
            for meta in d["content"]["frames"]:
                out.append((meta, b[meta["buf"]] if meta["buf"] >= 0 else None))
    return out


def test_each_frame_crosses_once_in_constant_size(sent, monkeypatch):
    import dvclive_nb._transport as transport_mod

    monkeypatch.setattr(transport_mod, "SEND_SECONDS", 0)  # frames slower than a screen
    view = ImageView()
    view.add_panel("pred")
    sent.clear()
    for step in range(50):
        view.add_frame("pred", step, png(step), "image/png")
    assert not _updates(sent)  # no state per frame: custom messages, not saved
    messages = [(d, b) for t, d, b in sent if t == "comm_msg"]
    assert len(messages) == 50
    sizes = set()
    for step, (data, buffers) in enumerate(messages):
        assert [m["step"] for m in data["content"]["frames"]] == [step]
        assert [bytes(b) for b in buffers] == [png(step)]
        sizes.add(len(json.dumps(data)))
    assert len(sizes) <= 2  # step/seq digits only: O(1) per frame
    assert len(view._log) == 50 and view.frame == {}
    view.keep_newest()  # at the cell's end: the newest frame goes into the saved state
    assert view.frame["seq"] == 49 and [bytes(b) for b in _updates(sent)[-1][1]] == [png(49)]
    assert view.panels == [{"name": "pred", "kind": "series"}]


def test_a_burst_leaves_in_few_messages(sent, monkeypatch):
    import time

    # A wider window than a screen's frame, so that a loaded machine (CI, parallel
    # workers) still logs the whole burst inside two windows: the rule under test is the
    # batching, not the window's length.
    monkeypatch.setattr("dvclive_nb._transport.SEND_SECONDS", 0.5)
    view = ImageView()
    view.add_panel("pred")
    view.add_panel("target")
    sent.clear()
    for step in range(60):  # 120 frames in a few milliseconds: faster than a screen
        view.add_frame("pred", step, png(step), "image/png")
        view.add_frame("target", step, png(step + 100), "image/png")
    time.sleep(1.2)  # the timer sends what was left
    frames = {(m["name"], m["step"]): data for m, data in _frames_replies(sent)}
    assert len(frames) == 120  # every frame on the slider
    assert frames[("pred", 59)] == png(59) and frames[("target", 59)] == png(159)
    assert sum(data is not None for data in frames.values()) <= 4  # the newest carry bytes
    assert len([d for t, d, _ in sent if t == "comm_msg"]) <= 3
    view.close()


def test_at_a_steady_pace_every_frame_carries_its_bytes(sent):
    import time

    view = ImageView()
    view.add_panel("pred")
    sent.clear()
    for step in range(5):
        view.add_frame("pred", step, png(step), "image/png")
        time.sleep(0.05)  # 20 steps a second
    time.sleep(0.1)
    assert [(m["step"], data) for m, data in _frames_replies(sent)] == [
        (step, png(step)) for step in range(5)]
    view.close()


def test_sync_replies_with_missing_frames_from_disk(sent):
    loaded = []

    def load(name, step):
        loaded.append((name, step))
        return png(step)

    view = ImageView(load=load)
    view.add_panel("pred")
    for step in range(0, 10, 2):
        view.add_frame("pred", step, png(step), "image/png")
    sent.clear()
    # The page missed seq 0 and 1 while its module loaded, and has seen up to seq 3.
    view._handle_custom_msg({"type": "sync", "missing": [0, 1], "after": 3}, [])
    frames = _frames_replies(sent)
    assert sorted(m["seq"] for m, _ in frames) == [0, 1, 4]
    for meta, data in frames:
        assert data == png(meta["step"]) and meta["name"] == "pred"
    assert sorted(loaded) == [("pred", 0), ("pred", 2)]  # the newest came from memory


def test_sync_past_the_memory_budget_lists_steps_only(sent):
    view = ImageView(load=lambda n, s: b"x" * 400_000, cap_mb=1)
    view.add_panel("pred")
    for step in range(10):
        view.add_frame("pred", step, None, "image/png", send=False)
    view._handle_custom_msg({"type": "sync", "missing": [], "after": -1}, [])
    frames = _frames_replies(sent)
    assert sorted(m["step"] for m, _ in frames) == list(range(10))
    with_data = sorted(m["step"] for m, d in frames if d is not None)
    assert with_data == [8, 9]  # newest first, until half the cap (512 KB) is spent
    sent.clear()
    view._handle_custom_msg({"type": "fetch", "seqs": [0]}, [])
    assert [(m["step"], len(d)) for m, d in _frames_replies(sent)] == [(0, 400_000)]


def test_frames_gone_from_disk_are_marked_so(sent):
    def load(name, step):
        raise FileNotFoundError(name)

    view = ImageView(load=load)
    view.add_panel("pred")
    view.add_frame("pred", 0, None, "image/png", send=False)
    view._handle_custom_msg({"type": "fetch", "seqs": [0]}, [])
    ((meta, data),) = _frames_replies(sent)
    assert data is None and meta["gone"] is True  # the page stops asking


def test_single_images_resend_only_their_newest(sent):
    view = ImageView(load=lambda n, s: pytest.fail("a single is never read from disk"))
    view.add_panel("numpy.png", "single")
    for step in range(3):
        view.add_frame("numpy.png", step, png(step), "image/png")
    sent.clear()
    view._handle_custom_msg({"type": "sync", "missing": [], "after": -1}, [])
    assert [(m["seq"], m["kind"], d) for m, d in _frames_replies(sent)] == [
        (2, "single", png(2))]


def test_bad_messages_are_logged_not_raised(sent, caplog):
    view = ImageView()
    view._handle_custom_msg({"type": "sync", "missing": ["x"]}, [])
    view._handle_custom_msg({"type": "unknown"}, [])
    assert "could not answer" in caplog.text


def test_static_bundle_shows_newest_frame_per_panel():
    view = ImageView()
    view.add_panel("pred")
    view.add_panel("numpy.png", "single")
    view.add_frame("pred", 0, png(1), "image/png")
    view.add_frame("pred", 5, png(2), "image/png")
    noisy = io.BytesIO()
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (600, 600, 3), np.uint8)).save(
        noisy, format="PNG")
    view.add_frame("numpy.png", 5, noisy.getvalue(), "image/png")
    bundle = view.static_bundle()
    html = bundle["text/html"]
    assert "pred · step 5" in html and "numpy.png · step 5" in html
    assert f"dvnb-static-{view.uid}" in html
    assert "data:image/jpeg;base64," in html  # the large one was shrunk
    assert len(html) < 120_000
    assert "pred: step 5 (2 frames)" in bundle["text/plain"]


@pytest.mark.filterwarnings("ignore:Widget.widgets is deprecated")
def test_close_leaves_no_widget_behind():
    before = set(Widget.widgets)
    view = ImageView()
    assert len(set(Widget.widgets) - before) == 2  # the view and its Layout
    view.close()
    assert set(Widget.widgets) == before


def test_a_frame_that_cannot_be_read_now_does_not_sink_the_reply(sent):
    def load(name, step):
        if step == 1:
            raise TimeoutError("the remote did not answer")  # an OSError, not "gone"
        if step == 2:
            raise FileNotFoundError(step)
        return png(step)

    view = ImageView(load=load)
    view.add_panel("pred", "series")
    for step in range(4):
        view.add_frame("pred", step, None, "image/png", send=False)
    view._on_msg(view, {"type": "fetch", "seqs": [0, 1, 2, 3]}, [])
    metas = [meta for meta, _ in _frames_replies(sent)]
    by_step = {m["step"]: m for m in metas}
    assert by_step[0]["buf"] >= 0 and by_step[3]["buf"] >= 0  # the others still came
    assert by_step[1].get("retry") and not by_step[1].get("gone")  # asked again later
    assert by_step[2].get("gone")  # deleted: the page stops asking
    view.close()


def test_reset_forgets_the_frames_of_a_replaced_run(sent):
    view = ImageView(load=lambda name, step: png(step))
    view.add_panel("pred", "series")
    for step in range(3):
        view.add_frame("pred", step, png(step), "image/png", send=False)
    view.reset()
    assert ("comm_msg", "reset") in [(t, d.get("content", {}).get("type")) for t, d, _ in sent]
    view.add_frame("pred", 0, png(9), "image/png", send=False)
    sent.clear()
    view._on_msg(view, {"type": "sync", "missing": [], "after": -1}, [])
    metas = [meta for meta, _ in _frames_replies(sent)]
    assert [m["seq"] for m in metas] == [3]  # only the new run's frame
    assert "pred · step 0" in view.static_bundle()["text/html"]
    view.close()


def _exported(messages):
    return [(d["content"], b) for t, d, b in messages
            if t == "comm_msg" and d.get("method") == "custom"
            and d["content"]["type"] == "exported"]


def test_export_action_answers_a_gif_of_every_frame(sent, tmp_path):
    files = {step: png(10 * step + 5) for step in (0, 2, 4)}
    from dvclive_nb._export import answer_export

    view = ImageView(load=lambda name, step: files[step])
    view.handle("export", answer_export)  # as whoever builds a view does
    view.add_panel("pred")
    for step in files:  # listed without bytes: read with `load`, as after a reload
        view.add_frame("pred", step, None, "image/png", send=False)
    sent.clear()
    view._handle_custom_msg({"type": "export", "names": ["pred", "nope"], "fps": 5}, [])
    (ok, (data,)), (bad, no_data) = _exported(sent)
    assert ok["filename"] == "pred.gif" and "error" not in ok
    gif = Image.open(io.BytesIO(data))
    assert gif.n_frames == 3 and gif.info["duration"] == 200
    # Frame by frame, away from the step label in the top-left corner.
    for i, step in enumerate(files):
        gif.seek(i)
        assert gif.convert("L").getpixel((12, 12)) == 10 * step + 5
    assert bad["name"] == "nope" and "UnknownSeriesError" in bad["error"] and not no_data
