// Generated from js/src/ by `npm run build` in js/: edit those, not this file.

// src/sorted.js
function bisectRight(arr, x) {
  let lo = 0, hi = arr.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (arr[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function insertSorted(arr, x) {
  if (!arr.length || x > arr[arr.length - 1]) {
    arr.push(x);
    return true;
  }
  const i = bisectRight(arr, x);
  if (i > 0 && arr[i - 1] === x) return false;
  arr.splice(i, 0, x);
  return true;
}

// src/paint.js
var Painter = class {
  constructor() {
    this.listeners = /* @__PURE__ */ new Set();
    this.scheduled = false;
    this.urgent = false;
  }
  changed(byUser = false) {
    if (byUser) {
      if (this.urgent) return;
      this.urgent = true;
      queueMicrotask(() => {
        this.urgent = false;
        this.repaint();
      });
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      this.repaint();
    };
    if (document.visibilityState === "visible") requestAnimationFrame(run);
    else setTimeout(run, 100);
  }
  repaint() {
    for (const fn of this.listeners) fn();
  }
};

// src/playhead.js
var Playhead = class extends Painter {
  constructor() {
    super();
    this.steps = [];
    this.step = null;
    this.pinned = null;
    this.following = true;
    this.playing = null;
    this.fps = 5;
  }
  lastStep() {
    return this.steps.length ? this.steps[this.steps.length - 1] : null;
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
  // The steps the slider moves over (the store's are the axis' ticks, axis.js).
  ticks() {
    return this.steps;
  }
  // Where the selected step is on the slider: the last tick at or before it.
  tickIndex() {
    const ticks = this.ticks();
    if (!ticks.length || this.step === null) return 0;
    return Math.max(0, bisectRight(ticks, this.step) - 1);
  }
  selectTick(i, byUser) {
    const ticks = this.ticks(), n = ticks.length;
    if (!n) return;
    this.select(ticks[Math.max(0, Math.min(n - 1, i))], byUser);
  }
  nearest(step) {
    const n = this.steps.length;
    if (!n) return null;
    const i = bisectRight(this.steps, step);
    const cands = [this.steps[Math.max(0, i - 1)], this.steps[Math.min(n - 1, i)]];
    return cands.reduce((a, b) => Math.abs(b - step) < Math.abs(a - step) ? b : a);
  }
  follow() {
    this.stop();
    this.following = true;
    this.step = this.lastStep();
    this.changed(true);
  }
  play() {
    if (this.playing || this.ticks().length < 2) return;
    this.following = false;
    const tick = () => {
      const i = this.tickIndex();
      this.selectTick(i + 1 >= this.ticks().length ? 0 : i + 1, false);
      this.playing = setTimeout(tick, 1e3 / this.fps);
    };
    this.playing = setTimeout(tick, 1e3 / this.fps);
    this.changed(true);
  }
  stop() {
    if (this.playing) clearTimeout(this.playing);
    this.playing = null;
    this.changed(true);
  }
};

// src/memory.js
function held(frame) {
  return !!(frame.data || frame.blob || frame.src);
}
function toBlob(frame) {
  if (frame.data) {
    frame.blob = new Blob([frame.data], { type: frame.mime });
    frame.data = null;
  }
}
var Memory = class {
  // ``capBytes()``: the cap now; ``isShown(frame)``: whether a view shows it now.
  constructor(capBytes, isShown) {
    this.capBytes = capBytes;
    this.isShown = isShown;
    this.bytes = 0;
    this.evictQueue = [];
    this.evictHead = 0;
    this.toBlob = [];
    this.blobbing = false;
    this.eager = false;
  }
  account(frame) {
    frame.size = frame.data ? frame.data.byteLength : frame.blob ? frame.blob.size : Math.floor(frame.src.length * 3 / 4);
    this.bytes += frame.size;
    if (frame.data && this.eager) toBlob(frame);
    else if (frame.data) this.keep(frame);
    this.evictQueue.push(frame);
    const cap = this.capBytes();
    let tries = this.evictQueue.length - this.evictHead - 1;
    while (this.bytes > cap && tries-- > 0) {
      const old = this.evictQueue[this.evictHead++];
      if (!held(old)) continue;
      if (this.isShown(old)) this.evictQueue.push(old);
      else this.drop(old);
    }
    if (this.evictHead > 4096) {
      this.evictQueue = this.evictQueue.slice(this.evictHead);
      this.evictHead = 0;
    }
  }
  drop(frame) {
    if (held(frame)) this.bytes -= frame.size;
    if (frame.url && frame.url.startsWith("blob:")) URL.revokeObjectURL(frame.url);
    frame.data = null;
    frame.blob = null;
    frame.src = null;
    frame.size = 0;
    frame.url = null;
  }
  keep(frame) {
    this.toBlob.push(frame);
    if (this.blobbing) return;
    this.blobbing = true;
    const idle = globalThis.requestIdleCallback || ((fn) => setTimeout(() => fn({ timeRemaining: () => 8 }), 50));
    const work = (deadline) => {
      while (this.toBlob.length && deadline.timeRemaining() > 1) toBlob(this.toBlob.pop());
      if (this.toBlob.length) idle(work);
      else this.blobbing = false;
    };
    idle(work);
  }
};

// src/fetch.js
var RETRY_MS = 2e3;
var Fetcher = class {
  constructor(send) {
    this.send = send;
    this.pending = /* @__PURE__ */ new Set();
  }
  // Ask for the frame shown and its neighbours (the next ones first: Play and → go
  // that way), in one message. Sources with slow reads send only what is asked for.
  around(p, frame) {
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
    if (want.length) this.send({ type: "fetch", seqs: want });
  }
  // The kernel's answer for ``frame``, which this page lists already. ``later()`` runs
  // when a frame it could not read for now may be asked for again.
  answered(frame, meta, later) {
    if (meta.gone) frame.gone = true;
    if (meta.retry) {
      frame.retryAt = Date.now() + RETRY_MS;
      setTimeout(later, RETRY_MS);
    }
    this.pending.delete(frame.seq);
  }
};

// src/axis.js
var STEP = "step";
function cursor(row) {
  const { steps, values } = row;
  let sorted = true;
  for (let i = 1; i < steps.length && sorted; i++) sorted = steps[i - 1] <= steps[i];
  const usable = (v) => v === void 0 || Number.isNaN(v) ? null : v;
  if (!sorted) {
    const last = /* @__PURE__ */ new Map();
    steps.forEach((s, i) => last.set(s, values[i]));
    return (step) => usable(last.get(step));
  }
  let j = 0;
  return (step) => {
    while (j < steps.length && steps[j] <= step) j++;
    return j && steps[j - 1] === step ? usable(values[j - 1]) : null;
  };
}
function axisMap(steps, rows) {
  const out = { steps: [], values: [], skipped: 0, merged: 0 };
  const at = rows.map(cursor);
  for (const s of steps) {
    let v = null;
    for (const find of at) {
      const found = find(s);
      if (v === null) v = found;
    }
    if (v === null) {
      out.skipped++;
      continue;
    }
    const n = out.values.length;
    if (n && out.values[n - 1] === v) {
      out.steps[n - 1] = s;
      out.merged++;
      continue;
    }
    out.steps.push(s);
    out.values.push(v);
  }
  return out;
}
function strided(items, stride) {
  const k = Math.max(1, Math.floor(stride) || 1);
  return k === 1 ? items : items.filter((_, i) => i % k === 0);
}
function rowsOf(metrics, name) {
  const rows = [];
  for (const [key, row] of metrics) {
    if (key === name || key.endsWith(`:${name}`) && /^\d+$/.test(key.slice(0, -name.length - 1))) rows.push(row);
  }
  return rows;
}
function axisNames(metrics) {
  const names = /* @__PURE__ */ new Set();
  for (const [key, row] of metrics) if (row.steps.length) names.add(key.replace(/^\d+:/, ""));
  return [STEP, ...[...names].sort()];
}
var plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
function ordinal(k) {
  const tail = k % 100 >= 11 && k % 100 <= 13 ? "th" : { 1: "st", 2: "nd", 3: "rd" }[k % 10] || "th";
  return `${k}${tail}`;
}
function trackNote(axis, map, total, stride) {
  const parts = [];
  if (axis !== STEP) {
    if (!map.values.length) parts.push(`no step has a value of ${axis}: none to show`);
    else if (map.merged) parts.push(`${plural(map.values.length, "value")} of ${axis} over ${plural(total - map.skipped, "step")}: last step of each`);
    if (map.skipped && map.values.length) parts.push(`${plural(map.skipped, "step")} without ${axis}: skipped`);
  }
  if (stride > 1) parts.push(`every ${ordinal(stride)} frame`);
  return parts.join(" · ");
}
function trackOf(store) {
  const model = store.model;
  const axis = model && model.get("axis") || STEP;
  const stride = model && model.get("stride") || 1;
  const key = `${axis}|${stride}|${store.steps.length}|${store.steps[0]}|${store.lastStep()}|${store.metricsVersion || 0}`;
  if (store.trackCache && store.trackCache.key === key) return store.trackCache;
  const t0 = performance.now();
  let track;
  if (axis === STEP) {
    const steps = strided(store.steps, stride);
    track = { key, axis, steps, values: steps, note: trackNote(axis, null, store.steps.length, stride) };
  } else {
    const map = axisMap(store.steps, rowsOf(store.metrics, axis));
    track = {
      key,
      axis,
      steps: strided(map.steps, stride),
      values: strided(map.values, stride),
      note: trackNote(axis, map, store.steps.length, stride)
    };
  }
  (globalThis.__dvclive_nb_timing ??= {}).axis = performance.now() - t0;
  store.trackCache = track;
  return track;
}
function selectedStep(store) {
  return store.steps.length ? store.steps[store.index()] : null;
}
function frameFacts(store, frame, fmt2, prefix = "") {
  if (!frame || !store.model) return "";
  const axis = store.model.get("axis") || STEP;
  const names = [...axis === STEP ? [] : [axis], ...store.model.get("caption") || []];
  const parts = [];
  for (const name of names) {
    const row = store.metrics.get(prefix + name);
    if (!row) continue;
    const i = bisectRight(row.steps, frame.step);
    if (i) parts.push(`${name} ${fmt2(row.values[i - 1])}`);
  }
  return parts.join(" · ");
}
function markFrame(fig, frame, selected) {
  const inexact = !!frame && selected !== null && frame.step !== selected;
  fig.classList.toggle("dvnb-inexact", inexact);
  fig.dataset.at = inexact ? String(selected) : "";
}

// src/store.js
var STORES = globalThis.__dvclive_nb_stores ??= /* @__PURE__ */ new Map();
var Store = class extends Playhead {
  constructor(model) {
    super();
    this.model = model;
    this.panels = /* @__PURE__ */ new Map();
    this.metrics = /* @__PURE__ */ new Map();
    this.seen = /* @__PURE__ */ new Set();
    this.maxSeq = -1;
    this.minSeq = 0;
    this.memory = new Memory(() => this.capBytes(), (frame) => this.isShown(frame));
    this.fetcher = new Fetcher((msg) => this.model.send(msg));
    this.connected = false;
  }
  capBytes() {
    return (this.model.get("cap_mb") || 256) * 1024 * 1024;
  }
  panel(name, kind) {
    let p = this.panels.get(name);
    if (!p) {
      p = { name, kind: kind || "series", steps: [], frames: /* @__PURE__ */ new Map() };
      this.panels.set(name, p);
    }
    return p;
  }
  add(meta, data) {
    const seq = meta.seq;
    const p = this.panel(meta.name, meta.kind);
    if (seq < this.minSeq) return;
    let frame = p.frames.get(meta.step);
    if (this.seen.has(seq) && frame && frame.seq === seq) {
      if (!held(frame) && (data || meta.src)) {
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
    if (frame && frame.seq > seq) return;
    if (frame) this.memory.drop(frame);
    frame = {
      seq,
      step: meta.step,
      mime: meta.mime,
      data: data || null,
      blob: null,
      size: 0,
      src: meta.src || null,
      url: null,
      gone: !!meta.gone
    };
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
    const floats = (b) => new Float64Array(b.buffer ? b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) : b);
    for (const m of msg.metrics) {
      let row = this.metrics.get(m.name);
      if (!row) {
        row = { steps: [], values: [] };
        this.metrics.set(m.name, row);
      }
      if (m.start < row.steps.length) {
        row.steps.length = m.start;
        row.values.length = m.start;
      }
      if (m.start > row.steps.length) continue;
      const steps = floats(buffers[m.buf]), values = floats(buffers[m.buf + 1]);
      for (let i = 0; i < steps.length; i++) {
        row.steps.push(steps[i]);
        row.values.push(values[i]);
      }
    }
    this.metricsVersion = (this.metricsVersion || 0) + 1;
    this.changed();
  }
  // The slider's ticks: the steps of its axis, every stride-th (axis.js).
  ticks() {
    return trackOf(this).steps;
  }
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
    this.fetcher.around(p, frame);
    if (!held(frame)) return null;
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
    this.minSeq = Math.max(this.minSeq, before);
    const all = /* @__PURE__ */ new Set();
    for (const p of this.panels.values()) {
      for (const [step, f] of [...p.frames]) {
        if (f.seq < before) {
          this.memory.drop(f);
          p.frames.delete(step);
        }
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
};
function storeFor(model) {
  const uid = model.get("uid");
  let store = STORES.get(uid);
  if (!store) {
    store = new Store(model);
    STORES.set(uid, store);
  }
  store.model = model;
  return store;
}
function closeStore(store, uid) {
  store.stop();
  for (const p of store.panels.values()) for (const f of p.frames.values()) store.memory.drop(f);
  STORES.delete(uid);
}

// src/dom.js
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
function rangeInput(cls, label, min, max, step, value) {
  const input = el("input", {
    type: "range",
    class: cls,
    min,
    max,
    step,
    value,
    "aria-label": label,
    title: label,
    "data-lm-suppress-shortcuts": "true"
  });
  input.addEventListener("keydown", (e) => e.stopPropagation());
  return input;
}
function setCaption(cap, text) {
  if (cap.textContent !== text) {
    cap.textContent = text;
    cap.title = text;
  }
}
function hideStatic(uid, on) {
  const id = `dvnb-hide-${uid}`;
  const style = document.getElementById(id);
  if (on && !style) {
    document.head.append(el("style", { id, text: `.dvnb-static-${uid}{display:none}` }));
  } else if (!on && style) {
    style.remove();
  }
}

// src/remember.js
var THROTTLE_MS = 250;
var FOLLOW_MS = 2e3;
function viewState(model) {
  return { ...model.get("view_state") || {} };
}
function write(model, changes, step) {
  model.set("view_state", { ...viewState(model), ...changes });
  if (step !== void 0) model.set("step", step);
  model.save_changes();
}
function syncStep(store, model) {
  const start = viewState(model);
  const want = model.get("step");
  if (want !== null && want !== void 0 && start.following !== true) {
    store.step = want;
    store.following = false;
  }
  if (start.pinned !== void 0 && start.pinned !== null) store.pinned = start.pinned;
  let sent = { step: want ?? null, following: store.following, pinned: store.pinned };
  let timer = null, last = 0;
  const flush = () => {
    timer = null;
    last = Date.now();
    if (store.playing) return;
    const now = { step: store.step, following: store.following, pinned: store.pinned };
    if (now.step === sent.step && now.following === sent.following && now.pinned === sent.pinned) return;
    sent = now;
    write(model, { following: now.following, pinned: now.pinned }, now.step);
  };
  const onStore = () => {
    if (store.playing || timer !== null) return;
    const same = store.step === sent.step && store.following === sent.following && store.pinned === sent.pinned;
    if (same) return;
    const followingOnly = store.following && sent.following;
    const wait = Math.max(0, (followingOnly ? FOLLOW_MS : THROTTLE_MS) - (Date.now() - last));
    timer = setTimeout(flush, wait);
  };
  const onModel = () => {
    const step = model.get("step");
    if (step === null || step === void 0 || step === store.step) return;
    sent = { ...sent, step };
    if (store.playing) store.stop();
    if (store.steps.length) store.select(step, true);
    else {
      store.step = step;
      store.following = false;
      store.changed(true);
    }
    sent.following = store.following;
  };
  store.listeners.add(onStore);
  model.on("change:step", onModel);
  return () => {
    store.listeners.delete(onStore);
    model.off("change:step", onModel);
    if (timer !== null) clearTimeout(timer);
  };
}
function rememberTools(model, tools, repaint) {
  const { lens, tone, grid } = tools;
  const start = viewState(model);
  if (lens && start.zoom) {
    Object.assign(lens, start.zoom);
    lens.clamp();
  }
  if (tone && start.tone) tone.set(start.tone);
  if (grid && start.grid && grid.restore) grid.restore(start.grid);
  let timer = null;
  const save = () => {
    timer = null;
    const changes = {};
    if (lens) changes.zoom = { k: lens.k, x: lens.x, y: lens.y };
    if (tone) changes.tone = { brightness: tone.brightness, contrast: tone.contrast, auto: tone.auto, map: tone.map };
    if (grid) changes.grid = { filter: grid.state.filter, tile: grid.state.tile };
    const old = viewState(model);
    if (Object.keys(changes).every((k) => JSON.stringify(old[k]) === JSON.stringify(changes[k]))) return;
    write(model, changes);
  };
  const later = () => {
    if (timer === null) timer = setTimeout(save, THROTTLE_MS);
  };
  if (lens) lens.listeners.add(later);
  if (tone) tone.listeners.add(later);
  if (grid) grid.onSaved = later;
  if (repaint && (start.zoom || start.tone || start.grid)) repaint();
  return () => {
    if (lens) lens.listeners.delete(later);
    if (tone) tone.listeners.delete(later);
    if (timer !== null) {
      clearTimeout(timer);
      save();
    }
  };
}
function rememberBoard(model, root, lens, ui) {
  const start = viewState(model);
  const b = start.board;
  if (b) {
    for (const k of ["mode", "scale"]) if (typeof b[k] === "string") ui[k] = b[k];
    for (const k of ["a", "b", "swipe"]) if (Number.isFinite(b[k])) ui[k] = b[k];
    if (Array.isArray(b.all) && Array.isArray(b.shown)) {
      ui.all = new Set(b.all);
      ui.shown = new Set(b.shown);
    }
  }
  const tools = rememberTools(model, { lens }, null);
  let timer = null;
  const save = () => {
    timer = null;
    const board = {
      mode: ui.mode,
      a: ui.a,
      b: ui.b,
      scale: ui.scale,
      swipe: ui.swipe,
      all: [...ui.all],
      shown: [...ui.shown]
    };
    if (JSON.stringify(viewState(model).board) !== JSON.stringify(board)) write(model, { board });
  };
  const later = () => {
    if (timer === null) timer = setTimeout(save, THROTTLE_MS);
  };
  root.addEventListener("change", later);
  root.addEventListener("input", later);
  const scale = root.querySelector(".dvnb-scale");
  if (scale) scale.value = ui.scale;
  return () => {
    tools();
    root.removeEventListener("change", later);
    root.removeEventListener("input", later);
    root.removeEventListener("pointerup", later);
    if (timer !== null) {
      clearTimeout(timer);
      save();
    }
  };
}

// src/colours.js
var PALETTE = [
  [230, 25, 75],
  [60, 180, 75],
  [0, 130, 200],
  [245, 130, 48],
  [145, 30, 180],
  [70, 200, 200],
  [240, 50, 230],
  [210, 190, 0],
  [0, 128, 128],
  [170, 110, 40],
  [128, 128, 0],
  [100, 100, 255]
];
function labelColour(label) {
  let h = 2166136261;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return PALETTE[(h >>> 0) % PALETTE.length];
}
function classColour(v) {
  if (v >= 1 && v <= PALETTE.length) return PALETTE[v - 1];
  const h = v * 137.508 % 360, s = 0.75, l = 0.55;
  const k = (n) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [f(0), f(8), f(4)].map((x) => Math.round(x * 255));
}
var css = (rgb) => `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`;
var BLENDS = [["normal", "normal"], ["additive", "plus-lighter"], ["difference", "difference"]];

// src/annotations.js
var LABELS_MAX = 64;
var Annotations = class {
  constructor(store) {
    this.store = store;
    this.boxes = /* @__PURE__ */ new Map();
    this.labels = /* @__PURE__ */ new Map();
    this.showBoxes = true;
    this.threshold = 0;
    this.pairs = null;
    this.opacity = 0.5;
    this.blend = "normal";
    this.classes = /* @__PURE__ */ new Map();
    this.version = 0;
    this.masks = /* @__PURE__ */ new Map();
    this.asked = /* @__PURE__ */ new Set();
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
    if (!byStep) {
      byStep = /* @__PURE__ */ new Map();
      this.boxes.set(name, byStep);
    }
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
    if (this.isOver(p)) return p;
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
    fetch(url).then((r) => r.arrayBuffer()).then((buf) => {
      const head2 = new DataView(buf);
      const png = buf.byteLength > 26 && head2.getUint32(0) === 2303741511;
      if (png && head2.getUint8(25) !== 0) {
        Object.assign(entry, {
          ready: true,
          w: head2.getUint32(16),
          h: head2.getUint32(20),
          labels: false,
          values: []
        });
        onReady();
        return null;
      }
      return this.decodeMask(url, entry, onReady);
    }).catch(() => {
      this.masks.delete(url);
    });
    return null;
  }
  decodeMask(url, entry, onReady) {
    const img = new Image();
    img.src = url;
    return img.decode().then(() => {
      const canvas = document.createElement("canvas");
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext("2d", { willReadFrequently: true });
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let grey = true, max = 0;
      const seen = new Uint8Array(256);
      for (let i = 0; i < data.length; i += 4) {
        const v = data[i];
        if (v !== data[i + 1] || v !== data[i + 2] || data[i + 3] !== 255) {
          grey = false;
          break;
        }
        seen[v] = 1;
        if (v > max) max = v;
      }
      const named = Object.keys(this.store.model.get("overlay_labels") || {}).length > 0;
      Object.assign(entry, {
        ready: true,
        w: canvas.width,
        h: canvas.height,
        data,
        labels: grey && (named || max <= LABELS_MAX),
        values: grey ? [...seen.keys()].filter((v) => v && seen[v]) : []
      });
      if (entry.labels) {
        let added = false;
        for (const v of entry.values) if (!this.classes.has(v)) {
          this.classes.set(v, true);
          added = true;
        }
        if (added) this.classes = new Map([...this.classes].sort((a, b) => a[0] - b[0]));
      }
      onReady();
    });
  }
};
var ANNOTATIONS = /* @__PURE__ */ new WeakMap();
function annotationsOf(store) {
  let a = ANNOTATIONS.get(store);
  if (!a) {
    a = new Annotations(store);
    ANNOTATIONS.set(store, a);
  }
  return a;
}
function receiveBoxes(store, msg) {
  const a = annotationsOf(store);
  if (msg.type === "boxes") for (const it of msg.items) a.add(it.name, it.step, it.boxes);
  else if (msg.boxes) a.add(msg.name, msg.step, msg.boxes);
}

// src/model.js
var EAGER_BLOBS = 64;
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
      const newest = /* @__PURE__ */ new Map();
      if (msg.frames.length <= EAGER_BLOBS) for (const m of msg.frames) newest.set(m.name, m.seq);
      for (const meta of msg.frames) {
        if (meta.boxes) receiveBoxes(store, meta);
        store.memory.eager = newest.get(meta.name) === meta.seq;
        store.add(meta, meta.buf >= 0 ? buffers[meta.buf] : null);
      }
      store.memory.eager = false;
    } else if (msg && msg.type === "metrics") {
      store.addMetrics(msg, buffers);
    } else if (msg && msg.type === "boxes") {
      receiveBoxes(store, msg);
    } else if (msg && msg.type === "reset") {
      store.reset(msg.before);
    }
  };
  const onPanels = () => {
    for (const p of model.get("panels") || []) store.panel(p.name, p.kind);
    store.changed();
  };
  const unsync = syncStep(store, model);
  model.on("change:frame", onChange);
  model.on("change:panels", onPanels);
  model.on("msg:custom", onMsg);
  onPanels();
  onFrame(false);
  model.send({ type: "sync", missing: store.missing(), after: store.maxSeq });
  return () => {
    model.off("change:frame", onChange);
    model.off("change:panels", onPanels);
    model.off("msg:custom", onMsg);
    unsync();
    closeStore(store, model.get("uid"));
    hideStatic(model.get("uid"), false);
  };
}

// src/strip.js
var axisOnly = (name) => /^(\d+:)?wall_time$/.test(name);
var STRIP_LANE = 28;
var STRIP_LANES = 4;
var PALETTE_SIZE = 4;
var THUMB_INSET = 8;
var LOG_SPAN = 100;
function valueAt(row, step) {
  const i = bisectRight(row.steps, step);
  return i ? row.values[i - 1] : null;
}
function fmt(v) {
  if (v === null) return "–";
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}
var stripColours = { theme: null };
function stripStyle(canvas) {
  const theme = document.body.dataset.jpThemeName || "";
  if (stripColours.theme !== theme || !stripColours.lines) {
    const style = getComputedStyle(canvas);
    const lines = [];
    for (let k = 1; k <= PALETTE_SIZE; k++) {
      lines.push(style.getPropertyValue(`--dvnb-metric-${k}`).trim() || style.color);
    }
    Object.assign(stripColours, { theme, lines });
  }
  return stripColours;
}
function drawStrip(canvas, store, names, width) {
  const t0 = performance.now();
  const dpr = globalThis.devicePixelRatio || 1;
  const height = names.length * STRIP_LANE;
  const w = Math.max(1, Math.round(width * dpr)), h = Math.max(1, Math.round(height * dpr));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext("2d");
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const style = stripStyle(canvas);
  const cols = Math.max(1, Math.floor(width));
  const lo = new Float64Array(cols), hi = new Float64Array(cols);
  const odd = new Uint8Array(cols);
  const scales = names.map((name, lane) => {
    const row = store.metrics.get(name);
    lo.fill(Infinity);
    hi.fill(-Infinity);
    odd.fill(0);
    let vmin = Infinity, vmax = -Infinity, flags = 0;
    const steps = store.ticks(), n = steps.length;
    let j = 0, prev = -Infinity;
    for (let i = 0; i < row.steps.length; i++) {
      const v = row.values[i];
      const s = row.steps[i];
      if (s < prev) j = 0;
      prev = s;
      while (j < n && steps[j] <= s) j++;
      const f = n < 2 ? 0.5 : j === 0 ? 0 : j >= n ? 1 : (j - 1 + (s - steps[j - 1]) / (steps[j] - steps[j - 1])) / (n - 1);
      const x = Math.round(f * (cols - 1));
      if (!Number.isFinite(v)) {
        const bit = Number.isNaN(v) ? 4 : v > 0 ? 1 : 2;
        odd[x] |= bit;
        flags |= bit;
        continue;
      }
      if (v < lo[x]) lo[x] = v;
      if (v > hi[x]) hi[x] = v;
      if (v < vmin) vmin = v;
      if (v > vmax) vmax = v;
    }
    const log = vmin > 0 && vmax / vmin >= LOG_SPAN;
    const t = log ? Math.log10 : (v) => v;
    const [tmin, tmax] = [t(vmin), t(vmax)];
    const top = lane * STRIP_LANE + 4, h2 = STRIP_LANE - 8;
    const y = (v) => top + h2 - (tmax > tmin ? (t(v) - tmin) / (tmax - tmin) : 0.5) * h2;
    const colour = style.lines[lane % style.lines.length];
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    let started = false;
    for (let x = 0; x < cols; x++) {
      if (lo[x] === Infinity) {
        if (odd[x]) started = false;
        continue;
      }
      if (!started) {
        ctx.moveTo(x + 0.5, y(hi[x]));
        started = true;
      } else ctx.lineTo(x + 0.5, y(hi[x]));
      if (hi[x] !== lo[x]) ctx.lineTo(x + 0.5, y(lo[x]));
    }
    ctx.stroke();
    if (flags) {
      const base = lane * STRIP_LANE;
      for (let x = 0; x < cols; ) {
        if (!odd[x]) {
          x++;
          continue;
        }
        let e = x + 1;
        while (e < cols && lo[e] === Infinity && !odd[e]) e++;
        const x0 = Math.max(0, Math.min(x - 1, cols - 3)), wide = Math.max(3, e - x0);
        ctx.globalAlpha = 0.22;
        ctx.fillRect(Math.min(x, x0 + wide - 1), base, Math.max(1, e - x), STRIP_LANE);
        ctx.globalAlpha = 1;
        if (odd[x] & 1) ctx.fillRect(x0, base, wide, 3);
        if (odd[x] & 2) ctx.fillRect(x0, base + STRIP_LANE - 3, wide, 3);
        if (odd[x] & 4) ctx.fillRect(x0, base + STRIP_LANE / 2 - 1, wide, 2);
        x = e;
      }
    }
    return {
      name,
      colour,
      min: vmin,
      max: vmax,
      log,
      inf: !!(flags & 1),
      ninf: !!(flags & 2),
      nan: !!(flags & 4)
    };
  });
  Object.assign(globalThis.__dvclive_nb_timing ??= {}, {
    strip: performance.now() - t0,
    rows: names.reduce((n, k) => n + store.metrics.get(k).steps.length, 0)
  });
  return scales;
}
function scaleRow(s) {
  const odd = [s.inf && "inf", s.ninf && "-inf", s.nan && "NaN"].filter(Boolean);
  const finite = s.min <= s.max;
  const name = el("span", { class: "dvnb-strip-name", text: s.name, title: s.name });
  name.style.color = s.colour;
  const swatch = el("span", { class: "dvnb-strip-swatch", "aria-hidden": "true" });
  swatch.style.background = s.colour;
  const tags = [s.log && "log", ...odd].filter(Boolean).join(" · ");
  return el("div", {
    class: "dvnb-strip-scale",
    "data-metric": s.name,
    "data-log": String(s.log),
    "data-odd": odd.join(","),
    title: `${s.name}: ${finite ? `${fmt(s.min)} to ${fmt(s.max)}` : "no finite value"}${s.log ? ", log scale" : ""}${odd.length ? `; has ${odd.join(", ")}` : ""}`
  }, [
    el("span", { class: "dvnb-strip-label" }, [
      swatch,
      name,
      el("span", { class: "dvnb-strip-tags", text: tags })
    ]),
    el("span", { class: "dvnb-strip-max", text: finite ? fmt(s.max) : "" }),
    el("span", { class: "dvnb-strip-min", text: finite ? fmt(s.min) : "" })
  ]);
}
function metricsStrip(store) {
  const canvas = el("canvas", { class: "dvnb-strip-canvas" });
  const cursor2 = el("div", { class: "dvnb-strip-cursor" });
  const keys = el("input", {
    type: "range",
    class: "dvnb-strip-keys",
    min: 0,
    max: 0,
    step: 1,
    value: 0,
    "aria-label": "metrics",
    "data-lm-suppress-shortcuts": "true"
  });
  const lanes = el("div", { class: "dvnb-strip-lanes" }, [canvas, cursor2, keys]);
  const gutter = el("div", { class: "dvnb-strip-gutter" });
  const readout = el("div", { class: "dvnb-metrics-readout" });
  const box = el("div", { class: "dvnb-strip" }, [el("div", { class: "dvnb-strip-rows" }, [gutter, lanes]), readout]);
  let drawn = "";
  let track = { left: 0, width: 0 };
  const indexAt = (clientX) => {
    const r = lanes.getBoundingClientRect();
    const f = Math.min(1, Math.max(0, (clientX - r.left) / Math.max(1, r.width)));
    return Math.round(f * (store.ticks().length - 1));
  };
  const scrub = (e) => {
    store.stop();
    store.selectTick(indexAt(e.clientX), true);
  };
  lanes.addEventListener("pointerdown", (e) => {
    if (!store.steps.length) return;
    lanes.setPointerCapture(e.pointerId);
    scrub(e);
  });
  lanes.addEventListener("pointermove", (e) => {
    if (lanes.hasPointerCapture(e.pointerId)) scrub(e);
  });
  keys.addEventListener("keydown", (e) => e.stopPropagation());
  keys.addEventListener("input", () => {
    store.stop();
    store.selectTick(Number(keys.value), true);
  });
  function update(slider, measure = false) {
    const names = [...store.metrics.keys()].filter((k) => store.metrics.get(k).steps.length && !axisOnly(k));
    box.style.display = names.length && store.steps.length ? "" : "none";
    if (box.style.display) return;
    if (measure || !track.width) {
      const s = slider.getBoundingClientRect(), b = box.getBoundingClientRect();
      if (s.width) track = { left: s.left - b.left + THUMB_INSET, width: s.width - 2 * THUMB_INSET };
    }
    gutter.style.width = `${Math.max(0, track.left)}px`;
    lanes.style.width = `${Math.max(40, track.width)}px`;
    const shown = names.slice(0, STRIP_LANES);
    const width = Math.max(40, Math.floor(track.width));
    const ticks = store.ticks();
    const key = `${store.metricsVersion}|${ticks.length}|${ticks[0]}|${ticks[ticks.length - 1]}|${width}|${shown}|${document.body.dataset.jpThemeName}`;
    if (key !== drawn) {
      drawn = key;
      gutter.replaceChildren(...drawStrip(canvas, store, shown, width).map(scaleRow));
    }
    const n = ticks.length, i = store.tickIndex();
    cursor2.style.left = `${n > 1 ? i / (n - 1) * width : width / 2}px`;
    const step = store.steps[store.index()];
    const text = names.map((k) => `${k} ${fmt(valueAt(store.metrics.get(k), step))}`).join(" · ");
    readout.textContent = `step ${step} · ${text}`;
    keys.max = Math.max(0, n - 1);
    keys.value = i;
    keys.setAttribute("aria-valuetext", readout.textContent);
  }
  return { box, update };
}

// src/axis_bar.js
function axisControls(store, model) {
  const menu = el("select", {
    class: "dvnb-axis",
    title: "the slider's axis: the step, or a metric logged per step",
    "aria-label": "axis"
  });
  const stride = el("input", {
    type: "number",
    min: 1,
    step: 1,
    class: "dvnb-stride",
    title: "show every k-th frame",
    "aria-label": "stride",
    "data-lm-suppress-shortcuts": "true"
  });
  const value = el("span", { class: "dvnb-axis-value" });
  const note = el("span", { class: "dvnb-axis-note", role: "note" });
  const box = el(
    "span",
    { class: "dvnb-axis-box" },
    [menu, value, el("label", { class: "dvnb-stridelabel" }, [el("span", { text: "every" }), stride]), note]
  );
  stride.addEventListener("keydown", (e) => e.stopPropagation());
  const save = (name, v) => {
    model.set(name, v);
    model.save_changes();
    store.changed(true);
  };
  menu.addEventListener("change", () => save("axis", menu.value));
  stride.addEventListener("change", () => {
    const k = Math.max(1, Math.floor(Number(stride.value)) || 1);
    stride.value = k;
    save("stride", k);
  });
  const repaint = () => store.changed(true);
  model.on("change:axis", repaint);
  model.on("change:stride", repaint);
  let listed = "";
  function update() {
    const axis = model.get("axis") || STEP;
    const names = axisNames(store.metrics);
    if (!names.includes(axis)) names.push(axis);
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

// src/controls.js
var FPS = [1, 2, 5, 10, 20];
function stepControls(store, model, onSize) {
  const slider = el("input", {
    type: "range",
    min: 0,
    max: 0,
    step: 1,
    value: 0,
    class: "dvnb-slider",
    "aria-label": "step",
    "data-lm-suppress-shortcuts": "true"
  });
  const playBtn = el("button", { class: "dvnb-play", text: "▶ Play", title: "Play / pause" });
  const speed = el(
    "select",
    { class: "dvnb-speed", title: "frames per second", "aria-label": "speed" },
    FPS.map((f) => el("option", { value: f, text: `${f} fps` }))
  );
  speed.value = String(store.fps);
  const stepBox = el("input", {
    type: "number",
    class: "dvnb-stepbox",
    title: "go to step",
    "aria-label": "go to step",
    "data-lm-suppress-shortcuts": "true"
  });
  const latestBtn = el("button", { class: "dvnb-latest", text: "Latest", title: "follow the newest step" });
  const sizeBtn = el("button", { class: "dvnb-size", text: "1:1", title: "actual size", "aria-pressed": "false" });
  const count = el("span", { class: "dvnb-count" });
  const followingNote = el("span", { class: "dvnb-following", text: " · following" });
  const readout = el("span", { class: "dvnb-readout" }, [count, followingNote]);
  const stepLabel = el(
    "label",
    { class: "dvnb-steplabel" },
    [el("span", { text: "step", "aria-hidden": "true" }), stepBox]
  );
  const status = el("div", { class: "dvnb-status", role: "status" });
  const axis = axisControls(store, model);
  const bar = el(
    "div",
    { class: "dvnb-controls" },
    [playBtn, speed, slider, stepLabel, latestBtn, sizeBtn, readout, axis.box]
  );
  const onStatus = () => {
    status.textContent = model.get("status") || "";
    status.style.display = status.textContent ? "" : "none";
  };
  model.on("change:status", onStatus);
  onStatus();
  const state = { actual: false };
  for (const input of [slider, stepBox]) input.addEventListener("keydown", (e) => e.stopPropagation());
  slider.addEventListener("input", () => {
    store.stop();
    store.selectTick(Number(slider.value), true);
  });
  playBtn.addEventListener("click", () => store.playing ? store.stop() : store.play());
  speed.addEventListener("change", () => {
    store.fps = Number(speed.value);
  });
  latestBtn.addEventListener("click", () => store.follow());
  sizeBtn.addEventListener("click", () => {
    state.actual = !state.actual;
    sizeBtn.setAttribute("aria-pressed", String(state.actual));
    onSize();
  });
  const jump = () => {
    if (stepBox.value === "") return;
    const s = store.nearest(Number(stepBox.value));
    if (s !== null) {
      store.stop();
      store.select(s, true);
    }
  };
  stepBox.addEventListener("change", jump);
  stepBox.addEventListener("keydown", (e) => {
    if (e.key === "Enter") jump();
  });
  function update() {
    const ticks = store.ticks(), n = ticks.length;
    const i = store.tickIndex();
    bar.style.display = store.steps.length ? "" : "none";
    slider.max = Math.max(0, n - 1);
    slider.value = i;
    const step = store.steps.length ? store.steps[store.index()] : "";
    slider.setAttribute("aria-valuetext", n ? `step ${step}` : "no steps");
    slider.dataset.step = step;
    if (document.activeElement !== stepBox) stepBox.value = step;
    playBtn.textContent = store.playing ? "■ Pause" : "▶ Play";
    playBtn.setAttribute("aria-pressed", String(!!store.playing));
    latestBtn.setAttribute("aria-pressed", String(store.following));
    latestBtn.disabled = store.following;
    count.textContent = n ? `${i + 1} of ${n}` : "";
    count.style.minWidth = `${2 * Math.max(3, String(n).length) + 4}ch`;
    followingNote.style.visibility = store.following ? "" : "hidden";
    axis.update();
  }
  const dispose = () => {
    model.off("change:status", onStatus);
    axis.dispose();
  };
  return { status, bar, slider, state, update, dispose };
}

// src/annotate.js
var SVG_NS = "http://www.w3.org/2000/svg";
function svgEl(tag, attrs = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}
var LAYERS = /* @__PURE__ */ new WeakMap();
var Layer = class {
  constructor(img, a) {
    this.img = img;
    this.a = a;
    let host = img.parentElement;
    if (getComputedStyle(host).position === "static") {
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
    this.drawn = [];
    host.addEventListener("pointermove", (e) => this.hover(e));
    host.addEventListener("pointerleave", () => {
      this.tip.hidden = true;
    });
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
        if (x >= b.left && x <= b.right && y >= b.top && y <= b.bottom) hit = d;
      }
    }
    if (!hit) {
      this.tip.hidden = true;
      return;
    }
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
    if (!groups) {
      this.svg.replaceChildren();
      this.svg.style.display = "none";
      this.drawn = [];
      return;
    }
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
    drawn.sort((x, y) => y[0] - x[0]);
    this.drawn = drawn;
    const paths = /* @__PURE__ */ new Map();
    let halo = "";
    for (const [, label, colour, box] of drawn) {
      const d = `M${box.left} ${box.top}H${box.right}V${box.bottom}H${box.left}Z`;
      halo += d;
      const entry = paths.get(label);
      if (entry) entry[1] += d;
      else paths.set(label, [colour, d]);
    }
    const nodes = [svgEl("path", { class: "dvnb-halo", d: halo })];
    for (const [label, [colour, d]] of paths) nodes.push(svgEl("path", { d, stroke: colour, "data-label": label }));
    this.svg.replaceChildren(...nodes);
    this.svg.style.display = "";
    this.svg.dataset.boxes = String(drawn.length);
    this.svg.dataset.step = String(frame.step);
    globalThis.__dvclive_nb_boxes_ms = performance.now() - t0;
  }
  drawOverlay(frame, p, w, h) {
    const a = this.a;
    const overP = frame ? a.overPanel(p) : null;
    const overFrame = overP ? a.store.frameAt(overP, frame.step) : null;
    const overUrl = overFrame && overFrame.step === frame.step ? a.store.urlFor(overFrame, overP) : null;
    const mask = overUrl ? a.mask(overUrl, () => a.changed(false)) : null;
    const self = overP === p;
    const fits2 = mask && mask.w === w && mask.h === h && (!self || mask.labels);
    const key = fits2 ? `${overUrl}|${a.version}` : "";
    this.img.dataset.overlay = fits2 && !self ? overP.name : "";
    if (key === this.overKey) return;
    this.overKey = key;
    const { overImg, overCanvas } = this;
    overImg.style.display = overCanvas.style.display = "none";
    if (!fits2) {
      overImg.removeAttribute("src");
      return;
    }
    const node = mask.labels ? overCanvas : overImg;
    node.style.display = "";
    node.style.opacity = self ? "1" : String(a.opacity);
    node.style.mixBlendMode = self ? "normal" : BLENDS.find(([n]) => n === a.blend)[1];
    if (!mask.labels) {
      overImg.src = overUrl;
      return;
    }
    overCanvas.width = w;
    overCanvas.height = h;
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
      dst[i] = lut[k];
      dst[i + 1] = lut[k + 1];
      dst[i + 2] = lut[k + 2];
      dst[i + 3] = lut[k + 3];
    }
    ctx.putImageData(out, 0, 0);
  }
};
function annotate(img, store, frame, p, url) {
  let layer = LAYERS.get(img);
  if (!layer) {
    const a = annotationsOf(store);
    const wanted = a.boxes.size || a.pairMap().size || a.pairs;
    if (!wanted || !img.parentElement) return;
    layer = new Layer(img, a);
    LAYERS.set(img, layer);
    layer.place();
  }
  layer.show(frame, p, url);
}

// src/image.js
function showFrame(img, store, frame, p) {
  const url = store.urlFor(frame, p);
  setSrc(img, url, frame);
  annotate(img, store, frame, p, url);
  return url;
}
var DECODE_FIRST_BYTES = 256 * 1024;
function setSrc(img, url, frame) {
  if (!url) {
    img.removeAttribute("src");
    img.dataset.want = "";
    return;
  }
  if (img.getAttribute("src") === url || img.dataset.want === url) return;
  img.dataset.want = url;
  if (!frame || frame.size < DECODE_FIRST_BYTES || !img.getAttribute("src")) {
    img.src = url;
    return;
  }
  const next = new Image();
  next.src = url;
  const swap = () => {
    if (img.dataset.want === url) img.src = url;
  };
  next.decode().then(swap, swap);
}
function sizeBox(node, width, kind = "series", actual = false) {
  if (!width) return;
  node.classList.toggle("dvnb-pixelated", width < 128);
  node.style.width = actual ? `${width}px` : width < 128 ? `${width * Math.max(1, Math.floor(256 / width))}px` : kind === "single" ? `${Math.min(width, 192)}px` : "";
  node.classList.toggle("dvnb-fit", !actual && width >= 128);
}
function frameCaption(label, frame, url, img, selected = null, facts = "", named = false) {
  const loaded = url && img.getAttribute("src") === url && img.complete && img.naturalWidth;
  const size = loaded ? ` · ${img.naturalWidth}×${img.naturalHeight}` : "";
  const exact = !frame || selected === null || frame.step === selected;
  const at = exact ? "" : ` (at ${selected})`;
  const step = (frame && (named || !exact || selected === null) ? ` · step ${frame.step}${at}` : "") + (frame && facts ? ` · ${facts}` : "");
  const where = !frame ? " · no frame yet" : frame.gone ? `${step} · file no longer on disk` : !url ? `${step} · loading…` : `${step}${size}`;
  return `${label}${where}`;
}

// src/lens.js
var ZOOM_MAX = 64;
var PNG_TYPES = { 0: "grey", 2: "RGB", 3: "RGB", 4: "grey+alpha", 6: "RGBA" };
var Lens = class {
  constructor() {
    this.k = 1;
    this.x = 0;
    this.y = 0;
    this.stages = /* @__PURE__ */ new Set();
    this.listeners = /* @__PURE__ */ new Set();
    this.pending = false;
  }
  clamp() {
    this.k = Math.min(ZOOM_MAX, Math.max(1, this.k));
    const room = 1 - 1 / this.k;
    this.x = Math.min(room, Math.max(0, this.x));
    this.y = Math.min(room, Math.max(0, this.y));
    this.schedule();
  }
  // Zoom by ``factor`` keeping the image point under (u, v) of the stage in place.
  zoomAt(u, v, factor) {
    const fx = this.x + u / this.k, fy = this.y + v / this.k;
    this.k *= factor;
    this.k = Math.min(ZOOM_MAX, Math.max(1, this.k));
    this.x = fx - u / this.k;
    this.y = fy - v / this.k;
    this.clamp();
  }
  panBy(du, dv) {
    this.x -= du / this.k;
    this.y -= dv / this.k;
    this.clamp();
  }
  reset() {
    this.k = 1;
    this.x = 0;
    this.y = 0;
    this.schedule();
  }
  // Transforms are applied once per animation frame, however many events arrive.
  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.apply();
    });
  }
  apply() {
    for (const img of this.stages) lensTransform(this, img);
    for (const fn of this.listeners) fn();
  }
};
function lensTransform(lens, img) {
  img.style.transformOrigin = "0 0";
  img.style.transform = lens.k === 1 ? "" : `scale(${lens.k}) translate(${-lens.x * 100}%, ${-lens.y * 100}%)`;
  const zoomed = lens.k > 1 && (!img.naturalWidth || lens.k * img.clientWidth >= img.naturalWidth);
  img.classList.toggle("dvnb-zoomed", zoomed);
}
function lensFollow(lens, node) {
  lens.stages.add(node);
  node.addEventListener("load", () => lensTransform(lens, node));
  lensTransform(lens, node);
  return () => lens.stages.delete(node);
}
var pixelCache = /* @__PURE__ */ new WeakMap();
function lensPixels(img) {
  const src = img.getAttribute("src");
  let c = pixelCache.get(img);
  if (c && c.src === src) return c;
  const canvas = document.createElement("canvas");
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  ctx.drawImage(img, 0, 0);
  c = {
    src,
    data: ctx.getImageData(0, 0, canvas.width, canvas.height).data,
    width: canvas.width,
    type: null
  };
  pixelCache.set(img, c);
  c.ready = colourType(src).then((type) => {
    c.type = type;
  });
  return c;
}
function colourType(url) {
  return fetch(url).then((r) => r.blob()).then((b) => b.slice(0, 26).arrayBuffer()).then((buf) => {
    const b = new Uint8Array(buf);
    const png = b.length === 26 && b[1] === 80 && b[2] === 78 && b[3] === 71;
    return png ? PNG_TYPES[b[25]] || "RGBA" : "RGB";
  }).catch(() => "RGBA");
}
function pixelText(img, px, py) {
  const c = lensPixels(img);
  const i = (py * c.width + px) * 4;
  const [r, g, b, a] = [c.data[i], c.data[i + 1], c.data[i + 2], c.data[i + 3]];
  const type = c.type || (a === 255 ? "RGB" : "RGBA");
  const value = type === "grey" ? `grey ${r}` : type === "grey+alpha" ? `grey ${r}, alpha ${a}` : type === "RGB" ? `RGB(${r}, ${g}, ${b})` : `RGBA(${r}, ${g}, ${b}, ${a})`;
  return `x ${px}, y ${py} · ${value}`;
}
function lensStage(lens, img, name, onPixel, pick = null) {
  const stage = el("div", { class: "dvnb-stage" }, [img]);
  lens.stages.add(img);
  const where = (e) => {
    const r = stage.getBoundingClientRect();
    return [(e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height];
  };
  stage.addEventListener("wheel", (e) => {
    if (lens.k === 1 && e.deltaY > 0) return;
    e.preventDefault();
    const [u, v] = where(e);
    lens.zoomAt(u, v, Math.exp(-e.deltaY * (e.ctrlKey ? 0.01 : 2e-3)));
  }, { passive: false });
  let drag = null;
  stage.addEventListener("pointerdown", (e) => {
    if (e.button !== 0 || lens.k === 1) return;
    drag = { x: e.clientX, y: e.clientY };
    stage.setPointerCapture(e.pointerId);
    stage.classList.add("dvnb-dragging");
  });
  stage.addEventListener("pointermove", (e) => {
    const r = stage.getBoundingClientRect();
    if (drag) {
      lens.panBy((e.clientX - drag.x) / r.width, (e.clientY - drag.y) / r.height);
      drag = { x: e.clientX, y: e.clientY };
      return;
    }
    hover = where(e);
    report();
  });
  let hover = null;
  const report = () => {
    if (!hover) return;
    const [u, v] = hover;
    const [seen, label] = pick ? pick(u) : [img, name];
    if (!seen.naturalWidth || !seen.getAttribute("src")) return;
    const px = Math.floor((lens.x + u / lens.k) * seen.naturalWidth);
    const py = Math.floor((lens.y + v / lens.k) * seen.naturalHeight);
    if (px < 0 || py < 0 || px >= seen.naturalWidth || py >= seen.naturalHeight) return;
    const c = lensPixels(seen);
    onPixel(`${label} · ${pixelText(seen, px, py)}`);
    if (!c.type) c.ready.then(() => {
      if (hover && lensPixels(seen) === c) report();
    });
  };
  const end = () => {
    drag = null;
    stage.classList.remove("dvnb-dragging");
  };
  stage.addEventListener("pointerup", end);
  stage.addEventListener("pointercancel", end);
  stage.addEventListener("pointerleave", () => {
    hover = null;
    if (!drag) onPixel("");
  });
  stage.addEventListener("dblclick", () => lens.reset());
  lens.listeners.add(report);
  img.addEventListener("load", () => {
    lensTransform(lens, img);
    report();
  });
  lensTransform(lens, img);
  return stage;
}
function lensControls(lens) {
  const zoom = el("input", {
    type: "range",
    min: 0,
    max: Math.log2(ZOOM_MAX),
    step: 0.25,
    value: 0,
    class: "dvnb-zoom",
    "aria-label": "zoom",
    title: "zoom (wheel over an image)",
    "data-lm-suppress-shortcuts": "true"
  });
  const reset = el("button", {
    class: "dvnb-zoom-reset",
    text: "Fit",
    title: "reset zoom (double-click an image)",
    "aria-label": "reset zoom"
  });
  const pixel = el("span", { class: "dvnb-pixel" });
  zoom.addEventListener("keydown", (e) => e.stopPropagation());
  zoom.addEventListener("input", () => {
    lens.zoomAt(0.5, 0.5, 2 ** Number(zoom.value) / lens.k);
  });
  reset.addEventListener("click", () => lens.reset());
  const value = el("span", { class: "dvnb-value dvnb-zoom-value", "aria-hidden": "true" });
  const sync = () => {
    zoom.value = String(Math.log2(lens.k));
    value.textContent = `${lens.k.toFixed(lens.k < 10 ? 1 : 0)}×`;
    zoom.setAttribute("aria-valuetext", value.textContent);
    reset.disabled = lens.k === 1;
  };
  lens.listeners.add(sync);
  sync();
  const box = el("span", { class: "dvnb-lens" }, [
    el("span", { class: "dvnb-tone-label", text: "Zoom", "aria-hidden": "true" }),
    zoom,
    value,
    reset
  ]);
  return { box, pixel, show: (text) => {
    pixel.textContent = text;
  } };
}

// src/pair.js
var MODES = [["side", "side by side"], ["swipe", "swipe"], ["diff", "difference"]];
var SCALE_OPTIONS = [["heat", "heat"], ["grey", "grey"]];
var SCALES = {
  // t in [0, 1] -> [r, g, b] in [0, 255]
  heat: (t) => [Math.min(1, 3 * t), Math.min(1, Math.max(0, 3 * t - 1)), Math.max(0, 3 * t - 2)].map((v) => Math.round(v * 255)),
  grey: (t) => [t, t, t].map((v) => Math.round(v * 255))
};
function selectOf(cls, label, options, value) {
  const node = el(
    "select",
    { class: cls, "aria-label": label, title: label },
    options.map(([v, text]) => el("option", { value: v, text }))
  );
  node.value = String(value);
  return node;
}
async function pixelsOf(frame) {
  const blob = frame.blob || await fetch(frame.url).then((r) => r.blob());
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return ctx.getImageData(0, 0, canvas.width, canvas.height);
}
async function drawDifference(canvas, frameA, frameB, scale) {
  const [a, b] = await Promise.all([pixelsOf(frameA), pixelsOf(frameB)]);
  if (a.width !== b.width || a.height !== b.height) return null;
  const n = a.width * a.height;
  const diff = new Uint8Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const k = 4 * i;
    const d = Math.max(
      Math.abs(a.data[k] - b.data[k]),
      Math.abs(a.data[k + 1] - b.data[k + 1]),
      Math.abs(a.data[k + 2] - b.data[k + 2]),
      Math.abs(a.data[k + 3] - b.data[k + 3])
    );
    diff[i] = d;
    if (d > max) max = d;
  }
  canvas.width = a.width;
  canvas.height = a.height;
  const out = canvas.getContext("2d").createImageData(a.width, a.height);
  const lut = [];
  for (let d = 0; d <= 255; d++) lut.push(SCALES[scale](max ? d / max : 0));
  for (let i = 0; i < n; i++) {
    const [r, g, bl] = lut[diff[i]];
    out.data[4 * i] = r;
    out.data[4 * i + 1] = g;
    out.data[4 * i + 2] = bl;
    out.data[4 * i + 3] = 255;
  }
  canvas.getContext("2d").putImageData(out, 0, 0);
  return max;
}
function drawLegend(canvas, scale) {
  canvas.width = 128;
  canvas.height = 1;
  const ctx = canvas.getContext("2d");
  const row = ctx.createImageData(128, 1);
  for (let x = 0; x < 128; x++) {
    const [r, g, b] = SCALES[scale](x / 127);
    row.data.set([r, g, b, 255], 4 * x);
  }
  ctx.putImageData(row, 0, 0);
}
function clamp01(x) {
  return Math.min(1, Math.max(0, x));
}
var THUMB = 4;
var splitAt = (pos) => `calc(${THUMB / 2}px + (100% - ${THUMB}px) * ${pos / 100})`;
function swipeFigure(altA, altB, onMove, attrs = {}) {
  const under = el("img", { class: "dvnb-img dvnb-swipe-b", alt: altB });
  const over = el("img", { class: "dvnb-img dvnb-swipe-a", alt: altA });
  const clip = el("div", { class: "dvnb-swipe-clip" }, [over]);
  const line = el("div", { class: "dvnb-swipe-line" });
  const stage = el("div", { class: "dvnb-swipe-stage" }, [under, clip, line]);
  const range = el("input", {
    type: "range",
    min: 0,
    max: 100,
    value: 50,
    class: "dvnb-swipe-range",
    "aria-label": "swipe position",
    "data-lm-suppress-shortcuts": "true"
  });
  range.addEventListener("keydown", (e) => e.stopPropagation());
  range.addEventListener("input", () => onMove(Number(range.value)));
  const drag = (e) => {
    const box = stage.getBoundingClientRect();
    onMove(Math.round(100 * clamp01((e.clientX - box.left - THUMB / 2) / (box.width - THUMB))));
  };
  stage.addEventListener("pointerdown", (e) => {
    stage.setPointerCapture(e.pointerId);
    drag(e);
  });
  stage.addEventListener("pointermove", (e) => {
    if (stage.hasPointerCapture(e.pointerId)) drag(e);
  });
  const cap = el("figcaption", { class: "dvnb-caption" });
  const fig = el("figure", { class: "dvnb-swipe", ...attrs }, [stage, range, cap]);
  const place = (pos) => {
    clip.style.clipPath = `inset(0 calc(100% - ${splitAt(pos)}) 0 0)`;
    line.style.left = splitAt(pos);
    range.value = pos;
  };
  return { fig, under, over, line, range, cap, place };
}
function diffFigure(attrs = {}) {
  const canvas = el("canvas", { class: "dvnb-diff-canvas" });
  const legend = el("canvas", { class: "dvnb-legend-bar" });
  const lo = el("span", { class: "dvnb-legend-lo", text: "0" });
  const hi = el("span", { class: "dvnb-legend-hi" });
  const cap = el("figcaption", { class: "dvnb-caption" });
  const fig = el("figure", { class: "dvnb-diff", ...attrs }, [
    el("div", { class: "dvnb-diff-stage" }, [canvas]),
    el("div", { class: "dvnb-legend", title: "colour scale of |A − B|" }, [lo, legend, hi]),
    cap
  ]);
  return { fig, canvas, legend, hi, cap, key: null, token: 0 };
}
function drawPair(v, fa, fb, scale, label, steps) {
  const key = `${fa.seq}|${fb.seq}|${scale}`;
  if (v.key === key) return;
  v.key = key;
  const token = ++v.token;
  drawLegend(v.legend, scale);
  drawDifference(v.canvas, fa, fb, scale).then((max) => {
    if (token !== v.token) return;
    v.fig.dataset.max = max === null ? "" : String(max);
    v.fig.dataset.steps = steps;
    v.hi.textContent = max === null ? "" : String(max);
    v.size(v.canvas, v.canvas.width);
    v.cap.textContent = max === null ? `${label} · the sizes differ` : `${label} · max ${max} of 255`;
  });
}
function pairFigure(ui, alts, redraw, attrs = {}, size = sizeBox) {
  let v;
  if (ui.mode === "swipe") {
    v = swipeFigure(alts[0], alts[1], (pos) => {
      ui.swipe = pos;
      redraw();
    }, attrs);
    for (const img of [v.under, v.over]) img.addEventListener("load", () => redraw());
  } else {
    v = diffFigure(attrs);
  }
  v.mode = ui.mode;
  v.size = size;
  return v;
}
function showPair(v, store, ui, a, b, names, series = "") {
  const [fa, pa] = a, [fb, pb] = b;
  const steps = `steps ${fa ? fa.step : "–"} / ${fb ? fb.step : "–"}`;
  const one = fa && fb && fa.step === fb.step;
  const [na, nb] = one ? names : [[names[0], fa], [names[1], fb]].map(([n, f]) => `${n} · step ${f ? f.step : "–"}`);
  const what = `${series ? `${series} · ` : ""}${one ? `step ${fa.step} · ` : ""}`;
  if (v.mode === "swipe") {
    for (const [img, f, p] of [[v.over, fa, pa], [v.under, fb, pb]]) {
      showFrame(img, store, f, p);
      v.size(img, img.naturalWidth);
    }
    v.place(ui.swipe);
    v.fig.dataset.steps = steps;
    v.cap.textContent = `${what}◧ ${na} | ${nb} ◨`;
    return steps;
  }
  const label = `${what}|${na} − ${nb}|`;
  const urlA = store.urlFor(fa, pa);
  const urlB = store.urlFor(fb, pb);
  if (!urlA || !urlB) v.cap.textContent = `${label} · loading…`;
  else drawPair(v, fa, fb, ui.scale, label, steps);
  return steps;
}

// src/board_heads.js
function head(store, col, i) {
  const node = el("div", { class: "dvnb-head", "data-column": i }, [
    el("div", { class: "dvnb-head-name" }),
    el("div", { class: "dvnb-head-params" }),
    el("div", { class: "dvnb-head-metrics" }),
    el("div", { class: "dvnb-head-status" })
  ]);
  fillHead(store, node, col, i);
  return node;
}
function metricsText(store, col, i) {
  const prefix = `${i}:`;
  const step = store.steps.length ? store.steps[store.index()] : null;
  const parts = [];
  let at = null, rows = 0;
  for (const [name, row] of store.metrics) {
    if (!name.startsWith(prefix) || !row.steps.length || axisOnly(name)) continue;
    rows++;
    const k = step === null ? row.steps.length : bisectRight(row.steps, step);
    if (!k) continue;
    parts.push(`${name.slice(prefix.length)} ${fmt(row.values[k - 1])}`);
    at = at === null ? row.steps[k - 1] : Math.max(at, row.steps[k - 1]);
  }
  if (rows) return parts.length ? `${parts.join(" · ")} · step ${at}` : `no metrics by step ${step}`;
  const latest = Object.entries(col.metrics || {}).map(([k, v]) => `${k} ${v}`);
  return latest.length ? `${latest.join(" · ")} · latest` : "";
}
function fillHead(store, node, col, i) {
  const params = Object.entries(col.params || {}).map(([k, v]) => `${k}=${v}`).join(" · ");
  const name = col.group ? `${col.group} · ${col.name}` : col.name;
  const texts = [name, params && `≠ ${params}`, metricsText(store, col, i), col.status || ""];
  [...node.children].forEach((child, k) => {
    if (child.textContent !== texts[k]) child.textContent = texts[k];
  });
}

// src/annotate_bar.js
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
function seriesNames(store) {
  const names = [];
  for (const p of store.panels.values()) {
    if (p.kind !== "series") continue;
    const n = p.name.replace(/^\d+:/, "");
    if (!names.includes(n)) names.push(n);
  }
  return names;
}
function annotationControls(store) {
  const a = annotationsOf(store);
  const boxes = check("dvnb-ann-boxes", "boxes", true, null, (on) => {
    a.showBoxes = on;
    a.changed();
  });
  const threshold = rangeInput("dvnb-threshold", "score threshold", 0, 1, 0.05, 0);
  threshold.addEventListener("input", () => {
    a.threshold = Number(threshold.value);
    sync();
    a.changed();
  });
  const legend = el("span", { class: "dvnb-legend-labels", role: "group", "aria-label": "box labels" });
  const boxBar = el("span", { class: "dvnb-ann-bar" }, [
    boxes,
    el("span", { class: "dvnb-tone-label", text: "score ≥", "aria-hidden": "true" }),
    threshold,
    legend
  ]);
  const overlay = el("select", {
    class: "dvnb-overlay-pick",
    "aria-label": "overlay",
    title: "draw one series over another of the same size"
  });
  overlay.addEventListener("change", () => {
    a.pairs = overlay.value ? new Map([JSON.parse(overlay.value)]) : /* @__PURE__ */ new Map();
    a.changed();
  });
  const opacity = rangeInput("dvnb-opacity", "opacity", 0, 1, 0.05, a.opacity);
  opacity.addEventListener("input", () => {
    a.opacity = Number(opacity.value);
    sync();
    a.changed();
  });
  const blend = el(
    "select",
    { class: "dvnb-blend", "aria-label": "blend", title: "blend" },
    BLENDS.map(([n]) => el("option", { value: n, text: n }))
  );
  blend.addEventListener("change", () => {
    a.blend = blend.value;
    a.changed();
  });
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
      legend.replaceChildren(...[...a.labels].map(([label, on2]) => check(
        "dvnb-legend-entry",
        label,
        on2,
        css(a.labelColour(label)),
        (v) => {
          a.labels.set(label, v);
          a.changed();
        }
      )));
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
      classes.replaceChildren(...[...a.classes].map(([v, shown]) => check(
        "dvnb-legend-entry",
        a.className(v),
        shown,
        css(classColour(v)),
        (x) => {
          a.classes.set(v, x);
          a.changed();
        }
      )));
    }
    sync();
  }
  store.listeners.add(update);
  update();
  return { box, update, dispose: () => store.listeners.delete(update) };
}

// src/board_view.js
var DEFAULT_SERIES_SHOWN = 4;
function renderBoard({ model, el: root }) {
  const store = storeFor(model);
  const uid = model.get("uid");
  root.classList.add("dvnb", "dvnb-board");
  const grid = el("div", { class: "dvnb-grid" });
  const controls = stepControls(store, model, () => update());
  const lens = new Lens();
  const lensBar = lensControls(lens);
  const mode = selectOf("dvnb-mode", "compare mode", MODES, "side");
  const pickA = el("select", { class: "dvnb-pick-a", "aria-label": "first run", title: "first run" });
  const pickB = el("select", { class: "dvnb-pick-b", "aria-label": "second run", title: "second run" });
  const scale = selectOf("dvnb-scale", "colour scale", SCALE_OPTIONS, "heat");
  const seriesList = el("div", { class: "dvnb-series-list" });
  const seriesSummary = el("summary", { text: "series" });
  const picker = el(
    "details",
    { class: "dvnb-series", "aria-label": "series" },
    [seriesSummary, seriesList]
  );
  const toolbar = el(
    "div",
    { class: "dvnb-toolbar" },
    [mode, pickA, pickB, scale, picker, lensBar.box]
  );
  root.append(controls.status, toolbar, grid, lensBar.pixel, controls.bar);
  const annotations = annotationControls(store);
  root.append(annotations.box);
  const ui = { mode: "side", a: 0, b: 1, scale: "heat", all: /* @__PURE__ */ new Set(), shown: /* @__PURE__ */ new Set(), swipe: 50 };
  let cells = /* @__PURE__ */ new Map();
  let layoutKey = "";
  for (const node of [mode, pickA, pickB, scale]) {
    node.addEventListener("change", () => {
      const [a, b] = [Number(pickA.value), Number(pickB.value)];
      if (node === pickA && a === ui.b) ui.b = ui.a;
      else if (node === pickB && b === ui.a) ui.a = ui.b;
      if (node === pickA) ui.a = a;
      else if (node === pickB) ui.b = b;
      ui.mode = mode.value;
      ui.scale = scale.value;
      update();
    });
  }
  function columns() {
    return model.get("columns") || [];
  }
  function seriesNames2() {
    const names = [];
    for (const p of model.get("panels") || []) if (!names.includes(p.series)) names.push(p.series);
    return names;
  }
  function panelOf(column, series) {
    return store.panels.get(`${column}:${series}`) || null;
  }
  function syncPicker(names) {
    if (names.length !== ui.all.size) {
      for (const n of names) {
        if (!ui.all.has(n)) {
          ui.all.add(n);
          if (ui.shown.size < DEFAULT_SERIES_SHOWN) ui.shown.add(n);
        }
      }
      seriesList.replaceChildren(...names.map((name) => {
        const box = el("input", { type: "checkbox", checked: ui.shown.has(name), "aria-label": name });
        box.addEventListener("change", () => {
          if (box.checked) ui.shown.add(name);
          else ui.shown.delete(name);
          update();
        });
        return el("label", { class: "dvnb-series-item" }, [box, ` ${name}`]);
      }));
    }
    seriesSummary.textContent = `series: ${ui.shown.size} of ${names.length}`;
    picker.style.display = names.length > 1 ? "" : "none";
  }
  function syncPicks(cols) {
    const n = cols.length;
    ui.a = Math.min(ui.a, Math.max(0, n - 1));
    ui.b = Math.min(ui.b, Math.max(0, n - 1));
    if (ui.a === ui.b && n >= 2) ui.b = ui.a === 0 ? 1 : 0;
    for (const [node, key] of [[pickA, "a"], [pickB, "b"]]) {
      if (node.options.length !== n) {
        node.replaceChildren(...cols.map((c, i) => el("option", { value: i, text: c.name })));
      }
      node.value = String(ui[key]);
    }
    const two = n >= 2;
    mode.disabled = !two;
    if (!two) ui.mode = "side";
    mode.value = ui.mode;
    pickA.style.display = pickB.style.display = two && ui.mode !== "side" ? "" : "none";
    scale.style.display = ui.mode === "diff" ? "" : "none";
  }
  function lensPair(v, names) {
    if (v.mode === "swipe") {
      const stage = lensStage(
        lens,
        v.over,
        names[0],
        lensBar.show,
        (u) => u * 100 < ui.swipe ? [v.over, names[0]] : [v.under, names[1]]
      );
      lens.stages.add(v.under);
      v.under.addEventListener("load", () => lens.schedule());
      const swipeStage = v.line.parentElement;
      stage.prepend(v.under);
      stage.addEventListener("pointerdown", (e) => {
        if (lens.k > 1) e.stopPropagation();
      });
      swipeStage.replaceChildren(stage, v.line);
    } else {
      const stage = lensStage(lens, v.canvas, names.join(" − "), lensBar.show);
      v.legend.parentElement.before(stage);
    }
  }
  function layout(cols, names) {
    const shown = names.filter((n) => ui.shown.has(n));
    const key = JSON.stringify([ui.mode, ui.a, ui.b, cols.length, shown]);
    if (key === layoutKey) return shown;
    layoutKey = key;
    cells = /* @__PURE__ */ new Map();
    lens.stages.clear();
    const wide = ui.mode !== "side";
    grid.style.gridTemplateColumns = wide ? "auto auto" : `auto repeat(${cols.length}, auto)`;
    const nodes = [el("div", { class: "dvnb-corner" })];
    if (wide) {
      const h = el(
        "div",
        { class: "dvnb-head-pair" },
        [head(store, cols[ui.a], ui.a), head(store, cols[ui.b], ui.b)]
      );
      cells.set("heads", [h]);
      nodes.push(h);
    } else {
      const heads = cols.map((c, i) => head(store, c, i));
      cells.set("heads", heads);
      nodes.push(...heads);
    }
    for (const series of shown) {
      nodes.push(el("div", { class: "dvnb-row-name", text: series }));
      if (ui.mode === "side") {
        cols.forEach((c, i) => {
          const img = el("img", { class: "dvnb-img", alt: `${c.name}: ${series}` });
          const cap = el("figcaption", { class: "dvnb-caption" });
          const fig = el(
            "figure",
            {
              class: "dvnb-panel",
              "data-name": `${i}:${series}`,
              "data-column": i,
              "data-series": series
            },
            [lensStage(lens, img, `${c.name} · ${series}`, lensBar.show), cap]
          );
          img.addEventListener("load", () => update());
          cells.set(`${i}:${series}`, { fig, img, cap });
          nodes.push(fig);
        });
      } else {
        const names2 = [`${cols[ui.a].name} · ${series}`, `${cols[ui.b].name} · ${series}`];
        const v = pairFigure(
          ui,
          [`${cols[ui.a].name}: ${series}`, `${cols[ui.b].name}: ${series}`],
          () => update(),
          { "data-series": series }
        );
        lensPair(v, names2);
        cells.set(`pair:${series}`, v);
        nodes.push(v.fig);
      }
    }
    grid.replaceChildren(...nodes);
    lens.schedule();
    return shown;
  }
  function clipSwipes() {
    for (const [key, v] of cells) {
      if (!key.startsWith("pair:") || v.mode !== "swipe") continue;
      const cut = lens.x + ui.swipe / 100 / lens.k;
      v.over.style.clipPath = `inset(0 ${(100 * (1 - cut)).toFixed(3)}% 0 0)`;
    }
  }
  lens.listeners.add(clipSwipes);
  function update() {
    root.classList.toggle(`dvnb-live-${uid}`, store.connected);
    hideStatic(uid, store.connected);
    const cols = columns();
    const names = seriesNames2();
    syncPicker(names);
    syncPicks(cols);
    const shown = layout(cols, names);
    const heads = cells.get("heads") || [];
    if (ui.mode === "side") cols.forEach((c, i) => heads[i] && fillHead(store, heads[i], c, i));
    else if (heads[0]) {
      fillHead(store, heads[0].children[0], cols[ui.a], ui.a);
      fillHead(store, heads[0].children[1], cols[ui.b], ui.b);
    }
    for (const series of shown) {
      if (ui.mode === "side") {
        cols.forEach((c, i) => {
          const v = cells.get(`${i}:${series}`);
          const p = panelOf(i, series);
          const frame = p ? store.frameFor(p) : null;
          const url = showFrame(v.img, store, frame, p);
          sizeBox(v.img, v.img.naturalWidth);
          v.fig.dataset.step = frame ? frame.step : "";
          setCaption(v.cap, p ? frameCaption(
            `${c.name} · ${series}`,
            frame,
            url,
            v.img,
            selectedStep(store),
            frameFacts(store, frame, fmt, `${i}:`),
            true
          ) : `${c.name} · ${series} · no such series`);
          markFrame(v.fig, frame, selectedStep(store));
        });
      } else {
        const [pa, pb] = [panelOf(ui.a, series), panelOf(ui.b, series)];
        showPair(
          cells.get(`pair:${series}`),
          store,
          ui,
          [pa ? store.frameFor(pa) : null, pa],
          [pb ? store.frameFor(pb) : null, pb],
          [cols[ui.a].name, cols[ui.b].name],
          series
        );
      }
    }
    clipSwipes();
    controls.update();
  }
  const onColumns = () => update();
  model.on("change:columns", onColumns);
  store.listeners.add(update);
  rememberBoard(model, root, lens, ui);
  update();
  return () => {
    store.listeners.delete(update);
    model.off("change:columns", onColumns);
    controls.dispose();
    annotations.dispose();
  };
}

// src/tone.js
var COLOUR_MAPS = {
  viridis: [
    "0.267 0.2823 0.2788 0.259 0.2297 0.1994 0.1727 0.149 0.1276 0.1206 0.1579 0.2461 0.3692 0.516 0.6785 0.8456 0.9932",
    "0.0049 0.095 0.1755 0.2515 0.3224 0.3876 0.4488 0.5081 0.5669 0.6258 0.6838 0.7389 0.7889 0.8312 0.8637 0.8873 0.9062",
    "0.3294 0.4173 0.4834 0.5247 0.5457 0.5546 0.5579 0.5573 0.5506 0.5335 0.5017 0.452 0.3829 0.2943 0.1895 0.0997 0.1439"
  ],
  magma: [
    "0.0015 0.0396 0.1131 0.2117 0.3167 0.4147 0.5128 0.6136 0.7164 0.8169 0.9043 0.9609 0.9867 0.9961 0.9969 0.9924 0.9871",
    "0.0005 0.0311 0.0655 0.062 0.0717 0.1104 0.1482 0.1818 0.215 0.2559 0.3196 0.4183 0.5356 0.6537 0.7696 0.8843 0.9914",
    "0.0139 0.1335 0.2768 0.4186 0.4854 0.5047 0.5076 0.4985 0.4753 0.4365 0.3881 0.3596 0.3822 0.4462 0.5349 0.6401 0.7495"
  ]
};
var SVG_NS2 = "http://www.w3.org/2000/svg";
var toneIds = 0;
var Tone = class {
  constructor() {
    this.brightness = 0;
    this.contrast = 1;
    this.auto = false;
    this.map = "grey";
    this.listeners = /* @__PURE__ */ new Set();
  }
  set(changes) {
    Object.assign(this, changes);
    for (const fn of this.listeners) fn();
  }
  plain() {
    return !this.brightness && this.contrast === 1 && !this.auto && this.map === "grey";
  }
};
function svgEl2(tag, attrs = {}, children = []) {
  const node = document.createElementNS(SVG_NS2, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}
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
function toneFilter(tone, img) {
  const id = `dvnb-tone-${++toneIds}`;
  const linear = ["R", "G", "B"].map((c) => svgEl2(`feFunc${c}`, { type: "linear" }));
  const table = ["R", "G", "B"].map((c) => svgEl2(`feFunc${c}`, { type: "identity" }));
  const filter = svgEl2("filter", { id, "color-interpolation-filters": "sRGB" }, [
    svgEl2("feComponentTransfer", {}, linear),
    svgEl2("feComponentTransfer", {}, table)
  ]);
  const svg = svgEl2(
    "svg",
    { class: "dvnb-tone-svg", width: 0, height: 0, "aria-hidden": "true" },
    [filter]
  );
  const apply = () => {
    const src = img.getAttribute("src");
    if (tone.plain() || !src || !img.naturalWidth) {
      img.style.filter = "";
      return;
    }
    let lo = 0, hi = 1;
    if (tone.auto) ({ lo, hi } = frameRange(img));
    const stretch = hi > lo ? 1 / (hi - lo) : 1;
    const slope = tone.contrast * stretch;
    const intercept = -lo * slope + 0.5 - 0.5 * tone.contrast + tone.brightness;
    for (const f of linear) {
      f.setAttribute("slope", slope);
      f.setAttribute("intercept", intercept);
    }
    const pixels = lensPixels(img);
    const grey = pixels.type === "grey" || pixels.type === "grey+alpha";
    const map = grey ? COLOUR_MAPS[tone.map] : null;
    table.forEach((f, i) => {
      f.setAttribute("type", map ? "table" : "identity");
      if (map) f.setAttribute("tableValues", map[i]);
      else f.removeAttribute("tableValues");
    });
    img.style.filter = `url(#${id})`;
    if (!pixels.type && tone.map !== "grey") pixels.ready.then(apply);
  };
  tone.listeners.add(apply);
  img.addEventListener("load", apply);
  return svg;
}
function toneControls(tone) {
  const brightness = rangeInput("dvnb-brightness", "brightness", -1, 1, 0.05, 0);
  const contrast = rangeInput("dvnb-contrast", "contrast", -3, 3, 0.25, 0);
  const brightnessValue = el("span", { class: "dvnb-value dvnb-brightness-value", "aria-hidden": "true" });
  const contrastValue = el("span", { class: "dvnb-value dvnb-contrast-value", "aria-hidden": "true" });
  const auto = el("button", {
    class: "dvnb-auto",
    text: "Auto",
    "aria-label": "auto contrast",
    title: "stretch each frame to its own darkest and brightest values",
    "aria-pressed": "false"
  });
  const map = el(
    "select",
    { class: "dvnb-map", "aria-label": "colour map" },
    [
      ...["grey", "viridis", "magma"].map((m) => el("option", { value: m, text: m })),
      el("option", { value: "", text: "RGB", hidden: true })
    ]
  );
  brightness.addEventListener("input", () => tone.set({ brightness: Number(brightness.value) }));
  contrast.addEventListener("input", () => tone.set({ contrast: 2 ** Number(contrast.value) }));
  auto.addEventListener("click", () => tone.set({ auto: !tone.auto }));
  map.addEventListener("change", () => {
    if (map.value) tone.set({ map: map.value });
  });
  const sync = () => {
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
    map.title = map.disabled ? "colour map: for single-channel (grey) images only; the images here have their own colours (RGB)" : colour ? "colour map for the single-channel images here (colour ones keep their colours)" : "colour map (single-channel images)";
  };
  applies(false, false);
  const box = el("span", { class: "dvnb-tone" }, [
    el("span", { class: "dvnb-tone-label", text: "☀", "aria-hidden": "true" }),
    brightness,
    brightnessValue,
    el("span", { class: "dvnb-tone-label", text: "◐", "aria-hidden": "true" }),
    contrast,
    contrastValue,
    auto,
    map
  ]);
  return { box, applies };
}

// src/pin.js
function pinControls(store) {
  const button = el("button", {
    class: "dvnb-pin",
    text: "Pin",
    "aria-label": "pin step",
    title: "pin this step, to compare other steps with it",
    "aria-pressed": "false"
  });
  const mode = selectOf("dvnb-pin-mode", "compare mode", MODES, "side");
  const scale = selectOf("dvnb-pin-scale", "colour scale", SCALE_OPTIONS, "heat");
  const ui = { mode: "side", scale: "heat", swipe: 50 };
  button.addEventListener("click", () => {
    const n = store.steps.length;
    store.pinned = store.pinned === null && n ? store.steps[store.index()] : null;
    store.changed(true);
  });
  for (const node of [mode, scale]) {
    node.addEventListener("change", () => {
      ui.mode = mode.value;
      ui.scale = scale.value;
      store.changed(true);
    });
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
function pinSlot(store, p, ui, look) {
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
      v = pairFigure(
        ui,
        [`${p.name}, current step`, `${p.name}, pinned step`],
        () => update(),
        {},
        look.size
      );
      released = (ui.mode === "swipe" ? [v.under, v.over] : [v.canvas]).map(look.follow);
      node.replaceChildren(v.fig);
    }
  }
  function update() {
    const pinned = store.pinned;
    if (pinned === null || p.kind !== "series") {
      if (key) {
        clear();
        key = "";
      }
      return;
    }
    if (key !== ui.mode) {
      key = ui.mode;
      build();
    }
    const now = store.frameFor(p);
    const then = store.frameAt(p, pinned);
    if (ui.mode === "side") {
      node.dataset.steps = `steps ${now ? now.step : "–"} / ${then ? then.step : "–"}`;
      showFrame(v.img, store, then, p);
      look.size(v.img, v.img.naturalWidth);
      v.cap.textContent = then ? `${p.name} · pinned step ${then.step}` : `${p.name} · no frame at the pin`;
    } else {
      node.dataset.steps = showPair(v, store, ui, [now, p], [then, p], [p.name, "pinned"]);
    }
  }
  return { node, update };
}

// src/kernel_request.js
var ids = 0;
function actionButton(cls, text, label, title) {
  return el("button", { class: cls, text, "aria-label": label, title });
}
function kernelRequests(model, reply, { note, failed, many = false }, onReply) {
  const mine = /* @__PURE__ */ new Set();
  const onMsg = (msg, buffers) => {
    if (!msg || msg.type !== reply || !mine.has(msg.id)) return;
    if (!many) mine.delete(msg.id);
    if (msg.error) note.textContent = `${failed(msg)}: ${msg.error}`;
    else onReply(msg, buffers);
  };
  model.on("msg:custom", onMsg);
  return {
    send(content) {
      const id = `${model.get("uid")}-${reply}-${++ids}-${Date.now()}`;
      mine.add(id);
      model.send({ ...content, id });
      return id;
    },
    dispose: () => model.off("msg:custom", onMsg)
  };
}
function download(bytes, type, filename) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = el("a", { href: url, download: filename, class: "dvnb-export-link" });
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 6e4);
}

// src/save_html.js
function fileName(model) {
  const cols = model.get("columns") || [];
  const parts = cols.length ? cols.map((c) => c.name) : (model.get("panels") || []).filter((p) => p.kind === "series").map((p) => p.name);
  const stem = parts.join("-").replace(/[^\w.-]+/g, "_").replace(/^[._]+/, "").slice(0, 60);
  return `${stem || "dvclive-nb"}.html`;
}
function saveHtmlControls(model, note) {
  const button = actionButton(
    "dvnb-save-html",
    "Save HTML",
    "save html",
    "download this view as one HTML file that opens offline, with no kernel (answered once the kernel is idle)"
  );
  const failed = (msg) => `could not save ${msg.filename}`;
  const requests = kernelRequests(model, "saved_html", { note, failed }, (msg, buffers) => {
    download(buffers[0], "text/html", msg.filename);
    note.textContent = `downloaded ${msg.filename}: ${msg.note}`;
    note.dataset.saved = msg.filename;
  });
  button.addEventListener("click", () => {
    const filename = fileName(model);
    note.textContent = `saving ${filename} (once the kernel is idle)…`;
    requests.send({ type: "save_html", filename });
  });
  return { button, dispose: requests.dispose };
}

// src/export.js
function exportControls(store, model) {
  const button = actionButton(
    "dvnb-export",
    "Export GIF",
    "export",
    "download each series as an animated GIF (answered once the kernel is idle)"
  );
  const note = el("span", { class: "dvnb-export-note", role: "status" });
  const save = saveHtmlControls(model, note);
  const seriesNames2 = () => [...store.panels.values()].filter((p) => p.kind === "series" && p.steps.length).map((p) => p.name);
  const fileOf = (name) => `${name.replace(/\//g, "_")}.gif`;
  let done = [];
  const failed = (msg) => `could not export ${msg.name}`;
  const requests = kernelRequests(model, "exported", { note, failed, many: true }, (msg, buffers) => {
    download(buffers[0], "image/gif", msg.filename);
    done.push(msg.filename);
    note.textContent = `downloaded ${done.join(", ")}`;
    note.dataset.exported = [note.dataset.exported, msg.filename].filter(Boolean).join(" ");
  });
  button.addEventListener("click", () => {
    const names = seriesNames2();
    if (!names.length) return;
    done = [];
    note.textContent = `exporting ${names.map(fileOf).join(", ")} (once the kernel is idle)…`;
    requests.send({ type: "export", names, fps: store.fps });
  });
  const box = el("span", { class: "dvnb-export-box" }, [button, save.button, note]);
  const shared = !!model.get("shared");
  const update = () => {
    const names = seriesNames2();
    button.hidden = !names.length;
    box.hidden = shared || !store.panels.size;
    button.textContent = names.length > 1 ? `Export ${names.length} GIFs` : "Export GIF";
    button.title = `download ${names.map(fileOf).join(", ")}: each series as an animated GIF (answered once the kernel is idle)`;
  };
  const dispose = () => {
    requests.dispose();
    save.dispose();
  };
  return { box, update, dispose };
}
function exportInto(parent, store, model) {
  const exporter = exportControls(store, model);
  parent.append(exporter.box);
  const follow = () => exporter.update();
  store.listeners.add(follow);
  follow();
  return () => {
    store.listeners.delete(follow);
    exporter.dispose();
  };
}

// src/grid.js
var GRID_FROM = 8;
var TILE_SIZES = [48, 64, 96, 128, 192, 256];
function gridControls(onChange) {
  const state = { on: false, filter: "", tile: 96 };
  const filter = el("input", {
    type: "search",
    class: "dvnb-filter",
    placeholder: "filter series",
    "aria-label": "filter series",
    title: "show the series whose name contains this",
    "data-lm-suppress-shortcuts": "true"
  });
  const size = rangeInput(
    "dvnb-tile",
    "tile size",
    0,
    TILE_SIZES.length - 1,
    1,
    TILE_SIZES.indexOf(state.tile)
  );
  const count = el("span", { class: "dvnb-grid-count" });
  filter.addEventListener("keydown", (e) => e.stopPropagation());
  const changed = () => {
    onChange();
    if (api.onSaved) api.onSaved();
  };
  filter.addEventListener("input", () => {
    state.filter = filter.value.trim().toLowerCase();
    changed();
  });
  size.addEventListener("input", () => {
    state.tile = TILE_SIZES[Number(size.value)];
    changed();
  });
  const box = el("div", { class: "dvnb-grid-tools" }, [filter, size, count]);
  function apply(panelsBox, seriesCount) {
    state.on = seriesCount >= GRID_FROM;
    box.style.display = state.on ? "" : "none";
    panelsBox.classList.toggle("dvnb-gridded", state.on);
    panelsBox.style.setProperty("--dvnb-tile", `${state.tile}px`);
  }
  const shows = (name) => !state.on || !state.filter || name.toLowerCase().includes(state.filter);
  const counted = (shown, total) => {
    count.textContent = state.on ? `${shown} of ${total} series` : "";
  };
  const restore = (saved) => {
    if (typeof saved.filter === "string") {
      state.filter = saved.filter;
      filter.value = saved.filter;
    }
    if (TILE_SIZES.includes(saved.tile)) {
      state.tile = saved.tile;
      size.value = TILE_SIZES.indexOf(saved.tile);
    }
  };
  const api = { box, state, apply, shows, counted, restore, onSaved: null };
  return api;
}
function sizeTile(img, tile) {
  img.style.width = `${tile}px`;
  img.classList.remove("dvnb-fit");
  img.classList.toggle("dvnb-pixelated", !!img.naturalWidth && img.naturalWidth < tile);
}

// src/fit.js
var PIXEL_ART = 128;
var PIXEL_ART_TARGET = 256;
var PREVIEW_BOX = 256;
var MIN_BOX = 128;
function scaleRule(sizes, room, previews) {
  const biggest = Math.max(0, ...sizes.map(([w, h]) => Math.max(w, h)));
  if (!biggest) return () => [0, false];
  if (biggest < PIXEL_ART) {
    let k = Math.max(1, Math.floor(PIXEL_ART_TARGET / biggest));
    const tall = { ...room, height: Infinity };
    while (k > 2 && !fits(sizes, room, (w, h) => [w * k, h * k])) k--;
    while (k > 1 && !fits(sizes, tall, (w, h) => [w * k, h * k])) k--;
    return (w) => [w * k, k > 1];
  }
  const shown = (box2) => (w, h) => {
    const s = Math.min(1, box2 / Math.max(w, h));
    return [w * s, h * s];
  };
  const hi = previews ? Math.min(PREVIEW_BOX, biggest) : biggest;
  let box = Math.min(MIN_BOX, hi);
  if (fits(sizes, room, shown(hi))) box = hi;
  else {
    let lo = box;
    let top = hi;
    while (top - lo > 1) {
      const mid = Math.floor((lo + top) / 2);
      if (fits(sizes, room, shown(mid))) lo = mid;
      else top = mid;
    }
    box = lo;
  }
  return (w, h) => [Math.floor(shown(box)(w, h)[0]), false];
}
function fits(sizes, room, shown) {
  const { width, height, gap, chrome, columns = 1, itemPerRow = false } = room;
  let x = 0, rowH = 0, total = 0, first = true;
  for (const [w, h] of sizes) {
    const [dw, dh] = shown(w, h);
    const itemW = columns * dw + (columns - 1) * gap;
    if (itemW > width) return false;
    if (!first && (itemPerRow || x + gap + itemW > width)) {
      total += rowH + chrome + gap;
      x = 0;
      rowH = 0;
    }
    x += (x ? gap : 0) + itemW;
    rowH = Math.max(rowH, dh);
    first = false;
  }
  return total + rowH + chrome <= height;
}
function visibleHeight(node) {
  let outermost = 0;
  for (let p = node.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowY;
    if (o !== "auto" && o !== "scroll") continue;
    if (p.scrollHeight > p.clientHeight + 1) return p.clientHeight;
    if (p.clientHeight) outermost = p.clientHeight;
  }
  if (outermost) return outermost;
  if (window.top === window) return window.innerHeight;
  try {
    return window.top.innerHeight;
  } catch {
    return Math.round(screen.availHeight * 0.85);
  }
}

// src/index_axes.js
var INDEX = /^\d+$/;
function indexAxes(names) {
  const groups = /* @__PURE__ */ new Map();
  for (const name of names) {
    const parts = name.split("/");
    const values = [];
    const pattern = parts.map((p) => INDEX.test(p) ? `{${values.push(Number(p)) - 1}}` : p).join("/");
    let g = groups.get(pattern);
    if (!g) {
      g = [];
      groups.set(pattern, g);
    }
    g.push([values, name]);
  }
  const out = [];
  for (const [pattern, members] of groups) {
    const n = members[0][0].length;
    if (!n) continue;
    const axes = [];
    for (let k = 0; k < n; k++) axes.push([...new Set(members.map(([v]) => v[k]))].sort((a, b) => a - b));
    const keys = new Set(members.map(([v]) => v.join(",")));
    if (keys.size < members.length || axes.some((a) => a.length < 2)) continue;
    out.push({
      pattern,
      axes,
      names: new Map(members.map(([v, name]) => [v.join(","), name])),
      of: new Map(members.map(([v, name]) => [name, v]))
    });
  }
  return out.sort((a, b) => a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0);
}

// src/index_sliders.js
var THROTTLE_MS2 = 250;
var PREFETCH = [1, -1, 2, -2];
var nearest = (axis, want) => axis.reduce((a, b) => Math.abs(b - want) < Math.abs(a - want) ? b : a);
function indexSliders(store, model, onChange) {
  const box = el("div", { class: "dvnb-index" });
  const member = /* @__PURE__ */ new Map();
  const states = /* @__PURE__ */ new Map();
  const saved = viewState(model).index || {};
  let counted = -1, timer = null;
  let rows = [];
  const save = () => {
    timer = null;
    const index = { ...viewState(model).index || {} };
    for (const [pattern, s] of states) index[pattern] = { at: [...s.at], tile: s.tile };
    write(model, { index });
  };
  const later = () => {
    if (timer === null) timer = setTimeout(save, THROTTLE_MS2);
  };
  function prefetch(g, k) {
    const s = states.get(g.pattern), axis = g.axes[k];
    const i = axis.indexOf(s.at[k]);
    for (const d of PREFETCH) {
      if (i + d < 0 || i + d >= axis.length) continue;
      const at = [...s.at];
      at[k] = axis[i + d];
      const p = store.panels.get(g.names.get(at.join(",")));
      const frame = p && store.frameFor(p);
      if (frame) store.fetcher.around(p, frame);
    }
  }
  function axisRow(g, k) {
    const s = states.get(g.pattern), axis = g.axes[k];
    const name = g.axes.length > 1 ? `${g.pattern} {${k}}` : g.pattern;
    const slider = rangeInput(
      "dvnb-index-slider",
      `${name} index`,
      0,
      axis.length - 1,
      1,
      axis.indexOf(s.at[k])
    );
    Object.assign(slider.dataset, { pattern: g.pattern, axis: k });
    const readout = el("span", { class: "dvnb-index-value" });
    const tiles = el("input", {
      type: "checkbox",
      class: "dvnb-index-tiles",
      checked: s.tile === k,
      "aria-label": `${name} as tiles`,
      title: "show every value of this axis side by side"
    });
    const show = () => {
      readout.textContent = s.tile === k ? `all ${axis.length}` : `${s.at[k]} · ${axis.indexOf(s.at[k]) + 1} of ${axis.length}`;
      slider.disabled = s.tile === k;
      tiles.checked = s.tile === k;
    };
    slider.addEventListener("input", () => {
      s.at[k] = axis[Number(slider.value)];
      show();
      onChange();
      prefetch(g, k);
      later();
    });
    tiles.addEventListener("change", () => {
      s.tile = tiles.checked ? k : null;
      for (const r2 of rows) r2.show();
      onChange();
      later();
    });
    const row = el("div", { class: "dvnb-index-row" }, [
      el("span", { class: "dvnb-index-name", text: name }),
      slider,
      readout,
      el("label", { class: "dvnb-index-tilelabel" }, [tiles, " tiles"])
    ]);
    const r = { row, show };
    rows.push(r);
    show();
    return row;
  }
  function sync() {
    const names = [];
    for (const p of store.panels.values()) if (p.kind === "series") names.push(p.name);
    if (names.length === counted) return;
    counted = names.length;
    member.clear();
    rows = [];
    const nodes = [];
    for (const g of indexAxes(names)) {
      const old = states.get(g.pattern) || saved[g.pattern] || {};
      const at = g.axes.map((axis, k) => Array.isArray(old.at) && typeof old.at[k] === "number" ? nearest(axis, old.at[k]) : axis[0]);
      const tile = Number.isInteger(old.tile) && old.tile < g.axes.length ? old.tile : null;
      states.set(g.pattern, { at, tile });
      for (const name of g.names.values()) member.set(name, g);
      g.axes.forEach((_, k) => nodes.push(axisRow(g, k)));
    }
    box.replaceChildren(...nodes);
    box.style.display = nodes.length ? "" : "none";
  }
  function shows(name) {
    const g = member.get(name);
    if (!g) return true;
    const s = states.get(g.pattern);
    return g.of.get(name).every((v, k) => k === s.tile || v === s.at[k]);
  }
  const dispose = () => {
    if (timer !== null) {
      clearTimeout(timer);
      save();
    }
  };
  return { box, sync, shows, dispose, states };
}

// src/run_view.js
var GAP = 8;
var CAPTION = 40;
var PAIR_EXTRA = 28;
var SPARE = 16;
function renderRun({ model, el: root }) {
  const store = storeFor(model);
  const uid = model.get("uid");
  root.classList.add("dvnb");
  const panelsBox = el("div", { class: "dvnb-panels" });
  const controls = stepControls(store, model, () => update());
  const lens = new Lens();
  const lensBar = lensControls(lens);
  const tone = new Tone();
  const toneBar = toneControls(tone);
  const pin = pinControls(store);
  const exporter = exportControls(store, model);
  const tools = el(
    "div",
    { class: "dvnb-tools" },
    [lensBar.box, toneBar.box, pin.box, exporter.box]
  );
  const staged = (img, name) => {
    const stage = lensStage(lens, img, name, lensBar.show);
    stage.append(toneFilter(tone, img));
    return stage;
  };
  const strip = metricsStrip(store);
  const grid = gridControls(() => update());
  root.append(controls.status, grid.box, panelsBox, lensBar.pixel, strip.box, controls.bar, tools);
  const annotations = annotationControls(store);
  root.append(annotations.box);
  const index = indexSliders(store, model, () => update());
  controls.bar.after(index.box);
  const views = /* @__PURE__ */ new Map();
  const types = /* @__PURE__ */ new Map();
  const room = { width: 0, height: 0 };
  let rule = () => [0, false];
  let ruleKey = "";
  const measure = () => {
    const controlsHeight = root.offsetHeight - panelsBox.offsetHeight;
    room.width = panelsBox.clientWidth;
    room.height = Math.max(0, visibleHeight(root) - controlsHeight - SPARE);
  };
  const resized = new ResizeObserver(() => {
    measure();
    strip.update(controls.slider, true);
    if (relayout()) update();
  });
  resized.observe(root);
  const onWindow = () => {
    measure();
    if (relayout()) update();
  };
  window.addEventListener("resize", onWindow);
  const size = (node, width) => {
    if (!width) return;
    const height = node.naturalHeight || node.height;
    const [shown, pixelated] = controls.state.actual ? [width, false] : rule(width, height);
    node.style.width = shown ? `${shown}px` : "";
    node.classList.toggle("dvnb-pixelated", pixelated);
    node.classList.toggle("dvnb-fit", !controls.state.actual);
  };
  const look = { staged, size, follow: (node) => lensFollow(lens, node) };
  function relayout() {
    const sizes = [];
    let previews = true;
    for (const p of store.panels.values()) {
      const v = views.get(p.name);
      if (!v || v.group.style.display === "none") continue;
      if (p.kind === "series") previews = false;
      if (v.img.naturalWidth) sizes.push([v.img.naturalWidth, v.img.naturalHeight]);
    }
    const paired = store.pinned !== null;
    const r = {
      width: room.width,
      height: room.height,
      gap: GAP,
      chrome: CAPTION + (paired && pin.ui.mode !== "side" ? PAIR_EXTRA : 0),
      columns: paired ? 2 : 1,
      itemPerRow: paired
    };
    const key = JSON.stringify([sizes, r, previews]);
    if (key === ruleKey || !room.width) return false;
    ruleKey = key;
    rule = scaleRule(sizes, r, previews);
    return true;
  }
  function panelView(p) {
    let v = views.get(p.name);
    if (!v) {
      const img = el("img", { class: "dvnb-img", alt: p.name });
      const cap = el("figcaption", { class: "dvnb-caption" });
      const fig = el(
        "figure",
        { class: "dvnb-panel", "data-name": p.name, "data-kind": p.kind },
        [staged(img, p.name), cap]
      );
      img.addEventListener("load", () => {
        if (!types.has(p.name)) {
          types.set(p.name, null);
          colourType(img.src).then((t) => {
            types.set(p.name, t);
            update();
          });
        }
        afterLoads();
      });
      const slot = pinSlot(store, p, pin.ui, look);
      const group = el("div", { class: "dvnb-group" }, [fig, slot.node]);
      panelsBox.append(group);
      v = { fig, img, cap, slot, group };
      views.set(p.name, v);
    }
    return v;
  }
  let loadsPending = false;
  function afterLoads() {
    if (loadsPending) return;
    loadsPending = true;
    requestAnimationFrame(() => {
      loadsPending = false;
      relayout();
      update();
    });
  }
  function toneApplies() {
    let grey = false, colour = false;
    for (const [name, t] of types) {
      const v = views.get(name);
      if (!t || !v || v.group.style.display === "none") continue;
      if (t.startsWith("grey")) grey = true;
      else colour = true;
    }
    toneBar.applies(grey, colour);
  }
  function update() {
    root.classList.toggle(`dvnb-live-${uid}`, store.connected);
    hideStatic(uid, store.connected);
    let series = 0, shown = 0;
    index.sync();
    for (const p of store.panels.values()) if (p.kind === "series" && index.shows(p.name)) series++;
    grid.apply(panelsBox, series);
    const paired = store.pinned !== null;
    panelsBox.classList.toggle("dvnb-paired", paired && !grid.state.on);
    pin.box.hidden = !series || store.steps.length < 2;
    exporter.update();
    if (!room.width && root.isConnected) measure();
    relayout();
    for (const p of store.panels.values()) {
      const v = panelView(p);
      const visible = grid.shows(p.name) && index.shows(p.name);
      v.group.style.display = visible ? "" : "none";
      if (!visible) continue;
      if (p.kind === "series") shown++;
      const frame = store.frameFor(p);
      const url = showFrame(v.img, store, frame, p);
      v.fig.dataset.step = frame ? frame.step : "";
      const selected = paired ? null : selectedStep(store);
      const single = p.kind === "single";
      setCaption(v.cap, frameCaption(
        p.name,
        frame,
        url,
        v.img,
        selected,
        single ? "" : frameFacts(store, frame, fmt)
      ));
      markFrame(v.fig, single ? null : frame, selected);
      size(v.img, v.img.naturalWidth);
      if (grid.state.on && !controls.state.actual) sizeTile(v.img, grid.state.tile);
      v.slot.update();
    }
    grid.counted(shown, series);
    toneApplies();
    controls.update();
    pin.update();
    strip.update(controls.slider);
  }
  store.listeners.add(update);
  const forget = rememberTools(model, { lens, tone, grid }, () => update());
  update();
  return () => {
    forget();
    index.dispose();
    store.listeners.delete(update);
    controls.dispose();
    exporter.dispose();
    annotations.dispose();
    resized.disconnect();
    window.removeEventListener("resize", onWindow);
  };
}

// src/main.js
function renderBoardWithExport(ctx) {
  const cleanup = renderBoard(ctx);
  const toolbar = ctx.el.querySelector(".dvnb-toolbar") || ctx.el;
  const dispose = exportInto(toolbar, storeFor(ctx.model), ctx.model);
  return () => {
    dispose();
    if (cleanup) cleanup();
  };
}
function render(ctx) {
  return (ctx.model.get("columns") || []).length || ctx.model.get("board") ? renderBoardWithExport(ctx) : renderRun(ctx);
}
var main_default = { initialize, render };
export {
  main_default as default
};
