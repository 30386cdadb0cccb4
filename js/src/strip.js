// The metrics strip. The run's metrics (dvclive's plots/metrics/*.tsv)
// as sparklines along the slider's track, a cursor at the current step and each
// metric's value there. A click or a drag on the strip scrubs; so do the arrow keys.

import { el } from "./dom.js";
import { bisectRight } from "./sorted.js";

const STRIP_LANE = 20; // px per metric drawn
const STRIP_LANES = 4; // metrics drawn; the readout lists every one
const THUMB_INSET = 8; // half a range thumb: where the slider's track starts and ends

// The metric's value at the last row at or before ``step``.
function valueAt(row, step) {
  const i = bisectRight(row.steps, step);
  return i ? row.values[i - 1] : null;
}

function fmt(v) {
  if (v === null || !Number.isFinite(v)) return "–";
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}

// Draw the lanes: per pixel column, the range of each metric's values there. Costs
// O(rows + steps + width): the rows and the image steps are walked together.
// The theme's colours for the strip, read once per theme (reading computed style
// makes the browser recalculate styles: milliseconds in a large notebook).
const stripColours = { theme: null };

function stripStyle(canvas) {
  const theme = document.body.dataset.jpThemeName || "";
  if (stripColours.theme !== theme || !stripColours.line) {
    const style = getComputedStyle(canvas);
    Object.assign(stripColours, { theme, line: style.color,
      text: style.getPropertyValue("--dvnb-fg2") || "#666", font: `10px ${style.fontFamily}` });
  }
  return stripColours;
}

function drawStrip(canvas, store, names, width) {
  const t0 = performance.now();
  const dpr = globalThis.devicePixelRatio || 1;
  const height = names.length * STRIP_LANE;
  const w = Math.max(1, Math.round(width * dpr)), h = Math.max(1, Math.round(height * dpr));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext("2d");
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const style = stripStyle(canvas);
  const cols = Math.max(1, Math.floor(width));
  const lo = new Float64Array(cols), hi = new Float64Array(cols);
  names.forEach((name, lane) => {
    const row = store.metrics.get(name);
    lo.fill(Infinity);
    hi.fill(-Infinity);
    let vmin = Infinity, vmax = -Infinity;
    const steps = store.steps, n = steps.length;
    let j = 0, prev = -Infinity; // steps[j] is the first image step past the row's step
    for (let i = 0; i < row.steps.length; i++) {
      const v = row.values[i];
      const s = row.steps[i];
      if (s < prev) j = 0; // rows out of order (a resumed run): walk again
      prev = s;
      while (j < n && steps[j] <= s) j++;
      if (!Number.isFinite(v)) continue;
      const f = n < 2 ? 0.5 : j === 0 ? 0 : j >= n ? 1
        : (j - 1 + (s - steps[j - 1]) / (steps[j] - steps[j - 1])) / (n - 1);
      const x = Math.round(f * (cols - 1));
      if (v < lo[x]) lo[x] = v;
      if (v > hi[x]) hi[x] = v;
      if (v < vmin) vmin = v;
      if (v > vmax) vmax = v;
    }
    const top = lane * STRIP_LANE + 3, h = STRIP_LANE - 6;
    const y = (v) => top + h - (vmax > vmin ? (v - vmin) / (vmax - vmin) : 0.5) * h;
    ctx.strokeStyle = style.line;
    ctx.lineWidth = 1.25;
    ctx.beginPath();
    let started = false;
    for (let x = 0; x < cols; x++) {
      if (lo[x] === Infinity) continue;
      if (!started) { ctx.moveTo(x + 0.5, y(hi[x])); started = true; } else ctx.lineTo(x + 0.5, y(hi[x]));
      if (hi[x] !== lo[x]) ctx.lineTo(x + 0.5, y(lo[x]));
    }
    ctx.stroke();
    ctx.fillStyle = style.text;
    ctx.font = style.font;
    ctx.fillText(name, 2, top + 9);
  });
  // For benchmarks/bench_view.py: how long the last full redraw took, and of how much.
  globalThis.__dvclive_nb_timing = {
    strip: performance.now() - t0,
    rows: names.reduce((n, k) => n + store.metrics.get(k).steps.length, 0),
  };
}

export function metricsStrip(store) {
  const canvas = el("canvas", { class: "dvnb-strip-canvas" });
  const cursor = el("div", { class: "dvnb-strip-cursor" });
  // The keyboard's way in: a native range over the lanes, invisible (JupyterLab leaves
  // focus on inputs, where it takes it back from other elements in an output).
  const keys = el("input", {
    type: "range", class: "dvnb-strip-keys", min: 0, max: 0, step: 1, value: 0,
    "aria-label": "metrics", "data-lm-suppress-shortcuts": "true",
  });
  const lanes = el("div", { class: "dvnb-strip-lanes" }, [canvas, cursor, keys]);
  const readout = el("div", { class: "dvnb-metrics-readout" });
  const box = el("div", { class: "dvnb-strip" }, [lanes, readout]);
  let drawn = "";
  let track = { left: 0, width: 0 };

  const indexAt = (clientX) => {
    const r = lanes.getBoundingClientRect();
    const f = Math.min(1, Math.max(0, (clientX - r.left) / Math.max(1, r.width)));
    return Math.round(f * (store.steps.length - 1));
  };
  const scrub = (e) => { store.stop(); store.selectIndex(indexAt(e.clientX), true); };
  lanes.addEventListener("pointerdown", (e) => {
    if (!store.steps.length) return;
    lanes.setPointerCapture(e.pointerId);
    scrub(e);
  });
  lanes.addEventListener("pointermove", (e) => { if (lanes.hasPointerCapture(e.pointerId)) scrub(e); });
  keys.addEventListener("keydown", (e) => e.stopPropagation());
  keys.addEventListener("input", () => { store.stop(); store.selectIndex(Number(keys.value), true); });

  // Line the strip up with ``slider``'s track, draw what changed, move the cursor.
  function update(slider) {
    const names = [...store.metrics.keys()].filter((k) => store.metrics.get(k).steps.length);
    box.style.display = names.length && store.steps.length ? "" : "none";
    if (box.style.display) return;
    const s = slider.getBoundingClientRect(), b = box.getBoundingClientRect();
    if (s.width) track = { left: s.left - b.left + THUMB_INSET, width: s.width - 2 * THUMB_INSET };
    lanes.style.marginLeft = `${Math.max(0, track.left)}px`;
    lanes.style.width = `${Math.max(40, track.width)}px`;
    const shown = names.slice(0, STRIP_LANES);
    const width = Math.max(40, Math.floor(track.width));
    const key = `${store.metricsVersion}|${store.steps.length}|${store.steps[0]}|${width}|${shown}`;
    if (key !== drawn) { drawn = key; drawStrip(canvas, store, shown, width); }
    const n = store.steps.length, i = store.index();
    cursor.style.left = `${n > 1 ? (i / (n - 1)) * width : width / 2}px`;
    const step = store.steps[i];
    const text = names.map((k) => `${k} ${fmt(valueAt(store.metrics.get(k), step))}`).join(" · ");
    readout.textContent = `step ${step} · ${text}`;
    keys.max = Math.max(0, n - 1);
    keys.value = i;
    keys.setAttribute("aria-valuetext", readout.textContent);
  }
  return { box, update };
}
