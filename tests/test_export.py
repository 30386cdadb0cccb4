"""export(): a series as an animated GIF, PNG or WebP, written with real Pillow from a run
logged with dvclive_nb.Live; frames read back and compared with the PNGs on disk."""

import subprocess

import numpy as np
import pytest
from PIL import Image, ImageSequence

import dvclive_nb
from dvclive_nb import Live
from dvclive_nb.error import (
    DvcLiveError,
    ExportError,
    ExportFormatError,
    FrameSizeError,
    MissingStepsError,
    SourceError,
    UnknownSeriesError,
    UnknownSourceError,
)

W, H = 64, 48
COLOURS = np.array([(200, 30, 30), (30, 160, 40), (20, 40, 210), (240, 220, 90),
                    (250, 250, 250), (90, 20, 120), (10, 10, 10)], np.uint8)


def rgb_frame(i):
    """Few colours (GIF palettes stay exact), a different picture at every step."""
    arr = np.empty((H, W, 3), np.uint8)
    arr[:] = COLOURS[i % len(COLOURS)]
    arr[10:30, 5 + 8 * i: 15 + 8 * i] = COLOURS[(i + 3) % len(COLOURS)]
    arr[40:, :] = (i * 30, 255 - i * 30, 128)
    return arr


def grey_frame(i):
    arr = np.full((H, W), 40 + 30 * i, np.uint8)
    arr[5:25, 8 * i: 8 * i + 12] = 255 - 20 * i
    return arr


def rgba_frame(i):
    arr = np.zeros((H, W, 4), np.uint8)
    arr[..., :3] = rgb_frame(i)
    arr[..., 3] = 255
    arr[:12, :] = (*COLOURS[i % 7], 0)  # fully transparent, with a colour underneath
    arr[12:20, :, 3] = 100  # semi-transparent
    arr[20:24, :, 3] = 200
    return arr


MAKERS = {"rgb": (rgb_frame, "RGB"), "grey": (grey_frame, "L"), "rgba": (rgba_frame, "RGBA")}


def log_run(kind="rgb", n=6, stride=1, folder="dvclive"):
    make, _ = MAKERS[kind]
    with Live(folder, save_dvc_exp=False) as live:
        for i in range(n):
            live.log_image(f"pred/{i * stride}.png", make(i))
            live.log_image("single.png", make(i))
            live.next_step()
    return live


def source_frames(steps, folder="dvclive", series="pred"):
    out = []
    for step in steps:
        with Image.open(f"{folder}/plots/images/{series}/{step}.png") as im:
            out.append(im.copy())
    return out


def read_frames(path):
    with Image.open(path) as im:
        info = dict(im.info)
        frames = [(f.copy(), dict(f.info)) for f in ImageSequence.Iterator(im)]
    return info, frames


def pixels(image, mode):
    return np.asarray(image.convert(mode))


def assert_no_output(tmp_dir, name):
    assert not (tmp_dir / name).exists()
    assert not [p for p in tmp_dir.iterdir() if p.name.startswith(".")]  # no temp files


@pytest.mark.parametrize("kind", ["rgb", "grey", "rgba"])
@pytest.mark.parametrize("suffix", [".png", ".webp"])
def test_apng_and_webp_frames_are_exact(tmp_dir, kind, suffix):
    log_run(kind)
    mode = MAKERS[kind][1]
    out = dvclive_nb.export("pred", f"pred{suffix}", fps=10)
    assert out == f"pred{suffix}"
    info, frames = read_frames(out)
    with Image.open(out) as im:
        assert im.format == {".png": "PNG", ".webp": "WEBP"}[suffix]
        assert im.n_frames == 6
    assert info.get("loop") == 0
    expected = source_frames(range(6))
    assert expected[0].mode == mode  # sanity: the run holds what we meant to log
    assert len(frames) == 6
    for got, want in zip(frames, expected):
        assert got[0].size == (W, H)
        got_px, want_px = pixels(got[0], mode), pixels(want, mode)
        if suffix == ".webp" and mode == "RGBA":
            # WebP keeps no colour under fully transparent pixels: they read back as
            # transparent black. Every visible pixel, and all alpha, are exact.
            want_px = np.where(want_px[..., 3:] == 0, 0, want_px)
        assert np.array_equal(got_px, want_px)
        assert got[1]["duration"] == 100
    # The frames differ from one another, so a repeated first frame would have failed.
    assert not np.array_equal(pixels(expected[0], mode), pixels(expected[1], mode))


@pytest.mark.parametrize("kind", ["rgb", "grey"])
def test_gif_frames_match_when_few_colours(tmp_dir, kind):
    log_run(kind)
    out = dvclive_nb.export("pred", "pred.gif", fps=4)
    info, frames = read_frames(out)
    assert info["loop"] == 0  # forever
    assert len(frames) == 6
    for got, want in zip(frames, source_frames(range(6))):
        assert got[1]["duration"] == 250
        assert np.array_equal(pixels(got[0], "RGB"), pixels(want, "RGB"))


def test_gif_with_alpha_keeps_colours_and_makes_alpha_on_off(tmp_dir):
    log_run("rgba")
    _, frames = read_frames(dvclive_nb.export("pred", "pred.gif"))
    assert len(frames) == 6
    for (frame, _), source in zip(frames, source_frames(range(6))):
        got, want = pixels(frame, "RGBA"), pixels(source, "RGBA")
        opaque = want[..., 3] >= 128
        assert np.array_equal(got[..., 3], np.where(opaque, 255, 0))
        assert np.array_equal(got[opaque][:, :3], want[opaque][:, :3])


def test_gif_with_many_colours_is_quantised_not_refused(tmp_dir):
    rng = np.random.default_rng(0)
    with Live(save_dvc_exp=False) as live:
        for i in range(3):
            live.log_image(f"noise/{i}.png", rng.integers(0, 256, (32, 32, 3), np.uint8))
            live.next_step()
    _, frames = read_frames(dvclive_nb.export("noise", "noise.gif"))
    assert len(frames) == 3
    for got, want in zip(frames, source_frames(range(3), series="noise")):
        diff = np.abs(pixels(got[0], "RGB").astype(int) - pixels(want, "RGB").astype(int))
        assert len(np.unique(pixels(got[0], "RGB").reshape(-1, 3), axis=0)) <= 256
        assert diff.mean() < 12  # close, though not exact


def test_steps_select_and_order_frames_of_a_sparse_series(tmp_dir):
    log_run(n=6, stride=2)  # steps 0, 2, ..., 10
    out = dvclive_nb.export("pred", tmp_dir / "some.png", steps=range(0, 11, 4))
    assert out == str(tmp_dir / "some.png")
    _, frames = read_frames(out)
    assert len(frames) == 3
    for got, want in zip(frames, source_frames([0, 4, 8])):
        assert np.array_equal(pixels(got[0], "RGB"), pixels(want, "RGB"))
    _, frames = read_frames(dvclive_nb.export("pred", "back.webp", steps=[10, 2]))
    assert [np.array_equal(pixels(g[0], "RGB"), pixels(w, "RGB"))
            for g, w in zip(frames, source_frames([10, 2]))] == [True, True]
    # All steps of a sparse series, in order.
    _, frames = read_frames(dvclive_nb.export("pred", "all.png"))
    assert len(frames) == 6
    assert np.array_equal(pixels(frames[5][0], "RGB"), pixels(source_frames([10])[0], "RGB"))


def test_run_folder_images_folder_and_nested_series(tmp_dir):
    with Live("runs/a", save_dvc_exp=False) as live:
        for i in range(3):
            live.log_image(f"val/pred/{i}.png", rgb_frame(i))
            live.next_step()
    for run in ("runs/a", "runs/a/plots/images"):
        _, frames = read_frames(dvclive_nb.export("val/pred", "a.png", run=run))
        assert len(frames) == 3
        assert np.array_equal(pixels(frames[2][0], "RGB"), rgb_frame(2))


@pytest.mark.parametrize("corner", [True, "top-right", "bottom-left", "bottom-right"])
def test_label_changes_the_corner_only(tmp_dir, corner):
    log_run()
    _, frames = read_frames(dvclive_nb.export("pred", "pred.png", label=corner))
    name = "top-left" if corner is True else corner
    for step, (got, want) in enumerate(zip(frames, source_frames(range(6)))):
        changed = np.any(pixels(got[0], "RGB") != pixels(want, "RGB"), axis=2)
        rows, cols = np.nonzero(changed)
        assert rows.size > 20, f"step {step}: no label drawn"
        # Within a small box in that corner; everything else untouched.
        if name.startswith("top"):
            assert rows.min() == 0 and rows.max() < 20
        else:
            assert rows.max() == H - 1 and rows.min() >= H - 20
        if name.endswith("left"):
            assert cols.min() == 0 and cols.max() < 24
        else:
            assert cols.max() == W - 1 and cols.min() >= W - 24
    # The number drawn is the step: white glyphs that differ from one step to the next.
    glyphs = [np.all(pixels(f[0], "RGB") == 255, axis=2) for f in frames]
    assert all(g.any() for g in glyphs)
    assert not np.array_equal(glyphs[1], glyphs[2])


def test_label_on_gif_and_webp(tmp_dir):
    log_run("grey")
    for name in ("pred.gif", "pred.webp"):
        _, frames = read_frames(dvclive_nb.export("pred", name, label=True))
        got = pixels(frames[3][0], "L")
        want = pixels(source_frames([3])[0], "L")
        assert np.array_equal(got[20:], want[20:])
        assert not np.array_equal(got[:20, :24], want[:20, :24])
        assert set(np.unique(got[:12, :6])) <= {0, 255} | set(np.unique(want))


@pytest.mark.slow  # a git + DVC repo and two commits
def test_export_from_a_git_revision(tmp_dir, make_repo):
    make_repo(tmp_dir)
    log_run(n=3)
    subprocess.run(["git", "add", "dvclive"], check=True, capture_output=True)
    subprocess.run(["git", "commit", "-q", "-m", "run"], check=True, capture_output=True)
    expected = [pixels(f, "RGB") for f in source_frames(range(3))]
    subprocess.run(["git", "rm", "-rq", "dvclive"], check=True, capture_output=True)
    _, frames = read_frames(dvclive_nb.export("pred", "rev.png", run="HEAD"))
    assert [np.array_equal(pixels(g[0], "RGB"), w) for g, w in zip(frames, expected)] == [
        True, True, True]


# -- errors: typed, raised before anything is written ------------------------------------
def check_error(tmp_dir, cls, output, call, match=None):
    with pytest.raises(cls, match=match) as info:
        call()
    assert isinstance(info.value, DvcLiveError)
    assert_no_output(tmp_dir, output)
    return info.value


def test_unknown_series(tmp_dir):
    log_run()
    err = check_error(tmp_dir, UnknownSeriesError, "x.gif",
                      lambda: dvclive_nb.export("preds", "x.gif"), "no image series 'preds'")
    assert isinstance(err, SourceError)
    assert err.series == ["pred"] and err.singles == ["single.png"]
    # A single image is not a series either.
    check_error(tmp_dir, UnknownSeriesError, "x.gif",
                lambda: dvclive_nb.export("single.png", "x.gif"))


@pytest.mark.parametrize("name", ["x.jpg", "x.mp4", "x", "x.gif.tmp"])
def test_unsupported_suffix(tmp_dir, name):
    log_run()
    err = check_error(tmp_dir, ExportFormatError, name,
                      lambda: dvclive_nb.export("pred", name), "suffix must be one of")
    assert isinstance(err, ExportError) and err.argument == "path"


@pytest.mark.parametrize("fps", [0, -1, float("nan"), float("inf"), "10", True, None])
def test_bad_fps(tmp_dir, fps):
    log_run()
    err = check_error(tmp_dir, ExportError, "x.gif",
                      lambda: dvclive_nb.export("pred", "x.gif", fps=fps), "fps must be")
    assert type(err) is ExportError and err.argument == "fps"


def test_fps_sets_the_duration(tmp_dir):
    log_run(n=2)
    for fps, gif, png in ((2.5, 400, 400), (30, 30, 33), (1000, 10, 1)):
        assert read_frames(dvclive_nb.export("pred", "a.gif", fps=fps))[1][1][1]["duration"] == gif
        assert read_frames(dvclive_nb.export("pred", "a.png", fps=fps))[1][1][1]["duration"] == png


def test_missing_steps(tmp_dir):
    log_run(stride=2)
    err = check_error(tmp_dir, MissingStepsError, "x.png",
                      lambda: dvclive_nb.export("pred", "x.png", steps=range(5)),
                      r"no step 1, 3 \(2 missing\)")
    assert err.missing == [1, 3] and err.steps == [0, 2, 4, 6, 8, 10]
    assert isinstance(err, ExportError) and err.argument == "steps"


@pytest.mark.parametrize("steps", [[], "0", 3, [0, 1.5], [True]])
def test_bad_steps(tmp_dir, steps):
    log_run()
    err = check_error(tmp_dir, ExportError, "x.png",
                      lambda: dvclive_nb.export("pred", "x.png", steps=steps))
    assert type(err) is ExportError and err.argument == "steps"


def test_run_folder_that_does_not_exist(tmp_dir):
    check_error(tmp_dir, UnknownSourceError, "x.gif",
                lambda: dvclive_nb.export("pred", "x.gif", run="nope"),
                "'nope' is not a run folder")


@pytest.mark.parametrize(("kwargs", "argument"), [
    ({"series": ""}, "series"), ({"series": 3}, "series"),
    ({"label": "middle"}, "label"), ({"label": 1}, "label"),
    ({"path": "no/such/folder/x.gif"}, "path"), ({"path": 42}, "path"),
])
def test_other_bad_arguments(tmp_dir, kwargs, argument):
    log_run()
    args = {"series": "pred", "path": "x.gif", **kwargs}
    err = check_error(tmp_dir, ExportError, "x.gif", lambda: dvclive_nb.export(**args))
    assert err.argument == argument
    assert not (tmp_dir / "no").exists()


def test_output_that_is_a_folder(tmp_dir):
    log_run()
    (tmp_dir / "out.gif").mkdir()
    with pytest.raises(ExportError, match="it is a folder"):
        dvclive_nb.export("pred", "out.gif")
    assert not any((tmp_dir / "out.gif").iterdir())


def test_frames_of_different_sizes(tmp_dir):
    with Live(save_dvc_exp=False) as live:
        for i, size in enumerate([(8, 8), (8, 8), (9, 8)]):
            live.log_image(f"pred/{i}.png", np.full((*size, 3), i * 50, np.uint8))
            live.next_step()
    err = check_error(tmp_dir, FrameSizeError, "x.gif",
                      lambda: dvclive_nb.export("pred", "x.gif"), "Frame 2 .* is 8x9")
    assert (err.step, err.size, err.first_step, err.first_size) == (2, (8, 9), 0, (8, 8))
    # Same-sized frames chosen with steps= export fine.
    _, frames = read_frames(dvclive_nb.export("pred", "x.gif", steps=[0, 1]))
    assert len(frames) == 2


def test_unreadable_frame(tmp_dir):
    log_run(n=3)
    (tmp_dir / "dvclive/plots/images/pred/1.png").write_bytes(b"not a png")
    err = check_error(tmp_dir, ExportError, "x.webp",
                      lambda: dvclive_nb.export("pred", "x.webp"), "Frame 1 .* not a readable")
    assert err.argument is None


def test_failed_export_leaves_an_older_file_alone(tmp_dir):
    log_run(n=3)
    (tmp_dir / "old.gif").write_bytes(b"old")
    with pytest.raises(MissingStepsError):
        dvclive_nb.export("pred", "old.gif", steps=[7])
    assert (tmp_dir / "old.gif").read_bytes() == b"old"
    # A successful export replaces it whole (atomic rename), leaving no temporary file.
    dvclive_nb.export("pred", "old.gif")
    with Image.open(tmp_dir / "old.gif") as im:
        assert im.n_frames == 3
    assert not [p for p in tmp_dir.iterdir() if p.name.startswith(".")]
