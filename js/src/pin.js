// A pinned step. Pin the step on screen; each series then shows that step against the
// current one (side by side, as a swipe, or as their absolute difference) while the
// slider goes on moving the current step.

import { el } from "./dom.js";
import { showFrame } from "./image.js";
import { MODES, SCALE_OPTIONS, selectOf, pairFigure, showPair } from "./pair.js";

export function pinControls(store) {
  const button = el("button", { class: "dvnb-pin", text: "Pin", "aria-label": "pin step",
    title: "pin this step, to compare other steps with it", "aria-pressed": "false" });
  const mode = selectOf("dvnb-pin-mode", "compare mode", MODES, "side");
  const scale = selectOf("dvnb-pin-scale", "colour scale", SCALE_OPTIONS, "heat");
  const ui = { mode: "side", scale: "heat", swipe: 50 };
  button.addEventListener("click", () => {
    const n = store.steps.length;
    store.pinned = store.pinned === null && n ? store.steps[store.index()] : null;
    store.changed(true);
  });
  for (const node of [mode, scale]) {
    node.addEventListener("change", () => { ui.mode = mode.value; ui.scale = scale.value; store.changed(true); });
  }
  const update = () => {
    const on = store.pinned !== null;
    button.setAttribute("aria-pressed", String(on));
    button.textContent = on ? `Pinned ${store.pinned}` : "Pin";
    mode.style.display = on ? "" : "none";
    scale.style.display = on && ui.mode === "diff" ? "" : "none";
  };
  return { box: el("span", { class: "dvnb-pin-box" }, [button, mode, scale]), ui, update };
}

// What a series panel shows beside itself while a step is pinned: the pinned frame, a
// swipe or a difference, in the view's second column. ``look`` is the view's:
// ``staged(img, name)`` (its lens stage), ``follow(node)`` (zoom with the lens, returns
// a release), ``size(node, naturalWidth)`` (its scale rule).
export function pinSlot(store, p, ui, look) {
  const node = el("div", { class: "dvnb-pinned", "data-name": p.name });
  let key = "";
  let v = null;
  let released = [];

  function clear() {
    for (const release of released) release();
    released = [];
    node.replaceChildren();
    v = null;
  }

  function build() {
    clear();
    if (ui.mode === "side") {
      const img = el("img", { class: "dvnb-img", alt: `${p.name}, pinned step` });
      const cap = el("figcaption", { class: "dvnb-caption" });
      img.addEventListener("load", () => update());
      v = { img, cap };
      node.replaceChildren(el("figure", { class: "dvnb-panel-pinned" }, [look.staged(img, `${p.name} (pinned)`), cap]));
    } else {
      v = pairFigure(ui, [`${p.name}, current step`, `${p.name}, pinned step`], () => update(), {},
        look.size);
      released = (ui.mode === "swipe" ? [v.under, v.over] : [v.canvas]).map(look.follow);
      node.replaceChildren(v.fig);
    }
  }

  function update() {
    const pinned = store.pinned;
    if (pinned === null || p.kind !== "series") {
      if (key) { clear(); key = ""; }
      return;
    }
    if (key !== ui.mode) { key = ui.mode; build(); }
    const now = store.frameFor(p);
    const then = store.frameAt(p, pinned);
    if (ui.mode === "side") {
      node.dataset.steps = `steps ${now ? now.step : "–"} / ${then ? then.step : "–"}`;
      showFrame(v.img, store, then, p);
      look.size(v.img, v.img.naturalWidth);
      v.cap.textContent = then ? `${p.name} · pinned step ${then.step}` : `${p.name} · no frame at the pin`;
    } else {
      // The captions name the series and both steps: "◧ pred | pinned ◨ · steps 6 / 2".
      node.dataset.steps = showPair(v, store, ui, [now, p], [then, p], [p.name, "pinned"]);
    }
  }

  return { node, update };
}
