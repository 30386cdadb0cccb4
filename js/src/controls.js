// The status line and the step controls, shared by the run view and the board.

import { el } from "./dom.js";
import { axisControls } from "./axis_bar.js";

const FPS = [1, 2, 5, 10, 20];

export function stepControls(store, model, onSize) {
  const slider = el("input", {
    type: "range", min: 0, max: 0, step: 1, value: 0, class: "dvnb-slider",
    "aria-label": "step", "data-lm-suppress-shortcuts": "true",
  });
  const playBtn = el("button", { class: "dvnb-play", text: "▶ Play", title: "Play / pause" });
  const speed = el("select", { class: "dvnb-speed", title: "frames per second", "aria-label": "speed" },
    FPS.map((f) => el("option", { value: f, text: `${f} fps` })));
  speed.value = String(store.fps);
  const stepBox = el("input", {
    type: "number", class: "dvnb-stepbox", title: "go to step", "aria-label": "go to step",
    "data-lm-suppress-shortcuts": "true",
  });
  const latestBtn = el("button", { class: "dvnb-latest", text: "Latest", title: "follow the newest step" });
  const sizeBtn = el("button", { class: "dvnb-size", text: "1:1", title: "actual size", "aria-pressed": "false" });
  // The step shows in one place, its box (which also sets it); the readout says where
  // that is among the steps, and whether the view follows the newest. Its width is
  // fixed, so the slider beside it never moves as the text changes (issue 21).
  const count = el("span", { class: "dvnb-count" });
  const followingNote = el("span", { class: "dvnb-following", text: " · following" });
  const readout = el("span", { class: "dvnb-readout" }, [count, followingNote]);
  const stepLabel = el("label", { class: "dvnb-steplabel" },
    [el("span", { text: "step", "aria-hidden": "true" }), stepBox]);
  // What the kernel says about the source: following, finished, or why it cannot read.
  const status = el("div", { class: "dvnb-status", role: "status" });
  const axis = axisControls(store, model); // the slider's axis and stride (axis.js)
  const bar = el("div", { class: "dvnb-controls" },
    [playBtn, speed, slider, stepLabel, latestBtn, sizeBtn, readout, axis.box]);
  const onStatus = () => {
    status.textContent = model.get("status") || "";
    status.style.display = status.textContent ? "" : "none";
  };
  model.on("change:status", onStatus);
  onStatus();

  const state = { actual: false };
  // JupyterLab binds arrow keys at document level in command mode; keep them here.
  for (const input of [slider, stepBox]) input.addEventListener("keydown", (e) => e.stopPropagation());
  slider.addEventListener("input", () => { store.stop(); store.selectTick(Number(slider.value), true); });
  playBtn.addEventListener("click", () => (store.playing ? store.stop() : store.play()));
  speed.addEventListener("change", () => { store.fps = Number(speed.value); });
  latestBtn.addEventListener("click", () => store.follow());
  sizeBtn.addEventListener("click", () => {
    state.actual = !state.actual;
    sizeBtn.setAttribute("aria-pressed", String(state.actual));
    onSize();
  });
  const jump = () => {
    if (stepBox.value === "") return;
    const s = store.nearest(Number(stepBox.value));
    if (s !== null) { store.stop(); store.select(s, true); }
  };
  stepBox.addEventListener("change", jump);
  stepBox.addEventListener("keydown", (e) => { if (e.key === "Enter") jump(); });

  function update() {
    // The slider moves over the axis' ticks; the step box shows the step on screen.
    const ticks = store.ticks(), n = ticks.length;
    const i = store.tickIndex();
    bar.style.display = store.steps.length ? "" : "none";
    slider.max = Math.max(0, n - 1);
    slider.value = i;
    const step = store.steps.length ? store.steps[store.index()] : "";
    slider.setAttribute("aria-valuetext", n ? `step ${step}` : "no steps");
    slider.dataset.step = step;
    if (document.activeElement !== stepBox) stepBox.value = step;
    playBtn.textContent = store.playing ? "■ Pause" : "▶ Play";
    playBtn.setAttribute("aria-pressed", String(!!store.playing));
    latestBtn.setAttribute("aria-pressed", String(store.following));
    latestBtn.disabled = store.following;
    count.textContent = n ? `${i + 1} of ${n}` : "";
    // As wide as the longest count of this many steps ("61 of 61"), in tabular digits,
    // and room for three digits from the start: a live run's growing count moves nothing
    // before its 1000th step.
    count.style.minWidth = `${2 * Math.max(3, String(n).length) + 4}ch`;
    followingNote.style.visibility = store.following ? "" : "hidden";
    axis.update();
  }
  const dispose = () => { model.off("change:status", onStatus); axis.dispose(); };
  return { status, bar, slider, state, update, dispose };
}
