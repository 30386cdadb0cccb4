// The metrics strip. The run's metrics (dvclive's plots/metrics/*.tsv) as sparklines
// along the slider's track, a cursor at the current step and each metric's value there.
// A click or a drag on the strip scrubs; so do the arrow keys.
//
// Each row has its own colour (a palette per theme, in view.css), and, in a gutter left
// of the track where the labels never meet the lines, its name and its scale: the max at
// the top, the min at the bottom, "log" when the values span orders of magnitude. Values
// that are not finite shade their stretch of the lane, edged along the top for inf,
// the bottom for -inf, across the middle for NaN, and are named as such.

import { el } from "./dom.js";
import { bisectRight } from "./sorted.js";

// Wall time (``[<column>:]wall_time``) is an axis (axis.js), not a metric worth a lane
// or a place in a board's header.
export const axisOnly = (name) => /^(\d+:)?wall_time$/.test(name);

const STRIP_LANE = 28; // px per metric drawn
const STRIP_LANES = 4; // metrics drawn; the readout lists every one
const PALETTE_SIZE = 4; // --dvnb-metric-1 .. -4 in view.css
const THUMB_INSET = 8; // half a range thumb: where the slider's track starts and ends
const LOG_SPAN = 100; // max / min at which a positive row is drawn on a log scale

// The metric's value at the last row at or before ``step``.
function valueAt(row, step) {
  const i = bisectRight(row.steps, step);
  return i ? row.values[i - 1] : null;
}

export function fmt(v) {
  if (v === null) return "–";
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}

// The theme's colours for the strip, read once per theme (reading computed style
// makes the browser recalculate styles: milliseconds in a large notebook).
const stripColours = { theme: null };

function stripStyle(canvas) {
  const theme = document.body.dataset.jpThemeName || "";
  if (stripColours.theme !== theme || !stripColours.lines) {
    const style = getComputedStyle(canvas);
    const lines = [];
    for (let k = 1; k <= PALETTE_SIZE; k++) {
      lines.push(style.getPropertyValue(`--dvnb-metric-${k}`).trim() || style.color);
    }
    Object.assign(stripColours, { theme, lines });
  }
  return stripColours;
}

// Draw the lanes: per pixel column, the range of each metric's values there. Costs
// O(rows + steps + width): the rows and the image steps are walked together. Returns
// each row's scale: {name, colour, min, max, log, inf, ninf, nan}.
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
  const odd = new Uint8Array(cols); // bits: 1 inf, 2 -inf, 4 NaN
  const scales = names.map((name, lane) => {
    const row = store.metrics.get(name);
    lo.fill(Infinity);
    hi.fill(-Infinity);
    odd.fill(0);
    let vmin = Infinity, vmax = -Infinity, flags = 0;
    const steps = store.ticks(), n = steps.length; // lined up with the slider's ticks
    let j = 0, prev = -Infinity; // steps[j] is the first image step past the row's step
    for (let i = 0; i < row.steps.length; i++) {
      const v = row.values[i];
      const s = row.steps[i];
      if (s < prev) j = 0; // rows out of order (a resumed run): walk again
      prev = s;
      while (j < n && steps[j] <= s) j++;
      const f = n < 2 ? 0.5 : j === 0 ? 0 : j >= n ? 1
        : (j - 1 + (s - steps[j - 1]) / (steps[j] - steps[j - 1])) / (n - 1);
      const x = Math.round(f * (cols - 1));
      if (!Number.isFinite(v)) {
        const bit = Number.isNaN(v) ? 4 : v > 0 ? 1 : 2;
        odd[x] |= bit;
        flags |= bit;
        continue;
      }
      if (v < lo[x]) lo[x] = v;
      if (v > hi[x]) hi[x] = v;
      if (v < vmin) vmin = v;
      if (v > vmax) vmax = v;
    }
    const log = vmin > 0 && vmax / vmin >= LOG_SPAN;
    const t = log ? Math.log10 : (v) => v;
    const [tmin, tmax] = [t(vmin), t(vmax)];
    const top = lane * STRIP_LANE + 4, h = STRIP_LANE - 8;
    const y = (v) => top + h - (tmax > tmin ? (t(v) - tmin) / (tmax - tmin) : 0.5) * h;
    const colour = style.lines[lane % style.lines.length];
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    let started = false;
    for (let x = 0; x < cols; x++) {
      if (lo[x] === Infinity) { if (odd[x]) started = false; continue; } // a gap at inf/NaN
      if (!started) { ctx.moveTo(x + 0.5, y(hi[x])); started = true; } else ctx.lineTo(x + 0.5, y(hi[x]));
      if (hi[x] !== lo[x]) ctx.lineTo(x + 0.5, y(lo[x]));
    }
    ctx.stroke();
    if (flags) {
      // Each inf or NaN row's stretch of the lane, up to the next row, is shaded, with a
      // solid edge (top: inf, bottom: -inf, middle: NaN) three pixels wide at least.
      const base = lane * STRIP_LANE;
      for (let x = 0; x < cols;) {
        if (!odd[x]) { x++; continue; }
        let e = x + 1;
        while (e < cols && lo[e] === Infinity && !odd[e]) e++;
        const x0 = Math.max(0, Math.min(x - 1, cols - 3)), wide = Math.max(3, e - x0);
        ctx.globalAlpha = 0.22;
        ctx.fillRect(Math.min(x, x0 + wide - 1), base, Math.max(1, e - x), STRIP_LANE);
        ctx.globalAlpha = 1;
        if (odd[x] & 1) ctx.fillRect(x0, base, wide, 3);
        if (odd[x] & 2) ctx.fillRect(x0, base + STRIP_LANE - 3, wide, 3);
        if (odd[x] & 4) ctx.fillRect(x0, base + STRIP_LANE / 2 - 1, wide, 2);
        x = e;
      }
    }
    return { name, colour, min: vmin, max: vmax, log,
      inf: !!(flags & 1), ninf: !!(flags & 2), nan: !!(flags & 4) };
  });
  // For benchmarks/bench_view.py: how long the last full redraw took, and of how much.
  Object.assign(globalThis.__dvclive_nb_timing ??= {}, {
    strip: performance.now() - t0,
    rows: names.reduce((n, k) => n + store.metrics.get(k).steps.length, 0),
  });
  return scales;
}

// The gutter's row for one metric: its colour and name, its max over its min.
function scaleRow(s) {
  const odd = [s.inf && "inf", s.ninf && "-inf", s.nan && "NaN"].filter(Boolean);
  const finite = s.min <= s.max;
  const name = el("span", { class: "dvnb-strip-name", text: s.name, title: s.name });
  name.style.color = s.colour;
  const swatch = el("span", { class: "dvnb-strip-swatch", "aria-hidden": "true" });
  swatch.style.background = s.colour;
  const tags = [s.log && "log", ...odd].filter(Boolean).join(" · ");
  return el("div", {
    class: "dvnb-strip-scale", "data-metric": s.name, "data-log": String(s.log),
    "data-odd": odd.join(","), title: `${s.name}: ${finite ? `${fmt(s.min)} to ${fmt(s.max)}` : "no finite value"}`
      + `${s.log ? ", log scale" : ""}${odd.length ? `; has ${odd.join(", ")}` : ""}`,
  }, [
    el("span", { class: "dvnb-strip-label" }, [swatch, name,
      el("span", { class: "dvnb-strip-tags", text: tags })]),
    el("span", { class: "dvnb-strip-max", text: finite ? fmt(s.max) : "" }),
    el("span", { class: "dvnb-strip-min", text: finite ? fmt(s.min) : "" }),
  ]);
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
  const gutter = el("div", { class: "dvnb-strip-gutter" });
  const readout = el("div", { class: "dvnb-metrics-readout" });
  const box = el("div", { class: "dvnb-strip" }, [el("div", { class: "dvnb-strip-rows" }, [gutter, lanes]), readout]);
  let drawn = "";
  let track = { left: 0, width: 0 };

  const indexAt = (clientX) => {
    const r = lanes.getBoundingClientRect();
    const f = Math.min(1, Math.max(0, (clientX - r.left) / Math.max(1, r.width)));
    return Math.round(f * (store.ticks().length - 1));
  };
  const scrub = (e) => { store.stop(); store.selectTick(indexAt(e.clientX), true); };
  lanes.addEventListener("pointerdown", (e) => {
    if (!store.steps.length) return;
    lanes.setPointerCapture(e.pointerId);
    scrub(e);
  });
  lanes.addEventListener("pointermove", (e) => { if (lanes.hasPointerCapture(e.pointerId)) scrub(e); });
  keys.addEventListener("keydown", (e) => e.stopPropagation());
  keys.addEventListener("input", () => { store.stop(); store.selectTick(Number(keys.value), true); });

  // Line the strip up with ``slider``'s track, draw what changed, move the cursor.
  // ``measure``: read the track's place again (the view's size changed). Reading it at
  // every step switch forced a layout there, half of a switch's time at 2,000 frames.
  function update(slider, measure = false) {
    const names = [...store.metrics.keys()].filter((k) => store.metrics.get(k).steps.length
      && !axisOnly(k));
    box.style.display = names.length && store.steps.length ? "" : "none";
    if (box.style.display) return;
    if (measure || !track.width) {
      const s = slider.getBoundingClientRect(), b = box.getBoundingClientRect();
      if (s.width) track = { left: s.left - b.left + THUMB_INSET, width: s.width - 2 * THUMB_INSET };
    }
    gutter.style.width = `${Math.max(0, track.left)}px`;
    lanes.style.width = `${Math.max(40, track.width)}px`;
    const shown = names.slice(0, STRIP_LANES);
    const width = Math.max(40, Math.floor(track.width));
    const ticks = store.ticks();
    const key = `${store.metricsVersion}|${ticks.length}|${ticks[0]}|${ticks[ticks.length - 1]}|${width}|${shown}|${document.body.dataset.jpThemeName}`;
    if (key !== drawn) {
      drawn = key;
      gutter.replaceChildren(...drawStrip(canvas, store, shown, width).map(scaleRow));
    }
    const n = ticks.length, i = store.tickIndex();
    cursor.style.left = `${n > 1 ? (i / (n - 1)) * width : width / 2}px`;
    const step = store.steps[store.index()];
    const text = names.map((k) => `${k} ${fmt(valueAt(store.metrics.get(k), step))}`).join(" · ");
    readout.textContent = `step ${step} · ${text}`;
    keys.max = Math.max(0, n - 1);
    keys.value = i;
    keys.setAttribute("aria-valuetext", readout.textContent);
  }
  return { box, update };
}
