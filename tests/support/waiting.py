"""Poll until something holds: runs, watchers and pages move on their own time."""

import time


def wait_for(fn, timeout=30.0, interval=0.1, what="condition"):
    """``fn()``'s first truthy value; AssertionError naming ``what`` after ``timeout`` s."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = fn()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}")
