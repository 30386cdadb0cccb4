// dvclive-nb's browser side, one anywidget module: a model's store lives from
// initialize; render draws a comparison board or one run's panels.

import { initialize } from "./model.js";
import { renderBoard } from "./board_view.js";
import { renderRun } from "./run_view.js";

function render(ctx) {
  return (ctx.model.get("columns") || []).length || ctx.model.get("board")
    ? renderBoard(ctx) : renderRun(ctx);
}

export default { initialize, render };
