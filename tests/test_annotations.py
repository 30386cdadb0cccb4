"""Boxes and overlays, the kernel side: sidecars read by every source and sent to the
page with their frames (no browser: a recording comm, a real IPython shell)."""

import json
import os
import re
from pathlib import Path

import numpy as np
import pytest
from IPython.utils.capture import capture_output

from dvclive_nb import Live, show
from dvclive_nb._route import LiveViews
from dvclive_nb.boxes import parse_sidecar
from dvclive_nb.error import InvalidOptionError
from dvclive_nb.sources.folder import FolderSource
from dvclive_nb.sources.remote import RemoteSource
from dvclive_nb.widget import ImageView
from tests.support.images import png
from tests.test_widget import sent  # noqa: F401 - the recording comm fixture

pytestmark = pytest.mark.filterwarnings("ignore:Widget.widgets is deprecated")

BOX = {"top": 1, "left": 2, "bottom": 10, "right": 12}


def _custom(messages, kind):
    return [d["content"] for t, d, _ in messages
            if t == "comm_msg" and d.get("method") == "custom" and d["content"]["type"] == kind]


def _frames_boxes(messages):
    return {(m["name"], m["step"]): m.get("boxes")
            for c in _custom(messages, "frames") for m in c["frames"] if m["buf"] >= 0}


def test_parse_sidecar_keeps_boxes_and_drops_what_is_not_one():
    doc = {"annotations": {"cat": [{"box": BOX, "score": 0.5}, {"box": {"top": 1}},
                                   {"box": {**BOX, "left": float("nan")}}, "x"],
                           "dog": [{"box": BOX}]}}
    assert parse_sidecar(json.dumps(doc).encode()) == {
        "cat": [{"box": BOX, "score": 0.5}], "dog": [{"box": BOX, "score": 1.0}]}
    assert parse_sidecar(b'{"annotations": {"cat": [') is None  # half written
    assert parse_sidecar(b"[1, 2]") is None


def _run_with_boxes(steps=3):
    live = Live(save_dvc_exp=False)
    for step in range(steps):
        live.log_image(f"pred/{step}.png", np.full((16, 16), step, np.uint8))
        live.log_bounding_boxes(f"pred/{step}.png", [[1, 2, 10, 12]], ["cat"], [step / 10])
        live.next_step()
    live.end()
    return os.path.join("dvclive", "plots", "images")


def test_folder_and_remote_sources_read_the_sidecar_beside_each_frame(tmp_dir):
    images = _run_with_boxes()
    os.remove(os.path.join(images, "pred", "1.json"))  # a step without boxes
    for source in (FolderSource(images), RemoteSource(f"file://{os.path.abspath('dvclive')}")):
        source.scan()
        assert source.read_boxes("pred", 2) == {"cat": [{"box": BOX, "score": 0.2}]}
        assert source.read_boxes("pred", 1) is None
        assert source.read_boxes("nope", 0) is None


def test_frames_sent_to_the_page_carry_their_boxes(tmp_dir, sent):  # noqa: F811
    images = _run_with_boxes()
    view = show(images, follow=False, display=False)
    sent.clear()
    view._handle_custom_msg({"type": "sync", "missing": [], "after": -1}, [])
    boxes = _frames_boxes(sent)
    assert boxes == {("pred", s): {"cat": [{"box": BOX, "score": s / 10}]} for s in range(3)}
    # Not in the synced state: a saved notebook keeps no boxes.
    state = {k: v for k, v in view.get_state().items() if k not in ("_esm", "_css")}
    assert "score" not in json.dumps(state, default=str)
    view.close()


def test_live_views_send_each_frame_with_its_boxes(tmp_path, sent, ipshell,  # noqa: F811
                                                  monkeypatch):
    monkeypatch.setattr("dvclive_nb._transport.SEND_SECONDS", 0)  # each frame its message
    # Live hands each sidecar on after its image, once written (test_live_boxes).
    views = LiveViews(str(tmp_path), ipshell, overlay={"mask": "input"},
                      overlay_labels={1: "cat"})
    sidecar = json.dumps({"annotations": {"cat": [{"box": BOX, "score": 0.5}]}}).encode()

    def written(name, data):
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        views.frame(name, int(path.stem), data)

    with capture_output():
        written("early/0.json", sidecar)  # before its image: read with its frame
        for step in range(3):
            written(f"input/{step}.png", png(step))
            if step != 1:  # a step without boxes
                written(f"input/{step}.json", sidecar)
        written("input/3.png", png(3))
        view = views.views[0]
        view.flush()
    boxes = {"cat": [{"box": BOX, "score": 0.5}]}
    # The first frame left before anyone knew of boxes: they follow in a message.
    items = [it for c in _custom(sent, "boxes") for it in c["items"]]
    assert items == [{"name": "input", "step": 0, "boxes": boxes}]
    # Later frames wait for their sidecar (or the next frame) and carry their boxes.
    assert _frames_boxes(sent) == {("input", 0): None, ("input", 1): None,
                                   ("input", 2): boxes}
    ipshell.events.trigger("post_run_cell", None)  # the cell's end sends what waits
    view.flush()
    assert _frames_boxes(sent)[("input", 3)] is None
    assert [p["name"] for p in view.panels] == ["input"]  # a sidecar is no panel
    assert view.overlay == {"mask": "input"} and view.overlay_labels == {"1": "cat"}
    sent.clear()
    view._handle_custom_msg({"type": "boxes", "name": "input", "step": 2}, [])  # asked again
    assert [it["step"] for c in _custom(sent, "boxes") for it in c["items"]] == [2]
    views.close()


@pytest.mark.parametrize("kwargs", [{"overlay": {"mask": 3}}, {"overlay": ["mask"]},
                                    {"overlay": {"x": "x"}}, {"overlay_labels": {0: "bg"}},
                                    {"overlay_labels": {"x": "cat"}}])
def test_bad_overlay_options_are_typed_errors(tmp_dir, kwargs):
    with pytest.raises(InvalidOptionError):
        Live(save_dvc_exp=False, **kwargs)
    with pytest.raises(InvalidOptionError):
        ImageView(**kwargs)


def test_a_view_without_boxes_sends_none(sent):  # noqa: F811
    view = ImageView(load=lambda n, s: png(s), load_boxes=lambda n, s: None)
    view.add_panel("pred")
    view.add_frame("pred", 0, png(0), "image/png")
    view.flush()
    assert _frames_boxes(sent) == {("pred", 0): None}
    view.close()


def test_export_burns_in_the_boxes_in_the_views_colours(tmp_dir):
    from PIL import Image

    from dvclive_nb import export
    from dvclive_nb.boxes import PALETTE, label_colour

    images = _run_with_boxes()  # a cat box, tlbr (1, 2, 10, 12), scores 0, 0.1, 0.2
    path = export("pred", "pred.png", run=images, boxes=True)
    plain = export("pred", "plain.png", run=images)
    cat = label_colour("cat")
    with Image.open(path) as anim, Image.open(plain) as without:
        assert anim.n_frames == 3 and anim.mode == "RGB"
        for step in range(3):
            anim.seek(step)
            frame = anim.convert("RGB")
            # The outline is 2 pixels wide, inside the box's edges.
            assert frame.getpixel((2, 5)) == frame.getpixel((3, 5)) == cat
            assert frame.getpixel((11, 5)) == frame.getpixel((10, 5)) == cat
            assert frame.getpixel((5, 1)) == frame.getpixel((5, 9)) == cat
            assert frame.getpixel((1, 5)) == frame.getpixel((12, 5)) == (step,) * 3
            assert frame.getpixel((5, 5)) == (step,) * 3
        assert without.mode == "L"  # boxes=False: the frames as logged
    export("pred", "kept.png", run=images, boxes=0.15)  # a threshold: step 2 only
    with Image.open("kept.png") as anim:
        anim.seek(1)
        assert anim.convert("RGB").getpixel((2, 5)) == (1, 1, 1)
        anim.seek(2)
        assert anim.convert("RGB").getpixel((2, 5)) == cat
    # The page's palette and hash (js/src/colours.js) are the same.
    js = (Path(__file__).parents[1] / "js" / "src" / "colours.js").read_text()
    table = js[js.index("PALETTE = [") + len("PALETTE = ["):js.index("];", js.index("PALETTE = ["))]
    assert [tuple(map(int, t.split(","))) for t in re.findall(r"\[([\d, ]+)\]", table)] == PALETTE
    assert "0x811c9dc5" in js and "0x01000193" in js


def test_export_refuses_a_bad_boxes_argument(tmp_dir):
    from dvclive_nb import export
    from dvclive_nb.error import ExportError

    images = _run_with_boxes(1)
    with pytest.raises(ExportError, match="boxes=2"):
        export("pred", "x.gif", run=images, boxes=2)
    assert not os.path.exists("x.gif")


def test_compare_reads_boxes_from_experiments_and_folders(repo):
    from ipywidgets import Widget

    import dvclive_nb

    for name, cache in (("plain", False), ("cached", True)):
        with Live(exp_name=name, slider=False, cache_images=cache) as live:
            for step in range(3):
                live.log_image(f"pred/{step}.png", np.full((16, 16), step, np.uint8))
                live.log_bounding_boxes(f"pred/{step}.png", [[1, 2, 10, 12]], [name], [0.5])
                live.next_step()
    view = dvclive_nb.compare("plain", "cached", "dvclive", overlay={"pred": "x"},
                              display=False)
    try:
        for column, label in ((0, "plain"), (1, "cached"), (2, "cached")):
            for step in range(3):  # from git, from DVC's cache, from the workspace
                assert view.boxes_of(f"{column}:pred", step) == {
                    label: [{"box": BOX, "score": 0.5}]}
        assert view.boxes_of("0:pred", 9) is None
        assert view.overlay == {"pred": "x"}
    finally:
        view.close()
        for widget in list(getattr(Widget, "_active_widgets", Widget.widgets).values()):
            widget.close()
