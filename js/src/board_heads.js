// A board's column heads: each column's name, the params that differ between the
// columns, its metrics at the slider's step (or its latest) and its status.

import { el } from "./dom.js";
import { bisectRight } from "./sorted.js";
import { axisOnly, fmt } from "./strip.js";

export function head(store, col, i) {
  const node = el("div", { class: "dvnb-head", "data-column": i }, [
    el("div", { class: "dvnb-head-name" }), el("div", { class: "dvnb-head-params" }),
    el("div", { class: "dvnb-head-metrics" }), el("div", { class: "dvnb-head-status" })]);
  fillHead(store, node, col, i);
  return node;
}

// Column ``i``'s metrics at the selected step, from the rows the kernel sends as
// "<column>:<metric>" (the last row at or before the step), or its latest ones (from
// metrics.json) when it sent no rows.
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

// The column's name, the params that differ between the columns, its metrics.
export function fillHead(store, node, col, i) {
  const params = Object.entries(col.params || {}).map(([k, v]) => `${k}=${v}`).join(" · ");
  // Grouped columns say their group; "≠" marks the params that differ (col.differ).
  const name = col.group ? `${col.group} · ${col.name}` : col.name;
  const texts = [name, params && `≠ ${params}`, metricsText(store, col, i), col.status || ""];
  [...node.children].forEach((child, k) => {
    if (child.textContent !== texts[k]) child.textContent = texts[k];
  });
}
