// Tone, brightness, contrast, auto contrast and a colour
// map, per view, drawn by an SVG filter per panel (no re-encoding, no kernel).
//
// For a channel value v in [0, 1] the screen shows, clamped to [0, 1]:
//   auto off: (v - 0.5) * contrast + 0.5 + brightness
//   auto on:  the same, with v first stretched to (v - lo) / (hi - lo), where lo and hi
//             are the frame's own darkest and brightest channel values (alpha aside).
// A colour map (single-channel images only) then maps the grey level to a colour.
// Alpha is left as it is. The pixel readout always shows the file's own values.

import { el, rangeInput } from "./dom.js";
import { lensPixels } from "./lens.js";

// matplotlib's maps, 17 stops each, per channel (linear in between).
const COLOUR_MAPS = {
  viridis: [
    "0.267 0.2823 0.2788 0.259 0.2297 0.1994 0.1727 0.149 0.1276 0.1206 0.1579 0.2461 0.3692 0.516 0.6785 0.8456 0.9932",
    "0.0049 0.095 0.1755 0.2515 0.3224 0.3876 0.4488 0.5081 0.5669 0.6258 0.6838 0.7389 0.7889 0.8312 0.8637 0.8873 0.9062",
    "0.3294 0.4173 0.4834 0.5247 0.5457 0.5546 0.5579 0.5573 0.5506 0.5335 0.5017 0.452 0.3829 0.2943 0.1895 0.0997 0.1439",
  ],
  magma: [
    "0.0015 0.0396 0.1131 0.2117 0.3167 0.4147 0.5128 0.6136 0.7164 0.8169 0.9043 0.9609 0.9867 0.9961 0.9969 0.9924 0.9871",
    "0.0005 0.0311 0.0655 0.062 0.0717 0.1104 0.1482 0.1818 0.215 0.2559 0.3196 0.4183 0.5356 0.6537 0.7696 0.8843 0.9914",
    "0.0139 0.1335 0.2768 0.4186 0.4854 0.5047 0.5076 0.4985 0.4753 0.4365 0.3881 0.3596 0.3822 0.4462 0.5349 0.6401 0.7495",
  ],
};
const SVG_NS = "http://www.w3.org/2000/svg";
let toneIds = 0;

export class Tone {
  constructor() {
    this.brightness = 0;
    this.contrast = 1;
    this.auto = false;
    this.map = "grey";
    this.listeners = new Set();
  }

  set(changes) {
    Object.assign(this, changes);
    for (const fn of this.listeners) fn();
  }

  plain() { return !this.brightness && this.contrast === 1 && !this.auto && this.map === "grey"; }
}

function svgEl(tag, attrs = {}, children = []) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

// The frame's darkest and brightest channel values, in [0, 1], alpha aside.
function frameRange(img) {
  const c = lensPixels(img);
  if (c.range && c.range.src === c.src) return c.range;
  let lo = 255, hi = 0;
  const d = c.data;
  for (let i = 0; i < d.length; i += 4) {
    for (let j = i; j < i + 3; j++) {
      const v = d[j];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  c.range = { src: c.src, lo: lo / 255, hi: hi / 255 };
  return c.range;
}

// An SVG filter for ``img``, kept up to date with ``tone`` and with the frame shown.
export function toneFilter(tone, img) {
  const id = `dvnb-tone-${++toneIds}`;
  const linear = ["R", "G", "B"].map((c) => svgEl(`feFunc${c}`, { type: "linear" }));
  const table = ["R", "G", "B"].map((c) => svgEl(`feFunc${c}`, { type: "identity" }));
  const filter = svgEl("filter", { id, "color-interpolation-filters": "sRGB" }, [
    svgEl("feComponentTransfer", {}, linear), svgEl("feComponentTransfer", {}, table)]);
  const svg = svgEl("svg", { class: "dvnb-tone-svg", width: 0, height: 0, "aria-hidden": "true" },
    [filter]);
  const apply = () => {
    const src = img.getAttribute("src");
    if (tone.plain() || !src || !img.naturalWidth) { img.style.filter = ""; return; }
    let lo = 0, hi = 1;
    if (tone.auto) ({ lo, hi } = frameRange(img));
    const stretch = hi > lo ? 1 / (hi - lo) : 1;
    const slope = tone.contrast * stretch;
    const intercept = -lo * slope + 0.5 - 0.5 * tone.contrast + tone.brightness;
    for (const f of linear) { f.setAttribute("slope", slope); f.setAttribute("intercept", intercept); }
    const pixels = lensPixels(img);
    const grey = pixels.type === "grey" || pixels.type === "grey+alpha";
    const map = grey ? COLOUR_MAPS[tone.map] : null;
    table.forEach((f, i) => {
      f.setAttribute("type", map ? "table" : "identity");
      if (map) f.setAttribute("tableValues", map[i]); else f.removeAttribute("tableValues");
    });
    img.style.filter = `url(#${id})`;
    if (!pixels.type && tone.map !== "grey") pixels.ready.then(apply);
  };
  tone.listeners.add(apply);
  img.addEventListener("load", apply);
  return svg;
}

// The tone controls: brightness, contrast (log scale), auto contrast, colour map, each
// range with its value beside it. ``applies(grey, colour)`` says whether the view shows
// single-channel images and colour ones: the map is disabled, with the reason in its
// title, where no image can take it (issue 21: it said "grey" on RGB and did nothing).
export function toneControls(tone) {
  const brightness = rangeInput("dvnb-brightness", "brightness", -1, 1, 0.05, 0);
  const contrast = rangeInput("dvnb-contrast", "contrast", -3, 3, 0.25, 0);
  const brightnessValue = el("span", { class: "dvnb-value dvnb-brightness-value", "aria-hidden": "true" });
  const contrastValue = el("span", { class: "dvnb-value dvnb-contrast-value", "aria-hidden": "true" });
  const auto = el("button", { class: "dvnb-auto", text: "Auto", "aria-label": "auto contrast",
    title: "stretch each frame to its own darkest and brightest values", "aria-pressed": "false" });
  const map = el("select", { class: "dvnb-map", "aria-label": "colour map" },
    [...["grey", "viridis", "magma"].map((m) => el("option", { value: m, text: m })),
      el("option", { value: "", text: "RGB", hidden: true })]);
  brightness.addEventListener("input", () => tone.set({ brightness: Number(brightness.value) }));
  contrast.addEventListener("input", () => tone.set({ contrast: 2 ** Number(contrast.value) }));
  auto.addEventListener("click", () => tone.set({ auto: !tone.auto }));
  map.addEventListener("change", () => { if (map.value) tone.set({ map: map.value }); });
  const sync = () => {
    // Inputs follow the tone, which may come back from the widget's state (remember.js).
    brightness.value = tone.brightness;
    contrast.value = Math.log2(tone.contrast);
    map.value = tone.map;
    auto.setAttribute("aria-pressed", String(tone.auto));
    const b = `${tone.brightness >= 0 ? "+" : "−"}${Math.abs(tone.brightness).toFixed(2)}`;
    const c = `×${tone.contrast.toFixed(2)}`;
    brightness.setAttribute("aria-valuetext", b);
    contrast.setAttribute("aria-valuetext", c);
    brightnessValue.textContent = b;
    contrastValue.textContent = c;
  };
  tone.listeners.add(sync);
  sync();
  const applies = (grey, colour) => {
    map.disabled = colour && !grey;
    map.value = map.disabled ? "" : tone.map;
    map.title = map.disabled
      ? "colour map: for single-channel (grey) images only; the images here have their own colours (RGB)"
      : colour ? "colour map for the single-channel images here (colour ones keep their colours)"
        : "colour map (single-channel images)";
  };
  applies(false, false);
  const box = el("span", { class: "dvnb-tone" }, [
    el("span", { class: "dvnb-tone-label", text: "☀", "aria-hidden": "true" }), brightness, brightnessValue,
    el("span", { class: "dvnb-tone-label", text: "◐", "aria-hidden": "true" }), contrast, contrastValue,
    auto, map]);
  return { box, applies };
}
