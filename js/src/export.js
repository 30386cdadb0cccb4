// The Export action. The kernel writes each series of the view as an
// animated GIF, once it is idle, and this page downloads them: one file per series,
// each named on the button's title and in the note as it arrives (issue 21: two files
// came down and the note named one). Save HTML sits beside it (save_html.js).
// In a shared file (the model's `shared` trait) there is no kernel: both are absent.

import { el } from "./dom.js";
import { saveHtmlControls } from "./save_html.js";
import { actionButton, kernelRequests, download } from "./kernel_request.js";

export function exportControls(store, model) {
  const button = actionButton("dvnb-export", "Export GIF", "export",
    "download each series as an animated GIF (answered once the kernel is idle)");
  const note = el("span", { class: "dvnb-export-note", role: "status" });
  const save = saveHtmlControls(model, note);
  const seriesNames = () => [...store.panels.values()]
    .filter((p) => p.kind === "series" && p.steps.length).map((p) => p.name);
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
    const names = seriesNames();
    if (!names.length) return;
    done = [];
    note.textContent = `exporting ${names.map(fileOf).join(", ")} (once the kernel is idle)…`;
    requests.send({ type: "export", names, fps: store.fps });
  });
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
  const dispose = () => { requests.dispose(); save.dispose(); };
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
