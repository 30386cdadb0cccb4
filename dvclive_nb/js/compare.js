// dvclive-nb views, part 6 of 7: the comparison board (board.py). One row per series, one column per
// source, one synced slider. Two columns can also be seen as a swipe or as their
// absolute difference, with its colour scale. Everything here runs in the browser, so
// it works while the kernel is busy.

const MODES = [["side", "side by side"], ["swipe", "swipe"], ["diff", "difference"]];
const SCALES = {
  // t in [0, 1] -> [r, g, b] in [0, 255]
  heat: (t) => [Math.min(1, 3 * t), Math.min(1, Math.max(0, 3 * t - 1)), Math.max(0, 3 * t - 2)]
    .map((v) => Math.round(v * 255)),
  grey: (t) => [t, t, t].map((v) => Math.round(v * 255)),
};
const DEFAULT_SERIES_SHOWN = 4;

function selectOf(cls, label, options, value) {
  const node = el("select", { class: cls, "aria-label": label, title: label },
    options.map(([v, text]) => el("option", { value: v, text })));
  node.value = String(value);
  return node;
}

async function pixelsOf(blob) {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return ctx.getImageData(0, 0, canvas.width, canvas.height);
}

// |A - B| per pixel (the largest over the channels, alpha included), drawn with `scale`
// stretched over [0, max]. Returns the max, or null when the sizes differ.
async function drawDifference(canvas, blobA, blobB, scale) {
  const [a, b] = await Promise.all([pixelsOf(blobA), pixelsOf(blobB)]);
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

function scaleBox(node, naturalWidth) {
  // The board's images keep the single view's sizing: small ones scaled up whole.
  if (!naturalWidth) return;
  node.classList.toggle("dvnb-pixelated", naturalWidth < 128);
  node.style.width = naturalWidth < 128
    ? `${naturalWidth * Math.max(1, Math.floor(256 / naturalWidth))}px` : "";
  node.classList.toggle("dvnb-fit", naturalWidth >= 128);
}

function renderBoard({ model, el: root }) {
  const store = storeFor(model);
  const uid = model.get("uid");
  root.classList.add("dvnb", "dvnb-board");

  const grid = el("div", { class: "dvnb-grid" });
  const controls = stepControls(store, model, () => update());
  const mode = selectOf("dvnb-mode", "compare mode", MODES, "side");
  const pickA = el("select", { class: "dvnb-pick-a", "aria-label": "first run", title: "first run" });
  const pickB = el("select", { class: "dvnb-pick-b", "aria-label": "second run", title: "second run" });
  const scale = selectOf("dvnb-scale", "colour scale", [["heat", "heat"], ["grey", "grey"]], "heat");
  const seriesList = el("div", { class: "dvnb-series-list" });
  const seriesSummary = el("summary", { text: "series" });
  const picker = el("details", { class: "dvnb-series", "aria-label": "series" },
    [seriesSummary, seriesList]);
  const toolbar = el("div", { class: "dvnb-toolbar" }, [mode, pickA, pickB, scale, picker]);
  root.append(controls.status, toolbar, grid, controls.bar);

  const ui = { mode: "side", a: 0, b: 1, scale: "heat", all: new Set(), shown: new Set(), swipe: 50 };
  let cells = new Map(); // key -> elements of the current layout
  let layoutKey = "";
  for (const node of [mode, pickA, pickB, scale]) {
    node.addEventListener("change", () => {
      ui.mode = mode.value; ui.a = Number(pickA.value); ui.b = Number(pickB.value);
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
    const options = cols.map((c, i) => [i, c.name]);
    for (const [node, key] of [[pickA, "a"], [pickB, "b"]]) {
      if (node.options.length !== options.length) {
        node.replaceChildren(...options.map(([v, text]) => el("option", { value: v, text })));
      }
      ui[key] = Math.min(ui[key], Math.max(0, cols.length - 1));
      node.value = String(ui[key]);
    }
    const two = cols.length >= 2;
    mode.disabled = !two;
    if (!two) ui.mode = "side";
    mode.value = ui.mode;
    pickA.style.display = pickB.style.display = two && ui.mode !== "side" ? "" : "none";
    scale.style.display = ui.mode === "diff" ? "" : "none";
  }

  function head(col, i) {
    const node = el("div", { class: "dvnb-head", "data-column": i }, [
      el("div", { class: "dvnb-head-name" }), el("div", { class: "dvnb-head-params" }),
      el("div", { class: "dvnb-head-metrics" }), el("div", { class: "dvnb-head-status" })]);
    fillHead(node, col);
    return node;
  }

  // The column's name, the params that differ between the columns, its latest metrics.
  function fillHead(node, col) {
    const params = Object.entries(col.params || {}).map(([k, v]) => `${k}=${v}`).join(" · ");
    const metrics = Object.entries(col.metrics || {}).map(([k, v]) => `${k} ${v}`).join(" · ");
    const texts = [col.name, params, metrics, col.status || ""];
    [...node.children].forEach((child, k) => {
      if (child.textContent !== texts[k]) child.textContent = texts[k];
    });
  }

  function layout(cols, names) {
    const shown = names.filter((n) => ui.shown.has(n));
    const key = JSON.stringify([ui.mode, ui.a, ui.b, cols.length, shown]);
    if (key === layoutKey) return shown;
    layoutKey = key;
    cells = new Map();
    const wide = ui.mode !== "side";
    grid.style.gridTemplateColumns = wide ? "auto auto" : `auto repeat(${cols.length}, auto)`;
    const nodes = [el("div", { class: "dvnb-corner" })];
    if (wide) {
      const h = el("div", { class: "dvnb-head-pair" }, [head(cols[ui.a], ui.a), head(cols[ui.b], ui.b)]);
      cells.set("heads", [h]);
      nodes.push(h);
    } else {
      const heads = cols.map((c, i) => head(c, i));
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
            "data-column": i, "data-series": series }, [img, cap]);
          img.addEventListener("load", () => update());
          cells.set(`${i}:${series}`, { fig, img, cap });
          nodes.push(fig);
        });
      } else if (ui.mode === "swipe") {
        const under = el("img", { class: "dvnb-img dvnb-swipe-b", alt: `${cols[ui.b].name}: ${series}` });
        const over = el("img", { class: "dvnb-img dvnb-swipe-a", alt: `${cols[ui.a].name}: ${series}` });
        const line = el("div", { class: "dvnb-swipe-line" });
        const stage = el("div", { class: "dvnb-swipe-stage" }, [under, over, line]);
        const range = el("input", { type: "range", min: 0, max: 100, value: ui.swipe,
          class: "dvnb-swipe-range", "aria-label": "swipe position",
          "data-lm-suppress-shortcuts": "true" });
        range.addEventListener("keydown", (e) => e.stopPropagation());
        range.addEventListener("input", () => { ui.swipe = Number(range.value); update(); });
        const drag = (e) => {
          const box = stage.getBoundingClientRect();
          ui.swipe = Math.round(100 * Math.min(1, Math.max(0, (e.clientX - box.left) / box.width)));
          update();
        };
        stage.addEventListener("pointerdown", (e) => { stage.setPointerCapture(e.pointerId); drag(e); });
        stage.addEventListener("pointermove", (e) => { if (stage.hasPointerCapture(e.pointerId)) drag(e); });
        const cap = el("figcaption", { class: "dvnb-caption" });
        const fig = el("figure", { class: "dvnb-swipe", "data-series": series }, [stage, range, cap]);
        for (const img of [under, over]) img.addEventListener("load", () => update());
        cells.set(`swipe:${series}`, { fig, under, over, line, range, cap });
        nodes.push(fig);
      } else {
        const canvas = el("canvas", { class: "dvnb-diff-canvas" });
        const legend = el("canvas", { class: "dvnb-legend-bar" });
        const lo = el("span", { class: "dvnb-legend-lo", text: "0" });
        const hi = el("span", { class: "dvnb-legend-hi" });
        const cap = el("figcaption", { class: "dvnb-caption" });
        const fig = el("figure", { class: "dvnb-diff", "data-series": series }, [
          canvas, el("div", { class: "dvnb-legend", title: "colour scale of |A − B|" }, [lo, legend, hi]), cap]);
        cells.set(`diff:${series}`, { fig, canvas, legend, hi, cap, key: null, token: 0 });
        nodes.push(fig);
      }
    }
    grid.replaceChildren(...nodes);
    return shown;
  }

  function showImg(img, frame, p) {
    const url = store.urlFor(frame, p);
    if (url && img.getAttribute("src") !== url) img.src = url;
    if (!url) img.removeAttribute("src");
    scaleBox(img, img.naturalWidth);
    return url;
  }

  function update() {
    root.classList.toggle(`dvnb-live-${uid}`, store.connected);
    hideStatic(uid, store.connected);
    const cols = columns();
    const names = seriesNames();
    syncPicker(names);
    syncPicks(cols);
    const shown = layout(cols, names);
    const heads = cells.get("heads") || [];
    if (ui.mode === "side") cols.forEach((c, i) => heads[i] && fillHead(heads[i], c));
    else if (heads[0]) { fillHead(heads[0].children[0], cols[ui.a]); fillHead(heads[0].children[1], cols[ui.b]); }
    for (const series of shown) {
      if (ui.mode === "side") {
        cols.forEach((c, i) => {
          const v = cells.get(`${i}:${series}`);
          const p = panelOf(i, series);
          const frame = p ? store.frameFor(p) : null;
          const url = showImg(v.img, frame, p);
          v.fig.dataset.step = frame ? frame.step : "";
          v.cap.textContent = p ? frameCaption(c.name, frame, url, v.img) : `${c.name} · no such series`;
        });
      } else {
        const pa = panelOf(ui.a, series);
        const pb = panelOf(ui.b, series);
        const fa = pa ? store.frameFor(pa) : null;
        const fb = pb ? store.frameFor(pb) : null;
        const steps = `steps ${fa ? fa.step : "–"} / ${fb ? fb.step : "–"}`;
        if (ui.mode === "swipe") {
          const v = cells.get(`swipe:${series}`);
          showImg(v.over, fa, pa);
          showImg(v.under, fb, pb);
          v.over.style.clipPath = `inset(0 ${100 - ui.swipe}% 0 0)`;
          v.line.style.left = `${ui.swipe}%`;
          v.range.value = ui.swipe;
          v.fig.dataset.steps = steps;
          v.cap.textContent = `◧ ${cols[ui.a].name} | ${cols[ui.b].name} ◨ · ${steps}`;
        } else {
          diffRow(cells.get(`diff:${series}`), fa, pa, fb, pb, cols, steps);
        }
      }
    }
    controls.update();
  }

  function diffRow(v, fa, pa, fb, pb, cols, steps) {
    const label = `|${cols[ui.a].name} − ${cols[ui.b].name}| · ${steps}`;
    const urlA = store.urlFor(fa, pa);
    const urlB = store.urlFor(fb, pb);
    if (!urlA || !urlB) {
      v.cap.textContent = `${label} · loading…`;
      return;
    }
    const key = `${fa.seq}|${fb.seq}|${ui.scale}`;
    if (v.key === key) return;
    v.key = key;
    const token = ++v.token;
    drawLegend(v.legend, ui.scale);
    drawDifference(v.canvas, fa.blob, fb.blob, ui.scale).then((max) => {
      if (token !== v.token) return; // a newer step or scale came meanwhile
      v.fig.dataset.max = max === null ? "" : String(max);
      v.fig.dataset.steps = steps;
      v.hi.textContent = max === null ? "" : String(max);
      scaleBox(v.canvas, v.canvas.width);
      v.cap.textContent = max === null ? `${label} · the sizes differ` : `${label} · max ${max} of 255`;
    });
  }

  const onColumns = () => update();
  model.on("change:columns", onColumns);
  store.listeners.add(update);
  update();
  return () => {
    store.listeners.delete(update);
    model.off("change:columns", onColumns);
    controls.dispose();
  };
}
