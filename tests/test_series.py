import numpy as np
from PIL import Image

from dvclive_nb import series
from dvclive_nb.sources.folder import FolderSource


def test_parse():
    assert series.parse("pred/12.png") == ("pred", 12)
    assert series.parse("a/b/0.jpeg") == ("a/b", 0)
    assert series.parse("x/7.GIF") is None  # upstream suffixes are lower case
    assert series.parse("12.png") is None  # no folder: a single image
    assert series.parse("pred/latest.png") is None
    assert series.parse("pred/1.5.png") is None
    assert series.parse("pred/-1.png") is None


def test_series_sparse_steps():
    s = series.Series("pred")
    for step in (0, 10, 20, 40):
        s.add(step, f"{step}.png")
    s.add(30, "30.png")  # out of order: kept sorted
    s.add(10, "10.png")  # again: no duplicate
    assert s.steps == [0, 10, 20, 30, 40]
    assert s.path("imgs", 30).endswith("imgs/pred/30.png")


def test_a_folder_lists_series_and_single_images(tmp_path):
    img = Image.fromarray(np.zeros((2, 2), np.uint8))
    for rel in ("pred/0.png", "pred/10.png", "pred/2.png", "a/b/1.jpg", "numpy.png",
                "sub/latest.png", "pred/.10.png.abcd.tmp", "notes.txt", "pred/3.PNG"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith((".png", ".jpg", ".PNG")):
            img.save(path, format="JPEG" if rel.endswith(".jpg") else "PNG")
        else:
            path.write_text("x")
    # A run's images folder is read by its source (dvclive_nb.sources.folder).
    source = FolderSource(str(tmp_path))
    frames = source.scan()
    found = {f.panel: [] for f in frames if f.kind == "series"}
    for f in frames:
        if f.kind == "series":
            found[f.panel].append(f.step)
    assert found == {"a/b": [1], "pred": [0, 2, 10]}
    assert source.read("a/b", 1) == (tmp_path / "a/b/1.jpg").read_bytes()
    assert [f.panel for f in frames if f.kind == "single"] == ["numpy.png", "sub/latest.png"]


def names_of(indexed):
    return {g.pattern: (g.axes, sorted(g.series.values())) for g in indexed}


def test_index_axes_samples_slices_and_two_axes():
    from dvclive_nb.series import index_axes

    samples = [f"pred/{i}" for i in range(3)]
    slices = [f"slices/{z:03d}" for z in (0, 5, 10)]
    grid = [f"a/{i}/b/{j}" for i in (0, 1) for j in (0, 1, 2)]
    indexed, plain = index_axes(["loss_map", *samples, *slices, *grid])
    got = {g.pattern: g for g in indexed}
    assert sorted(got) == ["a/{0}/b/{1}", "pred/{0}", "slices/{0}"]
    assert got["pred/{0}"].axes == [[0, 1, 2]] and got["pred/{0}"].series[(2,)] == "pred/2"
    assert got["slices/{0}"].axes == [[0, 5, 10]]
    assert got["slices/{0}"].series[(5,)] == "slices/005"
    assert got["a/{0}/b/{1}"].axes == [[0, 1], [0, 1, 2]]
    assert got["a/{0}/b/{1}"].series[(1, 2)] == "a/1/b/2"
    assert plain == ["loss_map"]


def test_index_axes_ambiguous_names_stay_separate():
    from dvclive_nb.series import index_axes

    # Words are names, not indexes; signs, decimals and letters make a name too.
    indexed, plain = index_axes(["val/cat", "val/dog", "x/v2", "x/v3", "y/-1", "y/1.5"])
    assert indexed == [] and plain == ["val/cat", "val/dog", "x/v2", "x/v3", "y/-1", "y/1.5"]
    # One value is no axis.
    assert index_axes(["pred/0"]) == ([], ["pred/0"])
    # "01" and "1" read as one number: ambiguous, kept apart.
    assert index_axes(["s/01", "s/1", "s/2"]) == ([], ["s/01", "s/1", "s/2"])
    # A plain "pred" next to pred/0, pred/1: both kept, under different patterns.
    indexed, plain = index_axes(["pred", "pred/0", "pred/1", "pred/best"])
    assert names_of(indexed) == {"pred/{0}": ([[0, 1]], ["pred/0", "pred/1"])}
    assert plain == ["pred", "pred/best"]
    # Different words around the index: separate patterns, each with one value.
    assert index_axes(["a/1/x", "a/2/y"]) == ([], ["a/1/x", "a/2/y"])
