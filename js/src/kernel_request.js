// A view's requests to its kernel (Export GIF, Save HTML), answered by custom messages
// of one type that carry the request's id. Views of one model share its messages: only
// the view that asked acts on an answer.

import { el } from "./dom.js";

let ids = 0;

// A button for such an action.
export function actionButton(cls, text, label, title) {
  return el("button", { class: cls, text, "aria-label": label, title });
}

// ``onReply(msg, buffers)`` gets each answer to a request sent with ``send``; an answer
// with an ``error`` is said in ``note`` instead, after ``failed(msg)`` ("could not save
// x.html"). ``many``: a request may be answered more than once (a GIF per series), so
// its id stays known.
export function kernelRequests(model, reply, { note, failed, many = false }, onReply) {
  const mine = new Set();
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
    dispose: () => model.off("msg:custom", onMsg),
  };
}

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
