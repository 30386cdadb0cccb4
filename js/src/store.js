// The frame store shared by every view of a model: the panels, their frames by step,
// the run's metrics, and the playhead over them.
//
// The browser holds the frames and decides what to show: a kernel that is busy training
// cannot answer slider events (../shared/notes/slider-prototypes.md), so scrubbing, Play
// and "follow the newest frame" all run here. Frames arrive from the kernel through the
// synced `frame` trait (one per log_image call, bytes sent once) and, for frames missed
// while this module loaded or evicted from memory, as replies to a "sync"/"fetch" message.

import { bisectRight, insertSorted } from "./sorted.js";
import { Playhead } from "./playhead.js";
import { Memory, held, toBlob } from "./memory.js";
import { Fetcher } from "./fetch.js";
import { trackOf } from "./axis.js";

// One store per model, shared by every view of that model (anywidget hands different
// model wrappers to initialize and render, so key on the model's uid).
const STORES = (globalThis.__dvclive_nb_stores ??= new Map());

export class Store extends Playhead {
  constructor(model) {
    super();
    this.model = model;
    this.panels = new Map(); // name -> {name, kind, steps: [], frames: Map(step -> frame)}
    this.metrics = new Map(); // metric name -> {steps: number[], values: number[]}
    this.seen = new Set();
    this.maxSeq = -1;
    this.minSeq = 0; // frames before it belong to a run the source replaced
    this.memory = new Memory(() => this.capBytes(), (frame) => this.isShown(frame));
    this.fetcher = new Fetcher((msg) => this.model.send(msg));
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
    // `data` is null for a frame listed without its bytes (past the memory cap), or one
    // whose bytes come as a data: URL (`meta.src`, a shared file's).
    const seq = meta.seq;
    const p = this.panel(meta.name, meta.kind);
    // Bytes stay as they came until the frame is shown: making a Blob costs an IPC in
    // Chromium, too slow to do for thousands of frames that may never be looked at.
    if (seq < this.minSeq) return; // a frame of a run the source has replaced
    let frame = p.frames.get(meta.step);
    if (this.seen.has(seq) && frame && frame.seq === seq) {
      if (!held(frame) && (data || meta.src)) { // re-fetched
        frame.data = data || null;
        frame.src = meta.src || null;
        this.memory.account(frame);
      }
      this.fetcher.answered(frame, meta, () => this.changed());
      this.changed();
      return;
    }
    this.seen.add(seq);
    this.maxSeq = Math.max(this.maxSeq, seq);
    if (frame && frame.seq > seq) return; // a newer write of the same step is already here
    if (frame) this.memory.drop(frame);
    frame = { seq, step: meta.step, mime: meta.mime, data: data || null, blob: null, size: 0,
              src: meta.src || null, url: null, gone: !!meta.gone };
    if (p.kind === "single") {
      for (const old of p.frames.values()) this.memory.drop(old);
      p.frames.clear();
      p.steps = [meta.step];
    } else {
      insertSorted(p.steps, meta.step);
      insertSorted(this.steps, meta.step);
    }
    p.frames.set(meta.step, frame);
    if (data || frame.src) this.memory.account(frame);
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

  // The slider's ticks: the steps of its axis, every stride-th (axis.js).
  ticks() { return trackOf(this).steps; }

  // With no series, the newest step of the single previews.
  lastStep() {
    if (this.steps.length) return super.lastStep();
    let last = null;
    for (const p of this.panels.values()) for (const s of p.steps) last = last === null ? s : Math.max(last, s);
    return last;
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

  // An object URL of the frame's bytes, or null while they are fetched.
  urlFor(frame, p) {
    if (!frame) return null;
    this.fetcher.around(p, frame); // the frame if missing, and its missing neighbours
    if (!held(frame)) return null;
    // A data: URL is shown as it is: Chromium loads it in the page's own process, where a
    // blob: URL takes a round trip to the browser's (at 2,000 frames, 4 panels: 6 ms a
    // step switch, against under 2).
    if (frame.src) frame.url = frame.src;
    toBlob(frame);
    if (!frame.url) frame.url = URL.createObjectURL(frame.blob);
    return frame.url;
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
        if (f.seq < before) { this.memory.drop(f); p.frames.delete(step); }
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

export function storeFor(model) {
  const uid = model.get("uid");
  let store = STORES.get(uid);
  if (!store) { store = new Store(model); STORES.set(uid, store); }
  store.model = model;
  return store;
}

// The model of ``uid`` is gone: stop Play, free every frame's bytes, forget the store.
export function closeStore(store, uid) {
  store.stop();
  for (const p of store.panels.values()) for (const f of p.frames.values()) store.memory.drop(f);
  STORES.delete(uid);
}
