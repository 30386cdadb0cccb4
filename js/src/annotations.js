// What a store knows of boxes and overlays, and the settings that draw them (napari's
// layer settings, one set per model: every view of a model agrees). The kernel's boxes
// arrive through `receiveBoxes`; annotate.js draws from `annotationsOf(store)`, and
// annotate_bar.js changes its settings.

import { classColour, labelColour } from "./colours.js";

// A grey mask with values up to this is read as labels (class ids), above as an image.
const LABELS_MAX = 64;

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
