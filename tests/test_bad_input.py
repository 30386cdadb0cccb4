"""Bad input: a typed, clear error, and nothing written anywhere."""

import os

import dvclive.error
import numpy as np
import pytest
from PIL import Image

from dvclive_nb import Live
from dvclive_nb.error import InvalidImageDataError, InvalidImageFileError


def _all_files(root):
    return sorted(
        os.path.relpath(os.path.join(d, f), root)
        for d, _, files in os.walk(root)
        for f in files
    )


@pytest.fixture
def live(tmp_dir):
    live = Live("run/dvclive", save_dvc_exp=False)
    # A file already logged: every failure below must leave it exactly as it is.
    live.log_image("keep.png", np.full((3, 3), 7, np.uint8))
    return live


@pytest.fixture
def snapshot(tmp_dir, live):
    def files():
        return {f: open(f, "rb").read() for f in _all_files(".")}

    before = files()
    yield
    assert files() == before


IMG = np.zeros((4, 4), np.uint8)


@pytest.mark.parametrize(
    "name, reason",
    [
        ("../x.png", "'..'"),
        ("a/../../x.png", "'..'"),
        ("../../../outside.png", "'..'"),
        ("/tmp/abs.png", "absolute"),
        ("", "empty"),
        ("folder/", "ends with '/'"),
        ("x.png/", "ends with '/'"),
        ("x\0.png", "NUL"),
        ("x.bmp", "suffix"),
        ("x.PNG", "suffix"),
        ("noext", "suffix"),
        ("x.png.txt", "suffix"),
        (3, "must be a str"),
    ],
)
def test_bad_names(live, snapshot, name, reason):
    with pytest.raises(dvclive.error.InvalidImageNameError) as info:
        live.log_image(name, IMG)
    assert reason in str(info.value)
    assert not os.path.exists(os.path.join(os.path.dirname(os.getcwd()), "x.png"))


def test_escaping_name_writes_nothing_outside(tmp_dir, live):
    with pytest.raises(dvclive.error.InvalidImageNameError):
        live.log_image("../../../escaped.png", IMG)
    assert not list(tmp_dir.rglob("escaped.png"))
    assert not (tmp_dir / "run" / "escaped.png").exists()


@pytest.mark.parametrize(
    "arr",
    [
        np.random.default_rng(0).random((8, 8)),  # float, 2-D
        np.random.default_rng(0).random((8, 8, 3)),  # float, RGB
        np.zeros((2, 2, 2, 2), np.uint8),  # 4-D
        np.zeros((0, 0), np.uint8),  # 0x0
        np.zeros((8, 8), complex),
        np.zeros((8, 8), object),
        np.zeros((8, 8, 5), np.uint8),  # 5 channels
        np.zeros((8, 8), np.int64),
    ],
    ids=["float2d", "float3d", "4d", "0x0", "complex", "object", "5ch", "int64"],
)
def test_bad_arrays(live, snapshot, arr):
    with pytest.raises(InvalidImageDataError) as info:
        live.log_image("bad.png", arr)
    msg = str(info.value)
    assert str(arr.dtype) in msg and str(arr.shape) in msg
    assert "astype(np.uint8)" in msg
    assert isinstance(info.value, dvclive.error.InvalidDataTypeError)


def test_bad_pil_for_format(live, snapshot):
    with pytest.raises(InvalidImageDataError, match=r"mode RGBA.*convert\('RGB'\)"):
        live.log_image("x.jpg", Image.new("RGBA", (4, 4)))


def _truncated(path):
    rng = np.random.default_rng(1)
    Image.fromarray(rng.integers(0, 255, (64, 64, 3), dtype=np.uint8)).save(path)
    data = open(path, "rb").read()
    open(path, "wb").write(data[: len(data) // 2])


@pytest.mark.parametrize(
    "kind, reason",
    [
        ("missing", "no such file"),
        ("folder", "folder"),
        ("text", "cannot read it as an image"),
        ("truncated", "truncated"),
    ],
)
def test_bad_paths(tmp_dir, live, kind, reason):
    src = tmp_dir / "src"
    src.mkdir()
    path = src / f"{kind}.png"
    if kind == "folder":
        path.mkdir()
    elif kind == "text":
        path.write_text("not an image")
    elif kind == "truncated":
        _truncated(path)
    images = tmp_dir / "run" / "dvclive" / "plots" / "images"
    before = _all_files(images)
    with pytest.raises(InvalidImageFileError) as info:
        live.log_image("from_path.png", str(path))
    assert reason in str(info.value)
    assert str(path) in str(info.value)
    assert _all_files(images) == before


def test_name_under_an_existing_file(live, snapshot):
    with pytest.raises(dvclive.error.InvalidImageNameError, match="clashes"):
        live.log_image("keep.png/0.png", IMG)


def test_name_over_an_existing_folder(tmp_dir, live):
    live.log_image("d.png/0.png", IMG)
    images = tmp_dir / "run" / "dvclive" / "plots" / "images"
    before = _all_files(images)
    with pytest.raises(dvclive.error.InvalidImageNameError, match="clashes"):
        live.log_image("d.png", IMG)
    assert _all_files(images) == before  # no temporary file left behind
