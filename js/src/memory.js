// What a page keeps of the frames' bytes: Blobs made when the page is idle, and past the
// memory cap the oldest frames' bytes dropped (they stay listed, and are fetched again
// from the kernel, which reads them from disk, when shown).
//
// A frame is {seq, step, mime, data, blob, src, size, url, gone}: its bytes are in ``data``
// (the JS heap, as they came) or in ``blob`` (outside it, in Chromium), or ``src`` is a
// data: URL of them (a shared file's, see share.js), or none of these.

export function held(frame) { return !!(frame.data || frame.blob || frame.src); }

// Making a Blob costs an IPC in Chromium: done for a frame about to be shown, for the
// newest frames of a live message, and for the rest when the page is idle.
export function toBlob(frame) {
  if (frame.data) { frame.blob = new Blob([frame.data], { type: frame.mime }); frame.data = null; }
}

export class Memory {
  // ``capBytes()``: the cap now; ``isShown(frame)``: whether a view shows it now.
  constructor(capBytes, isShown) {
    this.capBytes = capBytes;
    this.isShown = isShown;
    this.bytes = 0;
    this.evictQueue = []; // frames in arrival order, for eviction
    this.evictHead = 0;
    this.toBlob = []; // frames whose bytes are still in the JS heap
    this.blobbing = false;
    this.eager = false; // set while a live message's newest frames are added
  }

  account(frame) {
    frame.size = frame.data ? frame.data.byteLength : frame.blob ? frame.blob.size
      : Math.floor(frame.src.length * 3 / 4);
    this.bytes += frame.size;
    if (frame.data && this.eager) toBlob(frame);
    else if (frame.data) this.keep(frame);
    this.evictQueue.push(frame);
    const cap = this.capBytes();
    // Past the cap, drop the oldest frames' bytes.
    let tries = this.evictQueue.length - this.evictHead - 1;
    while (this.bytes > cap && tries-- > 0) {
      const old = this.evictQueue[this.evictHead++];
      if (!held(old)) continue;
      if (this.isShown(old)) this.evictQueue.push(old); // on show: its turn comes later
      else this.drop(old);
    }
    if (this.evictHead > 4096) { this.evictQueue = this.evictQueue.slice(this.evictHead); this.evictHead = 0; }
  }

  drop(frame) {
    if (held(frame)) this.bytes -= frame.size;
    if (frame.url && frame.url.startsWith("blob:")) URL.revokeObjectURL(frame.url);
    frame.data = null;
    frame.blob = null;
    frame.src = null;
    frame.size = 0;
    frame.url = null;
  }

  keep(frame) {
    // Received bytes wait in the JS heap; when the page is idle they become Blobs, which
    // Chromium keeps outside it. (A Blob per frame as it arrives cost ~0.2 ms each.)
    this.toBlob.push(frame);
    if (this.blobbing) return;
    this.blobbing = true;
    const idle = globalThis.requestIdleCallback || ((fn) => setTimeout(() => fn({ timeRemaining: () => 8 }), 50));
    const work = (deadline) => {
      while (this.toBlob.length && deadline.timeRemaining() > 1) toBlob(this.toBlob.pop());
      if (this.toBlob.length) idle(work);
      else this.blobbing = false;
    };
    idle(work);
  }
}
