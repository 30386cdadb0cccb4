// The lens, zoom and pan shared by every panel of a view, and the
// exact value of the pixel under the pointer. Browser-only, so it works while the
// kernel is busy training.

import { el } from "./dom.js";

const ZOOM_MAX = 64;

// Colour type from a PNG's IHDR (byte 25); JPEG and others read as RGB.
const PNG_TYPES = { 0: "grey", 2: "RGB", 3: "RGB", 4: "grey+alpha", 6: "RGBA" };

export class Lens {
  constructor() {
    this.k = 1; // zoom factor
    this.x = 0; // top-left corner shown, as fractions of the image
    this.y = 0;
    this.stages = new Set();
    this.listeners = new Set();
    this.pending = false;
  }

  clamp() {
    this.k = Math.min(ZOOM_MAX, Math.max(1, this.k));
    const room = 1 - 1 / this.k;
    this.x = Math.min(room, Math.max(0, this.x));
    this.y = Math.min(room, Math.max(0, this.y));
    this.schedule();
  }

  // Zoom by ``factor`` keeping the image point under (u, v) of the stage in place.
  zoomAt(u, v, factor) {
    const fx = this.x + u / this.k, fy = this.y + v / this.k;
    this.k *= factor;
    this.k = Math.min(ZOOM_MAX, Math.max(1, this.k));
    this.x = fx - u / this.k;
    this.y = fy - v / this.k;
    this.clamp();
  }

  panBy(du, dv) {
    this.x -= du / this.k;
    this.y -= dv / this.k;
    this.clamp();
  }

  reset() { this.k = 1; this.x = 0; this.y = 0; this.schedule(); }

  // Transforms are applied once per animation frame, however many events arrive.
  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.apply(); });
  }

  apply() {
    for (const img of this.stages) lensTransform(this, img);
    for (const fn of this.listeners) fn();
  }
}

function lensTransform(lens, img) {
  img.style.transformOrigin = "0 0";
  img.style.transform = lens.k === 1 ? ""
    : `scale(${lens.k}) translate(${-lens.x * 100}%, ${-lens.y * 100}%)`;
  // Sharp pixels whenever one image pixel covers one screen pixel or more.
  // (clientWidth forces a layout: read only when zoomed, never at a step switch at 1x.)
  const zoomed = lens.k > 1 && (!img.naturalWidth || lens.k * img.clientWidth >= img.naturalWidth);
  img.classList.toggle("dvnb-zoomed", zoomed);
}

// Zoom and pan ``node`` (an image or a canvas, in a box that clips it) with the lens,
// without a stage of its own (a swipe's or a difference's figure handles its pointer).
// Returns what lets it go.
export function lensFollow(lens, node) {
  lens.stages.add(node);
  node.addEventListener("load", () => lensTransform(lens, node));
  lensTransform(lens, node);
  return () => lens.stages.delete(node);
}

// The decoded pixels of what ``img`` shows, read once per frame shown.
const pixelCache = new WeakMap(); // img -> {src, data, width, type}

export function lensPixels(img) {
  const src = img.getAttribute("src");
  let c = pixelCache.get(img);
  if (c && c.src === src) return c;
  const canvas = document.createElement("canvas");
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  ctx.drawImage(img, 0, 0);
  c = { src, data: ctx.getImageData(0, 0, canvas.width, canvas.height).data,
    width: canvas.width, type: null };
  pixelCache.set(img, c);
  c.ready = colourType(src).then((type) => { c.type = type; });
  return c;
}

// The colour type of the image file at ``url`` ("grey", "RGB", ...), read from its
// header alone (a PNG's IHDR; other formats read as RGB).
export function colourType(url) {
  return fetch(url).then((r) => r.blob()).then((b) => b.slice(0, 26).arrayBuffer()).then((buf) => {
    const b = new Uint8Array(buf);
    const png = b.length === 26 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
    return png ? (PNG_TYPES[b[25]] || "RGBA") : "RGB";
  }).catch(() => "RGBA");
}

// "x 12, y 40 · RGB(200, 40, 40)": the pixel's value as the file holds it.
function pixelText(img, px, py) {
  const c = lensPixels(img);
  const i = (py * c.width + px) * 4;
  const [r, g, b, a] = [c.data[i], c.data[i + 1], c.data[i + 2], c.data[i + 3]];
  const type = c.type || (a === 255 ? "RGB" : "RGBA");
  const value = type === "grey" ? `grey ${r}`
    : type === "grey+alpha" ? `grey ${r}, alpha ${a}`
    : type === "RGB" ? `RGB(${r}, ${g}, ${b})` : `RGBA(${r}, ${g}, ${b}, ${a})`;
  return `x ${px}, y ${py} · ${value}`;
}

// Wrap ``img`` in a stage that zooms with the wheel (or a pinch), pans by dragging,
// resets on double-click, and reports the pixel under the pointer to ``onPixel``.
// ``pick(u)``, when given, says which [image, name] is seen at fraction ``u`` of the
// stage's width (a swipe shows two).
export function lensStage(lens, img, name, onPixel, pick = null) {
  const stage = el("div", { class: "dvnb-stage" }, [img]);
  lens.stages.add(img);
  const where = (e) => {
    const r = stage.getBoundingClientRect();
    return [(e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height];
  };
  stage.addEventListener("wheel", (e) => {
    if (lens.k === 1 && e.deltaY > 0) return; // nothing to zoom out of: let the page scroll
    e.preventDefault();
    const [u, v] = where(e);
    lens.zoomAt(u, v, Math.exp(-e.deltaY * (e.ctrlKey ? 0.01 : 0.002)));
  }, { passive: false });
  let drag = null;
  stage.addEventListener("pointerdown", (e) => {
    if (e.button !== 0 || lens.k === 1) return;
    drag = { x: e.clientX, y: e.clientY };
    stage.setPointerCapture(e.pointerId);
    stage.classList.add("dvnb-dragging");
  });
  stage.addEventListener("pointermove", (e) => {
    const r = stage.getBoundingClientRect();
    if (drag) {
      lens.panBy((e.clientX - drag.x) / r.width, (e.clientY - drag.y) / r.height);
      drag = { x: e.clientX, y: e.clientY };
      return;
    }
    hover = where(e);
    report();
  });
  // The readout of the pixel under the pointer: again when the frame or zoom changes
  // under a still pointer, and once the file's colour type is known.
  let hover = null;
  const report = () => {
    if (!hover) return;
    const [u, v] = hover;
    const [seen, label] = pick ? pick(u) : [img, name];
    if (!seen.naturalWidth || !seen.getAttribute("src")) return;
    const px = Math.floor((lens.x + u / lens.k) * seen.naturalWidth);
    const py = Math.floor((lens.y + v / lens.k) * seen.naturalHeight);
    if (px < 0 || py < 0 || px >= seen.naturalWidth || py >= seen.naturalHeight) return;
    const c = lensPixels(seen);
    onPixel(`${label} · ${pixelText(seen, px, py)}`);
    if (!c.type) c.ready.then(() => { if (hover && lensPixels(seen) === c) report(); });
  };
  const end = () => { drag = null; stage.classList.remove("dvnb-dragging"); };
  stage.addEventListener("pointerup", end);
  stage.addEventListener("pointercancel", end);
  stage.addEventListener("pointerleave", () => { hover = null; if (!drag) onPixel(""); });
  stage.addEventListener("dblclick", () => lens.reset());
  lens.listeners.add(report);
  img.addEventListener("load", () => { lensTransform(lens, img); report(); });
  lensTransform(lens, img);
  return stage;
}

// The lens's controls: a zoom range (log scale, zooms about the centre), "reset
// zoom", and the pixel readout.
export function lensControls(lens) {
  const zoom = el("input", {
    type: "range", min: 0, max: Math.log2(ZOOM_MAX), step: 0.25, value: 0,
    class: "dvnb-zoom", "aria-label": "zoom", title: "zoom (wheel over an image)",
    "data-lm-suppress-shortcuts": "true",
  });
  const reset = el("button", { class: "dvnb-zoom-reset", text: "Fit", title: "reset zoom (double-click an image)",
    "aria-label": "reset zoom" });
  const pixel = el("span", { class: "dvnb-pixel" });
  zoom.addEventListener("keydown", (e) => e.stopPropagation());
  zoom.addEventListener("input", () => {
    lens.zoomAt(0.5, 0.5, 2 ** Number(zoom.value) / lens.k);
  });
  reset.addEventListener("click", () => lens.reset());
  const value = el("span", { class: "dvnb-value dvnb-zoom-value", "aria-hidden": "true" });
  const sync = () => {
    zoom.value = String(Math.log2(lens.k));
    value.textContent = `${lens.k.toFixed(lens.k < 10 ? 1 : 0)}×`;
    zoom.setAttribute("aria-valuetext", value.textContent);
    reset.disabled = lens.k === 1;
  };
  lens.listeners.add(sync);
  sync();
  const box = el("span", { class: "dvnb-lens" }, [
    el("span", { class: "dvnb-tone-label", text: "Zoom", "aria-hidden": "true" }), zoom, value, reset]);
  return { box, pixel, show: (text) => { pixel.textContent = text; } };
}
