// Index sliders (issue 20; napari's dims): a series whose names carry more than a step
// (pred/{sample}/{step}.png, slices/{z}/{step}.png) shows one panel, with one slider per
// extra axis under the step slider, instead of one panel per combination. One axis of a
// group can be laid out as tiles instead (grid.js makes a grid of them from 8 on). The
// positions are remembered in the widget's `view_state.index` by value, so a re-run with
// more samples, or a reload, comes back to the same sample.

import { el, rangeInput } from "./dom.js";
import { indexAxes } from "./index_axes.js";
import { viewState, write } from "./remember.js";

const THROTTLE_MS = 250;
const PREFETCH = [1, -1, 2, -2]; // neighbours along a moved axis, at the shown step

// Nearest value of ``axis`` to ``want`` (a remembered sample the run no longer has).
const nearest = (axis, want) => axis.reduce((a, b) => (Math.abs(b - want) < Math.abs(a - want) ? b : a));

export function indexSliders(store, model, onChange) {
  const box = el("div", { class: "dvnb-index" });
  const member = new Map(); // series name -> its group
  const states = new Map(); // pattern -> {at: [value per axis], tile: axis or null}
  const saved = viewState(model).index || {};
  let counted = -1, timer = null;
  let rows = []; // {row, show} of every axis' slider

  const save = () => {
    timer = null;
    const index = { ...(viewState(model).index || {}) };
    for (const [pattern, s] of states) index[pattern] = { at: [...s.at], tile: s.tile };
    write(model, { index });
  };
  const later = () => { if (timer === null) timer = setTimeout(save, THROTTLE_MS); };

  // Ask for the frames of the panels next to ``g``'s shown one along axis ``k``, so that
  // moving the index slider on finds them here.
  function prefetch(g, k) {
    const s = states.get(g.pattern), axis = g.axes[k];
    const i = axis.indexOf(s.at[k]);
    for (const d of PREFETCH) {
      if (i + d < 0 || i + d >= axis.length) continue;
      const at = [...s.at];
      at[k] = axis[i + d];
      const p = store.panels.get(g.names.get(at.join(",")));
      const frame = p && store.frameFor(p);
      if (frame) store.fetcher.around(p, frame);
    }
  }

  function axisRow(g, k) {
    const s = states.get(g.pattern), axis = g.axes[k];
    const name = g.axes.length > 1 ? `${g.pattern} {${k}}` : g.pattern;
    const slider = rangeInput("dvnb-index-slider", `${name} index`, 0, axis.length - 1, 1,
      axis.indexOf(s.at[k]));
    Object.assign(slider.dataset, { pattern: g.pattern, axis: k });
    const readout = el("span", { class: "dvnb-index-value" });
    const tiles = el("input", { type: "checkbox", class: "dvnb-index-tiles", checked: s.tile === k,
      "aria-label": `${name} as tiles`, title: "show every value of this axis side by side" });
    const show = () => {
      readout.textContent = s.tile === k ? `all ${axis.length}` : `${s.at[k]} · ${axis.indexOf(s.at[k]) + 1} of ${axis.length}`;
      slider.disabled = s.tile === k;
      tiles.checked = s.tile === k;
    };
    slider.addEventListener("input", () => {
      s.at[k] = axis[Number(slider.value)];
      show(); onChange(); prefetch(g, k); later();
    });
    tiles.addEventListener("change", () => {
      s.tile = tiles.checked ? k : null;
      for (const r of rows) r.show();
      onChange(); later();
    });
    const row = el("div", { class: "dvnb-index-row" }, [el("span", { class: "dvnb-index-name", text: name }),
      slider, readout, el("label", { class: "dvnb-index-tilelabel" }, [tiles, " tiles"])]);
    const r = { row, show };
    rows.push(r);
    show();
    return row;
  }
  // Regroup when series appear (a run logs a new sample): cheap to skip otherwise.
  function sync() {
    const names = [];
    for (const p of store.panels.values()) if (p.kind === "series") names.push(p.name);
    if (names.length === counted) return;
    counted = names.length;
    member.clear();
    rows = [];
    const nodes = [];
    for (const g of indexAxes(names)) {
      const old = states.get(g.pattern) || saved[g.pattern] || {};
      const at = g.axes.map((axis, k) => (Array.isArray(old.at) && typeof old.at[k] === "number"
        ? nearest(axis, old.at[k]) : axis[0]));
      const tile = Number.isInteger(old.tile) && old.tile < g.axes.length ? old.tile : null;
      states.set(g.pattern, { at, tile });
      for (const name of g.names.values()) member.set(name, g);
      g.axes.forEach((_, k) => nodes.push(axisRow(g, k)));
    }
    box.replaceChildren(...nodes);
    box.style.display = nodes.length ? "" : "none";
  }

  // Whether panel ``name`` is on show: outside any group, or at every axis' position.
  function shows(name) {
    const g = member.get(name);
    if (!g) return true;
    const s = states.get(g.pattern);
    return g.of.get(name).every((v, k) => k === s.tile || v === s.at[k]);
  }

  const dispose = () => { if (timer !== null) { clearTimeout(timer); save(); } };
  return { box, sync, shows, dispose, states };
}
