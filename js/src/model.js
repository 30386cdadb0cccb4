// A model's life in the page: frames, metrics and resets from the kernel go into its
// store, which asks at once for what it missed.

import { storeFor, closeStore } from "./store.js";
import { hideStatic } from "./dom.js";
import { syncStep } from "./remember.js";
import { receiveBoxes } from "./annotations.js";

const EAGER_BLOBS = 64; // a message this small is live frames, not a reply

export function initialize({ model }) {
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
  onFrame(false); // a restored or already-set frame: shown, but proves no kernel
  // Ask for what this page does not hold: frames sent before this module loaded, or all
  // of them after a page reload. The kernel answers once it is idle.
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
