"""The static fallback's HTML (dvclive_nb/_static_html.py)."""

import io

import numpy as np
from PIL import Image

from dvclive_nb._frame_log import Newest
from dvclive_nb._static_html import STATIC_MAX_BYTES, static_bundle


def test_labels_counts_and_large_images_shrunk():
    buf = io.BytesIO()
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (600, 600, 3), np.uint8)).save(
        buf, format="PNG")
    assert len(buf.getvalue()) > STATIC_MAX_BYTES
    bundle = static_bundle("uid1", [("0:pred", Newest(3, 7, "image/png", buf.getvalue()))],
                           {"0:pred": 4}, lambda name: f"run-a · {name[2:]}")
    assert "run-a · pred · step 7" in bundle["text/html"]
    assert "data:image/jpeg;base64," in bundle["text/html"] and "dvnb-static-uid1" in bundle[
        "text/html"]
    assert bundle["text/plain"] == "dvclive-nb images — run-a · pred: step 7 (4 frames)"
