"""Image names, checked before anything touches the disk (dvclive_nb/_names.py)."""

from pathlib import Path

import pytest

from dvclive_nb._names import SUFFIXES, normalize
from dvclive_nb.error import ImageNameError, InvalidImageNameError


@pytest.mark.parametrize(("name", "final"), [
    ("pred.png", "pred.png"),
    ("pred/3.png", "pred/3.png"),
    ("a/./b.jpg", "a/b.jpg"),
    (Path("samples") / "7.jpeg", "samples/7.jpeg"),
    ("x.gif", "x.gif"),
])
def test_good_names_come_back_relative_and_posix(name, final):
    assert normalize(name) == final


@pytest.mark.parametrize(("name", "reason"), [
    (3, "a name must be a str, not int"),
    ("", "the name is empty"),
    ("a\0.png", "NUL character"),
    ("pred/", "ends with '/'; give a file name"),
    ("/tmp/x.png", "absolute paths are refused; give a path relative to the images folder"),
    ("../x.png", "'..' would leave the images folder"),
    ("a/../../x.png", "'..' would leave the images folder"),
    ("x.PNG", "the suffix must be one of"),
    ("x.bmp", "the suffix must be one of"),
    ("noext", "the suffix must be one of"),
])
def test_bad_names_are_refused_with_the_reason(name, reason):
    with pytest.raises(ImageNameError) as info:
        normalize(name)
    assert reason in str(info.value)
    assert isinstance(info.value, InvalidImageNameError)  # caught like upstream's


def test_the_suffixes_are_upstreams():
    from dvclive.plots import Image

    assert Image.suffixes == SUFFIXES
    assert {".png", ".jpg", ".jpeg", ".gif"} <= set(SUFFIXES)

