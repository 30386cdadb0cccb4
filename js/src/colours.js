// The colours of boxes and label masks, the same in every view and session (annotate.js
// draws with them, annotate_bar.js shows them beside each label and class).

// Colours that read on JupyterLab's Light and Dark themes alike (mid lightness,
// saturated: Trubetskoy's distinct colours without white, black and the pastels).
export const PALETTE = [
  [230, 25, 75], [60, 180, 75], [0, 130, 200], [245, 130, 48], [145, 30, 180],
  [70, 200, 200], [240, 50, 230], [210, 190, 0], [0, 128, 128], [170, 110, 40],
  [128, 128, 0], [100, 100, 255],
];

// A label's colour: a hash of its text, so it is the same in every view and session.
export function labelColour(label) {
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < label.length; i++) { h ^= label.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return PALETTE[(h >>> 0) % PALETTE.length];
}

// A class value's colour: the palette in order, then hues a golden angle apart, so that
// every value of a mask (1..255) gets a colour of its own.
export function classColour(v) {
  if (v >= 1 && v <= PALETTE.length) return PALETTE[v - 1];
  const h = (v * 137.508) % 360, s = 0.75, l = 0.55;
  const k = (n) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [f(0), f(8), f(4)].map((x) => Math.round(x * 255));
}

export const css = (rgb) => `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`;
export const BLENDS = [["normal", "normal"], ["additive", "plus-lighter"], ["difference", "difference"]];
