// When the views of a store repaint: what the user does at once, what arrives at most
// once per animation frame.

export class Painter {
  constructor() {
    this.listeners = new Set(); // each view's update()
    this.scheduled = false;
    this.urgent = false;
  }

  changed(byUser = false) {
    // What the user does shows at once. What arrives is painted at most once per
    // animation frame: frames can come faster than a screen shows them (3 series at
    // 100 steps a second), and only the last of a burst is decoded. A hidden page gets
    // no animation frames: a timer stands in.
    if (byUser) {
      if (this.urgent) return;
      this.urgent = true;
      queueMicrotask(() => { this.urgent = false; this.repaint(); });
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => { this.scheduled = false; this.repaint(); };
    if (document.visibilityState === "visible") requestAnimationFrame(run);
    else setTimeout(run, 100);
  }

  repaint() {
    for (const fn of this.listeners) fn();
  }
}
