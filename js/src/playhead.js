// The playhead: which step the views show, over the union of the series' steps, moved
// by the user, by Play, or following the newest frame as it arrives.

import { bisectRight } from "./sorted.js";
import { Painter } from "./paint.js";

export class Playhead extends Painter {
  constructor() {
    super();
    this.steps = []; // union of the series' steps, sorted
    this.step = null; // the selected step
    this.pinned = null; // a step to compare the selected one with, or null
    this.following = true;
    this.playing = null;
    this.fps = 5;
  }

  lastStep() {
    return this.steps.length ? this.steps[this.steps.length - 1] : null;
  }

  select(step, byUser) {
    if (!this.steps.length) return;
    this.step = step;
    if (byUser) this.following = step === this.lastStep();
    this.changed(true);
  }

  selectIndex(i, byUser) {
    const n = this.steps.length;
    if (!n) return;
    this.select(this.steps[Math.max(0, Math.min(n - 1, i))], byUser);
  }

  index() {
    if (!this.steps.length || this.step === null) return 0;
    return Math.max(0, bisectRight(this.steps, this.step) - 1);
  }

  // The steps the slider moves over (the store's are the axis' ticks, axis.js).
  ticks() { return this.steps; }

  // Where the selected step is on the slider: the last tick at or before it.
  tickIndex() {
    const ticks = this.ticks();
    if (!ticks.length || this.step === null) return 0;
    return Math.max(0, bisectRight(ticks, this.step) - 1);
  }

  selectTick(i, byUser) {
    const ticks = this.ticks(), n = ticks.length;
    if (!n) return;
    this.select(ticks[Math.max(0, Math.min(n - 1, i))], byUser);
  }

  nearest(step) {
    const n = this.steps.length;
    if (!n) return null;
    const i = bisectRight(this.steps, step);
    const cands = [this.steps[Math.max(0, i - 1)], this.steps[Math.min(n - 1, i)]];
    return cands.reduce((a, b) => (Math.abs(b - step) < Math.abs(a - step) ? b : a));
  }

  follow() {
    this.stop();
    this.following = true;
    this.step = this.lastStep();
    this.changed(true);
  }

  play() {
    if (this.playing || this.ticks().length < 2) return;
    this.following = false;
    const tick = () => {
      const i = this.tickIndex();
      this.selectTick(i + 1 >= this.ticks().length ? 0 : i + 1, false);
      this.playing = setTimeout(tick, 1000 / this.fps);
    };
    this.playing = setTimeout(tick, 1000 / this.fps);
    this.changed(true);
  }

  stop() {
    if (this.playing) clearTimeout(this.playing);
    this.playing = null;
    this.changed(true);
  }
}
