// dvclive-nb views: the comparison board (see compare.py).

function renderBoard(ctx) { return renderPanels(ctx); }
