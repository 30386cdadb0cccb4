// A view that remembers: the step and the view's settings live in the widget's synced
// state (`step`, `view_state`), so a page reload, a re-run of the cell (the kernel
// hands the new view the old one's state) and a notebook saved with its widget state
// bring the view back as it was. `step` is also the way in from Python and from
// ipywidgets.jslink: the page follows `change:step`.
//
// The page writes at most once per THROTTLE_MS, never per animation frame of Play (the
// step is written when Play stops), and while following a running run only every
// FOLLOW_MS: each write is a comm message the kernel handles when idle.

const THROTTLE_MS = 250;
const FOLLOW_MS = 2000;

export function viewState(model) { return { ...(model.get("view_state") || {}) }; }

// Write ``changes`` into view_state (merged) and, if given, the step; one save.
export function write(model, changes, step) {
  model.set("view_state", { ...viewState(model), ...changes });
  if (step !== undefined) model.set("step", step);
  model.save_changes();
}

// The playhead <-> `step` and `view_state.{following, pinned}`. Returns a disposer.
export function syncStep(store, model) {
  const start = viewState(model);
  const want = model.get("step");
  if (want !== null && want !== undefined && start.following !== true) {
    store.step = want; // before any frame: add() keeps it, frameFor() shows at-or-before
    store.following = false;
  }
  if (start.pinned !== undefined && start.pinned !== null) store.pinned = start.pinned;
  let sent = { step: want ?? null, following: store.following, pinned: store.pinned };
  let timer = null, last = 0;

  const flush = () => {
    timer = null;
    last = Date.now();
    if (store.playing) return; // Play's last step is written when it stops
    const now = { step: store.step, following: store.following, pinned: store.pinned };
    if (now.step === sent.step && now.following === sent.following && now.pinned === sent.pinned) return;
    sent = now;
    write(model, { following: now.following, pinned: now.pinned }, now.step);
  };
  const onStore = () => {
    if (store.playing || timer !== null) return;
    const same = store.step === sent.step && store.following === sent.following
      && store.pinned === sent.pinned;
    if (same) return;
    // Following a run that grows: the flag at once, the step now and then.
    const followingOnly = store.following && sent.following;
    const wait = Math.max(0, (followingOnly ? FOLLOW_MS : THROTTLE_MS) - (Date.now() - last));
    timer = setTimeout(flush, wait);
  };
  // From Python, a jslink'ed slider or another view: select that step (at or before it).
  const onModel = () => {
    const step = model.get("step");
    if (step === null || step === undefined || step === store.step) return;
    sent = { ...sent, step };
    if (store.playing) store.stop();
    if (store.steps.length) store.select(step, true);
    else { store.step = step; store.following = false; store.changed(true); }
    sent.following = store.following;
  };
  store.listeners.add(onStore);
  model.on("change:step", onModel);
  return () => {
    store.listeners.delete(onStore);
    model.off("change:step", onModel);
    if (timer !== null) clearTimeout(timer);
  };
}

// Zoom, tone and grid of one rendered view <-> `view_state.{zoom, tone, grid}`.
// ``tools`` holds whichever of {lens, tone, grid} the view has. Returns a disposer.
export function rememberTools(model, tools, repaint) {
  const { lens, tone, grid } = tools;
  const start = viewState(model);
  if (lens && start.zoom) { Object.assign(lens, start.zoom); lens.clamp(); }
  if (tone && start.tone) tone.set(start.tone);
  if (grid && start.grid && grid.restore) grid.restore(start.grid);
  let timer = null;
  const save = () => {
    timer = null;
    const changes = {};
    if (lens) changes.zoom = { k: lens.k, x: lens.x, y: lens.y };
    if (tone) changes.tone = { brightness: tone.brightness, contrast: tone.contrast, auto: tone.auto, map: tone.map };
    if (grid) changes.grid = { filter: grid.state.filter, tile: grid.state.tile };
    const old = viewState(model);
    if (Object.keys(changes).every((k) => JSON.stringify(old[k]) === JSON.stringify(changes[k]))) return;
    write(model, changes);
  };
  const later = () => { if (timer === null) timer = setTimeout(save, THROTTLE_MS); };
  if (lens) lens.listeners.add(later);
  if (tone) tone.listeners.add(later);
  if (grid) grid.onSaved = later;
  if (repaint && (start.zoom || start.tone || start.grid)) repaint();
  return () => {
    if (lens) lens.listeners.delete(later);
    if (tone) tone.listeners.delete(later);
    if (timer !== null) { clearTimeout(timer); save(); }
  };
}

// The board's zoom and layout (compare mode, the two runs it pairs, the colour scale, the
// swipe and which series are shown) <-> `view_state.{zoom, board}`. ``ui`` is
// board_view.js's layout state; its controls all fire "change" (or "input") events under
// ``root``, so one listener there notices any of them. Returns a disposer.
// Call it before the board's first update, which then lays the board out as restored.
export function rememberBoard(model, root, lens, ui) {
  const start = viewState(model);
  const b = start.board;
  if (b) {
    for (const k of ["mode", "scale"]) if (typeof b[k] === "string") ui[k] = b[k];
    for (const k of ["a", "b", "swipe"]) if (Number.isFinite(b[k])) ui[k] = b[k];
    if (Array.isArray(b.all) && Array.isArray(b.shown)) { ui.all = new Set(b.all); ui.shown = new Set(b.shown); }
  }
  const tools = rememberTools(model, { lens }, null);
  let timer = null;
  const save = () => {
    timer = null;
    const board = { mode: ui.mode, a: ui.a, b: ui.b, scale: ui.scale, swipe: ui.swipe,
      all: [...ui.all], shown: [...ui.shown] };
    if (JSON.stringify(viewState(model).board) !== JSON.stringify(board)) write(model, { board });
  };
  const later = () => { if (timer === null) timer = setTimeout(save, THROTTLE_MS); };
  root.addEventListener("change", later);
  root.addEventListener("input", later);
  // The selects show what ui says (the board sets the mode and the picks on each update).
  const scale = root.querySelector(".dvnb-scale");
  if (scale) scale.value = ui.scale;
  return () => {
    tools();
    root.removeEventListener("change", later);
    root.removeEventListener("input", later);
    root.removeEventListener("pointerup", later);
    if (timer !== null) { clearTimeout(timer); save(); }
  };
}
