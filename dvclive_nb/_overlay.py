"""The overlay options of a view, checked (pure: ``Live`` checks them in scripts too)."""

from .error import InvalidOptionError


def overlay_options(overlay, labels) -> tuple:
    """``overlay={"mask": "input"}`` (draw series ``mask`` over series ``input``; several
    pairs allowed) and ``overlay_labels={1: "cat"}`` (class names of a label mask),
    checked, as the synced traits hold them (str keys)."""
    overlay = {} if overlay is None else overlay
    if not isinstance(overlay, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and k and v and k != v
            for k, v in overlay.items()):
        raise InvalidOptionError("overlay", overlay, 'a dict of series names, '
                                 '{"over": "under"}, e.g. {"mask": "input"}')
    labels = {} if labels is None else labels
    if not isinstance(labels, dict) or not all(
            _class_value(k) and isinstance(v, str) for k, v in labels.items()):
        raise InvalidOptionError("overlay_labels", labels,
                                 'a dict of class values > 0 to names, e.g. {1: "cat"}')
    return dict(overlay), {str(k): v for k, v in labels.items()}


def _class_value(key) -> bool:
    """A class value > 0: an int, or its digits as a checked dict holds them."""
    if isinstance(key, str):
        return key.isdigit() and int(key) > 0
    return isinstance(key, int) and not isinstance(key, bool) and key > 0
