// One run's panels side by side over one slider, with the lens, tone, pin, metrics
// strip, grid and export tools.

import { el, hideStatic } from "./dom.js";
import { storeFor } from "./store.js";
import { stepControls } from "./controls.js";
import { showFrame, sizeBox, frameCaption } from "./image.js";
import { Lens, lensStage, lensControls } from "./lens.js";
import { Tone, toneFilter, toneControls } from "./tone.js";
import { pinControls, pinSlot } from "./pin.js";
import { exportControls } from "./export.js";
import { metricsStrip } from "./strip.js";
import { gridControls, sizeTile } from "./grid.js";
import { annotationControls } from "./annotate_bar.js";

export function renderRun({ model, el: root }) {
  const store = storeFor(model);
  const uid = model.get("uid");
  root.classList.add("dvnb");
  const panelsBox = el("div", { class: "dvnb-panels" });
  const controls = stepControls(store, model, () => update());
  const lens = new Lens();
  const lensBar = lensControls(lens);
  const tone = new Tone();
  const pin = pinControls(store);
  const exporter = exportControls(store, model);
  const tools = el("div", { class: "dvnb-tools" },
    [lensBar.box, toneControls(tone), pin.box, exporter.box]);
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
  const resized = new ResizeObserver(() => strip.update(controls.slider));
  resized.observe(root);
  const views = new Map(); // panel name -> {fig, img, cap}

  function panelView(p) {
    let v = views.get(p.name);
    if (!v) {
      const img = el("img", { class: "dvnb-img", alt: p.name });
      const cap = el("figcaption", { class: "dvnb-caption" });
      const fig = el("figure", { class: "dvnb-panel", "data-name": p.name, "data-kind": p.kind },
        [staged(img, p.name), cap]);
      img.addEventListener("load", () => {
        sizeBox(img, img.naturalWidth, p.kind, controls.state.actual);
        update();
      });
      const slot = pinSlot(store, p, pin.ui, (pinnedImg) => staged(pinnedImg, `${p.name} (pinned)`));
      const group = el("div", { class: "dvnb-group" }, [fig, slot.node]);
      panelsBox.append(group);
      v = { fig, img, cap, slot, group };
      views.set(p.name, v);
    }
    return v;
  }

  function update() {
    root.classList.toggle(`dvnb-live-${uid}`, store.connected);
    hideStatic(uid, store.connected);
    let series = 0, shown = 0;
    for (const p of store.panels.values()) if (p.kind === "series") series++;
    grid.apply(panelsBox, series);
    for (const p of store.panels.values()) {
      const v = panelView(p);
      const visible = grid.shows(p.name);
      v.group.style.display = visible ? "" : "none";
      if (!visible) continue;
      if (p.kind === "series") shown++;
      const frame = store.frameFor(p);
      const url = showFrame(v.img, store, frame, p);
      v.fig.dataset.step = frame ? frame.step : "";
      v.cap.textContent = frameCaption(p.name, frame, url, v.img);
      sizeBox(v.img, v.img.naturalWidth, p.kind, controls.state.actual);
      if (grid.state.on && !controls.state.actual) sizeTile(v.img, grid.state.tile);
      v.slot.update();
    }
    grid.counted(shown, series);
    controls.update();
    pin.update();
    strip.update(controls.slider);
  }

  store.listeners.add(update);
  update();
  return () => {
    store.listeners.delete(update);
    controls.dispose();
    exporter.dispose();
    annotations.dispose();
    resized.disconnect();
  };
}
