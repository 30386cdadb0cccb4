"""Errors raised by dvclive-nb.

dvclive's own error classes are re-exported as the very same objects, so code that
catches ``dvclive.error.InvalidDataTypeError`` keeps working with ``dvclive_nb.Live``.
"""

from dvclive.error import (
    DvcLiveError,
    InvalidDataTypeError,
    InvalidDvcyamlError,
    InvalidImageNameError,
    InvalidParameterTypeError,
    InvalidPlotTypeError,
    InvalidReportModeError,
)

__all__ = [
    "ArgumentError",
    "AxisError",
    "BoxCoordinateError",
    "BoxEdgeError",
    "BoxFormatError",
    "BoxLabelError",
    "BoxScoreError",
    "BoxesError",
    "BoxesLengthError",
    "DataAlreadyLoggedError",
    "DvcLiveError",
    "ExportError",
    "ExportFormatError",
    "FrameSizeError",
    "ImageNameError",
    "ImageWriteError",
    "InvalidDataTypeError",
    "InvalidDvcyamlError",
    "InvalidImageDataError",
    "InvalidImageFileError",
    "InvalidImageNameError",
    "InvalidParameterTypeError",
    "InvalidPlotTypeError",
    "InvalidReportModeError",
    "MissingImagesError",
    "MissingStepsError",
    "NoImagesError",
    "NoSeriesError",
    "ShareBudgetError",
    "ShareError",
    "SourceError",
    "UnknownSeriesError",
    "UnknownSourceError",
]


class DataAlreadyLoggedError(DvcLiveError):
    """The same name was logged twice within one step (kept from dvclive < 3)."""

    def __init__(self, name: str, step: int):
        self.name = name
        self.step = step
        super().__init__(f"Data '{name}' has already been logged with step '{step}'")


class ImageNameError(InvalidImageNameError):
    """An image name that is unsafe or unusable, with the reason why."""

    def __init__(self, name, reason: str):
        self.reason = reason
        super().__init__(name)
        self.args = (f"Cannot log image with name {name!r}: {reason}",)


class InvalidOptionError(DvcLiveError, ValueError):
    """An option of ``Live(...)`` has a value it cannot take."""

    def __init__(self, option: str, value, expected: str):
        self.option, self.value = option, value
        super().__init__(f"Live({option}={value!r}): {option} must be {expected}.")


class AxisError(DvcLiveError, ValueError):
    """``show()``/``compare()``: a slider axis, stride or caption it cannot take."""


class ImageWriteError(DvcLiveError):
    """``async_images=True``: a queued image could not be encoded or written.

    Raised by the next ``log_image``, ``next_step``, ``wait_for_images`` or ``end``
    after the failure, naming the image; ``others`` lists further failed names.
    """

    def __init__(self, name: str, step, path: str, cause: BaseException, others=()):
        self.name = name
        self.step = step
        self.path = path
        self.cause = cause
        self.others = list(others)
        more = (f" ({len(self.others)} more failed too: {', '.join(self.others[:5])}"
                f"{', ...' if len(self.others) > 5 else ''})" if self.others else "")
        super().__init__(
            f"Could not write image {name!r} logged at step {step} to '{path}': "
            f"{type(cause).__name__}: {cause}{more}. Check that the run folder still "
            "exists and the disk has space; log the image again to retry."
        )


class BoxesError(DvcLiveError, ValueError):
    """``log_bounding_boxes`` was given boxes it cannot log; nothing was written.

    ``index`` is the position of the offending box (or label, or score), if any.
    """

    def __init__(self, name, reason: str, index=None):
        self.name = name
        self.reason = reason
        self.index = index
        super().__init__(f"Cannot log bounding boxes for {name!r}: {reason}")


class BoxesLengthError(BoxesError):
    """``boxes``, ``labels`` and ``scores`` have different lengths."""


class BoxFormatError(BoxesError):
    """An unknown ``format``, or ``normalized`` / ``image_size`` that do not fit."""


class BoxCoordinateError(BoxesError):
    """A box that is not four finite numbers (within 0-1 when normalised)."""


class BoxEdgeError(BoxesError):
    """A box whose right edge is left of its left edge, or bottom above its top."""


class BoxLabelError(BoxesError):
    """A label that is not a str."""


class BoxScoreError(BoxesError):
    """A score that is not a finite number between 0 and 1."""


class InvalidImageDataError(InvalidDataTypeError):
    """A value of a supported type that Pillow cannot write in the requested format."""

    def __init__(self, name: str, val, detail: str):
        self.detail = detail
        super().__init__(name, type(val))
        self.args = (f"Cannot save {detail}",)


class InvalidImageFileError(InvalidDataTypeError):
    """A path given as the image that is not a readable image file."""

    def __init__(self, name: str, path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(name, type(path))
        self.args = (f"Cannot log image {name!r} from path '{path}': {reason}",)


class NoImagesError(DvcLiveError):
    """``show()`` found no images to show."""

    def __init__(self, path):
        self.path = path
        super().__init__(
            f"No images under '{path}'. Pass the folder of a DVCLive run (the `dir` given "
            "to Live, 'dvclive' by default) or its plots/images folder."
        )


class SourceError(DvcLiveError):
    """A source of frames (``show()`` / ``compare()``) that cannot be read."""


class UnknownSourceError(SourceError):
    """A source that is no folder, URL, running run, experiment or git revision."""

    def __init__(self, source, runs=(), experiments=()):
        self.source = source
        self.runs = list(runs)
        self.experiments = list(experiments)
        running = ", ".join(f"{r.name} ({r.kind})" for r in self.runs) or "none"
        exps = ", ".join(self.experiments[:20]) or "none"
        more = f" and {len(self.experiments) - 20} more" if len(self.experiments) > 20 else ""
        super().__init__(
            f"'{source}' is not a run folder, a URL, a running run or an experiment. "
            f"Running now: {running}. Experiments: {exps}{more}."
        )


class MissingImagesError(SourceError):
    """An experiment whose images cannot be read from its commit."""


class NoSeriesError(SourceError):
    """A source to compare that holds no image series (``<folder>/<step>.png``)."""

    def __init__(self, source, singles=(), left_out=None):
        """``left_out``: why the run's images are not in it, when that is known (a git
        ignore rule; ``_ignored.left_out_message``), said as ``MissingImagesError`` says it."""
        self.source = source
        self.singles = list(singles)
        self.left_out = left_out
        held = (f"It holds only single images: {', '.join(self.singles)}." if self.singles
                else "It holds no images at all.")
        why = f" {left_out}" if left_out else ""
        super().__init__(
            f"'{source}' has no image series to compare (files named <folder>/<step>.png, "
            f"as logged by live.log_image(f\"pred/{{live.step}}.png\", ...)). {held}{why}")


class UnknownSeriesError(SourceError):
    """``export()``: a series name that the run does not hold."""

    def __init__(self, name, source, series=(), singles=()):
        self.name = name
        self.source = source
        self.series = list(series)
        self.singles = list(singles)
        held = (f"Its series: {', '.join(self.series)}." if self.series else
                "It holds no image series (files named <folder>/<step>.png, as logged by "
                "live.log_image(f\"pred/{live.step}.png\", ...)).")
        if self.singles and not self.series:
            held += f" Only single images: {', '.join(self.singles)}."
        super().__init__(f"'{source}' has no image series {name!r}. {held}")


class ArgumentError(DvcLiveError):
    """A call was given an argument it cannot use; ``argument`` names it (or None)."""

    def __init__(self, message: str, argument=None):
        self.argument = argument
        super().__init__(message)


class ExportError(ArgumentError):
    """``export()`` was given an argument it cannot use (``argument`` names it), or a
    frame it cannot read. Nothing is written."""


class ExportFormatError(ExportError):
    """``export()`` to a file whose suffix is not an animated format it writes."""

    def __init__(self, path, suffixes):
        self.path = path
        self.suffixes = list(suffixes)
        super().__init__(
            f"Cannot export to '{path}': the suffix must be one of "
            f"{', '.join(self.suffixes)} (an animated GIF, PNG or WebP).", "path")


class MissingStepsError(ExportError):
    """``export(steps=...)`` asked for steps that the series does not hold."""

    def __init__(self, name, missing, steps):
        self.name = name
        self.missing = list(missing)
        self.steps = list(steps)
        shown = ", ".join(map(str, self.missing[:10])) + (", ..." if len(self.missing) > 10
                                                          else "")
        logged = _ranges(self.steps)
        super().__init__(
            f"Series {name!r} has no step {shown} ({len(self.missing)} missing). "
            f"Its steps: {logged}. Pass steps=None for all of them.", "steps")


class FrameSizeError(ExportError):
    """``export()``: a frame whose size differs from the first exported frame's."""

    def __init__(self, name, step, size, first_step, first_size):
        self.name = name
        self.step = step
        self.size = tuple(size)
        self.first_step = first_step
        self.first_size = tuple(first_size)
        super().__init__(
            f"Frame {step} of series {name!r} is {size[0]}x{size[1]}, but frame "
            f"{first_step} is {first_size[0]}x{first_size[1]}: an animation's frames "
            "must all have one size. Pick same-sized frames with steps=[...].", "steps")


class ShareError(ArgumentError):
    """``to_html()`` was given an argument it cannot use (``argument`` names it), or
    found nothing to share. Nothing is written."""


class ShareBudgetError(ShareError):
    """``to_html(max_mb=...)``: even one step does not fit the budget."""

    def __init__(self, max_mb, smallest: int):
        self.max_mb = max_mb
        self.smallest = smallest
        super().__init__(
            f"max_mb={max_mb} is too small: the viewer and one step of every series take "
            f"{smallest / 2**20:.2f} MB. Raise max_mb, or shrink the frames with max_side= "
            "or keep fewer series with series=.", "max_mb")


def _ranges(steps) -> str:
    """Steps for a message: all of them when few, else the first two and the last."""
    if not steps:
        return "none"
    if len(steps) <= 8:
        return ", ".join(map(str, steps))
    return f"{steps[0]}, {steps[1]}, ..., {steps[-1]} ({len(steps)} steps)"
