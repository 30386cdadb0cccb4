"""``boxes``: the four formats, their round trips, the checks, and the sidecar's bytes
(dvclive_nb/boxes.py)."""

import json
import math

import numpy as np
import pytest

from dvclive_nb import boxes
from dvclive_nb.error import (
    BoxCoordinateError,
    BoxEdgeError,
    BoxesError,
    BoxesLengthError,
    BoxFormatError,
    BoxLabelError,
    BoxScoreError,
)

# One box, top 10, left 20, bottom 50, right 80, in every format.
SAME_BOX = {
    "tlbr": [10, 20, 50, 80],
    "xyxy": [20, 10, 80, 50],
    "xywh": [20, 10, 60, 40],
    "cxcywh": [50, 30, 60, 40],
}


@pytest.mark.parametrize("fmt", boxes.FORMATS)
def test_each_format_names_the_same_box(fmt):
    assert boxes.to_tlbr(SAME_BOX[fmt], fmt) == (10, 20, 50, 80)
    assert boxes.from_tlbr((10, 20, 50, 80), fmt) == tuple(SAME_BOX[fmt])


@pytest.mark.parametrize("fmt", boxes.FORMATS)
def test_round_trips(fmt):
    rng = np.random.default_rng(7)
    for t, l, h, w in rng.uniform(0, 500, (200, 4)).tolist():  # noqa: E741
        tlbr = (t, l, t + h, l + w)
        there = boxes.from_tlbr(tlbr, fmt)
        assert all(math.isclose(a, b, abs_tol=1e-9)
                   for a, b in zip(boxes.to_tlbr(there, fmt), tlbr))
        assert all(math.isclose(a, b, abs_tol=1e-9)
                   for a, b in zip(boxes.from_tlbr(boxes.to_tlbr(there, fmt), fmt), there))


def test_formats_are_the_four_asked_for():
    assert boxes.FORMATS == ("tlbr", "xyxy", "xywh", "cxcywh")


def test_normalised_boxes_are_scaled_by_the_image_size():
    got = boxes.annotations("p.png", [[0.25, 0.5, 0.5, 0.5]], ["a"], fmt="cxcywh",
                            normalized=True, image_size=(200, 100))
    # centre (50, 50) px, 100 x 50 px: top 25, left 0, bottom 75, right 100
    assert got == {"a": [(25, 0, 75, 100, 1.0)]}


def test_edges_round_half_up_so_boxes_keep_their_size():
    got = boxes.annotations("p.png", [[10, 10, 5, 5], [0.4, 1.6, 2.5, 3.5]], ["a", "a"],
                            fmt="cxcywh")
    assert got["a"][0][:4] == (8, 8, 13, 13)  # 7.5 .. 12.5: 5 px, as given
    assert got["a"][1][:4] == (0, -1, 3, 2)


def test_labels_group_in_first_seen_order_and_inputs_may_be_arrays():
    arr = np.array([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]], np.float32)
    got = boxes.annotations("p.png", arr, np.array(["dog", "cat", "dog"]),
                            np.array([0.5, 1, 0.25]))
    assert list(got) == ["dog", "cat"]
    assert got["dog"] == [(1, 2, 3, 4, 0.5), (9, 10, 11, 12, 0.25)]
    assert got["cat"] == [(5, 6, 7, 8, 1.0)]


def _sidecar(*args, **kwargs):
    return boxes.sidecar_bytes(boxes.annotations("p.png", *args, **kwargs))


def test_sidecar_bytes_are_dvclives_dump_json():
    rng = np.random.default_rng(1)
    labels = ["cat", "dog", 'q"uote', "naïve ✓", "new\nline", ""]
    for n in (0, 1, 7, 100):
        tl = rng.uniform(-20, 400, (n, 2))
        box = np.hstack([tl, tl + rng.uniform(0, 300, (n, 2))])
        lab = [labels[i] for i in rng.integers(0, len(labels), n)]
        scores = rng.uniform(0, 1, n).tolist()
        scores[:1] = [1] * min(n, 1)  # an int score is written as a float
        got = _sidecar(box, lab, scores)
        groups = {}
        for (t, l, b, r), label, s in zip(box.tolist(), lab, scores):  # noqa: E741
            edges = [math.floor(v + 0.5) for v in (t, l, b, r)]
            groups.setdefault(label, []).append(
                {"box": dict(zip(("top", "left", "bottom", "right"), edges)),
                 "score": float(s)})
        # dvclive.serialize.dump_json: json.dump(indent=4), then a newline
        assert got == (json.dumps({"annotations": groups}, indent=4) + "\n").encode()


# The same two boxes in each format: the sidecar is byte for byte the same.
EXPECTED = b"""{
    "annotations": {
        "person": [
            {
                "box": {
                    "top": 1,
                    "left": 10,
                    "bottom": 30,
                    "right": 40
                },
                "score": 0.8
            }
        ],
        "dog": [
            {
                "box": {
                    "top": 200,
                    "left": 50,
                    "bottom": 240,
                    "right": 160
                },
                "score": 0.3
            }
        ]
    }
}
"""
IN_FORMATS = {
    "tlbr": [[1, 10, 30, 40], [200, 50, 240, 160]],
    "xyxy": [[10, 1, 40, 30], [50, 200, 160, 240]],
    "xywh": [[10, 1, 30, 29], [50, 200, 110, 40]],
    "cxcywh": [[25, 15.5, 30, 29], [105, 220, 110, 40]],
}


@pytest.mark.parametrize("fmt", boxes.FORMATS)
def test_sidecar_bytes_for_each_format(fmt):
    assert _sidecar(IN_FORMATS[fmt], ["person", "dog"], [0.8, 0.3], fmt=fmt) == EXPECTED
    # normalised, on a 400 x 300 image
    sizes = (300, 400) * 2 if fmt == "tlbr" else (400, 300) * 2  # y first, or x first
    norm = [[v / size for v, size in zip(box, sizes)] for box in IN_FORMATS[fmt]]
    got = _sidecar(norm, ["person", "dog"], [0.8, 0.3], fmt=fmt, normalized=True,
                   image_size=(400, 300))
    assert got == EXPECTED


def test_no_scores_are_written_as_one():
    data = json.loads(_sidecar([[0, 0, 1, 1]], ["a"]))
    assert data == {"annotations": {"a": [{"box": {"top": 0, "left": 0, "bottom": 1,
                                                   "right": 1}, "score": 1.0}]}}


NAN = float("nan")


@pytest.mark.parametrize("args, kwargs, error, words", [
    (([[0, 0, 1, 1]], ["a", "b"]), {}, BoxesLengthError, "1 boxes, 2 labels"),
    (([[0, 0, 1, 1]], ["a"], [0.5, 0.5]), {}, BoxesLengthError, "2 scores"),
    (([[0, 0, 1, 1]], "a"), {}, BoxesLengthError, "not a str"),
    (([[0, 0, 1, 1]], ["a"]), {"fmt": "yolo"}, BoxFormatError, "format='yolo'"),
    (([[0, 0, 1, 1]], ["a"]), {"fmt": None}, BoxFormatError, "is not one of"),
    (([[0, 0, 1, 1]], ["a"]), {"normalized": True}, BoxFormatError, "image_size"),
    (([[0, 0, 1, 1]], ["a"]), {"normalized": True, "image_size": (0, 4)}, BoxFormatError,
     "image_size"),
    (([[0, 0, 1, 1]], ["a"]), {"image_size": (4, 4)}, BoxFormatError, "only with"),
    (([[0, 0, 1]], ["a"]), {}, BoxCoordinateError, "not 4 numbers"),
    (([5], ["a"]), {}, BoxCoordinateError, "not 4 numbers"),
    (([[0, "1", 2, 3]], ["a"]), {}, BoxCoordinateError, "must be numbers"),
    (([[0, True, 2, 3]], ["a"]), {}, BoxCoordinateError, "must be numbers"),
    (([[0, NAN, 2, 3]], ["a"]), {}, BoxCoordinateError, "NaN"),
    ((np.array([[0, 1, 2, np.inf]]), ["a"]), {}, BoxCoordinateError, "infinite"),
    (([[0, 0, 10, 10]], ["a"]), {"normalized": True, "image_size": (8, 8)},
     BoxCoordinateError, "within 0-1"),
    (([[0, 50, 10, 40]], ["a"]), {}, BoxEdgeError, "right 40 < left 50"),
    (([[20, 0, 10, 40]], ["a"]), {}, BoxEdgeError, "bottom 10 < top 20"),
    (([[0, 0, -1, 5]], ["a"]), {"fmt": "xywh"}, BoxEdgeError, "right -1 < left 0"),
    (([[9, 0, 1, 40]], ["a"]), {"fmt": "xyxy"}, BoxEdgeError, "right 1 < left 9"),
    (([[5, 5, 2, -2]], ["a"]), {"fmt": "cxcywh"}, BoxEdgeError, "bottom 4.0 < top 6.0"),
    (([[0, 0, 1, 1]], [3]), {}, BoxLabelError, "must be str"),
    (([[0, 0, 1, 1]], ["a"], [1.5]), {}, BoxScoreError, "within 0-1"),
    (([[0, 0, 1, 1]], ["a"], [-0.1]), {}, BoxScoreError, "within 0-1"),
    (([[0, 0, 1, 1]], ["a"], [NAN]), {}, BoxScoreError, "within 0-1"),
    (([[0, 0, 1, 1]], ["a"], ["0.5"]), {}, BoxScoreError, "within 0-1"),
])
def test_bad_input_is_a_typed_error(args, kwargs, error, words):
    with pytest.raises(error) as info:
        boxes.annotations("p.png", *args, **kwargs)
    assert isinstance(info.value, BoxesError) and isinstance(info.value, ValueError)
    assert words in str(info.value)
    assert str(info.value).startswith("Cannot log bounding boxes for 'p.png': ")


def test_the_error_names_the_box():
    bad = [[0, 0, 1, 1]] * 5 + [[0, 0, 1, NAN]]
    with pytest.raises(BoxCoordinateError) as info:
        boxes.annotations("p.png", bad, ["a"] * 6)
    assert info.value.index == 5 and "box 5" in str(info.value)
