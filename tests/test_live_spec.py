"""The spec's (../shared/spec/log_image.md) examples and errors, in a real git + DVC repo."""

import filecmp
import os

import dvclive
import dvclive.error
import numpy as np
import pytest
from PIL import Image

from dvclive_nb import Live
from dvclive_nb.error import DataAlreadyLoggedError, InvalidDataTypeError


def _make_sample(path):
    os.makedirs(os.path.dirname(path))
    Image.new("RGB", (40, 30), (10, 200, 30)).save(path)


def test_spec_usage_verbatim(repo):
    _make_sample("run/batch_0_sample.png")

    # --- the spec's Usage block, with `Live` from dvclive_nb ---
    with Live(cache_images=True) as live:
        # 1. Log an image from a numpy array:
        import numpy as np

        img_numpy = np.ones((500, 500), np.uint8) * 255
        live.log_image("numpy.png", img_numpy)

        # 2. Or log a matplotlib figure:
        from matplotlib import pyplot as plt

        fig, ax = plt.subplots()
        ax.plot([1, 2, 3, 4])
        live.log_image("matplotlib.png", fig)

        # 3. Or log a `PIL.image`:
        from PIL import Image

        img_pil = Image.new("RGB", (500, 500), (250, 250, 250))
        live.log_image("pil.png", img_pil)

        # 4. Or log an existing image:
        live.log_image("sample.png", "run/batch_0_sample.png")
    # ---

    plots = repo / "dvclive" / "plots"
    images = plots / "images"
    assert sorted(os.listdir(images)) == ["matplotlib.png", "numpy.png", "pil.png", "sample.png"]
    assert (plots / "images.dvc").is_file()
    assert (plots / ".gitignore").read_text().strip() == "/images"
    assert "outs:" in (plots / "images.dvc").read_text()
    with Image.open(images / "numpy.png") as im:
        assert im.size == (500, 500) and im.getpixel((0, 0)) == 255
    with Image.open(images / "pil.png") as im:
        assert im.getpixel((3, 3)) == (250, 250, 250)
    with Image.open(images / "sample.png") as im:
        assert im.size == (40, 30) and im.getpixel((0, 0)) == (10, 200, 30)
    with Image.open(images / "matplotlib.png") as im:
        assert im.size == (640, 480)
    # A logged figure is closed, as upstream does.
    assert not plt.fignum_exists(fig.number)


def test_spec_images_per_step_verbatim(repo):
    # --- the spec's "Images per step" block ---
    import numpy as np

    with Live() as live:
        base_img = np.ones((500, 500), np.uint8)
        for i in range(10):
            live.log_image(f"numpy/{live.step}.png", base_img * i * 10)
            live.next_step()
    # ---
    folder = repo / "dvclive" / "plots" / "images" / "numpy"
    assert sorted(os.listdir(folder), key=lambda f: int(f[:-4])) == [f"{i}.png" for i in range(10)]
    for i in range(10):
        with Image.open(folder / f"{i}.png") as im:
            assert im.getpixel((7, 7)) == i * 10


def test_same_bytes_as_upstream(tmp_dir):
    """Outside a notebook, the files are the ones dvclive writes, byte for byte."""
    import matplotlib.pyplot as plt

    Image.new("RGB", (17, 9), (1, 2, 3)).save("src.jpg")
    rng = np.random.default_rng(0)
    arr = rng.integers(0, 255, (32, 48, 3), dtype=np.uint8)
    for cls, folder in ((dvclive.Live, "up"), (Live, "nb")):
        live = cls(folder, save_dvc_exp=False)
        live.log_image("a.png", arr)
        live.log_image("a.jpg", arr)
        live.log_image("g.gif", arr[..., 0])
        fig, ax = plt.subplots()
        ax.imshow(arr)
        live.log_image("fig.png", fig)
        live.log_image("pil.png", Image.fromarray(arr).convert("L"))
        live.log_image("copied", "src.jpg")  # takes the path's suffix: copied.jpg
        live.end()
    cmp = filecmp.dircmp("up/plots/images", "nb/plots/images")
    assert sorted(cmp.same_files) == ["a.jpg", "a.png", "copied.jpg", "fig.png", "g.gif", "pil.png"]
    assert not cmp.left_only and not cmp.right_only and not cmp.diff_files


def test_invalid_data_type(tmp_dir):
    live = Live(save_dvc_exp=False)
    for bad in (None, 3, [[0, 1]], {"a": 1}):
        with pytest.raises(dvclive.error.InvalidDataTypeError, match="has not supported type"):
            live.log_image("x.png", bad)
    assert not os.path.exists("dvclive/plots/images")


def test_data_already_logged(tmp_dir):
    live = Live(save_dvc_exp=False)
    first = np.full((4, 4), 10, np.uint8)
    live.log_image("x.png", first)
    before = open("dvclive/plots/images/x.png", "rb").read()
    with pytest.raises(DataAlreadyLoggedError) as info:
        live.log_image("x.png", np.full((4, 4), 200, np.uint8))
    assert str(info.value) == "Data 'x.png' has already been logged with step '0'"
    assert isinstance(info.value, dvclive.error.DvcLiveError)
    assert open("dvclive/plots/images/x.png", "rb").read() == before
    assert os.listdir("dvclive/plots/images") == ["x.png"]

    live.log_image("y.png", first)  # another name in the same step is fine
    live.next_step()
    live.log_image("x.png", np.full((4, 4), 200, np.uint8))  # same name, next step
    with Image.open("dvclive/plots/images/x.png") as im:
        assert im.getpixel((0, 0)) == 200


def test_data_already_logged_keys_on_final_name(tmp_dir):
    Image.new("L", (3, 3)).save("src.png")
    live = Live(save_dvc_exp=False)
    live.log_image("s", "src.png")  # final name s.png
    with pytest.raises(DataAlreadyLoggedError, match="'s.png'"):
        live.log_image("s.png", np.zeros((3, 3), np.uint8))
    with pytest.raises(DataAlreadyLoggedError, match="'a/b.png'"):
        live.log_image("a/b.png", np.zeros((3, 3), np.uint8))
        live.log_image("a//b.png", np.zeros((3, 3), np.uint8))


def test_data_already_logged_after_setting_step(tmp_dir):
    live = Live(save_dvc_exp=False)
    live.step = 5
    live.log_image("x.png", np.zeros((2, 2), np.uint8))
    with pytest.raises(DataAlreadyLoggedError, match="step '5'"):
        live.log_image("x.png", np.zeros((2, 2), np.uint8))
    live.step = 6
    live.log_image("x.png", np.zeros((2, 2), np.uint8))


def test_error_classes_are_upstreams():
    import dvclive_nb.error as e

    for name in ("DvcLiveError", "InvalidDataTypeError", "InvalidImageNameError",
                 "InvalidDvcyamlError", "InvalidParameterTypeError",
                 "InvalidPlotTypeError", "InvalidReportModeError"):
        assert getattr(e, name) is getattr(dvclive.error, name)
    assert issubclass(e.DataAlreadyLoggedError, dvclive.error.DvcLiveError)
    assert issubclass(e.InvalidImageDataError, InvalidDataTypeError)
    assert issubclass(e.InvalidImageFileError, InvalidDataTypeError)
    assert issubclass(e.ImageNameError, dvclive.error.InvalidImageNameError)
