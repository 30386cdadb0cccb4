// Generated from js/src/share.js by `npm run build` in js/: edit that, not this file.
var dvclive_nb_share = (() => {
  var __defProp = Object.defineProperty;
  var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
  var __getOwnPropNames = Object.getOwnPropertyNames;
  var __hasOwnProp = Object.prototype.hasOwnProperty;
  var __export = (target, all) => {
    for (var name in all)
      __defProp(target, name, { get: all[name], enumerable: true });
  };
  var __copyProps = (to, from, except, desc) => {
    if (from && typeof from === "object" || typeof from === "function") {
      for (let key of __getOwnPropNames(from))
        if (!__hasOwnProp.call(to, key) && key !== except)
          __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
    }
    return to;
  };
  var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

  // src/share.js
  var share_exports = {};
  __export(share_exports, {
    FileKernel: () => FileKernel,
    FileModel: () => FileModel,
    start: () => start
  });
  function decode(text, at, length) {
    const chars = atob(text.substr(at, length));
    const out = new Uint8Array(chars.length);
    for (let i = 0; i < chars.length; i++) out[i] = chars.charCodeAt(i);
    return out;
  }
  var FileModel = class {
    constructor(traits, answer) {
      this.traits = { ...traits };
      this.answer = answer;
      this.handlers = /* @__PURE__ */ new Map();
    }
    get(key) {
      return this.traits[key];
    }
    set(key, value) {
      this.traits[key] = value;
      this.emit(`change:${key}`, value);
    }
    save_changes() {
    }
    // nothing to sync with: the file is the whole state
    on(event, callback) {
      if (!this.handlers.has(event)) this.handlers.set(event, []);
      this.handlers.get(event).push(callback);
    }
    off(event, callback) {
      if (!event) {
        this.handlers.clear();
        return;
      }
      if (!callback) {
        this.handlers.delete(event);
        return;
      }
      const list = this.handlers.get(event) || [];
      const i = list.indexOf(callback);
      if (i >= 0) list.splice(i, 1);
    }
    emit(event, ...args) {
      for (const callback of [...this.handlers.get(event) || []]) callback(...args);
    }
    send(msg) {
      this.answer(msg);
    }
  };
  var FileKernel = class {
    constructor(model, state, text) {
      this.model = model;
      this.frames = state.frames;
      this.metrics = state.metrics || [];
      this.text = text;
      this.newest = /* @__PURE__ */ new Set();
      const last = /* @__PURE__ */ new Map();
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
    }
    reply(seqs, withBytes) {
      const metas = [];
      const buffers = [];
      for (const seq of seqs) {
        const f = this.frames[seq];
        if (!f) continue;
        const meta = { seq: f.seq, name: f.name, kind: f.kind, step: f.step, mime: f.mime, buf: -1 };
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
        buffers.push(decode(m.steps, 0, m.steps.length), decode(m.values, 0, m.values.length));
      }
      this.model.emit("msg:custom", { type: "metrics", metrics: metas, reset: true }, buffers);
    }
  };
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
  function start(view, suffix = "") {
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
    (globalThis.__dvclive_nb_shares ??= []).push({ model, kernel });
    globalThis.__dvclive_nb_share = { model, kernel };
  }
  return __toCommonJS(share_exports);
})();
