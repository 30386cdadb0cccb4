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
