// The Save HTML action: the kernel builds this view as one self-contained HTML file
// (dvclive_nb._share.answer_save_html, the same page as dvclive_nb.to_html), once it is
// idle, and this page downloads it under the name it was asked for, with the note of
// what was kept (steps, series, size options).

import { el } from "./dom.js";

let saveIds = 0;

// Hand ``bytes`` to the browser as a download named ``filename``.
export function download(bytes, type, filename) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = el("a", { href: url, download: filename, class: "dvnb-export-link" });
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

// A name for the file from what the view shows: its runs (a board) or its series.
function fileName(model) {
  const cols = model.get("columns") || [];
  const parts = cols.length ? cols.map((c) => c.name)
    : (model.get("panels") || []).filter((p) => p.kind === "series").map((p) => p.name);
  const stem = parts.join("-").replace(/[^\w.-]+/g, "_").replace(/^[._]+/, "").slice(0, 60);
  return `${stem || "dvclive-nb"}.html`;
}

export function saveHtmlControls(model, note) {
  const button = el("button", { class: "dvnb-save-html", text: "Save HTML", "aria-label": "save html",
    title: "download this view as one HTML file that opens offline, with no kernel "
      + "(answered once the kernel is idle)" });
  const mine = new Set(); // request ids sent from this view: only it downloads
  button.addEventListener("click", () => {
    const id = `${model.get("uid")}-html-${++saveIds}-${Date.now()}`;
    const filename = fileName(model);
    mine.add(id);
    note.textContent = `saving ${filename} (once the kernel is idle)…`;
    model.send({ type: "save_html", id, filename });
  });
  const onMsg = (msg, buffers) => {
    if (!msg || msg.type !== "saved_html" || !mine.has(msg.id)) return;
    mine.delete(msg.id);
    if (msg.error) {
      note.textContent = `could not save ${msg.filename}: ${msg.error}`;
      return;
    }
    download(buffers[0], "text/html", msg.filename);
    note.textContent = `downloaded ${msg.filename}: ${msg.note}`;
    note.dataset.saved = msg.filename;
  };
  model.on("msg:custom", onMsg);
  return { button, dispose: () => model.off("msg:custom", onMsg) };
}
