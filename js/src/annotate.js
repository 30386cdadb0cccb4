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
// blend, classes shown) belong to the model's store: every view of a model agrees:
// that store's `Annotations` (annotations.js) says what to draw; colours.js, in what colour.

import { el } from "./dom.js";
import { BLENDS, classColour, css } from "./colours.js";
import { annotationsOf } from "./annotations.js";

const SVG_NS = "http://www.w3.org/2000/svg";

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
