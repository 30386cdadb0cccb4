"""Images whose pixels say what they are, so a test can tell which frame it got."""

import inspect
import io

import numpy as np


def png(value, size=16):
    """A ``size`` x ``size`` grey PNG, every pixel ``value`` (0-255), as bytes."""
    return encode_png(np.full((size, size), value, np.uint8))


def encode_png(pixels):
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, format="PNG")
    return buf.getvalue()


def grey(data, xy=(0, 0)):
    """The value of one pixel of PNG (or any image) bytes."""
    from PIL import Image

    return Image.open(io.BytesIO(data)).getpixel(xy)


def frame(step, tag, size=32):
    """An RGB frame that carries its step and a tag: red = step % 256,
    green = step // 256, blue = a tag per series or run."""
    img = np.zeros((size, size, 3), np.uint8)
    img[..., 0], img[..., 1], img[..., 2] = step % 256, step // 256, tag
    return img


def step_and_tag(data):
    """(step, tag) read back from the bytes of a ``frame()`` saved as PNG."""
    red, green, blue = grey(data, (1, 1))[:3]
    return red + 256 * green, blue


# frame() for code that runs elsewhere: a kernel, a training script, a writer process.
FRAME_CODE = "import numpy as np\n\n\n" + inspect.getsource(frame)
