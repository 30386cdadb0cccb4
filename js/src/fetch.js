// Asking the kernel for frames this page lists without their bytes (sent before this
// module loaded, or evicted), and what its answers say.

import { bisectRight } from "./sorted.js";
import { held } from "./memory.js";

const RETRY_MS = 2000; // a frame the kernel could not read for now is asked for again

export class Fetcher {
  constructor(send) {
    this.send = send;
    this.pending = new Set(); // seqs asked for and not answered yet
  }

  // Ask for the frame shown and its neighbours (the next ones first: Play and → go
  // that way), in one message. Sources with slow reads send only what is asked for.
  around(p, frame) {
    const want = [];
    const now = Date.now();
    const ask = (f) => {
      if (f && !held(f) && !f.gone && !this.pending.has(f.seq) && !(f.retryAt > now)) {
        this.pending.add(f.seq);
        want.push(f.seq);
      }
    };
    ask(frame);
    if (p && p.kind === "series") {
      const i = bisectRight(p.steps, frame.step) - 1;
      for (const j of [i + 1, i + 2, i + 3, i + 4, i - 1, i - 2]) {
        if (j >= 0 && j < p.steps.length) ask(p.frames.get(p.steps[j]));
      }
    }
    if (want.length) this.send({ type: "fetch", seqs: want });
  }

  // The kernel's answer for ``frame``, which this page lists already. ``later()`` runs
  // when a frame it could not read for now may be asked for again.
  answered(frame, meta, later) {
    if (meta.gone) frame.gone = true; // the kernel could not read it: stop asking
    if (meta.retry) { // it could not read it now (a network, a cache): later
      frame.retryAt = Date.now() + RETRY_MS;
      setTimeout(later, RETRY_MS);
    }
    this.pending.delete(frame.seq);
  }
}
