// dvclive-nb views: which view a model gets.

function render(ctx) {
  return (ctx.model.get("columns") || []).length || ctx.model.get("board")
    ? renderBoard(ctx) : renderPanels(ctx);
}

export default { initialize, render };
