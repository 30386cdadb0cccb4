// Boxes and overlays over a frame, napari's layers in miniature: a shapes layer (the
// boxes logged beside the frame, `log_bounding_boxes`) and an image or labels layer
// (another series of the same size, drawn over it with an opacity and a blend).
//
// Both are drawn in the image's own pixel space, as siblings of its <img> that copy its
// box, transform and clip: the lens's zoom and pan, and the swipe's clip, move them with
// the image, in the same animation frame (a MutationObserver on the image's style runs
// before the next paint). Every view sets its images through `showFrame`, which calls
// `annotate`: Live, show(), compare() columns, the pin and the swipe all get layers
// without knowing of them. The settings (labels shown, threshold, overlay, opacity,
// blend, classes shown) belong to the model's store: every view of a model agrees.

import { el } from "./dom.js";

const SVG_NS = "http://www.w3.org/2000/svg";

// Colours that read on JupyterLab's Light and Dark themes alike (mid lightness,
// saturated: Trubetskoy's distinct colours without white, black and the pastels).
export const PALETTE = [
  [230, 25, 75], [60, 180, 75], [0, 130, 200], [245, 130, 48], [145, 30, 180],
  [70, 200, 200], [240, 50, 230], [210, 190, 0], [0, 128, 128], [170, 110, 40],
  [128, 128, 0], [100, 100, 255],
];

// A label's colour: a hash of its text, so it is the same in every view and session.
export function labelColour(label) {
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < label.length; i++) { h ^= label.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return PALETTE[(h >>> 0) % PALETTE.length];
}

// A class value's colour: the palette in order, then hues a golden angle apart, so that
// every value of a mask (1..255) gets a colour of its own.
export function classColour(v) {
  if (v >= 1 && v <= PALETTE.length) return PALETTE[v - 1];
  const h = (v * 137.508) % 360, s = 0.75, l = 0.55;
  const k = (n) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [f(0), f(8), f(4)].map((x) => Math.round(x * 255));
}

export const css = (rgb) => `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`;
export const BLENDS = [["normal", "normal"], ["additive", "plus-lighter"], ["difference", "difference"]];
// A grey mask with values up to this is read as labels (class ids), above as an image.
const LABELS_MAX = 64;

// What a store knows of boxes and overlays, and the settings that draw them.
class Annotations {
  constructor(store) {
    this.store = store;
    this.boxes = new Map(); // panel -> Map(step -> {label: [{box, score}]})
    this.labels = new Map(); // label -> shown (bool), in order of first sight
    this.showBoxes = true;
    this.threshold = 0;
    this.pairs = null; // Map(under series -> over series); null: as the model says
    this.opacity = 0.5;
    this.blend = "normal";
    this.classes = new Map(); // class value -> shown, for the label masks seen
    this.version = 0; // bumped by every change of what layers draw
    this.masks = new Map(); // object URL -> {labels, values, data, w, h}: the last few masks
    this.asked = new Set(); // frames whose boxes were asked for again
  }

  // A frame shown without boxes, of a panel that has some: a watcher may have read the
  // image before its sidecar was written. Ask the kernel once, a little later.
  ask(p, frame) {
    const key = `${p.name}|${frame.seq}`;
    if (this.asked.has(key) || !this.boxes.has(p.name)) return;
    this.asked.add(key);
    setTimeout(() => {
      if (!this.boxesFor(p, frame)) this.store.model.send({ type: "boxes", name: p.name, step: frame.step });
    }, 500);
  }

  add(name, step, groups) {
    let byStep = this.boxes.get(name);
    if (!byStep) { byStep = new Map(); this.boxes.set(name, byStep); }
    byStep.set(step, groups);
    for (const label of Object.keys(groups)) if (!this.labels.has(label)) this.labels.set(label, true);
    this.changed(false);
  }

  changed(byUser = true) {
    this.version++;
    this.store.changed(byUser);
  }

  // {label: [...]} logged beside ``frame`` of panel ``p``, or null.
  boxesFor(p, frame) {
    const byStep = p && frame ? this.boxes.get(p.name) : null;
    return byStep ? byStep.get(frame.step) || null : null;
  }

  pairMap() {
    if (this.pairs) return this.pairs;
    const given = this.store.model.get("overlay") || {};
    return new Map(Object.entries(given).map(([over, under]) => [under, over]));
  }

  // A box label's colour: its class's, when a label mask names a class so (boxes and
  // mask then agree), else a hash of its text.
  labelColour(label) {
    const names = this.store.model.get("overlay_labels") || {};
    for (const [v, name] of Object.entries(names)) if (name === label) return classColour(Number(v));
    return labelColour(label);
  }

  className(v) {
    const names = this.store.model.get("overlay_labels") || {};
    return names[String(v)] || `class ${v}`;
  }

  // The panel drawn over panel ``p``: its series' overlay, in the same column of a board
  // ("0:mask" over "0:input").
  overPanel(p) {
    if (!p) return null;
    if (this.isOver(p)) return p; // a label mask over itself: its classes in colour
    const cut = p.name.lastIndexOf(":");
    const prefix = cut >= 0 && /^\d+$/.test(p.name.slice(0, cut)) ? p.name.slice(0, cut + 1) : "";
    const over = this.pairMap().get(p.name.slice(prefix.length));
    return over ? this.store.panels.get(prefix + over) || null : null;
  }

  isOver(p) {
    const series = p.name.replace(/^\d+:/, "");
    for (const over of this.pairMap().values()) if (over === series) return true;
    return false;
  }

  // A mask's pixels, decoded once per frame: whether it reads as labels, its values.
  mask(url, onReady) {
    const known = this.masks.get(url);
    if (known) return known.ready ? known : null;
    const entry = { ready: false };
    this.masks.set(url, entry);
    if (this.masks.size > 8) this.masks.delete(this.masks.keys().next().value);
    // Only a grey PNG can be a label mask: anything else is an image overlay, whose
    // size its header tells, with no pixels read on the main thread.
    fetch(url).then((r) => r.arrayBuffer()).then((buf) => {
      const head = new DataView(buf);
      const png = buf.byteLength > 26 && head.getUint32(0) === 0x89504e47;
      if (png && head.getUint8(25) !== 0) {
        Object.assign(entry, { ready: true, w: head.getUint32(16), h: head.getUint32(20),
          labels: false, values: [] });
        onReady();
        return null;
      }
      return this.decodeMask(url, entry, onReady);
    }).catch(() => { this.masks.delete(url); });
    return null;
  }

  decodeMask(url, entry, onReady) {
    const img = new Image();
    img.src = url;
    return img.decode().then(() => {
      const canvas = document.createElement("canvas");
      canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
      const ctx = canvas.getContext("2d", { willReadFrequently: true });
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let grey = true, max = 0;
      const seen = new Uint8Array(256);
      for (let i = 0; i < data.length; i += 4) {
        const v = data[i];
        if (v !== data[i + 1] || v !== data[i + 2] || data[i + 3] !== 255) { grey = false; break; }
        seen[v] = 1;
        if (v > max) max = v;
      }
      const named = Object.keys(this.store.model.get("overlay_labels") || {}).length > 0;
      Object.assign(entry, { ready: true, w: canvas.width, h: canvas.height, data,
        labels: grey && (named || max <= LABELS_MAX),
        values: grey ? [...seen.keys()].filter((v) => v && seen[v]) : [] });
      if (entry.labels) {
        let added = false;
        for (const v of entry.values) if (!this.classes.has(v)) { this.classes.set(v, true); added = true; }
        if (added) this.classes = new Map([...this.classes].sort((a, b) => a[0] - b[0]));
      }
      onReady();
    });
  }
}

const ANNOTATIONS = new WeakMap(); // store -> Annotations

export function annotationsOf(store) {
  let a = ANNOTATIONS.get(store);
  if (!a) { a = new Annotations(store); ANNOTATIONS.set(store, a); }
  return a;
}

// The kernel's boxes: with a frame's bytes (``meta.boxes``) or in a message of their
// own, for boxes logged after their image.
export function receiveBoxes(store, msg) {
  const a = annotationsOf(store);
  if (msg.type === "boxes") for (const it of msg.items) a.add(it.name, it.step, it.boxes);
  else if (msg.boxes) a.add(msg.name, msg.step, msg.boxes);
}

function svgEl(tag, attrs = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

const LAYERS = new WeakMap(); // img -> Layer

// The layers over one <img>: an overlay (an image, or a canvas of coloured labels) and
// the boxes (SVG, its viewBox the image's pixels), with a tooltip for the box hovered.
class Layer {
  constructor(img, a) {
    this.img = img;
    this.a = a;
    let host = img.parentElement;
    if (getComputedStyle(host).position === "static") {
      // A board's plain figure: a positioned box of the image's size to draw in.
      const wrap = el("span", { class: "dvnb-ann-host" });
      img.replaceWith(wrap);
      wrap.append(img);
      host = wrap;
    }
    host.classList.add("dvnb-ann-stage");
    this.overImg = el("img", { class: "dvnb-overlay", alt: "", "aria-hidden": "true" });
    this.overCanvas = el("canvas", { class: "dvnb-overlay", "aria-hidden": "true" });
    this.svg = svgEl("svg", { class: "dvnb-boxes", preserveAspectRatio: "none", "aria-hidden": "true" });
    this.tip = el("div", { class: "dvnb-box-tip", role: "tooltip" });
    this.tip.hidden = true;
    img.after(this.overImg, this.overCanvas, this.svg);
    host.append(this.tip);
    this.key = "";
    this.overKey = "";
    this.place = this.place.bind(this);
    this.moved = new MutationObserver(this.place);
    this.moved.observe(img, { attributes: true, attributeFilter: ["style", "class"] });
    this.resized = new ResizeObserver(this.place);
    this.resized.observe(img);
    img.addEventListener("load", () => this.loaded());
    this.drawn = []; // [area, label, colour, box, score], the boxes drawn now
    host.addEventListener("pointermove", (e) => this.hover(e));
    host.addEventListener("pointerleave", () => { this.tip.hidden = true; });
  }

  // Copy the image's box, transform and clip (the lens's zoom, the swipe's handle).
  place() {
    const img = this.img;
    for (const node of [this.overImg, this.overCanvas, this.svg]) {
      const s = node.style;
      s.left = `${img.offsetLeft}px`;
      s.top = `${img.offsetTop}px`;
      s.width = `${img.offsetWidth}px`;
      s.height = `${img.offsetHeight}px`;
      s.transformOrigin = img.style.transformOrigin;
      s.transform = img.style.transform;
      s.clipPath = img.style.clipPath;
    }
    const sharp = img.classList.contains("dvnb-pixelated") || img.classList.contains("dvnb-zoomed");
    this.overImg.classList.toggle("dvnb-sharp", sharp);
    this.overCanvas.classList.toggle("dvnb-sharp", sharp);
  }

  // The smallest box under the pointer (the image's transformed box maps the pointer to
  // its pixels exactly, zoomed or not): its label and score.
  hover(e) {
    const r = this.img.getBoundingClientRect();
    const x = (e.clientX - r.left) / r.width * this.img.naturalWidth;
    const y = (e.clientY - r.top) / r.height * this.img.naturalHeight;
    let hit = null;
    if (this.svg.style.display !== "none") {
      for (const d of this.drawn) {
        const b = d[3];
        if (x >= b.left && x <= b.right && y >= b.top && y <= b.bottom) hit = d; // sorted: last is smallest
      }
    }
    if (!hit) { this.tip.hidden = true; return; }
    const host = this.tip.parentElement.getBoundingClientRect();
    this.tip.textContent = `${hit[1]} ${hit[4].toFixed(2)}`;
    this.tip.style.left = `${e.clientX - host.left + 12}px`;
    this.tip.style.top = `${e.clientY - host.top + 12}px`;
    this.tip.hidden = false;
  }

  // Layers for ``frame`` once the image shows it: a large frame is decoded before it is
  // swapped in (image.js), and until then the layers stay with the frame on screen.
  show(frame, p, url) {
    this.want = { frame, p, url };
    const img = this.img;
    const w = img.naturalWidth, h = img.naturalHeight;
    if (url && (!w || img.getAttribute("src") !== url)) return;
    this.drawOverlay(url ? frame : null, p, w, h);
    this.drawBoxes(url ? frame : null, p, w, h);
  }

  loaded() {
    this.place();
    if (this.want) this.show(this.want.frame, this.want.p, this.want.url);
  }

  drawBoxes(frame, p, w, h) {
    const t0 = performance.now();
    const a = this.a;
    const groups = frame && a.showBoxes ? a.boxesFor(p, frame) : null;
    if (frame && a.showBoxes && !groups) a.ask(p, frame);
    const key = groups ? `${p.name}|${frame.step}|${frame.seq}|${a.version}|${w}x${h}` : "";
    if (key === this.key) return;
    this.key = key;
    if (!groups) { this.svg.replaceChildren(); this.svg.style.display = "none"; this.drawn = []; return; }
    this.svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
    const drawn = [];
    for (const [label, list] of Object.entries(groups)) {
      if (!a.labels.get(label)) continue;
      const colour = css(a.labelColour(label));
      for (const { box, score } of list) {
        if (score < a.threshold) continue;
        drawn.push([(box.right - box.left) * (box.bottom - box.top), label, colour, box, score]);
      }
    }
    drawn.sort((x, y) => y[0] - x[0]); // the small ones last: on top, and hovered first
    this.drawn = drawn;
    // One path per label, on one dark halo for all (so that boxes read over any picture,
    // and over a mask of their class's colour): a few elements however many boxes, so
    // that a step's 200 boxes cost well under a millisecond.
    const paths = new Map(); // label -> [colour, d]
    let halo = "";
    for (const [, label, colour, box] of drawn) {
      const d = `M${box.left} ${box.top}H${box.right}V${box.bottom}H${box.left}Z`;
      halo += d;
      const entry = paths.get(label);
      if (entry) entry[1] += d; else paths.set(label, [colour, d]);
    }
    const nodes = [svgEl("path", { class: "dvnb-halo", d: halo })];
    for (const [label, [colour, d]] of paths) nodes.push(svgEl("path", { d, stroke: colour, "data-label": label }));
    this.svg.replaceChildren(...nodes);
    this.svg.style.display = "";
    this.svg.dataset.boxes = String(drawn.length);
    this.svg.dataset.step = String(frame.step);
    // What benchmarks/bench_annotate.py reads: the last drawing's cost.
    globalThis.__dvclive_nb_boxes_ms = performance.now() - t0;
  }

  drawOverlay(frame, p, w, h) {
    const a = this.a;
    const overP = frame ? a.overPanel(p) : null;
    const overFrame = overP ? a.store.frameAt(overP, frame.step) : null;
    const overUrl = overFrame && overFrame.step === frame.step ? a.store.urlFor(overFrame, overP) : null;
    const mask = overUrl ? a.mask(overUrl, () => a.changed(false)) : null;
    const self = overP === p;
    const fits = mask && mask.w === w && mask.h === h && (!self || mask.labels);
    const key = fits ? `${overUrl}|${a.version}` : "";
    this.img.dataset.overlay = fits && !self ? overP.name : "";
    if (key === this.overKey) return;
    this.overKey = key;
    const { overImg, overCanvas } = this;
    overImg.style.display = overCanvas.style.display = "none";
    if (!fits) { overImg.removeAttribute("src"); return; }
    const node = mask.labels ? overCanvas : overImg;
    node.style.display = "";
    node.style.opacity = self ? "1" : String(a.opacity);
    node.style.mixBlendMode = self ? "normal" : BLENDS.find(([n]) => n === a.blend)[1];
    if (!mask.labels) { overImg.src = overUrl; return; }
    // Labels: 0 transparent, each shown class its colour, opaque (the opacity is the
    // element's, so the blend reads the same for images and labels).
    overCanvas.width = w; overCanvas.height = h;
    const ctx = overCanvas.getContext("2d");
    const out = ctx.createImageData(w, h);
    const lut = new Uint8Array(256 * 4);
    for (const [v, shown] of a.classes) {
      if (!shown || !v) continue;
      const [r, g, b] = classColour(v);
      lut.set([r, g, b, 255], 4 * v);
    }
    const src = mask.data, dst = out.data;
    for (let i = 0; i < src.length; i += 4) {
      const k = 4 * src[i];
      dst[i] = lut[k]; dst[i + 1] = lut[k + 1]; dst[i + 2] = lut[k + 2]; dst[i + 3] = lut[k + 3];
    }
    ctx.putImageData(out, 0, 0);
  }
}

// Draw the layers of ``img``, which now shows ``frame`` of panel ``p`` at ``url``.
export function annotate(img, store, frame, p, url) {
  let layer = LAYERS.get(img);
  if (!layer) {
    const a = annotationsOf(store);
    const wanted = a.boxes.size || a.pairMap().size || a.pairs;
    if (!wanted || !img.parentElement) return; // no layers until there is something to draw
    layer = new Layer(img, a);
    LAYERS.set(img, layer);
    layer.place();
  }
  layer.show(frame, p, url);
}
