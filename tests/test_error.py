"""The errors (dvclive_nb/error.py): typed, under dvclive's ``DvcLiveError``, and each
message says what is wrong and what to do about it."""

import dvclive.error
import pytest

from dvclive_nb import error
from dvclive_nb.runs import Run


def test_every_error_is_a_dvclive_error_and_upstreams_are_the_same_objects():
    for name in error.__all__:
        cls = getattr(error, name)
        assert issubclass(cls, dvclive.error.DvcLiveError), name
        if hasattr(dvclive.error, name):  # re-exported, not copied: `except` still works
            assert cls is getattr(dvclive.error, name)
    assert issubclass(error.ImageNameError, dvclive.error.InvalidImageNameError)
    assert issubclass(error.InvalidImageDataError, dvclive.error.InvalidDataTypeError)
    assert issubclass(error.InvalidOptionError, ValueError)


RUN = Run(name="q-a", kind="queue", pid=1, folder="/r/dvclive", step=3)

# (error, what its message must say: the fault, then the way out)
MESSAGES = [
    (error.NoImagesError("runs/x"),
     ["No images under 'runs/x'", "Pass the folder of a DVCLive run"]),
    (error.UnknownSourceError("nope", [RUN], ["exp-1", "exp-2"]),
     ["'nope' is not a run folder", "Running now: q-a (queue)", "Experiments: exp-1, exp-2."]),
    (error.UnknownSourceError("nope", [], [f"e{i}" for i in range(25)]),
     ["Running now: none", "e19 and 5 more."]),
    (error.NoSeriesError("singles", ["latest.png"]),
     ["no image series to compare", 'live.log_image(f"pred/{live.step}.png"',
      "only single images: latest.png"]),
    (error.UnknownSeriesError("pred", "run", ["target"]),
     ["no image series 'pred'", "Its series: target."]),
    (error.ExportFormatError("a.mp4", [".gif", ".png", ".webp"]),
     ["Cannot export to 'a.mp4'", "must be one of .gif, .png, .webp"]),
    (error.MissingStepsError("pred", [7], list(range(0, 100, 10))),
     ["no step 7", "Its steps: 0, 10, ..., 90 (10 steps)", "Pass steps=None"]),
    (error.FrameSizeError("pred", 5, (8, 8), 0, (4, 4)),
     ["Frame 5 of series 'pred' is 8x8", "Pick same-sized frames with steps=[...]"]),
    (error.ImageWriteError("a.png", 2, "/r/a.png", OSError(28, "No space left"), ["b.png"]),
     ["Could not write image 'a.png' logged at step 2", "1 more failed too: b.png",
      "log the image again to retry"]),
    (error.InvalidOptionError("browser_cache_mb", -1, "a positive number of megabytes"),
     ["Live(browser_cache_mb=-1)", "must be a positive number of megabytes"]),
    (error.ImageNameError("../x.png", "'..' would leave the images folder"),
     ["Cannot log image with name '../x.png'", "would leave the images folder"]),
]


@pytest.mark.parametrize(("exc", "parts"), MESSAGES, ids=lambda v: type(v).__name__
                         if isinstance(v, Exception) else "")
def test_messages_say_what_is_wrong_and_what_to_do(exc, parts):
    message = str(exc)
    for part in parts:
        assert part in message, (part, message)


def test_the_kept_upstream_message_of_a_name_logged_twice():
    # dvclive < 3 raised this very text; the README's error table gives the way out.
    exc = error.DataAlreadyLoggedError("x.png", 3)
    assert str(exc) == "Data 'x.png' has already been logged with step '3'"
    assert (exc.name, exc.step) == ("x.png", 3)


def test_errors_keep_what_they_are_about():
    exc = error.UnknownSourceError("nope", [RUN], ["exp-1"])
    assert (exc.source, exc.runs, exc.experiments) == ("nope", [RUN], ["exp-1"])
    assert error.MissingStepsError("p", [1], [0]).argument == "steps"
    assert error.ExportFormatError("a.mp4", [".gif"]).argument == "path"
