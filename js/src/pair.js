// Two frames of one series compared: as a swipe (A over B, clipped at a handle) or as
// their absolute difference with its colour scale. The board compares two runs with
// these; a pinned step compares two steps of one run. (Side by side is each caller's own
// layout of single images.)

import { el } from "./dom.js";
import { showFrame, sizeBox } from "./image.js";

export const MODES = [["side", "side by side"], ["swipe", "swipe"], ["diff", "difference"]];
export const SCALE_OPTIONS = [["heat", "heat"], ["grey", "grey"]];
const SCALES = {
  // t in [0, 1] -> [r, g, b] in [0, 255]
  heat: (t) => [Math.min(1, 3 * t), Math.min(1, Math.max(0, 3 * t - 1)), Math.max(0, 3 * t - 2)]
    .map((v) => Math.round(v * 255)),
  grey: (t) => [t, t, t].map((v) => Math.round(v * 255)),
};

export function selectOf(cls, label, options, value) {
  const node = el("select", { class: cls, "aria-label": label, title: label },
    options.map(([v, text]) => el("option", { value: v, text })));
  node.value = String(value);
  return node;
}

async function pixelsOf(frame) {
  // A frame shown from a data: URL (a shared file's) has no Blob: read it back.
  const blob = frame.blob || await fetch(frame.url).then((r) => r.blob());
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return ctx.getImageData(0, 0, canvas.width, canvas.height);
}

// |A - B| per pixel (the largest over the channels, alpha included), drawn with `scale`
// stretched over [0, max]. Returns the max, or null when the sizes differ.
async function drawDifference(canvas, frameA, frameB, scale) {
  const [a, b] = await Promise.all([pixelsOf(frameA), pixelsOf(frameB)]);
  if (a.width !== b.width || a.height !== b.height) return null;
  const n = a.width * a.height;
  const diff = new Uint8Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const k = 4 * i;
    const d = Math.max(Math.abs(a.data[k] - b.data[k]), Math.abs(a.data[k + 1] - b.data[k + 1]),
      Math.abs(a.data[k + 2] - b.data[k + 2]), Math.abs(a.data[k + 3] - b.data[k + 3]));
    diff[i] = d;
    if (d > max) max = d;
  }
  canvas.width = a.width;
  canvas.height = a.height;
  const out = canvas.getContext("2d").createImageData(a.width, a.height);
  const lut = [];
  for (let d = 0; d <= 255; d++) lut.push(SCALES[scale](max ? d / max : 0));
  for (let i = 0; i < n; i++) {
    const [r, g, bl] = lut[diff[i]];
    out.data[4 * i] = r; out.data[4 * i + 1] = g; out.data[4 * i + 2] = bl; out.data[4 * i + 3] = 255;
  }
  canvas.getContext("2d").putImageData(out, 0, 0);
  return max;
}

function drawLegend(canvas, scale) {
  canvas.width = 128;
  canvas.height = 1;
  const ctx = canvas.getContext("2d");
  const row = ctx.createImageData(128, 1);
  for (let x = 0; x < 128; x++) {
    const [r, g, b] = SCALES[scale](x / 127);
    row.data.set([r, g, b, 255], 4 * x);
  }
  ctx.putImageData(row, 0, 0);
}

function clamp01(x) { return Math.min(1, Math.max(0, x)); }

// The swipe range's thumb width in px (view.css): the range is as wide as its image,
// so the thumb's centre travels from THUMB / 2 to width - THUMB / 2, and the split
// follows it there, to stay under the handle (issue 21).
const THUMB = 4;
const splitAt = (pos) => `calc(${THUMB / 2}px + (100% - ${THUMB}px) * ${pos / 100})`;

// A over B, A clipped at the handle: drag on the images, or move the range. A is
// clipped by a box around it, not itself: a zoomed image is transformed, its clip not.
function swipeFigure(altA, altB, onMove, attrs = {}) {
  const under = el("img", { class: "dvnb-img dvnb-swipe-b", alt: altB });
  const over = el("img", { class: "dvnb-img dvnb-swipe-a", alt: altA });
  const clip = el("div", { class: "dvnb-swipe-clip" }, [over]);
  const line = el("div", { class: "dvnb-swipe-line" });
  const stage = el("div", { class: "dvnb-swipe-stage" }, [under, clip, line]);
  const range = el("input", { type: "range", min: 0, max: 100, value: 50,
    class: "dvnb-swipe-range", "aria-label": "swipe position",
    "data-lm-suppress-shortcuts": "true" });
  range.addEventListener("keydown", (e) => e.stopPropagation());
  range.addEventListener("input", () => onMove(Number(range.value)));
  const drag = (e) => {
    const box = stage.getBoundingClientRect();
    onMove(Math.round(100 * clamp01((e.clientX - box.left - THUMB / 2) / (box.width - THUMB))));
  };
  stage.addEventListener("pointerdown", (e) => { stage.setPointerCapture(e.pointerId); drag(e); });
  stage.addEventListener("pointermove", (e) => { if (stage.hasPointerCapture(e.pointerId)) drag(e); });
  const cap = el("figcaption", { class: "dvnb-caption" });
  const fig = el("figure", { class: "dvnb-swipe", ...attrs }, [stage, range, cap]);
  const place = (pos) => {
    clip.style.clipPath = `inset(0 calc(100% - ${splitAt(pos)}) 0 0)`;
    line.style.left = splitAt(pos);
    range.value = pos;
  };
  return { fig, under, over, line, range, cap, place };
}

// |A - B| as a canvas, with its colour scale from 0 to the largest difference.
function diffFigure(attrs = {}) {
  const canvas = el("canvas", { class: "dvnb-diff-canvas" });
  const legend = el("canvas", { class: "dvnb-legend-bar" });
  const lo = el("span", { class: "dvnb-legend-lo", text: "0" });
  const hi = el("span", { class: "dvnb-legend-hi" });
  const cap = el("figcaption", { class: "dvnb-caption" });
  const fig = el("figure", { class: "dvnb-diff", ...attrs }, [
    el("div", { class: "dvnb-diff-stage" }, [canvas]), el("div", { class: "dvnb-legend", title: "colour scale of |A − B|" }, [lo, legend, hi]), cap]);
  return { fig, canvas, legend, hi, cap, key: null, token: 0 };
}

// Draw |A - B| into a diffFigure when the pair of frames or the scale changed.
// ``fa``/``fb`` are frames whose blobs are in memory (``store.urlFor`` said so).
function drawPair(v, fa, fb, scale, label, steps) {
  const key = `${fa.seq}|${fb.seq}|${scale}`;
  if (v.key === key) return;
  v.key = key;
  const token = ++v.token;
  drawLegend(v.legend, scale);
  drawDifference(v.canvas, fa, fb, scale).then((max) => {
    if (token !== v.token) return; // a newer step or scale came meanwhile
    v.fig.dataset.max = max === null ? "" : String(max);
    v.fig.dataset.steps = steps;
    v.hi.textContent = max === null ? "" : String(max);
    v.size(v.canvas, v.canvas.width);
    v.cap.textContent = max === null ? `${label} · the sizes differ` : `${label} · max ${max} of 255`;
  });
}


// A figure for frames A and B in ``ui.mode`` ("swipe" or "diff"), the images' alt texts
// in ``alts``. ``redraw`` runs when the swipe moves (into ``ui.swipe``) or an image loads.
// ``size(node, naturalWidth)`` sizes its images (a run view's one scale rule).
export function pairFigure(ui, alts, redraw, attrs = {}, size = sizeBox) {
  let v;
  if (ui.mode === "swipe") {
    v = swipeFigure(alts[0], alts[1], (pos) => { ui.swipe = pos; redraw(); }, attrs);
    for (const img of [v.under, v.over]) img.addEventListener("load", () => redraw());
  } else {
    v = diffFigure(attrs);
  }
  v.mode = ui.mode;
  v.size = size;
  return v;
}

// Show ``a`` and ``b`` ([frame, panel] each) in a pairFigure, the captions calling them
// by ``names`` and naming their ``series``. Returns "steps A / B".
export function showPair(v, store, ui, a, b, names, series = "") {
  const [fa, pa] = a, [fb, pb] = b;
  const steps = `steps ${fa ? fa.step : "–"} / ${fb ? fb.step : "–"}`;
  // The step once when both frames are of one step (the usual case), else each its own.
  const one = fa && fb && fa.step === fb.step;
  const [na, nb] = one ? names
    : [[names[0], fa], [names[1], fb]].map(([n, f]) => `${n} · step ${f ? f.step : "–"}`);
  const what = `${series ? `${series} · ` : ""}${one ? `step ${fa.step} · ` : ""}`;
  if (v.mode === "swipe") {
    for (const [img, f, p] of [[v.over, fa, pa], [v.under, fb, pb]]) {
      showFrame(img, store, f, p);
      v.size(img, img.naturalWidth);
    }
    v.place(ui.swipe);
    v.fig.dataset.steps = steps;
    v.cap.textContent = `${what}◧ ${na} | ${nb} ◨`;
    return steps;
  }
  const label = `${what}|${na} − ${nb}|`;
  const urlA = store.urlFor(fa, pa); // both asked for at once, whichever is missing
  const urlB = store.urlFor(fb, pb);
  if (!urlA || !urlB) v.cap.textContent = `${label} · loading…`;
  else drawPair(v, fa, fb, ui.scale, label, steps);
  return steps;
}
