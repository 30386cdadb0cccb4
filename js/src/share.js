// The host of a shared HTML file (dvclive_nb.to_html): no kernel, no server, no request.
//
// The page embeds the view's own bundle (dvclive_nb/static/view.js) and this module.
// Here stands in for both ends of a widget's comm: a model that answers get/set/on/off/
// send/save_changes as anywidget's does, and a "kernel" that answers the view's
// `sync` and `fetch` messages from frames embedded in the page. So every tool of the
// view works in the file, and there is no second viewer to keep in step with it.
//
// The page holds two <script> data blocks (neither runs): `dvnb-state`, JSON of the
// model's traits, each frame's place in the frames block and the metrics rows; and
// `dvnb-frames`, every frame's bytes in base64, one padded run per frame, handed to the
// view as a data: URL when it asks for the frame (never decoded here: a data: URL is
// also what Chromium shows fastest, see store.urlFor).

// Bytes of one frame (or metric row), from its own padded base64 run.
function decode(text, at, length) {
  const chars = atob(text.substr(at, length));
  const out = new Uint8Array(chars.length);
  for (let i = 0; i < chars.length; i++) out[i] = chars.charCodeAt(i);
  return out;
}

// The model of one view, as anywidget hands it to initialize and render.
export class FileModel {
  constructor(traits, answer) {
    this.traits = { ...traits };
    this.answer = answer; // (msg) -> runs the "kernel" (synchronously: nothing to wait for)
    this.handlers = new Map(); // event -> [callback]
  }

  get(key) { return this.traits[key]; }

  set(key, value) {
    this.traits[key] = value;
    this.emit(`change:${key}`, value);
  }

  save_changes() {} // nothing to sync with: the file is the whole state

  on(event, callback) {
    if (!this.handlers.has(event)) this.handlers.set(event, []);
    this.handlers.get(event).push(callback);
  }

  off(event, callback) {
    if (!event) { this.handlers.clear(); return; }
    if (!callback) { this.handlers.delete(event); return; }
    const list = this.handlers.get(event) || [];
    const i = list.indexOf(callback);
    if (i >= 0) list.splice(i, 1);
  }

  emit(event, ...args) {
    for (const callback of [...(this.handlers.get(event) || [])]) callback(...args);
  }

  send(msg) { this.answer(msg); }
}

// What the kernel's Page (dvclive_nb/_page.py) would answer, from the embedded frames.
export class FileKernel {
  constructor(model, state, text) {
    this.model = model;
    this.frames = state.frames; // [{seq, name, kind, step, mime, at, len}], seq = index
    this.metrics = state.metrics || [];
    this.text = text;
    this.newest = new Set(); // each panel's newest frame: its bytes go with the sync reply
    const last = new Map();
    for (const f of this.frames) {
      const seen = last.get(f.name);
      if (!seen || f.step >= seen.step) last.set(f.name, f);
    }
    for (const f of last.values()) this.newest.add(f.seq);
  }

  answer(msg) {
    if (!msg) return;
    if (msg.type === "sync") {
      this.reply(this.frames.map((f) => f.seq), (seq) => this.newest.has(seq));
      this.sendMetrics();
    } else if (msg.type === "fetch") {
      this.reply(msg.seqs || [], () => true);
    }
    // No "export" or "save_html": the view leaves those actions out of a shared file
    // (the model's `shared` trait), as there is no kernel to write GIFs or pages.
  }

  reply(seqs, withBytes) {
    const metas = [];
    const buffers = [];
    for (const seq of seqs) {
      const f = this.frames[seq];
      if (!f) continue;
      const meta = { seq: f.seq, name: f.name, kind: f.kind, step: f.step, mime: f.mime, buf: -1 };
      // The frame's own base64 run as a data: URL: no decoding here and no Blob, which
      // the page then loads in its own process (store.urlFor).
      if (withBytes(seq)) meta.src = `data:${f.mime};base64,${this.text.substr(f.at, f.len)}`;
      metas.push(meta);
    }
    if (metas.length) this.model.emit("msg:custom", { type: "frames", frames: metas }, buffers);
  }

  sendMetrics() {
    const metas = [];
    const buffers = [];
    for (const m of this.metrics) {
      metas.push({ name: m.name, start: 0, buf: buffers.length });
      // float64 bytes, as the kernel's MetricsFeed sends them
      buffers.push(decode(m.steps, 0, m.steps.length), decode(m.values, 0, m.values.length));
    }
    this.model.emit("msg:custom", { type: "metrics", metrics: metas, reset: true }, buffers);
  }
}

// Light or dark as the reader's system says: view.css reads JupyterLab's variables
// (defined by the page's own CSS per `prefers-color-scheme`) and these attributes.
function followTheme() {
  const dark = globalThis.matchMedia && matchMedia("(prefers-color-scheme: dark)");
  const apply = () => {
    const isDark = !!(dark && dark.matches);
    document.body.dataset.jpThemeLight = String(!isDark);
    document.body.dataset.jpThemeName = isDark ? "share dark" : "share light";
  };
  apply();
  if (dark && dark.addEventListener) dark.addEventListener("change", apply);
}

// Open the view of this page: ``view`` is the bundle's default export. ``suffix`` ends
// the ids of its blocks: a notebook's fallback (dvclive_nb/_share_fallback.py, where a
// page holds several) has one, and follows the notebook's theme, not the system's; it
// takes the place of the fallback's still images, which stay for readers with no JS.
export function start(view, suffix = "") {
  // A fallback next to its live view (connected: JupyterLab with the kernel) stays
  // hidden; building a second viewer there, at each refresh of the fallback, is waste.
  if (suffix && document.querySelector(`.dvnb-live${suffix}`)) return;
  const state = JSON.parse(document.getElementById(`dvnb-state${suffix}`).textContent);
  const text = document.getElementById(`dvnb-frames${suffix}`).textContent.trim();
  const root = document.getElementById(`dvnb-view${suffix}`);
  if (!suffix) followTheme();
  let kernel = null;
  const model = new FileModel(state.model, (msg) => kernel && kernel.answer(msg));
  kernel = new FileKernel(model, state, text);
  view.initialize({ model });
  view.render({ model, el: root });
  const stills = suffix && root.parentElement.querySelector(".dvnb-static-figs");
  if (stills) stills.hidden = true;
  (globalThis.__dvclive_nb_shares ??= []).push({ model, kernel }); // for tests
  globalThis.__dvclive_nb_share = { model, kernel }; // for tests and the curious
}
