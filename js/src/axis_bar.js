// The axis menu, the stride box and the track's note, in the step controls of both
// views. Both write the widget's `axis` / `stride` traits (dvclive_nb/_axis.py), so
// they are remembered in its state like `step`, and Python can set them.

import { el } from "./dom.js";
import { STEP, axisNames, trackOf } from "./axis.js";
import { fmt } from "./strip.js";

export function axisControls(store, model) {
  const menu = el("select", { class: "dvnb-axis", title: "the slider's axis: the step, or a metric logged per step",
    "aria-label": "axis" });
  const stride = el("input", { type: "number", min: 1, step: 1, class: "dvnb-stride",
    title: "show every k-th frame", "aria-label": "stride", "data-lm-suppress-shortcuts": "true" });
  const value = el("span", { class: "dvnb-axis-value" });
  const note = el("span", { class: "dvnb-axis-note", role: "note" });
  const box = el("span", { class: "dvnb-axis-box" },
    [menu, value, el("label", { class: "dvnb-stridelabel" }, [el("span", { text: "every" }), stride]), note]);
  stride.addEventListener("keydown", (e) => e.stopPropagation());
  const save = (name, v) => { model.set(name, v); model.save_changes(); store.changed(true); };
  menu.addEventListener("change", () => save("axis", menu.value));
  stride.addEventListener("change", () => {
    const k = Math.max(1, Math.floor(Number(stride.value)) || 1);
    stride.value = k;
    save("stride", k);
  });
  // Python (or a restored state) sets them too: repaint at once.
  const repaint = () => store.changed(true);
  model.on("change:axis", repaint);
  model.on("change:stride", repaint);
  let listed = "";

  function update() {
    const axis = model.get("axis") || STEP;
    const names = axisNames(store.metrics);
    if (!names.includes(axis)) names.push(axis); // chosen before its rows arrived
    const key = names.join("\n");
    if (key !== listed) {
      listed = key;
      menu.replaceChildren(...names.map((n) => el("option", { value: n, text: n })));
    }
    menu.value = axis;
    menu.style.display = names.length > 1 ? "" : "none";
    if (document.activeElement !== stride) stride.value = model.get("stride") || 1;
    const track = trackOf(store);
    const i = store.tickIndex();
    const at = track.steps.length && axis !== STEP ? `${axis} ${fmt(track.values[i])}` : "";
    value.textContent = at;
    value.dataset.value = at ? String(track.values[i]) : "";
    note.textContent = track.note;
    note.style.display = track.note ? "" : "none";
  }
  const dispose = () => {
    model.off("change:axis", repaint);
    model.off("change:stride", repaint);
  };
  return { box, update, dispose };
}
