// dvclive-nb views: the frame store shared by every view of a model.
// (The four files in js/ are joined into one anywidget ES module; no build step.)
//
// The browser holds the frames and decides what to show: a kernel that is busy training
// cannot answer slider events (../shared/notes/slider-prototypes.md), so scrubbing, Play
// and "follow the newest frame" all run here. Frames arrive from the kernel through the
// synced `frame` trait (one per log_image call, bytes sent once) and, for frames missed
// while this module loaded or evicted from memory, as replies to a "sync"/"fetch" message.

// One store per model, shared by every view of that model (anywidget hands different
// model wrappers to initialize and render, so key on the model's uid).
const STORES = (globalThis.__dvclive_nb_stores ??= new Map());
const FPS = [1, 2, 5, 10, 20];
const RETRY_MS = 2000; // a frame the kernel could not read for now is asked for again
const EAGER_BLOBS = 64; // a message this small is live frames, not a reply

function bisectRight(arr, x) {
  let lo = 0, hi = arr.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (arr[mid] <= x) lo = mid + 1; else hi = mid; }
  return lo;
}

function held(frame) { return !!(frame.data || frame.blob); }

function insertSorted(arr, x) {
  if (!arr.length || x > arr[arr.length - 1]) { arr.push(x); return true; }
  const i = bisectRight(arr, x);
  if (i > 0 && arr[i - 1] === x) return false;
  arr.splice(i, 0, x);
  return true;
}

class Store {
  constructor(model) {
    this.model = model;
    this.panels = new Map(); // name -> {name, kind, steps: [], frames: Map(step -> frame)}
    this.steps = []; // union of the series' steps, sorted
    this.step = null; // the selected step
    this.pinned = null; // a step to compare the selected one with, or null
    this.metrics = new Map(); // metric name -> {steps: number[], values: number[]}
    this.following = true;
    this.playing = null;
    this.fps = 5;
    this.seen = new Set();
    this.maxSeq = -1;
    this.bytes = 0;
    this.evictQueue = []; // frames in arrival order, for eviction
    this.evictHead = 0;
    this.minSeq = 0; // frames before it belong to a run the source replaced
    this.toBlob = []; // frames whose bytes are still in the JS heap
    this.blobbing = false;
    this.urgent = false;
    this.eager = false;
    this.pending = new Set();
    this.listeners = new Set();
    this.scheduled = false;
    // True once the kernel has been heard from (a new frame or a reply). A model
    // restored from saved widget state with no kernel behind it never becomes connected,
    // and then the static fallback stays on show.
    this.connected = false;
  }

  capBytes() { return (this.model.get("cap_mb") || 256) * 1024 * 1024; }

  panel(name, kind) {
    let p = this.panels.get(name);
    if (!p) {
      p = { name, kind: kind || "series", steps: [], frames: new Map() };
      this.panels.set(name, p);
    }
    return p;
  }

  add(meta, data) {
    // `data` is null for a frame listed without its bytes (past the memory cap).
    const seq = meta.seq;
    const p = this.panel(meta.name, meta.kind);
    // Bytes stay as they came until the frame is shown: making a Blob costs an IPC in
    // Chromium, too slow to do for thousands of frames that may never be looked at.
    if (seq < this.minSeq) return; // a frame of a run the source has replaced
    let frame = p.frames.get(meta.step);
    if (this.seen.has(seq) && frame && frame.seq === seq) {
      if (!held(frame) && data) { frame.data = data; this.account(frame); } // re-fetched
      if (meta.gone) frame.gone = true; // the kernel could not read it: stop asking
      if (meta.retry) { // it could not read it now (a network, a cache): later
        frame.retryAt = Date.now() + RETRY_MS;
        setTimeout(() => this.changed(), RETRY_MS);
      }
      this.pending.delete(seq);
      this.changed();
      return;
    }
    this.seen.add(seq);
    this.maxSeq = Math.max(this.maxSeq, seq);
    if (frame && frame.seq > seq) return; // a newer write of the same step is already here
    if (frame) this.drop(frame);
    frame = { seq, step: meta.step, mime: meta.mime, data: data || null, blob: null, size: 0,
              url: null, gone: !!meta.gone };
    if (p.kind === "single") {
      for (const old of p.frames.values()) this.drop(old);
      p.frames.clear();
      p.steps = [meta.step];
    } else {
      insertSorted(p.steps, meta.step);
      insertSorted(this.steps, meta.step);
    }
    p.frames.set(meta.step, frame);
    if (data) this.account(frame);
    if (this.following || this.step === null) this.step = this.lastStep();
    this.changed();
  }

  // Rows of the run's metrics (float64 buffers), appended: O(rows) per message.
  addMetrics(msg, buffers) {
    if (msg.reset) this.metrics.clear();
    const floats = (b) => new Float64Array(b.buffer
      ? b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) : b);
    for (const m of msg.metrics) {
      let row = this.metrics.get(m.name);
      if (!row) { row = { steps: [], values: [] }; this.metrics.set(m.name, row); }
      if (m.start < row.steps.length) { row.steps.length = m.start; row.values.length = m.start; }
      if (m.start > row.steps.length) continue; // a gap: the next (re)sync fills it
      const steps = floats(buffers[m.buf]), values = floats(buffers[m.buf + 1]);
      for (let i = 0; i < steps.length; i++) { row.steps.push(steps[i]); row.values.push(values[i]); }
    }
    this.metricsVersion = (this.metricsVersion || 0) + 1;
    this.changed();
  }

  lastStep() {
    if (this.steps.length) return this.steps[this.steps.length - 1];
    let last = null;
    for (const p of this.panels.values()) for (const s of p.steps) last = last === null ? s : Math.max(last, s);
    return last;
  }

  account(frame) {
    frame.size = frame.data ? frame.data.byteLength : frame.blob.size;
    this.bytes += frame.size;
    if (frame.data && this.eager) {
      frame.blob = new Blob([frame.data], { type: frame.mime });
      frame.data = null;
    } else if (frame.data) {
      this.keep(frame);
    }
    this.evictQueue.push(frame);
    const cap = this.capBytes();
    // Past the cap, drop the oldest frames' bytes; they stay listed and are fetched
    // again from the kernel (which reads them from disk) when shown.
    let tries = this.evictQueue.length - this.evictHead - 1;
    while (this.bytes > cap && tries-- > 0) {
      const old = this.evictQueue[this.evictHead++];
      if (!held(old)) continue;
      if (this.isShown(old)) this.evictQueue.push(old); // on show: its turn comes later
      else this.drop(old);
    }
    if (this.evictHead > 4096) { this.evictQueue = this.evictQueue.slice(this.evictHead); this.evictHead = 0; }
  }

  drop(frame) {
    if (held(frame)) this.bytes -= frame.size;
    if (frame.url) URL.revokeObjectURL(frame.url);
    frame.data = null;
    frame.blob = null;
    frame.size = 0;
    frame.url = null;
  }

  isShown(frame) {
    for (const p of this.panels.values()) {
      if (this.frameFor(p) === frame) return true;
      if (this.pinned !== null && this.frameAt(p, this.pinned) === frame) return true;
    }
    return false;
  }

  // The panel's frame at or before ``step``.
  frameAt(p, step) {
    if (!p.steps.length) return null;
    const i = bisectRight(p.steps, step);
    return i ? p.frames.get(p.steps[i - 1]) : null;
  }

  frameFor(p) {
    if (!p.steps.length) return null;
    if (p.kind === "single") return p.frames.get(p.steps[0]);
    const i = bisectRight(p.steps, this.step ?? p.steps[p.steps.length - 1]);
    return i ? p.frames.get(p.steps[i - 1]) : null;
  }

  urlFor(frame, p) {
    if (!frame) return null;
    this.fetch(p, frame); // the frame if missing, and its missing neighbours
    if (!held(frame)) return null;
    if (!frame.blob) {
      frame.blob = new Blob([frame.data], { type: frame.mime });
      frame.data = null;
    }
    if (!frame.url) frame.url = URL.createObjectURL(frame.blob);
    return frame.url;
  }

  fetch(p, frame) {
    // Ask for the frame shown and its neighbours (the next ones first: Play and → go
    // that way), in one message. Sources with slow reads send only what is asked for.
    const want = [];
    const now = Date.now();
    const ask = (f) => {
      if (f && !held(f) && !f.gone && !this.pending.has(f.seq) && !(f.retryAt > now)) {
        this.pending.add(f.seq);
        want.push(f.seq);
      }
    };
    ask(frame);
    if (p && p.kind === "series") {
      const i = bisectRight(p.steps, frame.step) - 1;
      for (const j of [i + 1, i + 2, i + 3, i + 4, i - 1, i - 2]) {
        if (j >= 0 && j < p.steps.length) ask(p.frames.get(p.steps[j]));
      }
    }
    if (want.length) this.model.send({ type: "fetch", seqs: want });
  }

  select(step, byUser) {
    if (!this.steps.length) return;
    this.step = step;
    if (byUser) this.following = step === this.lastStep();
    this.changed(true);
  }

  selectIndex(i, byUser) {
    const n = this.steps.length;
    if (!n) return;
    this.select(this.steps[Math.max(0, Math.min(n - 1, i))], byUser);
  }

  index() {
    if (!this.steps.length || this.step === null) return 0;
    return Math.max(0, bisectRight(this.steps, this.step) - 1);
  }

  nearest(step) {
    const n = this.steps.length;
    if (!n) return null;
    const i = bisectRight(this.steps, step);
    const cands = [this.steps[Math.max(0, i - 1)], this.steps[Math.min(n - 1, i)]];
    return cands.reduce((a, b) => (Math.abs(b - step) < Math.abs(a - step) ? b : a));
  }

  follow() {
    this.stop();
    this.following = true;
    this.step = this.lastStep();
    this.changed(true);
  }

  play() {
    if (this.playing || this.steps.length < 2) return;
    this.following = false;
    const tick = () => {
      const i = this.index();
      this.selectIndex(i + 1 >= this.steps.length ? 0 : i + 1, false);
      this.playing = setTimeout(tick, 1000 / this.fps);
    };
    this.playing = setTimeout(tick, 1000 / this.fps);
    this.changed(true);
  }

  stop() {
    if (this.playing) clearTimeout(this.playing);
    this.playing = null;
    this.changed(true);
  }

  changed(byUser = false) {
    // What the user does shows at once. What arrives is painted at most once per
    // animation frame: frames can come faster than a screen shows them (3 series at
    // 100 steps a second), and only the last of a burst is decoded. A hidden page gets
    // no animation frames: a timer stands in.
    if (byUser) {
      if (this.urgent) return;
      this.urgent = true;
      queueMicrotask(() => { this.urgent = false; this.repaint(); });
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => { this.scheduled = false; this.repaint(); };
    if (document.visibilityState === "visible") requestAnimationFrame(run);
    else setTimeout(run, 100);
  }

  repaint() {
    for (const fn of this.listeners) fn();
  }

  keep(frame) {
    // Received bytes wait in the JS heap; when the page is idle they become Blobs, which
    // Chromium keeps outside it. (A Blob per frame as it arrives cost ~0.2 ms each.)
    this.toBlob.push(frame);
    if (this.blobbing) return;
    this.blobbing = true;
    const idle = globalThis.requestIdleCallback || ((fn) => setTimeout(() => fn({ timeRemaining: () => 8 }), 50));
    const work = (deadline) => {
      while (this.toBlob.length && deadline.timeRemaining() > 1) {
        const f = this.toBlob.pop();
        if (f.data) { f.blob = new Blob([f.data], { type: f.mime }); f.data = null; }
      }
      if (this.toBlob.length) idle(work);
      else this.blobbing = false;
    };
    idle(work);
  }

  missing() {
    const out = [];
    for (let s = this.minSeq; s <= this.maxSeq; s++) if (!this.seen.has(s)) out.push(s);
    return out;
  }

  reset(before) {
    // The source started over (a new run in the same folder): drop the old run's frames.
    this.minSeq = Math.max(this.minSeq, before);
    const all = new Set();
    for (const p of this.panels.values()) {
      for (const [step, f] of [...p.frames]) {
        if (f.seq < before) { this.drop(f); p.frames.delete(step); }
      }
      p.steps = [...p.frames.keys()].sort((a, b) => a - b);
      if (p.kind !== "single") for (const s of p.steps) all.add(s);
    }
    this.steps = [...all].sort((a, b) => a - b);
    this.stop();
    this.following = true;
    this.pinned = null;
    this.step = this.lastStep();
    this.changed();
  }
}

function storeFor(model) {
  const uid = model.get("uid");
  let store = STORES.get(uid);
  if (!store) { store = new Store(model); STORES.set(uid, store); }
  store.model = model;
  return store;
}

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("aria-") || k.startsWith("data-") || k === "role" || k === "title") node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of children) node.append(c);
  return node;
}

function hideStatic(uid, on) {
  // JupyterLab and Notebook 7 hide the static fallback with CSS the fallback carries
  // itself; hosts without their output classes (VS Code) get this page-wide rule while
  // a connected view of the model is on the page.
  const id = `dvnb-hide-${uid}`;
  const style = document.getElementById(id);
  if (on && !style) {
    document.head.append(el("style", { id, text: `.dvnb-static-${uid}{display:none}` }));
  } else if (!on && style) {
    style.remove();
  }
}

function initialize({ model }) {
  const store = storeFor(model);
  const onFrame = (live) => {
    const f = model.get("frame");
    if (live) store.connected = true;
    if (f && f.data) store.add(f, f.data);
  };
  const onChange = () => onFrame(true);
  const onMsg = (msg, buffers) => {
    if (msg && msg.type === "frames") {
      store.connected = true;
      // Bytes wait in the JS heap and become Blobs when the page is idle, but for each
      // panel's newest frame in a live message: that one is shown next.
      const newest = new Map();
      if (msg.frames.length <= EAGER_BLOBS) for (const m of msg.frames) newest.set(m.name, m.seq);
      for (const meta of msg.frames) {
        store.eager = newest.get(meta.name) === meta.seq;
        store.add(meta, meta.buf >= 0 ? buffers[meta.buf] : null);
      }
      store.eager = false;
    } else if (msg && msg.type === "metrics") {
      store.addMetrics(msg, buffers);
    } else if (msg && msg.type === "reset") {
      store.reset(msg.before);
    }
  };
  const onPanels = () => {
    for (const p of model.get("panels") || []) store.panel(p.name, p.kind);
    store.changed();
  };
  model.on("change:frame", onChange);
  model.on("change:panels", onPanels);
  model.on("msg:custom", onMsg);
  onPanels();
  onFrame(false); // a restored or already-set frame: shown, but proves no kernel
  // Ask for what this page does not hold: frames sent before this module loaded, or all
  // of them after a page reload. The kernel answers once it is idle.
  model.send({ type: "sync", missing: store.missing(), after: store.maxSeq });
  return () => {
    model.off("change:frame", onChange);
    model.off("change:panels", onPanels);
    model.off("msg:custom", onMsg);
    store.stop();
    for (const p of store.panels.values()) for (const f of p.frames.values()) store.drop(f);
    STORES.delete(model.get("uid"));
    hideStatic(model.get("uid"), false);
  };
}
