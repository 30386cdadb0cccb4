// The comparison board (board.py). One row per series, one column per source, one synced
// slider. Two columns can also be seen as a swipe or as their absolute difference, with
// its colour scale. Zoom, pan and the pixel readout are linked across every panel, in
// every mode. Everything here runs in the browser, so it works while the kernel is busy.

import { el, hideStatic, setCaption } from "./dom.js";
import { storeFor } from "./store.js";
import { stepControls } from "./controls.js";
import { showFrame, sizeBox, frameCaption } from "./image.js";
import { Lens, lensStage, lensControls } from "./lens.js";
import { MODES, SCALE_OPTIONS, selectOf, pairFigure, showPair } from "./pair.js";
import { head, fillHead } from "./board_heads.js";
import { annotationControls } from "./annotate_bar.js";
import { rememberBoard } from "./remember.js";
import { frameFacts, markFrame, selectedStep } from "./axis.js";
import { fmt } from "./strip.js";

const DEFAULT_SERIES_SHOWN = 4;

export function renderBoard({ model, el: root }) {
  const store = storeFor(model);
  const uid = model.get("uid");
  root.classList.add("dvnb", "dvnb-board");

  const grid = el("div", { class: "dvnb-grid" });
  const controls = stepControls(store, model, () => update());
  const lens = new Lens();
  const lensBar = lensControls(lens);
  const mode = selectOf("dvnb-mode", "compare mode", MODES, "side");
  const pickA = el("select", { class: "dvnb-pick-a", "aria-label": "first run", title: "first run" });
  const pickB = el("select", { class: "dvnb-pick-b", "aria-label": "second run", title: "second run" });
  const scale = selectOf("dvnb-scale", "colour scale", SCALE_OPTIONS, "heat");
  const seriesList = el("div", { class: "dvnb-series-list" });
  const seriesSummary = el("summary", { text: "series" });
  const picker = el("details", { class: "dvnb-series", "aria-label": "series" },
    [seriesSummary, seriesList]);
  const toolbar = el("div", { class: "dvnb-toolbar" },
    [mode, pickA, pickB, scale, picker, lensBar.box]);
  root.append(controls.status, toolbar, grid, lensBar.pixel, controls.bar);
  const annotations = annotationControls(store); // boxes and overlays (annotate.js)
  root.append(annotations.box);

  const ui = { mode: "side", a: 0, b: 1, scale: "heat", all: new Set(), shown: new Set(), swipe: 50 };
  let cells = new Map(); // key -> elements of the current layout
  let layoutKey = "";
  for (const node of [mode, pickA, pickB, scale]) {
    node.addEventListener("change", () => {
      const [a, b] = [Number(pickA.value), Number(pickB.value)];
      // One run on both sides compares nothing ("max 0", black): picking the other
      // side's run swaps the two.
      if (node === pickA && a === ui.b) ui.b = ui.a;
      else if (node === pickB && b === ui.a) ui.a = ui.b;
      if (node === pickA) ui.a = a; else if (node === pickB) ui.b = b;
      ui.mode = mode.value;
      ui.scale = scale.value;
      update();
    });
  }

  function columns() { return model.get("columns") || []; }

  function seriesNames() {
    const names = [];
    for (const p of model.get("panels") || []) if (!names.includes(p.series)) names.push(p.series);
    return names;
  }

  function panelOf(column, series) {
    return store.panels.get(`${column}:${series}`) || null;
  }

  function syncPicker(names) {
    if (names.length !== ui.all.size) {
      // New series are shown until DEFAULT_SERIES_SHOWN are; the rest wait in the picker.
      for (const n of names) {
        if (!ui.all.has(n)) { ui.all.add(n); if (ui.shown.size < DEFAULT_SERIES_SHOWN) ui.shown.add(n); }
      }
      seriesList.replaceChildren(...names.map((name) => {
        const box = el("input", { type: "checkbox", checked: ui.shown.has(name), "aria-label": name });
        box.addEventListener("change", () => {
          if (box.checked) ui.shown.add(name); else ui.shown.delete(name);
          update();
        });
        return el("label", { class: "dvnb-series-item" }, [box, ` ${name}`]);
      }));
    }
    seriesSummary.textContent = `series: ${ui.shown.size} of ${names.length}`;
    picker.style.display = names.length > 1 ? "" : "none";
  }

  function syncPicks(cols) {
    const n = cols.length;
    ui.a = Math.min(ui.a, Math.max(0, n - 1));
    ui.b = Math.min(ui.b, Math.max(0, n - 1));
    if (ui.a === ui.b && n >= 2) ui.b = ui.a === 0 ? 1 : 0;
    for (const [node, key] of [[pickA, "a"], [pickB, "b"]]) {
      if (node.options.length !== n) {
        node.replaceChildren(...cols.map((c, i) => el("option", { value: i, text: c.name })));
      }
      node.value = String(ui[key]);
    }
    const two = n >= 2;
    mode.disabled = !two;
    if (!two) ui.mode = "side";
    mode.value = ui.mode;
    pickA.style.display = pickB.style.display = two && ui.mode !== "side" ? "" : "none";
    scale.style.display = ui.mode === "diff" ? "" : "none";
  }

  // Zoom and pan for the pair figures: their images go on a lens stage, panned by a drag
  // while zoomed (the swipe's divider moves by a drag only at 1x, or by its range).
  function lensPair(v, names) {
    if (v.mode === "swipe") {
      const stage = lensStage(lens, v.over, names[0], lensBar.show,
        (u) => (u * 100 < ui.swipe ? [v.over, names[0]] : [v.under, names[1]]));
      lens.stages.add(v.under);
      v.under.addEventListener("load", () => lens.schedule());
      const swipeStage = v.line.parentElement;
      stage.prepend(v.under);
      stage.addEventListener("pointerdown", (e) => { if (lens.k > 1) e.stopPropagation(); });
      swipeStage.replaceChildren(stage, v.line);
    } else {
      const stage = lensStage(lens, v.canvas, names.join(" − "), lensBar.show);
      v.legend.parentElement.before(stage);
    }
  }

  function layout(cols, names) {
    const shown = names.filter((n) => ui.shown.has(n));
    const key = JSON.stringify([ui.mode, ui.a, ui.b, cols.length, shown]);
    if (key === layoutKey) return shown;
    layoutKey = key;
    cells = new Map();
    lens.stages.clear();
    const wide = ui.mode !== "side";
    grid.style.gridTemplateColumns = wide ? "auto auto" : `auto repeat(${cols.length}, auto)`;
    const nodes = [el("div", { class: "dvnb-corner" })];
    if (wide) {
      const h = el("div", { class: "dvnb-head-pair" },
        [head(store, cols[ui.a], ui.a), head(store, cols[ui.b], ui.b)]);
      cells.set("heads", [h]);
      nodes.push(h);
    } else {
      const heads = cols.map((c, i) => head(store, c, i));
      cells.set("heads", heads);
      nodes.push(...heads);
    }
    for (const series of shown) {
      nodes.push(el("div", { class: "dvnb-row-name", text: series }));
      if (ui.mode === "side") {
        cols.forEach((c, i) => {
          const img = el("img", { class: "dvnb-img", alt: `${c.name}: ${series}` });
          const cap = el("figcaption", { class: "dvnb-caption" });
          const fig = el("figure", { class: "dvnb-panel", "data-name": `${i}:${series}`,
            "data-column": i, "data-series": series },
          [lensStage(lens, img, `${c.name} · ${series}`, lensBar.show), cap]);
          img.addEventListener("load", () => update());
          cells.set(`${i}:${series}`, { fig, img, cap });
          nodes.push(fig);
        });
      } else {
        const names2 = [`${cols[ui.a].name} · ${series}`, `${cols[ui.b].name} · ${series}`];
        const v = pairFigure(ui, [`${cols[ui.a].name}: ${series}`, `${cols[ui.b].name}: ${series}`],
          () => update(), { "data-series": series });
        lensPair(v, names2);
        cells.set(`pair:${series}`, v);
        nodes.push(v.fig);
      }
    }
    grid.replaceChildren(...nodes);
    lens.schedule();
    return shown;
  }

  // The swipe's cut, where the divider is on screen, in the zoomed image's own box
  // (a clip-path is in the element's coordinates, under its transform).
  function clipSwipes() {
    for (const [key, v] of cells) {
      if (!key.startsWith("pair:") || v.mode !== "swipe") continue;
      const cut = lens.x + ui.swipe / 100 / lens.k;
      v.over.style.clipPath = `inset(0 ${(100 * (1 - cut)).toFixed(3)}% 0 0)`;
    }
  }
  lens.listeners.add(clipSwipes);

  function update() {
    root.classList.toggle(`dvnb-live-${uid}`, store.connected);
    hideStatic(uid, store.connected);
    const cols = columns();
    const names = seriesNames();
    syncPicker(names);
    syncPicks(cols);
    const shown = layout(cols, names);
    const heads = cells.get("heads") || [];
    if (ui.mode === "side") cols.forEach((c, i) => heads[i] && fillHead(store, heads[i], c, i));
    else if (heads[0]) {
      fillHead(store, heads[0].children[0], cols[ui.a], ui.a);
      fillHead(store, heads[0].children[1], cols[ui.b], ui.b);
    }
    for (const series of shown) {
      if (ui.mode === "side") {
        cols.forEach((c, i) => {
          const v = cells.get(`${i}:${series}`);
          const p = panelOf(i, series);
          const frame = p ? store.frameFor(p) : null;
          const url = showFrame(v.img, store, frame, p);
          sizeBox(v.img, v.img.naturalWidth);
          v.fig.dataset.step = frame ? frame.step : "";
          setCaption(v.cap, p ? frameCaption(`${c.name} · ${series}`, frame, url, v.img,
            selectedStep(store), frameFacts(store, frame, fmt, `${i}:`), true)
            : `${c.name} · ${series} · no such series`);
          markFrame(v.fig, frame, selectedStep(store)); // snap, made visible (axis.js)
        });
      } else {
        const [pa, pb] = [panelOf(ui.a, series), panelOf(ui.b, series)];
        showPair(cells.get(`pair:${series}`), store, ui,
          [pa ? store.frameFor(pa) : null, pa], [pb ? store.frameFor(pb) : null, pb],
          [cols[ui.a].name, cols[ui.b].name], series);
      }
    }
    clipSwipes();
    controls.update();
  }

  const onColumns = () => update();
  model.on("change:columns", onColumns);
  store.listeners.add(update);
  rememberBoard(model, root, lens, ui); // zoom and layout, as left (remember.js)
  update();
  return () => {
    store.listeners.delete(update);
    model.off("change:columns", onColumns);
    controls.dispose();
    annotations.dispose();
  };
}

