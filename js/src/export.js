// The Export action. The kernel writes each series of the view as an
// animated GIF, once it is idle, and this page downloads them: one file per series,
// each named on the button's title and in the note as it arrives (issue 21: two files
// came down and the note named one).

import { el } from "./dom.js";

let exportIds = 0;

export function exportControls(store, model) {
  const button = el("button", { class: "dvnb-export", text: "Export GIF", "aria-label": "export",
    title: "download each series as an animated GIF (answered once the kernel is idle)" });
  const note = el("span", { class: "dvnb-export-note", role: "status" });
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
    const url = URL.createObjectURL(new Blob([buffers[0]], { type: "image/gif" }));
    const link = el("a", { href: url, download: msg.filename, class: "dvnb-export-link" });
    link.style.display = "none";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    done.push(msg.filename);
    note.textContent = `downloaded ${done.join(", ")}`;
    note.dataset.exported = [note.dataset.exported, msg.filename].filter(Boolean).join(" ");
  };
  model.on("msg:custom", onMsg);
  // Offered only where there is a series to export; the button says how many files.
  const box = el("span", { class: "dvnb-export-box" }, [button, note]);
  const update = () => {
    const names = seriesNames();
    box.hidden = !names.length;
    button.textContent = names.length > 1 ? `Export ${names.length} GIFs` : "Export GIF";
    button.title = `download ${names.map(fileOf).join(", ")}: each series as an animated GIF `
      + "(answered once the kernel is idle)";
  };
  return { box, update,
    dispose: () => model.off("msg:custom", onMsg) };
}
