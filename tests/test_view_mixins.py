"""The mixins an ``ImageView`` is made of, each on its own: what the page remembers, the
boxes it is sent, the frames read back, the static fallback's choice of step."""

import pytest

from dvclive_nb._boxes_view import BoxesToPage
from dvclive_nb._frame_log import FrameLog
from dvclive_nb._read_back import ReadBack
from dvclive_nb._view_state import RememberedState
from dvclive_nb.widget import ImageView
from tests.support.images import grey, png


def test_the_shown_step_is_none_while_following():
    state = RememberedState()
    assert state.shown_step() is None  # no step chosen yet: the newest
    state.step = 3
    assert state.shown_step() == 3
    state.view_state = {"following": True}
    assert state.shown_step() is None
    state.view_state = {"following": False}
    assert state.shown_step() == 3


def test_the_view_syncs_the_remembered_traits():
    view = ImageView()
    try:
        assert {"step", "view_state", "overlay", "overlay_labels"} <= set(view.keys)
    finally:
        view.close()


class _Reader(ReadBack):
    def __init__(self, load):
        self.frame_log = FrameLog()
        self._load = load


def test_read_back_leaves_gaps_for_frames_gone_and_raises_the_rest():
    def load(name, step):
        if step == 1:
            raise FileNotFoundError(name)
        if step == 2:
            raise OSError("the network is down")
        return png(step)

    reader = _Reader(load)
    for step in range(2):
        reader.frame_log.add("pred", step, None, "image/png")
    reader.frame_log.add("pred", 3, png(33), "image/png")  # the newest: held in memory
    assert reader.frames_of("pred")[0] == [0, 3]
    assert [grey(b) for b in reader.frames_of("pred")[1]] == [0, 33]
    assert reader.read_frame("pred", 1) is None
    with pytest.raises(OSError, match="network"):
        reader.read_frame("pred", 2)
    assert _Reader(None).read_frame("pred", 0) is None  # nothing to read from


class _Page(BoxesToPage):
    def __init__(self, load_boxes, comm=True):
        self._load_boxes = load_boxes
        self.comm = object() if comm else None
        self.sent = []

    def send(self, content):
        self.sent.append(content)


def test_boxes_are_resent_only_when_there_are_some():
    boxes = {"cat": [{"box": {"top": 0, "left": 0, "bottom": 2, "right": 2}, "score": 1}]}
    page = _Page(lambda name, step: boxes if step == 1 else None)
    page._resend_boxes({"name": "pred", "step": 0})
    assert page.sent == []
    page._resend_boxes({"name": "pred", "step": 1})
    assert page.sent == [{"type": "boxes",
                          "items": [{"name": "pred", "step": 1, "boxes": boxes}]}]
    assert _Page(lambda n, s: 1 / 0).boxes_of("pred", 1) is None  # extra: never raises
    closed = _Page(lambda n, s: boxes, comm=False)
    closed.add_boxes("pred", 1, boxes)
    assert closed.sent == []  # no page to send to
