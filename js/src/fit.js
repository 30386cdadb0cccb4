// One scale rule per view (issue 21, "Previews"): how large each image of a run view is
// drawn, so that a small image is never drawn larger than a big one beside it, and a
// view of large series fits the height of the page with its slider.
//
// The rule: every image is shrunk to fit one square box, never enlarged, so display
// size grows with natural size. The box is the largest that lets the view's rows fit
// the cell's width and the page's height (flex rows as the browser wraps them, or one
// row per series while a step is pinned). A view of only small images (pixel art such
// as MNIST, "a view of its own") is instead scaled up by one whole factor, pixel-sharp.

const PIXEL_ART = 128; // below this on both sides an image is pixel art
const PIXEL_ART_TARGET = 256; // pixel art is scaled up to about this
const PREVIEW_BOX = 256; // a view of still images only: thumbnails, not posters
const MIN_BOX = 128; // the page's height never shrinks a large image below this

// ``sizes``: [[w, h], ...] natural sizes, one per row item; ``room``: {width, height,
// gap, chrome (caption and the like under each row), columns (images per item: 2 while
// pinned), itemPerRow (pinned: each series on its own row)}; ``previews``: the view
// holds still images only. Returns (w, h) -> [display width, pixelated].
export function scaleRule(sizes, room, previews) {
  const biggest = Math.max(0, ...sizes.map(([w, h]) => Math.max(w, h)));
  if (!biggest) return () => [0, false];
  if (biggest < PIXEL_ART) {
    // The page's height takes the factor down to 2, not below: smaller, pixel art is
    // unreadable, and at twice its size it is small anyway. The width takes it to 1.
    let k = Math.max(1, Math.floor(PIXEL_ART_TARGET / biggest));
    const tall = { ...room, height: Infinity };
    while (k > 2 && !fits(sizes, room, (w, h) => [w * k, h * k])) k--;
    while (k > 1 && !fits(sizes, tall, (w, h) => [w * k, h * k])) k--;
    return (w) => [w * k, k > 1];
  }
  const shown = (box) => (w, h) => {
    const s = Math.min(1, box / Math.max(w, h));
    return [w * s, h * s];
  };
  const hi = previews ? Math.min(PREVIEW_BOX, biggest) : biggest;
  let box = Math.min(MIN_BOX, hi);
  if (fits(sizes, room, shown(hi))) box = hi;
  else {
    let lo = box; // the largest box found to fit (MIN_BOX fits or not: the floor)
    let top = hi;
    while (top - lo > 1) {
      const mid = Math.floor((lo + top) / 2);
      if (fits(sizes, room, shown(mid))) lo = mid; else top = mid;
    }
    box = lo;
  }
  return (w, h) => [Math.floor(shown(box)(w, h)[0]), false];
}

// Whether the items, drawn by ``shown``, fit ``room``: wrapped into rows as a flex box
// wraps them (or one per row), each row as tall as its tallest image plus ``chrome``.
function fits(sizes, room, shown) {
  const { width, height, gap, chrome, columns = 1, itemPerRow = false } = room;
  let x = 0, rowH = 0, total = 0, first = true;
  for (const [w, h] of sizes) {
    const [dw, dh] = shown(w, h);
    const itemW = columns * dw + (columns - 1) * gap;
    if (itemW > width) return false;
    if (!first && (itemPerRow || x + gap + itemW > width)) {
      total += rowH + chrome + gap;
      x = 0; rowH = 0;
    }
    x += (x ? gap : 0) + itemW;
    rowH = Math.max(rowH, dh);
    first = false;
  }
  return total + rowH + chrome <= height;
}

// How tall the part of the page that shows ``node`` is: the nearest ancestor that
// scrolls (a notebook's panel, an output cut short), else the outermost that could
// (JupyterLab's outputs are overflow: auto but as tall as what they hold), else the
// window. Inside an output iframe (VS Code, Colab) the window grows with its content,
// so the top window's, or the screen's, height stands in.
export function visibleHeight(node) {
  let outermost = 0;
  for (let p = node.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowY;
    if (o !== "auto" && o !== "scroll") continue;
    if (p.scrollHeight > p.clientHeight + 1) return p.clientHeight;
    if (p.clientHeight) outermost = p.clientHeight;
  }
  if (outermost) return outermost;
  if (window.top === window) return window.innerHeight;
  try {
    return window.top.innerHeight;
  } catch {
    return Math.round(screen.availHeight * 0.85);
  }
}
