// An image of a frame: its source, its size on screen, its caption.

import { annotate } from "./annotate.js";

// Show ``frame`` of panel ``p`` in ``img`` (nothing while its bytes are fetched), the one
// way every view sets an image's source. Returns the frame's URL, or null.
export function showFrame(img, store, frame, p) {
  const url = store.urlFor(frame, p);
  setSrc(img, url, frame);
  annotate(img, store, frame, p, url); // its boxes and overlay, if any (annotate.js)
  return url;
}

// Show ``url`` in ``img``. A large frame is decoded first, off the page's main thread,
// and swapped in once ready: arriving 1024x1024 frames do not stall zooming or panning.
const DECODE_FIRST_BYTES = 256 * 1024;

function setSrc(img, url, frame) {
  if (!url) {
    img.removeAttribute("src");
    img.dataset.want = "";
    return;
  }
  if (img.getAttribute("src") === url || img.dataset.want === url) return;
  img.dataset.want = url;
  if (!frame || frame.size < DECODE_FIRST_BYTES || !img.getAttribute("src")) {
    img.src = url;
    return;
  }
  const next = new Image();
  next.src = url;
  const swap = () => { if (img.dataset.want === url) img.src = url; };
  next.decode().then(swap, swap);
}

// Small images (MNIST-sized) are scaled up by a whole factor, without blur. Large
// series fit their box; large previews of single images stay small. ``node`` is an image,
// or the canvas of a difference, ``width`` pixels wide.
export function sizeBox(node, width, kind = "series", actual = false) {
  if (!width) return;
  node.classList.toggle("dvnb-pixelated", width < 128);
  node.style.width = actual ? `${width}px`
    : width < 128 ? `${width * Math.max(1, Math.floor(256 / width))}px`
    : kind === "single" ? `${Math.min(width, 192)}px` : "";
  node.classList.toggle("dvnb-fit", !actual && width >= 128);
}

// The caption under a frame: which step it is (at or before the chosen one), and why
// there is none. Given the ``selected`` step (the step box shows it), the caption names
// the frame's own step only where it differs: one place for the step (issue 21), and
// then says so, "step 40 (at 45)" (snap, issue 20). ``facts``: the axis value and the
// chosen metrics at the frame (axis.js frameFacts). ``named``: name the step even where
// it is the selected one (a board's panels, which head no step box of their own).
export function frameCaption(label, frame, url, img, selected = null, facts = "", named = false) {
  const loaded = url && img.getAttribute("src") === url && img.complete && img.naturalWidth;
  const size = loaded ? ` · ${img.naturalWidth}×${img.naturalHeight}` : "";
  const exact = !frame || selected === null || frame.step === selected;
  const at = exact ? "" : ` (at ${selected})`;
  const step = (frame && (named || !exact || selected === null) ? ` · step ${frame.step}${at}` : "")
    + (frame && facts ? ` · ${facts}` : "");
  const where = !frame ? " · no frame yet"
    : frame.gone ? `${step} · file no longer on disk`
    : !url ? `${step} · loading…` : `${step}${size}`;
  return `${label}${where}`;
}
