"""``_encode``: prepare() then encode(), the same bytes as upstream dvclive writes, now or
deferred, and the same errors word for word in both modes (dvclive_nb/_encode.py)."""

import dvclive.error
import matplotlib
import numpy as np
import pytest
from dvclive.plots import Image as DvcImage
from PIL import Image

from dvclive_nb._encode import image_name, prepare
from tests.test_bad_input import _truncated

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

RGB = np.random.default_rng(5).integers(0, 256, (24, 32, 3), dtype=np.uint8)


def _figure():
    fig, ax = plt.subplots(figsize=(1, 1), dpi=30)
    ax.plot([0, 1, 0.5])
    return fig


def _values(tmp_path):
    """name -> a factory of a value (a fresh one per call: figures close once logged)."""
    src = tmp_path / "src.png"
    Image.fromarray(RGB).save(src)
    return {
        "rgb.png": lambda: RGB,
        "rgb.jpg": lambda: RGB,
        "grey.gif": lambda: RGB[..., 0],
        "strided.png": lambda: RGB[::2, ::3],  # not contiguous: copied as C order
        "pil.jpeg": lambda: Image.fromarray(RGB),
        "pil_p.png": lambda: Image.fromarray(RGB).convert("P"),
        "lazy.png": lambda: Image.open(src),
        "fig.png": _figure,
        "path.jpg": lambda: str(src),
    }


def _upstream(tmp_path, name, val):
    """The bytes upstream dvclive writes for ``val`` (paths: as the file it copies)."""
    if isinstance(val, str):
        val = Image.open(val)  # as upstream log_image does with a path
    image = DvcImage(name, tmp_path / "upstream")
    image.dump(val)
    return image.output_path.read_bytes()


@pytest.mark.parametrize("defer", [False, True], ids=["now", "deferred"])
def test_bytes_are_upstreams(tmp_path, defer):
    for name, make in _values(tmp_path).items():
        got = prepare(name, make(), defer=defer).encode()
        assert got == _upstream(tmp_path, name, make()), name


def test_synchronous_mode_encodes_in_prepare(tmp_path):
    # Everything about the value is done by prepare(): it may change right after.
    buf = RGB.copy()
    prepared = prepare("a.png", buf)
    assert prepared.nbytes == len(prepared.encode())  # the file's bytes, not the array's
    buf[:] = 0
    assert prepared.encode() == prepare("a.png", RGB).encode()


def test_deferred_arrays_and_pil_images_are_copied_not_encoded(tmp_path):
    buf = RGB.copy()
    img = Image.fromarray(RGB)
    arr_prepared = prepare("a.png", buf, defer=True)
    pil_prepared = prepare("p.png", img, defer=True)
    assert arr_prepared.nbytes == RGB.nbytes  # the copy is what waits in the queue
    assert pil_prepared.nbytes == RGB.shape[0] * RGB.shape[1] * 4
    buf[:] = 0
    img.paste((0, 0, 0), (0, 0, *img.size))
    assert arr_prepared.encode() == prepare("a.png", RGB).encode()
    assert pil_prepared.encode() == prepare("p.png", Image.fromarray(RGB)).encode()


def test_paths_are_read_and_figures_rendered_in_prepare_in_both_modes(tmp_path):
    for defer in (False, True):
        src = tmp_path / f"src{defer}.png"
        Image.fromarray(RGB).save(src)
        from_path = prepare("p.png", str(src), defer=defer)
        src.unlink()  # the file may go right after the call
        assert from_path.encode() == prepare("p.png", Image.fromarray(RGB)).encode()
        fig = _figure()
        prepare("f.png", fig, defer=defer)
        assert not plt.fignum_exists(fig.number)  # closed as upstream closes it


def _error(name, val, defer):
    with pytest.raises(dvclive.error.InvalidDataTypeError) as info:
        prepare(name, val, defer=defer)
    return type(info.value).__name__, str(info.value)


BAD = [
    ("f.png", np.random.default_rng(0).random((8, 8))),  # float
    ("4d.png", np.zeros((2, 2, 2, 2), np.uint8)),
    ("0x0.png", np.zeros((0, 0), np.uint8)),
    ("obj.png", np.zeros((8, 8), object)),
    ("5ch.png", np.zeros((8, 8, 5), np.uint8)),
    ("rgba.jpg", np.zeros((4, 4, 4), np.uint8)),
    ("wide.jpg", np.zeros((1, 65_536), np.uint8)),  # past JPEG's limit: a crop can't tell
    ("rgba.jpg", Image.new("RGBA", (4, 4))),
    ("p.jpg", Image.new("P", (4, 4))),
    ("empty.png", Image.new("RGB", (0, 0))),
    ("wide.jpg", Image.new("L", (65_536, 1))),
]


@pytest.mark.parametrize("name, val", BAD, ids=[
    "float", "4d", "0x0", "object", "5ch", "rgba-array-jpg", "wide-array-jpg", "rgba-jpg",
    "p-jpg", "empty-pil", "wide-pil-jpg"])
def test_deferred_errors_are_the_synchronous_ones_word_for_word(name, val):
    kind, msg = _error(name, val, defer=False)
    assert kind == "InvalidImageDataError" and name in msg
    assert _error(name, val, defer=True) == (kind, msg)


@pytest.mark.parametrize("defer", [False, True], ids=["now", "deferred"])
def test_a_truncated_file_fails_in_prepare(tmp_path, defer):
    path = tmp_path / "cut.png"
    _truncated(path)
    kind, msg = _error("x.png", str(path), defer)
    assert kind == "InvalidImageFileError" and "truncated" in msg
    # Opened lazily as a PIL image, the copy itself fails: encoded in full, same error.
    with Image.open(path) as img:
        lazy = _error("x.png", img, defer)
    with Image.open(path) as img:
        assert lazy == _error("x.png", img, defer=False)
    assert lazy[0] == "InvalidImageDataError"


def test_image_name():
    assert image_name("a", "pics/cat.jpg") == "a.jpg"  # upstream gives a path's suffix
    assert image_name("a.png", "pics/cat.jpg") == "a.png"
    assert image_name("a", "pics/cat.bmp") == "a"  # not one log_image writes
    assert image_name("a", RGB) == "a"
    assert image_name(3, "cat.png") == 3  # left for the name check to refuse
    for val in (3.5, [[0, 1]], None, b"png"):
        with pytest.raises(dvclive.error.InvalidDataTypeError) as info:
            image_name("x.png", val)
        assert type(info.value) is dvclive.error.InvalidDataTypeError
        assert str(info.value) == str(dvclive.error.InvalidDataTypeError("x.png", type(val)))
