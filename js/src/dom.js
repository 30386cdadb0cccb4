// Building the page: elements, and the static fallback's hiding.

export function el(tag, props = {}, children = []) {
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

// A labelled range input (the tone's and the layers' sliders) whose keys stay its own:
// JupyterLab's shortcuts would otherwise take them (data-lm-suppress-shortcuts for
// Lumino's, no bubbling for the notebook's own key handlers).
export function rangeInput(cls, label, min, max, step, value) {
  const input = el("input", { type: "range", class: cls, min, max, step, value,
    "aria-label": label, title: label, "data-lm-suppress-shortcuts": "true" });
  input.addEventListener("keydown", (e) => e.stopPropagation());
  return input;
}

// A caption kept on one line (cut with an ellipsis under a small image): its full text
// is its title.
export function setCaption(cap, text) {
  if (cap.textContent !== text) { cap.textContent = text; cap.title = text; }
}

export function hideStatic(uid, on) {
  // JupyterLab and Notebook 7 hide the static fallback with CSS the fallback carries
  // itself; hosts without their output classes (VS Code) get this page-wide rule while
  // a connected view of the model is on the page.
  const id = `dvnb-hide-${uid}`;
  const style = document.getElementById(id);
  if (on && !style) {
    document.head.append(el("style", { id, text: `.dvnb-static-${uid}{display:none}` }));
  } else if (!on && style) {
    style.remove();
  }
}
