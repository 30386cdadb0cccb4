"""Driving a notebook page and reading which frame is on screen from its pixels."""

import time

import nbformat

# Frames made by tests.support.images.frame carry their step in the pixels: red =
# step % 256, green = step // 256, blue = a tag per series (READ_PIXEL_JS reads them).
READ_PIXEL_JS = """
([name, cell]) => {
  // The first such panel on the page, or (``cell`` a number) in that code cell.
  const root = cell === null ? document : document.querySelectorAll('.jp-CodeCell')[cell];
  const img = root && root.querySelector(`.dvnb-panel[data-name="${name}"] img`);
  if (!img || !img.complete || !img.naturalWidth || !img.getAttribute('src')) return null;
  const c = document.createElement('canvas');
  c.width = img.naturalWidth; c.height = img.naturalHeight;
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const d = ctx.getImageData(1, 1, 1, 1).data;
  return [d[0] + 256 * d[1], d[2]];
}
"""


# How many frames, and how many bytes of them, the page holds in memory.
FRAMES_HELD_JS = """() => {
  let n = 0, bytes = 0;
  for (const s of globalThis.__dvclive_nb_stores.values())
    for (const p of s.panels.values())
      for (const f of p.frames.values()) if (f.blob || f.data) { n++; bytes += f.size; }
  return [n, bytes];
}"""

# The SHA-256 of the bytes panel ``name`` shows: which file is on screen, exactly.
SHOWN_SHA256_JS = """
async (name) => {
  const img = document.querySelector(`.dvnb-panel[data-name="${name}"] img`);
  if (!img || !img.getAttribute('src')) return null;
  const buf = await (await fetch(img.src)).arrayBuffer();
  const hash = await crypto.subtle.digest('SHA-256', buf);
  return [...new Uint8Array(hash)].map(b => b.toString(16).padStart(2, '0')).join('');
}
"""


def write_notebook(path, *sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, path)


def shown_step(page, name, tag=None, cell=None):
    """The step of the frame on screen in panel ``name``, read from its pixels.

    ``cell``: read the panel in that code cell (0-based), not the first on the page.
    """
    got = page.evaluate(READ_PIXEL_JS, [name, cell])
    if got is None:
        return None
    step, seen_tag = got
    if tag is not None:
        assert seen_tag == tag, f"panel {name} shows a frame of another series ({seen_tag})"
    return step


def wait_kernel_idle(page, timeout=60):
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']:visible",
                           timeout=timeout * 1000)


def open_notebook(page, url):
    if "/lab/" in url:
        url += "&reset"  # a fresh JupyterLab workspace: only this notebook's tab
    page.goto(url)
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell:visible", timeout=60000)
    wait_kernel_idle(page)
    # The toolbar can read idle while the kernel still starts (notes/browser-testing.md).
    page.wait_for_function(
        "() => /Idle/.test(document.querySelector('#jp-main-statusbar')?.textContent || '')"
        " || !!document.querySelector('#main-panel')",
        timeout=60000,
    )
    time.sleep(1.0)


def run_all(page):
    for _ in range(3):
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-item", has_text="Run All Cells").first.click()
        try:
            page.wait_for_function(
                "() => [...document.querySelectorAll('.jp-InputPrompt')]"
                ".some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))",
                timeout=10000,
            )
            return
        except Exception:  # noqa: BLE001 - the run was dropped; try again
            time.sleep(1)
    raise AssertionError("Run All never started")


def steps_while_playing(page, name, tag, fps="20", seconds=2.0):
    """Press Play at ``fps``, sample the step on screen for ``seconds``, press Pause."""
    page.locator(".dvnb-speed").first.select_option(fps)
    page.locator(".dvnb-play").first.click()
    seen = set()
    deadline = time.time() + seconds
    while time.time() < deadline:
        seen.add(shown_step(page, name, tag))
        time.sleep(0.03)
    page.locator(".dvnb-play").first.click()
    return seen


def cell_busy(page, index):
    prompt = page.locator(".jp-CodeCell:visible .jp-InputPrompt").nth(index).text_content()
    return "*" in (prompt or "")


def slider(page, nth=0):
    return page.locator(".dvnb-slider").nth(nth)


def interrupt(page):
    """Interrupt the kernel from JupyterLab's Kernel menu, and wait until it is idle."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Kernel").first.click()
    page.locator(".lm-Menu-item", has_text="Interrupt Kernel").first.click()
    wait_kernel_idle(page)


def add_cell_and_run(page, after, code):
    """Insert a code cell below code cell ``after`` (0-based), type ``code``, run it."""
    page.locator(".jp-CodeCell .jp-InputPrompt").nth(after).click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    page.keyboard.press("Enter")
    page.keyboard.type(code)
    page.keyboard.press("Shift+Enter")


def whole_screenshot(page, node, path):
    """A picture of ``node`` (a locator), whole: one taller than the notebook's visible
    part came out cut, Lab's status bar over its foot. The page grows for the picture,
    then gets its size back (the test goes on at the size it chose)."""
    size = dict(page.viewport_size)
    for _ in range(2):  # a taller page may fit the images larger: measure again
        shown = page.locator(".jp-WindowedPanel-outer").first.bounding_box()
        extra = node.bounding_box()["height"] + 24 - shown["height"]
        if extra <= 0:
            break
        page.set_viewport_size({"width": size["width"],
                                "height": page.viewport_size["height"] + int(extra)})
        page.wait_for_timeout(400)
    node.evaluate("n => n.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(200)
    node.screenshot(path=str(path))
    if page.viewport_size != size:
        page.set_viewport_size(size)
        page.wait_for_timeout(400)
