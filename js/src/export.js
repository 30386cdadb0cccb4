// The Export action. The kernel writes each series of the view as an
// animated GIF, once it is idle, and this page downloads them: one file per series,
// each named on the button's title and in the note as it arrives (issue 21: two files
// came down and the note named one). Save HTML sits beside it (save_html.js).
// In a shared file (the model's `shared` trait) there is no kernel: both are absent.

import { el } from "./dom.js";
import { download, saveHtmlControls } from "./save_html.js";

let exportIds = 0;

export function exportControls(store, model) {
  const button = el("button", { class: "dvnb-export", text: "Export GIF", "aria-label": "export",
    title: "download each series as an animated GIF (answered once the kernel is idle)" });
  const note = el("span", { class: "dvnb-export-note", role: "status" });
  const save = saveHtmlControls(model, note);
  const mine = new Set(); // request ids sent from this view: only it downloads
  const seriesNames = () => [...store.panels.values()]
    .filter((p) => p.kind === "series" && p.steps.length).map((p) => p.name);
  const fileOf = (name) => `${name.replace(/\//g, "_")}.gif`;
  let done = [];
  button.addEventListener("click", () => {
    const names = seriesNames();
    if (!names.length) return;
    done = [];
    const id = `${model.get("uid")}-${++exportIds}-${Date.now()}`;
    mine.add(id);
    note.textContent = `exporting ${names.map(fileOf).join(", ")} (once the kernel is idle)…`;
    model.send({ type: "export", names, fps: store.fps, id });
  });
  const onMsg = (msg, buffers) => {
    if (!msg || msg.type !== "exported" || !mine.has(msg.id)) return;
    if (msg.error) {
      note.textContent = `could not export ${msg.name}: ${msg.error}`;
      return;
    }
    download(buffers[0], "image/gif", msg.filename);
    done.push(msg.filename);
    note.textContent = `downloaded ${done.join(", ")}`;
    note.dataset.exported = [note.dataset.exported, msg.filename].filter(Boolean).join(" ");
  };
  model.on("msg:custom", onMsg);
  const box = el("span", { class: "dvnb-export-box" }, [button, save.button, note]);
  const shared = !!model.get("shared");
  const update = () => {
    const names = seriesNames();
    // Export GIF where there is a series to export; Save HTML wherever there is a view.
    button.hidden = !names.length;
    box.hidden = shared || !store.panels.size;
    button.textContent = names.length > 1 ? `Export ${names.length} GIFs` : "Export GIF";
    button.title = `download ${names.map(fileOf).join(", ")}: each series as an animated GIF `
      + "(answered once the kernel is idle)";
  };
  const dispose = () => { model.off("msg:custom", onMsg); save.dispose(); };
  return { box, update, dispose };
}

// The board's export box, in ``parent``, kept up to date by the store; returns its
// dispose.
export function exportInto(parent, store, model) {
  const exporter = exportControls(store, model);
  parent.append(exporter.box);
  const follow = () => exporter.update();
  store.listeners.add(follow);
  follow();
  return () => { store.listeners.delete(follow); exporter.dispose(); };
}
