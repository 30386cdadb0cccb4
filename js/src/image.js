// An image of a frame: its source, its size on screen, its caption.

// Show ``frame`` of panel ``p`` in ``img`` (nothing while its bytes are fetched), the one
// way every view sets an image's source. Returns the frame's URL, or null.
export function showFrame(img, store, frame, p) {
  const url = store.urlFor(frame, p);
  setSrc(img, url, frame);
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
// series fit their box; large previews of single images stay small.
export function sizeImg(img, kind, actual) {
  const w = img.naturalWidth;
  if (!w) return;
  img.classList.toggle("dvnb-pixelated", w < 128);
  img.style.width = actual ? `${w}px`
    : w < 128 ? `${w * Math.max(1, Math.floor(256 / w))}px`
    : kind === "single" ? `${Math.min(w, 192)}px` : "";
  img.classList.toggle("dvnb-fit", !actual && w >= 128);
}

// The same for an image or a canvas ``naturalWidth`` wide in a pair (swipe, difference).
export function scaleBox(node, naturalWidth) {
  // Pairs keep the single view's sizing: small images scaled up whole.
  if (!naturalWidth) return;
  node.classList.toggle("dvnb-pixelated", naturalWidth < 128);
  node.style.width = naturalWidth < 128
    ? `${naturalWidth * Math.max(1, Math.floor(256 / naturalWidth))}px` : "";
  node.classList.toggle("dvnb-fit", naturalWidth >= 128);
}

// The caption under a frame: which step it is (at or before the chosen one), and why
// there is none.
export function frameCaption(label, frame, url, img) {
  const loaded = url && img.getAttribute("src") === url && img.complete && img.naturalWidth;
  const size = loaded ? ` · ${img.naturalWidth}×${img.naturalHeight}` : "";
  const where = !frame ? " · no frame yet"
    : frame.gone ? ` · step ${frame.step} · file no longer on disk`
    : !url ? ` · step ${frame.step} · loading…` : ` · step ${frame.step}${size}`;
  return `${label}${where}`;
}
