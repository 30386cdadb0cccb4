// dvclive-nb's browser side, one anywidget module: a model's store lives from
// initialize; render draws a comparison board or one run's panels.

import { initialize } from "./model.js";
import { renderBoard } from "./board_view.js";
import { renderRun } from "./run_view.js";
import { exportInto } from "./export.js";
import { storeFor } from "./store.js";

// The board's Export GIF and Save HTML go at the end of its toolbar (board_view.js
// lays the board out; the export box is the same as a run's).
function renderBoardWithExport(ctx) {
  const cleanup = renderBoard(ctx);
  const toolbar = ctx.el.querySelector(".dvnb-toolbar") || ctx.el;
  const dispose = exportInto(toolbar, storeFor(ctx.model), ctx.model);
  return () => { dispose(); if (cleanup) cleanup(); };
}

function render(ctx) {
  return (ctx.model.get("columns") || []).length || ctx.model.get("board")
    ? renderBoardWithExport(ctx) : renderRun(ctx);
}

export default { initialize, render };
