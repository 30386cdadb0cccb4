// One run's panels side by side over one slider, with the lens, tone, pin, metrics
// strip, grid and export tools.

import { el, hideStatic, setCaption } from "./dom.js";
import { storeFor } from "./store.js";
import { stepControls } from "./controls.js";
import { showFrame, frameCaption } from "./image.js";
import { Lens, lensStage, lensControls, lensFollow, colourType } from "./lens.js";
import { Tone, toneFilter, toneControls } from "./tone.js";
import { pinControls, pinSlot } from "./pin.js";
import { exportControls } from "./export.js";
import { metricsStrip, fmt } from "./strip.js";
import { gridControls, sizeTile } from "./grid.js";
import { scaleRule, visibleHeight } from "./fit.js";
import { rememberTools } from "./remember.js";
import { annotationControls } from "./annotate_bar.js";
import { indexSliders } from "./index_sliders.js";
import { frameFacts, markFrame, selectedStep } from "./axis.js";

const GAP = 8; // px between panels (view.css)
const CAPTION = 40; // px under each row of images: a caption of up to two lines
const PAIR_EXTRA = 28; // px more under a swipe's range or a difference's legend
const SPARE = 16; // px of the page's height left free

export function renderRun({ model, el: root }) {
  const store = storeFor(model);
  const uid = model.get("uid");
  root.classList.add("dvnb");
  const panelsBox = el("div", { class: "dvnb-panels" });
  const controls = stepControls(store, model, () => update());
  const lens = new Lens();
  const lensBar = lensControls(lens);
  const tone = new Tone();
  const toneBar = toneControls(tone);
  const pin = pinControls(store);
  const exporter = exportControls(store, model);
  const tools = el("div", { class: "dvnb-tools" },
    [lensBar.box, toneBar.box, pin.box, exporter.box]);
  const staged = (img, name) => {
    const stage = lensStage(lens, img, name, lensBar.show);
    stage.append(toneFilter(tone, img));
    return stage;
  };
  const strip = metricsStrip(store);
  const grid = gridControls(() => update());
  root.append(controls.status, grid.box, panelsBox, lensBar.pixel, strip.box, controls.bar, tools);
  const annotations = annotationControls(store); // boxes and overlays (annotate.js)
  root.append(annotations.box);
  const index = indexSliders(store, model, () => update()); // pred/{sample}/{step}: a slider per axis
  controls.bar.after(index.box);
  const views = new Map(); // panel name -> {fig, img, cap, slot, group}
  const types = new Map(); // panel name -> its first frame's colour type ("grey", "RGB", ...)

  // The room the images have: the cell's width, the page's height less this view's
  // controls. Measured when the view's size changes, where reading layout costs nothing.
  const room = { width: 0, height: 0 };
  let rule = () => [0, false];
  let ruleKey = "";
  const measure = () => {
    const controlsHeight = root.offsetHeight - panelsBox.offsetHeight;
    room.width = panelsBox.clientWidth;
    room.height = Math.max(0, visibleHeight(root) - controlsHeight - SPARE);
  };
  const resized = new ResizeObserver(() => {
    measure();
    strip.update(controls.slider, true);
    if (relayout()) update();
  });
  resized.observe(root);
  const onWindow = () => { measure(); if (relayout()) update(); };
  window.addEventListener("resize", onWindow);

  // Size ``node`` (an image, or a difference's canvas) ``width`` pixels wide by the
  // view's one rule, or at its actual size (1:1).
  const size = (node, width) => {
    if (!width) return;
    const height = node.naturalHeight || node.height;
    const [shown, pixelated] = controls.state.actual ? [width, false] : rule(width, height);
    node.style.width = shown ? `${shown}px` : "";
    node.classList.toggle("dvnb-pixelated", pixelated);
    node.classList.toggle("dvnb-fit", !controls.state.actual);
  };
  const look = { staged, size, follow: (node) => lensFollow(lens, node) };

  // The scale rule for the images now loaded; true when it changed.
  function relayout() {
    const sizes = [];
    let previews = true;
    for (const p of store.panels.values()) {
      const v = views.get(p.name);
      if (!v || v.group.style.display === "none") continue;
      if (p.kind === "series") previews = false;
      if (v.img.naturalWidth) sizes.push([v.img.naturalWidth, v.img.naturalHeight]);
    }
    const paired = store.pinned !== null;
    const r = { width: room.width, height: room.height, gap: GAP,
      chrome: CAPTION + (paired && pin.ui.mode !== "side" ? PAIR_EXTRA : 0),
      columns: paired ? 2 : 1, itemPerRow: paired };
    const key = JSON.stringify([sizes, r, previews]);
    if (key === ruleKey || !room.width) return false;
    ruleKey = key;
    rule = scaleRule(sizes, r, previews);
    return true;
  }

  function panelView(p) {
    let v = views.get(p.name);
    if (!v) {
      const img = el("img", { class: "dvnb-img", alt: p.name });
      const cap = el("figcaption", { class: "dvnb-caption" });
      const fig = el("figure", { class: "dvnb-panel", "data-name": p.name, "data-kind": p.kind },
        [staged(img, p.name), cap]);
      img.addEventListener("load", () => {
        if (!types.has(p.name)) {
          types.set(p.name, null);
          colourType(img.src).then((t) => { types.set(p.name, t); update(); });
        }
        afterLoads();
      });
      const slot = pinSlot(store, p, pin.ui, look);
      const group = el("div", { class: "dvnb-group" }, [fig, slot.node]);
      panelsBox.append(group);
      v = { fig, img, cap, slot, group };
      views.set(p.name, v);
    }
    return v;
  }

  // Images that finished loading (each panel's, at a step switch) are laid out and
  // captioned together, once per animation frame, not once per image.
  let loadsPending = false;
  function afterLoads() {
    if (loadsPending) return;
    loadsPending = true;
    requestAnimationFrame(() => { loadsPending = false; relayout(); update(); });
  }

  // The colour map applies to single-channel images only: say whether there are any.
  function toneApplies() {
    let grey = false, colour = false;
    for (const [name, t] of types) {
      const v = views.get(name);
      if (!t || !v || v.group.style.display === "none") continue;
      if (t.startsWith("grey")) grey = true; else colour = true;
    }
    toneBar.applies(grey, colour);
  }

  function update() {
    root.classList.toggle(`dvnb-live-${uid}`, store.connected);
    hideStatic(uid, store.connected);
    let series = 0, shown = 0;
    index.sync();
    for (const p of store.panels.values()) if (p.kind === "series" && index.shows(p.name)) series++;
    grid.apply(panelsBox, series);
    const paired = store.pinned !== null;
    // While a step is pinned, the current frames form one column and what they are
    // compared with the next, a series per row (as the board lays out runs).
    panelsBox.classList.toggle("dvnb-paired", paired && !grid.state.on);
    // Pin and Export act on series: still images (previews) do not get them.
    pin.box.hidden = !series || store.steps.length < 2;
    exporter.update();
    if (!room.width && root.isConnected) measure();
    relayout();
    for (const p of store.panels.values()) {
      const v = panelView(p);
      const visible = grid.shows(p.name) && index.shows(p.name);
      v.group.style.display = visible ? "" : "none";
      if (!visible) continue;
      if (p.kind === "series") shown++;
      const frame = store.frameFor(p);
      const url = showFrame(v.img, store, frame, p);
      v.fig.dataset.step = frame ? frame.step : "";
      // Two steps on screen while pinned: each caption names its own.
      const selected = paired ? null : selectedStep(store);
      const single = p.kind === "single";
      setCaption(v.cap, frameCaption(p.name, frame, url, v.img, selected,
        single ? "" : frameFacts(store, frame, fmt)));
      markFrame(v.fig, single ? null : frame, selected);
      size(v.img, v.img.naturalWidth);
      if (grid.state.on && !controls.state.actual) sizeTile(v.img, grid.state.tile);
      v.slot.update();
    }
    grid.counted(shown, series);
    toneApplies();
    controls.update();
    pin.update();
    strip.update(controls.slider);
  }

  store.listeners.add(update);
  const forget = rememberTools(model, { lens, tone, grid }, () => update());
  update();
  return () => {
    forget();
    index.dispose();
    store.listeners.delete(update);
    controls.dispose();
    exporter.dispose();
    annotations.dispose();
    resized.disconnect();
    window.removeEventListener("resize", onWindow);
  };
}
