// The slider's axis (issue 20): which image steps the slider moves over, and what it
// calls them. The step by default; or any metric the run logs per step (epoch,
// samples_seen, ...), read from the rows the strip already has (store.metrics). Pure
// functions of the steps and the rows, but for trackOf, which caches one per store.

import { bisectRight } from "./sorted.js";

export const STEP = "step";

// A cursor over one metric's rows that finds the value logged at exactly a step, asked
// for steps in increasing order: O(rows) over a whole walk when the rows are in step
// order, as dvclive writes them; else (a resumed run wrote some steps again) by a table
// of each step's last row.
function cursor(row) {
  const { steps, values } = row;
  let sorted = true;
  for (let i = 1; i < steps.length && sorted; i++) sorted = steps[i - 1] <= steps[i];
  const usable = (v) => (v === undefined || Number.isNaN(v) ? null : v);
  if (!sorted) {
    const last = new Map();
    steps.forEach((s, i) => last.set(s, values[i]));
    return (step) => usable(last.get(step));
  }
  let j = 0;
  return (step) => {
    while (j < steps.length && steps[j] <= step) j++;
    return j && steps[j - 1] === step ? usable(values[j - 1]) : null;
  };
}

// The mapping of an axis over the sorted image ``steps``, given the metric's ``rows``
// ({steps, values}; a board has one per column, the first with a value at a step wins).
// A step takes the value logged at that very step; steps with none are skipped; steps
// that share a value keep the last of them (its final frame: "the model after epoch
// 3"). Returns {steps, values, skipped, merged}: steps and values in step order, one
// per run of equal values; merged counts the steps a later step of its value replaced.
export function axisMap(steps, rows) {
  const out = { steps: [], values: [], skipped: 0, merged: 0 };
  const at = rows.map(cursor);
  for (const s of steps) {
    let v = null;
    for (const find of at) { const found = find(s); if (v === null) v = found; }
    if (v === null) { out.skipped++; continue; }
    const n = out.values.length;
    if (n && out.values[n - 1] === v) { out.steps[n - 1] = s; out.merged++; continue; }
    out.steps.push(s);
    out.values.push(v);
  }
  return out;
}

// Every ``stride``-th of ``items``, from the first.
export function strided(items, stride) {
  const k = Math.max(1, Math.floor(stride) || 1);
  return k === 1 ? items : items.filter((_, i) => i % k === 0);
}

// A metric's rows, in a run's view ("loss") or a board's ("0:loss", one per column).
export function rowsOf(metrics, name) {
  const rows = [];
  for (const [key, row] of metrics) {
    if (key === name || (key.endsWith(`:${name}`) && /^\d+$/.test(key.slice(0, -name.length - 1)))) rows.push(row);
  }
  return rows;
}

// The axes a view can offer: the step, and each metric logged (a board's without its
// column prefix).
export function axisNames(metrics) {
  const names = new Set();
  for (const [key, row] of metrics) if (row.steps.length) names.add(key.replace(/^\d+:/, ""));
  return [STEP, ...[...names].sort()];
}

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

function ordinal(k) {
  const tail = k % 100 >= 11 && k % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" })[k % 10] || "th";
  return `${k}${tail}`;
}

// What the track says about itself: how the steps became its ticks.
export function trackNote(axis, map, total, stride) {
  const parts = [];
  if (axis !== STEP) {
    if (!map.values.length) parts.push(`no step has a value of ${axis}: none to show`);
    else if (map.merged) parts.push(`${plural(map.values.length, "value")} of ${axis} over ${plural(total - map.skipped, "step")}: last step of each`);
    if (map.skipped && map.values.length) parts.push(`${plural(map.skipped, "step")} without ${axis}: skipped`);
  }
  if (stride > 1) parts.push(`every ${ordinal(stride)} frame`);
  return parts.join(" · ");
}

// The slider's track of a store: {axis, steps, values, note}, where steps are the image
// steps the slider moves over (in order) and values their axis values. Computed again
// only when the axis, the stride, the steps or the metrics change: O(steps x log rows).
export function trackOf(store) {
  const model = store.model;
  const axis = (model && model.get("axis")) || STEP;
  const stride = (model && model.get("stride")) || 1;
  const key = `${axis}|${stride}|${store.steps.length}|${store.steps[0]}|${store.lastStep()}|${store.metricsVersion || 0}`;
  if (store.trackCache && store.trackCache.key === key) return store.trackCache;
  const t0 = performance.now();
  let track;
  if (axis === STEP) {
    const steps = strided(store.steps, stride);
    track = { key, axis, steps, values: steps, note: trackNote(axis, null, store.steps.length, stride) };
  } else {
    const map = axisMap(store.steps, rowsOf(store.metrics, axis));
    track = { key, axis, steps: strided(map.steps, stride), values: strided(map.values, stride),
      note: trackNote(axis, map, store.steps.length, stride) };
  }
  // For benchmarks/bench_axis.py: how long the last track took to build.
  (globalThis.__dvclive_nb_timing ??= {}).axis = performance.now() - t0;
  store.trackCache = track;
  return track;
}

// The step the views are at: the latest step at or before the selected one.
export function selectedStep(store) {
  return store.steps.length ? store.steps[store.index()] : null;
}

// The axis value and the chosen metrics at ``frame`` ("epoch 12 · val_loss 0.31"); a
// board's column passes its ``prefix`` ("0:").
export function frameFacts(store, frame, fmt, prefix = "") {
  if (!frame || !store.model) return "";
  const axis = store.model.get("axis") || STEP;
  const names = [...(axis === STEP ? [] : [axis]), ...(store.model.get("caption") || [])];
  const parts = [];
  for (const name of names) {
    const row = store.metrics.get(prefix + name);
    if (!row) continue;
    const i = bisectRight(row.steps, frame.step);
    if (i) parts.push(`${name} ${fmt(row.values[i - 1])}`);
  }
  return parts.join(" · ");
}

// Mark a panel's figure whose frame is not at the selected step (an older frame held
// over: the panel logged no image there), with the step it shows and the one selected.
export function markFrame(fig, frame, selected) {
  const inexact = !!frame && selected !== null && frame.step !== selected;
  fig.classList.toggle("dvnb-inexact", inexact);
  fig.dataset.at = inexact ? String(selected) : "";
}
