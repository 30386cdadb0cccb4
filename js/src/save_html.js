// The Save HTML action: the kernel builds this view as one self-contained HTML file
// (dvclive_nb._share.answer_save_html, the same page as dvclive_nb.to_html), once it is
// idle, and this page downloads it under the name it was asked for, with the note of
// what was kept (steps, series, size options).

import { actionButton, kernelRequests, download } from "./kernel_request.js";

// A name for the file from what the view shows: its runs (a board) or its series.
function fileName(model) {
  const cols = model.get("columns") || [];
  const parts = cols.length ? cols.map((c) => c.name)
    : (model.get("panels") || []).filter((p) => p.kind === "series").map((p) => p.name);
  const stem = parts.join("-").replace(/[^\w.-]+/g, "_").replace(/^[._]+/, "").slice(0, 60);
  return `${stem || "dvclive-nb"}.html`;
}

export function saveHtmlControls(model, note) {
  const button = actionButton("dvnb-save-html", "Save HTML", "save html",
    "download this view as one HTML file that opens offline, with no kernel "
      + "(answered once the kernel is idle)");
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
