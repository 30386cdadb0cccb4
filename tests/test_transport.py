"""Frames to the page (dvclive_nb/_transport.py): replies newest first, split by size."""

import pytest

import dvclive_nb._transport as transport_mod
from dvclive_nb.widget import ImageView


@pytest.fixture
def view():
    view = ImageView(load=lambda name, step: bytes([step]) * 1000)
    sent = []
    view.send = lambda content, buffers=None: sent.append((content, buffers))
    view.sent = sent
    yield view
    view.close()


def test_replies_newest_first_in_messages_of_bounded_size(view, monkeypatch):
    monkeypatch.setattr(transport_mod, "REPLY_BYTES", 2500)
    view.add_panel("pred")
    for step in range(6):
        view.add_frame("pred", step, None, "image/png", send=False)
    view._transport.reply(range(6), budget=None)
    steps = [[m["step"] for m in c["frames"]] for c, _ in view.sent]
    assert steps == [[5, 4, 3], [2, 1, 0]]  # three frames reach 2,500 bytes
    assert all(len(b) == 3 for _, b in view.sent)


def test_a_budget_lists_the_rest_without_bytes(view):
    view.add_panel("pred")
    for step in range(4):
        view.add_frame("pred", step, None, "image/png", send=False)
    view._transport.reply(range(4), budget=1500)
    ((content, buffers),) = view.sent
    assert [m["buf"] >= 0 for m in content["frames"]] == [True, True, False, False]
