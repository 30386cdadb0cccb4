// The controls of the boxes and overlay layers (annotate.js): boxes on or off, the score
// threshold, a legend entry per label that toggles it; the overlay (which series over
// which), its opacity and blend, and a checkbox per class of a label mask. Every control
// has an accessible name and is reached with Tab; all of it runs in the browser.

import { el, rangeInput } from "./dom.js";
import { annotationsOf } from "./annotations.js";
import { classColour, css, BLENDS } from "./colours.js";

// A checkbox named ``name`` (its accessible name), with a colour swatch when given.
function check(cls, name, checked, colour, onChange) {
  const input = el("input", { type: "checkbox", checked, "aria-label": name });
  input.addEventListener("change", () => onChange(input.checked));
  const parts = [input];
  if (colour) parts.push(el("span", { class: "dvnb-swatch", "aria-hidden": "true" }));
  parts.push(el("span", { text: name, "aria-hidden": "true" }));
  const node = el("label", { class: cls, title: name }, parts);
  if (colour) parts[1].style.background = colour;
  return node;
}

// Series names of the store's panels ("0:pred" on a board is "pred").
function seriesNames(store) {
  const names = [];
  for (const p of store.panels.values()) {
    if (p.kind !== "series") continue;
    const n = p.name.replace(/^\d+:/, "");
    if (!names.includes(n)) names.push(n);
  }
  return names;
}

export function annotationControls(store) {
  const a = annotationsOf(store);
  const boxes = check("dvnb-ann-boxes", "boxes", true, null, (on) => { a.showBoxes = on; a.changed(); });
  const threshold = rangeInput("dvnb-threshold", "score threshold", 0, 1, 0.05, 0);
  threshold.addEventListener("input", () => { a.threshold = Number(threshold.value); sync(); a.changed(); });
  const legend = el("span", { class: "dvnb-legend-labels", role: "group", "aria-label": "box labels" });
  const boxBar = el("span", { class: "dvnb-ann-bar" }, [boxes,
    el("span", { class: "dvnb-tone-label", text: "score ≥", "aria-hidden": "true" }), threshold, legend]);

  const overlay = el("select", { class: "dvnb-overlay-pick", "aria-label": "overlay",
    title: "draw one series over another of the same size" });
  overlay.addEventListener("change", () => {
    a.pairs = overlay.value ? new Map([JSON.parse(overlay.value)]) : new Map();
    a.changed();
  });
  const opacity = rangeInput("dvnb-opacity", "opacity", 0, 1, 0.05, a.opacity);
  opacity.addEventListener("input", () => { a.opacity = Number(opacity.value); sync(); a.changed(); });
  const blend = el("select", { class: "dvnb-blend", "aria-label": "blend", title: "blend" },
    BLENDS.map(([n]) => el("option", { value: n, text: n })));
  blend.addEventListener("change", () => { a.blend = blend.value; a.changed(); });
  const classes = el("span", { class: "dvnb-legend-classes", role: "group", "aria-label": "mask classes" });
  const opacityLabel = el("span", { class: "dvnb-tone-label", text: "opacity", "aria-hidden": "true" });
  const overBar = el("span", { class: "dvnb-ann-bar" }, [overlay, opacityLabel, opacity, blend, classes]);
  const box = el("div", { class: "dvnb-annotate" }, [boxBar, overBar]);

  let labelsKey = null, classesKey = null, pairsKey = null;
  function sync() {
    threshold.setAttribute("aria-valuetext", `score ${a.threshold.toFixed(2)} or more`);
    opacity.setAttribute("aria-valuetext", `${Math.round(a.opacity * 100)}%`);
  }
  function update() {
    boxBar.style.display = a.labels.size ? "" : "none";
    const lk = [...a.labels.keys()].join("\n");
    if (lk !== labelsKey) {
      labelsKey = lk;
      legend.replaceChildren(...[...a.labels].map(([label, on]) => check("dvnb-legend-entry", label, on,
        css(a.labelColour(label)), (v) => { a.labels.set(label, v); a.changed(); })));
    }
    const names = seriesNames(store);
    const current = [...a.pairMap()][0] || null;
    const pk = JSON.stringify([names, current]);
    if (pk !== pairsKey) {
      pairsKey = pk;
      const options = [el("option", { value: "", text: "no overlay" })];
      for (const over of names) for (const under of names) {
        if (over !== under) options.push(el("option", { value: JSON.stringify([under, over]), text: `${over} over ${under}` }));
      }
      overlay.replaceChildren(...options);
      overlay.value = current ? JSON.stringify(current) : "";
    }
    overBar.style.display = names.length > 1 ? "" : "none";
    const on = !!current;
    for (const node of [opacityLabel, opacity, blend, classes]) node.style.display = on ? "" : "none";
    const ck = [...a.classes.keys()].join(",");
    if (ck !== classesKey) {
      classesKey = ck;
      classes.replaceChildren(...[...a.classes].map(([v, shown]) => check("dvnb-legend-entry", a.className(v), shown,
        css(classColour(v)), (x) => { a.classes.set(v, x); a.changed(); })));
    }
    sync();
  }
  store.listeners.add(update);
  update();
  return { box, update, dispose: () => store.listeners.delete(update) };
}
